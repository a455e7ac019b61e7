"""Find glossary terms in text: compiled once per language, longest match wins.

Both the glossary terms and the text are turned into matching units and written as a key string
of one character per unit. Spaced scripts: a unit is a token (see :mod:`termforms`): a word,
whose stem is given a private code point when some term uses it and a filler that matches
nothing otherwise, or a clause punctuation mark, which is a filler too unless a term contains it
— so a multi-word term never matches across ". ? ! , ; : ( )". Unspaced scripts (Chinese,
Japanese): a unit is a folded character, and punctuation is a character like any other.

Many segments are keyed at once: each is tokenised by one regex call, its tokens mapped to key
characters by one dictionary lookup each (a table filled on first sight of a surface form, so
each word type is stemmed once), and the keys of a whole batch of segments, joined by fillers,
go through one Aho-Corasick call. Only segments with a match are looked at again, to map the
matched units back to exact character offsets in the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, islice
from typing import TYPE_CHECKING

from ahocorasick_rs import AhoCorasick

from glossalign.glossary.model import Term, TermBase, base_lang
from glossalign.glossary.termforms import term_forms, token_key, tokenizer_for
from glossalign.languages import LanguageProfile, get_profile
from glossalign.languages.bcp47 import missing_language_error, parse_tag
from glossalign.models import Segment, TermHit

if TYPE_CHECKING:
    from collections.abc import Iterable

# The key character of a unit no term uses; it also separates segments in a batch.
_FILLER = "\x00"
_FIRST_STEM_CODE = 0x10000  # stems get code points from the supplementary planes on
_KEY_CACHE_LIMIT = 500_000  # surface forms remembered; vocabulary-sized, bounded all the same
_BATCH_CHARS = 1 << 20  # text keyed per automaton call: bounds the memory of a batch

_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}

# (start unit, end unit, pattern index) of one match
_Candidate = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Pattern:
    lang: str
    terms: tuple[Term, ...]


def _add_to_bucket(bucket: list[Term], term: Term) -> None:
    """Terms that look alike after folding: one per concept, the most approved one.

    "网络空间" and its Traditional spelling, or a deprecated "digitalized transformation" that
    stems like the preferred "digital transformation", must not make the text ambiguous.
    """
    for i, other in enumerate(bucket):
        if other.concept == term.concept:
            if _STATUS_RANK.get(term.status, 9) < _STATUS_RANK.get(other.status, 9):
                bucket[i] = term
            return
    bucket.append(term)


class _KeyTable(dict[str, str]):
    """Surface token -> key character, filled on first sight (each word type stemmed once)."""

    __slots__ = ("_profile", "_stem_codes")

    def __init__(self, profile: LanguageProfile, stem_codes: dict[str, str]):
        super().__init__()
        self._profile = profile
        self._stem_codes = stem_codes

    def __missing__(self, token: str) -> str:
        if len(self) > _KEY_CACHE_LIMIT:
            self.clear()
        code = self._stem_codes.get(token_key(self._profile, token), _FILLER)
        self[token] = code
        return code


class TermMatcher:
    """All terms of one language of a term base, ready to search text."""

    def __init__(self, termbase: TermBase, lang: str):
        self.lang = base_lang(lang)
        self.profile: LanguageProfile = get_profile(lang)
        self._stem_codes: dict[str, str] = {}  # spaced scripts: token key -> key character
        self._keys = _KeyTable(self.profile, self._stem_codes)
        self._tokenizer = tokenizer_for(self.profile)
        self._patterns: list[_Pattern] = []
        self._automaton: AhoCorasick | None = None
        self._add_terms(t for t in termbase.terms() if base_lang(t.lang) == self.lang)
        self.term_count = len(self._patterns)

    def _add_terms(self, terms: Iterable[Term]) -> None:
        patterns: dict[str, list[Term]] = {}
        for term in terms:
            for keys in self._term_variants(term.text):
                _add_to_bucket(patterns.setdefault(self._pattern_key(keys), []), term)
        self._patterns = [_Pattern(self.lang, tuple(bucket)) for bucket in patterns.values()]
        if patterns:
            self._automaton = AhoCorasick(list(patterns))

    def _term_variants(self, text: str) -> list[list[str]]:
        """Unit sequences a term may appear as (see :func:`termforms.term_forms`)."""
        if self.profile.spaced:
            return term_forms(self.profile, text)
        keys, _ = self.profile.match_units(text)
        return [keys] if keys else []

    def _pattern_key(self, keys: list[str]) -> str:
        if not self.profile.spaced:
            return "".join(keys)
        for key in keys:
            if key not in self._stem_codes:
                self._stem_codes[key] = chr(_FIRST_STEM_CODE + len(self._stem_codes))
        return "".join(self._stem_codes[key] for key in keys)

    def find(self, text: str, segment: int = 0) -> list[TermHit]:
        """Every term occurrence in ``text``, longest first on overlap, in text order."""
        return self.find_many([text], segment)[0]

    def find_many(self, texts: Sequence[str], first_segment: int = 0) -> list[list[TermHit]]:
        """:meth:`find` for each text (segment numbers counted from ``first_segment``)."""
        results: list[list[TermHit]] = [[] for _ in texts]
        if self._automaton is None:
            return results
        for lo, hi in _batches(texts):
            batch = texts[lo:hi]
            if self.profile.spaced:
                self._find_spaced(batch, lo, first_segment, results)
            else:
                self._find_unspaced(batch, lo, first_segment, results)
        return results

    def _search(self, keys: list[str]) -> dict[int, list[_Candidate]]:
        """Matches in the joined keys, grouped by the index of the key they fall in."""
        assert self._automaton is not None
        found = self._automaton.find_matches_as_indexes(_FILLER.join(keys), overlapping=True)
        by_key: dict[int, list[_Candidate]] = {}
        if not found:
            return by_key
        offsets = [0, *accumulate(len(k) + 1 for k in keys)]
        for index, start, end in found:
            i = bisect_right(offsets, start) - 1
            base = offsets[i]
            by_key.setdefault(i, []).append((start - base, end - base, index))
        return by_key

    def _find_spaced(self, batch: Sequence[str], lo: int, first_segment: int,
                     results: list[list[TermHit]]) -> None:
        findall, key_of = self._tokenizer.findall, self._keys.__getitem__
        keys = ["".join(map(key_of, findall(text))) for text in batch]
        for i, candidates in self._search(keys).items():
            text = batch[i]
            chosen = _select(candidates)
            last_unit = max(end for _, end, _ in chosen)
            spans = [m.span() for m in islice(self._tokenizer.finditer(text), last_unit)]
            results[lo + i] = self._hits(
                text, lo + i + first_segment,
                [(spans[start][0], self._match_end(text, spans[end - 1]), index)
                 for start, end, index in chosen])

    def _match_end(self, text: str, last_token: tuple[int, int]) -> int:
        """Where a match ends: a possessive "'s" or a Korean particle stays outside the span,
        so that a replacement keeps it (the profile says how long that suffix is)."""
        start, end = last_token
        return end - self.profile.suffix_outside_match(text[start:end])

    def _find_unspaced(self, batch: Sequence[str], lo: int, first_segment: int,
                       results: list[list[TermHit]]) -> None:
        folded = [self.profile.fold_unspaced(text) for text in batch]
        for i, candidates in self._search([f for f, _ in folded]).items():
            index_map = folded[i][1]
            if index_map is not None:
                candidates = _whole_characters(candidates, index_map)
                if not candidates:
                    continue
            chosen = _select(candidates)
            if index_map is not None:
                chosen = [(index_map[s], index_map[e - 1] + 1, p) for s, e, p in chosen]
            results[lo + i] = self._hits(batch[i], lo + i + first_segment, chosen)

    def _hits(self, text: str, segment: int, chosen: list[_Candidate]) -> list[TermHit]:
        patterns = self._patterns
        return [TermHit(term.concept, self.lang, term.text, term.status, segment, start, end,
                        text[start:end])
                for start, end, index in chosen for term in patterns[index].terms]


def _batches(texts: Sequence[str]) -> Iterable[tuple[int, int]]:
    """(lo, hi) index ranges of about ``_BATCH_CHARS`` characters of text each."""
    lo, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= _BATCH_CHARS:
            yield lo, i + 1
            lo, size = i + 1, 0
    if lo < len(texts):
        yield lo, len(texts)


def _whole_characters(candidates: list[_Candidate], index_map: list[int]) -> list[_Candidate]:
    """Drop matches that cut an original character that folded into several."""
    kept = []
    for start, end, index in candidates:
        if start and index_map[start - 1] == index_map[start]:
            continue
        if end < len(index_map) and index_map[end] == index_map[end - 1]:
            continue
        kept.append((start, end, index))
    return kept


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins on overlap, ties go to the leftmost; returned in text order.

    Linear in the matched length: a unit taken by a longer match is marked in a byte array,
    so each candidate costs its own length (terms are short), not the number of matches taken.
    """
    if len(candidates) == 1:
        return candidates
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    first = min(start for start, _, _ in candidates)
    taken = bytearray(max(end for _, end, _ in candidates) - first)
    chosen = []
    for start, end, index in candidates:
        if taken.find(1, start - first, end - first) == -1:
            taken[start - first:end - first] = b"\x01" * (end - start)
            chosen.append((start, end, index))
    chosen.sort()
    return chosen


