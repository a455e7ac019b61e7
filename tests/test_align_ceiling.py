"""The upper bound of a monotone aligner against gold beads (glossalign.eval.align_ceiling)."""

from __future__ import annotations

import pytest

from glossalign.eval.align_ceiling import best_monotone_beads, ceiling
from glossalign.eval.align_score import BeadPair

REACHABLE: list[list[BeadPair]] = [
    [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3, 4))],
    [((0,), ()), ((1,), (0,)), ((2, 3, 4), (1, 2))],
]
# Gold beads no monotone aligner of contiguous beads can produce: (gold, sources, targets)
UNREACHABLE: list[tuple[list[BeadPair], int, int]] = [
    ([((0,), (0, 2)), ((1,), (1,)), ((2,), (3,))], 3, 4),  # a non-contiguous target side
    ([((0,), (1,)), ((1,), (0,)), ((2,), (2,))], 3, 3),  # two crossing beads
]


def _sizes(gold: list[BeadPair]) -> tuple[int, int]:
    return (1 + max(i for s, _ in gold for i in s), 1 + max(j for _, t in gold for j in t))


@pytest.mark.parametrize("gold", REACHABLE)
def test_monotone_gold_is_reproduced(gold: list[BeadPair]) -> None:
    n_src, n_tgt = _sizes(gold)
    assert best_monotone_beads(gold, n_src, n_tgt) == gold
    assert ceiling([(gold, n_src, n_tgt)]) == pytest.approx(1.0)


@pytest.mark.parametrize(("gold", "n_src", "n_tgt"), UNREACHABLE)
def test_unreachable_gold_caps_the_score(gold: list[BeadPair], n_src: int, n_tgt: int) -> None:
    beads = best_monotone_beads(gold, n_src, n_tgt)
    covered_src = [i for s, _ in beads for i in s]
    covered_tgt = [j for _, t in beads for j in t]
    assert covered_src == list(range(n_src)) and covered_tgt == list(range(n_tgt))
    assert ((2,), (2,)) in beads or ((2,), (3,)) in beads  # the reachable bead is kept
    assert 0.0 < ceiling([(gold, n_src, n_tgt)]) < 1.0


def test_bead_size_limit_is_respected() -> None:
    gold: list[BeadPair] = [((0, 1, 2), (0,))]
    assert ceiling([(gold, 3, 1)], max_side=2) < 1.0
    assert ceiling([(gold, 3, 1)], max_side=3) == pytest.approx(1.0)
