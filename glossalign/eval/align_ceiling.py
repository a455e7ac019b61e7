"""How high can a monotone sentence aligner score on a gold set? (an upper bound, not a system)

    python -m glossalign.eval.align_ceiling [--sets textberg,parice] [--max-side 6] [--data DIR]

Gold beads may be non-contiguous (``[51]:[50, 55]``) or cross each other; a DP aligner, ours and
every published one, only produces contiguous beads in document order. This finds, per document,
the monotone alignment of contiguous beads (each side at most ``max_side`` sentences, plus 1-0 and
0-1) that maximises ``matches - penalty * wrong beads`` against the gold beads, for a few
penalties, and reports the best strict F1 (Vecalign's metric) over the dev and test parts of
:mod:`glossalign.eval.gold_splits`. It tells how much of a gap to a target any scorer could close.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from glossalign.eval.align_score import BeadPair, score_strict_lax
from glossalign.eval.gold_splits import PARTS
from glossalign.eval.table_output import emit

PENALTIES = (0.0, 0.5, 1.0)


def best_monotone_beads(gold: Sequence[BeadPair], n_src: int, n_tgt: int, *,
                        max_side: int = 6, penalty: float = 1.0) -> list[BeadPair]:
    """The monotone, contiguous alignment of ``n_src`` x ``n_tgt`` sentences with the most gold
    beads (each wrong bead costs ``penalty`` matches)."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold}
    moves = [(a, b) for a in range(max_side + 1) for b in range(max_side + 1)
             if (a, b) not in ((0, 0),) and not (a == 0 and b > 1) and not (b == 0 and a > 1)]
    unset = float("-inf")
    score = [[unset] * (n_tgt + 1) for _ in range(n_src + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (n_tgt + 1) for _ in range(n_src + 1)]
    score[0][0] = 0.0
    for i in range(n_src + 1):
        for j in range(n_tgt + 1):
            here = score[i][j]
            if here == unset:
                continue
            for a, b in moves:
                ni, nj = i + a, j + b
                if ni > n_src or nj > n_tgt:
                    continue
                bead = (tuple(range(i, ni)), tuple(range(j, nj)))
                value = here + (1.0 if bead in gold_set else -penalty)
                if value > score[ni][nj]:
                    score[ni][nj], back[ni][nj] = value, (i, j)
    beads: list[BeadPair] = []
    i, j = n_src, n_tgt
    while (i, j) != (0, 0):
        previous = back[i][j]
        assert previous is not None  # every cell is reachable by 1-0 and 0-1 moves
        beads.append((tuple(range(previous[0], i)), tuple(range(previous[1], j))))
        i, j = previous
    beads.reverse()
    return beads


def ceiling(documents: Sequence[tuple[Sequence[BeadPair], int, int]], max_side: int = 6) -> float:
    """Best strict F1 over :data:`PENALTIES` of the documents' best monotone alignments."""
    if not documents:
        return float("nan")
    best = 0.0
    for penalty in PENALTIES:
        tests = [best_monotone_beads(gold, n_src, n_tgt, max_side=max_side, penalty=penalty)
                 for gold, n_src, n_tgt in documents]
        golds = [gold for gold, _, _ in documents]
        best = max(best, score_strict_lax(golds, tests).f1_strict)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    from glossalign.eval.bench_align import DEFAULT_DATA, load_set

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="textberg,parice",
                        help="comma-separated multi-document gold sets (default: textberg,parice)")
    parser.add_argument("--max-side", type=int, default=6,
                        help="largest side of a bead, in sentences (default: 6)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of the gold sets (default: {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    lines = ["| set | strict F1 ceiling dev / test / all |", "|---|---|"]
    for name in (s.strip() for s in args.sets.split(",") if s.strip()):
        docs = list(load_set(name, args.data))
        if any(d.part not in PARTS for d in docs):
            parser.error(f"{name}: one-document sets (split by halves) are not supported")
        parts = {part: [(d.gold, len(d.src), len(d.tgt)) for d in docs if d.part == part]
                 for part in PARTS}
        parts["all"] = [(d.gold, len(d.src), len(d.tgt)) for d in docs]
        values = " / ".join(f"{ceiling(parts[p], args.max_side):.3f}" for p in (*PARTS, "all"))
        lines.append(f"| {name} | {values} |")
    for line in lines:
        emit(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
