"""The corpus-level summary of a batch, from the per-document results alone.

sacrebleu's corpus scores are functions of summed sufficient statistics, so the corpus BLEU, chrF++
and TER of all documents are the metric's own score of the sums (eval/sacrebleu_adapter.py) of
the documents' statistics: equal to scoring the concatenated text, without keeping any text. The
terminology metrics add their counts the same way. Sums are exact (integers, and ``Fraction`` for
floats), so the summary does not depend on the order in which documents finished.

Scores are given per language pair (``zh-en``); ``corpus`` combines every pair, with the sacrebleu
metrics only when all documents share one target language (one tokenizer).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rich.table import Table

from glossalign.eval.metrics import corpus_scores, glossalign_signature
from glossalign.eval.term_metrics import TermMetrics
from glossalign.glossary.model import base_lang
from glossalign.pipeline.batch.document import SACREBLEU_COLUMNS, SEVERITIES, score_from_stats

SCHEMA_VERSION = 1
BAD_ROWS_LISTED = 100
TERM_FIELDS = ("term_occurrences", "term_correct", "term_forbidden", "forbidden_renderings",
               "consistency_concepts", "consistency_sum")


@dataclass
class Totals:
    """Summed statistics of a set of documents."""

    tgt_langs: set[str] = field(default_factory=set)
    documents: int = 0
    segments: int = 0
    stats: dict[str, list[Fraction]] = field(default_factory=dict)
    term_counts: Counter[str] = field(default_factory=Counter)
    consistency: Fraction = Fraction(0)
    has_terms: bool = False
    findings: Counter[str] = field(default_factory=Counter)

    def add(self, row: dict[str, Any]) -> None:
        self.tgt_langs.add(base_lang(row["tgt_lang"]))
        self.documents += 1
        self.segments += row["segments"] or 0
        for column in SACREBLEU_COLUMNS:
            values = row.get(f"{column}_stats")
            if values is not None:
                self._add_stats(column, values)
        if row.get("term_occurrences") is not None:
            self.has_terms = True
            self.term_counts.update({name: row[name] for name in TERM_FIELDS[:-1]})
            self.consistency += Fraction(row["consistency_sum"])
        for severity in SEVERITIES:
            self.findings[severity] += row.get(f"findings_{severity}") or 0

    def merge(self, other: Totals) -> None:
        self.tgt_langs |= other.tgt_langs
        self.documents += other.documents
        self.segments += other.segments
        for column, values in other.stats.items():
            self._add_stats(column, values)
        self.term_counts.update(other.term_counts)
        self.consistency += other.consistency
        self.has_terms |= other.has_terms
        self.findings.update(other.findings)

    def _add_stats(self, column: str, values: list[Any]) -> None:
        summed = self.stats.setdefault(column, [Fraction(0)] * len(values))
        self.stats[column] = [a + Fraction(b) for a, b in zip(summed, values, strict=True)]

    def metrics(self) -> dict[str, Any]:
        """Corpus scores of these documents (sacrebleu ones only for a single target language)."""
        out: dict[str, Any] = {"documents": self.documents, "segments": self.segments}
        if len(self.tgt_langs) == 1 and self.stats:
            lang = next(iter(self.tgt_langs))
            for column in SACREBLEU_COLUMNS:
                if column in self.stats:
                    stats = [float(v) for v in self.stats[column]]
                    out[column] = score_from_stats(column, lang, stats)
        if self.has_terms:
            counts = self.term_counts
            terms = TermMetrics(counts["term_occurrences"], counts["term_correct"],
                                counts["term_forbidden"], counts["forbidden_renderings"],
                                float(self.consistency), counts["consistency_concepts"])
            out.update(terms.rates())
            reasons = terms.null_reasons()
            if reasons:
                out["null_reasons"] = reasons
            out.update({name: getattr(terms, name) for name in TERM_FIELDS})
        out["findings"] = {s: self.findings.get(s, 0) for s in SEVERITIES}
        return out


def summarize(rows: Iterable[dict[str, Any]], glossary_hash: str | None = None) -> dict[str, Any]:
    """The summary of a batch from its result rows, streamed."""
    pairs: dict[str, Totals] = {}
    errors = 0
    bad_rows: list[tuple[str, str]] = []
    for row in rows:
        if row["status"] != "ok":
            errors += 1
            bisect.insort(bad_rows, (str(row["id"]), str(row.get("error"))))
            del bad_rows[BAD_ROWS_LISTED:]
            continue
        pair = f"{base_lang(row['src_lang'])}-{base_lang(row['tgt_lang'])}"
        pairs.setdefault(pair, Totals()).add(row)
    corpus = Totals()
    for totals in pairs.values():
        corpus.merge(totals)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": corpus.documents + errors,
        "ok": corpus.documents,
        "errors": errors,
        "corpus": corpus.metrics(),
        "pairs": {pair: pairs[pair].metrics() for pair in sorted(pairs)},
        "signatures": signatures(corpus.tgt_langs, glossary_hash),
        "bad_rows": [{"id": i, "error": e} for i, e in bad_rows],
    }


def signatures(tgt_langs: Iterable[str], glossary_hash: str | None) -> dict[str, Any]:
    """Our signature, and sacrebleu's per target language."""
    out: dict[str, Any] = {"glossalign": glossalign_signature(glossary_hash)}
    for lang in sorted(tgt_langs):
        scores = corpus_scores(["x"], [["x"]], lang)
        out[lang] = {column: scores[key].signature for column, key in SACREBLEU_COLUMNS.items()}
    return out


DISPLAY = (("bleu", "BLEU", 2), ("chrf", "chrF++", 2), ("ter", "TER", 2),
           ("term_accuracy", "term accuracy", 4), ("forbidden_rate", "forbidden rate", 4),
           ("term_consistency", "term consistency", 4))


def summary_table(summary: dict[str, Any]) -> Table:
    """A console table: one column per language pair, plus the corpus when there are several."""
    scopes = dict(summary["pairs"])
    if len(scopes) != 1:
        scopes["all"] = summary["corpus"]
    table = Table(title="Batch summary")
    table.add_column("metric")
    for scope in scopes:
        table.add_column(scope, justify="right")
    rows = [("documents", "documents", 0), ("segments", "segments", 0), *DISPLAY]
    for key, label, digits in rows:
        values = [scope.get(key) for scope in scopes.values()]
        if all(v is None for v in values):
            continue
        table.add_row(label, *("–" if v is None else f"{v:.{digits}f}" for v in values))
    for severity in SEVERITIES:
        table.add_row(f"{severity} findings",
                      *(str(scope["findings"][severity]) for scope in scopes.values()))
    return table
