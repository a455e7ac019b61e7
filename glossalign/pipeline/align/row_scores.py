"""Bead scores for the DP rows: calibrated similarity + length + bead-type prior + paragraphs.

The DP kernel asks for one row at a time; scores are computed for a chunk of rows at once (one call
to the similarity scorer and a few array operations per bead type) and handed out as row slices.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from glossalign.pipeline.align.calibrate import Calibration
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.dp import SearchPath
from glossalign.pipeline.align.lengths import LengthModel
from glossalign.pipeline.align.similarity import BoundScorer


def type_log_priors(bead_types: Sequence[tuple[int, int]], config: AlignConfig) -> np.ndarray:
    """log P(type) for each bead type (shared mass split evenly between mirror types)."""
    priors = []
    for a, b in bead_types:
        if a == 0 or b == 0:
            p = config.prior_null / 2
        elif (a, b) == (1, 1):
            p = config.prior_one_one
        elif sorted((a, b)) == [1, 2]:
            p = config.prior_one_two / 2
        elif (a, b) == (2, 2):
            p = config.prior_two_two
        else:
            p = config.prior_larger
        priors.append(math.log(max(p, 1e-12)))
    return np.array(priors)


def paragraph_breaks(paragraphs: Sequence[int]) -> np.ndarray:
    """``out[k]`` = number of paragraph breaks among the first ``k`` sentences (prefix counts)."""
    flags = [0] + [int(paragraphs[k] != paragraphs[k - 1]) for k in range(1, len(paragraphs))]
    return np.concatenate(([0], np.cumsum(flags))).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Paragraph breaks of both sides. ``paired``: the sides have the same number of paragraphs,
    so paragraph k aligns with paragraph k and no bead may cross or mismatch them."""

    src_breaks: np.ndarray
    tgt_breaks: np.ndarray
    paired: bool

    @classmethod
    def of(cls, src: Sequence[int], tgt: Sequence[int], allow_pairing: bool) -> Paragraphs:
        src_breaks, tgt_breaks = paragraph_breaks(src), paragraph_breaks(tgt)
        same = src_breaks[-1] == tgt_breaks[-1] > 0
        return cls(src_breaks, tgt_breaks, bool(allow_pairing and same))

    def penalty(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int,
                soft: float) -> np.ndarray | float:
        """Penalty of beads (a, b) ending at the cells: ``soft`` per break crossed, or -inf."""
        crossings = (_inner_breaks(self.src_breaks, rows, a)[:, None]
                     + _inner_breaks(self.tgt_breaks, cols, b)[None, :])
        if not self.paired:
            return soft * crossings if soft else 0.0
        bad = crossings > 0
        if a and b:
            src_par = self.src_breaks[np.clip(rows - a + 1, 0, len(self.src_breaks) - 1)]
            tgt_par = self.tgt_breaks[np.clip(cols - b + 1, 0, len(self.tgt_breaks) - 1)]
            bad = bad | (src_par[:, None] != tgt_par[None, :])
        return np.where(bad, np.inf, 0.0)


