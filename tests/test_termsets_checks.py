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
