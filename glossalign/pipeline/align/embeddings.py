"""Sentence and span embeddings of one bitext, for any encoder (USE, LaBSE-class models).

A bead's similarity is the cosine of its two sides, each side embedded *on the concatenation* of
its sentences (as Vecalign and Bertalign do), so a merged bead is judged as a whole. Encoding every
window of every size costs as much as the text times the largest bead; spans up to
``exact_span_max`` sentences are encoded for real and longer ones use the normalised mean of their
sentences' embeddings (cheap: a prefix sum), which keeps the encoder path within a small multiple
of the lexical one.

Embeddings are cached per document side and span size in a process-wide LRU (keyed by a digest
of the sentences, at most ``_CACHE_BYTES`` in all, so a batch of many documents does not grow
without bound), so aligning a document again, or with another configuration, encodes nothing
twice.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from glossalign.pipeline.align.similarity import BeadIds, invalid_span_mask

Encode = Callable[[list[str]], np.ndarray]
_CACHE_BYTES = 256 * 2**20
_cache: OrderedDict[tuple[str, str, int], np.ndarray] = OrderedDict()


def _digest(texts: Sequence[str]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for text in texts:
        hasher.update(text.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def cached_windows(encoder_id: str, texts: Sequence[str], joiner: str, size: int,
                   encode: Encode) -> np.ndarray:
    """Row k: the embedding of sentences ``k .. k + size - 1`` joined (computed once)."""
    key = (encoder_id, _digest([joiner, *texts]), size)
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    windows = [joiner.join(texts[k:k + size]) for k in range(len(texts) - size + 1)]
    table = normalised(encode(windows)) if windows else np.zeros((0, 0), dtype=np.float32)
    _cache[key] = table
    while len(_cache) > 1 and sum(t.nbytes for t in _cache.values()) > _CACHE_BYTES:
        _cache.popitem(last=False)
    return table


class BoundEmbeddings:
    """An encoder's :class:`~glossalign.pipeline.align.similarity.BoundScorer` on one bitext."""

    def __init__(self, encoder_id: str, encode: Encode, sides: tuple[list[str], list[str]],
                 joiners: tuple[str, str], exact_span_max: int = 2) -> None:
        self.encoder_id, self.encode = encoder_id, encode
        self.sides, self.joiners = sides, joiners
        self.exact_span_max = max(1, exact_span_max)
        self._tables: dict[tuple[int, int], np.ndarray] = {}
        self._prefix: dict[int, np.ndarray] = {}

    def _exact(self, side: int, size: int) -> np.ndarray:
        return cached_windows(self.encoder_id, self.sides[side], self.joiners[side], size,
                              self.encode)

    def _mean_windows(self, side: int, size: int) -> np.ndarray:
        if side not in self._prefix:
            single = self._exact(side, 1)
            prefix = np.zeros((len(single) + 1, single.shape[1]), dtype=np.float32)
            np.cumsum(single, axis=0, out=prefix[1:])
            self._prefix[side] = prefix
        prefix = self._prefix[side]
        return normalised(prefix[size:] - prefix[:-size])

    def spans(self, side: int, size: int) -> np.ndarray:
        """Row k: embedding of sentences k .. k + size - 1 of one side."""
        key = (side, size)
        if key not in self._tables:
            self._tables[key] = (self._exact(side, size) if size <= self.exact_span_max
                                 else self._mean_windows(side, size))
        return self._tables[key]

    def _rows(self, side: int, size: int, ends: np.ndarray) -> np.ndarray:
        table = self.spans(side, size)
        starts = np.clip(ends - size, 0, max(len(table) - 1, 0))
        return table[starts]

    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        out = np.empty((len(bead_types), rows[1] - rows[0], cols[1] - cols[0]))
        row_ends, col_ends = np.arange(*rows), np.arange(*cols)
        for t, (a, b) in enumerate(bead_types):
            if len(self.sides[0]) < a or len(self.sides[1]) < b:
                out[t] = np.nan
                continue
            out[t] = self._rows(0, a, row_ends) @ self._rows(1, b, col_ends).T
            out[t][invalid_span_mask(rows, cols, a, b)] = np.nan
        return out

    def beads_similarity(self, beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
        out = np.empty(len(beads))
        for k, (s0, s1, t0, t1) in enumerate(beads):
            out[k] = float(self.spans(0, s1 - s0)[s0] @ self.spans(1, t1 - t0)[t0])
        return out

    def refine(self, beads: Sequence[BeadIds]) -> None:
        """An encoder does not adapt to the document."""
        return None
