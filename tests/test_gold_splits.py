"""The dev/test rule shared by every benchmark on the gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.eval.align_score import read_gold
from glossalign.eval.gold_splits import part_of_document, split_beads, split_documents

GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "align"

DOCUMENT_CASES = [
    (["003", "001", "002"], ("001", "002"), ("003",)),
    (["a", "b", "c", "d"], ("a", "b"), ("c", "d")),
    (["only"], ("only",), ()),
    ([], (), ()),
]


@pytest.mark.parametrize(("ids", "dev", "test"), DOCUMENT_CASES)
def test_documents_sorted_first_half_rounded_up_is_dev(ids: list[str], dev: tuple[str, ...],
                                                       test: tuple[str, ...]) -> None:
    assert split_documents(ids) == (dev, test)
    for name in ids:
        assert part_of_document(name, ids) == ("dev" if name in dev else "test")


def test_one_document_is_cut_after_half_of_its_beads() -> None:
    beads = [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), ()), ((4,), (3, 4))]
    split = split_beads(beads)
    assert (split.src_cut, split.tgt_cut) == (3, 3)
    assert split.dev_beads == tuple(beads[:3])
    assert split.test_beads == (((0,), ()), ((1,), (0, 1)))


def test_beads_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="document order"):
        split_beads([((0,), (5,)), ((1,), (0,))])


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold data not present")
def test_shared_sets_split_as_documented() -> None:
    textberg = [p.name for p in (GOLD / "textberg-de-fr" / "gold").iterdir()]
    assert split_documents(textberg) == (("001", "002", "003", "004"), ("005", "006", "007"))
    parice = [p.name for p in (GOLD / "parice-en-is" / "gold").iterdir()]
    assert len(split_documents(parice)[0]) == 5
    bible = read_gold(GOLD / "bible-en-zh" / "gold" / "001.align")
    split = split_beads(bible)
    assert len(split.dev_beads) == (len(bible) + 1) // 2
    assert len(split.dev_beads) + len(split.test_beads) == len(bible)
