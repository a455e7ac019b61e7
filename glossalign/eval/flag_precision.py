"""How often the report's low-confidence flag points at a bead the aligner really got wrong.

A predicted bead is *wrong* when it is not exactly a gold bead (the strict criterion of
:mod:`glossalign.eval.align_score`). The flag's precision is the share of flagged beads that are
wrong; its recall the share of wrong beads that are flagged. Flagging every bead would give the
base error rate as precision, so the table shows that rate beside it. Two flags are compared: the
aligner's confidence below a threshold, and the bead's score (the DP's log-odds of the bead)
below a threshold; the report uses the score (see ``report_view.DEFAULT_UNSURE_SCORE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossalign.eval.align_score import BeadPair
from glossalign.stage_data import Bead

CONFIDENCE_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
SCORE_THRESHOLDS = (-5.0, -4.0, -3.5, -3.0, -2.5, -2.0, -1.5, -1.0, 0.0)


@dataclass(frozen=True, slots=True)
class FlagScore:
    threshold: float
    beads: int
    wrong: int
    flagged: int
    flagged_wrong: int

    @property
    def precision(self) -> float:
        return self.flagged_wrong / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.flagged_wrong / self.wrong if self.wrong else 0.0

    @property
    def error_rate(self) -> float:
        return self.wrong / self.beads if self.beads else 0.0

    def f_half(self) -> float:
        """F0.5: precision counts twice as much as recall (a flag should be worth a look)."""
        p, r = self.precision, self.recall
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def flag_score(documents: Iterable[tuple[Sequence[Bead], Sequence[BeadPair]]],
               threshold: float, by: str = "confidence") -> FlagScore:
    """Pooled over documents of (predicted beads, gold beads); null-null beads are ignored.

    ``by``: the bead attribute compared with the threshold (``confidence`` or ``score``); a bead
    is flagged when it is below.
    """
    beads = wrong = flagged = flagged_wrong = 0
    for predicted, gold in documents:
        gold_set = set(gold)
        for bead in predicted:
            if not bead.src and not bead.tgt:
                continue
            is_wrong = (bead.src, bead.tgt) not in gold_set
            is_flagged = getattr(bead, by) < threshold
            beads += 1
            wrong += is_wrong
            flagged += is_flagged
            flagged_wrong += is_wrong and is_flagged
    return FlagScore(threshold, beads, wrong, flagged, flagged_wrong)


def best_threshold(scores: Sequence[FlagScore]) -> FlagScore:
    """The threshold with the best F0.5 (ties: the lower threshold, fewer flags)."""
    return max(scores, key=lambda s: (round(s.f_half(), 6), -s.threshold))
