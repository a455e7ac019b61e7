"""Sentence -> matching keys for the lexical model.

Every sentence gets *units* (what must be matched: content-word stems for spaced scripts, Hanzi for
Chinese and Japanese, numbers, URLs, Latin words inside CJK text) and *lookups* (keys under which
the lexicon lists translations: the same stems for spaced scripts; for CJK every dictionary word
found in the sentence, overlapping, plus single characters). Units are counted per occurrence;
lookups are a set.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from glossalign.languages import get_profile
from glossalign.pipeline.align.anchors import (
    LATIN_WORD,
    NUMBER,
    URL,
    cognate_key,
    number_keys,
    punctuation_keys,
    url_key,
)
from glossalign.pipeline.align.lexicon import content_word_key


@dataclass(frozen=True, slots=True)
class SentenceKeys:
    units: tuple[str, ...]
    lookups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeyLists:
    """A list of key ids per sentence in CSR layout: sentence ``k`` has ``ids[ptr[k]:ptr[k+1]]``.

    One flat int32 array instead of a tuple per sentence: a book holds millions of keys, and a
    tuple of string references costs 8 bytes a key plus ~56 a sentence (most of the bound
    scorer's memory before)."""

    ptr: np.ndarray  # int64, one more than the sentences
    ids: np.ndarray  # int32

    @classmethod
    def of(cls, lengths: array, ids: array) -> KeyLists:
        ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(lengths, dtype=np.int32), out=ptr[1:])
        return cls(ptr, np.frombuffer(ids, dtype=np.int32))  # shares the array's buffer

    def __len__(self) -> int:
        return len(self.ptr) - 1

    def row(self, k: int) -> np.ndarray:
        return self.ids[self.ptr[k]:self.ptr[k + 1]]

    def owners(self) -> np.ndarray:
        """The sentence of each entry of ``ids``."""
        return np.repeat(np.arange(len(self)), np.diff(self.ptr))


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    """Keys of every sentence of one side (ids into ``names``: units per occurrence, lookups
    distinct), and the cognate key of each word unit."""

    lang: str
    names: tuple[str, ...]
    units: KeyLists
    lookups: KeyLists
    cognates: dict[str, str]

    def __len__(self) -> int:
        return len(self.units)

    def sentence(self, k: int) -> SentenceKeys:
        return SentenceKeys(tuple(self.names[i] for i in self.units.row(k)),
                            tuple(self.names[i] for i in self.lookups.row(k)))


class _KeyCollector:
    """Accumulates sentences' keys as ids into one name table (flat int32 arrays)."""

    def __init__(self) -> None:
        self.id_of: dict[str, int] = {}
        self.unit_lengths, self.unit_ids = array("i"), array("i")
        self.lookup_lengths, self.lookup_ids = array("i"), array("i")

    def add(self, units: Sequence[str], lookups: Iterable[str]) -> None:
        id_of = self.id_of
        unit_ids = [id_of.setdefault(key, len(id_of)) for key in units]
        lookup_ids = dict.fromkeys([*unit_ids, *(id_of.setdefault(k, len(id_of))
                                                 for k in lookups)])
        self.unit_lengths.append(len(unit_ids))
        self.unit_ids.extend(unit_ids)
        self.lookup_lengths.append(len(lookup_ids))
        self.lookup_ids.extend(lookup_ids)

    def finish(self, lang: str, cognates: dict[str, str]) -> DocumentKeys:
        return DocumentKeys(lang, tuple(self.id_of), KeyLists.of(self.unit_lengths, self.unit_ids),
                            KeyLists.of(self.lookup_lengths, self.lookup_ids), cognates)


def _strip_anchors(text: str, punctuation: bool) -> tuple[str, list[str]]:
    """Remove URLs and numbers from the text; return their keys (and punctuation keys)."""
    keys = [url_key(m.group()) for m in URL.finditer(text)]
    text = URL.sub(" ", text)
    keys += [key for m in NUMBER.finditer(text) for key in number_keys(m.group())]
    text = NUMBER.sub(" ", text)
    if punctuation:
        keys += punctuation_keys(text)
    return text, keys


