"""Renderings hidden inside a longer term: what ``missing-term`` must still count.

The matcher reports the longest match, so "la propagation du virus" is one hit of the concept
"spread of the virus" and none of "virus" or "spread": a source naming "virus" is rendered all
the same, and reporting it missing blames a correct translation (the WMT21 en-fr reference had
a dozen such findings). Which concepts have a term inside each glossary term is worked out once
per term base and language, from the glossary itself: each term is searched again with its
first units cut off and with its last unit cut off (which finds the terms that start or end
inside it), all in one matcher call, and kept on the term base beside its compiled matchers.
A hit then counts for the concepts inside the glossary term it matched.
"""

from __future__ import annotations

from collections.abc import Iterable

from glossalign.glossary.matcher import matcher_for, matcher_key, terms_for
from glossalign.glossary.model import TermBase
from glossalign.languages import LanguageProfile
from glossalign.stage_data import TermHit

Inside = dict[str, frozenset[str]]  # glossary term text -> concepts with a term inside it


def concepts_inside_terms(termbase: TermBase, lang: str) -> Inside:
    """For each term of ``lang``, the concepts with a shorter term inside it (cached)."""
    key = f"nested:{matcher_key(lang)}"
    cached = termbase.compiled.get(key)
    if cached is not None and cached[0] == termbase.version:
        inside: Inside = cached[1]
        return inside
    matcher = matcher_for(termbase, lang)
    texts = list(dict.fromkeys(t.text for t in terms_for(termbase, lang)))
    pieces: list[str] = []
    owners: list[str] = []
    for text in texts:
        inner = inner_pieces(text, matcher.profile)
        pieces += inner
        owners += [text] * len(inner)
    found: dict[str, set[str]] = {}
    for owner, hits in zip(owners, matcher.find_many(pieces), strict=True):
        if hits:
            found.setdefault(owner, set()).update(hit.concept for hit in hits)
    inside = {owner: frozenset(concepts) for owner, concepts in found.items()}
    termbase.compiled[key] = (termbase.version, inside)
    return inside


def rendered_inside(inside: Inside, concept: str, hits: Iterable[TermHit]) -> bool:
    """Whether one of ``hits`` matched a glossary term that holds a term of ``concept``."""
    return any(concept in inside.get(hit.term, ()) for hit in hits)


def inner_pieces(surface: str, profile: LanguageProfile) -> list[str]:
    """``surface`` less its first unit (word or character), less its first two, ... and less
    its last unit: where a shorter term inside it starts or ends."""
    if profile.spaced:
        spans = [m.span() for m in profile.word_pattern.finditer(surface)]
    else:
        spans = [(i, i + 1) for i, ch in enumerate(surface) if not ch.isspace()]
    if len(spans) < 2:
        return []
    return [surface[start:] for start, _ in spans[1:]] + [surface[:spans[-2][1]]]
