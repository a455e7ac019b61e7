"""The one place glossalign reaches into sacrebleu's non-public API: sufficient statistics.

sacrebleu's public API returns scores only (chrF and TER scores do not even carry their counts),
but a corpus score is a function of the summed per-segment statistics. Batch scoring keeps each
document's statistics and sums them, so the corpus score of a thousand documents is exactly
sacrebleu's corpus score of their concatenation without re-tokenizing anything. That needs two
private methods of ``sacrebleu.metrics.base.Metric`` - the very two that ``corpus_score`` runs:

* ``_extract_corpus_statistics(hypotheses, references)`` -> one statistics list per segment;
* ``_compute_score_from_stats(stats)`` -> the score of (summed) statistics.

Both exist, with these signatures, from sacrebleu 2.0 to 2.6; pyproject pins ``sacrebleu>=2.4,<3``
and ``tests/test_sacrebleu_adapter.py`` fails with a clear message if an installed release lacks
them or computes different numbers through them than through ``corpus_score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sacrebleu.metrics.base import Metric, Score

SUPPORTED_VERSIONS = ">=2.4,<3"
PRIVATE_METHODS = ("_extract_corpus_statistics", "_compute_score_from_stats")


class SacrebleuAPIError(RuntimeError):
    """The installed sacrebleu lacks the statistics methods this adapter relies on."""


def require_statistics_api(metric: Metric | type[Metric] = Metric) -> None:
    """Raise :class:`SacrebleuAPIError`, naming the versions we support, if a method is gone."""
    missing = [name for name in PRIVATE_METHODS if not callable(getattr(metric, name, None))]
    if missing:
        import sacrebleu

        raise SacrebleuAPIError(
            f"sacrebleu {sacrebleu.__version__} has no {', '.join(missing)}; glossalign's batch "
            f"statistics need sacrebleu{SUPPORTED_VERSIONS} (pip install 'sacrebleu"
            f"{SUPPORTED_VERSIONS}')")


def corpus_statistics(metric: Metric, hypotheses: Sequence[str],
                      references: Sequence[Sequence[str]]) -> list[Any]:
    """The summed sufficient statistics of a corpus (``references``: one stream per reference).

    BLEU and chrF statistics are integer counts, TER's are floats (edits and reference length).
    """
    require_statistics_api(metric)
    per_segment = metric._extract_corpus_statistics(list(hypotheses), [list(r) for r in references])
    return _sum_columns(per_segment)


def score_from_statistics(metric: Metric, statistics: Sequence[Any]) -> Score:
    """The corpus score of (summed) statistics, as ``metric.corpus_score`` would compute it."""
    require_statistics_api(metric)
    return metric._compute_score_from_stats(list(statistics))


def _sum_columns(rows: Sequence[Sequence[Any]]) -> list[Any]:
    if not rows:
        raise ValueError("no segments to take statistics of")
    totals = [type(value)(0) for value in rows[0]]
    for row in rows:
        for index, value in enumerate(row):
            totals[index] += value
    return totals
