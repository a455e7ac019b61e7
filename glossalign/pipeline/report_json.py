"""The check's JSON report: the source of truth that every other view renders.

Schema (``schema_version`` 2)::

    {
      "schema_version": 2,
      "tool": {"name": "glossalign", "version": "..."},
      "glossary": {"path": "...", "hash": "...", "concepts": N},
      "languages": {"source": "zh" | null, "target": "en"},
      "fail_on": "error" | "warning" | "never",
      "passed": true | false,          # no finding at or above fail_on
      "triage": {"baselined": N, "ignored": N, "unused_ignores": ["file entry 2 (...)", ...]},
      "summary": {"segments": {"source": N, "target": N}, "beads": N,
                  "findings": N, "by_severity": {"error": N, ...}, "by_rule": {...}},
      "alignment": {"plausible": bool, "beads": N, "null_beads": N, "null_share": x,
                    "mean_confidence": x | null, "reason": "..." | null} | null,
      "findings": [
        {"fingerprint": "16 hex digits", "rule": "forbidden-term", "severity": "error",
         "message": "...", "concept": "..." | null, "found": "..." | null,
         "suggestion": "..." | null, "bead": N | null,
         "target": {"path": ..., "segment": S, "line": L, "column": C, "start": a, "end": b,
                    "end_line": L2, "end_column": C2, "unit": "unit id" | null} | null,
         "source": {...same...} | null,
         "details": {...rule-specific, e.g. "variants" for inconsistent-term...}}
      ]
    }

``line``/``column`` are 1-based positions in the file, ``end_line``/``end_column`` those of the
character after the span; ``start``/``end`` are 0-based, end-exclusive character offsets into the
segment (for line-based input, the line) numbered ``segment`` (0-based). ``unit`` is the unit id
of XLIFF, PO and TMX input. A missing-term finding's target span is the whole aligned target
segment; a forbidden-term finding of a bilingual check has the source term's location.
Changes from schema 1: ``fingerprint``, ``fail_on``, ``passed``, ``triage``, ``end_line``,
``end_column``, ``unit``, ``alignment`` (the plausibility verdict), and those two spans.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import IO, Any

from glossalign import __version__
from glossalign.glossary.checks import Rule
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.json_text import dumps_indented
from glossalign.pipeline.triage import Triage
from glossalign.stage_data import Finding, Location

SCHEMA_VERSION = 2


_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


def location_json(location: Location | None) -> dict[str, Any] | None:
    """``dataclasses.asdict(location)``: its fields in order (all plain values, so no deep
    copy, which made ``asdict`` the costliest step of writing a finding)."""
    if location is None:
        return None
    return {name: getattr(location, name) for name in _LOCATION_FIELDS}


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "fingerprint": finding.fingerprint,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "concept": finding.concept,
        "found": finding.found,
        "suggestion": finding.suggestion,
        "bead": finding.bead,
        "target": location_json(finding.target),
        "source": location_json(finding.source),
        "details": finding.details,
    }


def summary_counts(src_segments: int, tgt_segments: int, beads: int,
                   by_severity: Counter[str], by_rule: Counter[str]) -> dict[str, Any]:
    return {
        "segments": {"source": src_segments, "target": tgt_segments},
        "beads": beads,
        "findings": sum(by_severity.values()),
        "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(by_rule.items())),
    }


def summary_json(result: CheckResult) -> dict[str, Any]:
    return summary_counts(len(result.alignment.src_segments), len(result.alignment.tgt_segments),
                          len(result.alignment.beads),
                          Counter(f.severity.value for f in result.findings),
                          Counter(f.rule for f in result.findings))


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the report says besides its findings (the in-memory and the streamed check agree)."""

    glossary_hash: str
    src_lang: str | None
    tgt_lang: str
    rules: Sequence[Rule]
    summary: dict[str, Any]
    passed: bool
    triage: dict[str, Any]
    # The alignment's plausibility (None in target-only mode): glossalign.alignment_plausibility.
    alignment: dict[str, Any] | None = None


def report_head(facts: ReportFacts, glossary_path: str | None = None,
                concepts: int | None = None, *, fail_on: str = "error") -> dict[str, Any]:
    """Everything in the report but the findings (which come last)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "glossalign", "version": __version__},
        "glossary": {"path": glossary_path, "hash": facts.glossary_hash, "concepts": concepts},
        "languages": {"source": facts.src_lang, "target": facts.tgt_lang},
        "fail_on": fail_on,
        "passed": facts.passed,
        "triage": facts.triage,
        "rules": [{"id": r.id, "severity": r.severity.value, "description": r.description}
                  for r in facts.rules],
        "summary": facts.summary,
        "alignment": facts.alignment,
    }


def check_report_json(result: CheckResult, glossary_path: str | None = None,
                      concepts: int | None = None, *, fail_on: str = "error",
                      triage: Triage | None = None) -> dict[str, Any]:
    triage = triage or Triage(result.findings)
    facts = ReportFacts(result.glossary_hash, result.src_lang, result.tgt_lang, result.rules,
                        summary_json(result), not result.fails(fail_on), triage.to_json(),
                        result.plausibility.as_json() if result.plausibility else None)
    head = report_head(facts, glossary_path, concepts, fail_on=fail_on)
    return {**head, "findings": [finding_json(f) for f in result.findings]}


def write_report_json(out: IO[str], head: dict[str, Any], findings: Iterable[Finding]) -> None:
    """Write ``head`` plus its findings as ``json.dumps(..., indent=2)`` would, one at a time.

    The text is that of dumping the whole report at once, but only one finding is in memory at
    a time (a large input can have millions), and no finding is ever one large string.
    """
    opening = json.dumps({**head, "findings": []}, ensure_ascii=False, indent=2)
    assert opening.endswith("[]\n}")
    out.write(opening[:-len("[]\n}")] + "[")
    separator = "\n    "
    pending: list[str] = []  # written in pieces of ~64 KB
    size = 0
    for finding in findings:
        pending.append(separator)
        text = dumps_indented(finding_json(finding), level=2)
        pending.append(text)
        size += len(text)
        if size > 65536:
            out.write("".join(pending))
            pending, size = [], 0
        separator = ",\n    "
    out.write("".join(pending))
    out.write("]\n}\n" if separator == "\n    " else "\n  ]\n}\n")
