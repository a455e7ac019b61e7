"""Per-sentence decoding constraints: token sequences to ban and terms to render.

For every glossary concept found in a source sentence:

- its deprecated and superseded target renderings are *banned*, in every tokenization that
  matters: as written, lower case, Capitalised, Title Case and plural (where the language's
  profile spells one: :meth:`~glossalign.languages.LanguageProfile.term_plural`), each at word
  start (``▁term``), glued to a preceding character (after a bracket or quote) and spelled word
  by word (what a model emits when it does not use a whole-term piece);
- its preferred rendering is *required*: ``forced`` is the sequence decoding inserts,
  ``accepted`` every sequence that counts as the term being rendered.

The sets are per sentence, so one batch can hold sentences with different constraints.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from glossalign.glossary.model import DISAPPROVED, Concept, TermBase
from glossalign.languages import get_profile

logger = logging.getLogger(__name__)

TokenSeq = tuple[int, ...]
MODES = ("force", "favour")  # hard constraints, or biases only (see processor.py)
SPACE = "\u2581"  # sentencepiece's word-start mark
_PROBE = "("  # a character after which a word is written without a leading space


@dataclass(frozen=True, slots=True)
class RequiredTerm:
    concept: str
    text: str
    forced: TokenSeq
    accepted: tuple[TokenSeq, ...]  # includes ``forced``
    inner: frozenset[int] = frozenset()  # tokens a started, unfinished spelling may end with
    finals: frozenset[int] = frozenset()  # last tokens: a rendered term holds one of them

    @classmethod
    def make(cls, concept: str, text: str, forced: TokenSeq,
             accepted: Iterable[TokenSeq]) -> RequiredTerm:
        spellings = tuple(dict.fromkeys((forced, *accepted)))
        inner = frozenset(token for seq in spellings for token in seq[:-1])
        return cls(concept, text, forced, spellings, inner, frozenset(s[-1] for s in spellings))


@dataclass(frozen=True, slots=True)
class ConceptPlan:
    """What decoding does about one concept of a sentence."""

    concept: str
    preferred: str
    banned_terms: tuple[str, ...]
    banned: tuple[TokenSeq, ...]
    required: RequiredTerm | None  # None when the term cannot be spelled in the vocabulary


@dataclass(frozen=True, slots=True)
class SentenceConstraints:
    concepts: tuple[ConceptPlan, ...] = ()

    @property
    def required(self) -> tuple[RequiredTerm, ...]:
        return tuple(c.required for c in self.concepts if c.required is not None)

    @property
    def banned(self) -> tuple[TokenSeq, ...]:
        seen: dict[TokenSeq, None] = {}
        for plan in self.concepts:
            seen.update(dict.fromkeys(plan.banned))
        return tuple(seen)

    def __bool__(self) -> bool:
        return bool(self.concepts)


def with_plurals(forms: list[str], lang: str) -> list[str]:
    """``forms`` and, where the language's profile spells one, the plural of each."""
    plural = get_profile(lang).term_plural
    return forms + [p for p in map(plural, forms) if p is not None]


def surface_forms(text: str, lang: str) -> list[str]:
    """The spellings of a term worth banning: casings, and their plurals (English)."""
    forms = with_plurals([text, text.lower(), text[:1].upper() + text[1:], text.title()], lang)
    return list(dict.fromkeys(f for f in forms if f))


