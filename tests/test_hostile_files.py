"""Hostile file contents through every command that reads them: the wrong encoding, NUL bytes,
devices, broken JSON and XML. Each case: exit code, a fragment of the one-line message (the file
and line where there is one), inputs unchanged, and nothing left behind on failure.

The cases came from a driver that ran every command against a corpus of hostile files; the
shared invariants are those of ``test_hostile_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_hostile_inputs import EN, GLOSSARY, ZH_MORE, Case, digests, listing

UTF16_NO_BOM = EN.encode("utf-16-le")
HOSTILE_FILES: dict[str, bytes] = {
    "utf16le.txt": UTF16_NO_BOM,
    "utf16be.txt": EN.encode("utf-16-be"),
    "utf16bom.txt": "\ufeff".encode("utf-16-le") + EN.encode("utf-16-le"),
    "nul.txt": b"Machine intelligence is here.\nData\x00 is oil.\n",
    "bad-byte.txt": EN.encode() + b"Fine.\nBad \xff here.\n",
    "utf16.csv": ("\ufeff" + GLOSSARY).encode("utf-16-le"),
    "nul.csv": GLOSSARY.encode().replace(b"machine", b"mach\x00ine"),
    "no-terms-zh.txt": ZH_MORE.encode(),
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "deep-ignore.json": b'{"ignore": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge-number.json": b'{"findings": [], "schema_version": ' + b"9" * 5000 + b"}",
    "deep.toml": b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep.jsonl": b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "huge-id.jsonl": b'{"id": ' + b"9" * 5000 + b', "src_lang": "zh", "tgt_lang": "en"}\n',
    "bad-severity.toml": b'[rules]\nmissing-term = "catastrophic"\n',
    "dup-header.csv": b"concept,lang,term,term,status\nai,en,a,b,preferred\n",
    "formula.csv": "concept,lang,term,status\nx,zh,安全,preferred\n"
                   "x,en,=SUM(A1:A9)*10,deprecated\nx,en,safe,preferred\n".encode(),
    "formula-check.csv": b"concept,lang,term,status\nx,en,bad,deprecated\nx,en,good,preferred\n",
    "formula.txt": b'=HYPERLINK("http://x","bad") is here\n',
    "entity.tmx": b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
                  b'<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>'
                  b'x</seg></tuv><tuv xml:lang="en"><seg>&s; y</seg></tuv></tu></body></tmx>\n',
}


CHECK = "check -g {ws}/glossary.csv --tgt-lang en"
SCORE = "score --ref {ws}/en.txt --tgt-lang en --hyp"
NUL = "holds a NUL byte"
CASES = [
    # UTF-16 without a byte-order mark is valid UTF-8 (a NUL after each ASCII letter): it was read
    # as text, every term search missed, and check passed the file as clean
    Case("check-utf16-without-bom", f"{CHECK} -t {{ws}}/utf16le.txt", 2, "utf16le.txt:1: " + NUL),
    Case("check-utf16be-without-bom", f"{CHECK} -t {{ws}}/utf16be.txt", 2, "utf16be.txt:1: " + NUL),
    Case("check-source-utf16", f"{CHECK} -t {{ws}}/en.txt -s {{ws}}/utf16le.txt --src-lang zh", 2,
         "utf16le.txt:1: " + NUL),
    Case("check-nul-on-line-2", f"{CHECK} -t {{ws}}/nul.txt", 2, "nul.txt:2: " + NUL),
    Case("check-utf16-with-bom", f"{CHECK} -t {{ws}}/utf16bom.txt", 2,
         "utf16bom.txt:1: is UTF-16"),
    Case("score-utf16-hypothesis", f"{SCORE} {{ws}}/utf16be.txt", 2, "utf16be.txt:1: " + NUL),
    Case("segment-utf16", "segment {ws}/utf16le.txt --lang en", 2, "utf16le.txt:1: " + NUL),
    Case("align-utf16-target", "align -s {ws}/zh.txt --src-lang zh -t {ws}/utf16le.txt "
         "--tgt-lang en", 2, "utf16le.txt:1: " + NUL),
    Case("report-nul-target", "report -s {ws}/zh.txt --src-lang zh -t {ws}/nul.txt --tgt-lang en "
         "-o {ws}/out.html -q", 2, "nul.txt:2: " + NUL),
    # without -q, "report: aligning" came before the error: two lines for one input error
    Case("report-error-is-the-only-line", "report -s {ws}/zh.txt --src-lang zh "
         "-t {ws}/bad-byte.txt --tgt-lang en -o {ws}/out.html", 2, "bad-byte.txt:5: not valid"),
    Case("translate-utf16-source", "translate --model {ws}/model -s {ws}/utf16le.txt --src-lang "
         "zh --tgt-lang en -o {ws}/out.txt", 2, "utf16le.txt:1: " + NUL),
    # fix sniffs the format first: the answer was "the extension says text but the content is
    # not", with neither the reason nor the line
    Case("fix-utf16-target", "fix -g {ws}/glossary.csv --tgt-lang en -t {ws}/utf16le.txt "
         "-o {ws}/out.txt", 2, "utf16le.txt:1: " + NUL),
    Case("fix-bad-byte-names-its-line", "fix -g {ws}/glossary.csv --tgt-lang en "
         "-t {ws}/bad-byte.txt -o {ws}/out.txt", 2, "bad-byte.txt:5: not valid UTF-8"),
    Case("fix-utf16-bom-target", "fix -g {ws}/glossary.csv --tgt-lang en -t {ws}/utf16bom.txt "
         "-o {ws}/out.txt", 2, "utf16bom.txt:1: is UTF-16"),
    # devices: /dev/zero was read until memory ran out (an internal error, exit 3)
    Case("check-target-dev-zero", f"{CHECK} -t /dev/zero", 2, "/dev/zero: is a device"),
    Case("segment-dev-zero", "segment /dev/zero --lang en", 2, "/dev/zero: is a device"),
    Case("config-dev-zero", f"{CHECK} -t {{ws}}/en.txt --config /dev/zero", 2,
         "/dev/zero: is a device"),
    Case("translate-dev-zero", "translate --model {ws}/model -s /dev/zero --src-lang zh "
         "--tgt-lang en -o {ws}/out.txt", 2, "/dev/zero: is a device"),
    Case("dev-null-is-an-empty-file", f"{CHECK} -t /dev/null", 0, "0 findings"),
    # an output folder made for a command that then failed stayed behind, empty
    Case("tokenizer-empty-corpus-leaves-no-folder", "tokenizer train --corpus {ws}/empty.txt "
         "--vocab-size 8 -o {ws}/new/tok", 2, "has no text"),
    Case("tokenizer-utf16-corpus-leaves-no-folder", "tokenizer train --corpus {ws}/utf16le.txt "
         "--vocab-size 8 -o {ws}/tok2", 2, "utf16le.txt:1: " + NUL),
    Case("write-sentences-folder-removed", "align -s {ws}/zh.txt --src-lang zh "
         "-t {ws}/nul.txt --tgt-lang en --write-sentences {ws}/sentences-out", 2, NUL),
    # JSON and TOML nested deeper than the parser recurses, or with a 5000-digit number: exit 3
    Case("decisions-nested-too-deeply", "apply -d {ws}/deep.json -s {ws}/zh.txt --src-lang zh "
         "-t {ws}/en.txt --tgt-lang en -o {ws}/applied", 2, "deep.json: not JSON: nested too"),
    Case("baseline-nested-too-deeply", f"{CHECK} -t {{ws}}/en.txt --baseline {{ws}}/deep.json",
         2, "deep.json: the baseline is not JSON: nested too deeply"),
    Case("baseline-number-too-long", f"{CHECK} -t {{ws}}/en.txt --baseline "
         "{ws}/huge-number.json", 2, "huge-number.json: the baseline is not JSON: a number"),
    Case("ignore-nested-too-deeply", f"{CHECK} -t {{ws}}/en.txt --ignore {{ws}}/deep-ignore.json",
         2, "deep-ignore.json: cannot parse the ignore file: nested too deeply"),
    Case("config-nested-too-deeply", f"{CHECK} -t {{ws}}/en.txt --config {{ws}}/deep.toml", 2,
         "deep.toml: not valid TOML: nested too deeply"),
    Case("manifest-nested-too-deeply", "batch {ws}/deep.jsonl -o {ws}/run -q", 2,
         "deep.jsonl:1: not valid JSON: nested too deeply"),
    Case("manifest-number-too-long", "batch {ws}/huge-id.jsonl -o {ws}/run -q", 2,
         "huge-id.jsonl:1: not valid JSON: a number too long"),
    # batch wrote run.json and results/ before it read --config
    Case("batch-bad-config-writes-nothing", "batch {ws}/manifest.jsonl -o {ws}/run -q "
         "--config {ws}/bad-severity.toml", 2, "bad-severity.toml: rule missing-term"),
    # a header naming a column twice was read from the first and silently lost the second
    Case("glossary-duplicate-header-column", "glossary validate {ws}/dup-header.csv", 2,
         "dup-header.csv:1: the header names column(s) term twice"),
    # option values the library passed on to sentencepiece, transformers or dask: exit 3
    Case("tokenizer-negative-seed", "tokenizer train --corpus {ws}/en.txt --vocab-size 8 "
         "-o {ws}/tok3 --seed -1", 2, "must not be negative"),
    Case("tokenizer-coverage-above-one", "tokenizer train --corpus {ws}/en.txt --vocab-size 8 "
         "-o {ws}/tok4 --character-coverage 2", 2, "--character-coverage must be in (0, 1]"),
    Case("dask-scheduler-not-an-address", "batch {ws}/manifest.jsonl -o {ws}/run -q "
         "--engine dask --scheduler nonsense", 2, "cannot reach the Dask scheduler nonsense"),
    Case("batch-negative-limit", "batch {ws}/manifest.jsonl -o {ws}/run -q --max-findings "
         "error=-1", 2, "'error=-1' is negative"),
    Case("batch-negative-bad-rows", "batch {ws}/manifest.jsonl -o {ws}/run -q --max-bad-rows "
         "-1", 2, "-1 is not in the range"),
    Case("translate-language-not-a-tag", "translate --model {ws}/model -s {ws}/zh.txt "
         "--src-lang en;rm --tgt-lang en -o {ws}/out.txt", 2, "not a BCP 47 language tag"),
    # both read the same standard input, so the source was the translation: a clean pass
    Case("two-inputs-from-stdin", f"{CHECK} -s - --src-lang zh -t -", 2,
         "only one input can be - (standard input)"),
    # a declared entity in a TMX/XLIFF file was never expanded, so it silently left the text
    Case("tmx-declares-entities", f"{CHECK} --pairs {{ws}}/entity.tmx --src-lang zh", 2,
         "entity.tmx:2: the DOCTYPE declares entities"),
    Case("fix-tmx-declares-entities", "fix -g {ws}/glossary.csv --tgt-lang en --src-lang zh "
         "-t {ws}/entity.tmx -o {ws}/fixed.tmx", 2, "entity.tmx:2: the DOCTYPE declares"),
    # the error did not say which glossary lacks the language
    Case("missing-language-names-the-glossary", "check -g {ws}/glossary.csv --tgt-lang fr "
         "-t {ws}/en.txt", 2, "glossary.csv: language 'fr': the glossary has no terms"),
    # score --html crashed (exit 3) when no glossary term occurs in the source
    Case("score-html-without-glossary-terms-in-source",
         "score --hyp {ws}/en.txt --ref {ws}/en.txt --tgt-lang en -s {ws}/no-terms-zh.txt "
         "--src-lang zh -g {ws}/glossary.csv --html {ws}/score.html", 0, "wrote"),
]
NEW_FILES = {"score-html-without-glossary-terms-in-source": {"score.html"}}


def make_workspace(ws: Path) -> None:
    from test_hostile_inputs import make_workspace as make_common

    make_common(ws)
    for name, data in HOSTILE_FILES.items():
        (ws / name).write_bytes(data)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(case: Case, cli: Callable[[list[str]], tuple[int, str, str]],
                      tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    make_workspace(ws)
    before, files_before = digests(ws), listing(ws)
    code, out, err = cli(case.argv(ws))
    assert code == case.code, (out, err)
    assert case.fragment in out + err, err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        message = [line for line in err.splitlines()
                   if line.strip() and not line.startswith("Try 'glossalign")]
        assert len(message) == 1 and message[0].startswith("glossalign: error:"), err
    after = digests(ws)
    assert {name: after.get(name) for name in before} == before, "an input changed"
    assert listing(ws) - files_before == NEW_FILES.get(case.id, set()), "an output left behind"


def test_utf16_text_is_not_silently_clean(cli: Callable[[list[str]], tuple[int, str, str]],
                                          tmp_path: Path) -> None:
    """The same translation in UTF-8 has a finding; in UTF-16 it must not pass as clean."""
    make_workspace(tmp_path)
    utf8 = cli(["check", "-g", str(tmp_path / "glossary.csv"), "--tgt-lang", "en",
                "-t", str(tmp_path / "en.txt")])
    utf16 = cli(["check", "-g", str(tmp_path / "glossary.csv"), "--tgt-lang", "en",
                 "-t", str(tmp_path / "utf16le.txt")])
    assert utf8[0] == 1 and utf16[0] == 2


def test_glossary_in_utf16_or_with_nul_names_the_file(
        cli: Callable[[list[str]], tuple[int, str, str]], tmp_path: Path) -> None:
    make_workspace(tmp_path)
    for where in ("utf16.csv:1: is UTF-16", "nul.csv:4: holds a NUL byte"):
        name = where.split(":")[0]
        code, _, err = cli(["glossary", "validate", str(tmp_path / name)])
        assert code == 2 and where in err and "Traceback" not in err, err


def _cells(path: Path) -> list[tuple[object, str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    return [(cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.startswith("=")]


@pytest.mark.parametrize("command", [
    ["glossary", "convert", "{ws}/formula.csv", "{ws}/out.xlsx"],
    ["check", "-g", "{ws}/formula-check.csv", "--tgt-lang", "en", "-t", "{ws}/formula.txt",
     "--format", "xlsx", "-o", "{ws}/out.xlsx"],
], ids=["glossary-convert", "check-report"])
def test_xlsx_cells_that_start_with_equals_stay_text(
        command: list[str], cli: Callable[[list[str]], tuple[int, str, str]],
        tmp_path: Path) -> None:
    """openpyxl wrote "=cmd|..." as a live formula (formula injection); now a text cell."""
    make_workspace(tmp_path)
    code, _, err = cli([part.replace("{ws}", str(tmp_path)) for part in command])
    assert code in (0, 1), err
    cells = _cells(tmp_path / "out.xlsx")
    assert cells and all(kind == "s" for _, kind in cells), cells


def test_the_xlsx_glossary_round_trips_a_formula_like_term(
        cli: Callable[[list[str]], tuple[int, str, str]], tmp_path: Path) -> None:
    make_workspace(tmp_path)
    assert cli(["glossary", "convert", str(tmp_path / "formula.csv"),
                str(tmp_path / "g.xlsx")])[0] == 0
    back = tmp_path / "back.csv"
    assert cli(["glossary", "convert", str(tmp_path / "g.xlsx"), str(back)])[0] == 0
    assert "x,en,=SUM(A1:A9)*10,deprecated" in back.read_text(encoding="utf-8")


def test_a_document_that_exhausts_memory_is_a_bad_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 40 MB one-line document made sacrebleu run out of memory; the batch died with
    tracebacks. The document is now a bad row and the others are kept."""
    from glossalign.pipeline.batch import document

    def exhaust(row: dict[str, object], context: object) -> dict[str, object]:
        raise MemoryError

    monkeypatch.setattr(document, "score_document", exhaust)
    row = document.score_row({"id": "d1", "location": "m.jsonl:1"}, None)  # type: ignore[arg-type]
    assert "out of memory" in str(row["error"])