def _spaced_keys(texts: Sequence[str], lang: str, cognate_prefix: int,
                 punctuation: bool) -> DocumentKeys:
    profile = get_profile(lang)
    cognates: dict[str, str] = {}
    collected = _KeyCollector()
    stem_of: dict[str, str] = {}
    for text in texts:
        rest, units = _strip_anchors(text, punctuation)
        for token in profile.word_tokens(rest):
            word = token.text
            key = stem_of.get(word)
            if key is None:
                key = content_word_key(word, profile.code)
                cognate = cognate_key(word, cognate_prefix) if key and cognate_prefix else None
                if cognate and key not in cognates:
                    cognates[key] = cognate
                stem_of[word] = key
            if key:
                units.append(key)
        collected.add(units, ())
    return collected.finish(profile.code, cognates)


def _latin_key(word: str, other_lang: str) -> str:
    """A Latin word inside CJK text, keyed like a word of the other side ("" for a stop word)."""
    folded = word.casefold()
    return content_word_key(folded, other_lang) if get_profile(other_lang).spaced else folded


def _unspaced_keys(texts: Sequence[str], lang: str, other_lang: str,
                   dictionary_words: Collection[str], punctuation: bool) -> DocumentKeys:
    profile = get_profile(lang)
    folded_texts = ["".join(profile.match_units(text)[0]) for text in texts]
    finder = _word_finder(folded_texts, dictionary_words)
    collected = _KeyCollector()
    for folded in folded_texts:
        rest, units = _strip_anchors(folded, punctuation)
        units += [k for k in (_latin_key(m.group(), other_lang) for m in LATIN_WORD.finditer(rest))
                  if k]
        units += profile.alignment_units(rest)
        collected.add(units, finder(rest) if finder else ())
    return collected.finish(profile.code, {})


def _word_finder(texts: Sequence[str],
                 dictionary_words: Collection[str]) -> Callable[[str], list[str]] | None:
    """An overlapping multi-word matcher over the dictionary words that can occur in ``texts``
    (or in them with URLs and numbers blanked out, as the finder is then applied).

    A word can only match where all its characters occur and each two neighbouring ones occur
    side by side (a space may stand where a URL or number was: words with one are kept). The
    filter keeps the matches identical while leaving most of a large dictionary out of the
    automaton, whose memory is per word (CC-CEDICT on the Bible: 50,704 words whose characters
    occur, 3,537 whose character pairs do)."""
    present = set("".join(texts))
    pairs: set[str] = set()
    for text in texts:
        pairs.update(map(str.__add__, text, text[1:]))
    patterns = list(dict.fromkeys(
        w for w in dictionary_words
        if len(w) >= 2 and present.issuperset(w)
        and (" " in w or all(map(pairs.__contains__, map(str.__add__, w, w[1:]))))))
    del present, pairs
    if not patterns:
        return None
    from ahocorasick_rs import AhoCorasick

    automaton = AhoCorasick(patterns)

    def find(text: str) -> list[str]:
        # Every overlapping match, by end position, longer first where two end together.
        return automaton.find_matches_as_strings(text, overlapping=True)

    return find


def document_keys(texts: Sequence[str], lang: str, other_lang: str, *,
                  dictionary_words: Collection[str] = (), cognate_prefix: int = 0,
                  punctuation: bool = True) -> DocumentKeys:
    """Units and lookups of every sentence of one side of a bitext."""
    if get_profile(lang).spaced:
        return _spaced_keys(texts, lang, cognate_prefix, punctuation)
    return _unspaced_keys(texts, lang, other_lang, dictionary_words, punctuation)


def unit_keys_of_word(word_key: str, lang: str) -> tuple[str, ...]:
    """The units a lexicon entry stands for on its side: its characters for CJK, else itself."""
    return get_profile(lang).unit_keys_of_word(word_key)
