"""Align two sentence lists: anchors first, then every bead type between them (Bertalign's plan).

1. Bind the scorer (lexical by default) to the bitext; lengths in UTF-8 bytes with the document's
   ratio; calibrate the scorer on the pairs of a diagonal band around the length-proportional
   diagonal.
2. First pass: a DP with only 1-1, 1-0 and 0-1 beads inside that band; its 1-1 beads with a strong
   similarity are the anchors. If the path seems forced through the band (along its edge, or a
   long stretch without anchors: a passage left out or added), the band is re-centred on where a
   coarse scan finds the text, and the first pass runs again (``recentre.py``).
3. Learn word pairs from the confident beads and refit the length model (Hunalign's realign).
4. Second pass: a DP over every bead type inside the rectangles between anchors; repeated
   (learn, align) around the previous result for ``learn_rounds`` rounds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import numpy as np

from glossalign.errors import UsageError
from glossalign.pipeline.align.calibrate import (
    Calibration,
    band_calibration,
    bead_similarities,
)
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.dp import (
    PathBead,
    SearchPath,
    band_path,
    make_path,
    path_around_beads,
    path_around_points,
    run_dp,
)
from glossalign.pipeline.align.lengths import LengthModel, prefix_sums, text_lengths
from glossalign.pipeline.align.lexicon import Lexicon
from glossalign.pipeline.align.recentre import recentred_band
from glossalign.pipeline.align.row_scores import Paragraphs, RowScorer
from glossalign.pipeline.align.scorers import ScorerRequest, make_scorer
from glossalign.pipeline.align.similarity import BoundScorer, SentenceScorer
from glossalign.stage_data import Alignment, Bead, Segment

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def length_diagonal(src_prefix: np.ndarray, tgt_prefix: np.ndarray) -> np.ndarray:
    """Expected target cell for each source cell, by proportion of text length."""
    src_share = src_prefix / max(src_prefix[-1], 1e-9)
    tgt_share = tgt_prefix / max(tgt_prefix[-1], 1e-9)
    return np.interp(src_share, tgt_share, np.arange(len(tgt_prefix)))


def search_band(n_src: int, n_tgt: int, centers: np.ndarray, config: AlignConfig) -> SearchPath:
    return band_path(n_src, n_tgt, config.band_half_width(n_src, n_tgt), centers)


def within_paragraphs(path: SearchPath, paragraphs: Paragraphs) -> SearchPath:
    """Restrict a path to the blocks of paired paragraphs (paragraph k with paragraph k)."""
    src_edges, tgt_edges = (
        np.concatenate(([0], np.flatnonzero(np.diff(breaks)), [len(breaks) - 1]))
        for breaks in (paragraphs.src_breaks, paragraphs.tgt_breaks))
    lo = np.full(len(path.lo), path.n_tgt, dtype=np.int64)
    hi = np.zeros(len(path.lo), dtype=np.int64)
    for k in range(len(src_edges) - 1):
        rows = slice(src_edges[k], src_edges[k + 1] + 1)
        lo[rows] = np.minimum(lo[rows], tgt_edges[k])
        hi[rows] = np.maximum(hi[rows], tgt_edges[k + 1])
    new_lo, new_hi = np.maximum(path.lo, lo), np.minimum(path.hi, hi)
    empty = new_lo > new_hi
    new_lo[empty], new_hi[empty] = lo[empty], hi[empty]
    return make_path(new_lo, new_hi, path.n_tgt)


def _single_threaded_blas() -> AbstractContextManager[object]:
    """The DP multiplies many small matrices: BLAS threads only add contention there."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


