"""The editor's alignment report: one self-contained HTML file, a view of a check result.

Source and target are shown side by side, bead by bead. Sentences are cut at glossary hits and
finding spans here, in Python, and every piece goes through jinja2's autoescaping; no text from
the documents is ever marked safe. The JSON report is embedded so tools can read the data back.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from glossalign.errors import UsageError
from glossalign.models import Bead, Finding, Segment, Severity, TermHit
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.report_json import check_report_json

# Bead kinds an aligner produces in ordinary translation; anything else deserves a look.
USUAL_KINDS = frozenset({"1-1", "1-2", "2-1"})
_NOT_UNUSUAL = USUAL_KINDS | {"1-0", "0-1"}  # omissions and additions get marks of their own
_SEVERITIES = tuple(s.value for s in Severity)


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


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of sentence text under the same set of spans ("" classes: plain text)."""

    text: str
    classes: str = ""
    title: str = ""
    findings: str = ""
    concept: str = ""
    status: str = ""
    term: str = ""


@dataclass(frozen=True, slots=True)
class SentenceView:
    segment: int
    line: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A bead-level problem, shown as a text badge (never colour alone)."""

    css: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class FindingView:
    index: int
    rule: str
    severity: str
    message: str
    suggestion: str | None
    where: str


@dataclass(frozen=True, slots=True)
class BeadView:
    index: int
    kind: str
    confidence: float
    score: float
    src: tuple[SentenceView, ...]
    tgt: tuple[SentenceView, ...]
    marks: tuple[Mark, ...]
    findings: tuple[FindingView, ...]

    @property
    def problem(self) -> bool:
        return bool(self.marks or self.findings)

    @property
    def low_confidence(self) -> bool:
        return any(m.css == "low-confidence" for m in self.marks)

    @property
    def severity(self) -> str:
        if not self.findings:
            return ""
        return max((Severity(f.severity) for f in self.findings), key=lambda s: s.rank).value

    @property
    def classes(self) -> str:
        names = ["bead", f"kind-{self.kind}", *(m.css for m in self.marks)]
        if self.findings:
            names += ["has-findings", f"sev-{self.severity}"]
        if self.problem:
            names.append("problem")
        return " ".join(names)


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
    stray_findings: tuple[FindingView, ...] = field(default=())


def render_report(result: CheckResult, *, title: str, source_name: str | None = None,
                  target_name: str | None = None, low_confidence: float = 0.5,
                  glossary_path: str | None = None, concepts: int | None = None) -> str:
    """The whole report as one HTML document (inline CSS and JS, nothing fetched)."""
    if not 0.0 <= low_confidence <= 1.0:
        raise UsageError(f"the low-confidence threshold must be in [0, 1], not {low_confidence}")
    beads = bead_views(result, low_confidence)
    report = check_report_json(result, glossary_path, concepts)
    css, js = _asset("report.css"), _asset("report.js")
    return _environment().get_template("report.html.j2").render(
        title=title, source_name=source_name, target_name=target_name,
        summary=summary_view(result, beads, low_confidence),
        beads=beads, severities=_SEVERITIES,
        css=Markup(css), js=Markup(js),  # our own package files, never user text
        csp=_content_security_policy(css, js),
        report_json=embed_json(report),
    )


def embed_json(data: dict[str, Any]) -> Markup:
    """JSON that cannot end its ``<script>`` element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)  # nothing left can end the element


def bead_views(result: CheckResult, low_confidence: float) -> tuple[BeadView, ...]:
    """One view per bead: highlighted sentences, problem marks and the bead's findings."""
    alignment = result.alignment
    src_spans = side_spans(alignment.src_segments, result.src_hits, result.findings, "source")
    tgt_spans = side_spans(alignment.tgt_segments, result.tgt_hits, result.findings, "target")
    findings_by_bead: dict[int, list[FindingView]] = {}
    for index, finding in enumerate(result.findings):
        if finding.bead is not None:
            findings_by_bead.setdefault(finding.bead, []).append(finding_view(index, finding))
    bilingual = bool(alignment.src_segments)
    return tuple(
        BeadView(
            index=number, kind=bead.kind, confidence=bead.confidence, score=bead.score,
            src=tuple(sentence_view(alignment.src_segments[i], i, src_spans[i]) for i in bead.src),
            tgt=tuple(sentence_view(alignment.tgt_segments[i], i, tgt_spans[i]) for i in bead.tgt),
            marks=bead_marks(bead, low_confidence, bilingual),
            findings=tuple(findings_by_bead.get(number, ())),
        )
        for number, bead in enumerate(alignment.beads)
    )


