"""Check rules: small functions from aligned text and term hits to findings.

Each rule has an id, a default severity and a one-line description (shown in reports). The list
:data:`RULES` is the whole catalogue; users enable, disable and re-grade rules by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from glossalign.alignment_plausibility import Plausibility, assess_alignment
from glossalign.corpora.mojibake import find_encoding_damage
from glossalign.glossary.adapt import adapt_replacement
from glossalign.glossary.fingerprints import SegmentKeys, fingerprint_of
from glossalign.glossary.model import TermBase
from glossalign.glossary.nested import Inside, concepts_inside_terms, rendered_inside
from glossalign.stage_data import (
    Alignment,
    Bead,
    Finding,
    Location,
    Segment,
    Severity,
    TermHit,
)

_UNKNOWN = "\x00unknown"  # a memo miss (compared by identity, never equal to a real one)


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a rule may look at. ``src_*`` are empty in target-only mode."""

    alignment: Alignment
    termbase: TermBase
    tgt_lang: str
    src_lang: str | None
    src_hits: tuple[tuple[TermHit, ...], ...]  # per source segment
    tgt_hits: tuple[tuple[TermHit, ...], ...]  # per target segment
    tgt_beads: dict[int, int]  # target segment -> index of its bead
    # Answers computed once per check and asked many times (a concept's suggestion for one
    # surface form, the plausibility verdict): the rules run per hit over large documents.
    # Not init fields: a context made by replace() starts with empty memos of its own.
    _suggestions: dict[tuple[str, str, str], str | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _plausibility: list[Plausibility] = field(default_factory=list, init=False, repr=False,
                                              compare=False)
    _segment_keys: SegmentKeys = field(default_factory=dict, init=False, repr=False,
                                       compare=False)

    @classmethod
    def build(cls, alignment: Alignment, termbase: TermBase, tgt_lang: str, src_lang: str | None,
              src_hits: tuple[tuple[TermHit, ...], ...],
              tgt_hits: tuple[tuple[TermHit, ...], ...]) -> CheckContext:
        tgt_beads = {t: b for b, bead in enumerate(alignment.beads) for t in bead.tgt}
        return cls(alignment, termbase, tgt_lang, src_lang, src_hits, tgt_hits, tgt_beads)

    @property
    def bilingual(self) -> bool:
        return self.src_lang is not None and bool(self.alignment.src_segments)

    @property
    def plausibility(self) -> Plausibility:
        """:func:`assess_alignment` of the alignment, judged once per check."""
        if not self._plausibility:
            self._plausibility.append(assess_alignment(self.alignment))
        return self._plausibility[0]

    def fingerprint(self, rule: str, concept: str | None, found: str | None,
                    target: Location | None, source: Location | None) -> str:
        """The fingerprint of a finding with these fields, for a rule to set as it makes it
        (a finding made without one gets it later, at the cost of making it twice)."""
        return fingerprint_of(rule, concept, found, target, source, self.alignment,
                              self._segment_keys)

    def tgt_location(self, hit: TermHit) -> Location:
        return Location.of(self.alignment.tgt_segments, hit.segment, hit.start, hit.end)

    def src_location(self, hit: TermHit) -> Location:
        return Location.of(self.alignment.src_segments, hit.segment, hit.start, hit.end)

    @property
    def inside(self) -> Inside:
        """Concepts with a term inside each target glossary term (:mod:`nested`)."""
        return concepts_inside_terms(self.termbase, self.tgt_lang)

    def suggestion_for(self, hit: TermHit) -> str | None:
        key = (hit.concept, hit.term, hit.text)
        known = self._suggestions.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        preferred = self.termbase.concepts[hit.concept].preferred(self.tgt_lang)
        suggestion = (None if preferred is None else
                      adapt_replacement(hit.text, hit.term, preferred.text, self.tgt_lang))
        self._suggestions[key] = suggestion
        return suggestion


RuleFunction = Callable[[CheckContext], Iterator[Finding]]
# (rule, concept, found, target, source) -> the fingerprint of a finding with those fields
Fingerprinter = Callable[[str, str | None, str | None, Location | None, Location | None], str]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    description: str
    run: RuleFunction
    needs_source: bool = False
    # A rule that looks at the whole document at once (not one segment at a time): the streaming
    # target-only check (pipeline/check_stream.py) must know how to run it.
    document_wide: bool = False


def check_disapproved_terms(ctx: CheckContext, status: str, rule: str,
                            severity: Severity) -> Iterator[Finding]:
    bilingual, tgt_beads = ctx.bilingual, ctx.tgt_beads
    for seg_hits in ctx.tgt_hits:
        for hit in seg_hits:
            if hit.status != status:
                continue
            suggestion = ctx.suggestion_for(hit)
            advice = f"; use “{suggestion}”" if suggestion else ""
            bead = tgt_beads.get(hit.segment)
            target = ctx.tgt_location(hit)
            source = (_source_of_concept(ctx, bead, hit.concept)
                      if bilingual and bead is not None else None)
            yield Finding(rule, severity, f"{status} rendering “{hit.text}”{advice}",
                          concept=hit.concept, found=hit.text, suggestion=suggestion,
                          target=target, bead=bead, source=source,
                          fingerprint=ctx.fingerprint(rule, hit.concept, hit.text, target,
                                                      source))


def _source_of_concept(ctx: CheckContext, bead: int, concept: str) -> Location | None:
    """Where the aligned source of ``bead`` names ``concept`` (bilingual checks only)."""
    for index in ctx.alignment.beads[bead].src:
        for hit in ctx.src_hits[index]:
            if hit.concept == concept:
                return ctx.src_location(hit)
    return None


def check_forbidden(ctx: CheckContext) -> Iterator[Finding]:
    return check_disapproved_terms(ctx, "deprecated", "forbidden-term", Severity.ERROR)


def check_superseded(ctx: CheckContext) -> Iterator[Finding]:
    return check_disapproved_terms(ctx, "superseded", "superseded-term", Severity.WARNING)


def check_missing(ctx: CheckContext) -> Iterator[Finding]:
    """A source concept whose aligned target has no rendering of the concept at all.

    A target with only a disapproved rendering is reported by the forbidden/superseded rules.
    A bead with no target sentence (an omission) renders nothing, so its source concepts are
    missing too: an omitted sentence must not hide its terms. A rendering inside a longer
    target term of another concept counts (:meth:`CheckContext.rendered_inside`).
    """
    tgt_hits, src_hits = ctx.tgt_hits, ctx.src_hits
    pending: list[tuple[int, Bead, list[TermHit], list[TermHit]]] = []
    for index, bead in enumerate(ctx.alignment.beads):
        if not bead.src:
            continue
        rendered = {h.concept for t in bead.tgt for h in tgt_hits[t]}
        lacking: dict[str, TermHit] = {}
        for s in bead.src:
            for hit in src_hits[s]:
                if hit.concept not in rendered:
                    lacking.setdefault(hit.concept, hit)
        if lacking:  # the target's hits only where a rendering may hide inside a longer term
            hits = [h for t in bead.tgt for h in tgt_hits[t]] if rendered else []
            pending.append((index, bead, list(lacking.values()), hits))
    inside = ctx.inside if any(hits for *_, hits in pending) else {}
    for index, bead, lacking_hits, hits in pending:
        yield from _missing_findings(ctx, index, bead, lacking_hits, hits, inside)


def _missing_findings(ctx: CheckContext, index: int, bead: Bead, lacking: list[TermHit],
                      hits: list[TermHit], inside: Inside) -> Iterator[Finding]:
    concepts = ctx.termbase.concepts
    target: Location | None = None
    for hit in lacking:
        if hits and rendered_inside(inside, hit.concept, hits):
            continue
        preferred = concepts[hit.concept].preferred(ctx.tgt_lang)
        if preferred is None:
            continue  # the glossary has no rendering to ask for
        if target is None and bead.tgt:
            target = _whole_segment(ctx.alignment.tgt_segments, bead.tgt[0])
        why = "" if bead.tgt else " (its sentence has no translation)"
        source = ctx.src_location(hit)
        yield Finding("missing-term", Severity.ERROR,
                      f"“{hit.text}” is not rendered{why}; expected “{preferred.text}”",
                      concept=hit.concept, found=hit.text, suggestion=preferred.text,
                      source=source, target=target, bead=index,
                      fingerprint=ctx.fingerprint("missing-term", hit.concept, hit.text,
                                                  target, source))


def _whole_segment(segments: tuple[Segment, ...], index: int) -> Location:
    """The span of a whole segment (a missing term's target: not 0..0)."""
    return Location.of(segments, index, 0, len(segments[index].text))


def _unpaired_sentences(ctx: CheckContext, side: int) -> Iterator[tuple[int, int, str]]:
    """(bead index, first sentence, text) of each non-blank bead with nothing on the other side
    (``side`` 0: source sentences without a translation, 1: target sentences without a source)."""
    for index, bead in enumerate(ctx.alignment.beads):
        own, other = (bead.src, bead.tgt) if side == 0 else (bead.tgt, bead.src)
        if other:
            continue
        text = ctx.alignment.bead_texts(bead)[side]
        if text.strip():
            yield index, own[0], text


def check_omission(ctx: CheckContext) -> Iterator[Finding]:
    """A source sentence aligned to nothing: its content is missing from the translation."""
    segments = ctx.alignment.src_segments
    for index, first, text in _unpaired_sentences(ctx, 0):
        yield Finding("omission", Severity.ERROR,
                      f"source sentence has no translation: “{_excerpt(text)}”",
                      found=_excerpt(text), source=_whole_segment(segments, first), bead=index)


def check_addition(ctx: CheckContext) -> Iterator[Finding]:
    """A target sentence aligned to no source sentence: added (or misplaced) content."""
    segments = ctx.alignment.tgt_segments
    for index, first, text in _unpaired_sentences(ctx, 1):
        yield Finding("addition", Severity.WARNING,
                      f"target sentence has no source: “{_excerpt(text)}”",
                      found=_excerpt(text), target=_whole_segment(segments, first), bead=index)


def check_implausible(ctx: CheckContext) -> Iterator[Finding]:
    """One finding when the alignment as a whole is not believable (see ``plausibility``)."""
    verdict = ctx.plausibility
    if verdict.plausible or not ctx.alignment.src_segments:
        return
    yield Finding("implausible-alignment", Severity.ERROR,
                  f"implausible alignment: {verdict.reason}",
                  source=Location.of(ctx.alignment.src_segments, 0, 0, 0),
                  details=verdict.as_json())


def _excerpt(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit - 1] + "…"
@dataclass(frozen=True, slots=True)
class Rendering:
    """Every occurrence of one spelling of a concept, as ``inconsistent-term`` reports it."""

    term: str  # the glossary's spelling, from the first occurrence
    status: str
    found: str  # surface text of the first occurrence
    first_segment: int
    target: Location  # of the first occurrence
    bead: int | None  # of the first occurrence
    locations: list[dict[str, object]]  # of every occurrence, in document order


def inconsistent_finding(concept: str, renderings: list[Rendering], termbase: TermBase,
                         tgt_lang: str, fingerprint_with: Fingerprinter | None = None) -> Finding:
    """The finding for a concept rendered in two ways or more (``renderings`` in any order),
    fingerprinted by ``fingerprint_with`` (:meth:`CheckContext.fingerprint`) when given."""
    variants = sorted(renderings, key=lambda r: (-len(r.locations), r.first_segment))
    listing = [{"term": r.term, "status": r.status, "count": len(r.locations),
                "locations": r.locations} for r in variants]
    summary = ", ".join(f"“{v['term']}” ×{v['count']}" for v in listing)
    second = min(variants[1:], key=lambda r: r.first_segment)
    preferred = termbase.concepts[concept].preferred(tgt_lang)
    fingerprint = ("" if fingerprint_with is None else
                   fingerprint_with("inconsistent-term", concept, second.found, second.target,
                                    None))
    return Finding("inconsistent-term", Severity.WARNING,
                   f"concept rendered {len(variants)} ways: {summary}",
                   concept=concept, found=second.found,
                   suggestion=preferred.text if preferred else variants[0].term,
                   target=second.target, bead=second.bead, details={"variants": listing},
                   fingerprint=fingerprint)


def check_inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    """A concept rendered in more than one way across the document."""
    renderings = _hits_by_rendering(ctx.tgt_hits)
    segments = ctx.alignment.tgt_segments
    for concept, by_term in renderings.items():
        if len(by_term) < 2:
            continue
        yield inconsistent_finding(concept, [
            Rendering(hits[0].term, hits[0].status, hits[0].text, hits[0].segment,
                      ctx.tgt_location(hits[0]), ctx.tgt_beads.get(hits[0].segment),
                      _hit_locations(segments, hits))
            for hits in by_term.values()], ctx.termbase, ctx.tgt_lang, ctx.fingerprint)


def _hits_by_rendering(tgt_hits: tuple[tuple[TermHit, ...], ...]
                       ) -> dict[str, dict[str, list[TermHit]]]:
    """Concept -> casefolded glossary spelling -> its hits, all in order of first occurrence.

    Every hit of the document passes here: plain dicts and one casefold per distinct spelling.
    """
    renderings: dict[str, dict[str, list[TermHit]]] = {}
    folded: dict[str, str] = {}
    for seg_hits in tgt_hits:
        for hit in seg_hits:
            term = hit.term
            key = folded.get(term)
            if key is None:
                key = folded[term] = term.casefold()
            by_term = renderings.get(hit.concept)
            if by_term is None:
                renderings[hit.concept] = {key: [hit]}
                continue
            hits = by_term.get(key)
            if hits is None:
                by_term[key] = [hit]
            else:
                hits.append(hit)
    return renderings


def check_encoding_damage(ctx: CheckContext) -> Iterator[Finding]:
    segments = ctx.alignment.tgt_segments
    for index, segment in enumerate(segments):
        for damage in find_encoding_damage(segment.text):
            yield Finding("encoding-damage", Severity.ERROR,
                          f"“{damage.found}” looks like UTF-8 read as {damage.codec}; "
                          f"should read “{damage.repaired}”",
                          found=damage.found, suggestion=damage.repaired,
                          target=Location.of(segments, index, damage.start, damage.end),
                          bead=ctx.tgt_beads.get(index))


def _hit_locations(segments: tuple[Segment, ...], hits: list[TermHit]
                   ) -> list[dict[str, object]]:
    """Where each hit is, as ``inconsistent-term`` lists it (line, column and offsets)."""
    locations: list[dict[str, object]] = []
    for hit in hits:
        segment = segments[hit.segment]
        if segment.line_starts:
            line, column = segment.position(hit.start)
        else:  # a one-line segment: what position() computes, without the call
            line, column = segment.line, segment.column + hit.start
        locations.append({"line": line, "column": column, "segment": hit.segment,
                          "start": hit.start, "end": hit.end})
    return locations


RULES: tuple[Rule, ...] = (
    Rule("forbidden-term", Severity.ERROR,
         "a deprecated (forbidden) rendering of a glossary concept", check_forbidden),
    Rule("superseded-term", Severity.WARNING,
         "a superseded rendering of a glossary concept", check_superseded),
    Rule("missing-term", Severity.ERROR,
         "a source concept with no rendering in the aligned target", check_missing,
         needs_source=True),
    Rule("omission", Severity.ERROR,
         "a source sentence aligned to no target sentence (untranslated content)",
         check_omission, needs_source=True),
    Rule("addition", Severity.WARNING,
         "a target sentence aligned to no source sentence (added content)", check_addition,
         needs_source=True),
    Rule("implausible-alignment", Severity.ERROR,
         "most beads null or confidence near zero: the translation looks unrelated or empty",
         check_implausible, needs_source=True),
    Rule("inconsistent-term", Severity.WARNING,
         "one concept rendered in more than one way across the document", check_inconsistent,
         document_wide=True),
    Rule("encoding-damage", Severity.ERROR,
         "mojibake: text decoded with the wrong codec", check_encoding_damage),
)

def _check_unglossed(ctx: CheckContext) -> Iterator[Finding]:
    from glossalign.glossary.unglossed import check_unglossed_inconsistent

    return check_unglossed_inconsistent(ctx)


# Rules a config must switch on (``rule-id = "warning"`` in its [rules] table).
OPT_IN_RULES: tuple[Rule, ...] = (
    Rule("inconsistent-unglossed-term", Severity.WARNING,
         "a recurring source term not in the glossary, rendered in more than one way "
         "(mined from the document; reported as inconsistent-term)", _check_unglossed,
         needs_source=True),
)
RULES_BY_ID = {rule.id: rule for rule in RULES + OPT_IN_RULES}


def run_rules(ctx: CheckContext, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every finding of every applicable rule, with the rule's (possibly re-graded) severity."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.needs_source and not ctx.bilingual:
            continue
        findings.extend(f if f.severity == rule.severity else replace(f, severity=rule.severity)
                        for f in rule.run(ctx))
    findings.sort(key=finding_order)
    return findings


def finding_order(finding: Finding) -> tuple[int, int, int, str]:
    """Document order: position of the target (else source) location, then the rule id."""
    where = finding.target or finding.source
    if where is None:
        return (0, 0, 0, finding.rule)
    return (where.line, where.column, where.start, finding.rule)
