"""The scoring report: one self-contained HTML page for one or more systems (``score --html``).

Corpus scores with 95% confidence intervals (sacrebleu's paired bootstrap; for a single system
the bootstrap is run against a copy of itself, which gives its interval), the significance table,
a histogram of segment scores per metric (inline SVG drawn here), term accuracy per concept when a
glossary is given, and for two systems every segment side by side, sorted by the difference in
chrF++, with the term hits marked. Every text goes through jinja2's autoescaping; the page has no
script at all and its Content-Security-Policy allows none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from glossalign.eval.metrics import METRIC_KEYS
from glossalign.eval.score_report import ScoreReport
from glossalign.eval.significance import MetricSignificance, paired_significance
from glossalign.glossary.model import TermBase
from glossalign.pipeline.html_assets import asset, content_security_policy, environment
from glossalign.stage_data import Segment, TermHit

BINS = 10
COMPARE_METRIC = "chrf++"
_COLOURS = ("#0b4f9c", "#b3001b", "#0a6b2d", "#8a4600", "#6f2da8", "#57606a")


@dataclass(frozen=True, slots=True)
class ScoreTexts:
    """The lines that were scored: source (optional), first reference, each hypothesis."""

    src: list[str] | None
    ref: list[str]
    hyps: list[list[str]]


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    css: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class CompareRow:
    segment: int  # 1-based, as a line number
    diff: float
    scores: tuple[float, float]
    src: tuple[Piece, ...]
    ref: tuple[Piece, ...]
    hyps: tuple[tuple[Piece, ...], tuple[Piece, ...]]


@dataclass(frozen=True, slots=True)
class ConceptRow:
    concept: str
    occurrences: int
    accuracy: tuple[float | None, ...]  # per system


def render_score_report(report: ScoreReport, texts: ScoreTexts, *, title: str,
                        termbase: TermBase | None = None, src_lang: str | None = None) -> str:
    """The page (see the module doc); ``termbase`` adds term accuracy and marked term hits."""
    names = [h.path for h in report.hypotheses]
    hits = _term_hits(texts, termbase, src_lang, report.tgt_lang)
    css = asset("score.css")
    return environment().get_template("score.html.j2").render(
        title=title, report=report, names=names, metrics=METRIC_KEYS,
        colours=_COLOURS, intervals=confidence_intervals(report, texts),
        significance=report.significance,
        plots={key: histogram_svg(report, key) for key in METRIC_KEYS},
        concepts=concept_rows(hits, len(names)) if hits else [],
        compare=compare_rows(report, texts, hits) if len(names) == 2 else [],
        css=Markup(css), csp=content_security_policy(css, None),
    )


def confidence_intervals(report: ScoreReport,
                         texts: ScoreTexts) -> dict[tuple[str, str], tuple[float, float]]:
    """(system, metric) -> 95% interval from the paired bootstrap."""
    tests: Sequence[MetricSignificance] = [t for t in report.significance if t.test == "bs"]
    if not tests and report.hypotheses:
        only = report.hypotheses[0].path
        hyps = texts.hyps[0]
        tests = paired_significance([(only, hyps), (only + " (copy)", list(hyps))], [texts.ref],
                                    report.tgt_lang, test_type="bs")
    intervals: dict[tuple[str, str], tuple[float, float]] = {}
    for test in tests:
        for system in test.systems:
            if system.ci_low is not None and system.ci_high is not None:
                intervals.setdefault((system.system, test.metric), (system.ci_low, system.ci_high))
    return intervals


def histogram_svg(report: ScoreReport, metric: str) -> Markup:
    """Segment-score histogram, one bar group per bin and one bar per system (numbers only)."""
    series = [[row[metric] for row in h.segments] for h in report.hypotheses]
    top = max([100.0, *(v for values in series for v in values)])
    width, height, pad = 420, 160, 28
    counts = [[0] * BINS for _ in series]
    for counter, values in zip(counts, series, strict=True):
        for value in values:
            counter[min(BINS - 1, int(max(0.0, value) / top * BINS))] += 1
    peak = max([1, *(c for counter in counts for c in counter)])
    group = (width - 2 * pad) / BINS  # room for the last tick label
    bar = group / (len(series) + 1)
    shapes = [f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
              'stroke="#57606a"/>']
    for index, counter in enumerate(counts):
        colour = _COLOURS[index % len(_COLOURS)]
        for b, count in enumerate(counter):
            h = (height - 2 * pad) * count / peak
            x = pad + b * group + index * bar
            shapes.append(f'<rect x="{x:.1f}" y="{height - pad - h:.1f}" width="{bar:.1f}" '
                          f'height="{h:.1f}" fill="{colour}"><title>{count}</title></rect>')
    for b in range(BINS + 1):
        if b % 2 == 0:
            shapes.append(f'<text x="{pad + b * group:.1f}" y="{height - pad + 14}" '
                          f'font-size="10" text-anchor="middle">{top * b / BINS:.0f}</text>')
    shapes.append(f'<text x="4" y="{pad - 8}" font-size="10">{peak} segments</text>')
    return Markup(f'<svg viewBox="0 0 {width} {height}" '
                  f'role="img" class="hist" data-metric="{metric}">' + "".join(shapes) + "</svg>")


LineHits = list[tuple[TermHit, ...]]


@dataclass(frozen=True, slots=True)
class TextHits:
    """Term hits per line of the source, the first reference and each hypothesis."""

    src: LineHits
    ref: LineHits
    hyps: list[LineHits]


def _term_hits(texts: ScoreTexts, termbase: TermBase | None, src_lang: str | None,
               tgt_lang: str) -> TextHits | None:
    if termbase is None or texts.src is None or src_lang is None or not len(termbase):
        return None
    from glossalign.glossary.matcher import match_terms, matcher_for

    def hits(lines: list[str], lang: str) -> LineHits:
        segments = [Segment(text, lang, None, i + 1) for i, text in enumerate(lines)]
        return list(match_terms(segments, matcher_for(termbase, lang)))

    return TextHits(hits(texts.src, src_lang), hits(texts.ref, tgt_lang),
                    [hits(lines, tgt_lang) for lines in texts.hyps])


def concept_rows(hits: TextHits, systems: int) -> list[ConceptRow]:
    """Term accuracy per concept and system, by the same counting as ``term_metrics``."""
    from glossalign.eval.term_metrics import term_metrics_from_hits

    src_hits = hits.src
    lines_by_concept: dict[str, list[int]] = defaultdict(list)
    for number, line in enumerate(src_hits):
        for concept in {h.concept for h in line}:
            lines_by_concept[concept].append(number)
    rows = []
    for concept, lines in sorted(lines_by_concept.items()):
        accuracy: list[float | None] = []
        occurrences = 0
        for system in range(systems):
            hyp_hits = hits.hyps[system]
            src_only = [tuple(h for h in src_hits[i] if h.concept == concept) for i in lines]
            hyp_only = [tuple(h for h in hyp_hits[i] if h.concept == concept) for i in lines]
            metrics = term_metrics_from_hits(src_only, hyp_only, "")
            occurrences = metrics.term_occurrences
            accuracy.append(metrics.term_accuracy if metrics.term_occurrences else None)
        rows.append(ConceptRow(concept, occurrences, tuple(accuracy)))
    return rows


def compare_rows(report: ScoreReport, texts: ScoreTexts,
                 hits: TextHits | None) -> list[CompareRow]:
    """Both systems segment by segment, the largest loss of the second system first."""
    first, second = (h.segments for h in report.hypotheses)
    rows = []
    def marked(lines: list[str], line_hits: LineHits | None, i: int) -> tuple[Piece, ...]:
        return pieces(lines[i], line_hits[i] if line_hits is not None else ())

    for i, (a, b) in enumerate(zip(first, second, strict=True)):
        rows.append(CompareRow(
            segment=i + 1, diff=b[COMPARE_METRIC] - a[COMPARE_METRIC],
            scores=(a[COMPARE_METRIC], b[COMPARE_METRIC]),
            src=marked(texts.src, hits.src if hits else None, i) if texts.src is not None else (),
            ref=marked(texts.ref, hits.ref if hits else None, i),
            hyps=(marked(texts.hyps[0], hits.hyps[0] if hits else None, i),
                  marked(texts.hyps[1], hits.hyps[1] if hits else None, i)),
        ))
    return sorted(rows, key=lambda row: (row.diff, row.segment))


def pieces(text: str, hits: Sequence[TermHit]) -> tuple[Piece, ...]:
    """The text cut at term hits; each hit becomes a piece with its status as the CSS class."""
    inside = [h for h in hits if 0 <= h.start < h.end <= len(text)]
    cuts = sorted({0, len(text), *(h.start for h in inside), *(h.end for h in inside)})
    out = []
    for start, end in pairwise(cuts):
        cover = [h for h in inside if h.start <= start and end <= h.end]
        if not cover:
            out.append(Piece(text[start:end]))
            continue
        hit = cover[0]
        css = "term-ok" if hit.approved else f"term-{hit.status}"
        out.append(Piece(text[start:end], css, f"{hit.status} term “{hit.term}” ({hit.concept})"))
    return tuple(out)
