"""Dev/test splits of the shared gold sets: tune on dev only, report both.

One rule for every benchmark that reads ``../shared/eval/`` (alignment, segmentation):

- a set of several documents is split **by document**: the document ids sorted, the first half
  (rounded up) is dev, the rest test (Text+Berg: 001-004 dev, 005-007 test; ParIce: the first five
  file names dev);
- a set of one document is split **by halves of its gold beads**: the first ``ceil(n / 2)`` beads
  are dev, the rest test, and the sentences follow their beads (Bible: Genesis 1.. up to the cut).

Nothing here reads files: callers pass ids and beads, so the rule stays the same for every reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
PARTS = ("dev", "test")


def split_documents(document_ids: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(dev ids, test ids): sorted ids, the first half rounded up is dev."""
    ordered = sorted(document_ids)
    cut = (len(ordered) + 1) // 2
    return tuple(ordered[:cut]), tuple(ordered[cut:])


def part_of_document(document_id: str, document_ids: Sequence[str]) -> str:
    """"dev" or "test" for one document of a multi-document set."""
    dev, _ = split_documents(document_ids)
    return "dev" if document_id in dev else "test"


@dataclass(frozen=True, slots=True)
class HalfSplit:
    """A one-document set cut in two: sentences ``[0, src_cut)`` / ``[0, tgt_cut)`` are dev.

    ``test_beads`` are renumbered so that sentence ``src_cut`` of the document is 0 in the test
    half (the test half is a document of its own).
    """

    src_cut: int
    tgt_cut: int
    dev_beads: tuple[BeadPair, ...]
    test_beads: tuple[BeadPair, ...]


def split_beads(beads: Sequence[BeadPair]) -> HalfSplit:
    """Cut after the first ``ceil(n / 2)`` gold beads (which must be in document order)."""
    cut = (len(beads) + 1) // 2
    dev, test = tuple(beads[:cut]), tuple(beads[cut:])
    src_cut = 1 + max((i for src, _ in dev for i in src), default=-1)
    tgt_cut = 1 + max((j for _, tgt in dev for j in tgt), default=-1)
    if any(i < src_cut for src, _ in test for i in src) or any(
            j < tgt_cut for _, tgt in test for j in tgt):
        raise ValueError("gold beads are not in document order; cannot cut them in halves")
    shifted = tuple((tuple(i - src_cut for i in src), tuple(j - tgt_cut for j in tgt))
                    for src, tgt in test)
    return HalfSplit(src_cut, tgt_cut, dev, shifted)
