"""``glossalign score`` end to end: sacrebleu numbers, terminology metrics, WMT21 input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu

from glossalign.cli import main

GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间命运共同体,preferred,
cyber,en,community with a shared future in cyberspace,preferred,
cyber,en,community of destiny in cyberspace,deprecated,
"""
SRC = ["构建网络空间命运共同体。", "网络空间命运共同体是愿景。"]
REF = ["Build a community with a shared future in cyberspace.",
       "A community with a shared future in cyberspace is a vision."]
HYP = ["Build a community of destiny in cyberspace.",
       "A community with a shared future in cyberspace is a vision."]


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code in (0, None)
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_score_with_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    hyp, ref, src = (write(tmp_path / "h.txt", HYP), write(tmp_path / "r.txt", REF),
                     write(tmp_path / "s.txt", SRC))
    report = run_json(["score", "--hyp", str(hyp), "--ref", str(ref), "--tgt-lang", "en",
                       "--src", str(src), "--src-lang", "zh", "-g", str(glossary),
                       "--format", "json"], capsys)
    [hypothesis] = report["hypotheses"]
    expected = sacrebleu.corpus_bleu(HYP, [REF]).score
    assert hypothesis["corpus"]["bleu"]["score"] == pytest.approx(expected)
    assert hypothesis["terminology"]["term_accuracy"] == pytest.approx(0.5)
    assert "glossary:" in report["signature"]


def test_score_reads_wmt21_sgml(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_dir / "eval" / "term" / "wmt21-en-fr-dev"
    sgm = sorted(folder.glob("*.sgm"))
    src = next(p for p in sgm if ".en." in p.name or p.name.endswith("en.sgm"))
    hyp = next(p for p in sgm if "truecased" in p.name)
    ref = next(p for p in sgm if p not in (src, hyp))
    report = run_json(["score", "--src", str(src), "--ref", str(ref), "--hyp", str(hyp),
                       "--tgt-lang", "fr", "--format", "json"], capsys)
    for key, published in [("exact_match", 0.8590), ("window_overlap_2", 0.2969),
                           ("window_overlap_3", 0.2907), ("one_minus_term", 0.5976)]:
        assert report[key] == pytest.approx(published, abs=0.01), key
    assert round(report["bleu"], 2) == 45.34
