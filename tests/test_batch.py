"""Batch runner: manifest formats, bad rows, thresholds and exit codes, resume after a crash."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from batch_fixtures import (
    GLOSSARY,
    jsonl_rows,
    offline,  # noqa: F401  (an autouse fixture: importing it applies it)
    write_glossary,
    write_jsonl,
)

from glossalign.cli import main
from glossalign.errors import InputError
from glossalign.eval.metrics import corpus_scores
from glossalign.pipeline.batch.manifest import open_manifest
from glossalign.pipeline.batch.results import read_results
from glossalign.pipeline.batch.runner import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ["我们构建人类命运共同体。", "发展人工智能。", "今天天气很好。", "人工智能改变世界。"]
REFERENCE = ["We build a community with a shared future for mankind.",
             "Develop artificial intelligence.", "The weather is nice today.",
             "Artificial intelligence changes the world."]
HYPOTHESES = [
    ["We build a community with a shared future for mankind.", "Develop machine intelligence.",
     "The weather is good today.", "Artificial intelligence changes the world."],
    ["We are building a community of destiny for mankind.", "Develop artificial intelligence.",
     "Today the weather is nice.", "Machine intelligence changes world."],
    ["We build the community with a shared future for mankind.",
     "Developing artificial intelligence.", "Weather nice today.",
     "The artificial intelligence is changing the world."],
]


def make_rows(count: int) -> list[dict[str, Any]]:
    """Documents with inline text: every third hypothesis variant, in order."""
    return [{"id": f"doc-{i:03d}", "src_lang": "zh", "tgt_lang": "en",
             "source": "\n".join(SOURCE), "reference": "\n".join(REFERENCE),
             "hypothesis": "\n".join(HYPOTHESES[i % len(HYPOTHESES)])} for i in range(count)]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def summary_of(outdir: Path) -> dict[str, Any]:
    return json.loads((outdir / "summary.json").read_text(encoding="utf-8"))


# -- scores -------------------------------------------------------------------------------------

def test_corpus_scores_from_statistics_equal_sacrebleu_on_the_concatenation(tmp_path: Path) -> None:
    rows = make_rows(6)
    manifest = write_jsonl(tmp_path / "m.jsonl", rows)
    outcome = run_batch(BatchOptions(manifest, tmp_path / "out", write_glossary(tmp_path),
                                     chunk_size=4))
    hyps = [line for r in rows for line in r["hypothesis"].split("\n")]
    refs = [line for r in rows for line in r["reference"].split("\n")]
    direct = corpus_scores(hyps, [refs], "en")
    corpus = outcome.summary["corpus"]
    assert corpus["bleu"] == pytest.approx(direct["bleu"].score, abs=1e-9)
    assert corpus["chrf"] == pytest.approx(direct["chrf++"].score, abs=1e-9)
    assert corpus["ter"] == pytest.approx(direct["ter"].score, abs=1e-9)
    assert 0 < corpus["bleu"] < 100
    # 3 occurrences per document; hypothesis variant 0 has 1 forbidden rendering, variant 1 has 2,
    # variant 2 none; each variant is used by 2 of the 6 documents.
    assert corpus["term_occurrences"] == 18
    assert corpus["term_forbidden"] == 2 * 1 + 2 * 2
    assert corpus["term_accuracy"] == pytest.approx(12 / 18)
    assert corpus["findings"]["error"] >= 6
    assert outcome.summary["pairs"]["zh-en"]["bleu"] == corpus["bleu"]


def test_every_row_lands_once_in_jsonl_and_parquet(tmp_path: Path) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(7))
    run_batch(BatchOptions(manifest, tmp_path / "out", chunk_size=3))
    parts = sorted((tmp_path / "out" / "results").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00001.parquet", "part-00002.parquet",
                                       "part-00003.parquet"]
    table = read_results(tmp_path / "out")
    assert sorted(table.column("id").to_pylist()) == [f"doc-{i:03d}" for i in range(7)]
    assert [r["id"] for r in jsonl_rows(tmp_path / "out")] == [f"doc-{i:03d}" for i in range(7)]
    assert table.column("bleu_stats").to_pylist()[0][:2] == jsonl_rows(tmp_path / "out")[0][
        "bleu_stats"][:2]


def test_score_batch_is_a_datasets_map_function(tmp_path: Path) -> None:
    """The engines' per-chunk function plugs into ``Dataset.map(batched=True)`` unchanged."""
    import datasets

    from glossalign.glossary.io import read_glossary
    from glossalign.pipeline.batch.document import DocumentContext, score_batch
    from glossalign.pipeline.batch.results import RESULT_SCHEMA

    manifest_path = write_jsonl(tmp_path / "m.jsonl", make_rows(5))
    glossary = write_glossary(tmp_path)
    run_batch(BatchOptions(manifest_path, tmp_path / "out", glossary, chunk_size=2))
    context = DocumentContext(str(tmp_path), read_glossary(glossary))
    with open_manifest(manifest_path) as manifest:
        mapped = manifest.dataset.map(
            score_batch, batched=True, batch_size=2, fn_kwargs={"context": context},
            remove_columns=manifest.dataset.column_names, keep_in_memory=True,
            features=datasets.Features.from_arrow_schema(RESULT_SCHEMA))
        assert sorted(mapped.to_list(), key=lambda r: r["id"]) == jsonl_rows(tmp_path / "out")


