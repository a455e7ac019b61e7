"""The sentence splitter as it was before quotation splitting (main at 037a824), for baselines.

``bench_segment`` measures today's splitter against this one in the same run. It reuses the
unchanged helpers of :mod:`glossalign.corpora.sentences`; what changed is copied here: matched
quotes from one table of pairs (no „“, »«, ASCII ``"``), never a cut inside a pair, and pysbd
on the whole paragraph at once (quadratic on long paragraphs: give it paragraphs).
"""

from __future__ import annotations

from glossalign.corpora import sentences as current
from glossalign.languages import UNSPACED, base_lang

_OPENERS = "“‘「『（《〈【〔([{«‹"
_CLOSERS = "”’」』）》〉】〕)]}»›"
_PAIRS = dict(zip(_OPENERS, _CLOSERS, strict=True))


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


def _split_unspaced(text: str) -> list[tuple[int, int]]:
    depth = _matched_quotes(text)
    ascii_quotes = [0] * (len(text) + 1)
    for k, ch in enumerate(text):
        ascii_quotes[k + 1] = ascii_quotes[k] + (ch in current._SYMMETRIC_QUOTES)
    cuts, k = [], 0
    while k < len(text):
        if not current._is_terminator(text, k):
            k += 1
            continue
        end = k + 1
        while end < len(text) and current._is_terminator(text, end):
            end += 1
        closed = current._absorb_closers(text, end, ascii_quotes)
        continues = closed > end and text[closed:closed + 1] in current._CONTINUATIONS
        if closed >= len(text) or (depth[closed] == 0 and not continues):
            cuts.append(closed)
        k = closed
    return current._spans_from_cuts(text, cuts)


def split_sentences_before(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph, as the splitter gave them before."""
    code = base_lang(lang)
    if not text.strip():
        return []
    if code in UNSPACED:
        return _split_unspaced(text)
    if code in current._PYSBD_LANGS:
        cuts = current._pysbd_piece_cuts(text, code)
    else:
        cuts = current._rule_cuts(text, code)
    return current._spans_from_cuts(text, cuts)
