"""A dictionary learnt from the document itself: word pairs that co-occur in confident beads.

Like Hunalign's realign pass: align once, take the beads the model is sure of, count how often each
source unit and target unit occur in the same bead, and keep pairs whose Dice coefficient is high
(each side keeping only its best partners), then align again with these pairs added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Groups = tuple[np.ndarray, np.ndarray]  # CSR: group k has ids[ptr[k]:ptr[k+1]] (sorted, distinct)


def _index(groups: Sequence[Sequence[Sequence[str]]]) -> tuple[Groups, list[str]]:
    vocab: dict[str, int] = {}
    beads = []
    for sentences in groups:
        ids = {vocab.setdefault(unit, len(vocab)) for sentence in sentences for unit in sentence}
        beads.append(np.fromiter(sorted(ids), dtype=np.int64, count=len(ids)))
    names = [""] * len(vocab)
    for name, k in vocab.items():
        names[k] = name
    ptr = np.concatenate(([0], np.cumsum([len(b) for b in beads]))).astype(np.int64)
    return (ptr, np.concatenate(beads) if beads else np.zeros(0, dtype=np.int64)), names


def _best_per_key(keys: np.ndarray, scores: np.ndarray, keep: int) -> np.ndarray:
    """Mask of the ``keep`` best-scoring entries for each key."""
    order = np.lexsort((-scores, keys))
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
    rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    mask = np.zeros(len(keys), dtype=bool)
    mask[order[rank < keep]] = True
    return mask


def _pair_counts(src: Groups, tgt: Groups, src_frequent: np.ndarray, tgt_frequent: np.ndarray,
                 width: int, block: int = 1 << 16) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (source, target) co-occurrence codes and their bead counts.

    Only units seen in ``min_count`` beads can form a kept pair, so the others are dropped before
    pairing, and the raw pairs of consecutive beads are made and merged into the running counts
    about ``block`` at a time (or a quarter as many as there are distinct pairs so far, which
    bounds a merge's temporaries): the raw pairs of a whole book are many times its distinct
    pairs. Codes and counts are int32 where they fit. (A small array per bead, kept until the
    next merge, fragmented the heap: the learning rounds' peak.)
    """
    fits = len(src_frequent) * width < 2**31
    code_type: type[np.signedinteger[Any]] = np.int32 if fits else np.int64
    src_ptr, src_ids = _frequent_only(src, src_frequent, code_type)
    tgt_ptr, tgt_ids = _frequent_only(tgt, tgt_frequent, code_type)
    ends = np.cumsum(np.diff(src_ptr) * np.diff(tgt_ptr))  # raw pairs up to each bead
    table = [np.zeros(0, dtype=code_type), np.zeros(0, dtype=code_type)]  # codes, counts
    n_groups, first = len(src_ptr) - 1, 0
    while first < n_groups:
        done = int(ends[first - 1]) if first else 0
        limit = done + max(block, len(table[0]) // 4)
        stop = min(n_groups, max(first + 1, int(np.searchsorted(ends, limit, side="right"))))
        _merge_counts(table, _cross_codes((src_ptr, src_ids), (tgt_ptr, tgt_ids), first, stop,
                                          width))
        first = stop
    return table[0], table[1]


def _frequent_only(groups: Groups, frequent: np.ndarray,
                   code_type: type[np.signedinteger[Any]]) -> Groups:
    """The groups with only their ``frequent`` ids (as ``code_type``)."""
    ptr, ids = groups
    keep = frequent[ids]
    kept_before = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    return kept_before[ptr], ids[keep].astype(code_type)


def _cross_codes(src: Groups, tgt: Groups, first: int, stop: int, width: int) -> np.ndarray:
    """``source * width + target`` for every (source, target) pair of each group ``first`` to
    ``stop - 1`` (both sides' ids of the same group)."""
    (src_ptr, src_ids), (tgt_ptr, tgt_ids) = src, tgt
    src_sizes = np.diff(src_ptr[first:stop + 1])
    tgt_sizes = np.diff(tgt_ptr[first:stop + 1])
    partners = np.repeat(tgt_sizes, src_sizes)  # pairs made by each source entry
    sources = np.repeat(src_ids[src_ptr[first]:src_ptr[stop]], partners)
    target_start = np.repeat(np.repeat(tgt_ptr[first:stop], src_sizes), partners)
    target_start += np.arange(len(sources)) - np.repeat(np.cumsum(partners) - partners, partners)
    return sources * width + tgt_ids[target_start]


def _merge_counts(table: list[np.ndarray], new: np.ndarray) -> None:
    """Add one count for each code in ``new`` (sorted in place) to ``table``: its sorted
    distinct codes and their counts, replaced one after the other so that the old codes are
    freed before the new counts are made.

    The new codes are counted on their own and merged into the sorted running table by position
    (``np.unique`` over both, with its 64-bit index arrays, was the learning rounds' peak)."""
    codes, counts = table
    new = new.astype(codes.dtype, copy=False)
    new.sort()
    starts = np.flatnonzero(np.r_[True, new[1:] != new[:-1]]) if len(new) else np.zeros(0, int)
    new_counts = np.diff(np.r_[starts, len(new)]).astype(counts.dtype)
    new = new[starts]
    del starts
    at = np.searchsorted(codes, new)
    known = at < len(codes)
    known[known] = codes[at[known]] == new[known]
    counts[at[known]] += new_counts[known]
    fresh = ~known
    at, new, new_counts = at[fresh], new[fresh], new_counts[fresh]
    del codes, counts, known, fresh
    table[0] = np.insert(table[0], at, new)
    table[1] = np.insert(table[1], at, new_counts)


def _first_positions(flat: np.ndarray, block: int = 1 << 16) -> np.ndarray:
    """Position of the first occurrence of each value of ``flat`` (``len(flat)`` if none), found
    ``block`` entries at a time (``np.minimum.at`` with a 64-bit position per entry of a whole
    book was a learning round's peak)."""
    n = len(flat)
    first = np.full(int(flat.max()) + 1 if n else 0, n, dtype=np.int64)
    for start in range(0, n, block):
        values, where = np.unique(flat[start:start + block], return_index=True)
        first[values] = np.minimum(first[values], where + start)
    return first


def _index_ids(ptr: np.ndarray, flat: np.ndarray,
               block: int = 2048) -> tuple[Groups, np.ndarray]:
    """:func:`_index` for groups of integer keys (CSR, in text order): ids by first appearance
    (so ties break the same way), each group's distinct ids sorted; and each id's key.

    Groups are deduplicated ``block`` at a time (64-bit codes of a whole book's units were the
    learning rounds' peak); ids are int32 where they fit."""
    n = len(flat)
    first = _first_positions(flat)
    present = np.flatnonzero(first < n)
    keys = present[np.argsort(first[present], kind="stable")]
    del first
    new_id = np.full(int(keys.max()) + 1 if len(keys) else 0, -1, dtype=np.int64)
    new_id[keys] = np.arange(len(keys))
    width = max(len(keys), 1)
    id_type = np.int32 if width < 2**31 else np.int64
    sizes, ids = [], []
    for start in range(0, len(ptr) - 1, block):
        stop = min(start + block, len(ptr) - 1)
        owners = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(ptr[start:stop + 1]))
        codes = np.unique(owners * width + new_id[flat[ptr[start]:ptr[stop]]])
        sizes.append(np.bincount(codes // width - start, minlength=stop - start))
        ids.append((codes % width).astype(id_type))
    group_ptr = np.concatenate(([0], np.cumsum(np.concatenate(sizes)) if sizes else []))
    all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    return (group_ptr.astype(np.int64), all_ids), keys


def learn_id_pairs(src_ptr: np.ndarray, src_flat: np.ndarray, tgt_ptr: np.ndarray,
                   tgt_flat: np.ndarray, *, min_count: int = 2, min_dice: float = 0.3,
                   keep_per_word: int = 2) -> list[tuple[int, int]]:
    """:func:`learn_pairs` on integer unit ids: bead ``k``'s units (in text order) are
    ``src_flat[src_ptr[k]:src_ptr[k+1]]``; the same pairs, without a Python object per unit."""
    src, src_keys = _index_ids(src_ptr, src_flat)
    tgt, tgt_keys = _index_ids(tgt_ptr, tgt_flat)
    pairs = _associated(src, tgt, len(src_keys), len(tgt_keys), min_count, min_dice,
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


def _associated(src: Groups, tgt: Groups, n_src: int, n_tgt: int, min_count: int,
                min_dice: float, keep_per_word: int) -> list[tuple[int, int]]:
    """(source id, target id) pairs with enough co-occurrences and Dice, best per word."""
    if not n_src or not n_tgt:
        return []
    src_df = np.bincount(src[1], minlength=n_src)
    tgt_df = np.bincount(tgt[1], minlength=n_tgt)
    width = n_tgt
    pair_codes, pair_counts = _pair_counts(src, tgt, src_df >= min_count, tgt_df >= min_count,
                                           width)
    src_k, tgt_k, dice = _strong_pairs(pair_codes, pair_counts, src_df, tgt_df, width,
                                       min_count, min_dice)
    del pair_codes, pair_counts
    best = _best_per_key(src_k, dice, keep_per_word) & _best_per_key(tgt_k, dice, keep_per_word)
    return list(zip(src_k[best].tolist(), tgt_k[best].tolist(), strict=True))


def _strong_pairs(codes: np.ndarray, counts: np.ndarray, src_df: np.ndarray, tgt_df: np.ndarray,
                  width: int, min_count: int, min_dice: float,
                  block: int = 1 << 16) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source id, target id, Dice) of the pairs with ``min_count`` co-occurrences and
    ``min_dice``, in code order; computed ``block`` pairs at a time (64-bit temporaries over all
    distinct pairs of a book were the learning rounds' peak: in a repeated text every pair
    co-occurs more than once, so the count filter alone does not shrink them)."""
    src_parts, tgt_parts, dice_parts = [], [], []
    for start in range(0, len(codes), block):
        block_counts = counts[start:start + block]
        frequent = block_counts >= min_count
        block_codes, block_counts = codes[start:start + block][frequent], block_counts[frequent]
        src_k, tgt_k = block_codes // width, block_codes % width
        dice = 2.0 * block_counts.astype(np.int64) / (src_df[src_k] + tgt_df[tgt_k])
        keep = dice >= min_dice
        src_parts.append(src_k[keep])
        tgt_parts.append(tgt_k[keep])
        dice_parts.append(dice[keep])
    if not dice_parts:
        empty = np.zeros(0, dtype=codes.dtype)
        return empty, empty, np.zeros(0)
    return np.concatenate(src_parts), np.concatenate(tgt_parts), np.concatenate(dice_parts)
