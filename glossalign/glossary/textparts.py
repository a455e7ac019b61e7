"""Cutting spaced-script text into words at C speed, with clause boundaries kept.

One ``str.translate`` keeps word characters (letters, digits, marks, apostrophes), turns clause
punctuation (``. ? ! , ; : ( )`` and CJK equivalents) into ``\\x01`` and everything else (spaces,
hyphens, quotes, slashes) into a space; ``split(" ")`` then gives the parts. The translation is
length-preserving, so part offsets are running sums of part lengths. A part is one word with
the boundaries that touch it ("end." -> "end\\x01"): its key is the word's stem plus two flags,
boundary before and boundary after, so that a multi-word term matches only where no boundary
falls inside it. For ASCII text ``str.translate`` runs at memory speed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container, Sequence

    from glossalign.languages import LanguageProfile

BOUNDARY = "\x01"
BOUNDARY_CHARS = ".?!,;:()。？！，；：（）、"
_APOSTROPHES = "'’"
_EDGE = BOUNDARY + _APOSTROPHES
BEFORE, AFTER = 1, 2  # flags: a boundary touches the word before / after it
_PIECE = 2048  # characters translated together when the text is not all ASCII
# Prefix of an acronym's key: "WHO" keyed apart from the stem "who" (see acronym_key).
ACRONYM_MARK = "\x02"
_POSSESSIVE_END = re.compile(r"['’]s$")


class _CharTable(dict[int, int]):
    """Character ordinal -> its translation; each character classified on first sight."""

    def __missing__(self, ordinal: int) -> int:
        ch = chr(ordinal)
        if ch in BOUNDARY_CHARS or ch == "\x00":  # NUL: what the matcher joins segments with
            mapped = ord(BOUNDARY)
        elif ch in _APOSTROPHES or (ch.isalnum() and ch != "_") or \
                unicodedata.category(ch).startswith("M"):
            mapped = ordinal
        else:
            mapped = ord(" ")
        if len(self) < 100_000:
            self[ordinal] = mapped
        return mapped


CHAR_TABLE = _CharTable()


def split_parts(text: str) -> list[str]:
    """The parts of ``text``: ``split(" ")`` of its translation (empty strings included)."""
    return text.translate(CHAR_TABLE).split(" ")


def split_joined_parts(texts: Sequence[str], separator: str) -> list[str]:
    """:func:`split_parts` of ``separator.join(texts)``, fast for mostly-ASCII text.

    ``str.translate`` leaves its ASCII fast path for good at the first non-ASCII character, so
    text with a few of them is translated in small pieces (the mapping is per character: any
    cut is exact), one long line too.
    """
    joined = separator.join(texts)
    if joined.isascii():
        return joined.translate(CHAR_TABLE).split(" ")
    return "".join([joined[i:i + _PIECE].translate(CHAR_TABLE)
                    for i in range(0, len(joined), _PIECE)]).split(" ")


def lead_trim(part: str, elided: tuple[str, ...]) -> int:
    """Characters at the start of a part that are not the word: boundaries, quotes, "l'"."""
    core = part.lstrip(_EDGE)
    trim = len(part) - len(core)
    lowered = core[:6].lower().replace("’", "'")
    for prefix in elided:
        if lowered.startswith(prefix) and len(core) > len(prefix):
            return trim + len(prefix)
    return trim


def trail_trim(part: str, profile: LanguageProfile) -> int:
    """Characters at the end of a part that stay outside a match: boundaries and quotes, and
    what the profile keeps out of a span (a possessive "'s", a Korean particle)."""
    core = part.rstrip(_EDGE)
    return len(part) - len(core) + profile.suffix_outside_match(core)


def acronym_key(word: str) -> str | None:
    """The case-sensitive key of an acronym: two or more letters, all capitals ("WHO", "AIDS",
    "ВОЗ"); None for any other word.

    A glossary term that is one such word matches only capitals in the text, because its lower
    case is often an ordinary word ("who", "aids", "us"); digits ("H1N1") or a second word
    ("COVID-19") already make a term unambiguous, and those keep case-insensitive matching.
    """
    word = unicodedata.normalize("NFKC", word)
    return ACRONYM_MARK + word if len(word) > 1 and word.isalpha() and word.isupper() else None


def text_acronym_key(core: str) -> str | None:
    """:func:`acronym_key` of a word of the text, whose plural "s" and possessive are allowed
    ("NGOs", "WHO's")."""
    core = _POSSESSIVE_END.sub("", core)
    key = acronym_key(core)
    if key is None and len(core) > 2 and core[-1] == "s":
        key = acronym_key(core[:-1])
    return key


def part_key(profile: LanguageProfile, part: str, elided: tuple[str, ...],
             acronyms: Container[str] = ()) -> tuple[str, int] | None:
    """(word key, boundary flags) of a non-empty part; None when it holds no word.

    A word in capitals whose :func:`text_acronym_key` is in ``acronyms`` (the acronym terms of
    the glossary) gets that key rather than its stem."""
    core = part.strip(_EDGE)
    if not core:
        return None
    flags = (BEFORE if BOUNDARY in part[: len(part) - len(part.lstrip(_EDGE))] else 0) | \
            (AFTER if BOUNDARY in part[len(part.rstrip(_EDGE)):] else 0)
    start = lead_trim(part, elided) - (len(part) - len(part.lstrip(_EDGE)))
    core = core[start:]
    if BOUNDARY in core:  # "U.S", "3.5": words glued by punctuation match only literally
        return unicodedata.normalize("NFKC", core).casefold().replace("’", "'"), flags
    if acronyms:
        acronym = text_acronym_key(core)
        if acronym is not None and acronym in acronyms:
            return acronym, flags
    return profile.term_key(core), flags
