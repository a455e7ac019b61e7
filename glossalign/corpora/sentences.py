"""Sentence splitting: character spans of the sentences of one paragraph.

- Chinese and Japanese (and other scripts written without spaces): a rule splitter. A sentence ends
  after a run of 。！？；…!? (``！？``, ``……`` count as one end); closing quotes and brackets that
  follow stay with the sentence; a terminator inside a quotation or bracket never ends a sentence
  unless the quotation closes right after it (pysbd splits ``他说：“好的。”然后走了。`` inside the
  quote; this does not).
- Spaced scripts that pysbd supports: pysbd, with its known faults corrected (a split before a
  lowercase word, or before a number right after an abbreviation such as French ``p.``, is undone).
- Other spaced scripts: a rule splitter that knows abbreviations, initials, decimal numbers and
  ordinal numbers (``9. September``).

Spans never include the whitespace around a sentence.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from glossalign.languages import UNSPACED, base_lang

_CJK_TERMINATORS = "。！？；…!?｡．"
_OTHER_TERMINATORS = "။།។"
_OPENERS = "“‘「『（《〈【〔([{«‹"
_CLOSERS = "”’」』）》〉】〕)]}»›"
_PAIRS = dict(zip(_OPENERS, _CLOSERS, strict=True))
_SYMMETRIC_QUOTES = "\"'"
_PYSBD_LANGS = frozenset({"am", "ar", "bg", "da", "de", "el", "en", "es", "fa", "fr", "hi", "hy",
                          "it", "kk", "mr", "my", "nl", "pl", "ru", "sk", "ur"})
# Languages that write ordinal numbers with a dot ("9. September"): a dot after a number is no end.
_ORDINAL_DOT = frozenset({"de", "da", "no", "nb", "nn", "is", "fi", "et", "lv", "lt", "cs", "sk",
                          "sl", "hr", "sr", "bs", "hu", "pl", "tr", "fo"})
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st mt jr sr inc ltd co corp vs etc e.g i.e cf al fig figs no nos vol vols ed eds
p pp ch chap sec art jan feb mar apr jun jul aug sep sept oct nov dec approx dept est gen gov col
lt sgt capt rev hon mme mlle mm m bd nr str z.b u.a d.h bzw ca vgl s usw evtl ggf sog
kl kr t.d þ.e m.a o.s.frv t.ex bl.a f.eks osv mv jf
""".split())
# After a closing quote these continue the sentence (Japanese quotative と, Chinese comma).
_CONTINUATIONS = frozenset("とっ，、：；,")


def _matched_quotes(text: str) -> list[int]:
    """Depth of matched quotation/bracket nesting before each character (unmatched ignored)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for k, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((ch, k))
        elif ch in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if _PAIRS[stack[depth][0]] == ch:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    delta = [0] * (len(text) + 1)
    for start, end in pairs:
        delta[start + 1] += 1
        delta[end] -= 1
    depth, out = 0, []
    for k in range(len(text)):
        depth += delta[k]
        out.append(depth)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _spans_from_cuts(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        span = _trim(text, start, end)
        if span:
            spans.append(span)
    return spans


def _absorb_closers(text: str, k: int, ascii_quotes: list[int]) -> int:
    """Index after the closing brackets/quotes at ``k`` (an odd-numbered ASCII quote closes)."""
    while k < len(text):
        ch = text[k]
        closes_ascii = ch in _SYMMETRIC_QUOTES and ascii_quotes[k] % 2 == 1
        if ch not in _CLOSERS and not closes_ascii:
            break
        k += 1
    return k


def _is_terminator(text: str, k: int) -> bool:
    ch = text[k]
    if ch in _CJK_TERMINATORS or ch in _OTHER_TERMINATORS:
        return not (ch == "．" and text[k + 1:k + 2].isdigit())
    return text.startswith("...", k) or (ch == "." and k > 1 and text[k - 2:k] == "..")


def split_unspaced(text: str) -> list[tuple[int, int]]:
    """Rule splitter for Chinese, Japanese and other scripts without spaces between words."""
    depth = _matched_quotes(text)
    ascii_quotes = [0] * (len(text) + 1)
    for k, ch in enumerate(text):
        ascii_quotes[k + 1] = ascii_quotes[k] + (ch in _SYMMETRIC_QUOTES)
    cuts, k = [], 0
    while k < len(text):
        if not _is_terminator(text, k):
            k += 1
            continue
        end = k + 1
        while end < len(text) and _is_terminator(text, end):
            end += 1
        closed = _absorb_closers(text, end, ascii_quotes)
        continues = closed > end and text[closed:closed + 1] in _CONTINUATIONS
        if closed >= len(text) or (depth[closed] == 0 and not continues):
            cuts.append(closed)
        k = closed
    return _spans_from_cuts(text, cuts)


_RULE_END = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=\S)")
# What pysbd may leave between a cut and the next sentence's first letter.
_BEFORE_SENTENCE = frozenset("\"'“‘«([ \t\n")


def _is_abbreviation(token: str, lang: str) -> bool:
    word = token.rstrip(".").lstrip("(\"'“‘«[").casefold()
    if not word:
        return False
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return True  # e.g. / u.s / z.b
    return word.isdigit() and len(word) <= 3 and lang in _ORDINAL_DOT


def _abbreviation_before(text: str, end: int, lang: str) -> bool:
    """Whether the token (non-space run) that ends at ``end`` is an abbreviation.

    Scans back from ``end`` rather than searching ``text[:end]``: that search made splitting a
    long paragraph quadratic in its length.
    """
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return _is_abbreviation(text[start:end], lang)


def split_spaced_rules(text: str, lang: str) -> list[tuple[int, int]]:
    """Rule splitter for spaced scripts: terminator, optional closers, space, not lowercase next."""
    cuts = []
    for match in _RULE_END.finditer(text):
        after = text[match.end():match.end() + 1]
        if after.islower():
            continue
        if match.group(1) == "." and _abbreviation_before(text, match.start() + 1, lang):
            continue
        cuts.append(match.start(3))
    return _spans_from_cuts(text, cuts)


@cache
def _pysbd_segmenter(lang: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def _locate(text: str, pieces: list[str]) -> list[int]:
    """Cut offsets: where each piece after the first starts in ``text`` (pieces in order)."""
    cuts, position = [], 0
    for n, piece in enumerate(pieces):
        stripped = piece.strip()
        if not stripped:
            continue
        found = text.find(stripped, position)
        if found < 0:
            continue
        if n and found > 0:
            cuts.append(found)
        position = found + len(stripped)
    return cuts


def _needs_join(text: str, cut: int, lang: str) -> bool:
    """pysbd's faults: a cut before a lowercase word, or before a number after an abbreviation."""
    first = cut
    while first < len(text) and text[first] in _BEFORE_SENTENCE:
        first += 1
    if first == len(text):
        return False
    if text[first].islower():
        return True
    end = cut
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return (text[first].isdigit() and text[end - 1:end] == "."
            and _abbreviation_before(text, end, lang))


def split_spaced_pysbd(text: str, lang: str) -> list[tuple[int, int]]:
    segmenter = _pysbd_segmenter(lang)
    pieces = segmenter.segment(text)
    cuts = [c for c in _locate(text, list(pieces)) if not _needs_join(text, c, lang)]
    return _spans_from_cuts(text, cuts)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph of ``text``."""
    code = base_lang(lang)
    if not text.strip():
        return []
    if code in UNSPACED:
        return split_unspaced(text)
    if code in _PYSBD_LANGS:
        return split_spaced_pysbd(text, code)
    return split_spaced_rules(text, code)
