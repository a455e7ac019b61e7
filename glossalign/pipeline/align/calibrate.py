"""Per-document calibration of a scorer's similarity.

Scorers differ (dictionary coverage, cosine of embeddings) and so do documents (a rich dictionary
for zh-en, a handful of cognates for en-is). The DP should trust similarity only as far as it
separates translations from unrelated sentences *in this document*, so the raw similarity is mapped
linearly to ``z = (sim - base) / scale``:

from the 1-1 pairs of the diagonal band: ``base`` is the median pair, ``scale`` the distance to a
high quantile, so unrelated pairs stay near 0 and the rare high pairs stand out. (A logistic
log-likelihood-ratio fit against shifted pairs was tried and lost on all three gold sets.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.dp import PathBead, SearchPath
from glossalign.pipeline.align.similarity import BoundScorer


@dataclass(frozen=True, slots=True)
class Calibration:
    """``z = (similarity - base) / scale``, clipped to ``[low, high]``."""

    base: float
    scale: float
    low: float = -np.inf
    high: float = np.inf

    def apply(self, similarity: np.ndarray) -> np.ndarray:
        return np.clip((np.asarray(similarity) - self.base) / self.scale, self.low, self.high)


IDENTITY = Calibration(0.0, 1.0)


def band_calibration(bound: BoundScorer, band: SearchPath, config: AlignConfig) -> Calibration:
    """Median and high quantile of 1-1 similarities in a sample of the band."""
    stride = max(1, band.n_src // config.chunk_rows // 8)
    chunks = []
    for r0 in range(1, band.n_src + 1, config.chunk_rows * stride):
        r1 = min(band.n_src + 1, r0 + config.chunk_rows)
        c0, c1 = max(1, int(band.lo[r0:r1].min())), int(band.hi[r0:r1].max()) + 1
        if c1 > c0:
            chunks.append((r0, r1, c0, c1))
    # The sample goes straight into one array sized for every cell of the chunks (a list of
    # pieces and their concatenation, both megabytes for a wide band, were a pass's peak).
    pooled = np.empty(sum((r1 - r0) * (c1 - c0) for r0, r1, c0, c1 in chunks))
    size = 0
    for r0, r1, c0, c1 in chunks:
        sims = bound.spans_similarity((r0, r1), (c0, c1), [(1, 1)])[0]
        cols = np.arange(c0, c1)
        inside = (cols[None, :] >= band.lo[r0:r1, None]) & (cols[None, :] <= band.hi[r0:r1, None])
        values = sims[inside & np.isfinite(sims)]
        pooled[size:size + len(values)] = values
        size += len(values)
    if not size:
        return IDENTITY
    sample = pooled[:size]  # sorted in place by the two statistics
    base = float(np.median(sample, overwrite_input=True))
    spread = float(np.quantile(sample, config.calibration_quantile, overwrite_input=True)) - base
    return Calibration(base, max(spread, config.calibration_floor), -config.similarity_clip,
                       config.similarity_clip)


def bead_similarities(bound: BoundScorer, beads: Sequence[PathBead],
                      calibration: Calibration = IDENTITY) -> np.ndarray:
    """Calibrated similarity of each bead (NaN for null beads)."""
    out = np.full(len(beads), np.nan)
    content = [k for k, b in enumerate(beads)
               if b.src_end > b.src_start and b.tgt_end > b.tgt_start]
    if content:
        spans = [(beads[k].src_start, beads[k].src_end, beads[k].tgt_start, beads[k].tgt_end)
                 for k in content]
        out[content] = calibration.apply(bound.beads_similarity(spans))
    return out
