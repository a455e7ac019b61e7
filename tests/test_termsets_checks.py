"""Checks on term sets of other shapes: what a reference translation must not be blamed for."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossalign

GLOSSARY = """concept,lang,term,status,note
spread,en,spread,preferred,
spread,fr,propagation,preferred,
virus,en,virus,preferred,
virus,fr,virus,preferred,
spread-of-virus,en,spread of the virus,preferred,
spread-of-virus,fr,propagation du virus,preferred,
mask,en,face mask,preferred,
mask,fr,masque,preferred,
protective-mask,en,protective mask,preferred,
protective-mask,fr,masque de protection,preferred,
"""


def missing(tmp_path: Path, source: str, target: str) -> list[tuple[str, str | None]]:
    (tmp_path / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text(f"{source}\t{target}\n", encoding="utf-8")
    result = glossalign.check(pairs=tmp_path / "pairs.tsv", glossary=tmp_path / "g.csv",
                              src_lang="en", tgt_lang="fr")
    return [(f.concept or "", f.suggestion) for f in result.findings if f.rule == "missing-term"]


@pytest.mark.parametrize(("source", "target", "expected"), [
    # the target's longer term holds the renderings of both source concepts (WMT21 en-fr ref)
    ("the virus can spread to several organs", "la propagation du virus peut avoir lieu",
     []),
    ("wearing a face mask in public", "porter un masque de protection en public", []),
    # still missing when the longer term does not hold it
    ("the virus can spread quickly", "la propagation du germe est rapide",
     [("virus", "virus")]),
    ("a face mask", "un foulard", [("mask", "masque")]),
])
def test_a_rendering_inside_a_longer_term_counts(tmp_path: Path, source: str, target: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert missing(tmp_path, source, target) == expected


@pytest.mark.parametrize(("found", "written", "replacement", "expected"), [
    # capitals that the glossary's own term has are not the text shouting
    ("U.S.", "U.S.", "United States", "United States"),
    ("CPP", "CPP", "C++", "C++"),
    ("WHO", "WHO", "World Health Organization", "World Health Organization"),
    # text in capitals still gets a replacement in capitals
    ("COMMUNITY OF DESTINY", "community of destiny", "community with a shared future",
     "COMMUNITY WITH A SHARED FUTURE"),
    ("Community of destiny", "community of destiny", "community with a shared future",
     "Community with a shared future"),
])
def test_replacement_case_of_acronym_terms(found: str, written: str, replacement: str,
                                           expected: str) -> None:
    from glossalign.glossary.adapt import adapt_replacement

    assert adapt_replacement(found, written, replacement, "en") == expected


VARIANTS = """concept,lang,term,status,note
info,en,information,preferred,
info,zh-Hans,信息,preferred,
info,zh-Hant,資訊,preferred,
info,zh-Hant,信息,deprecated,mainland usage
color,en-US,color,preferred,
color,en-GB,colour,preferred,
color,zh-Hans,颜色,preferred,
"""


@pytest.mark.parametrize(("tgt_lang", "text", "expected"), [
    # the zh-Hant terms decide for Taiwan: 信息 is the deprecated one there
    ("zh-TW", "我們需要更多信息。", [("forbidden-term", "資訊")]),
    ("zh-Hant", "我們需要更多信息。", [("forbidden-term", "資訊")]),
    ("zh-CN", "我们需要更多信息。", []),
    ("zh", "我们需要更多信息。", []),  # no script or region: every variant's terms
    ("zh-TW", "我們需要更多資訊。", []),
])
def test_a_language_variant_uses_its_own_terms(tmp_path: Path, tgt_lang: str, text: str,
                                               expected: list[tuple[str, str]]) -> None:
    (tmp_path / "g.csv").write_text(VARIANTS, encoding="utf-8")
    (tmp_path / "t.txt").write_text(text + "\n", encoding="utf-8")
    result = glossalign.check(tmp_path / "t.txt", glossary=tmp_path / "g.csv", tgt_lang=tgt_lang)
    assert [(f.rule, f.suggestion) for f in result.findings] == expected


@pytest.mark.parametrize(("lang", "preferred"), [
    ("en-GB", "colour"), ("en-US", "color"), ("en", "color"), ("en-AU", "color"),
    ("zh-TW", "颜色"),  # no zh-Hant term: the Simplified one (fix converts it to Traditional)
])
def test_the_preferred_term_of_a_variant(lang: str, preferred: str) -> None:
    import csv
    import io

    from glossalign.glossary.model import Term, TermBase

    rows = list(csv.DictReader(io.StringIO(VARIANTS)))
    base = TermBase.from_terms(Term(r["concept"], r["lang"], r["term"], r["status"])
                               for r in rows)
    term = base.concepts["color"].preferred(lang)
    assert term is not None and term.text == preferred


def test_bench_termsets_runs_and_meets_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    from glossalign.eval.bench_termsets import main

    data = Path(__file__).resolve().parents[2] / "shared" / "eval" / "term"
    assert main(["--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "| human reference |" in out and "f_en-zh_CN.csv" in out
    assert "on the reference ≤ 10% of the occurrences: met" in out