def matcher_for(termbase: TermBase, lang: str) -> TermMatcher:
    """The compiled matcher of a term base for a language, rebuilt after ``TermBase.add``.

    UsageError when ``lang`` is not a BCP 47 tag or the glossary has terms but none in ``lang``:
    matching nothing would pass every check.
    """
    key = base_lang(lang)
    cached = termbase.compiled.get(key)
    if cached is not None and cached[0] == termbase.version:
        matcher: TermMatcher = cached[1]
        return matcher
    parse_tag(lang)
    matcher = TermMatcher(termbase, lang)
    languages = termbase.languages() if not matcher.term_count else ()
    if languages:  # an empty term base is the no-glossary mode: nothing to check
        raise missing_language_error(lang, languages)
    termbase.compiled[key] = (termbase.version, matcher)
    return matcher


def match_terms(segments: Sequence[Segment],
                matcher: TermMatcher) -> tuple[tuple[TermHit, ...], ...]:
    """The term-matching stage: hits for each segment, in segment order.

    Hits that overlap a segment's protected spans (inline markup, format placeholders) are
    dropped: a tag or ``{name}`` is never a term.
    """
    found = matcher.find_many([seg.text for seg in segments])
    return tuple(
        tuple(hit for hit in hits if not seg.is_protected(hit.start, hit.end))
        if seg.protected else tuple(hits)
        for seg, hits in zip(segments, found, strict=True))
