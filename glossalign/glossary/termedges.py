"""Terms that end in symbols: "C++", "C#", "U.S.", "Inc.".

Text is cut into words at every symbol, so "C++" is keyed as the word "C" and found in "C code";
the symbols after a term's last word are checked on the hits instead. A hit of such a term must
be followed by the same symbols (width-folded), and its span takes them in; a hit of another
term of the same spelling ("C") is dropped where a symbol-ending one ("C++") matched. A final
period is optional ("Inc" finds "Inc."), and where it ends the segment it stays outside the span:
it is the sentence's too, and ``fix`` must not remove it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from glossalign.glossary.model import Term
from glossalign.stage_data import TermHit

_TRAILING_SYMBOLS = re.compile(r"(?<=[^\W_])[^\w\s'’\"”»)\]]+$")
_OPTIONAL = "."


def trailing_symbols(text: str) -> str:
    """The symbols written right after a term's last word ("++" of "C++"), width-folded."""
    match = _TRAILING_SYMBOLS.search(unicodedata.normalize("NFKC", text.strip()))
    return match.group() if match else ""


def symbol_endings(terms: Iterable[Term]) -> dict[tuple[str, str], str]:
    """(concept, term text) -> its trailing symbols, for the terms that have some."""
    return {(t.concept, t.text): symbols for t in terms
            if (symbols := trailing_symbols(t.text))}


def apply_symbol_endings(texts: Sequence[str], results: list[tuple[TermHit, ...]],
                         endings: dict[tuple[str, str], str], first: int = 0) -> None:
    """Check and extend, in place, the hits of terms with trailing symbols (see above)."""
    for index, hits in enumerate(results):
        if hits and any((h.concept, h.term) in endings for h in hits):
            results[index] = _segment_hits(texts[index], hits, endings)


def _segment_hits(text: str, hits: tuple[TermHit, ...],
                  endings: dict[tuple[str, str], str]) -> tuple[TermHit, ...]:
    kept: list[TermHit] = []
    extended: set[tuple[int, int]] = set()  # (start, end) where a symbol-ending term matched
    for hit in hits:
        symbols = endings.get((hit.concept, hit.term))
        if symbols is None:
            kept.append(hit)
            continue
        end = _symbols_end(text, hit.end, symbols)
        if end is None:
            continue
        extended.add((hit.start, hit.end))
        kept.append(hit._replace(end=end, text=text[hit.start:end]) if end != hit.end else hit)
    if extended:
        kept = [h for h in kept if (h.concept, h.term) in endings
                or (h.start, h.end) not in extended]
    return tuple(kept)


def _symbols_end(text: str, end: int, symbols: str) -> int | None:
    """Where the term's symbols end in ``text`` after ``end``; None if they are not there."""
    length = _original_length(text, end, symbols)
    if length is not None and not text[end + length:end + length + 1].isalnum():
        stop = end + length
        if symbols.endswith(_OPTIONAL) and not text[stop:].strip():
            return stop - 1  # the sentence's period too: left to the sentence
        return stop
    return end if symbols == _OPTIONAL else None


def _original_length(text: str, end: int, symbols: str) -> int | None:
    """Characters of ``text`` from ``end`` that fold to ``symbols`` (full-width ones too)."""
    for length in range(len(symbols), len(symbols) + 3):
        if unicodedata.normalize("NFKC", text[end:end + length]) == symbols:
            return length
    return None
