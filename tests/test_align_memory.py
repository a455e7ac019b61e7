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


def _random_groups(rng: np.random.Generator, n_groups: int, vocab: int,
                   dtype: type) -> tuple[np.ndarray, np.ndarray]:
    """CSR groups of distinct sorted ids (some groups empty)."""
    groups = [np.unique(rng.integers(0, vocab, rng.integers(0, 6))) for _ in range(n_groups)]
    sizes = [len(g) for g in groups]
    ptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    return ptr, np.concatenate(groups).astype(dtype)


@pytest.mark.parametrize(("seed", "block", "dtype"),
                         [(0, 1, np.int64), (1, 7, np.int32), (2, 1 << 16, np.int32),
                          (3, 5, np.uint16)])
def test_pair_counts_match_a_plain_count(seed: int, block: int, dtype: type) -> None:
    from collections import Counter

    from glossalign.pipeline.align.learn import _pair_counts

    rng = np.random.default_rng(seed)
    src, tgt = _random_groups(rng, 60, 15, dtype), _random_groups(rng, 60, 11, dtype)
    src_frequent, tgt_frequent = rng.random(15) < 0.8, rng.random(11) < 0.8
    expected: Counter[int] = Counter()
    for k in range(60):
        s = [int(i) for i in src[1][src[0][k]:src[0][k + 1]] if src_frequent[i]]
        t = [int(j) for j in tgt[1][tgt[0][k]:tgt[0][k + 1]] if tgt_frequent[j]]
        expected.update(i * 11 + j for i in s for j in t)
    codes, counts = _pair_counts(src, tgt, src_frequent, tgt_frequent, 11, block=block)
    assert sorted(expected) == codes.tolist()  # sorted, distinct
    assert [expected[c] for c in sorted(expected)] == counts.tolist()


@pytest.mark.parametrize(("seed", "block"), [(0, 1), (1, 3), (2, 1 << 16)])
def test_first_positions_by_block(seed: int, block: int) -> None:
    from glossalign.pipeline.align.learn import _first_positions

    flat = np.random.default_rng(seed).integers(0, 30, 200).astype(np.uint16)
    first = _first_positions(flat, block=block)
    expected = {}
    for position, value in enumerate(flat.tolist()):
        expected.setdefault(value, position)
    assert first.tolist() == [expected.get(v, len(flat)) for v in range(int(flat.max()) + 1)]


@pytest.mark.parametrize("beads", [
    [(0, 1), (2,), (3, 4, 5)],  # in text order, a sentence left out: the byte-mask path
    [(3,), (0, 1)],  # out of order: the general path
    [(1,), (), (1, 2)],  # a sentence twice, an empty bead
])
def test_bead_columns_are_the_sentences_columns_in_bead_order(
        beads: list[tuple[int, ...]]) -> None:
    from glossalign.pipeline.align.lexical import _SideTable

    texts = ["the cat sat", "a dog ran far", "cats and dogs", "", "the end", "dog cat"]
    table = _SideTable.of(document_keys(texts, "en", "zh"))
    ptr, columns = table.keys.units.ptr, table.unit_columns
    bead_ptr, bead_cols = table.bead_columns(beads)
    for k, bead in enumerate(beads):
        expected = [int(c) for i in bead for c in columns[ptr[i]:ptr[i + 1]]]
        assert bead_cols[bead_ptr[k]:bead_ptr[k + 1]].tolist() == expected
    assert bead_ptr[-1] == len(bead_cols)
