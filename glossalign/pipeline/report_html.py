"""The editor's alignment report: one self-contained HTML file, a view of a check result.

The page is a workbench: filters, search, a minimap, alignment edits and decisions on findings.
Python renders the summary (autoescaped by jinja2) and embeds two JSON documents: the JSON report
(findings, the source of truth) and the view data of :mod:`report_view` (sentences, beads,
highlights). report.js renders only the beads on screen, writing text with ``textContent`` only,
so the file grows with the text and no document text is ever parsed as HTML.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from glossalign.errors import UsageError
from glossalign.glossary.checks import Rule
from glossalign.glossary.model import TermBase
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.html_assets import asset, content_security_policy, environment
from glossalign.pipeline.report_json import check_report_json
from glossalign.pipeline.report_view import (
    DEFAULT_UNSURE_SCORE,
    USUAL_KINDS,
    Span,
    bead_marks,
    content_hash,
    problem_beads,
    report_view,
    side_spans,
)
from glossalign.stage_data import Finding, Severity

__all__ = ["USUAL_KINDS", "Span", "bead_marks", "embed_json", "problem_beads", "render_report",
           "side_spans"]

logger = logging.getLogger(__name__)
_SEVERITIES = tuple(s.value for s in Severity)
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class FindingView:
    index: int
    rule: str
    severity: str
    message: str
    suggestion: str | None
    where: str


@dataclass(frozen=True, slots=True)
class SummaryView:
    src_lang: str | None
    tgt_lang: str
    src_segments: int
    tgt_segments: int
    beads: int
    beads_by_kind: tuple[tuple[str, int], ...]
    low_confidence: int
    problem_beads: int
    findings: int
    by_severity: tuple[tuple[str, int], ...]
    # (rule, count per severity in _SEVERITIES order, total)
    by_rule: tuple[tuple[str, tuple[int, ...], int], ...]
    glossary_hash: str
    threshold: float
    score_threshold: float | None = None
    concepts: tuple[str, ...] = ()
    stray_findings: tuple[FindingView, ...] = field(default=())


def render_report(result: CheckResult, *, title: str, source_name: str | None = None,
                  target_name: str | None = None, low_confidence: float = 0.0,
                  glossary_path: str | None = None, concepts: int | None = None,
                  progress: Progress | None = None,
                  unsure_score: float | None = DEFAULT_UNSURE_SCORE) -> str:
    """The whole report as one HTML document (inline CSS and JS, nothing fetched).

    Beads are flagged low-confidence when the aligner's confidence is below ``low_confidence``
    (off by default: see the report benchmark) or their score below ``unsure_score``.
    """
    if not 0.0 <= low_confidence <= 1.0:
        raise UsageError(f"the low-confidence threshold must be in [0, 1], not {low_confidence}")
    say = progress or logger.info
    say(f"report: preparing {len(result.alignment.beads)} beads")
    view = report_view(result, low_confidence, unsure_score)
    report = check_report_json(result, glossary_path, concepts)
    say("report: writing the page")
    css, js = asset("report.css"), asset("report.js")
    return environment().get_template("report.html.j2").render(
        title=title, source_name=source_name, target_name=target_name,
        summary=summary_view(result, low_confidence, unsure_score),
        severities=_SEVERITIES, content_hash=content_hash(view, report),
        css=Markup(css), js=Markup(js),  # our own package files, never user text
        csp=content_security_policy(css, js),
        report_json=embed_json(report, indent=None), view_json=embed_json(view, indent=None),
    )


def check_documents(source: Path | None, src_lang: str | None, target: Path,
                    tgt_lang: str | None, glossary: Path | None, pairing: str = "auto",
                    presegmented: bool = False, progress: Progress | None = None,
                    rules: tuple[Rule, ...] | None = None) -> tuple[CheckResult, TermBase]:
    """The report's pipeline up to the check (``report`` and ``apply`` must agree on it).

    Without a source, ``target`` is a bilingual file (XLIFF, PO, TMX) whose units are the beads.
    """
    from glossalign.glossary.checks import RULES
    from glossalign.glossary.io import read_glossary
    from glossalign.pipeline.check import check_alignment
    from glossalign.pipeline.inputs import load_alignment

    say = progress or logger.info
    termbase = read_glossary(glossary) if glossary is not None else TermBase()
    say("report: aligning" if pairing == "auto" and source else "report: pairing units")
    alignment, src_lang, tgt_lang = load_alignment(target, source, None, src_lang, tgt_lang,
                                                   pairing, presegmented, termbase)
    say(f"report: checking {len(alignment.beads)} beads")
    return check_alignment(alignment, termbase, tgt_lang, src_lang, rules or RULES), termbase


def report_content_hash(result: CheckResult, low_confidence: float = 0.0) -> str:
    """The hash the page keys its decisions by (see :func:`report_view.content_hash`)."""
    return content_hash(report_view(result, low_confidence), check_report_json(result))


def embed_json(data: dict[str, Any], indent: int | None = 1) -> Markup:
    """JSON that cannot end its ``<script>`` element or open a comment inside it."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)  # nothing left can end the element


def finding_view(index: int, finding: Finding) -> FindingView:
    where = finding.target or finding.source
    place = f"line {where.line}, column {where.column}" if where else ""
    return FindingView(index, finding.rule, finding.severity.value, finding.message,
                       finding.suggestion, place)


def summary_view(result: CheckResult, low_confidence: float,
                 unsure_score: float | None = DEFAULT_UNSURE_SCORE) -> SummaryView:
    beads = result.alignment.beads
    bilingual = bool(result.alignment.src_segments)
    kinds = Counter(b.kind for b in beads)
    per_rule: dict[str, Counter[str]] = {}
    for finding in result.findings:
        per_rule.setdefault(finding.rule, Counter())[finding.severity.value] += 1
    by_severity = Counter(f.severity.value for f in result.findings)
    stray = tuple(finding_view(i, f) for i, f in enumerate(result.findings) if f.bead is None)
    concepts = sorted({f.concept for f in result.findings if f.concept}
                      | {h.concept for side in (result.src_hits, result.tgt_hits)
                         for seg in side for h in seg})
    return SummaryView(
        src_lang=result.src_lang, tgt_lang=result.tgt_lang,
        src_segments=len(result.alignment.src_segments),
        tgt_segments=len(result.alignment.tgt_segments),
        beads=len(beads),
        beads_by_kind=tuple(sorted(kinds.items(), key=lambda kv: _kind_order(kv[0]))),
        low_confidence=sum(1 for b in beads if any(
            m.css == "low-confidence" for m in bead_marks(b, low_confidence, bilingual,
                                                          unsure_score))),
        problem_beads=len(problem_beads(result, low_confidence, unsure_score)),
        findings=len(result.findings),
        by_severity=tuple((s, by_severity.get(s, 0)) for s in _SEVERITIES),
        by_rule=tuple((rule, tuple(counts.get(s, 0) for s in _SEVERITIES), sum(counts.values()))
                      for rule, counts in sorted(per_rule.items())),
        glossary_hash=result.glossary_hash, threshold=low_confidence,
        score_threshold=unsure_score, concepts=tuple(concepts),
        stray_findings=stray,
    )


def _kind_order(kind: str) -> tuple[int, int]:
    src, tgt = kind.split("-")
    return int(src), int(tgt)
