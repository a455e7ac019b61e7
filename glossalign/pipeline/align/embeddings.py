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
    _remember(key, table)
    return table


def clear_embedding_cache() -> None:
    """Forget every cached embedding (benchmarks that must encode as a fresh process would)."""
    _cache.clear()


def _remember(key: tuple[str, str, int], table: np.ndarray) -> None:
    _cache[key] = table
    while len(_cache) > 1 and sum(t.nbytes for t in _cache.values()) > _CACHE_BYTES:
        _cache.popitem(last=False)


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


def _window_starts(wanted: np.ndarray, size: int) -> np.ndarray:
    """Start k of every window ``k .. k + size - 1`` whose sentences are all wanted."""
    if len(wanted) < size:
        return np.zeros(0, dtype=np.int64)
    counts = np.concatenate(([0], np.cumsum(wanted, dtype=np.int64)))
    return np.flatnonzero(counts[size:] - counts[:-size] == size)


class PartialEmbeddings:
    """Embeddings of chosen sentences only (the two-pass aligner's unsure stretches and its
    calibration sample), as a :class:`~glossalign.pipeline.align.similarity.BoundScorer`.

    A bead whose sentences are not all wanted gets NaN (the DP forbids it, the calibration skips
    it), except the beads given to :meth:`stand_in`, which get a neutral cosine: the DP must
    still be able to walk through the sure beads between stretches (there the lexical score
    decides), and nothing else. Every wanted window of both sides is encoded in one call.
    """

    def __init__(self, encoder_id: str, encode: Encode, sides: tuple[list[str], list[str]],
                 joiners: tuple[str, str], wanted: tuple[np.ndarray, np.ndarray],
                 exact_span_max: int = 2) -> None:
        self.sides, self.joiners = sides, joiners
        self.wanted = (np.asarray(wanted[0], dtype=bool), np.asarray(wanted[1], dtype=bool))
        self.exact_span_max = max(1, exact_span_max)
        self._stand_ins: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._fill = np.nan
        self._tables: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._prefix: dict[int, np.ndarray] = {}
        self.encoded = self._encode_exact(encoder_id, encode)

    def _encode_exact(self, encoder_id: str, encode: Encode) -> int:
        """Encode every wanted window up to ``exact_span_max`` sentences; the number of
        distinct texts."""
        jobs, texts = [], []
        for side in (0, 1):
            for size in range(1, self.exact_span_max + 1):
                starts = _window_starts(self.wanted[side], size)
                joiner, sentences = self.joiners[side], self.sides[side]
                texts += [joiner.join(sentences[k:k + size]) for k in starts]
                jobs.append((side, size, starts))
        # Each distinct text once (verses and refrains repeat: ~4 % of Bible's sentences).
        first_seen: dict[str, int] = {}
        where = np.array([first_seen.setdefault(text, len(first_seen)) for text in texts],
                         dtype=np.int64)
        key = (encoder_id, _digest(texts), -1)
        table = _cache.get(key)
        if table is None:
            table = (normalised(encode(list(first_seen)))[where] if texts
                     else np.zeros((0, 1), dtype=np.float32))
            _remember(key, table)
        first = 0
        for side, size, starts in jobs:
            self._store(side, size, starts, table[first:first + len(starts)])
            first += len(starts)
        return len(first_seen)

    def _store(self, side: int, size: int, starts: np.ndarray, rows: np.ndarray) -> None:
        index = np.full(max(len(self.sides[side]) - size + 1, 0), -1, dtype=np.int64)
        index[starts] = np.arange(len(starts))
        self._tables[(side, size)] = (index, rows)

    def _table(self, side: int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """(window start -> row or -1, rows): longer windows are the normalised mean of their
        sentences' embeddings (as in :class:`BoundEmbeddings`)."""
        if (side, size) not in self._tables:
            full = self._prefix_sums(side)
            starts = _window_starts(self.wanted[side], size)
            self._store(side, size, starts, normalised(full[starts + size] - full[starts]))
        return self._tables[(side, size)]

    def _prefix_sums(self, side: int) -> np.ndarray:
        """Row k: the sum of the embeddings of sentences before k (0 for those not encoded),
        once per side: every window size reads it (a cumulative sum over the whole document
        per size was a fifth of pass 2's time on Bible)."""
        if side not in self._prefix:
            single_index, single = self._table(side, 1)
            full = np.zeros((len(single_index) + 1, single.shape[1]), dtype=np.float32)
            full[1:][single_index >= 0] = single
            np.cumsum(full, axis=0, out=full)
            self._prefix[side] = full
        return self._prefix[side]

    def _rows(self, side: int, size: int, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        index, rows = self._table(side, size)
        vectors = np.zeros((len(ends), rows.shape[1]), dtype=np.float32)
        if not len(index):
            return vectors, np.zeros(len(ends), dtype=bool)
        starts = ends - size
        inside = (starts >= 0) & (starts < len(index))
        picked = np.where(inside, index[np.clip(starts, 0, max(len(index) - 1, 0))], -1)
        found = picked >= 0
        vectors[found] = rows[picked[found]]
        return vectors, found

    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        out = np.empty((len(bead_types), rows[1] - rows[0], cols[1] - cols[0]))
        row_ends, col_ends = np.arange(*rows), np.arange(*cols)
        # Each span size once per side (a chunk asks for ~20 bead types of ~6 sizes a side).
        src_sizes = {a: self._rows(0, a, row_ends) for a in {a for a, _ in bead_types}}
        tgt_sizes = {b: self._rows(1, b, col_ends) for b in {b for _, b in bead_types}}
        for t, (a, b) in enumerate(bead_types):
            src, src_found = src_sizes[a]
            tgt, tgt_found = tgt_sizes[b]
            out[t] = src @ tgt.T
            missing = ~(src_found[:, None] & tgt_found[None, :])
            out[t][missing] = np.nan
            self._fill_stand_ins(out[t], missing, rows, cols, (a, b))
            out[t][invalid_span_mask(rows, cols, a, b)] = np.nan
        return out

    def stand_in(self, value: float, beads: Sequence[tuple[int, int, int, int]]) -> None:
        """Give ``beads`` (src_start, src_end, tgt_start, tgt_end) the cosine ``value`` where the
        encoder did not see them."""
        self._fill = value
        by_type: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for s0, s1, t0, t1 in beads:
            by_type.setdefault((s1 - s0, t1 - t0), []).append((s1, t1))
        self._stand_ins = {kind: (np.array([e[0] for e in ends]), np.array([e[1] for e in ends]))
                           for kind, ends in by_type.items()}

    def _fill_stand_ins(self, block: np.ndarray, missing: np.ndarray, rows: tuple[int, int],
                        cols: tuple[int, int], kind: tuple[int, int]) -> None:
        ends = self._stand_ins.get(kind)
        if ends is None:
            return
        inside = ((ends[0] >= rows[0]) & (ends[0] < rows[1])
                  & (ends[1] >= cols[0]) & (ends[1] < cols[1]))
        r, c = ends[0][inside] - rows[0], ends[1][inside] - cols[0]
        unseen = missing[r, c]
        block[r[unseen], c[unseen]] = self._fill

    def beads_similarity(self, beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
        out = np.full(len(beads), np.nan)
        for k, (s0, s1, t0, t1) in enumerate(beads):
            src, src_found = self._rows(0, s1 - s0, np.array([s1]))
            tgt, tgt_found = self._rows(1, t1 - t0, np.array([t1]))
            if src_found[0] and tgt_found[0]:
                out[k] = float(src[0] @ tgt[0])
        return out

    def typical_cosine(self) -> float:
        """Median cosine of wanted sentences with wanted sentences elsewhere in the document
        (mostly unrelated pairs): the neutral value for :meth:`stand_in`."""
        _, src = self._table(0, 1)
        _, tgt = self._table(1, 1)
        if not src.size or not tgt.size:
            return 0.0
        step_src, step_tgt = max(1, len(src) // 256), max(1, len(tgt) // 256)
        return float(np.median(src[::step_src] @ tgt[::step_tgt].T))

    def refine(self, beads: Sequence[BeadIds]) -> None:
        """An encoder does not adapt to the document."""
        return None
