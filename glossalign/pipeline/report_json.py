"""The check's JSON report: the source of truth that every other view renders.

Schema (``schema_version`` 1)::

    {
      "schema_version": 1,
      "tool": {"name": "glossalign", "version": "..."},
      "glossary": {"path": "...", "hash": "...", "concepts": N},
      "languages": {"source": "zh" | null, "target": "en"},
      "summary": {"segments": {"source": N, "target": N}, "beads": N,
                  "findings": N, "by_severity": {"error": N, ...}, "by_rule": {...}},
      "findings": [
        {"rule": "forbidden-term", "severity": "error", "message": "...",
         "concept": "..." | null, "found": "..." | null, "suggestion": "..." | null,
         "bead": N | null,
         "target": {"path": ..., "line": L, "column": C, "segment": S, "start": a, "end": b} | null,
         "source": {...same...} | null,
         "details": {...rule-specific, e.g. "variants" for inconsistent-term...}}
      ]
    }

``line``/``column`` are 1-based positions in the file; ``start``/``end`` are 0-based, end-exclusive
character offsets into the segment (for line-based input, the line) numbered ``segment`` (0-based).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from glossalign import __version__
from glossalign.glossary.checks import Rule
from glossalign.models import Finding, Location
from glossalign.pipeline.check import CheckResult

SCHEMA_VERSION = 1


def location_json(location: Location | None) -> dict[str, Any] | None:
    return asdict(location) if location is not None else None


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
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


def report_head(glossary_hash: str, src_lang: str | None, tgt_lang: str, rules: Sequence[Rule],
                summary: dict[str, Any], glossary_path: str | None = None,
                concepts: int | None = None) -> dict[str, Any]:
    """Everything in the report but the findings (which come last)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "glossalign", "version": __version__},
        "glossary": {"path": glossary_path, "hash": glossary_hash, "concepts": concepts},
        "languages": {"source": src_lang, "target": tgt_lang},
        "rules": [{"id": r.id, "severity": r.severity.value, "description": r.description}
                  for r in rules],
        "summary": summary,
    }


def check_report_json(result: CheckResult, glossary_path: str | None = None,
                      concepts: int | None = None) -> dict[str, Any]:
    head = report_head(result.glossary_hash, result.src_lang, result.tgt_lang, result.rules,
                       summary_json(result), glossary_path, concepts)
    return {**head, "findings": [finding_json(f) for f in result.findings]}


def write_report_json(out: TextIO, head: dict[str, Any], findings: Iterable[Finding]) -> None:
    """Write ``head`` plus its findings as ``json.dumps(..., indent=2)`` would, one at a time.

    The bytes are those of dumping the whole report at once, but only one finding is in memory
    at a time (a large input can have millions).
    """
    opening = json.dumps({**head, "findings": []}, ensure_ascii=False, indent=2)
    assert opening.endswith("[]\n}")
    out.write(opening[:-len("[]\n}")] + "[")
    separator = "\n    "
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    pending: list[str] = []  # written in pieces of ~64 KB: no one finding is one large string
    size = 0
    for finding in findings:
        pending.append(separator)
        for chunk in encoder.iterencode(finding_json(finding)):
            pending.append(chunk.replace("\n", "\n    "))
            size += len(chunk)
            if size > 65536:
                out.write("".join(pending))
                pending, size = [], 0
        separator = ",\n    "
    out.write("".join(pending))
    out.write("]\n}\n" if separator == "\n    " else "\n  ]\n}\n")
