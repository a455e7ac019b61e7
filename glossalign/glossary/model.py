"""The term base: concepts holding terms in many languages, each with a TBX status."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from glossalign.languages.bcp47 import (
    base_lang,  # re-exported for older importers
    same_language,
)

STATUSES = ("preferred", "admitted", "deprecated", "superseded", "proposed")
# What term bases and spreadsheets write for our statuses: ISO 12620 / TBX 2008
# normativeAuthorization values (standardized, legal, regulated), IATE's "obsolete" evaluation,
# and the words people put in a status column.
STATUS_ALIASES = {
    "forbidden": "deprecated", "do not use": "deprecated", "dont use": "deprecated",
    "not allowed": "deprecated", "not recommended": "deprecated", "notrecommended": "deprecated",
    "banned": "deprecated", "standardized": "preferred", "standardised": "preferred",
    "legal": "admitted", "regulated": "admitted", "obsolete": "superseded",
    "outdated": "superseded",
}
# "preferredTerm-admn-sts", "standardizedTerm", "do-not-use", "DO_NOT_USE"
_TBX_SUFFIX = re.compile(r"(?:term)?(?:-admn-sts)?$")
_SEPARATORS = re.compile(r"[\s_\-’']+")
APPROVED = frozenset({"preferred", "admitted"})
DISAPPROVED = frozenset({"deprecated", "superseded"})
# "proposed" (e.g. mined, not yet reviewed) is neither: it never blocks, nor is it asked for.


def normalize_status(value: str) -> str | None:
    """Canonical status for a user-written value, or None when it is not a known status."""
    status = _TBX_SUFFIX.sub("", value.strip().lower(), count=1)
    status = _SEPARATORS.sub(" ", status.replace("'", "").replace("’", "")).strip()
    status = STATUS_ALIASES.get(status, status)
    return status if status in STATUSES else None


def variant_terms(terms: list[Term], lang: str) -> list[Term]:
    """The terms whose tag fits ``lang``'s script and region (``same_language``): all of them
    for a bare language; none of ``terms`` may fit."""
    return [t for t in terms if _fits(t.lang, lang)]


def _fits(term_lang: str, lang: str) -> bool:
    from glossalign.errors import UsageError

    try:
        return same_language(term_lang, lang)
    except UsageError:  # a malformed tag in the glossary: the validator reports it
        return True


@dataclass(frozen=True, slots=True)
class Term:
    concept: str
    lang: str  # as written in the glossary, e.g. "en" or "zh-CN"
    text: str
    status: str
    note: str = ""
    line: int | None = None  # where it was read from, for validation messages

    @property
    def approved(self) -> bool:
        return self.status in APPROVED


@dataclass(slots=True)
class Concept:
    id: str
    terms: list[Term] = field(default_factory=list)
    note: str = ""
    # Memo of preferred(); TermBase.add clears it.
    _preferred: dict[str, Term | None] = field(default_factory=dict, repr=False, compare=False)

    def terms_in(self, lang: str) -> list[Term]:
        wanted = base_lang(lang)
        return [t for t in self.terms if base_lang(t.lang) == wanted]

    def preferred(self, lang: str) -> Term | None:
        """The preferred term for a language; an admitted one when no term is preferred.

        Terms of the tag's own variant come first ("colour" of en-GB for en-GB, 資訊 of zh-Hant
        for zh-TW), then those of the other variants of the language.
        """
        if lang in self._preferred:
            return self._preferred[lang]
        terms = self.terms_in(lang)
        found = None
        for pool in (variant_terms(terms, lang), terms):
            found = next((t for t in pool if t.status == "preferred"), None)
            found = found or next((t for t in pool if t.status == "admitted"), None)
            if found is not None:
                break
        self._preferred[lang] = found
        return found


@dataclass(slots=True)
class TermBase:
    concepts: dict[str, Concept] = field(default_factory=dict)
    source: str | None = None  # path it was read from
    # Bumped by every add: caches built from the terms (compiled matchers) check it.
    version: int = field(default=0, compare=False)
    # Compiled matchers by language, with the version they were built at (see matcher_for).
    compiled: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False,
                                                  compare=False)
    # content_hash() with the version it was computed at: every check asks for it.
    _hash: tuple[int, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_terms(cls, terms: Iterable[Term], source: str | None = None) -> TermBase:
        base = cls(source=source)
        for term in terms:
            base.add(term)
        return base

    def add(self, term: Term) -> None:
        concept = self.concepts.setdefault(term.concept, Concept(term.concept))
        concept.terms.append(term)
        concept._preferred.clear()
        self.version += 1

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def terms(self) -> Iterator[Term]:
        for concept in self.concepts.values():
            yield from concept.terms

    def languages(self) -> set[str]:
        return {base_lang(t.lang) for t in self.terms()}

    def term_pairs(self, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
        """Every (source term, target term) of each concept: translation anchors for alignment."""
        pairs = []
        for concept in self.concepts.values():
            for src in concept.terms_in(src_lang):
                pairs += [(src.text, tgt.text) for tgt in concept.terms_in(tgt_lang)]
        return pairs

    def content_hash(self) -> str:
        """A short, order-independent fingerprint for reproducibility signatures."""
        if self._hash is not None and self._hash[0] == self.version:
            return self._hash[1]
        rows = sorted(f"{t.concept}\t{base_lang(t.lang)}\t{t.text}\t{t.status}"
                      for t in self.terms())
        digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:12]
        self._hash = (self.version, digest)
        return digest
