"""A dictionary learnt from the document itself: word pairs that co-occur in confident beads.

Like Hunalign's realign pass: align once, take the beads the model is sure of, count how often each
source unit and target unit occur in the same bead, and keep pairs whose Dice coefficient is high
(each side keeping only its best partners), then align again with these pairs added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def _index(groups: Sequence[Sequence[Sequence[str]]]) -> tuple[list[np.ndarray], list[str]]:
    vocab: dict[str, int] = {}
    beads = []
    for sentences in groups:
        ids = {vocab.setdefault(unit, len(vocab)) for sentence in sentences for unit in sentence}
        beads.append(np.fromiter(sorted(ids), dtype=np.int64, count=len(ids)))
    names = [""] * len(vocab)
    for name, k in vocab.items():
        names[k] = name
    return beads, names


def _best_per_key(keys: np.ndarray, scores: np.ndarray, keep: int) -> np.ndarray:
    """Mask of the ``keep`` best-scoring entries for each key."""
    order = np.lexsort((-scores, keys))
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
    rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    mask = np.zeros(len(keys), dtype=bool)
    mask[order[rank < keep]] = True
    return mask


def _pair_counts(src_ids: Sequence[np.ndarray], tgt_ids: Sequence[np.ndarray],
                 src_frequent: np.ndarray, tgt_frequent: np.ndarray, width: int,
                 block: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (source, target) co-occurrence codes and their bead counts.

    Only units seen in ``min_count`` beads can form a kept pair, so the others are dropped before
    pairing, and beads are paired ``block`` at a time: the raw pairs of a whole book are many
    times its distinct pairs (memory grew ~50 MB per MB of text before). Codes and counts are
    int32 where they fit (the distinct pairs of a book are millions: this is the learning
    rounds' peak).
    """
    fits = len(src_frequent) * width < 2**31
    code_type: type[np.signedinteger[Any]] = np.int32 if fits else np.int64
    codes = np.zeros(0, dtype=code_type)
    counts = np.zeros(0, dtype=code_type)
    for start in range(0, len(src_ids), block):
        raw = [(s[src_frequent[s]].astype(code_type)[:, None] * width
                + t[tgt_frequent[t]].astype(code_type)[None, :]).ravel()
               for s, t in zip(src_ids[start:start + block], tgt_ids[start:start + block],
                               strict=True)]
        block_codes, block_counts = np.unique(np.concatenate([codes, *raw]), return_counts=True)
        block_counts = block_counts.astype(code_type)
        if len(codes):  # codes already counted: add their totals, minus the one just added
            known = np.searchsorted(block_codes, codes)
            block_counts[known] += counts - 1
        codes, counts = block_codes, block_counts
    return codes, counts


def _index_ids(groups: Sequence[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`_index` for groups of integer keys: ids by first appearance (so ties break the
    same way), each group's distinct ids sorted; and the original key of each id."""
    if not groups:
        return [], np.zeros(0, dtype=np.int64)
    flat = np.concatenate(groups).astype(np.int64)
    keys, first = np.unique(flat, return_index=True)
    by_appearance = np.argsort(first, kind="stable")
    new_id = np.empty(len(keys), dtype=np.int64)
    new_id[by_appearance] = np.arange(len(keys))
    relabelled = new_id[np.searchsorted(keys, flat)]
    bounds = np.cumsum([len(g) for g in groups])[:-1]
    return [np.unique(part) for part in np.split(relabelled, bounds)], keys[by_appearance]


def learn_id_pairs(src_beads: Sequence[np.ndarray], tgt_beads: Sequence[np.ndarray], *,
                   min_count: int = 2, min_dice: float = 0.3,
                   keep_per_word: int = 2) -> list[tuple[int, int]]:
    """:func:`learn_pairs` on integer unit ids, one flat array per bead (the units of its
    sentences in text order): the same pairs, without a Python object per unit."""
    src_ids, src_keys = _index_ids(src_beads)
    tgt_ids, tgt_keys = _index_ids(tgt_beads)
    pairs = _associated(src_ids, tgt_ids, len(src_keys), len(tgt_keys), min_count, min_dice,
                        keep_per_word)
    return [(int(src_keys[s]), int(tgt_keys[t])) for s, t in pairs]


def learn_pairs(src_beads: Sequence[Sequence[Sequence[str]]],
                tgt_beads: Sequence[Sequence[Sequence[str]]], *, min_count: int = 2,
                min_dice: float = 0.3, keep_per_word: int = 2) -> list[tuple[str, str]]:
    """Word pairs associated across beads (``src_beads[k]`` aligns to ``tgt_beads[k]``).

    Each bead is a list of sentences, each sentence a sequence of unit keys.
    """
    src_ids, src_names = _index(src_beads)
    tgt_ids, tgt_names = _index(tgt_beads)
    pairs = _associated(src_ids, tgt_ids, len(src_names), len(tgt_names), min_count, min_dice,
                        keep_per_word)
    return [(src_names[s], tgt_names[t]) for s, t in pairs]


def _associated(src_ids: Sequence[np.ndarray], tgt_ids: Sequence[np.ndarray], n_src: int,
                n_tgt: int, min_count: int, min_dice: float,
                keep_per_word: int) -> list[tuple[int, int]]:
    """(source id, target id) pairs with enough co-occurrences and Dice, best per word."""
    if not n_src or not n_tgt:
        return []
    src_df = np.bincount(np.concatenate(src_ids), minlength=n_src)
    tgt_df = np.bincount(np.concatenate(tgt_ids), minlength=n_tgt)
    width = n_tgt
    pair_codes, pair_counts = _pair_counts(src_ids, tgt_ids, src_df >= min_count,
                                           tgt_df >= min_count, width)
    src_k, tgt_k = pair_codes // width, pair_codes % width
    dice = 2.0 * pair_counts.astype(np.int64) / (src_df[src_k] + tgt_df[tgt_k])
    keep = (pair_counts >= min_count) & (dice >= min_dice)
    src_k, tgt_k, dice = src_k[keep], tgt_k[keep], dice[keep]
    best = _best_per_key(src_k, dice, keep_per_word) & _best_per_key(tgt_k, dice, keep_per_word)
    return list(zip(src_k[best].tolist(), tgt_k[best].tolist(), strict=True))
