"""Matched quotation marks and brackets in one paragraph, found in one linear pass.

The sentence splitters use the pairs twice: a sentence end inside a pair does not end the
sentence (``他说：“好的。”然后走了。``), unless the pair is a long quotation, which is split at its
own sentence ends (a quoted monologue of several sentences is several sentences).

Quotation marks differ between languages and one character plays different roles: ``“`` opens in
English (“…”) and closes in German („…“), ``»`` closes in French («…») and opens in German (»…«)
and Swedish (»…»). So a mark first tries to close the nearest open mark it can close and only
then opens a pair of its own. ``»`` and ``›`` open only in the languages that write »…« or »…»
(given ``lang``): in French a stray ``»`` would otherwise pair with the next ``«`` and hide the
sentence ends between them.
ASCII ``'`` is left alone (it is mostly an apostrophe); ASCII ``"`` closes an open ``"`` or opens.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

# opening mark -> the marks that may close it
_QUOTE_CLOSERS: dict[str, str] = {
    "“": "”", "„": "“”", "‚": "‘’", "‘": "’", "«": "»", "»": "«»", "‹": "›", "›": "‹›",
    "「": "」", "『": "』", '"': '"',
}
_BRACKET_CLOSERS: dict[str, str] = {
    "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "(": ")", "[": "]", "{": "}",
}
_CLOSERS = {**_QUOTE_CLOSERS, **_BRACKET_CLOSERS}
CLOSING_MARKS = frozenset("".join(_CLOSERS.values()))
OPENING_MARKS = frozenset(_CLOSERS)
QUOTE_MARKS = frozenset(_QUOTE_CLOSERS) | frozenset("".join(_QUOTE_CLOSERS.values()))
_MARKS = CLOSING_MARKS | OPENING_MARKS
# Languages whose quotations may open with » or › (»…«, »…»): German, Scandinavian, Central Europe.
_REVERSED_GUILLEMETS = frozenset({"de", "da", "sv", "fi", "no", "nb", "nn", "is", "cs", "sk", "sl",
                                  "hr", "sr", "bs", "hu", "pl"})
_NEVER_OPEN = frozenset("»›")
# How far down the stack of open marks a closing mark looks for its opener. Bounded so that a
# hostile run of unmatched marks ("((((…」」」」…") stays linear.
_SEARCH_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Pair:
    """A matched pair: ``text[start]`` opens it, ``text[end]`` closes it."""

    start: int
    end: int
    quotation: bool  # a quotation mark pair (False: a bracket pair)

    def contains(self, cut: int) -> bool:
        """Whether a cut (the index where the next sentence would start) falls inside the pair."""
        return self.start < cut <= self.end


def find_pairs(text: str, lang: str | None = None) -> list[Pair]:
    """Every matched pair of quotation marks or brackets, sorted by opening position.

    ``lang`` (a base language code) decides whether » and › may open a pair; None: they may.
    """
    reversed_ok = lang is None or lang in _REVERSED_GUILLEMETS
    stack: list[tuple[str, int]] = []
    pairs: list[Pair] = []
    for k, ch in enumerate(text):
        if ch not in _MARKS:
            continue
        if ch in CLOSING_MARKS and _close(stack, ch, k, pairs):
            continue
        if ch in OPENING_MARKS and (reversed_ok or ch not in _NEVER_OPEN):
            stack.append((ch, k))
    pairs.sort(key=lambda pair: pair.start)
    return pairs


def _close(stack: list[tuple[str, int]], mark: str, index: int, pairs: list[Pair]) -> bool:
    for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - _SEARCH_DEPTH), -1):
        opener, start = stack[depth]
        if mark in _CLOSERS[opener]:
            pairs.append(Pair(start, index, opener in _QUOTE_CLOSERS))
            del stack[depth:]
            return True
    return False


def outermost_quotations(pairs: list[Pair]) -> list[Pair]:
    """Quotation pairs not nested inside another quotation pair, in text order."""
    out: list[Pair] = []
    for pair in pairs:
        if pair.quotation and (not out or pair.start > out[-1].end):
            out.append(pair)
    return out


class PairRanges:
    """The union of the pairs' ranges, to ask whether a cut falls inside any pair (by bisection)."""

    def __init__(self, pairs: list[Pair]):
        starts: list[int] = []
        ends: list[int] = []
        for pair in pairs:  # sorted by start
            if ends and pair.start <= ends[-1]:
                ends[-1] = max(ends[-1], pair.end)
            else:
                starts.append(pair.start)
                ends.append(pair.end)
        self._starts, self._ends = starts, ends

    def contains(self, cut: int) -> bool:
        k = bisect_left(self._starts, cut) - 1  # the last range that opens before the cut
        return k >= 0 and cut <= self._ends[k]

    def outside(self, cuts: list[int]) -> list[int]:
        return [cut for cut in cuts if not self.contains(cut)]
