"""Dynamic-programming kernel for sentence alignment: pure numeric functions, no text.

A cell ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned". A bead
type ``(a, b)`` moves from ``(i - a, j - b)`` to ``(i, j)``. The search is restricted to a
:class:`SearchPath` (per row ``i`` the columns ``lo[i]..hi[i]``), so time and memory grow with the
path's area, never with ``n_src * n_tgt``. Each row is processed with numpy over its columns; the
only in-row move, ``0-1``, is a prefix scan (``C[j] = max(X[j], C[j-1] + s[j])`` is
``S + cummax(X - S)`` with ``S = cumsum(s)``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

BeadType = tuple[int, int]
# Row scores: for row ``i``, an array (n_types, hi[i] - lo[i] + 1) with the score of a bead of each
# type ending at (i, j); -inf where a type is not allowed.
RowScores = Callable[[int], np.ndarray]
_NO_MOVE = 255
_NEG = -np.inf


@dataclass(frozen=True, slots=True)
class SearchPath:
    """Allowed columns per row: ``lo[i] <= j <= hi[i]`` for ``i`` in ``0..n_src``."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def n_src(self) -> int:
        return len(self.lo) - 1

    @property
    def n_tgt(self) -> int:
        return int(self.hi[-1])

    @property
    def area(self) -> int:
        return int(np.sum(self.hi - self.lo + 1))


@dataclass(frozen=True, slots=True)
class PathBead:
    """One bead of a DP path: source ``src_start:src_end``, target ``tgt_start:tgt_end``."""

    src_start: int
    src_end: int
    tgt_start: int
    tgt_end: int
    score: float


def make_path(lo: np.ndarray, hi: np.ndarray, n_tgt: int) -> SearchPath:
    """A valid path from rough bounds: monotone, connected, from (0, 0) to (n_src, n_tgt)."""
    lo = np.clip(np.asarray(lo, dtype=np.int64), 0, n_tgt)
    hi = np.clip(np.asarray(hi, dtype=np.int64), 0, n_tgt)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # non-decreasing from the right
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, n_tgt
    lo = np.minimum(lo, hi)
    # Row i's first cell must be reachable from row i - 1 by a 1-0 move.
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return SearchPath(lo, hi)


def band_path(n_src: int, n_tgt: int, half_width: int,
              centers: np.ndarray | None = None) -> SearchPath:
    """A diagonal band; ``centers[i]`` (default ``i * n_tgt / n_src``) is the expected column."""
    if centers is None:
        centers = np.arange(n_src + 1) * (n_tgt / max(n_src, 1))
    centers = np.round(np.asarray(centers, dtype=np.float64)).astype(np.int64)
    return make_path(centers - half_width, centers + half_width, n_tgt)


