"""Key characters of spaced-script text parts, as the term matcher's automaton reads them.

A part (a word with the clause boundaries touching it, see :mod:`textparts`) is keyed by its
stem's number and its two boundary flags; a part whose stem no term uses gets the filler,
which no pattern contains. The tables remember each part once (each word type is stemmed
once), bounded all the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossalign.glossary.termforms import elided_articles, plain_key
from glossalign.glossary.textparts import part_key

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Container

    from glossalign.languages import LanguageProfile

# The key character of a unit no term uses; it also separates segments in a batch.
FILLER = "\x00"
# Stem codes count up from U+0001, around the surrogates: the first stems' codes take one or
# two bytes in the UTF-8 that the automaton reads, most of the rest three.
_SURROGATES, _SURROGATES_END = 0xD800, 0xE000


class KeyTable(dict[str, str]):
    """Text part -> key character, filled on first sight (each word type stemmed once)."""

    __slots__ = ("_profile", "_stem_ids", "_elided", "_limit", "_acronyms", "_split")

    def __init__(self, profile: LanguageProfile, stem_ids: dict[str, int], limit: int,
                 acronyms: Container[str] = (), split: Collection[str] | None = None):
        super().__init__()
        self._limit = limit
        self._profile = profile
        self._stem_ids = stem_ids
        self._elided = elided_articles(profile)
        self._acronyms = acronyms  # the matcher's acronym keys (filled before any text)
        self._split = split  # stems that keep their derivation class (None: all; split_stems)

    def __missing__(self, part: str) -> str:
        if len(self) > self._limit:
            self.clear()
        code = self[part] = self.code_of(part)
        return code

    def code_of(self, part: str) -> str:
        """The key character of a part, not remembered."""
        key = part_key(self._profile, part, self._elided, self._acronyms)
        stem_id = None if key is None else self._stem_ids.get(plain_key(key[0], self._split))
        return FILLER if stem_id is None else stem_code(stem_id, key[1])  # type: ignore[index]


class TrimTable(dict[str, int]):
    """Text part -> characters to leave out of a span at its start (or end)."""

    __slots__ = ("trim", "_limit")

    def __init__(self, trim: Callable[[str], int], limit: int):
        super().__init__()
        self.trim = trim
        self._limit = limit

    def __missing__(self, part: str) -> int:
        if len(self) > self._limit:
            self.clear()
        value = self[part] = self.trim(part)
        return value


def stem_code(stem_id: int, flags: int) -> str:
    code = 1 + 4 * stem_id + flags
    return chr(code if code < _SURROGATES else code + _SURROGATES_END - _SURROGATES)
