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


BOUNDARY_BASE = TermBase.from_terms([
    Term("end-of", "en", "end of", "preferred"),
    Term("rd", "en", "research and development", "preferred"),
    Term("hk", "en", "Hong Kong, China", "preferred"),
    Term("who", "en", "World Health Organization (WHO)", "preferred"),
    Term("ecommerce", "en", "e-commerce", "preferred"),
    Term("dont-panic", "en", "do not panic", "preferred"),
    Term("wont-stop", "en", "won't stop", "preferred"),
    Term("we-are", "en", "we are ready", "preferred"),
    Term("cannot-say", "en", "cannot say", "preferred"),
    Term("ning", "en", "the Ning Clan", "preferred"),
    Term("institute", "en", "martial arts institute", "preferred"),
    Term("commission", "fr", "la Commission européenne", "preferred"),
    Term("union", "fr", "Union européenne", "preferred"),
    Term("eu", "de", "die Europäische Union", "preferred"),
    Term("cs", "zh", "网络空间", "preferred"),
])


def bfound(lang: str, text: str) -> list[tuple[str, str]]:
    return [(h.concept, h.text) for h in TermMatcher(BOUNDARY_BASE, lang).find(text)]


# (language, text, expected hits): each row fails without one rule of the matcher.
BOUNDARY_CASES = [
    # sentence and clause punctuation between the words of a term blocks the match
    ("en", "It was the end. Of course", []),
    ("en", "the end? Of course", []),
    ("en", "research, and development", []),
    ("en", "research; and development", []),
    ("en", "research (and development", []),
    ("en", "the end of it", [("end-of", "end of")]),
    # CJK punctuation too, between spaced-script words
    ("en", "research，and development", []),
    # the term contains the punctuation: it matches itself, and nothing looser
    ("en", "in Hong Kong, China today", [("hk", "Hong Kong, China")]),
    ("en", "in Hong Kong China today", []),
    ("en", "the World Health Organization (WHO) said",
     [("who", "World Health Organization (WHO")]),
    # hyphen and space variants stay equivalent
    ("en", "e commerce, e-commerce", [("ecommerce", "e commerce"), ("ecommerce", "e-commerce")]),
    # contractions: the glossary's "do not" finds "don't" (both apostrophes) and "do not"
    ("en", "Don't panic.", [("dont-panic", "Don't panic")]),
    ("en", "don’t panic", [("dont-panic", "don’t panic")]),
    ("en", "do not panic", [("dont-panic", "do not panic")]),
    # ... and the glossary's "won't" finds "will not"
    ("en", "it will not stop", [("wont-stop", "will not stop")]),
    ("en", "it won't stop", [("wont-stop", "won't stop")]),
    ("en", "We're ready", [("we-are", "We're ready")]),
    ("en", "I can't say", [("cannot-say", "can't say")]),
    ("en", "I can not say", [("cannot-say", "can not say")]),
    # a contraction is one word: "do" alone does not match inside "don't"
    ("en", "we don't", []),
    # leading articles: optional on the glossary side and never part of the span
    ("en", "members of Ning Clan", [("ning", "Ning Clan")]),
    ("en", "members of the Ning Clan", [("ning", "Ning Clan")]),
    ("en", "a martial arts institute", [("institute", "martial arts institute")]),
    ("fr", "la Commission européenne", [("commission", "Commission européenne")]),
    ("fr", "de l'Union européenne", [("union", "Union européenne")]),
    ("fr", "de l’Union européenne", [("union", "Union européenne")]),
    ("de", "in der Europäischen Union", [("eu", "Europäischen Union")]),
    # Chinese punctuation splits a Chinese term, as any character does
    ("zh", "网络，空间", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BOUNDARY_CASES)
def test_boundaries_contractions_and_articles(lang: str, text: str,
                                              expected: list[tuple[str, str]]) -> None:
    assert bfound(lang, text) == expected


def test_find_many_equals_find_segment_by_segment() -> None:
    texts = ["the end of it", "", "research and development, and the end of days",
             "nothing here", "Don't panic", "the end", "of it", "nul\x00inside"] * 3
    matcher = TermMatcher(BOUNDARY_BASE, "en")
    many = matcher.find_many(texts, 5)
    assert [list(hits) for hits in many] == [matcher.find(t, i + 5) for i, t in enumerate(texts)]
    assert [len(hits) for hits in many[:8]] == [1, 0, 2, 0, 1, 0, 0, 0]  # none across segments


def test_one_long_line_selects_in_linear_time() -> None:
    # 20,000 overlapping candidates on one line: the old pairwise overlap test took minutes.
    base = TermBase.from_terms([Term("a", "en", "alpha beta", "preferred"),
                                Term("b", "en", "beta alpha", "preferred")])
    text = "alpha beta " * 10_000
    hits = TermMatcher(base, "en").find(text)
    assert len(hits) == 10_000 and {h.concept for h in hits} == {"a"}
    assert all(text[h.start:h.end] == "alpha beta" for h in hits)


def test_matcher_for_sees_terms_added_after_a_first_use() -> None:
    from glossalign.glossary.matcher import matcher_for

    base = TermBase.from_terms([Term("cs", "en", "cyber security", "preferred")])
    assert matcher_for(base, "en").find("network security") == []
    assert matcher_for(base, "en") is matcher_for(base, "en")  # cached while unchanged
    base.add(Term("cs", "en", "network security", "deprecated"))
    [hit] = matcher_for(base, "en").find("network security")
    assert hit.status == "deprecated"


def test_a_second_check_finds_a_deprecated_term_added_after_the_first() -> None:
    from glossalign.pipeline.check import check_target
    from glossalign.stage_data import Segment

    base = TermBase.from_terms([Term("cs", "en", "cyber security", "preferred")])
    segments = [Segment("Network security matters.", "en", "t.txt", 1)]
    assert check_target(segments, base, "en").findings == ()
    base.add(Term("cs", "en", "network security", "deprecated"))
    findings = check_target(segments, base, "en").findings
    assert [f.rule for f in findings] == ["forbidden-term"]
