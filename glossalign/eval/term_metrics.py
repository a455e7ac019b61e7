"""Terminology metrics of a line-aligned translation against a glossary.

Definitions (source lines and hypothesis lines are paired line by line; line *i* of the hypothesis
is the aligned target of line *i* of the source):

* **Source concept occurrence**: one distinct ``(line, start, end, concept)`` among the source
  :class:`~glossalign.stage_data.TermHit` s (a span that matches two terms of one concept counts
  once).
* A target span is *approved* for a concept when any term matched there is preferred/admitted,
  *disapproved* when all terms matched there are deprecated/superseded.
* Per line and concept, with ``n`` source occurrences, ``a`` approved and ``d`` disapproved target
  spans: ``correct = min(n, a)`` and ``forbidden = min(n - correct, d)``: each target span renders
  at most one source occurrence, and an occurrence rendered correctly is never also forbidden.
* **term_accuracy** = Σ correct / Σ occurrences; **forbidden_rate** = Σ forbidden / Σ occurrences.
  With no occurrence in the source there is nothing to measure: both are ``None`` (``null`` in
  JSON) and :meth:`TermMetrics.null_reasons` says why. A threshold on a ``None`` metric fails.
* **forbidden_renderings**: disapproved target spans anywhere in the hypothesis (source or not).
* **term_consistency** (after WMT 2023's term consistency): for each concept, its *renderings* are
  the target spans of that concept on lines whose source has the concept (at most ``n`` per line,
  first in text order), in document order. The first rendering is the pseudo-reference. Each later
  rendering scores token-level F1 against it: tokens are the language profile's matching units
  (stemmed, case-folded words for spaced scripts; folded characters for Chinese/Japanese), counted
  as multisets; ``common = |later ∩ first|``, ``P = common/|later|``, ``R = common/|first|``,
  ``F1 = 2PR/(P+R)`` (0 when nothing is common). A concept scores the mean F1 of its later
  renderings, 1.0 when it has a single rendering; the document scores the mean over concepts with at
  least one rendering (``None`` when none has: nothing to measure). Across documents (a corpus) the
  consistency is the mean over all (document, concept) pairs: ``consistency_sum /
  consistency_concepts``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

from glossalign.errors import InputError
from glossalign.glossary.matcher import match_terms, matcher_for
from glossalign.glossary.model import TermBase
from glossalign.languages import get_profile
from glossalign.stage_data import Segment, TermHit

Hits = Sequence[Sequence[TermHit]]
RATE_NAMES = ("term_accuracy", "forbidden_rate", "term_consistency")


@dataclass(frozen=True, slots=True)
class TermMetrics:
    """Counts behind the terminology metrics; documents combine by adding the counts."""

    term_occurrences: int = 0
    term_correct: int = 0
    term_forbidden: int = 0
    forbidden_renderings: int = 0
    consistency_sum: float = 0.0
    consistency_concepts: int = 0

    @property
    def term_accuracy(self) -> float | None:
        """Share of source term occurrences rendered with an approved term; None: no occurrence."""
        return self.term_correct / self.term_occurrences if self.term_occurrences else None

    @property
    def forbidden_rate(self) -> float | None:
        """Share rendered with a disapproved term; None when the source has no occurrence."""
        return self.term_forbidden / self.term_occurrences if self.term_occurrences else None

    @property
    def term_consistency(self) -> float | None:
        """Mean rendering consistency over concepts; None when no concept was rendered."""
        if not self.consistency_concepts:
            return None
        return self.consistency_sum / self.consistency_concepts

    def rates(self) -> dict[str, float | None]:
        """The three rates, keyed by RATE_NAMES (None where there is nothing to measure)."""
        return {name: getattr(self, name) for name in RATE_NAMES}

    def null_reasons(self) -> dict[str, str]:
        """Why each rate that is None has no value."""
        reasons = {}
        if not self.term_occurrences:
            for name in ("term_accuracy", "forbidden_rate"):
                reasons[name] = "no glossary term occurs in the source"
        if not self.consistency_concepts:
            reasons["term_consistency"] = "no glossary concept is rendered in the translation"
        return reasons

    def as_dict(self) -> dict[str, Any]:
        """The three rates, the counts behind them and, when a rate is None, ``null_reasons``."""
        counts = {f.name: float(getattr(self, f.name)) for f in fields(self)}
        reasons = self.null_reasons()
        return {**self.rates(), **counts, **({"null_reasons": reasons} if reasons else {})}

    @classmethod
    def combine(cls, parts: Iterable[TermMetrics]) -> TermMetrics:
        """Counts summed; the consistency sum exactly, so the order of documents never matters."""
        parts = list(parts)
        counts = {f.name: sum(getattr(part, f.name) for part in parts)
                  for f in fields(cls) if f.name != "consistency_sum"}
        consistency = sum((Fraction(part.consistency_sum) for part in parts), Fraction(0))
        return cls(**counts, consistency_sum=float(consistency))


def term_metrics(src_lines: Sequence[str], hyp_lines: Sequence[str], termbase: TermBase,
                 src_lang: str, tgt_lang: str) -> TermMetrics:
    """Terminology metrics of hypothesis lines against their source lines (see module doc)."""
    _check_line_aligned(len(src_lines), len(hyp_lines))
    src_segments = [Segment(text, src_lang, None, i + 1) for i, text in enumerate(src_lines)]
    hyp_segments = [Segment(text, tgt_lang, None, i + 1) for i, text in enumerate(hyp_lines)]
    src_hits = match_terms(src_segments, matcher_for(termbase, src_lang))
    hyp_hits = match_terms(hyp_segments, matcher_for(termbase, tgt_lang))
    return term_metrics_from_hits(src_hits, hyp_hits, tgt_lang)


def term_metrics_from_hits(src_hits: Hits, hyp_hits: Hits, tgt_lang: str) -> TermMetrics:
    """The metrics from term hits already found (per line, as ``check_alignment`` returns them)."""
    _check_line_aligned(len(src_hits), len(hyp_hits))
    occurrences = correct = forbidden = forbidden_renderings = 0
    renderings: dict[str, list[str]] = defaultdict(list)
    for src_line, hyp_line in zip(src_hits, hyp_hits, strict=True):
        wanted = Counter(concept for _, _, concept in {(h.start, h.end, h.concept)
                                                       for h in src_line})
        approved, disapproved = _target_spans(hyp_line)
        forbidden_renderings += sum(len(spans) for spans in disapproved.values())
        for concept, n in wanted.items():
            good = min(n, len(approved.get(concept, ())))
            bad = min(n - good, len(disapproved.get(concept, ())))
            occurrences, correct, forbidden = occurrences + n, correct + good, forbidden + bad
            spans = sorted(approved.get(concept, []) + disapproved.get(concept, []))
            renderings[concept].extend(text for _, text in spans[:n])
    scores = [rendering_consistency(texts, tgt_lang) for texts in renderings.values() if texts]
    return TermMetrics(occurrences, correct, forbidden, forbidden_renderings,
                       float(sum(Fraction(s) for s in scores)), len(scores))


def _check_line_aligned(src_count: int, hyp_count: int) -> None:
    if src_count != hyp_count:
        raise InputError(f"hypothesis has {hyp_count} lines but the source has {src_count}; "
                         "term metrics need line-aligned text")


def _target_spans(line: Sequence[TermHit]
                  ) -> tuple[dict[str, list[tuple[int, str]]], dict[str, list[tuple[int, str]]]]:
    """Per concept, the approved and the disapproved distinct spans: ``(start, surface text)``."""
    status: dict[tuple[str, int, int], bool] = {}
    texts: dict[tuple[str, int, int], str] = {}
    for hit in line:
        key = (hit.concept, hit.start, hit.end)
        status[key] = status.get(key, False) or hit.approved
        texts[key] = hit.text
    approved: dict[str, list[tuple[int, str]]] = defaultdict(list)
    disapproved: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, ok in status.items():
        (approved if ok else disapproved)[key[0]].append((key[1], texts[key]))
    return approved, disapproved


def rendering_consistency(renderings: Sequence[str], lang: str) -> float:
    """Mean token F1 of renderings 2..n against the first; 1.0 for a single rendering."""
    if len(renderings) < 2:
        return 1.0
    profile = get_profile(lang)
    first = Counter(profile.match_units(renderings[0])[0])
    later = [Counter(profile.match_units(text)[0]) for text in renderings[1:]]
    return sum(token_f1(tokens, first) for tokens in later) / len(later)


def token_f1(candidate: Counter[str], reference: Counter[str]) -> float:
    """F1 of two token multisets; 0.0 when they share nothing (or either is empty)."""
    common = sum((candidate & reference).values())
    if not common:
        return 0.0
    precision = common / sum(candidate.values())
    recall = common / sum(reference.values())
    return 2 * precision * recall / (precision + recall)