def path_around_points(points: Sequence[tuple[int, int]], n_src: int, n_tgt: int,
                       margin: int) -> SearchPath:
    """Rectangles between consecutive anchor points (cells), widened by ``margin`` columns.

    ``points`` are cells ``(i, j)`` increasing in both coordinates; (0, 0) and (n_src, n_tgt) are
    added. Rows between two anchors may use the columns between them (Bertalign's second pass).
    """
    cells = [(0, 0), *[(int(i), int(j)) for i, j in points], (n_src, n_tgt)]
    lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
    hi = np.zeros(n_src + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in pairwise(cells):
        if i1 < i0 or j1 < j0:
            continue
        rows = slice(i0, i1 + 1)
        lo[rows] = np.minimum(lo[rows], j0 - margin)
        hi[rows] = np.maximum(hi[rows], j1 + margin)
    return make_path(lo, hi, n_tgt)


def path_around_beads(beads: Sequence[PathBead], n_src: int, n_tgt: int,
                      margin: int) -> SearchPath:
    """A narrow path around an earlier alignment (every bead corner), ``margin`` columns wide."""
    lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
    hi = np.zeros(n_src + 1, dtype=np.int64)
    for bead in beads:
        rows = slice(bead.src_start, bead.src_end + 1)
        lo[rows] = np.minimum(lo[rows], bead.tgt_start - margin)
        hi[rows] = np.maximum(hi[rows], bead.tgt_end + margin)
    return make_path(lo, hi, n_tgt)


def _best_from_previous_rows(i: int, path: SearchPath, costs: Sequence[np.ndarray | None],
                             scores: np.ndarray,
                             bead_types: Sequence[BeadType]) -> tuple[np.ndarray, np.ndarray]:
    lo_i, hi_i = int(path.lo[i]), int(path.hi[i])
    best = np.full(hi_i - lo_i + 1, _NEG)
    moves = np.full(hi_i - lo_i + 1, _NO_MOVE, dtype=np.uint8)
    if i == 0:
        best[0] = 0.0 if lo_i == 0 else _NEG
    for t, (a, b) in enumerate(bead_types):
        if a == 0 or i - a < 0:
            continue
        prev_lo, prev_hi = int(path.lo[i - a]), int(path.hi[i - a])
        j_start, j_end = max(lo_i, prev_lo + b), min(hi_i, prev_hi + b)
        if j_start > j_end:
            continue
        previous = costs[i - a]
        assert previous is not None
        prev = previous[j_start - b - prev_lo:j_end - b - prev_lo + 1]
        cand = prev + scores[t, j_start - lo_i:j_end - lo_i + 1]
        view = best[j_start - lo_i:j_end - lo_i + 1]
        better = cand > view
        view[better] = cand[better]
        moves[j_start - lo_i:j_end - lo_i + 1][better] = t
    return best, moves


def _apply_insertions(best: np.ndarray, moves: np.ndarray, insertion: np.ndarray,
                      t_ins: int) -> None:
    """In-row 0-1 moves as a prefix scan; updates ``best`` and ``moves`` in place."""
    steps = np.concatenate(([0.0], insertion[1:]))
    offsets = np.cumsum(steps)
    shifted = best - offsets
    running = np.maximum.accumulate(shifted)
    from_left = ~(shifted >= running)
    if not from_left.any():
        return
    best[from_left] = (running + offsets)[from_left]
    moves[from_left] = t_ins


def run_dp(path: SearchPath, bead_types: Sequence[BeadType], row_scores: RowScores, *,
           keep_scores: bool = True) -> list[PathBead]:
    """The best-scoring bead sequence from (0, 0) to (n_src, n_tgt) along ``path``.

    ``bead_types`` may contain ``(0, 1)`` (handled in-row) and any ``(a, b)`` with ``a >= 1``.
    Scores are maximised; NaN counts as forbidden and +inf is clipped, so one extreme pair cannot
    poison the whole document. With ``keep_scores=False`` only the last rows' costs are kept (see
    :class:`_BackPointers` for the back-pointers) and the beads' scores are NaN.
    """
    t_ins = next((t for t, bt in enumerate(bead_types) if bt == (0, 1)), None)
    if any(a == 0 and b != 1 for a, b in bead_types):
        raise ValueError("the only in-row bead type supported is (0, 1)")
    max_a = max(a for a, _ in bead_types)
    costs: list[np.ndarray | None] = []
    pointers = _BackPointers(path, len(bead_types))
    for i in range(path.n_src + 1):
        scores = np.asarray(row_scores(i), dtype=np.float64)
        if not (scores < np.inf).all():  # NaN or +inf
            scores = np.nan_to_num(scores, nan=_NEG, posinf=1e6, neginf=_NEG)
        best, moves = _best_from_previous_rows(i, path, costs, scores, bead_types)
        if t_ins is not None:
            _apply_insertions(best, moves, scores[t_ins], t_ins)
        costs.append(best)
        pointers.store(i, moves)
        if not keep_scores and i >= max_a:
            costs[i - max_a] = None
    final = costs[-1]
    if final is None or not np.isfinite(final[-1]):
        raise ValueError("no alignment path reaches the end; the search path is too narrow")
    return _backtrack(path, bead_types, costs, pointers)


class _BackPointers:
    """The best move into every cell of a path, in one flat array (rows one after the other).

    With at most three bead types (the first pass) a move takes 2 bits, four to a byte, each row
    padded to a whole byte; else one byte. A Python array per row cost ~9 MB per MB of text in
    the first pass's wide band."""

    def __init__(self, path: SearchPath, n_types: int) -> None:
        self.bits = 2 if n_types <= 3 else 8  # 2 bits: three types and "no move"
        self.per_byte = 8 // self.bits
        widths = path.hi - path.lo + 1
        padded = -(-widths // self.per_byte)  # bytes per row
        self.row_start = np.concatenate(([0], np.cumsum(padded))).astype(np.int64)
        self.data = np.zeros(int(self.row_start[-1]), dtype=np.uint8)

    def store(self, i: int, moves: np.ndarray) -> None:
        start = int(self.row_start[i])
        if self.bits == 8:
            self.data[start:start + len(moves)] = moves
            return
        codes = np.full(-(-len(moves) // 4) * 4, 3, dtype=np.uint8)
        codes[:len(moves)] = np.minimum(moves, 3)  # _NO_MOVE -> 3
        self.data[start:start + len(codes) // 4] = (codes[0::4] | (codes[1::4] << 2)
                                                    | (codes[2::4] << 4) | (codes[3::4] << 6))

    def get(self, i: int, k: int) -> int:
        """The move into the ``k``-th cell of row ``i`` (``_NO_MOVE`` if none)."""
        if self.bits == 8:
            return int(self.data[self.row_start[i] + k])
        code = (int(self.data[self.row_start[i] + k // 4]) >> (2 * (k % 4))) & 3
        return _NO_MOVE if code == 3 else code


def _backtrack(path: SearchPath, bead_types: Sequence[BeadType],
               costs: Sequence[np.ndarray | None],
               pointers: _BackPointers) -> list[PathBead]:
    beads: list[PathBead] = []
    i, j = path.n_src, path.n_tgt
    while i > 0 or j > 0:
        t = pointers.get(i, int(j - path.lo[i]))
        if t == _NO_MOVE:
            raise ValueError(f"broken back-pointer at cell ({i}, {j})")
        a, b = bead_types[t]
        prev_i, prev_j = i - a, j - b
        here, before = costs[i], costs[prev_i]
        score = (here[j - path.lo[i]] - before[prev_j - path.lo[prev_i]]
                 if here is not None and before is not None else np.nan)
        beads.append(PathBead(prev_i, i, prev_j, j, float(score)))
        i, j = prev_i, prev_j
    beads.reverse()
    return beads
