"""The default profiles for codes without a module: spaced scripts (Snowball when it has the
language) and the unspaced scripts of South-East Asia and Tibet, matched by character."""

from __future__ import annotations

from glossalign.languages.base import (
    MARKED_WORD,
    LanguageProfile,
    UnspacedProfile,
    register_default,
)

SNOWBALL_NAMES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}
# Scripts written without spaces between words that have no module of their own yet.
GENERIC_UNSPACED = frozenset({"lo", "km", "my", "bo"})
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr"})
# Languages whose scripts write vowels or diacritics as combining marks (Indic, Hebrew points).
COMBINING_MARKS = RIGHT_TO_LEFT | frozenset(
    "hi ne mr sa bn as ta te kn ml gu pa or si vi".split()
)


class GenericMarkedProfile(LanguageProfile):
    """A spaced script with combining marks inside its words."""

    word_pattern = MARKED_WORD


class GenericRtlProfile(GenericMarkedProfile):
    """A spaced script written right to left."""

    direction = "rtl"


class GenericUnspacedProfile(UnspacedProfile):
    """Lao, Khmer, Burmese, Tibetan: characters, until a word segmenter is wired in."""


def generic_profile(code: str) -> LanguageProfile:
    """The profile for a code that no language module registered."""
    if code in GENERIC_UNSPACED:
        return GenericUnspacedProfile(code)
    cls: type[LanguageProfile] = LanguageProfile
    if code in RIGHT_TO_LEFT:
        cls = GenericRtlProfile
    elif code in COMBINING_MARKS:
        cls = GenericMarkedProfile
    return cls(code, SNOWBALL_NAMES.get(code))


register_default(generic_profile)
