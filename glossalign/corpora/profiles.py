"""Language profiles: one registry keyed by language code.

A profile owns what differs between languages: how text is normalised for matching, how it is cut
into word tokens, how words are stemmed and how sentences are split. Adding a language means adding
(or configuring) a profile; the matcher and the aligner only talk to this interface.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from glossalign.glossary.model import base_lang

if TYPE_CHECKING:
    from collections.abc import Callable

# Languages written without spaces between words: matched by character, segmented by jieba (zh).
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
CJK = frozenset({"zh", "ja"})

SNOWBALL_NAMES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}

# A word: letters/digits/marks, with inner apostrophes ("don't", "mankind's") kept in the token.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SPACE = re.compile(r"\s")
split_words = _WORD.findall  # the surface words of a spaced-script text, as matching sees them
_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class LanguageProfile:
    """Text handling for one language. Use :func:`get_profile` rather than building one."""

    code: str
    spaced: bool
    stemmer_name: str | None = None
    _stem_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _unit_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _token_cache: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)

    # -- word tokens -------------------------------------------------------------------------
    def word_tokens(self, text: str) -> list[Token]:
        """Word tokens with character spans (jieba for Chinese, a regex for spaced scripts)."""
        if self.code == "zh":
            return _jieba_tokens(text)
        if not self.spaced:
            return [Token(ch, i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
        return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]

    def stem(self, word: str) -> str:
        """Case-folded, NFKC-normalised stem with possessive ``'s`` removed; cached."""
        key = self._stem_cache.get(word)
        if key is None:
            folded = unicodedata.normalize("NFKC", word).casefold()
            folded = _POSSESSIVE.sub("", folded).replace("’", "'")
            stemmer = _stemmer(self.stemmer_name) if self.stemmer_name else None
            key = stemmer.stemWord(folded) if stemmer else folded
            self._stem_cache[word] = key
        return key

    # -- matching units ----------------------------------------------------------------------
    def word_keys(self, text: str) -> list[str]:
        """The matching keys of a spaced-script text (``match_units`` without the spans)."""
        cache = self._token_cache
        return [entry[0] if (entry := cache.get(word)) else self._token_entry(word)[0]
                for word in _WORD.findall(text)]

    def word_spans(self, text: str, words: list[str]) -> list[tuple[int, int]]:
        """Character spans of ``words``, the first words of ``split_words(text)``, in order.

        Words never start in the gaps between them (those hold no word characters), so each
        is the first occurrence after the previous one: ``str.find`` is exact and fast.
        """
        cache = self._token_cache
        spans, pos = [], 0
        for word in words:
            start = text.find(word, pos)
            pos = start + len(word)
            entry = cache.get(word) or self._token_entry(word)
            spans.append((start, pos - entry[1]))
        return spans

    def _token_entry(self, word: str) -> tuple[str, int]:
        if len(self._token_cache) > _CACHE_LIMIT:  # vocabulary-sized; bounded for huge corpora
            self._token_cache.clear()
            self._stem_cache.clear()
        # A possessive stays outside the span, so a replacement keeps it.
        entry = (self.stem(word), 2 if _POSSESSIVE.search(word) else 0)
        self._token_cache[word] = entry
        return entry

    def match_units(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Normalised units for term matching and the character span of each unit.

        Spaced scripts: stemmed word tokens (so inflection, case, hyphenation and possessives do
        not block a match). Unspaced scripts: single characters, NFKC- and width-folded, with
        Traditional Chinese folded to Simplified; whitespace is skipped.
        """
        if self.spaced:
            return self.word_keys(text), self.word_spans(text, _WORD.findall(text))
        keys: list[str] = []
        spans: list[tuple[int, int]] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            unit = self._unit_cache.get(ch)
            if unit is None:
                unit = self._fold_char(ch)
                self._unit_cache[ch] = unit
            if unit:
                keys.append(unit)
                spans.append((i, i + 1))
        return keys, spans

    def fold_unspaced(self, text: str) -> tuple[str, list[int] | None]:
        """The text folded like :meth:`match_units` joins it, for unspaced scripts, fast.

        Returns the folded string and, for each of its characters, the index of the original
        character it came from — or None when the two strings line up one to one.
        """
        if not _SPACE.search(text):
            folded = unicodedata.normalize("NFKC", text).casefold()
            if self.code == "zh":
                folded = _t2s(folded)
            if len(folded) == len(text):
                return folded, None
        keys, spans = self.match_units(text)
        index_map = [start for key, (start, _) in zip(keys, spans, strict=True) for _ in key]
        return "".join(keys), index_map

    def _fold_char(self, ch: str) -> str:
        folded = unicodedata.normalize("NFKC", ch).casefold()
        if self.code == "zh":
            folded = _t2s(folded)
        return folded

    # -- sentences ---------------------------------------------------------------------------
    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences of one paragraph of text."""
        from glossalign.corpora.sentences import split_sentences

        return split_sentences(text, self.code)


@cache
def _stemmer(name: str) -> Any:
    import Stemmer  # PyStemmer: C implementation of the Snowball stemmers

    return Stemmer.Stemmer(name)


@cache
def _opencc_t2s() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def _t2s(text: str) -> str:
    return _opencc_t2s()(text)


def _jieba_tokens(text: str) -> list[Token]:
    import jieba

    jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO on first use
    tokens = []
    for word, start, end in jieba.tokenize(text):
        if not word.isspace():
            tokens.append(Token(word, start, end))
    return tokens


_PROFILES: dict[str, LanguageProfile] = {}


def get_profile(lang: str) -> LanguageProfile:
    """The profile for a language code such as ``zh``, ``zh-TW``, ``en`` or ``pt_BR``."""
    code = base_lang(lang)
    if not code or not code.isalpha():
        from glossalign.errors import UsageError

        raise UsageError(f"not a language code: {lang!r}")
    profile = _PROFILES.get(code)
    if profile is None:
        profile = LanguageProfile(code, spaced=code not in UNSPACED,
                                  stemmer_name=SNOWBALL_NAMES.get(code))
        _PROFILES[code] = profile
    return profile
