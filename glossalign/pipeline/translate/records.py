"""The enforcement record, and the post-check that repairs what decoding left.

Every output goes through the glossary check of its own sentence: deprecated or superseded
renderings still present are replaced by the preferred term (``fix_text``); a preferred term
still missing is *not* invented into the sentence (there is nothing to replace and no honest
place to put it) but recorded as ``unrepaired``, so no output is silently non-compliant.

Methods, per concept of a sentence:

- ``decoder-constraint``: the decoder output holds the preferred term, decoding forced it or
  kept it (``bias`` instead when decoding only favoured it);
- ``post-repair``: a disapproved rendering in the decoder output was replaced after decoding;
- ``unrepaired``: the preferred term is missing from the final output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossalign.glossary.model import TermBase
from glossalign.pipeline.check import matcher_for
from glossalign.pipeline.fix import Edit, apply_edits, plan_edits
from glossalign.pipeline.translate.constraints import ConceptPlan
from glossalign.stage_data import Segment, TermHit

METHODS = ("decoder-constraint", "bias", "post-repair", "unrepaired")


@dataclass(frozen=True, slots=True)
class ConceptRecord:
    concept: str
    preferred: str
    method: str  # one of METHODS
    banned: tuple[str, ...] = ()
    repairs: tuple[tuple[str, str], ...] = ()  # (found, replacement)
    in_source: bool = True  # False: a disapproved rendering of a concept the source lacks

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"concept": self.concept, "preferred": self.preferred,
                                   "method": self.method, "banned": list(self.banned)}
        if self.repairs:
            data["repairs"] = [{"found": f, "replacement": r} for f, r in self.repairs]
        if not self.in_source:
            data["in_source"] = False
        return data


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    line: int
    source: str
    output: str
    raw_output: str  # what the decoder produced, before the post-check
    concepts: tuple[ConceptRecord, ...]

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "source": self.source, "output": self.output,
                "raw_output": self.raw_output,
                "concepts": [c.to_json() for c in self.concepts]}


@dataclass(frozen=True, slots=True)
class TranslationResult:
    outputs: tuple[str, ...]  # one per input line; blank lines stay blank
    records: tuple[SentenceRecord, ...]  # per translated sentence, when a glossary was given
    settings: dict[str, object] = field(default_factory=dict)

    def method_counts(self) -> Counter[str]:
        return Counter(c.method for r in self.records for c in r.concepts)

    @property
    def unrepaired(self) -> int:
        return self.method_counts().get("unrepaired", 0)

    def to_json(self) -> dict[str, object]:
        return {"settings": self.settings, "methods": dict(self.method_counts()),
                "sentences": [r.to_json() for r in self.records]}


def finalize_sentence(raw: str, plans: Sequence[ConceptPlan], termbase: TermBase, tgt_lang: str,
                      decoder_method: str = "decoder-constraint"
                      ) -> tuple[str, tuple[ConceptRecord, ...]]:
    """The repaired output and one record per concept (source concepts first)."""
    matcher = matcher_for(termbase, tgt_lang)
    raw_hits = matcher.find(raw)
    # fix_text's term logic; encoding repair is left out, a decoder does not misdecode bytes.
    edits = plan_edits(Segment(raw, tgt_lang), 0, raw_hits, termbase, tgt_lang,
                       repair_encoding=False)
    output = apply_edits(raw, edits)
    final_hits = matcher.find(output)
    records = [_record(plan, raw_hits, final_hits, edits, decoder_method) for plan in plans]
    planned = {plan.concept for plan in plans}
    for concept_id in dict.fromkeys(e.concept for e in edits if e.concept):
        if concept_id in planned:
            continue
        concept = termbase.concepts[concept_id]
        preferred = concept.preferred(tgt_lang)
        records.append(ConceptRecord(concept_id, preferred.text if preferred else "",
                                     "post-repair", (), _repairs(edits, concept_id), False))
    return output, tuple(records)


def _has_term(hits: Sequence[TermHit], concept: str, text: str) -> bool:
    return any(h.concept == concept and h.term == text for h in hits)


def _repairs(edits: Sequence[Edit], concept: str) -> tuple[tuple[str, str], ...]:
    return tuple((e.found, e.replacement) for e in edits if e.concept == concept)


def _record(plan: ConceptPlan, raw_hits: Sequence[TermHit], final_hits: Sequence[TermHit],
            edits: Sequence[Edit], decoder_method: str) -> ConceptRecord:
    repairs = _repairs(edits, plan.concept)
    if not _has_term(final_hits, plan.concept, plan.preferred):
        method = "unrepaired"
    elif repairs:
        method = "post-repair"
    elif _has_term(raw_hits, plan.concept, plan.preferred):
        method = decoder_method
    else:
        method = "post-repair"  # the preferred term arrived through a repair of another hit
    return ConceptRecord(plan.concept, plan.preferred, method, plan.banned_terms, repairs)
