"""The scorer interface the aligner's DP talks to, whatever model computes the similarity.

A :class:`SentenceScorer` is bound to one bitext and then answers, for a block of DP cells and a
list of bead types, the similarity of every bead ending in the block: source sentences
``i - a .. i - 1`` against target sentences ``j - b .. j - 1`` for cell ``(i, j)`` and type
``(a, b)``. Higher is more similar; the driver calibrates the numbers per document (typical value
of unrelated pairs -> 0, of anchor pairs -> 1), so lexical and neural scorers are interchangeable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

BeadIds = tuple[Sequence[int], Sequence[int]]  # e.g. ranges of sentence ids


@runtime_checkable
class BoundScorer(Protocol):
    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        """Array (len(bead_types), rows[1] - rows[0], cols[1] - cols[0]); NaN where a bead would
        start before the first sentence."""
        ...

    def beads_similarity(self, beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
        """Similarity of each bead ``(src_start, src_end, tgt_start, tgt_end)`` (non-empty)."""
        ...

    def refine(self, beads: Sequence[BeadIds]) -> BoundScorer | None:
        """A scorer adapted to confident beads of a first pass (None: nothing to adapt)."""
        ...


@runtime_checkable
class SentenceScorer(Protocol):
    def bind(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
             tgt_lang: str) -> BoundScorer:
        """Prepare for one bitext (tokenise, look up, embed)."""
        ...


def invalid_span_mask(rows: tuple[int, int], cols: tuple[int, int], a: int, b: int) -> np.ndarray:
    """True for cells whose bead of type (a, b) would start before sentence 0 on either side."""
    row_ok = np.arange(rows[0], rows[1]) >= a
    col_ok = np.arange(cols[0], cols[1]) >= b
    return ~(row_ok[:, None] & col_ok[None, :])
