"""Alignment metrics on hand-made cases with hand-computed values, and on the gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.errors import InputError
from glossalign.eval.align_score import (
    merge_verse_beads,
    parse_bead_pair,
    read_gold,
    score_paper,
    score_strict_lax,
)

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3,))]
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,))]


def test_strict_lax_hand_computed() -> None:
    # Precision: strict hits (0)(0), ()(2), (3)(3) of 5; lax adds (1)(1) (src 1 links tgt 1 in
    # gold); the predicted null (2)() can only hit strictly. Recall (nulls dropped): gold
    # (0)(0), (3)(3) exact, (1,2)(1) only lax -> 2/3 strict, 3/3 lax.
    score = score_strict_lax([GOLD], [TEST])
    assert score.precision_strict == pytest.approx(3 / 5)
    assert score.precision_lax == pytest.approx(4 / 5)
    assert score.recall_strict == pytest.approx(2 / 3)
    assert score.recall_lax == pytest.approx(1.0)
    assert score.f1_strict == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert score.f1_lax == pytest.approx(2 * 0.8 / 1.8)


def test_paper_metric_hand_computed() -> None:
    score = score_paper([GOLD], [TEST])
    assert (score.matches, score.predicted, score.gold) == (3, 5, 4)
    assert score.precision == pytest.approx(0.6)
    assert score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_counts_are_pooled_over_documents() -> None:
    perfect = [((0,), (0,)), ((1,), (1,))]
    wrong = [((0,), (1,)), ((1,), (0,))]
    pooled = score_paper([perfect, perfect], [perfect, wrong])
    assert pooled.precision == pytest.approx(0.5)
    assert score_strict_lax([perfect, perfect], [perfect, wrong]).f1_strict == pytest.approx(0.5)


def test_gold_against_itself_is_perfect() -> None:
    assert score_paper([GOLD], [GOLD]).f1 == 1.0
    strict = score_strict_lax([GOLD], [GOLD])
    assert strict.f1_strict == strict.f1_lax == 1.0


def test_empty_prediction_scores_zero() -> None:
    assert score_paper([GOLD], [[]]).f1 == 0.0
    assert score_strict_lax([GOLD], [[]]).f1_strict == 0.0


def test_verse_merge_joins_beads_inside_one_verse() -> None:
    src_verses = ["A", "A", "B"]
    tgt_verses = ["A", "A", "B", "B"]
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,))]
    assert merge_verse_beads(beads, src_verses, tgt_verses) == [((0, 1), (0, 1)),
                                                                ((2,), (2, 3))]


def test_verse_merge_keeps_beads_that_straddle_verses() -> None:
    src_verses = ["A", "B", "B"]
    tgt_verses = ["A", "B", "B"]
    beads = [((0, 1), (0,)), ((2,), (1,)), ((), (2,))]
    # The first bead straddles A/B (no verse); the next two lie in B and merge.
    assert merge_verse_beads(beads, src_verses, tgt_verses) == [((0, 1), (0,)), ((2,), (1, 2))]


def test_parse_bead_pair_accepts_scores_and_spaces() -> None:
    assert parse_bead_pair("[0, 1]:[2]:0.25") == ((0, 1), (2,))
    assert parse_bead_pair("[]:[5]") == ((), (5,))
    with pytest.raises(InputError):
        parse_bead_pair("0-1")


def test_read_gold_drops_ids_past_the_end(tmp_path: Path) -> None:
    gold = tmp_path / "u_1.txt"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n[41]:[]\n", encoding="utf-8")
    assert read_gold(gold, src_count=41, tgt_count=2) == [((0,), (0,)), ((1, 2), (1,))]
    bad = tmp_path / "bad.txt"
    bad.write_text("[0]:[0]\n[x]:[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt:2"):
        read_gold(bad)


def test_each_gold_set_scores_itself_perfectly(shared_dir: Path) -> None:
    from glossalign.eval.bench_align import SETS, load_set

    for name in SETS:
        docs = list(load_set(name, shared_dir / "eval" / "align"))
        golds = [doc.gold for doc in docs]
        assert score_paper(golds, golds).f1 == 1.0
        assert score_strict_lax(golds, golds).f1_strict == 1.0


def test_benchmark_table_for_one_set(shared_dir: Path) -> None:
    from glossalign.eval.bench_align import run_benchmark

    report = run_benchmark(["parice"], shared_dir / "eval" / "align", ("gc", "lexical"),
                           costs=False)
    rows = [line for line in report.splitlines() if line.startswith("| parice")]
    assert len(rows) == 2 and "Gale-Church" in rows[0] and "lexical" in rows[1]
    dev_f1, test_f1, all_f1 = (float(v) for v in rows[1].split("|")[4].split("/"))
    assert min(dev_f1, test_f1, all_f1) > 0.8
    assert "- parice lexical all strict F1" in report  # targets are computed, not written
