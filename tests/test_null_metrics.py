"""A metric with nothing to measure is null with a reason, and a gate on it fails with a message
(term accuracy of a text in which no glossary term occurs is not a perfect 1.0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_fixtures import offline, write_glossary, write_jsonl  # noqa: F401
from conftest import CliRunner

REASON = "no glossary term occurs in the source"
ROWS = [{"id": f"doc-{i}", "src_lang": "zh", "tgt_lang": "en",
         "source": "今天天气很好。\n我们去公园。",
         "reference": "The weather is nice today.\nWe go.",
         "hypothesis": "Nice weather today.\nWe go to the park."} for i in range(2)]


def test_batch_summary_is_null_with_a_reason(tmp_path: Path, cli: CliRunner) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", ROWS)
    out_dir = tmp_path / "out"
    code, out, _ = cli(["batch", str(manifest), "-o", str(out_dir), "-q",
                        "-g", str(write_glossary(tmp_path)), "--fail-under", "bleu=1"])
    assert code == 0, out
    corpus = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["corpus"]
    assert corpus["term_accuracy"] is None and corpus["forbidden_rate"] is None
    assert corpus["null_reasons"]["term_accuracy"] == REASON


@pytest.mark.parametrize("gate", [["--fail-under", "term_accuracy=0.5"],
                                  ["--fail-over", "forbidden_rate=0.5"]])
def test_a_gate_on_a_null_metric_fails(tmp_path: Path, cli: CliRunner, gate: list[str]) -> None:
    manifest = write_jsonl(tmp_path / "m.jsonl", ROWS)
    code, out, _ = cli(["batch", str(manifest), "-o", str(tmp_path / "out"), "-q",
                        "-g", str(write_glossary(tmp_path)), *gate])
    assert code == 1
    assert f"FAILED: zh-en {gate[1].split('=')[0]} = null ({REASON})" in out


def test_score_prints_null_with_the_reason(tmp_path: Path, cli: CliRunner) -> None:
    src, hyp, ref = (tmp_path / name for name in ("s.txt", "h.txt", "r.txt"))
    src.write_text(ROWS[0]["source"] + "\n", encoding="utf-8")
    hyp.write_text(ROWS[0]["hypothesis"] + "\n", encoding="utf-8")
    ref.write_text(ROWS[0]["reference"] + "\n", encoding="utf-8")
    args = ["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt-lang", "en", "--src", str(src),
            "--src-lang", "zh", "-g", str(write_glossary(tmp_path))]
    code, out, _ = cli([*args, "--format", "json"])
    terminology = json.loads(out)["hypotheses"][0]["terminology"]
    assert code == 0
    assert terminology["term_accuracy"] is None
    assert terminology["null_reasons"]["term_accuracy"] == REASON
    code, out, _ = cli(args)
    assert f"term_accuracy=null ({REASON})" in out
