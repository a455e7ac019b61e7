"""The sacrebleu adapter: the private statistics API exists in the installed release, and scores
from summed statistics equal sacrebleu's own corpus scores."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from sacrebleu.metrics.base import Metric

from glossalign.eval import sacrebleu_adapter
from glossalign.eval.metrics import make_metrics
from glossalign.eval.sacrebleu_adapter import (
    PRIVATE_METHODS,
    SacrebleuAPIError,
    corpus_statistics,
    require_statistics_api,
    score_from_statistics,
)

HYPS = ["The cat sat on the mat.", "A dog barked loudly at night.", "It rains."]
REFS = ["The cat sat on the mat.", "The dog barked at night.", "It is raining."]
ZH_HYPS = ["构建网络空间命运共同体。", "我们讨论数字经济。"]
ZH_REFS = ["构建网络空间命运共同体。", "我们谈论数字经济的发展。"]


def test_installed_sacrebleu_is_in_the_supported_range() -> None:
    major, minor = (int(x) for x in re.findall(r"\d+", version("sacrebleu"))[:2])
    assert (2, 4) <= (major, minor) < (3, 0), (
        f"sacrebleu {version('sacrebleu')} is outside {sacrebleu_adapter.SUPPORTED_VERSIONS}: "
        "check eval/sacrebleu_adapter.py against its Metric class before widening the pin")


def test_private_statistics_api_is_present() -> None:
    missing = [name for name in PRIVATE_METHODS if not callable(getattr(Metric, name, None))]
    assert not missing, (
        f"sacrebleu {version('sacrebleu')} lacks {missing}: eval/sacrebleu_adapter.py needs a "
        "new way to get sufficient statistics")
    require_statistics_api()


def test_a_missing_method_is_a_clear_error() -> None:
    class Stripped:
        pass

    with pytest.raises(SacrebleuAPIError, match=r"sacrebleu>=2\.4,<3"):
        require_statistics_api(Stripped)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "hyps", "refs"), [("en", HYPS, REFS), ("zh", ZH_HYPS, ZH_REFS)])
def test_summed_statistics_give_the_corpus_score(lang: str, hyps: list[str],
                                                 refs: list[str]) -> None:
    for key, metric in make_metrics(lang).items():
        expected = metric.corpus_score(hyps, [refs]).score
        whole = corpus_statistics(metric, hyps, [refs])
        halves = [corpus_statistics(metric, hyps[:1], [refs[:1]]),
                  corpus_statistics(metric, hyps[1:], [refs[1:]])]
        summed = [a + b for a, b in zip(*halves, strict=True)]
        assert score_from_statistics(metric, whole).score == pytest.approx(expected), key
        assert score_from_statistics(metric, summed).score == pytest.approx(expected), key
