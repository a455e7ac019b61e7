"""Find glossary terms in text: compiled once per language, longest match wins.

Both the glossary terms and the text are turned into the language profile's matching units
(stemmed word tokens for spaced scripts, folded characters for Chinese/Japanese). The units are
joined into one key string and searched with an Aho-Corasick automaton, so matching costs one
pass over the text whatever the size of the glossary. Every hit maps back to exact character
offsets in the original text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

import ahocorasick

from glossalign.corpora.profiles import LanguageProfile, get_profile
from glossalign.glossary.model import Term, TermBase, base_lang
from glossalign.models import TermHit

if TYPE_CHECKING:
    from collections.abc import Iterable

# Separates units of spaced scripts in the key string; never produced by a stemmer.
_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class _Pattern:
    key_length: int  # characters in the key string, to find where a match starts
    units: int  # length in matching units: the longest match wins
    lang: str
    terms: tuple[Term, ...]


_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}


def _add_to_bucket(bucket: list[Term], term: Term) -> None:
    """Terms that look alike after folding: one per concept, the most approved one.

    "网络空间" and its Traditional spelling, or a deprecated "digitalized transformation" that
    stems like the preferred "digital transformation", must not make the text ambiguous.
    """
    for i, other in enumerate(bucket):
        if other.concept == term.concept:
            if _STATUS_RANK[term.status] < _STATUS_RANK[other.status]:
                bucket[i] = term
            return
    bucket.append(term)


class TermMatcher:
    """All terms of one language of a term base, ready to search text."""

    def __init__(self, termbase: TermBase, lang: str):
        self.lang = base_lang(lang)
        self.profile: LanguageProfile = get_profile(lang)
        self._sep = _SEP if self.profile.spaced else ""
        self._automaton = ahocorasick.Automaton()
        self.term_count = 0
        self._add_terms(t for t in termbase.terms() if base_lang(t.lang) == self.lang)
        if self.term_count:
            self._automaton.make_automaton()

    def _add_terms(self, terms: Iterable[Term]) -> None:
        patterns: dict[str, list[Term]] = {}
        lengths: dict[str, int] = {}
        for term in terms:
            for keys in self._term_variants(term.text):
                key = self._join(keys)
                lengths[key] = len(keys)
                _add_to_bucket(patterns.setdefault(key, []), term)
        for key, bucket in patterns.items():
            units = lengths[key]
            self._automaton.add_word(key, _Pattern(len(key), units, self.lang, tuple(bucket)))
        self.term_count = len(patterns)

    def _term_variants(self, text: str) -> list[list[str]]:
        """Unit sequences a term may appear as: as written, and with hyphenated parts joined."""
        keys, _ = self.profile.match_units(text)
        if not keys:
            return []
        variants = [keys]
        if self.profile.spaced and "-" in text:
            joined, _ = self.profile.match_units(text.replace("-", ""))
            if joined != keys:
                variants.append(joined)
        return variants

    def _join(self, keys: list[str]) -> str:
        if self._sep:
            return _SEP + _SEP.join(keys) + _SEP
        return "".join(keys)

    def find(self, text: str, segment: int = 0) -> list[TermHit]:
        """Every term occurrence in ``text``, longest first on overlap, in text order."""
        if not self.term_count or not text:
            return []
        if self.profile.spaced:
            candidates = self._spaced_candidates(text)
        else:
            candidates = self._unspaced_candidates(text)
        if not candidates:
            return []
        return self._select(candidates, text, segment)

    def _spaced_candidates(self, text: str) -> list[tuple[int, int, _Pattern]]:
        """(start, end, pattern) in characters of ``text``, from stemmed word tokens."""
        keys = self.profile.word_keys(text)
        if not keys:
            return []
        found = list(self._automaton.iter(_SEP + _SEP.join(keys) + _SEP))
        if not found:
            return []
        _, spans = self.profile.match_units(text)  # spans are only needed when a term is found
        # Position of the separator in front of each unit; patterns start on one of these.
        unit_starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))
        candidates = []
        for end_pos, pattern in found:
            first = bisect_left(unit_starts, end_pos + 1 - pattern.key_length)
            last = bisect_left(unit_starts, end_pos) - 1
            candidates.append((spans[first][0], spans[last][1], pattern))
        return candidates

    def _unspaced_candidates(self, text: str) -> list[tuple[int, int, _Pattern]]:
        """(start, end, pattern) in characters of ``text``, from folded characters."""
        folded, index_map = self.profile.fold_unspaced(text)
        candidates = []
        for end_pos, pattern in self._automaton.iter(folded):
            start_pos = end_pos + 1 - pattern.key_length
            if index_map is None:
                candidates.append((start_pos, end_pos + 1, pattern))
                continue
            # A folded character may stand for part of one original character: skip such cuts.
            if start_pos and index_map[start_pos - 1] == index_map[start_pos]:
                continue
            if end_pos + 1 < len(index_map) and index_map[end_pos + 1] == index_map[end_pos]:
                continue
            candidates.append((index_map[start_pos], index_map[end_pos] + 1, pattern))
        return candidates

    @staticmethod
    def _select(candidates: list[tuple[int, int, _Pattern]], text: str,
                segment: int) -> list[TermHit]:
        """Longest match wins on overlap; ties go to the leftmost."""
        if len(candidates) == 1:
            start, end, pattern = candidates[0]
            return [TermHit(term.concept, pattern.lang, term.text, term.status, segment, start,
                            end, text[start:end]) for term in pattern.terms]
        candidates.sort(key=lambda c: (-c[2].units, c[0]))
        taken: list[tuple[int, int]] = []
        hits: list[TermHit] = []
        for start, end, pattern in candidates:
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            for term in pattern.terms:
                hits.append(TermHit(term.concept, pattern.lang, term.text, term.status,
                                    segment, start, end, text[start:end]))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits
