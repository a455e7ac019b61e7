"""Paired significance tests of several systems against the first, through sacrebleu.

Both of sacrebleu's tests are run: paired bootstrap resampling (``bs``, Koehn 2004) and approximate
randomization (``ar``, Riezler & Maxwell 2005), for BLEU, chrF++ and TER. Confidence intervals are
sacrebleu's bootstrap estimates (mean +- half-width of the 95% interval); for ``ar`` they come from
``n_ar_confidence`` extra bootstrap resamples.

One correction to sacrebleu: it counts resampled differences strictly greater than the observed
one, so a system identical to the baseline (observed difference 0, every resample 0) gets
p = 1/(n+1) and looks significant. Identical output is reported with p = 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sacrebleu.significance import PairedTest, Result

from glossalign.environment import scoped_environ
from glossalign.errors import UsageError
from glossalign.eval.metrics import check_line_counts, make_metrics

TEST_TYPES = ("bs", "ar")
DEFAULT_SEED = 12345


@dataclass(frozen=True, slots=True)
class SystemSignificance:
    """One system's score on one metric; ``p_value`` is None for the baseline."""

    system: str
    score: float
    p_value: float | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "score": self.score,
            "p_value": self.p_value,
            "mean": self.mean,
            "ci_95": None if self.ci_low is None else [self.ci_low, self.ci_high],
        }


@dataclass(frozen=True, slots=True)
class MetricSignificance:
    """One test on one metric, baseline first."""

    metric: str
    test: str
    signature: str
    systems: tuple[SystemSignificance, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "test": self.test,
            "signature": self.signature,
            "systems": [system.to_json() for system in self.systems],
        }


def paired_significance(
    systems: Sequence[tuple[str, list[str]]],
    refs: list[list[str]],
    tgt_lang: str,
    *,
    test_type: str = "bs",
    n_samples: int = 0,
    n_ar_confidence: int = 1000,
    seed: int = DEFAULT_SEED,
    bleu_tokenize: str | None = None,
) -> list[MetricSignificance]:
    """Compare every system with the first one (the baseline) on BLEU, chrF++ and TER.

    ``n_samples`` 0 means sacrebleu's defaults (1000 resamples for bs, 10000 trials for ar).
    """
    _check_arguments(systems, refs, test_type, seed)
    metrics = make_metrics(tgt_lang, bleu_tokenize=bleu_tokenize)
    # sacrebleu reads its seed from SACREBLEU_SEED (baseline CI included): pinned for the test.
    with scoped_environ(SACREBLEU_SEED=str(seed)):
        test = PairedTest(
            list(systems),
            metrics,
            references=refs,
            test_type=test_type,
            n_samples=n_samples,
            n_ar_confidence=n_ar_confidence if test_type == "ar" else -1,
        )
        signatures, scores = test()
    names = [str(name) for name in scores["System"]]
    same_as_baseline = [hyps == systems[0][1] for _, hyps in systems]
    results: list[MetricSignificance] = []
    # sacrebleu keys its output by score name (BLEU, chrF2++, TER) in the order of `metrics`.
    for key, score_name in zip(metrics, list(signatures), strict=True):
        rows = tuple(
            _system_result(name, result, identical and index > 0)
            for index, (name, result, identical) in enumerate(
                zip(names, scores[score_name], same_as_baseline, strict=True)
            )
        )
        results.append(MetricSignificance(key, test_type, str(signatures[score_name]), rows))
    return results


def significance_tests(
    systems: Sequence[tuple[str, list[str]]],
    refs: list[list[str]],
    tgt_lang: str,
    *,
    seed: int = DEFAULT_SEED,
    bleu_tokenize: str | None = None,
) -> list[MetricSignificance]:
    """Both tests (paired bootstrap, then approximate randomization) with their defaults."""
    results: list[MetricSignificance] = []
    for test_type in TEST_TYPES:
        results.extend(
            paired_significance(
                systems, refs, tgt_lang, test_type=test_type, seed=seed,
                bleu_tokenize=bleu_tokenize,
            )
        )
    return results


def _system_result(name: str, result: Any, same_as_baseline: bool) -> SystemSignificance:
    if not isinstance(result, Result):
        raise TypeError(f"unexpected sacrebleu result {result!r}")
    low = high = None
    if result.mean is not None and result.ci is not None:
        low, high = float(result.mean - result.ci), float(result.mean + result.ci)
    row = SystemSignificance(
        system=name,
        score=float(result.score),
        p_value=None if result.p_value is None else float(result.p_value),
        mean=None if result.mean is None else float(result.mean),
        ci_low=low,
        ci_high=high,
    )
    return replace(row, p_value=1.0) if same_as_baseline else row


def _check_arguments(
    systems: Sequence[tuple[str, list[str]]], refs: list[list[str]], test_type: str, seed: int
) -> None:
    if test_type not in TEST_TYPES:
        raise UsageError(f"unknown significance test {test_type!r}; use one of {TEST_TYPES}")
    if len(systems) < 2:
        raise UsageError("significance tests need at least two systems")
    if seed <= 0:
        # sacrebleu treats a seed of 0 as "no seed" and draws from the OS.
        raise UsageError("the significance seed must be a positive integer")
    for name, hyps in systems:
        check_line_counts(hyps, refs, hyp_name=name)
