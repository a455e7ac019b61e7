"""``-`` for standard input and output wherever a file goes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import CliRunner

GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间命运共同体,preferred,
cyber,en,community with a shared future in cyberspace,preferred,
cyber,en,community of destiny in cyberspace,forbidden,
"""
BAD = "Build a community of destiny in cyberspace.\n"
GOOD = "Build a community with a shared future in cyberspace.\n"


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "g.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def feed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def test_check_reads_the_target_from_stdin(monkeypatch: pytest.MonkeyPatch, cli: CliRunner,
                                           glossary: Path) -> None:
    feed(monkeypatch, BAD)
    code, out, _ = cli(["check", "-g", str(glossary), "--tgt-lang", "en", "-t", "-",
                        "--format", "json", "-o", "-"])
    assert code == 1
    finding = json.loads(out)["findings"][0]
    assert finding["rule"] == "forbidden-term"


def test_fix_from_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, cli: CliRunner,
                                  glossary: Path) -> None:
    feed(monkeypatch, BAD)
    code, out, err = cli(["fix", "-g", str(glossary), "--tgt-lang", "en", "-t", "-", "-o", "-"])
    assert code == 0
    assert out == GOOD  # only the corrected text on stdout ...
    assert "1 edits" in err  # ... the account of the edits on stderr


def test_score_reads_a_hypothesis_from_stdin(monkeypatch: pytest.MonkeyPatch, cli: CliRunner,
                                             tmp_path: Path) -> None:
    reference = tmp_path / "ref.txt"
    reference.write_text(GOOD, encoding="utf-8")
    feed(monkeypatch, GOOD)
    code, out, _ = cli(["score", "--hypothesis", "-", "--reference", str(reference),
                        "--tgt-lang", "en", "--format", "json"])
    assert code == 0
    assert json.loads(out)["hypotheses"][0]["corpus"]["bleu"]["score"] == pytest.approx(100.0)


def test_segment_reads_stdin(monkeypatch: pytest.MonkeyPatch, cli: CliRunner) -> None:
    feed(monkeypatch, "第一句。第二句！\n")
    code, out, _ = cli(["segment", "-", "--lang", "zh"])
    assert (code, out) == (0, "第一句。\n第二句！\n")


def test_report_writes_html_to_stdout(cli: CliRunner, glossary: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    source.write_text("构建网络空间命运共同体。\n", encoding="utf-8")
    target.write_text(BAD, encoding="utf-8")
    code, out, err = cli(["report", "-s", str(source), "--src-lang", "zh", "-t", str(target),
                          "--tgt-lang", "en", "-g", str(glossary), "--pairing", "lines",
                          "-o", "-"])
    assert code == 0
    assert out.lstrip().lower().startswith("<!doctype html") and "1 findings" in err
