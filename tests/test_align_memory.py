"""The aligner's compact tables give the same answers as the plain ones they replaced."""

from __future__ import annotations

import numpy as np
import pytest

from glossalign.pipeline.align.dp import band_path, run_dp
from glossalign.pipeline.align.features import document_keys
from glossalign.pipeline.align.learn import learn_id_pairs, learn_pairs


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_learn_id_pairs_matches_learn_pairs_ties_included(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Few words and short beads: many pairs tie on Dice, so the tie-break order matters.
    src_beads = [[list(rng.integers(0, 12, rng.integers(0, 5)))] for _ in range(80)]
    tgt_beads = [[list(rng.integers(0, 9, rng.integers(1, 5))), list(rng.integers(0, 9, 2))]
                 for _ in range(80)]
    by_name = learn_pairs([[[f"s{u}" for u in s] for s in bead] for bead in src_beads],
                          [[[f"t{u}" for u in s] for s in bead] for bead in tgt_beads],
                          keep_per_word=1)

    def csr(beads: list[list[list[int]]]) -> tuple[np.ndarray, np.ndarray]:
        flat = [u for bead in beads for sentence in bead for u in sentence]
        sizes = [sum(len(s) for s in bead) for bead in beads]
        return np.concatenate(([0], np.cumsum(sizes))).astype(np.int64), np.array(flat)

    by_id = learn_id_pairs(*csr(src_beads), *csr(tgt_beads), keep_per_word=1)
    assert by_name  # the case is not empty
    assert [(f"s{s}", f"t{t}") for s, t in by_id] == by_name




@pytest.mark.parametrize("seed", [0, 1])
def test_packed_back_pointers_give_the_unpacked_path(seed: int) -> None:
    # Three types pack 2 bits a cell; a fourth type that can never win forces one byte a cell.
    path = band_path(40, 37, 5)
    three = [(0, 1), (1, 0), (1, 1)]
    scores = {i: np.random.default_rng(seed + i).normal(
        size=(3, int(path.hi[i] - path.lo[i] + 1))) for i in range(41)}

    def packed(i: int) -> np.ndarray:
        return scores[i]

    def unpacked(i: int) -> np.ndarray:
        return np.vstack([scores[i], np.full((1, scores[i].shape[1]), -np.inf)])

    assert run_dp(path, three, packed) == run_dp(path, [*three, (2, 2)], unpacked)
    assert run_dp(path, three, packed, keep_scores=False)[-1].src_end == 40


def test_document_keys_are_flat_arrays_per_sentence() -> None:
    keys = document_keys(["Cats chase mice.", "", "Mice flee cats!"], "en", "zh")
    assert len(keys) == 3 and keys.units.ids.dtype == np.int32
    first, empty, last = (keys.sentence(k) for k in range(3))
    assert empty.units == () and first.units and last.units
    assert set(first.units) & set(last.units)  # the same stems share one id
    assert set(last.lookups) == set(last.units)
