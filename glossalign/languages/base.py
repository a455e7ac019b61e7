"""The language profile interface and the registry of profiles keyed by language code.

A profile owns everything that differs between languages: normalisation, word tokens and their
spans, stems, sentence splitting, the aligner's units and length unit, the BLEU tokenizer, the
number/case adaptation of a replacement, the script direction and the leading articles. The
matcher, the aligner, the segmenter and the scorer only talk to this interface.

The base class is the generic spaced-script profile (regex words, an optional Snowball stemmer);
each language module subclasses it, overrides what differs and registers itself with
:func:`register`. :func:`get_profile` returns one shared instance per base language code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from glossalign.languages.bcp47 import base_lang, parse_tag
from glossalign.languages.contractions import Contractions
from glossalign.languages.nfkc import nfkc

if TYPE_CHECKING:
    from glossalign.languages.bcp47 import LanguageTag

# Languages written without spaces between words (kept for importers of the old profiles module).
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
CJK = frozenset({"zh", "ja"})

# Combining marks that belong inside a word: ``\w`` leaves them out, which cut Arabic words with
# diacritics, Devanagari words with vowel signs and decomposed Latin accents into pieces.
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
          "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1"
          "\u0eb4-\u0ebc\u0ec8-\u0ecd\u0f18\u0f19\u0f35\u0f37\u0f39\u0f71-\u0f84\u0f86\u0f87"
          "\u0f8d-\u0fbc\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
          "\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u17b4-\u17d3\u17dd\u1ab0-\u1aff"
          "\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f")
_LETTERS = rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*"
# A word: letters/digits, with inner apostrophes ("don't", "l'Union") kept in the token.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# The same with combining marks inside: for scripts that write them (slower by ~15 %).
MARKED_WORD = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*")
_POSSESSIVE = re.compile(r"['’]s$")
_SPACE = re.compile(r"\s")
split_words = WORD.findall  # the surface words of a spaced-script text, as matching sees them
_CACHE_LIMIT = 500_000
# Between a stem and the class of the derivational suffix cut from it, in a term key.
DERIVATION_MARK = "\x03"
# Alignment units of Chinese and Japanese text: Hanzi/Kanji and kana.
HAN_OR_KANA = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


class LanguageProfile:
    """Text handling for one language. Use :func:`get_profile` rather than building one."""

    spaced: ClassVar[bool] = True
    direction: ClassVar[Literal["ltr", "rtl"]] = "ltr"
    # Leading articles and determiners, casefolded; elided forms keep their apostrophe ("l'").
    articles: ClassVar[frozenset[str]] = frozenset()
    # Elided clitics glued to the next word ("l'", "qu'"), casefolded: the word's key drops them.
    elisions: ClassVar[tuple[str, ...]] = ()
    bleu_tokenizer: ClassVar[str] = "13a"  # sacrebleu's name
    ter_asian_support: ClassVar[bool] = False
    length_unit: ClassVar[Literal["bytes", "chars"]] = "bytes"
    sentence_joiner: ClassVar[str] = " "  # between the sentences of a many-to-one bead
    line_break_is_space: ClassVar[bool] = True  # a line break inside a paragraph reads as a space
    word_pattern: ClassVar[re.Pattern[str]] = WORD
    snowball: ClassVar[str | None] = None  # PyStemmer's algorithm name, when it has one
    # Function words, lower case: a mined term does not start or end with one (empty: mining
    # relies on frequency alone).
    stop_words: ClassVar[frozenset[str]] = frozenset()
    # Unspaced scripts: term mining builds its n-grams from :meth:`word_tokens` (dictionary
    # words) rather than from single characters.
    mines_word_tokens: ClassVar[bool] = False
    # Function words, casefolded, that give the aligner no lexical evidence (empty: none skipped).
    function_words: ClassVar[frozenset[str]] = frozenset()
    # Two words written as one ("do not" <-> "don't"): term matching accepts either spelling.
    contractions: ClassVar[Contractions | None] = None
    # Derivational suffixes that the stemmer cuts, joining words of different meaning
    # ("infection", "infective", "infect" -> "infect"): (regex, without capturing groups, of
    # the suffix with its inflected forms; its class), longest first. Term matching keys a word
    # by its stem and the class of the suffix the stemmer cut (:meth:`term_key`).
    derivations: ClassVar[tuple[tuple[str, str], ...]] = ()
    # True: every term key keeps the class; False: only where two concepts of the glossary
    # share the stem with different classes (glossary/termforms.split_stems). English stems are
    # aggressive ("hospital", "hospitalized" -> "hospit"; French keeps "hôpital"), so English
    # keeps it always: a source "hospital" must not ask for the rendering of "hospitalized".
    derivations_always: ClassVar[bool] = False

    def __init__(self, code: str, stemmer_name: str | None = None) -> None:
        self.code = code
        self.stemmer_name = stemmer_name or self.snowball
        self._stem_cache: dict[str, str] = {}
        self._unit_cache: dict[str, str] = {}
        self._token_cache: dict[str, tuple[str, int, int]] = {}
        self._term_key_cache: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r})"

    # -- normalisation ------------------------------------------------------------------------
    def normalise(self, text: str) -> str:
        """Text as matching compares it: NFKC, case-folded (languages add their own folding)."""
        return nfkc(text).casefold()

    # -- word tokens --------------------------------------------------------------------------
    def word_tokens(self, text: str) -> list[Token]:
        """Word tokens with character spans."""
        return [Token(m.group(), m.start(), m.end()) for m in self.word_pattern.finditer(text)]

    def split_words(self, text: str) -> list[str]:
        """The surface words of ``text`` as :meth:`word_keys` sees them."""
        return self.word_pattern.findall(text)

    def stem(self, word: str) -> str:
        """Normalised stem: possessive ``'s`` and elided clitics removed, then stemmed; cached."""
        key = self._stem_cache.get(word)
        if key is None:
            key = self.stem_folded(self._folded_word(word))
            self._stem_cache[word] = key
        return key

    def _folded_word(self, word: str) -> str:
        folded = _POSSESSIVE.sub("", self.normalise(word)).replace("’", "'")
        return self._strip_elision(folded)

    def term_key(self, word: str) -> str:
        """The key of a word for term matching: its stem, and the derivational suffix the
        stemmer cut, if any (see :attr:`derivations`), so that a glossary's "infection" is not
        found in "infected" nor "hospital" in "hospitalized". The aligner uses plain stems."""
        stem = self.stem(word)
        if not self.derivations or len(word) - len(stem) < 2:  # no cut, or an inflection's
            return stem
        key = self._term_key_cache.get(word)
        if key is None:
            key = stem
            folded = self._folded_word(word)
            match = _derivation_regex(self.derivations).search(folded, max(len(stem) - 1, 0))
            if match is not None and match.lastindex is not None:
                key = f"{stem}{DERIVATION_MARK}{self.derivations[match.lastindex - 1][1]}"
            if len(self._term_key_cache) > _CACHE_LIMIT:
                self._term_key_cache.clear()
            self._term_key_cache[word] = key
        return key


    def base_form(self, word: str) -> str:
        """The dictionary form a word is looked up under before stemming (English "said" ->
        "say"); the word itself where the profile has no such table."""
        return word

    def stem_folded(self, folded: str) -> str:
        """The stem of an already normalised word (the Snowball stemmer when there is one)."""
        stemmer = _snowball(self.stemmer_name) if self.stemmer_name else None
        return str(stemmer.stemWord(folded)) if stemmer else folded

    def _strip_elision(self, folded: str) -> str:
        for clitic in self.elisions:
            if folded.startswith(clitic) and len(folded) > len(clitic):
                return folded[len(clitic):]
        return folded

    # -- matching units -----------------------------------------------------------------------
    def word_keys(self, text: str) -> list[str]:
        """The matching keys of a spaced-script text (``match_units`` without the spans)."""
        cache = self._token_cache
        return [entry[0] if (entry := cache.get(word)) else self._token_entry(word)[0]
                for word in self.word_pattern.findall(text)]

    def word_spans(self, text: str, words: list[str]) -> list[tuple[int, int]]:
        """Character spans of ``words``, the first words of :meth:`split_words`, in order.

        Words never start in the gaps between them (those hold no word characters), so each
        is the first occurrence after the previous one: ``str.find`` is exact and fast.
        """
        cache = self._token_cache
        spans, pos = [], 0
        for word in words:
            start = text.find(word, pos)
            pos = start + len(word)
            entry = cache.get(word) or self._token_entry(word)
            spans.append((start + entry[2], pos - entry[1]))
        return spans

    def _token_entry(self, word: str) -> tuple[str, int, int]:
        """(key, characters cut from the end, characters cut from the start) of a word."""
        if len(self._token_cache) > _CACHE_LIMIT:  # vocabulary-sized; bounded for huge corpora
            self._token_cache.clear()
            self._stem_cache.clear()
        # A possessive or an elided article stays outside the span, so a replacement keeps it.
        entry = (self.stem(word), self.suffix_outside_match(word), self._elision_length(word))
        self._token_cache[word] = entry
        return entry

    def suffix_outside_match(self, word: str) -> int:
        """Characters at the end of a matched word that stay outside the match's span (and so
        survive a replacement): a possessive ``'s``; languages add their own (Korean particles).
        """
        return 2 if len(word) > 2 and _POSSESSIVE.search(word) else 0

    def _elision_length(self, word: str) -> int:
        if not self.elisions:
            return 0
        folded = word.casefold().replace("’", "'")
        return next((len(c) for c in self.elisions
                     if folded.startswith(c) and len(folded) > len(c)), 0)

    def match_units(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Normalised units for term matching and the character span of each unit.

        Spaced scripts: stemmed word tokens (so inflection, case, hyphenation and possessives do
        not block a match). Unspaced scripts: single characters, folded by :meth:`fold_char`;
        whitespace is skipped.
        """
        if self.spaced:
            return self.word_keys(text), self.word_spans(text, self.split_words(text))
        keys: list[str] = []
        spans: list[tuple[int, int]] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            unit = self._unit_cache.get(ch)
            if unit is None:
                unit = self.fold_char(ch)
                self._unit_cache[ch] = unit
            if unit:
                keys.append(unit)
                spans.append((i, i + 1))
        return keys, spans

    def fold_char(self, ch: str) -> str:
        """One character of an unspaced script as matching sees it."""
        return self.normalise(ch)

    def fold_unspaced(self, text: str) -> tuple[str, list[int] | None]:
        """The text folded like :meth:`match_units` joins it, for unspaced scripts, fast.

        Returns the folded string and, for each of its characters, the index of the original
        character it came from — or None when the two strings line up one to one.
        """
        if not _SPACE.search(text):
            folded = self.normalise(text)
            if len(folded) == len(text):
                return folded, None
        keys, spans = self.match_units(text)
        index_map = [start for key, (start, _) in zip(keys, spans, strict=True) for _ in key]
        return "".join(keys), index_map

    # -- sentences ----------------------------------------------------------------------------
    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences of one paragraph of text."""
        from glossalign.corpora.sentences import split_sentences

        return split_sentences(text, self.code)

    # -- alignment ----------------------------------------------------------------------------
    def alignment_units(self, folded: str) -> list[str]:
        """Unspaced scripts: the lexical units of folded text (spaced scripts use word stems)."""
        return [ch for ch in folded if ch.isalpha()]

    def unit_keys_of_word(self, word_key: str) -> tuple[str, ...]:
        """The alignment units a lexicon entry's key stands for on this side."""
        return (word_key,)

    def text_length(self, text: str) -> int:
        """A sentence's length for the aligner's length model, in :attr:`length_unit`."""
        return len(text.encode("utf-8")) if self.length_unit == "bytes" else len(text)

    # -- replacements -------------------------------------------------------------------------
    def adapt_number(self, found: str, written_term: str, replacement: str,
                     tag: LanguageTag) -> str:
        """``replacement`` in the grammatical number (or script) the text used for the term.

        ``written_term`` is the glossary's spelling of the term that matched ``found``. The
        default changes nothing; languages with a plural rule override it.
        """
        return replacement

    def term_plural(self, term: str) -> str | None:
        """``term`` with its last word in the plural: one more spelling of a term that decoding
        constraints ban or accept. None where the profile has no plural rule for it."""
        return None


class UnspacedProfile(LanguageProfile):
    """A script written without spaces between words: matched by character."""

    spaced = False
    bleu_tokenizer = "char"
    sentence_joiner = ""
    line_break_is_space = False

    def word_tokens(self, text: str) -> list[Token]:
        """Single characters: the documented fallback when no word segmenter is available."""
        return [Token(ch, i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]


@cache
def _derivation_regex(table: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One search for every suffix of ``table``: the leftmost match is the longest suffix,
    and its group number names the class."""
    return re.compile("|".join(f"({pattern})$" for pattern, _ in table))


@cache
def _snowball(name: str) -> Any:
    import Stemmer  # PyStemmer: C implementation of the Snowball stemmers

    return Stemmer.Stemmer(name)


_FACTORIES: dict[str, Callable[[str], LanguageProfile]] = {}
_PROFILES: dict[str, LanguageProfile] = {}
_BY_TAG: dict[str, LanguageProfile] = {}
_DEFAULT: list[Callable[[str], LanguageProfile]] = []


def register(*codes: str) -> Callable[[type[LanguageProfile]], type[LanguageProfile]]:
    """Class decorator: the profile class serves these base language codes."""

    def add(cls: type[LanguageProfile]) -> type[LanguageProfile]:
        for code in codes:
            _FACTORIES[code] = cls
        return cls

    return add


def register_default(factory: Callable[[str], LanguageProfile]) -> None:
    """The factory for codes no module registered (the generic profiles)."""
    _DEFAULT[:] = [factory]


def registered_codes() -> Sequence[str]:
    """The language codes that have a profile module of their own, sorted."""
    return sorted(_FACTORIES)


def get_profile(lang: str) -> LanguageProfile:
    """The profile for a BCP 47 tag such as ``zh``, ``zh-Hant-TW``, ``EN``, ``en_US`` or ``pt-BR``.

    UsageError for a tag that is not BCP 47 (checked once per spelling; the lookup is a dict hit
    afterwards, since callers ask per sentence).
    """
    profile = _BY_TAG.get(lang)
    if profile is None:
        parse_tag(lang)
        code = base_lang(lang)
        profile = _PROFILES.get(code)
        if profile is None:
            profile = (_FACTORIES.get(code) or _DEFAULT[0])(code)
            _PROFILES[code] = profile
        if len(_BY_TAG) < 1024:  # spellings of tags, a handful per run; bounded all the same
            _BY_TAG[lang] = profile
    return profile
