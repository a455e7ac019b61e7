"""The first pass's band follows the text when a long passage is left out (recentre.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from glossalign.eval.align_score import score_strict_lax
from glossalign.eval.bench_align import default_lexicon, load_set
from glossalign.pipeline.align import AlignConfig, align_segments
from glossalign.pipeline.align.dp import PathBead, band_path
from glossalign.pipeline.align.recentre import (
    _best_run_ends,
    corners_on_edge,
    heaviest_chain,
)
from glossalign.stage_data import Segment


@pytest.mark.parametrize(("places", "chain"), [
    ([], []),
    ([(10, 5, 1.0)], [(10, 5)]),
    # (20, 2) then (30, 8) outweighs (10, 5) then (30, 8); (40, 1) goes back in the target.
    ([(10, 5, 3.0), (20, 2, 4.0), (30, 8, 2.0), (40, 1, 1.0)], [(20, 2), (30, 8)]),
    # A heavy stray place loses to a longer consistent chain.
    ([(10, 10, 2.0), (20, 90, 5.0), (30, 30, 2.0), (40, 40, 2.0), (50, 50, 2.0)],
     [(10, 10), (30, 30), (40, 40), (50, 50)]),
])
def test_heaviest_chain(places: list[tuple[int, int, float]], chain: list[tuple[int, int]]) -> None:
    assert heaviest_chain(places) == chain


def test_a_run_may_skip_or_repeat_a_column() -> None:
    scores = np.zeros((4, 12))
    for row, col in enumerate((2, 3, 5, 5)):  # 1-1, 1-2 (skips 4), 2-1 (repeats 5)
        scores[row, col] = 1.0
    run = _best_run_ends(scores)
    assert run[5] == 4.0 and int(np.argmax(run)) == 5


def test_corners_on_an_inner_edge_of_the_band_count() -> None:
    band = band_path(40, 40, 10)  # row i: columns i - 10 .. i + 10, clipped to 0 .. 40
    on_edge = [PathBead(14, 15, 4, 5, 0.0), PathBead(20, 21, 29, 30, 0.0),
               PathBead(21, 22, 30, 32, 0.0)]
    inside = [PathBead(0, 1, 0, 0, 0.0),  # (1, 0): the band's edge there is the document's
              PathBead(19, 20, 19, 20, 0.0), PathBead(33, 40, 35, 40, 0.0)]
    assert corners_on_edge(on_edge, band) == 3
    assert corners_on_edge(inside, band) == 0


GoldBeads = list[tuple[list[int], list[int]]]


def _bible_without_a_passage(shared: Path, keep: int, gap: tuple[int, int]
                             ) -> tuple[list[Segment], list[Segment], GoldBeads]:
    """The first ``keep`` gold beads of the Bible; the translation of beads ``gap[0]`` to
    ``gap[1]`` left out."""
    doc = next(load_set("bible", shared / "eval" / "align"))
    beads = doc.gold[:keep]
    src_end = max(i for src, _ in beads for i in src) + 1
    kept, gold = [], []
    for k, (src, tgt) in enumerate(beads):
        if gap[0] <= k < gap[1]:
            gold.append((list(src), []))
            continue
        gold.append((list(src), list(range(len(kept), len(kept) + len(tgt)))))
        kept += [doc.tgt[j] for j in tgt]
    src = [Segment(text, "en", line=k + 1) for k, text in enumerate(doc.src[:src_end])]
    tgt = [Segment(text, "zh", line=k + 1) for k, text in enumerate(kept)]
    return src, tgt, [b for b in gold if b[0] or b[1]]


@pytest.mark.parametrize("gap", [(2400, 3000), (0, 600)],
                         ids=["translation stops early", "first chapters untranslated"])
def test_a_long_omission_is_found_again(shared_dir: Path, gap: tuple[int, int]) -> None:
    src, tgt, gold = _bible_without_a_passage(shared_dir, 3000, gap)
    lexicon = default_lexicon("en", "zh")

    def strict_f1(recentre: bool) -> float:
        config = dataclasses.replace(AlignConfig(), band_recentre=recentre)
        alignment = align_segments(src, tgt, "en", "zh", config=config, lexicon=lexicon)
        predicted = [(list(b.src), list(b.tgt)) for b in alignment.beads]
        return score_strict_lax([gold], [predicted]).f1_strict

    with_recentre, without = strict_f1(True), strict_f1(False)
    # Measured: 0.866 / 0.841 with re-centring, 0.301 / 0.539 without (0.84 with no gap).
    assert with_recentre >= 0.8
    assert with_recentre - without >= 0.2
