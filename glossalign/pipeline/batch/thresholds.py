"""Release gates on a batch summary: ``--fail-under``, ``--fail-over``, ``--max-findings``.

Metric thresholds apply to every language pair of the summary (with one pair, that is the corpus);
finding and bad-row limits apply to the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glossalign.errors import UsageError
from glossalign.eval.term_metrics import RATE_NAMES
from glossalign.pipeline.batch.document import SEVERITIES

HIGHER_IS_BETTER = ("bleu", "chrf", "term_accuracy", "term_consistency")
LOWER_IS_BETTER = ("ter", "forbidden_rate")
ALIASES = {"chrf++": "chrf", "chrf2": "chrf"}


@dataclass(frozen=True, slots=True)
class Threshold:
    """``metric`` must be >= ``limit`` (kind ``min``) or <= ``limit`` (kind ``max``)."""

    metric: str
    limit: float
    kind: str

    @property
    def needs_glossary(self) -> bool:
        return self.metric in RATE_NAMES


@dataclass(frozen=True, slots=True)
class ThresholdCheck:
    threshold: Threshold
    scope: str  # a language pair, or "findings" / "documents" for totals
    value: float | None
    passed: bool
    reason: str | None = None  # why the value is missing (None: nothing to measure)

    def message(self) -> str:
        t = self.threshold
        relation = ">=" if t.kind == "min" else "<="
        value = f"{self.value:g}" if self.value is not None else (
            f"null ({self.reason})" if self.reason else "not available")
        verdict = "ok" if self.passed else "FAILED"
        return f"{verdict}: {self.scope} {t.metric} = {value} (required {relation} {t.limit:g})"


def parse_fail_under(text: str | None) -> list[Threshold]:
    """``bleu=30,term_accuracy=0.95`` -> minimum thresholds; UsageError names the known metrics."""
    return [Threshold(name, limit, "min")
            for name, limit in _pairs(text, "--fail-under", HIGHER_IS_BETTER, LOWER_IS_BETTER,
                                      "--fail-over")]


def parse_fail_over(text: str | None) -> list[Threshold]:
    """``ter=60,forbidden_rate=0.01`` -> maximum thresholds (metrics where lower is better)."""
    return [Threshold(name, limit, "max")
            for name, limit in _pairs(text, "--fail-over", LOWER_IS_BETTER, HIGHER_IS_BETTER,
                                      "--fail-under")]


def parse_max_findings(text: str | None) -> list[Threshold]:
    """``error=0,warning=20`` -> maximum numbers of findings per severity over the batch."""
    return [Threshold(f"findings_{name}", limit, "max")
            for name, limit in _pairs(text, "--max-findings", SEVERITIES, (), "")]


def _pairs(text: str | None, option: str, known: tuple[str, ...], other: tuple[str, ...],
           other_option: str) -> list[tuple[str, float]]:
    if not text:
        return []
    pairs = []
    for item in text.split(","):
        name, sep, value = item.partition("=")
        name = ALIASES.get(name.strip().lower(), name.strip().lower())
        if name in other:
            raise UsageError(f"{option}: {name} is checked with {other_option}")
        if name not in known:
            raise UsageError(f"{option}: unknown name {name!r} in {item.strip()!r}; "
                             f"known: {', '.join(known)}")
        try:
            limit = float(value)
        except ValueError:
            raise UsageError(f"{option}: expected NAME=NUMBER, not {item.strip()!r}") from None
        if not sep or limit != limit:
            raise UsageError(f"{option}: expected NAME=NUMBER, not {item.strip()!r}")
        if limit < 0:  # no score or count is below 0: the threshold would always hold or fail
            raise UsageError(f"{option}: {item.strip()!r} is negative; limits are 0 or more")
        pairs.append((name, limit))
    return pairs


def check_thresholds(summary: dict[str, Any], thresholds: list[Threshold],
                     max_bad_rows: int | None = None) -> list[ThresholdCheck]:
    """Every threshold checked; a metric a pair does not have (no glossary) fails."""
    checks: list[ThresholdCheck] = []
    for threshold in thresholds:
        if threshold.metric.startswith("findings_"):
            severity = threshold.metric.removeprefix("findings_")
            value = float(summary["corpus"]["findings"][severity])
            checks.append(_check(threshold, "all documents", value))
            continue
        pairs = summary["pairs"] or {"corpus": summary["corpus"]}
        for pair, metrics in pairs.items():
            reason = (metrics.get("null_reasons") or {}).get(threshold.metric)
            checks.append(_check(threshold, pair, metrics.get(threshold.metric), reason))
    if max_bad_rows is not None:
        limit = Threshold("bad_rows", float(max_bad_rows), "max")
        checks.append(_check(limit, "all documents", float(summary["errors"])))
    return checks


def _check(threshold: Threshold, scope: str, value: float | None,
           reason: str | None = None) -> ThresholdCheck:
    if value is None:  # nothing measured never passes a gate
        return ThresholdCheck(threshold, scope, None, False, reason)
    passed = value >= threshold.limit if threshold.kind == "min" else value <= threshold.limit
    return ThresholdCheck(threshold, scope, value, passed)
