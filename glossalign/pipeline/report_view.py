"""The data behind the editor's report: sentences, beads and highlights as plain JSON.

The page renders from this data in the browser (only the beads on screen exist as elements), so a
long document is written once, as JSON, instead of once per element. Findings are not repeated
here: the page reads them from the embedded JSON report and refers to them by index.

View schema (``view_version`` 1)::

    {"view_version": 1, "bilingual": true, "threshold": 0.0, "score_threshold": -3.5 | null,
     "src": [[text, line], ...], "tgt": [[text, line], ...],
     "beads": [[[src ids], [tgt ids], confidence, score], ...],
     "spans": {"src": {"segment": [[start, end, classes, findings, concept, status, term,
                                      hit notes], ...]}, "tgt": {...}}}

``findings`` are indices into the JSON report's findings; the page adds their messages and
suggestions to the hover text of the span.

Bead and sentence ids are 0-based indices; the page shows them 1-based, as line numbers are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glossalign.corpora.inline import display_text
from glossalign.pipeline.check import CheckResult
from glossalign.stage_data import Bead, Finding, Segment, TermHit

VIEW_VERSION = 1
# A bead is flagged "unsure" when its DP score is below this. Chosen on the dev half of the gold
# alignments by ``python -m glossalign.eval.bench_report`` (best F0.5 of "flagged beads are really
# wrong"); the aligner's confidence, by the same measure, flags wrong beads no better than chance.
DEFAULT_UNSURE_SCORE = -3.5
# Bead kinds an aligner produces in ordinary translation; anything else deserves a look.
USUAL_KINDS = frozenset({"1-1", "1-2", "2-1"})
_NOT_UNUSUAL = USUAL_KINDS | {"1-0", "0-1"}  # omissions and additions get marks of their own


@dataclass(frozen=True, slots=True)
class Span:
    """Something to highlight in one sentence: a glossary hit and/or a finding's location."""

    start: int
    end: int
    classes: tuple[str, ...]
    notes: tuple[str, ...]  # lines of the hover text
    findings: tuple[int, ...] = ()  # indices into the result's findings
    concept: str = ""
    status: str = ""
    term: str = ""  # the glossary's spelling of a hit

    def to_json(self) -> list[Any]:
        return [self.start, self.end, " ".join(self.classes), list(self.findings), self.concept,
                self.status, self.term, "\n".join(self.notes)]


@dataclass(frozen=True, slots=True)
class Mark:
    """A bead-level problem, shown as a text badge (never colour alone)."""

    css: str
    label: str
    description: str


def bead_marks(bead: Bead, low_confidence: float, bilingual: bool = True,
               unsure_score: float | None = None) -> tuple[Mark, ...]:
    """Omission, addition, unusual m-n and low-confidence marks (none in target-only mode).

    Low confidence: the aligner's confidence below ``low_confidence``, or its bead score below
    ``unsure_score``. The page computes the same marks in report.js (for beads the editor
    changed); keep both in step.
    """
    if not bilingual:
        return ()
    marks: list[Mark] = []
    if bead.src and not bead.tgt:
        marks.append(Mark("omission", "omission", "source text with no translation"))
    if bead.tgt and not bead.src:
        marks.append(Mark("addition", "addition", "translation with no source text"))
    if bead.kind not in _NOT_UNUSUAL:
        marks.append(Mark("unusual", f"unusual {bead.kind}",
                          f"{len(bead.src)} source sentences aligned to {len(bead.tgt)} "
                          "target sentences"))
    if bead.confidence < low_confidence:
        marks.append(Mark("low-confidence", "low confidence",
                          f"alignment confidence {bead.confidence:.2f} is below "
                          f"{low_confidence:.2f}"))
    elif unsure_score is not None and bead.score < unsure_score:
        marks.append(Mark("low-confidence", "low confidence",
                          f"bead score {bead.score:.2f} is below {unsure_score:.2f}"))
    return tuple(marks)


def problem_beads(result: CheckResult, low_confidence: float = 0.0,
                  unsure_score: float | None = DEFAULT_UNSURE_SCORE) -> list[int]:
    """Indices of the beads the report marks: alignment marks or findings."""
    bilingual = bool(result.alignment.src_segments)
    with_findings = {f.bead for f in result.findings if f.bead is not None}
    return [i for i, bead in enumerate(result.alignment.beads)
            if i in with_findings or bead_marks(bead, low_confidence, bilingual, unsure_score)]


