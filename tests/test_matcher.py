"""Each matching rule, with a case that fails without the rule."""

from __future__ import annotations

import pytest

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase

TERMS = [
    Term("cyber-community", "en", "community with a shared future in cyberspace", "preferred"),
    Term("cyber-community", "en", "community of destiny in cyberspace", "deprecated"),
    Term("cyberspace", "en", "cyberspace", "preferred"),
    Term("mankind-community", "en", "community with a shared future for mankind", "preferred"),
    Term("ecommerce", "en", "e-commerce", "preferred"),
    Term("east", "en", "east", "preferred"),
    Term("digital-divide", "en", "digital divide", "preferred"),
    Term("cyber-community", "zh", "网络空间命运共同体", "preferred"),
    Term("cyberspace", "zh", "网络空间", "preferred"),
    Term("wic", "zh", "世界互联网大会", "preferred"),
    Term("5g", "zh", "5G网络", "preferred"),
    Term("cyber-community", "fr", "communauté de destin dans le cyberespace", "preferred"),
]
BASE = TermBase.from_terms(TERMS)


def found(lang: str, text: str) -> list[tuple[str, str]]:
    return [(h.concept, h.text) for h in TermMatcher(BASE, lang).find(text)]


# (language, text, expected (concept, surface) hits) — each row exercises one rule.
CASES = [
    # stemming of every token: plural head noun
    ("en", "building communities with a shared future in cyberspace",
     [("cyber-community", "communities with a shared future in cyberspace")]),
    # case folding and hyphen/space variants
    ("en", "a Community-with-a-Shared-Future in Cyberspace",
     [("cyber-community", "Community-with-a-Shared-Future in Cyberspace")]),
    # hyphenated glossary term written solid, and as written
    ("en", "ecommerce and E-Commerce", [("ecommerce", "ecommerce"), ("ecommerce", "E-Commerce")]),
    # possessive stays outside the span
    ("en", "the digital divide's causes", [("digital-divide", "digital divide")]),
    # multi-word terms match as a whole, never word by word
    ("en", "a digital camera and a divide", []),
    # longest match wins over the nested term
    ("en", "community of destiny in cyberspace",
     [("cyber-community", "community of destiny in cyberspace")]),
    # no fuzzy false positive: "Easter" is not "east"
    ("en", "Easter in the East", [("east", "East")]),
    # Chinese: no word boundaries, longest match wins
    ("zh", "共同构建网络空间命运共同体", [("cyber-community", "网络空间命运共同体")]),
    ("zh", "网络空间治理", [("cyberspace", "网络空间")]),
    # Traditional input matches Simplified entries
    ("zh-TW", "構建網絡空間命運共同體", [("cyber-community", "網絡空間命運共同體")]),
    # width folding (full-width digits and Latin letters)
    ("zh", "发展５Ｇ网络", [("5g", "５Ｇ网络")]),
    # French stemming with elision-free plural
    ("fr", "des communautés de destin dans le cyberespace",
     [("cyber-community", "communautés de destin dans le cyberespace")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_matching_rules(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(lang, text) == expected


def test_spans_map_back_to_the_original_text() -> None:
    text = "Yes: the World’s COMMUNITIES-of-destiny in cyberspace, again."
    [hit] = TermMatcher(BASE, "en").find(text, segment=7)
    assert text[hit.start:hit.end] == hit.text == "COMMUNITIES-of-destiny in cyberspace"
    assert hit.segment == 7 and hit.status == "deprecated"
    assert hit.term == "community of destiny in cyberspace"


def test_every_term_of_a_shared_spelling_is_reported() -> None:
    base = TermBase.from_terms([Term("a", "en", "data security", "preferred"),
                                Term("b", "en", "data security", "admitted")])
    hits = TermMatcher(base, "en").find("data security matters")
    assert {(h.concept, h.status) for h in hits} == {("a", "preferred"), ("b", "admitted")}


def test_empty_language_matches_nothing() -> None:
    assert TermMatcher(BASE, "de").find("Gemeinschaft mit geteilter Zukunft") == []


def test_look_alike_terms_of_one_concept_give_one_hit_with_the_best_status() -> None:
    base = TermBase.from_terms([
        Term("dt", "en", "digitalized transformation", "deprecated"),
        Term("dt", "en", "digital transformation", "preferred"),
        Term("cs", "zh", "网络空间", "preferred"),
        Term("cs", "zh", "網絡空間", "admitted"),
    ])
    [hit] = TermMatcher(base, "en").find("digital transformation")
    assert hit.status == "preferred"
    [hit] = TermMatcher(base, "zh").find("網絡空間")
    assert (hit.term, hit.status) == ("网络空间", "preferred")
