"""A corrected copy: disapproved renderings replaced by preferred ones, mojibake repaired."""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from glossalign.corpora.mojibake import find_encoding_damage
from glossalign.glossary.adapt import adapt_replacement
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import DISAPPROVED, TermBase
from glossalign.glossary.term_shape import is_suspect_term
from glossalign.glossary.termforms import replacement_text, without_leading_article
from glossalign.pipeline.check import match_terms, matcher_for
from glossalign.stage_data import Segment, TermHit


@dataclass(frozen=True, slots=True)
class Edit:
    segment: int
    line: int
    column: int
    start: int  # offsets into the segment's original text
    end: int
    found: str
    replacement: str
    concept: str | None  # None for an encoding repair
    reason: str  # "deprecated", "superseded" or "encoding-damage"


@dataclass(frozen=True, slots=True)
class FixResult:
    texts: tuple[str, ...]  # corrected text of each segment
    edits: tuple[Edit, ...]

    def unified_diff(self, original: Sequence[Segment], name: str) -> str:
        before = [s.text + "\n" for s in original]
        after = [t + "\n" for t in self.texts]
        return "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


def plan_edits(segment: Segment, index: int, hits: Sequence[TermHit], termbase: TermBase,
               lang: str, repair_encoding: bool = True) -> list[Edit]:
    """Non-overlapping edits for one segment, in text order."""
    edits = []
    for hit in hits:
        if hit.status not in DISAPPROVED or is_suspect_term(hit.term, lang):
            continue  # a regex-like or punctuation-only term does not say what to rewrite
        preferred = termbase.concepts[hit.concept].preferred(lang)
        if preferred is None or is_suspect_term(preferred.text, lang):
            continue
        # The match never includes an article: neither does the replacement (see termforms).
        wanted = replacement_text(preferred.text, hit.term, _words_before(segment.text, hit.start),
                                  lang)
        written = without_leading_article(hit.term, lang)
        replacement = adapt_replacement(hit.text, written, wanted, lang)
        edits.append(_edit(segment, index, hit.start, hit.end, replacement, hit.concept,
                           hit.status))
    if repair_encoding:
        edits.sort(key=lambda e: e.start)
        taken = _Taken(edits)
        for damage in find_encoding_damage(segment.text):
            if not taken.overlaps(damage.start, damage.end):
                edits.append(_edit(segment, index, damage.start, damage.end, damage.repaired,
                                   None, "encoding-damage"))
    if segment.protected:  # inline markup and placeholders are never edited
        edits = [e for e in edits if not segment.is_protected(e.start, e.end)]
    edits.sort(key=lambda e: e.start)
    return edits


def _words_before(text: str, start: int, reach: int = 100) -> str:
    """The few whole words before ``start`` (the article test reads the last one).

    Not ``text[:start]``: copying everything before every hit made one long line quadratic.
    """
    begin = max(0, start - reach)
    before = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace():
        parts = before.split(None, 1)  # drop the partial first word
        before = parts[1] if len(parts) > 1 else ""
    return before


class _Taken:
    """The character ranges of term edits, to test a repair for overlap in logarithmic time.

    A test against every edit made fixing one long line quadratic (repairs × edits).
    """

    def __init__(self, edits: Sequence[Edit]):  # sorted by start
        self._starts = [e.start for e in edits]
        self._max_ends = list(accumulate((e.end for e in edits), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, start) - 1  # the edits that start at or before ``start``
        if k >= 0 and self._max_ends[k] > start:
            return True
        return k + 1 < len(self._starts) and self._starts[k + 1] < end


def _edit(segment: Segment, index: int, start: int, end: int, replacement: str,
          concept: str | None, reason: str) -> Edit:
    line, column = segment.position(start)
    return Edit(index, line, column, start, end, segment.text[start:end], replacement, concept,
                reason)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts, cursor = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[cursor:edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def fix_segments(segments: Sequence[Segment], termbase: TermBase, lang: str,
                 repair_encoding: bool = True,
                 hits: Sequence[Sequence[TermHit]] | None = None) -> FixResult:
    """Corrected text for every segment and the list of edits made."""
    if hits is None:
        hits = match_terms(segments, matcher_for(termbase, lang))
    texts, all_edits = [], []
    for index, segment in enumerate(segments):
        edits = plan_edits(segment, index, hits[index], termbase, lang, repair_encoding)
        texts.append(apply_edits(segment.text, edits))
        all_edits.extend(edits)
    return FixResult(tuple(texts), tuple(all_edits))


def fix_text(text: str, termbase: TermBase, lang: str, matcher: TermMatcher | None = None,
             repair_encoding: bool = True) -> tuple[str, list[Edit]]:
    """One string, corrected, with its edits (used after machine translation)."""
    segment = Segment(text, lang)
    hits = (matcher or matcher_for(termbase, lang)).find(text)
    edits = plan_edits(segment, 0, hits, termbase, lang, repair_encoding)
    return apply_edits(text, edits), edits
