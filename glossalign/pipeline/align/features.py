"""Sentence -> matching keys for the lexical model.

Every sentence gets *units* (what must be matched: content-word stems for spaced scripts, Hanzi for
Chinese and Japanese, numbers, URLs, Latin words inside CJK text) and *lookups* (keys under which
the lexicon lists translations: the same stems for spaced scripts; for CJK every dictionary word
found in the sentence, overlapping, plus single characters). Units are counted per occurrence;
lookups are a set.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

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
class DocumentKeys:
    """Keys of every sentence of one side, and the cognate key of each word unit."""

    lang: str
    sentences: tuple[SentenceKeys, ...]
    cognates: dict[str, str]


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
    sentences = []
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
        sentences.append(SentenceKeys(tuple(units), tuple(dict.fromkeys(units))))
    return DocumentKeys(profile.code, tuple(sentences), cognates)


def _latin_key(word: str, other_lang: str) -> str:
    """A Latin word inside CJK text, keyed like a word of the other side ("" for a stop word)."""
    folded = word.casefold()
    return content_word_key(folded, other_lang) if get_profile(other_lang).spaced else folded


def _unspaced_keys(texts: Sequence[str], lang: str, other_lang: str,
                   dictionary_words: Collection[str], punctuation: bool) -> DocumentKeys:
    profile = get_profile(lang)
    folded_texts = ["".join(profile.match_units(text)[0]) for text in texts]
    finder = _word_finder(folded_texts, dictionary_words)
    sentences = []
    # One string object per distinct key: a book holds millions of one-character strings,
    # and CPython does not share non-Latin ones (this halves the bound scorer's memory).
    shared: dict[str, str] = {}
    for folded in folded_texts:
        rest, units = _strip_anchors(folded, punctuation)
        latin = [k for k in (_latin_key(m.group(), other_lang) for m in LATIN_WORD.finditer(rest))
                 if k]
        units += latin + [shared.setdefault(u, u) for u in profile.alignment_units(rest)]
        words = [shared.setdefault(w, w) for w in finder(rest)] if finder else []
        sentences.append(SentenceKeys(tuple(units), tuple(dict.fromkeys([*units, *words]))))
    return DocumentKeys(profile.code, tuple(sentences), {})


def _word_finder(texts: Sequence[str],
                 dictionary_words: Collection[str]) -> Callable[[str], list[str]] | None:
    """An overlapping multi-word matcher over the dictionary words that can occur in ``texts``."""
    present = set("".join(texts))
    patterns = list(dict.fromkeys(w for w in dictionary_words
                                  if len(w) >= 2 and present.issuperset(w)))
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
