"""The term benchmarks run end to end on tiny sizes (numbers are not checked: no timed asserts)."""

from __future__ import annotations

import pytest

from glossalign.eval.real_text import english_sentences, ngram_terms


def test_real_text_gives_sentences_and_term_like_ngrams() -> None:
    sentences = english_sentences()
    assert len(sentences) > 1000 and len(set(sentences)) == len(sentences)
    terms = ngram_terms(sentences, 50)
    assert len(terms) == 50 and all(" " in t for t in terms)
    assert not any(t.split()[0] in {"the", "and", "of"} for t in terms)


def test_bench_check_runs_on_tiny_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("flashtext")
    pytest.importorskip("spacy")
    from glossalign.eval.bench_check import main

    assert main(["--concepts", "50", "--pairs", "300", "--baseline-pairs", "20",
                 "--baseline-rev", "none", "--sentences", "300", "--terms", "50",
                 "--text-sizes", "100,300", "--glossary-sizes", "20,50", "--spacy-max", "100",
                 "--long-line-mb", "0.05", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for heading in ("Check end to end", "Matcher on real sentences", "text size",
                    "glossary size", "One long line"):
        assert heading in out
    assert "flashtext" in out and "spaCy PhraseMatcher" in out


def test_bench_mine_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from glossalign.eval.bench_mine import main

    assert main(["--sizes", "10,20"]) == 0
    out = capsys.readouterr().out
    assert "WMT21 en–fr dev" in out and "| frequency |" in out and "| association |" in out
