"""Find glossary terms in text: compiled once per language, longest match wins.

Both the glossary terms and the text are turned into the language profile's matching units
(stemmed word tokens for spaced scripts, folded characters for Chinese/Japanese) and written as
a key string of one character per unit: Chinese keeps its folded characters; each distinct stem
of a spaced script is given a private code point, and a word whose stem no term uses becomes a
filler that matches nothing. An Aho-Corasick automaton searches the key string, so matching
costs one pass over the text whatever the size of the glossary, and a match's position in the
key string is its position in units. Every hit maps back to exact character offsets in the
original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ahocorasick_rs import AhoCorasick

from glossalign.glossary.model import Term, TermBase, base_lang
from glossalign.languages import LanguageProfile, get_profile
from glossalign.models import TermHit

if TYPE_CHECKING:
    from collections.abc import Iterable

# Spaced scripts: the key character of a word no glossary term uses, and the first code point
# given to stems (supplementary planes, clear of surrogates and of real text).
_FILLER = "\x00"
_FIRST_STEM_CODE = 0x10000
_WORD_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class _Pattern:
    units: int  # length in matching units (= key characters): the longest match wins
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
        self._stem_codes: dict[str, str] = {}  # spaced scripts: stem -> key character
        self._word_codes: dict[str, str] = {}  # spaced scripts: surface word -> key character
        self._patterns: list[_Pattern] = []
        self._automaton: AhoCorasick | None = None
        self._add_terms(t for t in termbase.terms() if base_lang(t.lang) == self.lang)
        self.term_count = len(self._patterns)

    def _add_terms(self, terms: Iterable[Term]) -> None:
        patterns: dict[str, list[Term]] = {}
        for term in terms:
            for keys in self._term_variants(term.text):
                _add_to_bucket(patterns.setdefault(self._pattern_key(keys), []), term)
        self._patterns = [_Pattern(len(key), self.lang, tuple(bucket))
                          for key, bucket in patterns.items()]
        if patterns:
            self._automaton = AhoCorasick(list(patterns))

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

    def _pattern_key(self, keys: list[str]) -> str:
        if not self.profile.spaced:
            return "".join(keys)
        for key in keys:
            if key not in self._stem_codes:
                self._stem_codes[key] = chr(_FIRST_STEM_CODE + len(self._stem_codes))
        return "".join(self._stem_codes[key] for key in keys)

    def _word_code(self, word: str) -> str:
        if len(self._word_codes) > _WORD_CACHE_LIMIT:  # vocabulary-sized; bounded all the same
            self._word_codes.clear()
        code = self._stem_codes.get(self.profile.word_keys(word)[0], _FILLER)
        self._word_codes[word] = code
        return code

    def find(self, text: str, segment: int = 0) -> list[TermHit]:
        """Every term occurrence in ``text``, longest first on overlap, in text order."""
        if self._automaton is None or not text:
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
        codes = self._word_codes
        words = self.profile.split_words(text)
        key = "".join([codes.get(word) or self._word_code(word) for word in words])
        found = self._search(key)
        if not found:
            return []
        # Character spans are only needed up to the last unit that matched.
        spans = self.profile.word_spans(text, words[: max(end for _, end, _ in found)])
        return [(spans[start][0], spans[end - 1][1], pattern) for start, end, pattern in found]

    def _search(self, key: str) -> list[tuple[int, int, _Pattern]]:
        """Every (overlapping) pattern occurrence in a key string: (start, end, pattern)."""
        assert self._automaton is not None
        patterns = self._patterns
        return [(start, end, patterns[index])
                for index, start, end in self._automaton.find_matches_as_indexes(
                    key, overlapping=True)]

    def _unspaced_candidates(self, text: str) -> list[tuple[int, int, _Pattern]]:
        """(start, end, pattern) in characters of ``text``, from folded characters."""
        folded, index_map = self.profile.fold_unspaced(text)
        found = self._search(folded)
        if index_map is None:
            return found
        candidates = []
        for start, end, pattern in found:
            # A folded character may stand for part of one original character: skip such cuts.
            if start and index_map[start - 1] == index_map[start]:
                continue
            if end < len(index_map) and index_map[end] == index_map[end - 1]:
                continue
            candidates.append((index_map[start], index_map[end - 1] + 1, pattern))
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
            for t_start, t_end in taken:
                if start < t_end and t_start < end:
                    break
            else:
                taken.append((start, end))
                hits.extend(TermHit(term.concept, pattern.lang, term.text, term.status, segment,
                                    start, end, text[start:end]) for term in pattern.terms)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits
