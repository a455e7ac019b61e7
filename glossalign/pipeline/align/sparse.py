"""Sparse sentence rows for the lexical scorer, and the two ways of scoring them.

Both sides share one column space: source units are columns ``0..n_src_units-1``, target units
follow. A source row holds its units (idf-weighted counts) and *offers* the target columns it can
translate into (0/1); a target row the reverse. For a bead, ``units . offers`` on both sides is the
matched weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def _range_positions(ptr: np.ndarray, starts: np.ndarray,
                     stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR rows ``starts[k]:stops[k]``: (k of each entry, the entry's position in the values)."""
    first, last = ptr[starts], ptr[stops]
    lengths = last - first
    owner = np.repeat(np.arange(len(starts)), lengths)
    offsets = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owner, np.repeat(first, lengths) + offsets


def expand_ranges(ptr: np.ndarray, values: np.ndarray, starts: np.ndarray,
                  stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR rows ``starts[k]:stops[k]`` of ``values``: (k of each value, the values)."""
    owner, positions = _range_positions(ptr, starts, stops)
    return owner, values[positions]


@dataclass(frozen=True, slots=True)
class SparseSide:
    """One side's sentences as two CSR tables: units (column, weight) and offered columns."""

    unit_ptr: np.ndarray
    unit_cols: np.ndarray
    unit_vals: np.ndarray
    offer_ptr: np.ndarray
    offer_cols: np.ndarray
    mass: np.ndarray  # weighted units per sentence (the similarity's denominator)
    mass_prefix: np.ndarray  # cumulative mass, length n + 1
    # Offers of the learnt dictionary, kept apart so that every learning round shares the base
    # table above (a sentence's offers are the union of both; duplicates do not count twice).
    learnt_ptr: np.ndarray | None = None
    learnt_cols: np.ndarray | None = None

    def units(self, starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                      np.ndarray]:
        """(group, column, weight) of the units of sentences ``starts[k]:stops[k]``."""
        owner, positions = _range_positions(self.unit_ptr, starts, stops)
        return owner, self.unit_cols[positions], self.unit_vals[positions]

    def offers(self, starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(group, offered column) of sentences ``starts[k]:stops[k]``, possibly repeated."""
        groups, columns = expand_ranges(self.offer_ptr, self.offer_cols, starts, stops)
        if self.learnt_ptr is None or self.learnt_cols is None:
            return groups, columns
        more_groups, more_columns = expand_ranges(self.learnt_ptr, self.learnt_cols, starts, stops)
        return np.concatenate((groups, more_groups)), np.concatenate((columns, more_columns))

    def mass_of(self, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        return self.mass_prefix[stops] - self.mass_prefix[starts]


def dense_pair(src: SparseSide, src_rows: tuple[int, int], tgt: SparseSide,
               tgt_rows: tuple[int, int], n_columns: int) -> tuple[np.ndarray, np.ndarray,
                                                                    np.ndarray]:
    """Both sides' rows as dense float32 matrices over the columns they share, and the columns."""
    parts = []
    for side, (start, stop) in ((src, src_rows), (tgt, tgt_rows)):
        rows = np.arange(start, stop)
        parts.append((stop - start, side.units(rows, rows + 1), side.offers(rows, rows + 1)))
    present = np.zeros((2, n_columns), dtype=bool)
    for k, (_, (_, unit_cols, _), (_, offer_cols)) in enumerate(parts):
        present[k, unit_cols] = True
        present[k, offer_cols] = True
    columns = np.flatnonzero(present[0] & present[1])
    local = np.full(n_columns, -1, dtype=np.int64)
    local[columns] = np.arange(len(columns))
    dense = []
    for n_rows, (unit_rows, unit_cols, unit_vals), (offer_rows, offer_cols) in parts:
        out = np.zeros((n_rows, len(columns)), dtype=np.float32)
        pos = local[offer_cols]
        out[offer_rows[pos >= 0], pos[pos >= 0]] = 1.0
        pos = local[unit_cols]
        out[unit_rows[pos >= 0], pos[pos >= 0]] = unit_vals[pos >= 0]
        dense.append(out)
    return dense[0], dense[1], columns


def span_sums(dense: np.ndarray, mass_prefix: np.ndarray, lo: int, offer_mask: np.ndarray,
              cells: tuple[int, int], max_span: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """For span sizes 1..max_span: (vectors, masses) of the spans ending at each cell.

    Units add up over a span's sentences; offers are a set (clipped to 1).
    """
    hi = lo + dense.shape[0]
    prefix = np.zeros((dense.shape[0] + 1, dense.shape[1]), dtype=np.float32)
    np.cumsum(dense, axis=0, out=prefix[1:])
    ends = np.clip(np.arange(cells[0], cells[1]) - lo, 0, hi - lo)
    out = []
    for size in range(1, max_span + 1):
        starts = np.maximum(ends - size, 0)
        vectors = prefix[ends] - prefix[starts]
        if size > 1:
            vectors[:, offer_mask] = np.minimum(vectors[:, offer_mask], 1.0)
        out.append((vectors, mass_prefix[ends + lo] - mass_prefix[starts + lo]))
    return out


def _matched(units: tuple[np.ndarray, np.ndarray, np.ndarray],
             offers: tuple[np.ndarray, np.ndarray], n_columns: int, n_groups: int) -> np.ndarray:
    unit_group, unit_cols, unit_vals = units
    offer_group, offer_cols = offers
    offered = np.sort(offer_group * n_columns + offer_cols)
    wanted = unit_group * n_columns + unit_cols
    position = np.minimum(np.searchsorted(offered, wanted), max(len(offered) - 1, 0))
    hit = (offered[position] == wanted) if len(offered) else np.zeros(len(wanted), dtype=bool)
    return np.bincount(unit_group[hit], weights=unit_vals[hit], minlength=n_groups)


def beads_similarity(src: SparseSide, tgt: SparseSide, beads: Sequence[tuple[int, int, int, int]],
                     n_columns: int, smoothing: float, block: int = 1024) -> np.ndarray:
    """Similarity of each bead ``(src_start, src_end, tgt_start, tgt_end)``, ``block`` at once."""
    table = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    out = np.zeros(len(table))
    for start in range(0, len(table), block):
        s0, s1, t0, t1 = table[start:start + block].T
        n = len(s0)
        matched = (_matched(src.units(s0, s1), tgt.offers(t0, t1), n_columns, n)
                   + _matched(tgt.units(t0, t1), src.offers(s0, s1), n_columns, n))
        out[start:start + n] = matched / (src.mass_of(s0, s1) + tgt.mass_of(t0, t1) + smoothing)
    return out
