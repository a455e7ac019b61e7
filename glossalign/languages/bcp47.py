"""BCP 47 language tags as people write them, and their mapping to a glossary's languages.

``en``, ``EN``, ``en-US``, ``en_US``, ``zh-Hans``, ``zh-CN``, ``zh-Hant-TW``, ``zh-cmn-Hans`` and
the three-letter ISO 639-2/3 codes (``zho``, ``fra``, ``deu`` ...) are all accepted. Matching only
needs the primary language (``base_lang``); the script and region say whether Chinese text is
Traditional, which matters when a replacement is written into it.

Hand-written rather than using ``langcodes``: the parts of RFC 5646 needed here are a regex's
worth, and this module sits on every command's start-up path.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

# ISO 639-2/3 codes and deprecated BCP 47 codes people still write, mapped to what profiles use.
_ALIASES = {
    "zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de",
    "ger": "de", "spa": "es", "jpn": "ja", "kor": "ko", "ara": "ar", "arb": "ar", "rus": "ru",
    "tha": "th", "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "iw": "he", "in": "id",
    "ji": "yi", "jw": "jv", "mo": "ro",
}
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
_SIMPLIFIED_REGIONS = frozenset({"CN", "SG", "MY"})
_PRIMARY = re.compile(r"[a-z]{2,3}|[a-z]{5,8}")
_EXTLANG = re.compile(r"[a-z]{3}")
_SCRIPT = re.compile(r"[a-z]{4}")
_REGION = re.compile(r"[a-z]{2}|[0-9]{3}")
_VARIANT = re.compile(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}")


def base_lang(lang: str) -> str:
    """The primary language of a tag, aliases resolved: ``zh-CN`` -> ``zh``; ``en_US`` -> ``en``.

    Fast and lenient (it runs per glossary term); :func:`parse_tag` validates.
    """
    code = lang.replace("_", "-").split("-")[0].strip().lower()
    return _ALIASES.get(code, code)


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """A parsed tag: primary language (aliases resolved), optional script, region, variants."""

    language: str
    script: str | None = None
    region: str | None = None
    variants: tuple[str, ...] = ()

    @property
    def traditional_chinese(self) -> bool:
        """zh-Hant, or zh with a region that writes Traditional (TW, HK, MO) and no script."""
        if self.language != "zh":
            return False
        if self.script is not None:
            return self.script == "Hant"
        return self.region in _TRADITIONAL_REGIONS

    def __str__(self) -> str:
        return "-".join(p for p in (self.language, self.script, self.region, *self.variants) if p)


@lru_cache(maxsize=256)
def parse_tag(tag: str) -> LanguageTag:
    """Parse a BCP 47 tag written in any case, with ``-`` or ``_``; UsageError if malformed.

    Extension and private-use parts (``-u-...``, ``-x-...``) are accepted and ignored.
    """
    subtags = tag.strip().replace("_", "-").lower().split("-")
    if not _PRIMARY.fullmatch(subtags[0]):
        _malformed(tag)
    language, rest = subtags[0], subtags[1:]
    while rest and len(rest[0]) == 3 and _EXTLANG.fullmatch(rest[0]):
        rest = rest[1:]  # zh-cmn-Hans: the extended language does not change the profile
    script = region = None
    if rest and _SCRIPT.fullmatch(rest[0]):
        script, rest = rest[0].title(), rest[1:]
    if rest and _REGION.fullmatch(rest[0]):
        region, rest = rest[0].upper(), rest[1:]
    variants = []
    while rest and _VARIANT.fullmatch(rest[0]):
        variants.append(rest[0])
        rest = rest[1:]
    if rest and (len(rest[0]) != 1 or len(rest) == 1 or not all(rest)):
        _malformed(tag)
    return LanguageTag(_ALIASES.get(language, language), script, region, tuple(variants))


def same_language(first: str, second: str) -> bool:
    """Whether two tags can name the same text: one language, and script and region agreeing
    wherever both say one (``en`` fits ``en-US``, ``en-GB`` does not; ``zh-Hans`` fits ``zh-CN``,
    ``zh-Hant`` fits ``zh-TW``, a Chinese region implying its script)."""
    a, b = parse_tag(first), parse_tag(second)
    if a.language != b.language:
        return False
    if a.region and b.region and a.region != b.region:
        return False
    scripts = {a.script or _implied_script(a), b.script or _implied_script(b)} - {None}
    return len(scripts) <= 1


def _implied_script(tag: LanguageTag) -> str | None:
    if tag.language != "zh" or tag.region is None:
        return None
    if tag.region in _TRADITIONAL_REGIONS:
        return "Hant"
    return "Hans" if tag.region in _SIMPLIFIED_REGIONS else None


def _malformed(tag: str) -> None:
    from glossalign.errors import UsageError

    raise UsageError(f"not a BCP 47 language tag: {tag!r} (write e.g. en, en-US, zh-Hant-TW)")


def require_language(tag: str, available: Collection[str], option: str = "language") -> LanguageTag:
    """The parsed tag, when ``available`` (base codes, e.g. a glossary's languages) has it.

    Otherwise the UsageError of :func:`missing_language_error`: a language the glossary has no
    terms for would otherwise give a clean pass.
    """
    parsed = parse_tag(tag)
    if parsed.language not in available:
        raise missing_language_error(tag, available, option)
    return parsed


def missing_language_error(tag: str, available: Collection[str], option: str = "language",
                           glossary: str | None = None) -> Exception:
    """A UsageError naming the language and listing the languages the glossary (the file
    ``glossary``, when known) has."""
    from glossalign.errors import UsageError

    has = ", ".join(sorted(available)) or "none (it is empty)"
    return UsageError(f"{option} {tag!r}: the glossary has no terms in this language; "
                      f"it has terms in: {has}", glossary)
