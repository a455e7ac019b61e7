"""Terms that are mistakes by their shape: nothing to match, or a regular expression by accident.

A glossary term is matched as words (or characters), never as a pattern, so ``colou?r`` or
``\\bcloud\\b`` in a glossary is almost always someone expecting regex semantics, and a term of
punctuation only (``...``, ``—``) either matches nothing or matches everywhere. The validator
reports both; ``fix`` never rewrites text on the strength of such a term.
"""

from __future__ import annotations

import re
from functools import lru_cache

from glossalign.errors import GlossalignError
from glossalign.languages import get_profile

# Constructs that mean something in a regular expression and almost never in a term.
_REGEX_LIKE = re.compile(
    r"""\.[*+?]            # .* .+ .?
      | \\[bBdDwWsSAZ]      # \b \d \w \s ... escapes
      | \[[^\]\s]+\]        # [abc] [a-z] character classes
      | \([^()]*\|[^()]*\)  # (a|b) alternation groups
      | \(\?                # (?i) (?:...) group flags
      | ^\^ | (?<!\\)\$$    # anchors at the ends
      | \w[*+]$ | \w\?\w     # colou?r, cats*, term+
      | \{\d+(,\d*)?\}      # {2} {1,3} repetition
    """,
    re.VERBOSE,
)


def regex_construct(text: str) -> str | None:
    """The first regular-expression construct in ``text``, or None."""
    match = _REGEX_LIKE.search(text)
    return match.group(0) if match else None


def unmatchable_reason(text: str, lang: str) -> str | None:
    """Why the term can never match as intended (punctuation only, nothing left after
    normalisation), or None."""
    if not any(ch.isalnum() for ch in text):
        return "has no letters or digits (punctuation or symbols only)"
    try:
        units, _ = get_profile(lang).match_units(text)
    except GlossalignError:
        return None  # a bad language code is reported by the term checks, not here
    if not units:
        return "is empty after normalisation"
    return None


@lru_cache(maxsize=1 << 16)
def is_suspect_term(text: str, lang: str) -> bool:
    """A term ``fix`` must not act on: regex-like or unmatchable.

    Remembered per spelling: ``fix`` asks for every hit, twice (the term and its replacement).
    """
    return regex_construct(text) is not None or unmatchable_reason(text, lang) is not None
