"""Is an alignment believable at all? A guard against false clean results.

An aligner always returns *some* path: given an unrelated translation, a wrong language code or an
empty file it pairs sentences with nothing (null beads) or pairs them with near-zero confidence,
and a term check over such an alignment finds little and passes. Two signs say the alignment is
implausible: most beads null (a side without counterpart), or confidence near zero throughout.

The thresholds were read off the three gold sets (``../shared/eval/align``): correct alignments
have at most 20 % null beads and a mean confidence of 0.25 or more (en-is, the weakest
dictionary); a wrong source language on en-zh gives 0.10 and on en-is 0.06.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glossalign.stage_data import Alignment, Bead

MAX_NULL_SHARE = 0.5
MIN_MEAN_CONFIDENCE = 0.12
MIN_BEADS_FOR_CONFIDENCE = 5


@dataclass(frozen=True, slots=True)
class Plausibility:
    """The verdict on one alignment, with the numbers behind it."""

    plausible: bool
    beads: int
    null_beads: int
    mean_confidence: float | None  # over beads with both sides; None when there is none
    reason: str | None = None

    @property
    def null_share(self) -> float:
        return self.null_beads / self.beads if self.beads else 0.0

    def as_json(self) -> dict[str, Any]:
        return {"plausible": self.plausible, "beads": self.beads, "null_beads": self.null_beads,
                "null_share": round(self.null_share, 4),
                "mean_confidence": (round(self.mean_confidence, 4)
                                    if self.mean_confidence is not None else None),
                "reason": self.reason}


def _has_text(alignment: Alignment, bead: Bead) -> bool:
    """Whether either side of the bead has a character that is not white space (what
    ``bead_texts`` joined and stripped would say, without joining: a check asks per bead)."""
    src, tgt = alignment.src_segments, alignment.tgt_segments
    return (any(src[i].text and not src[i].text.isspace() for i in bead.src)
            or any(tgt[i].text and not tgt[i].text.isspace() for i in bead.tgt))


def assess_alignment(alignment: Alignment, *, max_null_share: float = MAX_NULL_SHARE,
                     min_mean_confidence: float = MIN_MEAN_CONFIDENCE,
                     min_beads: int = MIN_BEADS_FOR_CONFIDENCE) -> Plausibility:
    """Judge a two-sided alignment (beads with text only); a one-sided one is always plausible."""
    beads = [b for b in alignment.beads if _has_text(alignment, b)]
    null = sum(1 for b in beads if not b.src or not b.tgt)
    linked = [b.confidence for b in beads if b.src and b.tgt]
    mean = sum(linked) / len(linked) if linked else None
    if not alignment.src_segments or not beads:
        return Plausibility(True, len(beads), null, mean)
    if null / len(beads) > max_null_share:
        reason = (f"{null} of {len(beads)} beads pair a sentence with nothing; the translation "
                  "looks empty, unrelated, or given with the wrong language")
        return Plausibility(False, len(beads), null, mean, reason)
    if mean is not None and len(linked) >= min_beads and mean < min_mean_confidence:
        reason = (f"alignment confidence is near zero throughout (mean {mean:.2f} over "
                  f"{len(linked)} beads); check the language codes and that the files match")
        return Plausibility(False, len(beads), null, mean, reason)
    return Plausibility(True, len(beads), null, mean)
