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

Spaced scripts have two paths that give the same hits: the compiled extension
:mod:`glossalign.glossary._matchloop` (built at install time from Cython; keys and hits without a
Python object per word), and the pure-Python path below, used when the extension is not built,
when ``GLOSSALIGN_PURE_PYTHON=1``, or with ``TermMatcher(..., compiled=False)``.
"""

from __future__ import annotations

import gc
import os
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress, count, repeat
from operator import add, itemgetter, sub
from typing import TYPE_CHECKING

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

from glossalign.glossary.model import Term, TermBase, base_lang, variant_terms
from glossalign.glossary.partcodes import FILLER, KeyTable, TrimTable, stem_code
from glossalign.glossary.termedges import apply_symbol_endings, symbol_endings
from glossalign.glossary.termforms import (
    acronym_keys,
    elided_articles,
    plain_key,
    split_stems,
    term_forms,
)
from glossalign.glossary.textparts import (
    AFTER,
    BEFORE,
    CHAR_TABLE,
    lead_trim,
    split_joined_parts,
    trail_trim,
)
from glossalign.languages import LanguageProfile, get_profile
from glossalign.languages.bcp47 import missing_language_error, parse_tag
from glossalign.stage_data import Segment, TermHit

try:
    from glossalign.glossary._matchloop import HitMaker, SpacedScanner
except ImportError:  # not built (no compiler at install time): the pure-Python path
    HitMaker = SpacedScanner = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from collections.abc import Iterable

COMPILED_AVAILABLE = SpacedScanner is not None

_SPACED_SEPARATOR = " \x00 "
_KEY_CACHE_LIMIT = 500_000  # surface forms remembered; vocabulary-sized, bounded all the same
_BATCH_CHARS = 1 << 20  # text keyed per automaton call: bounds the memory of a batch

_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}

# (pattern index, start unit, end unit) of a match, as the automaton reports it
_Match = tuple[int, int, int]


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


def _use_compiled(requested: bool | None) -> bool:
    """None: the compiled path when it is built and not switched off by the environment."""
    if requested is None:
        return COMPILED_AVAILABLE and os.environ.get("GLOSSALIGN_PURE_PYTHON", "") in ("", "0")
    if requested and not COMPILED_AVAILABLE:
        raise ImportError("glossalign.glossary._matchloop is not built (reinstall glossalign "
                          "with a C compiler)")
    return requested


def default_engine() -> str:
    """The path a TermMatcher takes by default here: "compiled" or "python"."""
    return "compiled" if _use_compiled(None) else "python"


class TermMatcher:
    """All terms of one language of a term base, ready to search text.

    ``compiled``: use the compiled path (None: when it is built); ``engine`` says which path
    runs, "compiled" or "python". Spaced scripts are keyed and hit in compiled code; unspaced
    ones are folded in Python (the language profile's folding) and hit in compiled code.
    """

    def __init__(self, termbase: TermBase, lang: str, *, compiled: bool | None = None):
        self.lang = base_lang(lang)
        self.profile: LanguageProfile = get_profile(lang)
        self._stem_ids: dict[str, int] = {}  # spaced scripts: word key -> number
        self._acronyms: set[str] = set()  # the acronym keys among them (filled by _add_terms)
        # Stems keyed with their derivation (see split_stems); None: all of them.
        self._split: set[str] | None = None if self.profile.derivations_always else set()
        self._keys = KeyTable(self.profile, self._stem_ids, _KEY_CACHE_LIMIT, self._acronyms,
                              self._split)
        elided = elided_articles(self.profile)
        self._lead_trims = TrimTable(lambda part: lead_trim(part, elided), _KEY_CACHE_LIMIT)
        self._trail_trims = TrimTable(lambda part: trail_trim(part, self.profile),
                                       _KEY_CACHE_LIMIT)
        self._patterns: list[_Pattern] = []
        self._automaton: AhoCorasick | None = None
        self._add_terms(terms_for(termbase, lang))
        self.term_count = len(self._patterns)
        self._scanner: SpacedScanner | None = None
        self._hit_maker: HitMaker | None = None
        if self._automaton is not None and _use_compiled(compiled):
            fields = (self._concepts, self._texts, self._statuses, self.lang,
                      bytes(i in self._shared for i in range(len(self._patterns))),
                      self._more_terms, TermHit)
            if self.profile.spaced:
                self._scanner = SpacedScanner(self._part_entry, CHAR_TABLE, self._automaton,
                                              *fields, _KEY_CACHE_LIMIT)
            else:
                self._hit_maker = HitMaker(*fields)
        self.engine = "compiled" if self._scanner or self._hit_maker else "python"

    def _add_terms(self, terms: Iterable[Term]) -> None:
        patterns: dict[str, list[Term]] = {}
        terms = list(terms)
        if self.profile.spaced:  # known before any term is keyed: longer terms spell them too
            self._acronyms.update(acronym_keys(self.profile, terms))
        forms = [(term, self._term_forms(term.text)) for term in terms]
        if self._split is not None and self.profile.derivations:
            self._split.update(split_stems((term.concept, f) for term, f in forms))
        for term, term_forms_ in forms:
            for key in self._term_variants(term.text, term_forms_):
                _add_to_bucket(patterns.setdefault(key, []), term)
        self._patterns = [_Pattern(self.lang, tuple(bucket)) for bucket in patterns.values()]
        self._endings = symbol_endings(terms) if self.profile.spaced else {}
        # Hit fields by pattern index, looked up in bulk; the rare patterns that several
        # concepts share add their other terms afterwards.
        self._concepts = [p.terms[0].concept for p in self._patterns]
        self._texts = [p.terms[0].text for p in self._patterns]
        self._statuses = [p.terms[0].status for p in self._patterns]
        self._shared = {i for i, p in enumerate(self._patterns) if len(p.terms) > 1}
        if patterns:
            # Leftmost-longest, in the automaton: on overlap the match starting first wins, the
            # longest of those starting there; linear whatever the text (one long line too).
            self._automaton = AhoCorasick(list(patterns), matchkind=MatchKind.LeftmostLongest,
                                          implementation=Implementation.ContiguousNFA)

    def _term_forms(self, text: str) -> list[list[tuple[str, int]]]:
        """Spaced scripts: :func:`termforms.term_forms` of a term (unspaced: none)."""
        return term_forms(self.profile, text, self._acronyms) if self.profile.spaced else []

    def _term_variants(self, text: str, forms: list[list[tuple[str, int]]]) -> list[str]:
        """Key strings a term may appear as: its ``forms`` (spaced scripts, derivational
        classes kept only for split stems) or its folded characters."""
        if not self.profile.spaced:
            keys, _ = self.profile.match_units(text)
            return ["".join(keys)] if keys else []
        return [variant for form in forms for variant in self._flag_variants(
            [(plain_key(key, self._split), flags) for key, flags in form])]

    def _flag_variants(self, form: list[tuple[str, int]]) -> list[str]:
        """The form's key strings: punctuation may touch its first and last word from outside."""
        ids = [self._stem_ids.setdefault(key, len(self._stem_ids)) for key, _ in form]
        inner = [stem_code(stem_id, flags) for stem_id, (_, flags) in zip(ids, form, strict=True)]
        first_flags, last_flags = form[0][1], form[-1][1]
        variants = []
        for before in (0, BEFORE):
            for after in (0, AFTER):
                if len(form) == 1:
                    variants.append(stem_code(ids[0], before | after))
                    continue
                first = stem_code(ids[0], first_flags & AFTER | before)
                last = stem_code(ids[-1], last_flags & BEFORE | after)
                variants.append(first + "".join(inner[1:-1]) + last)
        return variants

    def find(self, text: str, segment: int = 0) -> list[TermHit]:
        """Every term occurrence in ``text``, in text order (leftmost-longest on overlap)."""
        return list(self.find_many([text], segment)[0])

    def find_many(self, texts: Sequence[str],
                  first_segment: int = 0) -> list[tuple[TermHit, ...]]:
        """:meth:`find` for each text (segment numbers counted from ``first_segment``).

        Tuples, and one shared empty tuple for the many segments without a hit: fewer objects
        for the garbage collector to walk, which on a large document costs more than matching.
        """
        results: list[tuple[TermHit, ...]] = [()] * len(texts)
        if self._automaton is None:
            return results
        if self._scanner is not None:
            self._scanner.find_many(texts if type(texts) is list else list(texts),
                                    first_segment, results, _BATCH_CHARS)
        else:
            for lo, hi in _batches(texts):
                batch = texts[lo:hi]
                if self.profile.spaced:
                    self._find_spaced(batch, lo, first_segment, results)
                else:
                    self._find_unspaced(batch, lo, first_segment, results)
        if self._endings:  # "C++", "U.S.": symbols after the last word (termedges)
            apply_symbol_endings(texts, results, self._endings)
        return results

    def _find_spaced(self, batch: Sequence[str], lo: int, first_segment: int,
                     results: list[tuple[TermHit, ...]]) -> None:
        assert self._automaton is not None
        parts = split_joined_parts(batch, _SPACED_SEPARATOR)
        words = list(filter(None, parts)) if "" in parts else parts
        found = self._automaton.find_matches_as_indexes(
            "".join(map(self._keys.__getitem__, words)))
        if not found:
            return
        indexes, firsts, lasts = _columns(found)
        lasts = list(map(sub, lasts, repeat(1)))
        # Part k starts at k (the spaces split on) plus the lengths of the parts before it.
        lengths_before = list(accumulate(map(len, parts), initial=0))
        first_parts, last_parts = firsts, lasts
        if words is not parts:  # empty parts (runs of spaces) hold no word
            part_of_word = list(compress(count(), parts))
            first_parts = list(map(part_of_word.__getitem__, firsts))
            last_parts = list(map(part_of_word.__getitem__, lasts))
        last_words = list(map(words.__getitem__, lasts))
        starts = list(map(add, map(add, map(lengths_before.__getitem__, first_parts), first_parts),
                          map(self._lead_trims.__getitem__, map(words.__getitem__, firsts))))
        ends = list(map(sub, map(add, map(add, map(lengths_before.__getitem__, last_parts),
                                              last_parts), map(len, last_words)),
                        map(self._trail_trims.__getitem__, last_words)))
        joined = _join(batch, _SPACED_SEPARATOR)
        self._distribute(batch, joined, (starts, ends, indexes), _SPACED_SEPARATOR,
                         lo + first_segment, results, lo)

    def _find_unspaced(self, batch: Sequence[str], lo: int, first_segment: int,
                       results: list[tuple[TermHit, ...]]) -> None:
        assert self._automaton is not None
        joined = _join(batch, FILLER)
        # Folding is per character, so the joined batch folds in one call.
        folded, index_map = self.profile.fold_unspaced(joined)
        with _collector_paused():  # the rows are many small tuples, all freed below
            found = self._automaton.find_matches_as_indexes(folded)
            if found and index_map is not None:
                found = [(i, index_map[s], index_map[e - 1] + 1)
                         for i, s, e in _whole_characters(found, index_map)]
            if found and self._hit_maker is not None:
                self._hit_maker.hits_from_rows(found, list(batch), len(FILLER),
                                               lo + first_segment, results, lo)
                return
        if not found:
            return
        indexes, starts, ends = _columns(found)
        self._distribute(batch, joined, (starts, ends, indexes), FILLER, lo + first_segment,
                         results, lo)

    def _distribute(self, batch: Sequence[str], joined: str,
                    columns: tuple[list[int], list[int], list[int]], separator: str,
                    segment_base: int, results: list[tuple[TermHit, ...]], lo: int) -> None:
        """Hits from (starts, ends, pattern indexes) in the joined batch, put in their segment."""
        starts, ends, indexes = columns
        seg_starts = [0, *accumulate(len(text) + len(separator) for text in batch)]
        segs = list(map(bisect_right, repeat(seg_starts), starts))  # segment number + 1
        bases = list(map(seg_starts.__getitem__, map(sub, segs, repeat(1))))
        hits = list(map(_new_hit, zip(
            map(self._concepts.__getitem__, indexes), repeat(self.lang),
            map(self._texts.__getitem__, indexes), map(self._statuses.__getitem__, indexes),
            map(add, segs, repeat(segment_base - 1)), map(sub, starts, bases),
            map(sub, ends, bases), map(joined.__getitem__, map(slice, starts, ends)))))
        if self._shared and not self._shared.isdisjoint(indexes):
            segs, hits = self._with_shared_terms(segs, indexes, hits)
        first, i = lo - 1, 0
        while i < len(hits):  # hits come in segment order: one tuple per segment
            end = bisect_right(segs, segs[i], i)
            results[first + segs[i]] = tuple(hits[i:end])
            i = end

    def _part_entry(self, part: str) -> tuple[int, int, int]:
        """(key code point, lead trim, trail trim) of a text part, for the compiled path."""
        return (ord(self._keys.code_of(part)), self._lead_trims.trim(part),
                self._trail_trims.trim(part))

    def _more_terms(self, index: int, hit: TermHit) -> list[TermHit]:
        """The hits of the other terms that pattern ``index`` stands for."""
        return [hit._replace(concept=term.concept, term=term.text, status=term.status)
                for term in self._patterns[index].terms[1:]]

    def _with_shared_terms(self, segs: list[int], indexes: list[int],
                           hits: list[TermHit]) -> tuple[list[int], list[TermHit]]:
        """Each hit followed by the hits of the other terms its pattern stands for."""
        all_segs, all_hits = [], []
        for seg, index, hit in zip(segs, indexes, hits, strict=True):
            all_segs.append(seg)
            all_hits.append(hit)
            if index in self._shared:
                more = self._more_terms(index, hit)
                all_segs += [seg] * len(more)
                all_hits += more
        return all_segs, all_hits


# TermHit._make is a Python function; tuple.__new__ builds the same named tuple in C.
_new_hit = partial(tuple.__new__, TermHit)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off for a block that makes many objects and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _columns(found: list[_Match]) -> tuple[list[int], list[int], list[int]]:
    """The automaton's (pattern, start, end) rows as three columns."""
    return (list(map(itemgetter(0), found)), list(map(itemgetter(1), found)),
            list(map(itemgetter(2), found)))


def _join(texts: Sequence[str], separator: str) -> str:
    """Texts joined by a separator holding a NUL, which no term contains; for spaced scripts
    it is a word of its own, a clause boundary (" \\x00 ")."""
    return separator.join(texts)


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


def _whole_characters(found: list[_Match], index_map: list[int]) -> list[_Match]:
    """Drop matches that cut an original character that folded into several."""
    kept = []
    for index, start, end in found:
        if start and index_map[start - 1] == index_map[start]:
            continue
        if end < len(index_map) and index_map[end] == index_map[end - 1]:
            continue
        kept.append((index, start, end))
    return kept


def terms_for(termbase: TermBase, lang: str) -> Iterator[Term]:
    """The terms a matcher for ``lang`` searches: of each concept, those of the tag's variant
    (zh-Hant for zh-TW, en-GB) when the concept has some, else all in the language."""
    specific = matcher_key(lang) != base_lang(lang)
    for concept in termbase:
        terms = concept.terms_in(lang)
        yield from (variant_terms(terms, lang) or terms) if specific and terms else terms


def matcher_key(lang: str) -> str:
    """The cache key of a language's matcher: the base language, with the script and region
    when the tag gives them (their terms may differ)."""
    base = base_lang(lang)
    if "-" not in lang and "_" not in lang:
        return base
    tag = parse_tag(lang)
    return "-".join(p for p in (tag.language, tag.script, tag.region) if p)


def matcher_for(termbase: TermBase, lang: str) -> TermMatcher:
    """The compiled matcher of a term base for a language, rebuilt after ``TermBase.add``.

    UsageError when ``lang`` is not a BCP 47 tag or the glossary has terms but none in ``lang``:
    matching nothing would pass every check.
    """
    key = matcher_key(lang)
    cached = termbase.compiled.get(key)
    if cached is not None and cached[0] == termbase.version:
        matcher: TermMatcher = cached[1]
        return matcher
    parse_tag(lang)
    matcher = TermMatcher(termbase, lang)
    languages = termbase.languages() if not matcher.term_count else ()
    if languages:  # an empty term base is the no-glossary mode: nothing to check
        raise missing_language_error(lang, languages, glossary=termbase.source)
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
