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
``end_column``, ``unit``, and those two spans.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from glossalign import __version__
from glossalign.models import Finding, Location
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.triage import Triage

SCHEMA_VERSION = 2


def location_json(location: Location | None) -> dict[str, Any] | None:
    return asdict(location) if location is not None else None


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


def summary_json(result: CheckResult) -> dict[str, Any]:
    by_severity = Counter(f.severity.value for f in result.findings)
    return {
        "segments": {"source": len(result.alignment.src_segments),
                     "target": len(result.alignment.tgt_segments)},
        "beads": len(result.alignment.beads),
        "findings": len(result.findings),
        "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(f.rule for f in result.findings).items())),
    }


def check_report_json(result: CheckResult, glossary_path: str | None = None,
                      concepts: int | None = None, *, fail_on: str = "error",
                      triage: Triage | None = None) -> dict[str, Any]:
    triage = triage or Triage(result.findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "glossalign", "version": __version__},
        "glossary": {"path": glossary_path, "hash": result.glossary_hash, "concepts": concepts},
        "languages": {"source": result.src_lang, "target": result.tgt_lang},
        "fail_on": fail_on,
        "passed": not result.fails(fail_on),
        "triage": triage.to_json(),
        "rules": [{"id": r.id, "severity": r.severity.value, "description": r.description}
                  for r in result.rules],
        "summary": summary_json(result),
        "findings": [finding_json(f) for f in result.findings],
    }
