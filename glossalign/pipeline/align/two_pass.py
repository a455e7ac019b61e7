"""Encoder alignment in two passes: the lexical path everywhere, the encoder only where unsure.

Encoding every sentence of a document costs about three times the whole lexical alignment on a
CPU (USE multilingual v3: ~1.5 ms a sentence, twice that with the two-sentence windows), yet the
lexical path is already right on most 1-1 beads of a clean bitext. So:

1. Pass 1 is the lexical path as it is (``align --scorer lexical``: anchors, learnt word pairs,
   its calibrated bead similarities).
2. A 1-1 bead is *sure* when its calibrated similarity is at least ``encoder_sure_one_one``, a
   1-2 / 2-1 bead when it is at least ``encoder_sure_one_two``, and its
   ``encoder_sure_neighbours`` beads on either side are sure too. The other beads (larger and
   null beads among them) form unsure stretches, widened by ``encoder_margin`` sure beads on
   either side.
3. Only the sentences of those stretches are encoded (plus a small sample to calibrate the
   combined score), and each stretch is re-aligned on its own with the lexical + encoder scorer
   (:class:`~glossalign.pipeline.align.combined.BoundCombined`): a small DP between the two sure
   corners that bound it, inside the stretch's part of :func:`stretch_path`. Outside the
   stretches pass 1's beads (and their scores and confidences) are kept. One DP along the whole
   stretch path (the first version) found the same beads at the cost of a DP row, and a chunk of
   scores, for every sentence of the document (``one_dp=True`` keeps it, for the tests).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from glossalign.languages import get_profile
from glossalign.pipeline.align.calibrate import Calibration, band_calibration, bead_similarities
from glossalign.pipeline.align.combined import BoundCombined, CombinedScorer
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.dp import (
    PathBead,
    SearchPath,
    make_path,
    path_around_beads,
    run_dp,
)
from glossalign.pipeline.align.driver import (
    AlignmentRun,
    Progress,
    length_diagonal,
    search_band,
    within_paragraphs,
)
from glossalign.pipeline.align.embeddings import PartialEmbeddings
from glossalign.pipeline.align.row_scores import RowScorer
from glossalign.pipeline.align.similarity import BeadIds, BoundScorer, SentenceScorer
from glossalign.stage_data import Segment

log = logging.getLogger(__name__)
Span = tuple[int, int, int, int]  # src_start, src_end, tgt_start, tgt_end


class PartialEncoder(SentenceScorer, Protocol):
    """An encoder that can embed only some sentences of a bitext (``UseScorer``)."""

    def bind_partial(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
                     tgt_lang: str, wanted: tuple[np.ndarray, np.ndarray]) -> PartialEmbeddings:
        ...


class TwoPassScorer(CombinedScorer):
    """A lexical + encoder scorer that the driver runs in two passes (:func:`align_two_pass`).

    Bound directly (``bind``), it is the plain combination over every sentence.
    """

    two_pass = True

    def __init__(self, lexical: SentenceScorer, encoder: PartialEncoder, encoder_weight: float,
                 first_pass_config: AlignConfig) -> None:
        super().__init__(lexical, encoder, encoder_weight)
        self.partial_encoder = encoder
        self.first_pass_config = first_pass_config


@dataclass(frozen=True, slots=True)
class TwoPassStats:
    """What pass 2 touched (logged; the tests count it)."""

    stretches: tuple[Span, ...]
    sentences: tuple[int, int]  # sentences in the stretches, per side
    # distinct texts given to the encoder (sentences and windows, sample included; -1: a short
    # document, encoded whole in one pass)
    encoded_texts: int


def sure_beads(beads: Sequence[PathBead], confidences: np.ndarray, one_one: float,
               one_two: float, neighbours: int) -> np.ndarray:
    """True for each 1-1 bead with confidence >= ``one_one`` and each 1-2 / 2-1 bead with
    confidence >= ``one_two`` whose ``neighbours`` beads on either side (those that exist) are
    such beads too."""
    sizes = np.array([(b.src_end - b.src_start, b.tgt_end - b.tgt_start) for b in beads],
                     dtype=np.int64).reshape(-1, 2)
    content = sizes.min(axis=1) == 1
    bar = np.where(sizes.sum(axis=1) == 2, one_one,
                   np.where(sizes.sum(axis=1) == 3, one_two, np.inf))
    good = content & (np.nan_to_num(np.asarray(confidences, dtype=np.float64), nan=-np.inf)
                      >= bar)
    sure = good.copy()
    for shift in range(1, neighbours + 1):
        sure[shift:] &= good[:-shift]
        sure[:-shift] &= good[shift:]
    return sure


def unsure_stretches(beads: Sequence[PathBead], sure: np.ndarray, margin: int) -> list[Span]:
    """Sentence spans of the runs of unsure beads, each widened by ``margin`` beads on either
    side (overlapping ones merged)."""
    runs: list[list[int]] = []
    for k in np.flatnonzero(~sure):
        lo, hi = max(0, int(k) - margin), min(len(beads), int(k) + margin + 1)
        if runs and lo <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return [(beads[lo].src_start, beads[hi - 1].src_end, beads[lo].tgt_start,
             beads[hi - 1].tgt_end) for lo, hi in runs]


def stretch_path(beads: Sequence[PathBead], stretches: Sequence[Span], n_src: int, n_tgt: int,
                 width: int) -> SearchPath:
    """Pass 2's search path: pass 1's bead corners, and inside each stretch its rectangle cut to
    ``width`` columns around pass 1's beads (so a long stretch stays linear)."""
    lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
    hi = np.zeros(n_src + 1, dtype=np.int64)
    for bead in beads:
        for i, j in ((bead.src_start, bead.tgt_start), (bead.src_end, bead.tgt_end)):
            lo[i], hi[i] = min(lo[i], j), max(hi[i], j)
    around = path_around_beads(beads, n_src, n_tgt, width)
    for s0, s1, t0, t1 in stretches:
        rows = slice(s0, s1 + 1)
        lo[rows] = np.minimum(lo[rows], np.maximum(around.lo[rows], t0))
        hi[rows] = np.maximum(hi[rows], np.minimum(around.hi[rows], t1))
    return make_path(lo, hi, n_tgt)