def problem_beads(result: CheckResult, low_confidence: float = 0.5) -> list[int]:
    """Indices of the beads the report marks: alignment marks or findings."""
    bilingual = bool(result.alignment.src_segments)
    with_findings = {f.bead for f in result.findings if f.bead is not None}
    return [i for i, bead in enumerate(result.alignment.beads)
            if i in with_findings or bead_marks(bead, low_confidence, bilingual)]


def bead_marks(bead: Bead, low_confidence: float, bilingual: bool = True) -> tuple[Mark, ...]:
    """Omission, addition, unusual m-n and low-confidence marks (none in target-only mode)."""
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
    return tuple(marks)


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
        notes: tuple[str, ...] = (finding.message,)
        if finding.suggestion and finding.suggestion not in finding.message:
            notes += (f"suggestion: {finding.suggestion}",)
        _merge(found[where.segment], Span(where.start, where.end, ("flag", f"rule-{finding.rule}"),
                                          notes, (index,), finding.concept or ""))
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


def sentence_view(segment: Segment, index: int, spans: Sequence[Span]) -> SentenceView:
    return SentenceView(index, segment.line, split_pieces(segment.text, spans))


def split_pieces(text: str, spans: Sequence[Span]) -> tuple[Piece, ...]:
    """Cut ``text`` at every span boundary; overlapping spans share the overlapped piece."""
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in inside), *(s.end for s in inside)})
    pieces: list[Piece] = []
    previous: tuple[Span, ...] | None = None
    for start, end in pairwise(cuts):
        cover = tuple(s for s in inside if s.start <= start and end <= s.end)
        if cover == previous and pieces:
            last = pieces.pop()
            pieces.append(replace(last, text=last.text + text[start:end]))
            continue
        pieces.append(_piece(text[start:end], cover))
        previous = cover
    return tuple(pieces)


def _piece(text: str, cover: tuple[Span, ...]) -> Piece:
    if not cover:
        return Piece(text)
    return Piece(
        text,
        classes=" ".join(dict.fromkeys(c for s in cover for c in s.classes)),
        title="\n".join(dict.fromkeys(n for s in cover for n in s.notes)),
        findings=" ".join(str(i) for i in sorted({i for s in cover for i in s.findings})),
        concept=next((s.concept for s in cover if s.concept), ""),
        status=next((s.status for s in cover if s.status), ""),
        term=next((s.term for s in cover if s.term), ""),
    )


def finding_view(index: int, finding: Finding) -> FindingView:
    where = finding.target or finding.source
    place = f"line {where.line}, column {where.column}" if where else ""
    return FindingView(index, finding.rule, finding.severity.value, finding.message,
                       finding.suggestion, place)


def summary_view(result: CheckResult, beads: Sequence[BeadView],
                 low_confidence: float) -> SummaryView:
    kinds = Counter(b.kind for b in beads)
    per_rule: dict[str, Counter[str]] = {}
    for finding in result.findings:
        per_rule.setdefault(finding.rule, Counter())[finding.severity.value] += 1
    by_severity = Counter(f.severity.value for f in result.findings)
    stray = tuple(finding_view(i, f) for i, f in enumerate(result.findings) if f.bead is None)
    return SummaryView(
        src_lang=result.src_lang, tgt_lang=result.tgt_lang,
        src_segments=len(result.alignment.src_segments),
        tgt_segments=len(result.alignment.tgt_segments),
        beads=len(beads),
        beads_by_kind=tuple(sorted(kinds.items(), key=lambda kv: _kind_order(kv[0]))),
        low_confidence=sum(1 for b in beads if b.low_confidence),
        problem_beads=sum(1 for b in beads if b.problem),
        findings=len(result.findings),
        by_severity=tuple((s, by_severity.get(s, 0)) for s in _SEVERITIES),
        by_rule=tuple((rule, tuple(counts.get(s, 0) for s in _SEVERITIES), sum(counts.values()))
                      for rule, counts in sorted(per_rule.items())),
        glossary_hash=result.glossary_hash, threshold=low_confidence, stray_findings=stray,
    )


def _kind_order(kind: str) -> tuple[int, int]:
    src, tgt = kind.split("-")
    return int(src), int(tgt)


def _content_security_policy(css: str, js: str) -> str:
    """Only our own inline style and script may run; nothing may be fetched."""
    return (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def _asset(name: str) -> str:
    return files("glossalign.pipeline").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("glossalign.pipeline", "templates"),
                       autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)
