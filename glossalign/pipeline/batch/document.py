"""The per-document pipeline of a batch: the same stages as the single-document commands.

Read the three texts, pair them line by line, check the glossary (``check_alignment``), score with
sacrebleu keeping its sufficient statistics, compute the terminology metrics. A document that
cannot be scored (missing file, bad UTF-8, line counts that differ, no language) becomes a row with
``status: "error"`` and a one-line reason; it never stops the batch.

:func:`score_batch` takes and returns columnar batches (``dict[str, list]``), the shape
``datasets.Dataset.map(batched=True)`` uses, so one function serves every engine.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sacrebleu.metrics.base import Metric

from glossalign.corpora.readers import pair_segments, read_text, split_lines
from glossalign.errors import GlossalignError, InputError
from glossalign.eval.metrics import make_metrics
from glossalign.eval.sacrebleu_adapter import corpus_statistics, score_from_statistics
from glossalign.eval.term_metrics import TermMetrics, term_metrics_from_hits
from glossalign.glossary.checks import RULES, Rule
from glossalign.glossary.model import TermBase
from glossalign.pipeline.batch.manifest import SIDES
from glossalign.pipeline.batch.results import RESULT_COLUMNS
from glossalign.pipeline.check import check_alignment
from glossalign.pipeline.triage import IgnoreEntry, triage
from glossalign.stage_data import Segment

logger = logging.getLogger(__name__)

Batch = dict[str, list[Any]]
# Result columns for the three sacrebleu metrics, and make_metrics' key for each.
SACREBLEU_COLUMNS = {"bleu": "bleu", "chrf": "chrf++", "ter": "ter"}
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What every document needs besides its own row; shipped once to each worker."""

    base_dir: str
    termbase: TermBase | None = None
    rules: tuple[Rule, ...] = RULES  # from --config
    ignores: tuple[IgnoreEntry, ...] = ()  # accepted findings, not counted


@dataclass(frozen=True, slots=True)
class DocumentTexts:
    source: list[str]
    hypothesis: list[str]
    reference: list[str]
    paths: dict[str, str]


def score_batch(batch: Batch, context: DocumentContext) -> Batch:
    """Result rows (columnar) for a columnar batch of manifest rows."""
    return columns_of([score_row(row, context) for row in batch_rows(batch)])


def batch_rows(batch: Batch) -> list[dict[str, Any]]:
    """A columnar batch as one dict per row."""
    names = list(batch)
    return [dict(zip(names, values, strict=True)) for values in zip(*batch.values(), strict=True)]


def columns_of(rows: list[dict[str, Any]]) -> Batch:
    """Rows with the same keys as one columnar batch."""
    return {key: [row[key] for row in rows] for key in (rows[0] if rows else {})}


def score_row(row: dict[str, Any], context: DocumentContext) -> dict[str, Any]:
    """One document's result row; a bad document gives an error row instead of an exception."""
    try:
        return score_document(row, context)
    except GlossalignError as exc:
        return error_row(row, exc.one_line())
    except MemoryError:
        pass  # the error row is made below, once the failed frames (and their memory) are gone
    except Exception as exc:  # a bug must not lose the other documents' results
        logger.exception("document %s failed", row.get("id"))
        return error_row(row, f"internal error: {type(exc).__name__}: {exc}")
    return error_row(row, "out of memory scoring this document (a very long line?)")


def score_document(row: dict[str, Any], context: DocumentContext) -> dict[str, Any]:
    """Check and score one manifest row; raises GlossalignError for a bad row."""
    src_lang, tgt_lang = row.get("src_lang"), row.get("tgt_lang")
    if not src_lang or not tgt_lang:
        missing = " and ".join(n for n in ("src_lang", "tgt_lang") if not row.get(n))
        raise InputError(f"no {missing}", row.get("location"))
    texts = read_document(row, Path(context.base_dir))
    scored = [i for i, lines in enumerate(zip(texts.source, texts.hypothesis, texts.reference,
                                              strict=True)) if any(s.strip() for s in lines)]
    if not scored:
        raise InputError("the document has no text", row.get("location"))
    result = base_row(row, "ok", None)
    result["segments"] = len(scored)
    hyps = [texts.hypothesis[i] for i in scored]
    refs = [texts.reference[i] for i in scored]
    result.update(sacrebleu_columns(hyps, refs, tgt_lang))
    if context.termbase is not None:
        result.update(glossary_columns(texts, context.termbase, src_lang, tgt_lang,
                                       context.rules, context.ignores))
    return result