def test_max_new_tokens_below_one_is_a_usage_error() -> None:
    from glossalign.errors import UsageError
    from glossalign.pipeline.translate.translator import translate_lines

    with pytest.raises(UsageError, match="--max-new-tokens must be at least 1"):
        translate_lines(["x"], "no-model-is-loaded", src_lang="zh", tgt_lang="en",
                        max_new_tokens=-1)


def test_running_out_of_memory_is_one_line_not_an_internal_error(
        cli: Callable[[list[str]], tuple[int, str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50 MB single-line source, segmented and aligned, passed a 4 GB limit: exit 3 and
    "internal error: MemoryError". Too large an input is the user's to split."""
    from glossalign.corpora import readers

    def exhaust(data: bytes, path: object, first_line: int = 1) -> str:
        raise MemoryError

    make_workspace(tmp_path)
    monkeypatch.setattr(readers, "decode_utf8", exhaust)
    code, _, err = cli(["segment", str(tmp_path / "en.txt"), "--lang", "en"])
    assert code == 2 and err.startswith("glossalign: error: out of memory")
    assert len(err.strip().splitlines()) == 1


def test_an_output_that_is_a_pipe_is_written_to_not_replaced(
        cli: Callable[[list[str]], tuple[int, str, str]], tmp_path: Path) -> None:
    """``-o /dev/null`` renamed a regular file over /dev/null (as root, for every process on the
    machine). Devices and pipes are now written in place; a FIFO stands in for the device here."""
    import os
    import stat
    import threading

    make_workspace(tmp_path)
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli(["fix", "-g", str(tmp_path / "glossary.csv"), "--tgt-lang", "en",
                        "-t", str(tmp_path / "en.txt"), "-o", str(pipe)])
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode), "the pipe was replaced by a file"
    assert received and b"Artificial intelligence" in received[0]


def test_a_line_longer_than_the_model_reads_is_cut_not_a_crash(tmp_path: Path) -> None:
    """The tokenizer cut at its own limit (512 tokens) while the encoder's position table held
    256: a long line raised IndexError inside the model (exit 3)."""
    from tiny_marian import build_demo_marian

    from glossalign.pipeline.translate.translator import translate_lines

    model = build_demo_marian(tmp_path / "model")
    result = translate_lines(["人工智能正在改变世界" * 80, "数据。"], str(model), src_lang="zh",
                             tgt_lang="en", num_beams=1)
    assert len(result.outputs) == 2