def calibration_sample(band: SearchPath, config: AlignConfig) -> tuple[np.ndarray, np.ndarray]:
    """Sentences (masks per side) whose 1-1 pairs inside the band calibrate the combined score.

    The rows are those :func:`band_calibration` visits (its chunks), thinned with the columns
    of their band to about ``encoder_calibration_sample`` sentences a side; a regular grid of
    the band keeps its mix of (rare) true and (many) unrelated pairs.
    """
    n_src, n_tgt = band.n_src, band.n_tgt
    stride = max(1, n_src // config.chunk_rows // 8)  # as band_calibration samples its chunks
    row_cells = np.zeros(n_src + 1, dtype=bool)
    col_cells = np.zeros(n_tgt + 1, dtype=bool)
    for r0 in range(1, n_src + 1, config.chunk_rows * stride):
        r1 = min(n_src + 1, r0 + config.chunk_rows)
        row_cells[r0:r1] = True
        col_cells[max(1, int(band.lo[r0:r1].min())):int(band.hi[r0:r1].max()) + 1] = True
    budget = max(1, config.encoder_calibration_sample)
    rows, cols = np.flatnonzero(row_cells), np.flatnonzero(col_cells)
    rows = rows[::max(1, -(-len(rows) // budget))]
    cols = cols[::max(1, -(-len(cols) // budget))]
    src, tgt = np.zeros(n_src, dtype=bool), np.zeros(n_tgt, dtype=bool)
    src[rows - 1], tgt[cols - 1] = True, True  # cell (i, j) ends the 1-1 bead (i - 1, j - 1)
    return src, tgt


class _SamplePairs:
    """A bound scorer that answers only the sample's 1-1 pairs (NaN elsewhere), so that the
    band calibration sees a thinned band and not the unsure stretches' dense true pairs."""

    def __init__(self, bound: BoundScorer, sample: tuple[np.ndarray, np.ndarray]) -> None:
        self.bound = bound
        self.cells = tuple(np.concatenate(([False], side)) for side in sample)

    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        out = self.bound.spans_similarity(rows, cols, bead_types)
        keep = self.cells[0][rows[0]:rows[1], None] & self.cells[1][None, cols[0]:cols[1]]
        out[:, ~keep] = np.nan
        return out

    def beads_similarity(self, beads: Sequence[Span]) -> np.ndarray:
        return self.bound.beads_similarity(beads)

    def refine(self, beads: Sequence[BeadIds]) -> None:
        return None


def _masks(stretches: Sequence[Span], n_src: int, n_tgt: int) -> tuple[np.ndarray, np.ndarray]:
    src, tgt = np.zeros(n_src, dtype=bool), np.zeros(n_tgt, dtype=bool)
    for s0, s1, t0, t1 in stretches:
        src[s0:s1], tgt[t0:t1] = True, True
    return src, tgt


def _confidences(beads: Sequence[PathBead], combined: np.ndarray, first: Sequence[PathBead],
                 first_confidences: np.ndarray) -> np.ndarray:
    """Combined confidence where the encoder saw the bead; pass 1's for a bead kept as it was
    outside the stretches."""
    earlier = {(b.src_start, b.src_end, b.tgt_start, b.tgt_end): float(c)
               for b, c in zip(first, first_confidences, strict=True)}
    out = np.asarray(combined, dtype=np.float64).copy()
    for k, bead in enumerate(beads):
        if not np.isfinite(out[k]):
            out[k] = earlier.get((bead.src_start, bead.src_end, bead.tgt_start, bead.tgt_end),
                                 np.nan)
    return out


def _stretch_subpath(path: SearchPath, stretch: Span) -> SearchPath:
    """The part of ``path`` inside one stretch's rectangle, in the stretch's own coordinates
    (its first corner is (0, 0))."""
    s0, s1, t0, t1 = stretch
    lo = np.clip(path.lo[s0:s1 + 1] - t0, 0, t1 - t0)
    hi = np.clip(path.hi[s0:s1 + 1] - t0, 0, t1 - t0)
    return make_path(lo, hi, t1 - t0)


Region = tuple[Span, SearchPath]  # a stretch and its part of the path, in its coordinates


def _regions_scorer(run: AlignmentRun, regions: Sequence[Region],
                    calibration: Calibration) -> RowScorer:
    """A row scorer for the rows of a few nearby stretches, scored in one chunk (a chunk's
    cost is mostly per bead type, so one per stretch cost as much as the one DP's chunks).

    The scorer works in document coordinates (its neighbour terms need the document's size);
    rows outside the stretches are never asked for and only keep the path monotone."""
    (first_row, _, first_col, _), _ = regions[0]
    (_, last_row, _, _), _ = regions[-1]
    lo = np.zeros(len(run.src) + 1, dtype=np.int64)
    hi = np.zeros(len(run.src) + 1, dtype=np.int64)
    lo[last_row + 1:], hi[last_row + 1:] = len(run.tgt), len(run.tgt)
    corner = first_col
    for (s0, s1, t0, t1), local in regions:
        lo[first_row:s0], hi[first_row:s0] = np.maximum(lo[first_row:s0], corner), corner
        lo[s0:s1 + 1], hi[s0:s1 + 1] = local.lo + t0, local.hi + t0
        first_row, corner = s1 + 1, t1
    config = dataclasses.replace(run.config, chunk_rows=last_row - regions[0][0][0] + 1)
    return RowScorer(SearchPath(lo, hi), run.types, config, run.prefixes, run.length_model,
                     run.bound, calibration, run.paragraphs)


def _grouped(regions: Sequence[Region], max_rows: int, max_cols: int) -> list[list[Region]]:
    """Consecutive stretches, as many to a group as fit ``max_rows`` x ``max_cols``."""
    groups: list[list[Region]] = []
    for region in regions:
        if groups:
            (s0, _, t0, _), _ = groups[-1][0]
            (_, s1, _, t1), _ = region
            if s1 - s0 < max_rows and t1 - t0 < max_cols:
                groups[-1].append(region)
                continue
        groups.append([region])
    return groups


def _realign_one(region: Region, rows: RowScorer) -> list[PathBead]:
    """The best beads from one corner of the stretch to the other along its path."""
    (s0, _, t0, _), local = region
    found = run_dp(local, rows.types, lambda i: rows(s0 + i))
    return [PathBead(b.src_start + s0, b.src_end + s0, b.tgt_start + t0, b.tgt_end + t0, b.score)
            for b in found]


def realign_stretches(run: AlignmentRun, path: SearchPath, beads: Sequence[PathBead],
                      stretches: Sequence[Span], calibration: Calibration) -> list[PathBead]:
    """Pass 1's ``beads`` with each stretch re-aligned by its own DP along its part of ``path``
    (:func:`stretch_path`); the beads between stretches are kept as they are.

    The stretches' corners are corners of pass 1's beads, so every bead is either inside one
    stretch or outside all of them. A stretch whose DP finds no path (it cannot happen with a
    path around pass 1's beads, but a paragraph restriction could cut one) keeps pass 1's beads.
    """
    if run.paragraphs.paired:
        path = within_paragraphs(path, run.paragraphs)
    regions = [(stretch, _stretch_subpath(path, stretch)) for stretch in stretches]
    width = run.config.chunk_rows
    out: list[PathBead] = []
    k = 0
    for group in _grouped(regions, width, width + width // 2):
        rows = _regions_scorer(run, group, calibration)
        for region in group:
            s0, s1, t0, t1 = region[0]
            while beads[k].src_start < s0 or beads[k].tgt_start < t0:
                out.append(beads[k])
                k += 1
            first = k
            while k < len(beads) and beads[k].src_end <= s1 and beads[k].tgt_end <= t1:
                k += 1
            try:
                out += _realign_one(region, rows)
            except ValueError:
                log.warning("two-pass encoder: no path through sentences %d-%d; pass 1 kept",
                            s0, s1)
                out += beads[first:k]
    out += beads[k:]
    return out


# Progress of a two-pass run in thirds of the bar (on the Bible: pass 1 about 40 % of the time,
# encoding the stretches 50 %, re-aligning them 10 %), so it does not sit at 100 % while the
# encoder works.
_STAGES = 3


def _stage_progress(progress: Progress | None, stage: int) -> Progress | None:
    if progress is None:
        return None
    report = progress

    def within_stage(done: int, total: int) -> None:
        report(stage * total + done, _STAGES * total)

    return within_stage


def _report_stage_done(progress: Progress | None, stage: int) -> None:
    if progress is not None:
        progress(stage + 1, _STAGES)


def align_two_pass(src: Sequence[Segment], tgt: Sequence[Segment], src_lang: str,
                   tgt_lang: str, config: AlignConfig, scorer: TwoPassScorer,
                   progress: Progress | None = None, *, one_dp: bool = False,
                   ) -> tuple[list[PathBead], np.ndarray, TwoPassStats]:
    """Beads, confidences and what was encoded, for one bitext (see the module docstring).

    ``one_dp``: re-align with one DP along the whole stretch path instead of one per stretch
    (the reference the tests compare with; same beads, slower).
    """
    texts = ([s.text for s in src], [s.text for s in tgt])
    if not all(get_profile(lang).spaced for lang in (src_lang, tgt_lang)):
        config = dataclasses.replace(config, prior_larger=config.encoder_unspaced_prior_larger)
    if min(len(src), len(tgt)) < config.encoder_two_pass_min_sentences:
        whole = AlignmentRun(src, tgt, config, scorer.bind(*texts, src_lang, tgt_lang), progress)
        beads, confidences = whole.run()
        whole.finish_progress()
        return beads, confidences, TwoPassStats((), (len(src), len(tgt)), -1)
    first = AlignmentRun(src, tgt, scorer.first_pass_config,
                         scorer.lexical.bind(*texts, src_lang, tgt_lang),
                         _stage_progress(progress, 0))
    beads, confidences = first.run()
    first.finish_progress()
    sure = sure_beads(beads, confidences, config.encoder_sure_one_one,
                      config.encoder_sure_one_two, config.encoder_sure_neighbours)
    stretches = unsure_stretches(beads, sure, config.encoder_margin)
    wanted = _masks(stretches, len(src), len(tgt))
    sentences = (int(wanted[0].sum()), int(wanted[1].sum()))
    if not stretches:
        _report_stage_done(progress, 2)
        return beads, confidences, TwoPassStats((), sentences, 0)
    band = search_band(len(src), len(tgt), length_diagonal(*first.prefixes), config)
    sample = calibration_sample(band, config)
    encoder = scorer.partial_encoder.bind_partial(*texts, src_lang, tgt_lang,
                                                  (wanted[0] | sample[0], wanted[1] | sample[1]))
    _report_stage_done(progress, 1)
    assert first.bound is not None
    combined = BoundCombined(first.bound, encoder, scorer.encoder_weight)
    calibration = band_calibration(_SamplePairs(combined, sample), band, config)
    encoder.stand_in(encoder.typical_cosine(),
                     [(b.src_start, b.src_end, b.tgt_start, b.tgt_end) for b in beads])
    second = AlignmentRun(src, tgt, config, combined, None)
    second.length_model = first.length_model
    path = stretch_path(beads, stretches, len(src), len(tgt), config.encoder_path_width)
    # Each DP runs one sure bead further on either side than its stretch: the one DP along the
    # whole path could also re-split the sure bead next to a stretch's corner (with null beads,
    # or the sample's embeddings), and did so on Bible.
    regions = unsure_stretches(beads, sure, config.encoder_margin + 1)
    new_beads = (second.dp_pass(path, calibration) if one_dp
                 else realign_stretches(second, path, beads, regions, calibration))
    # The encoder's beads_similarity is NaN for beads it did not see (no stand-in there).
    new_confidences = _confidences(new_beads, bead_similarities(combined, new_beads, calibration),
                                   beads, confidences)
    _report_stage_done(progress, 2)
    log.info("two-pass encoder: %d stretches, %d + %d of %d + %d sentences encoded "
             "(calibration %s)", len(stretches), *sentences, len(src), len(tgt), calibration)
    return new_beads, new_confidences, TwoPassStats(tuple(stretches), sentences, encoder.encoded)