class AlignmentRun:
    """State of one alignment run (kept small; every step is a method of a few lines)."""

    def __init__(self, src: Sequence[Segment], tgt: Sequence[Segment], config: AlignConfig,
                 bound: BoundScorer | None, progress: Progress | None) -> None:
        self.src, self.tgt, self.config, self.bound = src, tgt, config, bound
        self.progress = progress
        self.types = config.bead_types()
        src_lengths = text_lengths([s.text for s in src], src[0].lang if src else "und")
        tgt_lengths = text_lengths([s.text for s in tgt], tgt[0].lang if tgt else "und")
        self.prefixes = (prefix_sums(src_lengths), prefix_sums(tgt_lengths))
        self.length_model = LengthModel.from_totals(src_lengths, tgt_lengths,
                                                    config.length_variance)
        self.passes_done = 0
        self.passes_planned = 1 if bound is None else 1 + max(1, config.learn_rounds)
        self.paragraphs = Paragraphs.of([s.paragraph for s in src], [s.paragraph for s in tgt],
                                        config.paragraph_anchors)

    def dp_pass(self, path: SearchPath, calibration: Calibration | None,
                types: Sequence[tuple[int, int]] | None = None,
                keep_scores: bool = True) -> list[PathBead]:
        types = types or self.types
        if self.paragraphs.paired:
            path = within_paragraphs(path, self.paragraphs)
        rows = RowScorer(path, types, self.config, self.prefixes, self.length_model,
                         self.bound, calibration, self.paragraphs)
        return run_dp(path, types, self._with_progress(rows, path.n_src),
                      keep_scores=keep_scores)

    def _with_progress(self, rows: RowScorer, n_rows: int) -> Callable[[int], np.ndarray]:
        """Report (rows done, rows planned) over all passes, about 100 times in all."""
        if self.progress is None:
            return rows
        report, base = self.progress, self.passes_done * (n_rows + 1)
        total = self.passes_planned * (n_rows + 1)
        step = max(1, total // 100)
        self.passes_done += 1

        def scored(i: int) -> np.ndarray:
            if (base + i) % step == 0:
                report(base + i, total)
            return rows(i)

        return scored

    def finish_progress(self) -> None:
        if self.progress is not None:
            total = self.passes_planned * (len(self.src) + 1)
            self.progress(total, total)

    def refit_lengths(self, beads: Sequence[PathBead]) -> None:
        if not beads:
            return
        src_prefix, tgt_prefix = self.prefixes
        src_len = np.array([src_prefix[b.src_end] - src_prefix[b.src_start] for b in beads])
        tgt_len = np.array([tgt_prefix[b.tgt_end] - tgt_prefix[b.tgt_start] for b in beads])
        self.length_model = self.length_model.refit(src_len, tgt_len)

    def anchors(self, beads: Sequence[PathBead], sims: np.ndarray) -> list[tuple[int, int]]:
        """End cells of the 1-1 beads whose calibrated similarity is strong."""
        return [(b.src_end, b.tgt_end) for b, z in zip(beads, sims, strict=True)
                if b.src_end - b.src_start == 1 and b.tgt_end - b.tgt_start == 1
                and z >= self.config.anchor_min_similarity]

    def run(self) -> tuple[list[PathBead], np.ndarray]:
        """The beads of the last pass and their calibrated similarities (NaN: length only)."""
        n_src, n_tgt, cfg = len(self.src), len(self.tgt), self.config
        diagonal = length_diagonal(*self.prefixes)
        band = search_band(n_src, n_tgt, diagonal, cfg)
        if self.bound is None:
            beads = self.dp_pass(band, None)
            return beads, np.full(len(beads), np.nan)
        calibration = band_calibration(self.bound, band, cfg)
        # Each pass's similarities serve its anchors or learning, and the last pass's confidences.
        beads, sims = self.first_pass(band, diagonal, calibration)
        path = path_around_points(self.anchors(beads, sims), n_src, n_tgt, cfg.window)
        log.debug("first pass: %d beads; calibration %s", len(beads), calibration)
        for round_ in range(max(1, cfg.learn_rounds)):
            changed = round_ < cfg.learn_rounds and self.learn(beads, sims)
            if changed:
                calibration = band_calibration(self.bound, band, cfg)
                log.debug("realign %d: calibration %s", round_ + 1, calibration)
            elif round_ > 0:
                break  # nothing new to align with
            del beads, sims  # the last pass's beads are not needed while the next one runs
            beads = self.dp_pass(path, calibration)
            sims = bead_similarities(self.bound, beads, calibration)
            path = path_around_beads(beads, n_src, n_tgt, 2 * cfg.window)
        return beads, sims

    def first_pass(self, band: SearchPath, diagonal: np.ndarray,
                   calibration: Calibration) -> tuple[list[PathBead], np.ndarray]:
        """1-1 and null beads in the band (again in a re-centred band if the text seems to
        have left it: a long omission or addition), with their calibrated similarities."""
        assert self.bound is not None
        first_types = ((0, 1), (1, 0), (1, 1))
        beads = self.dp_pass(band, calibration, first_types, keep_scores=False)
        sims = bead_similarities(self.bound, beads, calibration)
        if not self.config.band_recentre:
            return beads, sims
        wider = recentred_band(self.bound, calibration, band, beads,
                               self.anchors(beads, sims), diagonal, self.config)
        if wider is None:
            return beads, sims
        log.info("the first pass left the band: re-centred (%d -> %d cells)",
                 band.area, wider.area)
        self.passes_planned += 1
        beads = self.dp_pass(wider, calibration, first_types, keep_scores=False)
        return beads, bead_similarities(self.bound, beads, calibration)

    def learn(self, beads: Sequence[PathBead], sims: np.ndarray) -> bool:
        """Adapt the length model and the scorer to the confident beads of the last pass."""
        assert self.bound is not None
        confident = [b for b, z in zip(beads, sims, strict=True)
                     if b.src_end > b.src_start and b.tgt_end > b.tgt_start
                     and z >= self.config.learn_min_confidence]
        if self.config.refit_length:
            self.refit_lengths(confident)
        # Ranges, not tuples: a tuple of int objects per bead was megabytes of small objects.
        refined = self.bound.refine([(range(b.src_start, b.src_end),
                                      range(b.tgt_start, b.tgt_end)) for b in confident])
        if refined is not None:
            self.bound = refined
        return refined is not None


def _to_alignment(src: Sequence[Segment], tgt: Sequence[Segment], beads: Sequence[PathBead],
                  confidences: np.ndarray) -> Alignment:
    out = []
    for bead, confidence in zip(beads, confidences, strict=True):
        conf = 0.5 if not np.isfinite(confidence) else float(np.clip(confidence, 0.0, 1.0))
        out.append(Bead(tuple(range(bead.src_start, bead.src_end)),
                        tuple(range(bead.tgt_start, bead.tgt_end)), float(bead.score), conf))
    return Alignment(tuple(src), tuple(tgt), tuple(out))


def align_segments(src: Sequence[Segment], tgt: Sequence[Segment], src_lang: str, tgt_lang: str,
                   *, config: AlignConfig | None = None, lexicon: Lexicon | None = None,
                   term_pairs: list[tuple[str, str]] | None = None,
                   scorer: SentenceScorer | str | None = None,
                   progress: Progress | None = None) -> Alignment:
    """Align two sentence lists; every sentence is in exactly one bead, beads in document order.

    The default scorer is offline and lexical: ``lexicon`` (default: CC-CEDICT for zh-en, else
    none) plus ``term_pairs`` (glossary source/target terms), anchors, cognates and a dictionary
    learnt from the document. ``scorer`` may name a registered scorer (``"use"``,
    ``"hf:<model>"``, see :mod:`~glossalign.pipeline.align.scorers`; encoders are combined with
    the lexical features) or be any :class:`SentenceScorer`, which then replaces it.
    """
    if scorer is None or isinstance(scorer, str):
        request = ScorerRequest(src_lang, tgt_lang, config, lexicon, tuple(term_pairs or ()))
        chosen = make_scorer(scorer or "lexical", request)
        scorer, config = chosen.scorer, chosen.config
    config = config or AlignConfig()
    if config.max_bead_size < 2:
        raise UsageError(f"max_bead_size must be at least 2, not {config.max_bead_size}")
    if not src or not tgt:
        nulls = [Bead((i,), (), 0.0, 1.0) for i in range(len(src))]
        nulls += [Bead((), (j,), 0.0, 1.0) for j in range(len(tgt))]
        return Alignment(tuple(src), tuple(tgt), tuple(nulls))
    if getattr(scorer, "two_pass", False):  # encoder scorers: the encoder only where unsure
        from glossalign.pipeline.align.two_pass import TwoPassScorer, align_two_pass

        assert isinstance(scorer, TwoPassScorer)
        with _single_threaded_blas():
            beads, confidences, _ = align_two_pass(src, tgt, src_lang, tgt_lang, config, scorer,
                                                   progress)
        return _to_alignment(src, tgt, beads, confidences)
    with _single_threaded_blas():
        aligner = AlignmentRun(src, tgt, config, scorer.bind([s.text for s in src],
                                                         [s.text for s in tgt],
                                                         src_lang, tgt_lang), progress)
        beads, confidences = aligner.run()
        aligner.finish_progress()
    return _to_alignment(src, tgt, beads, confidences)


def align_length_only(src: Sequence[Segment], tgt: Sequence[Segment], *,
                      config: AlignConfig | None = None) -> Alignment:
    """Gale-Church: the same DP with the length cost and bead priors only (a baseline)."""
    config = config or AlignConfig()
    with _single_threaded_blas():
        beads, confidences = AlignmentRun(src, tgt, config, None, None).run()
    return _to_alignment(src, tgt, beads, confidences)


def align_files(source: str | Path, src_lang: str, target: str | Path, tgt_lang: str, *,
                presegmented: bool = False, config: AlignConfig | None = None,
                lexicon: Lexicon | None = None, term_pairs: list[tuple[str, str]] | None = None,
                scorer: SentenceScorer | str | None = None,
                progress: Progress | None = None) -> Alignment:
    """Segment two UTF-8 text files into sentences (or one per line) and align them."""
    from glossalign.pipeline.segment import segment_file

    src = segment_file(source, src_lang, presegmented=presegmented)
    tgt = segment_file(target, tgt_lang, presegmented=presegmented)
    return align_segments(src, tgt, src_lang, tgt_lang, config=config, lexicon=lexicon,
                          term_pairs=term_pairs, scorer=scorer, progress=progress)