def side_spans(segments: Sequence[Segment], hits: Sequence[Sequence[TermHit]],
               findings: Sequence[Finding], side: str) -> list[list[Span]]:
    """Spans to highlight in each segment of one side (``source`` or ``target``)."""
    found: list[dict[tuple[int, int], Span]] = [{} for _ in segments]
    for seg_hits in hits:
        for hit in seg_hits:
            if hit.segment < len(segments):
                _merge(found[hit.segment], hit_span(hit, side))
    for index, finding in enumerate(findings):
        where = finding.target if side == "target" else finding.source
        if where is None or where.end <= where.start or where.segment >= len(segments):
            continue
        if side == "target" and finding.rule == "missing-term":
            continue  # its target span is the whole segment (JSON schema 2): nothing to mark
        # No notes: the page builds a finding's hover text from the JSON report, so long
        # documents do not carry every message twice.
        _merge(found[where.segment], Span(where.start, where.end, ("flag", f"rule-{finding.rule}"),
                                          (), (index,), finding.concept or ""))
    return [sorted(spans.values(), key=lambda s: (s.start, s.end)) for spans in found]


def hit_span(hit: TermHit, side: str) -> Span:
    if side == "source":
        classes: tuple[str, ...] = ("term", "term-source")
    else:
        classes = ("term", f"term-{hit.status}")
    note = f"{hit.status} term “{hit.term}” (concept {hit.concept})"
    return Span(hit.start, hit.end, classes, (note,), (), hit.concept, hit.status, hit.term)


def _merge(spans: dict[tuple[int, int], Span], new: Span) -> None:
    """Hits and findings on the same characters become one span."""
    key = (new.start, new.end)
    old = spans.get(key)
    if old is None:
        spans[key] = new
        return
    spans[key] = Span(new.start, new.end,
                      tuple(dict.fromkeys(old.classes + new.classes)),
                      tuple(dict.fromkeys(old.notes + new.notes)),
                      tuple(sorted(set(old.findings + new.findings))),
                      old.concept or new.concept, old.status or new.status, old.term or new.term)


def report_view(result: CheckResult, low_confidence: float,
                unsure_score: float | None = DEFAULT_UNSURE_SCORE) -> dict[str, Any]:
    """The page's data (see the module doc)."""
    alignment = result.alignment
    src_spans = side_spans(alignment.src_segments, result.src_hits, result.findings, "source")
    tgt_spans = side_spans(alignment.tgt_segments, result.tgt_hits, result.findings, "target")
    return {
        "view_version": VIEW_VERSION,
        "bilingual": bool(alignment.src_segments),
        "threshold": low_confidence,
        "score_threshold": unsure_score,
        # Inline codes (XLIFF/TMX tags) as visible marks, one character each: spans stay valid.
        "src": [[display_text(s.text), s.line] for s in alignment.src_segments],
        "tgt": [[display_text(s.text), s.line] for s in alignment.tgt_segments],
        "beads": [[list(b.src), list(b.tgt), round(b.confidence, 4), round(b.score, 4)]
                  for b in alignment.beads],
        "spans": {"src": _spans_json(src_spans), "tgt": _spans_json(tgt_spans)},
    }


def _spans_json(spans: list[list[Span]]) -> dict[str, list[list[Any]]]:
    return {str(i): [s.to_json() for s in seg] for i, seg in enumerate(spans) if seg}


def content_hash(view: dict[str, Any], report: dict[str, Any]) -> str:
    """What the editor's decisions are keyed by: the sentences, beads and findings shown.

    The tool version is left out so that a patch release does not orphan saved decisions; the
    thresholds are left out because they change only marks, never what a decision refers to.
    """
    stable_view = {k: v for k, v in view.items() if k not in ("threshold", "score_threshold")}
    stable_report = {k: v for k, v in report.items() if k not in ("tool", "glossary")}
    stable_report["glossary_hash"] = report.get("glossary", {}).get("hash")
    text = json.dumps([stable_view, stable_report], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
