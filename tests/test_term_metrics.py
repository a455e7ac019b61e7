"""Terminology metrics: hand-computed cases for accuracy, forbidden renderings and consistency."""

from __future__ import annotations

import pytest

from glossalign.errors import InputError
from glossalign.eval.term_metrics import TermMetrics, term_metrics, token_f1
from glossalign.glossary.model import Term, TermBase

PREFERRED = "community with a shared future for mankind"
ADMITTED = "community with a shared future for humanity"
DEPRECATED = "community of destiny for mankind"
SUPERSEDED = "community of human destiny"


@pytest.fixture(scope="module")
def termbase() -> TermBase:
    return TermBase.from_terms([
        Term("mankind", "zh", "人类命运共同体", "preferred"),
        Term("mankind", "en", PREFERRED, "preferred"),
        Term("mankind", "en", ADMITTED, "admitted"),
        Term("mankind", "en", DEPRECATED, "deprecated"),
        Term("mankind", "en", SUPERSEDED, "superseded"),
        Term("ai", "zh", "人工智能", "preferred"),
        Term("ai", "zh", "人工智慧", "deprecated"),
        Term("ai", "en", "artificial intelligence", "preferred"),
        Term("ai", "en", "machine intelligence", "deprecated"),
    ])


def metrics(termbase: TermBase, src: list[str], hyp: list[str],
            src_lang: str = "zh", tgt_lang: str = "en") -> TermMetrics:
    return term_metrics(src, hyp, termbase, src_lang, tgt_lang)


def test_accuracy_forbidden_and_consistency_by_hand(termbase: TermBase) -> None:
    src = ["构建人类命运共同体。", "人类命运共同体。", "发展人工智能。"]
    hyp = [f"Build a {PREFERRED}.", f"The {DEPRECATED}.", "Develop artificial intelligence."]
    result = metrics(termbase, src, hyp)
    assert (result.term_occurrences, result.term_correct, result.term_forbidden) == (3, 2, 1)
    assert result.forbidden_renderings == 1
    assert result.term_accuracy == pytest.approx(2 / 3)
    assert result.forbidden_rate == pytest.approx(1 / 3)
    # mankind: stems {commun, of, destini, for, mankind} vs {commun, with, a, share, futur, for,
    # mankind}: 3 common, P = 3/5, R = 3/7, F1 = 0.5. ai occurs once: 1.0. Mean = 0.75.
    assert result.consistency_concepts == 2
    assert result.term_consistency == pytest.approx(0.75)


def test_admitted_rendering_counts_as_correct_and_scores_partial_consistency(
        termbase: TermBase) -> None:
    src = ["人类命运共同体", "人类命运共同体", "人类命运共同体"]
    hyp = [PREFERRED, ADMITTED, PREFERRED]
    result = metrics(termbase, src, hyp)
    assert result.term_accuracy == 1.0
    assert result.forbidden_rate == 0.0
    # later renderings: humanity variant F1 = 6/7 (6 of 7 stems shared), exact repeat F1 = 1.
    assert result.term_consistency == pytest.approx((6 / 7 + 1.0) / 2)


def test_each_target_rendering_serves_one_source_occurrence(termbase: TermBase) -> None:
    result = metrics(termbase, ["人类命运共同体和人类命运共同体"], [f"the {PREFERRED}"])
    assert (result.term_occurrences, result.term_correct, result.term_forbidden) == (2, 1, 0)


def test_correct_rendering_wins_over_a_forbidden_one_in_the_same_line(termbase: TermBase) -> None:
    result = metrics(termbase, ["人类命运共同体"], [f"{PREFERRED}, not {DEPRECATED}"])
    assert (result.term_correct, result.term_forbidden, result.forbidden_renderings) == (1, 0, 1)


def test_superseded_is_forbidden_and_missing_is_neither(termbase: TermBase) -> None:
    result = metrics(termbase, ["人类命运共同体", "人工智能"], [SUPERSEDED, "AI"])
    assert (result.term_occurrences, result.term_correct, result.term_forbidden) == (2, 0, 1)
    assert result.forbidden_rate == 0.5
    assert result.consistency_concepts == 1  # ai has no rendering: not counted


def test_forbidden_rendering_without_a_source_term(termbase: TermBase) -> None:
    result = metrics(termbase, ["你好"], [f"hello {DEPRECATED}"])
    assert result.term_occurrences == 0
    assert result.forbidden_renderings == 1
    # Nothing to measure: null with a reason, never a vacuous 1.0 that would pass a gate.
    assert result.as_dict()["term_accuracy"] is None
    assert result.as_dict()["forbidden_rate"] is None
    assert result.as_dict()["null_reasons"] == {
        "term_accuracy": "no glossary term occurs in the source",
        "forbidden_rate": "no glossary term occurs in the source",
        "term_consistency": "no glossary concept is rendered in the translation"}


def test_chinese_target_consistency_is_by_character(termbase: TermBase) -> None:
    src = ["We develop artificial intelligence.", "Artificial intelligence again.",
           "artificial intelligence"]
    hyp = ["发展人工智能。", "又是人工智慧。", "人工智能"]
    result = metrics(termbase, src, hyp, "en", "zh")
    assert (result.term_correct, result.term_forbidden) == (2, 1)
    # 人工智慧 vs 人工智能: 3 of 4 characters shared, F1 = 0.75; then an exact repeat: 1.0.
    assert result.term_consistency == pytest.approx((0.75 + 1.0) / 2)


def test_as_dict_has_rates_and_counts(termbase: TermBase) -> None:
    values = metrics(termbase, ["人类命运共同体"], [PREFERRED]).as_dict()
    assert {"term_accuracy", "forbidden_rate", "term_consistency", "term_occurrences",
            "forbidden_renderings"} <= set(values)
    assert all(isinstance(v, float) for v in values.values())


def test_mismatched_line_counts_are_an_input_error(termbase: TermBase) -> None:
    with pytest.raises(InputError, match="2 lines"):
        metrics(termbase, ["人类命运共同体"], ["a", "b"])


def test_combine_adds_counts_in_any_order() -> None:
    parts = [TermMetrics(3, 2, 1, 1, 0.1, 1), TermMetrics(2, 2, 0, 0, 0.2, 1),
             TermMetrics(0, 0, 0, 2, 0.7, 1)]
    forward, backward = TermMetrics.combine(parts), TermMetrics.combine(parts[::-1])
    assert forward == backward
    counts = (forward.term_occurrences, forward.term_correct, forward.forbidden_renderings)
    assert counts == (5, 4, 3)
    assert forward.term_consistency == pytest.approx(1.0 / 3)


@pytest.mark.parametrize(("candidate", "reference", "expected"), [
    ("a b c", "a b c", 1.0),
    ("a b", "a b c d", 2 * (1.0 * 0.5) / 1.5),
    ("x y", "a b", 0.0),
    ("a a b", "a b b", 2 / 3),
])
def test_token_f1(candidate: str, reference: str, expected: float) -> None:
    from collections import Counter

    assert token_f1(Counter(candidate.split()), Counter(reference.split())) == pytest.approx(
        expected)