def read_document(row: dict[str, Any], base_dir: Path) -> DocumentTexts:
    """The three sides as lines; InputError when a side is missing or the counts differ."""
    lines: dict[str, list[str]] = {}
    paths: dict[str, str] = {}
    for side in SIDES:
        text, paths[side] = side_text(row, side, base_dir)
        lines[side] = split_lines(text)
    for side in ("hypothesis", "reference"):
        if len(lines[side]) != len(lines["source"]):
            raise InputError(f"{side} has {len(lines[side])} lines but source has "
                             f"{len(lines['source'])}", paths[side])
    return DocumentTexts(lines["source"], lines["hypothesis"], lines["reference"], paths)


def side_text(row: dict[str, Any], side: str, base_dir: Path) -> tuple[str, str]:
    """One side's text and where it came from (its file, or ``id:side`` for inline text)."""
    inline, path = row.get(side), row.get(f"{side}_path")
    if inline is not None and path is not None:
        raise InputError(f"both {side} and {side}_path are given", row.get("location"))
    if path is not None:
        full = base_dir / path
        return read_text(full), str(full)
    if inline is None:
        raise InputError(f"no {side} (give {side} or {side}_path)", row.get("location"))
    return inline.replace("\r\n", "\n").replace("\r", "\n"), f"{row['id']}:{side}"


def sacrebleu_columns(hyps: list[str], refs: list[str], tgt_lang: str) -> dict[str, Any]:
    """Each metric's document score and the summed sufficient statistics behind it."""
    columns: dict[str, Any] = {}
    for column, key in SACREBLEU_COLUMNS.items():
        metric = metrics_for(tgt_lang)[key]
        # One tokenization pass gives both the document's score and the statistics that corpus
        # scores are computed from (see eval/sacrebleu_adapter.py).
        stats = corpus_statistics(metric, hyps, [refs])
        columns[column] = score_from_stats(column, tgt_lang, stats)
        columns[f"{column}_stats"] = [float(v) if column == "ter" else int(v) for v in stats]
    return columns


@cache
def metrics_for(tgt_lang: str) -> dict[str, Metric]:
    """make_metrics' objects, built once per worker and language (they hold no corpus state)."""
    return make_metrics(tgt_lang)


def score_from_stats(column: str, tgt_lang: str, stats: list[Any]) -> float:
    """A sacrebleu column's score from (summed) sufficient statistics, as corpus_score makes it."""
    metric = metrics_for(tgt_lang)[SACREBLEU_COLUMNS[column]]
    return float(score_from_statistics(metric, stats).score)


def glossary_columns(texts: DocumentTexts, termbase: TermBase, src_lang: str, tgt_lang: str,
                     rules: tuple[Rule, ...] = RULES,
                     ignores: tuple[IgnoreEntry, ...] = ()) -> dict[str, Any]:
    """Findings per severity and the terminology metrics, from one term-matching pass."""
    src = [Segment(t, src_lang, texts.paths["source"], i + 1) for i, t in enumerate(texts.source)]
    tgt = [Segment(t, tgt_lang, texts.paths["hypothesis"], i + 1)
           for i, t in enumerate(texts.hypothesis)]
    check = check_alignment(pair_segments(src, tgt), termbase, tgt_lang, src_lang, rules)
    counts = Counter(f.severity.value for f in triage(check.findings, None, ignores).kept)
    columns: dict[str, Any] = {f"findings_{s}": counts.get(s, 0) for s in SEVERITIES}
    metrics = term_metrics_from_hits(check.src_hits, check.tgt_hits, tgt_lang)
    columns.update(term_columns(metrics))
    return columns


def term_columns(metrics: TermMetrics) -> dict[str, Any]:
    """The counts as they are, plus the three rates."""
    return {**asdict(metrics), **metrics.rates()}


def base_row(row: dict[str, Any], status: str, error: str | None) -> dict[str, Any]:
    """A result row with every column present (None where not computed)."""
    result: dict[str, Any] = dict.fromkeys(RESULT_COLUMNS)
    result.update(id=row["id"], status=status, error=error, src_lang=row.get("src_lang"),
                  tgt_lang=row.get("tgt_lang"))
    return result


def error_row(row: dict[str, Any], message: str) -> dict[str, Any]:
    return base_row(row, "error", " ".join(message.split()))