# -- bad rows -----------------------------------------------------------------------------------

def test_bad_rows_are_reported_and_never_stop_the_batch(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "src.txt").write_text("\n".join(SOURCE) + "\n", encoding="utf-8")
    (tmp_path / "docs" / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1") * 4)
    good = make_rows(2)
    bad = [
        {**good[0], "id": "missing-file", "source": None, "source_path": "docs/nope.txt"},
        {**good[0], "id": "undecodable", "hypothesis": None, "hypothesis_path": "docs/latin1.txt"},
        {**good[0], "id": "line-counts", "hypothesis": "only one line"},
        {**good[0], "id": "no-language", "tgt_lang": ""},
        {**good[0], "id": "both", "source_path": "docs/src.txt"},
        {**good[0], "id": "relative-path-ok", "source": None, "source_path": "docs/src.txt"},
    ]
    manifest = write_jsonl(tmp_path / "m.jsonl", good + bad)
    code, out, _ = run_cli(["batch", str(manifest), "-o", str(tmp_path / "out"), "-q"], capsys)
    assert code == 0
    rows = {r["id"]: r for r in jsonl_rows(tmp_path / "out")}
    assert len(rows) == 8
    assert rows["relative-path-ok"]["status"] == "ok"
    assert rows["doc-000"]["status"] == "ok"
    expected = {"missing-file": "file not found", "undecodable": "not valid UTF-8",
                "line-counts": "hypothesis has 1 lines but source has 4",
                "no-language": "no tgt_lang", "both": "both source and source_path"}
    for doc_id, reason in expected.items():
        assert rows[doc_id]["status"] == "error"
        assert reason in rows[doc_id]["error"]
        assert "\n" not in rows[doc_id]["error"]
        assert rows[doc_id]["bleu"] is None
    assert "latin1.txt:1" in rows["undecodable"]["error"]
    summary = summary_of(tmp_path / "out")
    assert (summary["ok"], summary["errors"]) == (3, 5)
    assert "bad row missing-file" in out
    code, out, _ = run_cli(["batch", str(manifest), "-o", str(tmp_path / "out2"), "-q",
                            "--max-bad-rows", "4"], capsys)
    assert code == 1 and "FAILED: all documents bad_rows = 5" in out


# -- thresholds ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("options", "code", "expected"), [
    (["--fail-under", "bleu=99"], 1, "FAILED: zh-en bleu"),
    (["--fail-under", "bleu=1,chrf++=1,term_accuracy=0.5"], 0, "ok: zh-en term_accuracy"),
    (["--fail-under", "term_accuracy=0.9"], 1, "FAILED: zh-en term_accuracy = 0.666667"),
    (["--fail-over", "forbidden_rate=0.1"], 1, "FAILED: zh-en forbidden_rate = 0.333333"),
    (["--max-findings", "error=0"], 1, "FAILED: all documents findings_error"),
    (["--max-findings", "error=1000,warning=1000"], 0, "ok: all documents findings_warning"),
])
def test_threshold_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              options: list[str], code: int, expected: str) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(6))
    got, out, _ = run_cli(["batch", str(manifest), "-o", str(tmp_path / "out"), "-q",
                           "-g", str(write_glossary(tmp_path)), *options], capsys)
    assert got == code
    assert expected in out


