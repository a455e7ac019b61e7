"""Sentence splitting: character spans of the sentences of one paragraph.

- Chinese and Japanese (and other scripts written without spaces): a rule splitter. A sentence ends
  after a run of 。！？；…!? (``！？``, ``……`` count as one end); closing quotes and brackets that
  follow stay with the sentence.
- Spaced scripts that pysbd supports: pysbd, with its known faults corrected (a split before a
  lowercase word, or before a number right after an abbreviation such as French ``p.``, is undone).
- Other spaced scripts: a rule splitter that knows abbreviations, initials, decimal numbers and
  ordinal numbers (``9. September``).

Quotations and brackets (pairs found by :mod:`glossalign.corpora.quotes`): a sentence end inside a
matched pair does not end the sentence, so short quoted speech stays whole (pysbd splits
``他说：“好的。”然后走了。`` inside the quote; this does not). A long quotation (two sentences
or more and at least ``long_quote_chars`` characters between its marks: a quoted monologue) is
split at its own sentence ends, and its closing mark stays with its last sentence.

Long paragraphs: pysbd is quadratic in the length of its input (each abbreviation it finds
re-scans the whole text), so spaced text reaches it in windows of about a thousand characters. A
window's cuts are kept up to its last cut with enough text after it, and the next window starts
there, so the cuts are still pysbd's own; a "sentence" with no end in 16,000 characters is cut at
a space. Every splitter here is linear in the length of the paragraph.

Spans never include the whitespace around a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from glossalign.corpora.quotes import (
    QUOTE_MARKS,
    Pair,
    PairRanges,
    find_pairs,
    outermost_quotations,
)
from glossalign.languages import UNSPACED, base_lang

_CJK_TERMINATORS = "。！？；…!?｡．"
_OTHER_TERMINATORS = "။།។"
_SPACED_TERMINATORS = ".!?…"
# Closing marks that stay with the sentence they end (ASCII quotes: when they close, see below).
_CLOSERS = "”’」』）》〉】〕)]}»›"
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
# A quotation at least this long (characters between its marks) and of two sentences or more is
# split at its sentence ends; shorter quoted speech stays whole. Chosen by reasoning, not tuned: the
# shared gold sets hold almost no quoted speech (see bench_segment).
LONG_QUOTE_CHARS = 60
LONG_QUOTE_CHARS_UNSPACED = 20
_MAX_QUOTE_DEPTH = 2  # a quotation inside a split quotation may be split too, not deeper
PYSBD_WINDOW = 1000  # pysbd's cost per character grows with its input: 1,000 costs ~1.1x a line
_MAX_WINDOW = 16_000
_RIGHT_CONTEXT = 64  # a window's cut is kept only with this much text after it in the window
# After a closing quote these continue the sentence (Japanese quotative と, Chinese comma).
_CONTINUATIONS = frozenset("とっ，、：；,")


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


def _unspaced_cuts(text: str, ranges: PairRanges) -> list[int]:
    """Cuts after each run of terminators (and the closers after it), outside every pair."""
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
        if closed < len(text) and not continues and not ranges.contains(closed):
            cuts.append(closed)
        k = closed
    return cuts


def split_unspaced(text: str, long_quote_chars: int | None = None) -> list[tuple[int, int]]:
    """Rule splitter for Chinese, Japanese and other scripts without spaces between words."""
    options = _Options("zh", long_quote_chars, None)
    return _spans_from_cuts(text, _cuts(text, options, 0))


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


def _rule_cuts(text: str, lang: str) -> list[int]:
    """Rule splitter for spaced scripts: terminator, optional closers, space, not lowercase next."""
    cuts = []
    for match in _RULE_END.finditer(text):
        after = text[match.end():match.end() + 1]
        if after.islower():
            continue
        if match.group(1) == "." and _abbreviation_before(text, match.start() + 1, lang):
            continue
        cuts.append(match.end())
    return cuts


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


def _pysbd_piece_cuts(text: str, lang: str) -> list[int]:
    cuts = _locate(text, list(_pysbd_segmenter(lang).segment(text)))
    return [c for c in cuts if not _needs_join(text, c, lang)]


def _window_end(text: str, end: int, size: int) -> int:
    """``end`` moved forward to the next space (within ``size``), so no word is cut in two."""
    if end >= len(text):
        return len(text)
    space = text.find(" ", end, end + size)
    return space if space >= 0 else end


def _pysbd_cuts(text: str, lang: str, pairs: list[Pair], window: int | None) -> list[int]:
    """pysbd's cuts, computed window by window on long text (see the module's docstring).

    A window restarts at a cut outside every pair shorter than a window (pysbd, seeing half a
    quotation, may cut inside it); inside a longer pair the cuts are redone on its content.
    """
    if window is None or len(text) <= window:
        return _pysbd_piece_cuts(text, lang)
    ranges = PairRanges([p for p in pairs if p.end - p.start < window])
    cuts: list[int] = []
    pos, size = 0, window
    while pos < len(text):
        end = _window_end(text, pos + size, size)
        found = [pos + c for c in _pysbd_piece_cuts(text[pos:end], lang)]
        if end == len(text):
            cuts.extend(found)
            break
        settled = [c for c in found if c <= end - _RIGHT_CONTEXT and not ranges.contains(c)]
        if settled:
            cuts.extend(c for c in found if c <= settled[-1])
            pos, size = settled[-1], window
        elif size < _MAX_WINDOW:
            size *= 2  # one long sentence: look further before giving up
        else:
            cuts.append(end)  # no sentence end in _MAX_WINDOW characters: cut at a space
            pos, size = end, window
    return cuts


@dataclass(frozen=True, slots=True)
class _Options:
    lang: str  # base language code
    long_quote_chars: int | None  # None: never split inside a quotation
    window: int | None  # pysbd window; None: the whole paragraph at once


def _base_cuts(text: str, options: _Options, pairs: list[Pair]) -> list[int]:
    """The language's splitter's cuts that fall outside every quotation and bracket pair."""
    ranges = PairRanges(pairs)
    if options.lang in UNSPACED:
        return _unspaced_cuts(text, ranges)
    if options.lang in _PYSBD_LANGS:
        cuts = _pysbd_cuts(text, options.lang, pairs, options.window)
    else:
        cuts = _rule_cuts(text, options.lang)
    after_quotes = _closing_quote_cuts(text, pairs)
    if after_quotes:
        cuts = sorted(set(cuts).union(after_quotes))
    return ranges.outside(cuts)


def _closing_quote_cuts(text: str, pairs: list[Pair]) -> list[int]:
    """Cuts after a quotation that ends with a sentence end when a new sentence follows.

    pysbd misses them after guillemets (``… ein Buch.« Sie nickte.``, ``… un livre. » Elle``).
    """
    cuts = []
    for pair in pairs:
        content = text[pair.start + 1:pair.end].rstrip()
        if not pair.quotation or not content or content[-1] not in _SPACED_TERMINATORS:
            continue
        k = pair.end + 1
        while k < len(text) and text[k].isspace():
            k += 1
        if k > pair.end + 1 and k < len(text) and (text[k].isupper() or text[k] in QUOTE_MARKS):
            cuts.append(k)
    return cuts


def _cuts(text: str, options: _Options, depth: int) -> list[int]:
    """Sorted cut offsets: where each sentence after the first may start (before trimming)."""
    pairs = find_pairs(text, options.lang)
    cuts = _base_cuts(text, options, pairs)
    if options.long_quote_chars is None or depth >= _MAX_QUOTE_DEPTH:
        return cuts
    inner_cuts = [c for quote in outermost_quotations(pairs)
                  for c in _long_quotation_cuts(text, quote, options, depth)]
    return sorted(cuts + inner_cuts) if inner_cuts else cuts


def _long_quotation_cuts(text: str, quote: Pair, options: _Options, depth: int) -> list[int]:
    """The sentence ends inside a long quotation (none when it is short or one sentence)."""
    assert options.long_quote_chars is not None
    inner = text[quote.start + 1:quote.end]
    if len(inner.strip()) < options.long_quote_chars:
        return []
    content_end = len(inner.rstrip())
    return [quote.start + 1 + c for c in _cuts(inner, options, depth + 1) if 0 < c < content_end]


def split_sentences(text: str, lang: str, *, long_quote_chars: int | None | str = "default",
                    window: int | None = PYSBD_WINDOW) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph of ``text``.

    ``long_quote_chars``: a quotation with at least this many characters between its marks (and
    two sentences or more) is split at its sentence ends; ``None`` never splits a quotation;
    ``"default"`` takes the script's default. ``window``: pysbd's window on long paragraphs
    (``None``: one call on the whole paragraph, quadratic on long ones).
    """
    code = base_lang(lang)
    if not text.strip():
        return []
    if long_quote_chars == "default":
        long_quote_chars = LONG_QUOTE_CHARS_UNSPACED if code in UNSPACED else LONG_QUOTE_CHARS
    assert not isinstance(long_quote_chars, str)
    return _spans_from_cuts(text, _cuts(text, _Options(code, long_quote_chars, window), 0))