class TargetEncoder:
    """Token ids of target-language text, cached; ``None`` for text the vocabulary lacks."""

    def __init__(self, tokenizer: Any, lang: str):
        self.tokenizer = tokenizer
        self.spaced = get_profile(lang).spaced
        self._cache: dict[str, TokenSeq | None] = {}
        self._probe = self.encode(_PROBE)

    def encode(self, text: str) -> TokenSeq | None:
        if text not in self._cache:
            ids = self.tokenizer(text_target=text, add_special_tokens=False)["input_ids"]
            unknown = self.tokenizer.unk_token_id
            self._cache[text] = tuple(ids) if ids and unknown not in ids else None
        return self._cache[text]

    def glue_ids(self) -> list[int]:
        """Pieces that continue a word (no ``▁``, a letter or digit first); empty for unspaced
        scripts. Banned right after a required term, so that the term stays a word of its own.
        """
        if not self.spaced:
            return []
        pieces = self.tokenizer.convert_ids_to_tokens(list(range(len(self.tokenizer))))
        return [i for i, piece in enumerate(pieces)
                if piece and piece[0] != SPACE and piece[0].isalnum()]

    def variants(self, text: str) -> list[TokenSeq]:
        """At word start, glued to a preceding character, and word by word."""
        found: list[TokenSeq] = []
        whole = self.encode(text)
        if whole:
            found.append(whole)
        glued = self.encode(_PROBE + text)
        probe = self._probe
        if glued and probe and glued[: len(probe)] == probe and len(glued) > len(probe):
            found.append(glued[len(probe):])
        words = text.split()
        if self.spaced and len(words) > 1:
            parts = [self.encode(w) for w in words]
            if all(parts):
                found.append(tuple(i for part in parts if part for i in part))
        return list(dict.fromkeys(found))


class ConstraintBuilder:
    """Builds :class:`SentenceConstraints` for concept lists, one plan per concept, cached."""

    def __init__(self, termbase: TermBase, tokenizer: Any, tgt_lang: str):
        self.termbase = termbase
        self.tgt_lang = tgt_lang
        self.encoder = TargetEncoder(tokenizer, tgt_lang)
        self._plans: dict[str, ConceptPlan | None] = {}

    @cached_property
    def glue_ids(self) -> list[int]:
        return self.encoder.glue_ids()  # a pass over the whole vocabulary: done once

    def for_concepts(self, concept_ids: Iterable[str]) -> SentenceConstraints:
        plans = (self.plan(c) for c in dict.fromkeys(concept_ids))
        return SentenceConstraints(tuple(p for p in plans if p is not None))

    def plan(self, concept_id: str) -> ConceptPlan | None:
        """None when the glossary has no rendering in the target language to ask for."""
        if concept_id not in self._plans:
            self._plans[concept_id] = self._build(self.termbase.concepts[concept_id])
        return self._plans[concept_id]

    def _build(self, concept: Concept) -> ConceptPlan | None:
        preferred = concept.preferred(self.tgt_lang)
        if preferred is None:
            return None
        required = self._required(concept.id, preferred.text)
        banned_terms = tuple(t.text for t in concept.terms_in(self.tgt_lang)
                             if t.status in DISAPPROVED)
        accepted = set(required.accepted) if required else set()
        banned: dict[TokenSeq, None] = {}
        for term in banned_terms:
            for form in surface_forms(term, self.tgt_lang):
                for seq in self.encoder.variants(form):
                    if seq not in accepted:
                        banned.setdefault(seq, None)
        if required is None:
            logger.warning("concept %s: “%s” cannot be spelled in the model's vocabulary; "
                           "it is left to the post-check", concept.id, preferred.text)
        return ConceptPlan(concept.id, preferred.text, banned_terms, tuple(banned), required)

    def _required(self, concept_id: str, text: str) -> RequiredTerm | None:
        forced = self.encoder.encode(text)
        if forced is None:
            return None
        accepted: dict[TokenSeq, None] = {forced: None}
        # Plurals too: the matcher stems them, so the post-check accepts them as the term.
        forms = with_plurals([text, text[:1].upper() + text[1:]], self.tgt_lang)
        for form in dict.fromkeys(forms):
            accepted.update(dict.fromkeys(self.encoder.variants(form)))
        return RequiredTerm.make(concept_id, text, forced, accepted)


def source_concepts(hits: Sequence[Any]) -> list[str]:
    """Concept ids of a sentence's source term hits, first occurrence first."""
    return list(dict.fromkeys(hit.concept for hit in hits))
