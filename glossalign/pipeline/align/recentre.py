"""Re-centre the first pass's band when the translation drops or adds a long passage.

The first pass searches a band around the length-proportional diagonal. A translation that
leaves out a chapter, or adds a preface, moves the true path hundreds of sentences off that
diagonal, out of the band: the DP is then forced along the band's edge through unrelated
sentences (on the Bible with 1,200 verses left out of the translation, strict F1 fell from 0.89
to 0.39). The signs: a first-pass path that runs along the edge of the band, or a long stretch
without an anchor (a 1-1 bead with a strong similarity); on the gold sets the longest such stretch
is 28 sentences, against ~300 where 500 verses of the Bible's translation were left out.

Then a coarse search over the whole width of the document finds where the text really is
(Vecalign finds it by downsampling; we sample): a few groups of consecutive source sentences are
scored against every target sentence, a run of strong 1-1 similarities along a near-diagonal
marks each group's place, and the heaviest monotone chain of those places is the new centre.
The band becomes the hull of the old band and a band around the chain, so the first pass only
gains cells; a document whose path stays inside the band is never scanned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from glossalign.pipeline.align.calibrate import Calibration
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.dp import PathBead, SearchPath, make_path
from glossalign.pipeline.align.similarity import BoundScorer

GROUP_ROWS = 8  # consecutive source sentences per group: a run of matches, not one lucky pair
GROUPS = 40  # groups spread over the document (~0.02 CPU s each on a 6,000-sentence target)
RUN_OFFSET = 0.5  # calibrated similarity a pair needs to add to a run
MIN_RUN = 3.0  # a group's run must sum to at least this ...
PEAK_RATIO = 1.5  # ... and beat the best run elsewhere in the target by this factor
EDGE_SLACK = 2  # a bead corner this close to an inner edge of the band runs along it
MIN_EDGE_BEADS = 5  # corners on the edge that make the band suspect ...
ANCHORLESS_SHARE = 0.25  # ... or a stretch without anchors this share of the band's half-width


def corners_on_edge(beads: Sequence[PathBead], band: SearchPath) -> int:
    """Bead corners on an edge of the band that is not the document's own edge."""
    i = np.array([bead.src_end for bead in beads], dtype=np.int64)
    j = np.array([bead.tgt_end for bead in beads], dtype=np.int64)
    lo, hi = band.lo[i], band.hi[i]
    on_edge = (((lo > 0) & (j - lo <= EDGE_SLACK))
               | ((hi < band.n_tgt) & (hi - j <= EDGE_SLACK)))
    on_edge &= ~((i == band.n_src) & (j == band.n_tgt))
    return int(on_edge.sum())


def _best_run_ends(scores: np.ndarray) -> np.ndarray:
    """For each target column, the best sum of a near-diagonal run ending there (each step
    moves 0-2 columns, so 2-1 and 1-2 beads do not break a run)."""
    run = scores[0].copy()
    for row in scores[1:]:
        best_before = run.copy()
        best_before[1:] = np.maximum(best_before[1:], run[:-1])
        best_before[2:] = np.maximum(best_before[2:], run[:-2])
        run = row + best_before
    return run


def group_places(bound: BoundScorer, calibration: Calibration,
                 n_src: int, n_tgt: int) -> list[tuple[int, int, float]]:
    """(source cell, target cell, weight) where a group's run of matches clearly ends."""
    stride = max(GROUP_ROWS, n_src // GROUPS)
    places = []
    for first in range(1, n_src + 1 - GROUP_ROWS + 1, stride):
        rows = (first, first + GROUP_ROWS)
        sims = bound.spans_similarity(rows, (1, n_tgt + 1), [(1, 1)])[0]
        z = calibration.apply(np.where(np.isfinite(sims), sims, calibration.base))
        run = _best_run_ends(np.clip(z - RUN_OFFSET, 0.0, None))
        peak = int(np.argmax(run))
        elsewhere = run.copy()
        elsewhere[max(0, peak - 10):peak + 11] = 0.0
        if run[peak] >= MIN_RUN and run[peak] >= PEAK_RATIO * float(elsewhere.max()):
            places.append((rows[1] - 1, peak + 1, float(run[peak])))
    return places


def heaviest_chain(places: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The places increasing in both cells with the largest total weight (a few dozen: O(n^2))."""
    if not places:
        return []
    total = [weight for _, _, weight in places]
    before = [-1] * len(places)
    for k, (i, j, weight) in enumerate(places):
        for m in range(k):
            if places[m][0] < i and places[m][1] < j and total[m] + weight > total[k]:
                total[k], before[k] = total[m] + weight, m
    k, chain = int(np.argmax(total)), []
    while k >= 0:
        chain.append(places[k][:2])
        k = before[k]
    return chain[::-1]


def longest_without_anchor(anchors: Sequence[tuple[int, int]], n_src: int) -> int:
    """Source sentences in the longest stretch between two anchors (or a document edge)."""
    ends = [0, *(i for i, _ in anchors), n_src]
    return max(b - a for a, b in zip(ends, ends[1:], strict=False))


def seems_outside(band: SearchPath, beads: Sequence[PathBead],
                  anchors: Sequence[tuple[int, int]], width: int) -> bool:
    """Whether the first pass's path looks forced through the band rather than following the
    text. A band that covers the whole document cannot be wrong."""
    if band.area == (band.n_src + 1) * (band.n_tgt + 1):
        return False
    return (corners_on_edge(beads, band) >= MIN_EDGE_BEADS
            or longest_without_anchor(anchors, band.n_src) >= ANCHORLESS_SHARE * width)


def recentred_band(bound: BoundScorer, calibration: Calibration, band: SearchPath,
                   beads: Sequence[PathBead], anchors: Sequence[tuple[int, int]],
                   diagonal: np.ndarray, config: AlignConfig) -> SearchPath | None:
    """A wider band that follows the text, or None when the first pass seems right."""
    n_src, n_tgt = band.n_src, band.n_tgt
    width = config.band_half_width(n_src, n_tgt)
    if not seems_outside(band, beads, anchors, width):
        return None
    chain = heaviest_chain(group_places(bound, calibration, n_src, n_tgt))
    if not chain:
        return None
    rows = np.array([0, *(i for i, _ in chain), n_src])
    cols = np.array([0, *(j for _, j in chain), n_tgt])
    centres = np.round(np.interp(np.arange(n_src + 1), rows, cols)).astype(np.int64)
    diagonal = np.round(diagonal).astype(np.int64)
    wider = make_path(np.minimum(centres, diagonal) - width,
                      np.maximum(centres, diagonal) + width, n_tgt)
    return wider if wider.area > band.area else None
