"""Language profiles: the one place a language lives.

``get_profile(code)`` returns the profile for any BCP 47 tag; each module registers the profile
of one language or family, and codes without one get the generic spaced-script profile (or the
character profile of an unspaced script). Every module of this package is imported here, so a new
language is one new module (and its test file): see ``docs/design.md``.
"""

from __future__ import annotations

import importlib
import pkgutil

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

# Importing a language module registers its profile; the modules import their libraries lazily.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
