"""Anchor tokens that match across languages without a dictionary.

Numbers, URLs and e-mail addresses are compared by a normalised form; Latin-script words inside CJK
text are compared with the other side's words; words of two spaced languages written in the same
script are compared by a folded prefix (cognates and names: *September*/*septembre*,
*Kingspitz*/*Kingspitz*).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。）]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)
NUMBER = re.compile(r"\d+(?:[.,'’  ]\d{3})*(?:[.,]\d+)?")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
# A number's thousands groups and an optional 1-2 or 4+ digit fraction (3 digits: a group).
_NUMBER_PARTS = re.compile(r"(\d+(?:[.,'’  ]\d{3})*)(?:[.,](\d{1,2}|\d{4,}))?")
_NON_DIGIT = re.compile(r"\D")
_FOLD_EXTRA = str.maketrans({"ß": "ss", "þ": "th", "ð": "d", "æ": "ae", "ø": "o", "œ": "oe",
                             "ł": "l", "đ": "d", "ı": "i"})
_PUNCTUATION = {"?": "?", "？": "?", "¿": "?", "!": "!", "！": "!", "¡": "!", ":": ":", "：": ":",
                ";": ";", "；": ";", "(": "(", "（": "(", "[": "(", "«": '"', "»": '"', "“": '"',
                "”": '"', "„": '"', '"': '"', "「": '"', "」": '"', "『": '"', "』": '"',
                "…": "…", "—": "—", "–": "—"}
_SPELLING_CLASS = {"ph": "f", "th": "t", "c": "k", "k": "k", "q": "k", "y": "i"}
_SOUND_SPELLINGS = re.compile(r"ph|th|[ckqy]")
_ELLIPSIS = re.compile(r"\.\.\.|。。。|……")


def punctuation_keys(text: str) -> list[str]:
    """Punctuation that translations keep (? ! : ; brackets, quotes, ellipses, dashes) as keys."""
    return ["p" + _PUNCTUATION[ch] for ch in _ELLIPSIS.sub("…", text) if ch in _PUNCTUATION]


def number_key(text: str) -> str:
    """``1,000`` / ``1.000`` / ``1 000`` -> ``#1000``; ``3.5`` / ``3,5`` -> ``#3.5``."""
    digits = unicodedata.normalize("NFKC", text)
    match = _NUMBER_PARTS.fullmatch(digits)
    if match is None:
        return "#" + _NON_DIGIT.sub("", digits)
    whole = _NON_DIGIT.sub("", match.group(1))
    fraction = match.group(2)
    return f"#{whole}.{fraction}" if fraction else f"#{whole}"


def number_keys(text: str) -> list[str]:
    """:func:`number_key`, a fraction kept apart: ``4.45`` -> ``#4``, ``#45``, as in ``4:45`` and
    ``4 h 45`` (times, scores and versions are written with any separator)."""
    whole, _, fraction = number_key(text).partition(".")
    return [whole, "#" + fraction] if fraction else [whole]


def url_key(text: str) -> str:
    return "@" + text.casefold().rstrip(".,;:!?)").removeprefix("http://").removeprefix(
        "https://").removeprefix("www.")


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Case- and accent-folded spelling (``Müller`` -> ``muller``, ``Þór`` -> ``thor``)."""
    folded = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD_EXTRA))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def cognate_key(word: str, prefix: int) -> str | None:
    """The folded prefix two cognates share, or None for words shorter than ``prefix``.

    Spellings that European languages use for the same sound are merged first (*Sektion* /
    *section*, *Kanton* / *canton*, *Phase* / *fase*, *Typ* / *type*)."""
    folded = fold_word(word)
    if len(folded) < prefix or not folded.isalpha():
        return None
    return "~" + _SOUND_SPELLINGS.sub(_merge_spelling, folded)[:prefix]


def _merge_spelling(match: re.Match[str]) -> str:
    return _SPELLING_CLASS[match.group()]