def _span_values(prefix: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """Sum over the ``size`` items before each end cell (NaN where the span starts before 0)."""
    starts = ends - size
    return np.where(starts >= 0, prefix[ends] - prefix[np.maximum(starts, 0)], np.nan)


def _inner_breaks(breaks: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """Paragraph breaks strictly inside the spans of ``size`` sentences ending at ``ends``."""
    if size < 2:
        return np.zeros(len(ends))
    starts = np.clip(ends - size + 1, 0, len(breaks) - 1)
    return breaks[ends] - breaks[starts]


def _mean_present(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Element-wise mean of the values that are not NaN (0 where both are)."""
    count = np.isfinite(first).astype(np.float64) + np.isfinite(second)
    total = np.nan_to_num(first) + np.nan_to_num(second)
    return total / np.maximum(count, 1.0)


def margin_similarities(scorer: BoundScorer, rows: tuple[int, int], cols: tuple[int, int],
                        bead_types: Sequence[tuple[int, int]], n_src: int, n_tgt: int,
                        weight: float) -> np.ndarray:
    """Bertalign's modified similarity: each bead's similarity minus ``weight`` times the mean
    similarity of each side to the sentences just outside the bead on the other side.

    A half of a 2-2 unit resembles its neighbour too, so splitting stops paying off.
    """
    max_a = max(a for a, _ in bead_types)
    max_b = max(b for _, b in bead_types)
    needed = sorted(set(bead_types) | {(a, 1) for a, _ in bead_types}
                    | {(1, b) for _, b in bead_types})
    er0, er1, ec0, ec1 = rows[0] - max_a, rows[1] + 1, cols[0] - max_b, cols[1] + 1
    vr0, vr1, vc0, vc1 = max(er0, 0), min(er1, n_src + 1), max(ec0, 0), min(ec1, n_tgt + 1)
    ext = np.full((len(needed), er1 - er0, ec1 - ec0), np.nan)
    ext[:, vr0 - er0:vr1 - er0, vc0 - ec0:vc1 - ec0] = scorer.spans_similarity(
        (vr0, vr1), (vc0, vc1), needed)
    n_rows, n_cols = rows[1] - rows[0], cols[1] - cols[0]
    out = np.empty((len(bead_types), n_rows, n_cols))
    for k, (a, b) in enumerate(bead_types):
        sim = ext[needed.index((a, b))][max_a:max_a + n_rows, max_b:max_b + n_cols]
        by_tgt = ext[needed.index((a, 1))][max_a:max_a + n_rows]
        by_src = ext[needed.index((1, b))][:, max_b:max_b + n_cols]
        tgt_side = _mean_present(by_tgt[:, max_b + 1:max_b + 1 + n_cols],
                                 by_tgt[:, max_b - b:max_b - b + n_cols])
        src_side = _mean_present(by_src[max_a + 1:max_a + 1 + n_rows],
                                 by_src[max_a - a:max_a - a + n_rows])
        out[k] = sim - weight * (tgt_side + src_side) / 2.0
    return out


class RowScorer:
    """The ``row_scores`` callback of :func:`dp.run_dp` for one bitext and one search path."""

    def __init__(self, path: SearchPath, bead_types: Sequence[tuple[int, int]],
                 config: AlignConfig, lengths: tuple[np.ndarray, np.ndarray],
                 length_model: LengthModel, scorer: BoundScorer | None,
                 calibration: Calibration | None, paragraphs: Paragraphs | None = None) -> None:
        self.path, self.types, self.config = path, list(bead_types), config
        self.src_prefix, self.tgt_prefix = lengths
        self.length_model = length_model
        self.scorer, self.calibration = scorer, calibration
        self.paragraphs = paragraphs
        self.priors = type_log_priors(self.types, config)
        self.short_limits = tuple(
            config.short_bead_factor * float(np.median(np.diff(prefix))) if len(prefix) > 1
            else 0.0 for prefix in lengths)
        self.content = [t for t, (a, b) in enumerate(self.types) if a and b]
        self._rows = (0, 0)
        self._c0 = 0
        self._scores = np.zeros((len(self.types), 0, 0))

    def _similarities(self, rows: tuple[int, int], cols: tuple[int, int]) -> np.ndarray | None:
        if self.scorer is None or self.calibration is None or not self.content:
            return None
        types = [self.types[t] for t in self.content]
        if self.config.margin_weight > 0:
            raw = margin_similarities(self.scorer, rows, cols, types, self.path.n_src,
                                      self.path.n_tgt, self.config.margin_weight)
        else:
            raw = self.scorer.spans_similarity(rows, cols, types)
        return self.calibration.apply(raw) - self.config.lexical_offset

    def _score_chunk(self, r0: int) -> None:
        r1 = min(self.path.n_src + 1, r0 + self.config.chunk_rows)
        c0, c1 = int(self.path.lo[r0:r1].min()), int(self.path.hi[r0:r1].max()) + 1
        rows, cols = np.arange(r0, r1), np.arange(c0, c1)
        sims = self._similarities((r0, r1), (c0, c1))
        cfg, model = self.config, self.length_model
        scores = np.empty((len(self.types), r1 - r0, c1 - c0))
        for t, (a, b) in enumerate(self.types):
            src_len = _span_values(self.src_prefix, rows, a)
            tgt_len = _span_values(self.tgt_prefix, cols, b)
            if a == 0 or b == 0:
                # Vecalign's constant deletion cost: the length of a dropped sentence says little.
                # (0 x the lengths still gives the block's shape and NaN where the span starts
                # before sentence 0.)
                score = (self.priors[t] + cfg.null_score
                         + 0.0 * (src_len[:, None] + tgt_len[None, :]))
            else:
                score = self.priors[t] + cfg.length_weight * model.log_prob(src_len[:, None],
                                                                            tgt_len[None, :])
                if sims is not None:
                    score += cfg.lexical_weight * sims[self.content.index(t)]
            if a and b and cfg.short_only(a, b):
                too_long = ((src_len > self.short_limits[0])[:, None]
                            | (tgt_len > self.short_limits[1])[None, :])
                score = np.where(too_long, -np.inf, score)
            if self.paragraphs is not None:
                score -= self.paragraphs.penalty(rows, cols, a, b, cfg.paragraph_penalty)
            scores[t] = score
        self._rows, self._c0, self._scores = (r0, r1), c0, scores

    def __call__(self, i: int) -> np.ndarray:
        if not self._rows[0] <= i < self._rows[1]:
            self._score_chunk(i)
        lo, hi = int(self.path.lo[i]), int(self.path.hi[i])
        return self._scores[:, i - self._rows[0], lo - self._c0:hi - self._c0 + 1]
