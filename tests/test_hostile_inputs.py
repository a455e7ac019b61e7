"""Hostile inputs through the command line: the exit code, one line that says what is wrong,
inputs byte for byte unchanged, and no partial output (no new file, no ``.part`` leftover).

Each case names the command (``{ws}`` is the case's workspace folder), the exit code, a fragment
of the message, and optionally a setup step (links, unwritable folders, a full disk).
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from glossalign import safe_io

ZH = "人工智能正在改变世界。\n网络空间命运共同体是我们的目标。\n数据是新的石油。\n"
EN = "Machine intelligence is changing the world.\nA shared future in cyberspace is our goal.\n" \
     "Data is the new oil.\n"
ZH_MORE = "今天天气很好。\n我们明天去北京。\n这本书很有意思。\n"
GLOSSARY = ("concept,lang,term,status\n"
            "ai,zh,人工智能,preferred\nai,en,artificial intelligence,preferred\n"
            "ai,en,machine intelligence,deprecated\n")
TBX_ENTITY_IN_ATTRIBUTE = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY boom "EXPANDED">]>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0">
<text><body><conceptEntry id="c&boom;"><langSec xml:lang="en"><termSec><term>foo</term>
</termSec></langSec></conceptEntry></body></text></tbx>
"""
TBX_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<tbx style="dca" xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body>
<conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&d;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
TBX_EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx style="dca" xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body>
<conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&secret;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


def make_workspace(ws: Path) -> None:
    """The inputs every case may use; all of them must come out unchanged."""
    files = {
        "zh.txt": ZH, "en.txt": EN, "zh-long.txt": ZH + ZH_MORE, "glossary.csv": GLOSSARY,
        "empty.txt": "",
        "unrelated.txt": "The weather is nice and I like cats.\n",
        "dict.tsv": "人工智能\tartificial intelligence\n",
        "pairs.tsv": "人工智能很重要。\tMachine intelligence matters.\n",
        "config.toml": "[rules]\nmissing-term = \"warning\"\n",
        "bad.toml": "[rules\nmissing-term = ",
        "unknown-rule.toml": "[rules]\nno-such-rule = \"off\"\n",
        "unclosed.csv": "concept,lang,term,status\nai,en,\"foo,preferred\nb,en,bar,preferred\n"
                        "c,en,baz,preferred\n",
        "noheader.csv": "a,b,c\n1,2,3\n",
        "shape.csv": "concept,lang,term,status\nc1,en,...,deprecated\nc1,en,dots,preferred\n"
                     "c2,en,colou?r,deprecated\nc2,en,hue,preferred\n",
        "entity.tbx": TBX_ENTITY_IN_ATTRIBUTE, "laughs.tbx": TBX_LAUGHS,
        "external.tbx": TBX_EXTERNAL, "broken.tmx": "<tmx><body><tu>",
        "manifest.jsonl": '{"id": "d1", "src_lang": "zh", "tgt_lang": "en", "source": "数据。", '
                          '"hypothesis": "Data.", "reference": "Data."}\n',
    }
    for name, text in files.items():
        (ws / name).write_text(text, encoding="utf-8")
    (ws / "latin1.txt").write_bytes("caf\xe9 cr\xe8me\n".encode("latin-1"))
    (ws / "garbage.csv").write_bytes(bytes(range(256)) * 4)
    (ws / "folder").mkdir()
    (ws / "model").mkdir()  # a local "model folder" with nothing to load in it
    (ws / "model" / "x.json").write_text("{}", encoding="utf-8")
    os.link(ws / "en.txt", ws / "en-hardlink.txt")
    (ws / "en-symlink.txt").symlink_to(ws / "en.txt")
    (ws / "glossary-link.csv").symlink_to(ws / "glossary.csv")
    (ws / "sentences").mkdir()
    (ws / "sentences" / "source.txt").write_text(ZH, encoding="utf-8")
    (ws / "batchout").mkdir()
    (ws / "batchout" / "results.jsonl").symlink_to(ws / "manifest.jsonl")
    (ws / "tok").mkdir()
    (ws / "tok" / "spm.model").write_text("training text\n", encoding="utf-8")


def full_disk(monkeypatch: pytest.MonkeyPatch, ws: Path) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_io.os, "fsync", no_space)


def read_only_folder(monkeypatch: pytest.MonkeyPatch, ws: Path) -> None:
    """Root may write anywhere, so the permission answer is what the test controls."""
    (ws / "readonly").mkdir()
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if Path(path).name == "readonly" and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(safe_io.os, "access", access)