@pytest.mark.parametrize(("options", "message"), [
    (["--fail-under", "blue=30"], "unknown name 'blue'"),
    (["--fail-under", "ter=30"], "ter is checked with --fail-over"),
    (["--fail-under", "bleu=high"], "expected NAME=NUMBER"),
    (["--max-findings", "fatal=0"], "known: error, warning, info"),
    (["--fail-under", "term_accuracy=0.9"], "need --glossary"),
    (["--engine", "spark"], "Invalid value for '--engine'"),
])
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             options: list[str], message: str) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(1))
    code, _, err = run_cli(["batch", str(manifest), "-o", str(tmp_path / "out"), "-q",
                            *options], capsys)
    assert code == 2
    assert message in err
    assert "bleu, chrf" in err or "unknown name" not in message


@pytest.mark.parametrize("existing", [False, True], ids=["not-yet-written", "existing"])
def test_a_file_the_manifest_names_is_never_an_output(tmp_path: Path, existing: bool,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A manifest row reading OUT/summary.json (a later output, or one from an earlier run)."""
    out = tmp_path / "out"
    out.mkdir()
    named = out / "summary.json"
    if existing:
        named.write_text("Machine intelligence matters.\n", encoding="utf-8")
    before = named.read_bytes() if existing else None
    rows = [{"id": "d1", "src_lang": "en", "tgt_lang": "en", "source": "Machine intelligence.",
             "hypothesis": "Machine intelligence.", "reference_path": "out/summary.json"}]
    manifest = write_jsonl(tmp_path / "m.jsonl", rows)
    code, _, err = run_cli(["batch", str(manifest), "-o", str(out), "-q"], capsys)
    assert code == 2
    assert "summary.json" in err and len(err.strip().splitlines()) == 1
    assert (named.read_bytes() if existing else None) == before
    assert not (out / "results.jsonl").exists()


# -- manifest formats ---------------------------------------------------------------------------

def write_manifest(kind: str, folder: Path, rows: list[dict[str, Any]]) -> Path:
    if kind == "jsonl":
        return write_jsonl(folder / "m.jsonl", rows)
    if kind == "csv":
        path = folder / "m.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return path
    import datasets

    dataset = datasets.Dataset.from_list(rows)
    if kind == "parquet":
        dataset.to_parquet(str(folder / "m.parquet"))
        return folder / "m.parquet"
    dataset.save_to_disk(str(folder / "m-dataset"))
    return folder / "m-dataset"


def test_manifest_formats_give_the_same_results(tmp_path: Path) -> None:
    rows = make_rows(4)
    # One document as files, relative to the manifest's folder, in every format.
    (tmp_path / "hyp.txt").write_text("\n".join(HYPOTHESES[0]) + "\n", encoding="utf-8")
    for row in rows:
        row["hypothesis_path"] = None
    rows[3]["hypothesis"], rows[3]["hypothesis_path"] = None, "hyp.txt"
    summaries = {}
    for kind in ("jsonl", "csv", "parquet", "dataset"):
        folder = tmp_path / kind
        folder.mkdir()
        (folder / "hyp.txt").write_bytes((tmp_path / "hyp.txt").read_bytes())
        manifest = write_manifest(kind, folder, rows)
        outcome = run_batch(BatchOptions(manifest, folder / "out"))
        assert outcome.summary["errors"] == 0, outcome.summary["bad_rows"]
        summaries[kind] = outcome.summary
    assert summaries["csv"] == summaries["jsonl"]
    assert summaries["parquet"] == summaries["jsonl"]
    assert summaries["dataset"] == summaries["jsonl"]


@pytest.mark.parametrize(("content", "message", "line"), [
    ('{"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": "x", "hypothesis": "x", '
     '"reference": "x"}\n{"id": "b", "src_lang": "zh"\n', "not valid JSON", 2),
    ('{"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": "x", "hypothesis": "x"}\n',
     "missing column(s): reference or reference_path", 1),
    ('{"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": "x", "hypothesis": "x", '
     '"reference": "x"}\n\n{"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": "y", '
     '"hypothesis": "y", "reference": "y"}\n', "duplicate id 'a'", 3),
    ('["a", "b"]\n', "each line must be a JSON object", 1),
    ('{"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": ["x"], "hypothesis": "x", '
     '"reference": "x"}\n', "column 'source' must be text", 1),
])
def test_bad_jsonl_manifest_names_file_and_line(tmp_path: Path, content: str, message: str,
                                                line: int) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        open_manifest(path)
    assert message in info.value.message
    assert (info.value.path, info.value.line) == (str(path), line)


def test_bad_csv_manifest_and_unknown_format(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,src_lang,tgt_lang,source,hypothesis,reference\na,zh,en,x,y,z\n"
                    "b,zh,en,x,y,z,extra\n", encoding="utf-8")
    with pytest.raises(InputError, match="7 fields but the header has 6") as info:
        open_manifest(path)
    assert info.value.line == 3
    other = tmp_path / "m.xlsx"
    other.write_text("x", encoding="utf-8")
    code, _, err = run_cli(["batch", str(other), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and "m.xlsx: cannot tell the manifest format" in err
    assert "Traceback" not in err


# -- workers and resume -------------------------------------------------------------------------

@pytest.mark.slow
def test_two_workers_give_the_same_results(tmp_path: Path) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(6))
    glossary = write_glossary(tmp_path)
    one = run_batch(BatchOptions(manifest, tmp_path / "one", glossary, chunk_size=2))
    two = run_batch(BatchOptions(manifest, tmp_path / "two", glossary, workers=2, chunk_size=2))
    assert two.summary == one.summary
    assert jsonl_rows(tmp_path / "two") == jsonl_rows(tmp_path / "one")


def test_resume_repairs_a_crashed_output_folder(tmp_path: Path) -> None:
    """Simulated crash: rows in the JSONL but not in Parquet, a torn line, a temporary part."""
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(9))
    glossary = write_glossary(tmp_path)
    clean = run_batch(BatchOptions(manifest, tmp_path / "clean", glossary, chunk_size=3))
    crashed = tmp_path / "crashed"
    (crashed / "results").mkdir(parents=True)
    lines = (tmp_path / "clean" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    (crashed / "results.jsonl").write_text("\n".join(lines[:4]) + "\n" + lines[4][:25],
                                           encoding="utf-8")
    part = tmp_path / "clean" / "results" / "part-00001.parquet"
    (crashed / "results" / "part-00001.parquet").write_bytes(part.read_bytes())
    (crashed / "results" / "part-00002.parquet.tmp").write_bytes(b"half a file")
    resumed = run_batch(BatchOptions(manifest, crashed, glossary, resume=True, chunk_size=3))
    assert resumed.skipped == 4 and resumed.processed == 5
    ids = [r["id"] for r in jsonl_rows(crashed)]
    assert ids == sorted(set(ids)) and len(ids) == 9
    assert sorted(read_results(crashed).column("id").to_pylist()) == ids
    assert not list((crashed / "results").glob("*.tmp"))
    assert resumed.summary == clean.summary


@pytest.mark.slow
def test_resume_after_a_killed_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = make_rows(30)
    for row in rows:  # long enough documents that the batch is still running when killed
        for side in ("source", "hypothesis", "reference"):
            row[side] = "\n".join([row[side]] * 40)
    manifest = write_jsonl(tmp_path / "m.jsonl", rows)
    glossary = write_glossary(tmp_path)
    outdir = tmp_path / "out"
    command = [sys.executable, "-m", "glossalign", "batch", str(manifest), "-o", str(outdir),
               "-g", str(glossary), "--chunk-size", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    jsonl = outdir / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if jsonl.exists() and jsonl.read_text(encoding="utf-8").count("\n") >= 3:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = jsonl.read_text(encoding="utf-8").count("\n")
    assert 3 <= done < 30, "the batch was not interrupted part-way"
    code, _, err = run_cli(["batch", str(manifest), "-o", str(outdir), "-g", str(glossary)],
                           capsys)
    assert code == 2 and "--resume" in err
    code, _, _ = run_cli(["batch", str(manifest), "-o", str(outdir), "-g", str(glossary),
                          "--resume", "-q"], capsys)
    assert code == 0
    ids = [r["id"] for r in jsonl_rows(outdir)]
    assert ids == [f"doc-{i:03d}" for i in range(30)]
    assert sorted(read_results(outdir).column("id").to_pylist()) == ids
    clean = run_batch(BatchOptions(manifest, tmp_path / "clean", glossary, chunk_size=7))
    assert summary_of(outdir) == clean.summary


def test_resume_refuses_a_different_glossary(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", make_rows(2))
    glossary = write_glossary(tmp_path)
    run_batch(BatchOptions(manifest, tmp_path / "out", glossary))
    other = tmp_path / "other.csv"
    other.write_text(GLOSSARY.replace("machine intelligence", "robot intelligence"), "utf-8")
    code, _, err = run_cli(["batch", str(manifest), "-o", str(tmp_path / "out"), "-g",
                            str(other), "--resume"], capsys)
    assert code == 2 and "cannot resume" in err
