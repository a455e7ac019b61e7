"""TER with shifts where edits on reference term tokens cost more (TERm, Alam et al. 2021).

sacrebleu's TER has no per-token costs, so this is written by hand. It follows the search of the
reference scorer's TER (pyter, Tanaka 2011), not sacrebleu's Tercom heuristics: every block of
hypothesis words that matches the reference at a different position is a shift candidate; the shift
that lowers the edit distance most is applied (ties go to the lexicographically largest shifted
sentence, as pyter's sort does) until no shift lowers it. Each shift costs 1.

Costs in the edit distance: a reference token left uncovered (deleted) or substituted costs
``term_cost`` when it is a term token and 1 otherwise; an extra hypothesis token costs 1. The
score is (shifts + weighted edit distance) / reference length.

All shift candidates of one step are scored together: the dynamic programme runs one hypothesis
row at a time over a (candidates x reference) array, and the in-row deletion chain is a running
minimum (``l[j] = C[j] + min_k<=j (row[k] - C[k])`` with C the cumulative deletion costs).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np


def term_weighted_ter(
    hyp_tokens: Sequence[str],
    ref_tokens: Sequence[str],
    term_positions: Collection[int] = (),
    *,
    term_cost: float = 2.0,
) -> float:
    """TERm of one segment: (shifts + weighted edits) / number of reference tokens.

    ``term_positions`` are 0-based reference token indices that belong to terms. An empty
    reference scores 0.0 against an empty hypothesis and 1.0 otherwise.
    """
    if not ref_tokens:
        return 0.0 if not hyp_tokens else 1.0
    vocabulary: dict[str, int] = {}
    ref_ids = np.array([vocabulary.setdefault(t, len(vocabulary)) for t in ref_tokens])
    hyp_ids = [vocabulary.setdefault(t, len(vocabulary)) for t in hyp_tokens]
    costs = np.ones(len(ref_tokens), dtype=np.float64)
    for position in term_positions:
        if 0 <= position < len(ref_tokens):
            costs[position] = term_cost
    words_by_id = {index: word for word, index in vocabulary.items()}
    ref_list = ref_ids.tolist()
    shifts = 0
    distance = float(batch_edit_distance(np.array([hyp_ids]), ref_ids, costs)[0])
    while True:
        candidates = shift_candidates(hyp_ids, ref_list)
        if not candidates:
            break
        scores = batch_edit_distance(np.array(candidates), ref_ids, costs)
        best = _best_shift(candidates, scores, distance, words_by_id)
        if best is None:
            break
        shifts += 1
        hyp_ids = candidates[best]
        distance = float(scores[best])
    return (shifts + distance) / len(ref_tokens)


def batch_edit_distance(hyps: np.ndarray, ref: np.ndarray, costs: np.ndarray) -> np.ndarray:
    """Weighted Levenshtein distance of each row of ``hyps`` (same length) against ``ref``."""
    n_candidates = hyps.shape[0]
    cumulative = np.concatenate(([0.0], np.cumsum(costs)))
    previous = np.broadcast_to(cumulative, (n_candidates, cumulative.size)).copy()
    for i in range(hyps.shape[1]):
        mismatch = hyps[:, i : i + 1] != ref[None, :]
        substitute = previous[:, :-1] + mismatch * costs[None, :]
        extra_word = previous[:, 1:] + 1.0
        row = np.empty_like(previous)
        row[:, 0] = previous[:, 0] + 1.0
        row[:, 1:] = np.minimum(substitute, extra_word)
        previous = np.minimum.accumulate(row - cumulative, axis=1) + cumulative
    return previous[:, -1]


def shift_candidates(hyp: list[int], ref: list[int]) -> list[list[int]]:
    """Every hypothesis obtained by moving a maximal matching block to its reference position."""
    candidates: list[list[int]] = []
    for start_h, word in enumerate(hyp):
        for start_r, ref_word in enumerate(ref):
            if start_h == start_r or word != ref_word:
                continue
            length = 1
            while (
                start_h + length < len(hyp)
                and start_r + length < len(ref)
                and hyp[start_h + length] == ref[start_r + length]
            ):
                length += 1
            shifted = hyp[:start_h] + hyp[start_h + length :]
            shifted[start_r:start_r] = hyp[start_h : start_h + length]
            candidates.append(shifted)
    return candidates


def _best_shift(
    candidates: list[list[int]],
    scores: np.ndarray,
    distance: float,
    words_by_id: dict[int, str],
) -> int | None:
    gains = distance - scores
    best_gain = float(gains.max())
    if best_gain <= 0:
        return None
    tied = np.flatnonzero(gains == best_gain)
    if tied.size == 1:
        return int(tied[0])
    # pyter sorts (gain, shifted words) and takes the last: the largest word list wins a tie.
    return int(max(tied, key=lambda k: [words_by_id[t] for t in candidates[k]]))
