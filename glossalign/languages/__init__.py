"""Language profiles: the one place a language lives.

``get_profile(code)`` returns the profile for any BCP 47 tag; each module registers the profile
of one language or family, and codes without one get the generic spaced-script profile (or the
character profile of an unspaced script). See ``docs/design.md`` for adding a language.
"""

from __future__ import annotations

from glossalign.languages import ar, de, en, es, fr, generic, ja, ko, ru, th, zh  # noqa: F401
from glossalign.languages.base import (
    CJK,
    UNSPACED,
    LanguageProfile,
    Token,
    get_profile,
    register,
    registered_codes,
    split_words,
)
from glossalign.languages.bcp47 import LanguageTag, base_lang, parse_tag, require_language

__all__ = [
    "CJK",
    "UNSPACED",
    "LanguageProfile",
    "LanguageTag",
    "Token",
    "base_lang",
    "get_profile",
    "parse_tag",
    "register",
    "registered_codes",
    "require_language",
    "split_words",
]