def no_torch(monkeypatch: pytest.MonkeyPatch, ws: Path) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name in ("torch", "transformers") else real_find_spec(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


Setup = Callable[[pytest.MonkeyPatch, Path], None]


@dataclass(frozen=True)
class Case:
    id: str
    args: str
    code: int
    fragment: str
    setup: Setup | None = None
    new_files: tuple[str, ...] = field(default=())  # files the command may create

    def argv(self, ws: Path) -> list[str]:
        return [part.replace("{ws}", str(ws)) for part in self.args.split()]


CHECK = "check -g {ws}/glossary.csv --tgt-lang en"
FIX = "fix -g {ws}/glossary.csv --tgt-lang en -t {ws}/en.txt"
REPORT = "report -s {ws}/zh.txt --src-lang zh -t {ws}/en.txt --tgt-lang en"
ALIGN = "align -s {ws}/zh.txt --src-lang zh -t {ws}/en.txt --tgt-lang en"
TRANSLATE = "translate -s {ws}/zh.txt --src-lang zh --tgt-lang en"
SAME = "refusing to write over the input"

CASES = [
    # 1. inputs are never overwritten (by path, symlink or hard link)
    Case("fix-over-glossary", f"{FIX} -o {{ws}}/glossary.csv", 2, SAME),
    Case("fix-over-target", f"{FIX} -o {{ws}}/en.txt", 2, SAME),
    Case("fix-over-hardlink-of-target", f"{FIX} -o {{ws}}/en-hardlink.txt", 2, SAME),
    Case("fix-over-symlink-of-target", f"{FIX} -o {{ws}}/en-symlink.txt", 2, SAME),
    Case("fix-over-symlink-of-glossary", f"{FIX} -o {{ws}}/glossary-link.csv", 2, SAME),
    Case("report-over-glossary", f"{REPORT} -g {{ws}}/glossary.csv -o {{ws}}/glossary.csv", 2,
         SAME),
    Case("report-over-source", f"{REPORT} -o {{ws}}/zh.txt", 2, SAME),
    Case("align-over-glossary", f"{ALIGN} -g {{ws}}/glossary.csv -o {{ws}}/glossary.csv", 2, SAME),
    Case("align-tmx-over-glossary",
         f"{ALIGN} -g {{ws}}/glossary.csv --format tmx -o {{ws}}/glossary.csv", 2, SAME),
    Case("align-over-dictionary", f"{ALIGN} --dictionary {{ws}}/dict.tsv -o {{ws}}/dict.tsv", 2,
         SAME),
    Case("align-over-target-hardlink", f"{ALIGN} -o {{ws}}/en-hardlink.txt", 2, SAME),
    Case("align-write-sentences-over-source",
         "align -s {ws}/sentences/source.txt --src-lang zh -t {ws}/en.txt --tgt-lang en "
         "--write-sentences {ws}/sentences", 2, SAME),
    Case("translate-over-source", f"{TRANSLATE} --model {{ws}}/model -o {{ws}}/zh.txt", 2, SAME),
    Case("translate-report-over-glossary",
         f"{TRANSLATE} --model {{ws}}/model -g {{ws}}/glossary.csv -o {{ws}}/out.txt "
         "--report {ws}/glossary.csv", 2, SAME),
    Case("translate-over-model-file", f"{TRANSLATE} --model {{ws}}/model -o {{ws}}/model/x.json",
         2, SAME),
    Case("convert-over-itself", "glossary convert {ws}/glossary.csv {ws}/glossary-link.csv", 2,
         "refusing"),
    Case("batch-results-over-manifest",
         "batch {ws}/manifest.jsonl -o {ws}/batchout --quiet", 2, SAME),
    Case("tokenizer-over-corpus",
         "tokenizer train --corpus {ws}/tok/spm.model --vocab-size 8 -o {ws}/tok", 2, SAME),
    # 5. outputs that cannot be written: one line, exit 2, never 3
    Case("fix-output-is-folder", f"{FIX} -o {{ws}}/folder", 2, "is a folder"),
    Case("report-output-is-folder", f"{REPORT} -o {{ws}}/folder", 2, "is a folder"),
    Case("fix-output-folder-missing", f"{FIX} -o {{ws}}/missing/deeper/out.txt", 2,
         "does not exist"),
    Case("align-output-folder-missing", f"{ALIGN} -o {{ws}}/missing/beads.txt", 2,
         "does not exist"),
    Case("fix-output-folder-read-only", f"{FIX} -o {{ws}}/readonly/out.txt", 2, "not writable",
         read_only_folder, ("readonly",)),
    Case("fix-disk-full", f"{FIX} -o {{ws}}/out.txt", 2, "no space left on the device",
         full_disk),
    Case("report-disk-full", f"{REPORT} -o {{ws}}/out.html", 2, "no space left", full_disk),
    Case("align-disk-full", f"{ALIGN} -o {{ws}}/beads.txt", 2, "no space left", full_disk),
    Case("convert-disk-full", "glossary convert {ws}/glossary.csv {ws}/g.tbx", 2,
         "no space left", full_disk),
    Case("demo-output-is-a-file", "demo -o {ws}/en.txt", 2, "is a file"),
    Case("translate-without-torch", f"{TRANSLATE} --model {{ws}}/model -o {{ws}}/out.txt", 2,
         "glossalign[neural]", no_torch),
    Case("translate-hub-id-offline",
         f"{TRANSLATE} --model Helsinki-NLP/opus-mt-zh-en -o {{ws}}/out.txt", 2,
         "downloads are off"),
    # 5. the parser's errors: one line and a pointer to --help
    Case("missing-option", "check --tgt-lang en -t {ws}/en.txt", 2,
         "Try 'glossalign check --help'"),
    Case("unknown-command", "frobnicate", 2, "No such command"),
    Case("bad-number", "batch {ws}/manifest.jsonl -o {ws}/b2 --workers many", 2,
         "Try 'glossalign batch --help'"),
    Case("unknown-option", f"{CHECK} -t {{ws}}/en.txt --colour", 2, "No such option"),
    Case("bad-format-choice", f"{CHECK} -t {{ws}}/en.txt --format xml", 2, "--format must be"),
    # input files the user can fix
    Case("glossary-missing", "check -g {ws}/nope.csv --tgt-lang en -t {ws}/en.txt", 2, "nope.csv"),
    Case("glossary-binary", "check -g {ws}/garbage.csv --tgt-lang en -t {ws}/en.txt", 2,
         "garbage.csv"),
    Case("csv-unclosed-quote-names-its-line", "glossary validate {ws}/unclosed.csv", 2,
         "unclosed.csv:2: malformed table"),
    Case("csv-without-header", "glossary validate {ws}/noheader.csv", 2, "header lacks"),
    Case("tbx-entity-in-attribute", "glossary validate {ws}/entity.tbx", 2, "declares entities"),
    Case("tbx-billion-laughs", "glossary convert {ws}/laughs.tbx {ws}/out.csv", 2, "entities"),
    Case("tbx-external-entity", "glossary convert {ws}/external.tbx {ws}/out.csv", 2,
         "entities"),
    Case("target-not-utf8", f"{CHECK} -t {{ws}}/latin1.txt", 2, "UTF-8"),
    Case("target-is-folder", f"{CHECK} -t {{ws}}/folder", 2, "folder"),
    Case("pairs-broken-tmx", f"{CHECK} --src-lang zh --pairs {{ws}}/broken.tmx", 2, "broken.tmx"),
    Case("config-not-toml", f"{CHECK} -t {{ws}}/en.txt --config {{ws}}/bad.toml", 2, "TOML"),
    Case("config-unknown-rule", f"{CHECK} -t {{ws}}/en.txt --config {{ws}}/unknown-rule.toml", 2,
         "unknown rule"),
    Case("segment-missing-file", "segment {ws}/nope.txt --lang zh", 2, "nope.txt"),
    Case("score-missing-hyp", "score --hyp {ws}/nope.txt --ref {ws}/en.txt --tgt-lang en", 2,
         "nope.txt"),
    # 2. false clean results
    Case("check-empty-translation",
         f"{CHECK} -s {{ws}}/zh.txt --src-lang zh -t {{ws}}/empty.txt", 1, "implausible"),
    Case("check-unrelated-translation",
         f"{CHECK} -s {{ws}}/zh-long.txt --src-lang zh -t {{ws}}/unrelated.txt", 1, "omission"),
    Case("align-unrelated-translation",
         "align -s {ws}/zh-long.txt --src-lang zh -t {ws}/unrelated.txt --tgt-lang en", 1,
         "implausible alignment"),
    Case("validate-punctuation-and-regex-terms", "glossary validate {ws}/shape.csv", 1,
         "unmatchable-term"),
]


def digests(ws: Path) -> dict[str, str]:
    return {str(p.relative_to(ws)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(ws.rglob("*")) if p.is_file()}


def listing(ws: Path) -> set[str]:
    return {str(p.relative_to(ws)) for p in ws.rglob("*")}


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, cli: Callable[[list[str]], tuple[int, str, str]],
                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    make_workspace(ws)
    if case.setup is not None:
        case.setup(monkeypatch, ws)
    before, files_before = digests(ws), listing(ws)
    code, out, err = cli(case.argv(ws))
    assert code == case.code, (out, err)
    assert case.fragment in out + err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        message = [line for line in err.splitlines() if line.startswith("glossalign: error:")]
        assert len(message) == 1, err
        assert "╭" not in err  # no boxed panel
    assert digests(ws) == before, "an input changed"
    created = listing(ws) - files_before - set(case.new_files)
    assert not any(name.endswith(".part") for name in listing(ws))
    if code == 2:
        assert not created, f"partial output left behind: {created}"


def run_glossalign(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossalign", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})


SUBPROCESS_CASES = [
    (["fix", "-g", "glossary.csv", "--tgt-lang", "en", "-t", "en.txt", "-o", "en-hardlink.txt"],
     2, SAME),
    (["check", "--tgt-lang", "en"], 2, "Try 'glossalign check --help'"),
    (["glossary", "validate", "unclosed.csv"], 2, "unclosed.csv:2:"),
    (["check", "-g", "glossary.csv", "-s", "zh.txt", "--src-lang", "zh", "-t", "empty.txt",
      "--tgt-lang", "en"], 1, "implausible alignment"),
]


@pytest.mark.parametrize(("args", "code", "fragment"), SUBPROCESS_CASES,
                         ids=["hardlink", "usage", "csv-line", "empty-translation"])
def test_hostile_input_in_a_real_process(args: list[str], code: int, fragment: str,
                                         tmp_path: Path) -> None:
    make_workspace(tmp_path)
    before = digests(tmp_path)
    done = run_glossalign(*args, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert fragment in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert digests(tmp_path) == before


def test_offline_hub_id_fails_before_importing_transformers(tmp_path: Path) -> None:
    """The seconds go into importing torch; without that import the answer is immediate."""
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    probe = ("import sys\nfrom glossalign.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n"
             "    assert 'transformers' not in sys.modules and 'torch' not in sys.modules\n"
             "    raise\n")
    done = subprocess.run(
        [sys.executable, "-c", probe, "translate", "--model", "Helsinki-NLP/opus-mt-zh-en",
         "-s", "zh.txt", "--src-lang", "zh", "--tgt-lang", "en", "-o", "out.txt"],
        cwd=tmp_path, text=True, capture_output=True, timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path(__file__).parents[1])})
    assert done.returncode == 2, done.stderr
    assert "downloads are off" in done.stderr and "AssertionError" not in done.stderr
    assert not (tmp_path / "out.txt").exists()


def test_resume_with_another_manifest_is_refused(cli: Callable[[list[str]], tuple[int, str, str]],
                                                 tmp_path: Path) -> None:
    make_workspace(tmp_path)
    out = tmp_path / "run"
    code, _, err = cli(["batch", str(tmp_path / "manifest.jsonl"), "-o", str(out), "--quiet"])
    assert code == 0, err
    other = tmp_path / "other.jsonl"
    other.write_text((tmp_path / "manifest.jsonl").read_text(encoding="utf-8").replace(
        "Data.", "Info."), encoding="utf-8")
    code, _, err = cli(["batch", str(other), "-o", str(out), "--resume", "--quiet"])
    assert code == 2 and "another manifest" in err
    code, _, err = cli(["batch", str(tmp_path / "manifest.jsonl"), "-o", str(out), "--resume",
                        "--quiet"])
    assert code == 0, err


def test_the_python_api_refuses_to_fix_over_the_glossary(tmp_path: Path) -> None:
    import glossalign

    make_workspace(tmp_path)
    before = digests(tmp_path)
    with pytest.raises(glossalign.GlossalignError, match=SAME):
        glossalign.fix(tmp_path / "en.txt", glossary=tmp_path / "glossary.csv", tgt_lang="en",
                       output=tmp_path / "glossary-link.csv")
    assert digests(tmp_path) == before
