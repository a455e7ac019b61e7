"""A dictionary learnt from the document itself: word pairs that co-occur in confident beads.

Like Hunalign's realign pass: align once, take the beads the model is sure of, count how often each
source unit and target unit occur in the same bead, and keep pairs whose Dice coefficient is high
(each side keeping only its best partners), then align again with these pairs added.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    times its distinct pairs (memory grew ~50 MB per MB of text before).
    """
    codes = np.zeros(0, dtype=np.int64)
    counts = np.zeros(0, dtype=np.int64)
    for start in range(0, len(src_ids), block):
        raw = [(s[src_frequent[s]][:, None] * width + t[tgt_frequent[t]][None, :]).ravel()
               for s, t in zip(src_ids[start:start + block], tgt_ids[start:start + block],
                               strict=True)]
        block_codes, block_counts = np.unique(np.concatenate([codes, *raw]), return_counts=True)
        if len(codes):  # codes already counted: add their totals, minus the one just added
            known = np.searchsorted(block_codes, codes)
            block_counts[known] += counts - 1
        codes, counts = block_codes, block_counts
    return codes, counts


def learn_pairs(src_beads: Sequence[Sequence[Sequence[str]]],
                tgt_beads: Sequence[Sequence[Sequence[str]]], *, min_count: int = 2,
                min_dice: float = 0.3, keep_per_word: int = 2) -> list[tuple[str, str]]:
    """Word pairs associated across beads (``src_beads[k]`` aligns to ``tgt_beads[k]``).

    Each bead is a list of sentences, each sentence a sequence of unit keys.
    """
    src_ids, src_names = _index(src_beads)
    tgt_ids, tgt_names = _index(tgt_beads)
    if not src_names or not tgt_names:
        return []
    src_df = np.bincount(np.concatenate(src_ids), minlength=len(src_names))
    tgt_df = np.bincount(np.concatenate(tgt_ids), minlength=len(tgt_names))
    width = len(tgt_names)
    pair_codes, pair_counts = _pair_counts(src_ids, tgt_ids, src_df >= min_count,
                                           tgt_df >= min_count, width)
    src_k, tgt_k = pair_codes // width, pair_codes % width
    dice = 2.0 * pair_counts / (src_df[src_k] + tgt_df[tgt_k])
    keep = (pair_counts >= min_count) & (dice >= min_dice)
    src_k, tgt_k, dice = src_k[keep], tgt_k[keep], dice[keep]
    best = _best_per_key(src_k, dice, keep_per_word) & _best_per_key(tgt_k, dice, keep_per_word)
    return [(src_names[s], tgt_names[t]) for s, t in zip(src_k[best], tgt_k[best], strict=True)]
