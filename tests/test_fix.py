"""The corrected copy: preferred terms in, case and number kept, input untouched."""

from __future__ import annotations

import pytest

from glossalign.glossary.adapt import adapt_replacement
from glossalign.glossary.model import Term, TermBase
from glossalign.pipeline.fix import fix_segments, fix_text
from glossalign.stage_data import Segment

BASE = TermBase.from_terms([
    Term("cyber", "en", "community with a shared future in cyberspace", "preferred"),
    Term("cyber", "en", "community of destiny in cyberspace", "deprecated"),
    Term("wic", "en", "World Internet Conference", "preferred"),
    Term("wic", "en", "world interconnection conference", "deprecated"),
    Term("sovereignty", "en", "cyberspace sovereignty", "preferred"),
    Term("sovereignty", "en", "network sovereignty", "deprecated"),
])

ADAPT_CASES = [
    # (found, glossary spelling of the found term, preferred, expected)
    ("community of destiny in cyberspace", "community of destiny in cyberspace",
     "community with a shared future in cyberspace",
     "community with a shared future in cyberspace"),
    ("Community of destiny in cyberspace", "community of destiny in cyberspace",
     "community with a shared future in cyberspace",
     "Community with a shared future in cyberspace"),
    ("Communities of Destiny in Cyberspace", "community of destiny in cyberspace",
     "community with a shared future in cyberspace",
     "Communities with a Shared Future in Cyberspace"),
    ("COMMUNITY OF DESTINY IN CYBERSPACE", "community of destiny in cyberspace",
     "community with a shared future in cyberspace",
     "COMMUNITY WITH A SHARED FUTURE IN CYBERSPACE"),
    ("network sovereignties", "network sovereignty", "cyberspace sovereignty",
     "cyberspace sovereignties"),
    # a mass noun stays singular
    ("cross-border electricity suppliers", "cross-border electricity supplier",
     "cross-border e-commerce", "cross-border e-commerce"),
    # a name keeps the glossary's capitals even when the text had none
    ("world interconnection conference", "world interconnection conference",
     "World Internet Conference", "World Internet Conference"),
]


@pytest.mark.parametrize(("found", "written", "preferred", "expected"), ADAPT_CASES)
def test_replacement_keeps_case_and_number(found: str, written: str, preferred: str,
                                           expected: str) -> None:
    assert adapt_replacement(found, written, preferred, "en") == expected


def test_fix_text_replaces_and_reports_edits() -> None:
    text = "Two communities of destiny in cyberspace met at the World Interconnection Conference."
    fixed, edits = fix_text(text, BASE, "en")
    assert fixed == ("Two communities with a shared future in cyberspace met at the "
                     "World Internet Conference.")
    assert [(e.found, e.concept, e.reason) for e in edits] == [
        ("communities of destiny in cyberspace", "cyber", "deprecated"),
        ("World Interconnection Conference", "wic", "deprecated")]


def test_fix_segments_keeps_clean_lines_and_positions() -> None:
    segs = [Segment("Clean line.", "en", "t.txt", 1),
            Segment("About network sovereignty.", "en", "t.txt", 2)]
    result = fix_segments(segs, BASE, "en")
    assert result.texts == ("Clean line.", "About cyberspace sovereignty.")
    [edit] = result.edits
    assert (edit.line, edit.column, edit.start, edit.end) == (2, 7, 6, 25)
    assert "+About cyberspace sovereignty." in result.unified_diff(segs, "t.txt")


@pytest.mark.parametrize(("noun", "plural"), [
    ("community", "communities"), ("policy", "policies"), ("day", "days"), ("bus", "buses"),
    ("approach", "approaches"), ("analysis", "analyses"), ("Man", "Men"), ("summit", "summits"),
])
def test_english_plural(noun: str, plural: str) -> None:
    from glossalign.glossary.adapt import english_plural

    assert english_plural(noun) == plural


ARTICLE_BASE = TermBase.from_terms([
    Term("ning", "en", "the Ning family", "preferred"),
    Term("ning", "en", "the Ning Clan", "deprecated"),
    Term("inst", "en", "the martial arts academy", "preferred"),
    Term("inst", "en", "martial arts institute", "deprecated"),
])

# (text, corrected): the text's article stays, and is never doubled nor rewritten
ARTICLE_FIX_CASES = [
    ("members of the Ning Clan", "members of the Ning family"),
    ("members of Ning Clan", "members of Ning family"),
    ("They founded a martial arts institute.", "They founded a martial arts academy."),
    ("They founded martial arts institutes.", "They founded the martial arts academies."),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLE_FIX_CASES)
def test_fix_leaves_articles_to_the_text(text: str, expected: str) -> None:
    fixed, _ = fix_text(text, ARTICLE_BASE, "en", repair_encoding=False)
    assert fixed == expected


def test_fix_on_one_long_line_equals_fix_on_its_lines() -> None:
    """Long-line work (bounded look-behind, bisected overlap tests) changes no result."""
    lines = [
        "The world interconnection conference met; a community of destiny in cyberspace.",
        "Network sovereignty was discussed in the cafÃ© next to the hall.",
        "A network sovereignty and an world interconnection conference, again.",
        "Nothing to fix here.",
    ] * 300
    separate = fix_segments([Segment(line, "en") for line in lines], BASE, "en")
    joined = fix_segments([Segment(" ".join(lines), "en")], BASE, "en")
    assert joined.texts == (" ".join(separate.texts),)
    assert len(joined.edits) == len(separate.edits) > 1000
    assert [(e.found, e.replacement, e.reason) for e in joined.edits] == [
        (e.found, e.replacement, e.reason) for e in separate.edits]
