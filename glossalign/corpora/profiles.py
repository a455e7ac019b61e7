"""Deprecated: the language profiles moved to :mod:`glossalign.languages`.

Kept so that code written against the old module keeps importing during the transition; new code
imports from ``glossalign.languages``.
"""

from __future__ import annotations

from glossalign.languages import (
    CJK,
    UNSPACED,
    LanguageProfile,
    Token,
    get_profile,
    split_words,
)
from glossalign.languages.generic import SNOWBALL_NAMES

__all__ = ["CJK", "SNOWBALL_NAMES", "UNSPACED", "LanguageProfile", "Token", "get_profile",
           "split_words"]
