"""Language tags from the column headers people write: "English", "EN-US", "Target (fr-FR)",
"Chinese (Traditional)", "Français", "简体中文".

Spreadsheet glossaries name their language columns in words as often as in codes. A header is
read as a BCP 47 tag when it is one; else the code in its brackets ("Target (fr-FR)"); else a
language name, in English or as the language writes itself, with an optional "source"/"target"
word and a script or region in brackets. Hand-written: the ~50 names glossaries use are a
table's worth, and ``langcodes`` (its name data is a separate package) is not a dependency.
"""

from __future__ import annotations

import re

from glossalign.errors import UsageError
from glossalign.languages.bcp47 import parse_tag

_NAMES = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "russian": "ru", "ukrainian": "uk", "polish": "pl",
    "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro", "bulgarian": "bg",
    "greek": "el", "turkish": "tr", "swedish": "sv", "danish": "da", "norwegian": "no",
    "finnish": "fi", "estonian": "et", "latvian": "lv", "lithuanian": "lt", "croatian": "hr",
    "serbian": "sr", "slovenian": "sl", "slovene": "sl", "irish": "ga", "maltese": "mt",
    "chinese": "zh", "mandarin": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar",
    "hebrew": "he", "persian": "fa", "farsi": "fa", "hindi": "hi", "urdu": "ur", "bengali": "bn",
    "thai": "th", "vietnamese": "vi", "indonesian": "id", "malay": "ms", "tagalog": "tl",
    "swahili": "sw", "amharic": "am", "catalan": "ca", "basque": "eu", "latin": "la",
    # endonyms
    "français": "fr", "deutsch": "de", "español": "es", "italiano": "it", "português": "pt",
    "nederlands": "nl", "русский": "ru", "polski": "pl", "中文": "zh", "汉语": "zh", "日本語": "ja",
    "한국어": "ko", "العربية": "ar", "简体中文": "zh-Hans", "繁體中文": "zh-Hant",
    "繁体中文": "zh-Hant",
}
_SCRIPT_WORDS = {"simplified": "Hans", "traditional": "Hant"}
_ROLE_WORDS = frozenset({"source", "target", "src", "tgt", "term", "terms", "language", "lang"})
_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]*?)\s*[)\]]")
_WORDS = re.compile(r"[^\W\d_]+")


def language_of_header(header: str) -> str | None:
    """The BCP 47 tag a column header names, or None when it names no language."""
    text = header.strip()
    if not text:
        return None
    tag = _as_tag(text)
    if tag is not None:
        return tag
    bracketed = _BRACKETED.findall(text)
    for inner in bracketed:
        tag = _as_tag(inner) if len(inner) <= 12 and " " not in inner else None
        if tag is not None and (len(tag) > 3 or "-" in tag or not _named(text)):
            return tag  # "Target (fr-FR)"; "English (US)" is a region, handled below
    return _named(text)


def _as_tag(text: str) -> str | None:
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", text):
        return None
    try:
        parse_tag(text)
    except UsageError:
        return None
    return text


def _named(text: str) -> str | None:
    """The tag of a header that names its language in words ("Chinese (Traditional)")."""
    folded = text.casefold()
    if folded in _NAMES:
        return _NAMES[folded]
    words = _WORDS.findall(folded)
    codes = [_NAMES[w] for w in words if w in _NAMES]
    others = [w for w in words if w not in _NAMES and w not in _ROLE_WORDS
              and w not in _SCRIPT_WORDS]
    if len(codes) != 1 or len(others) > 1:
        return None  # no language, or two ("English to French"), or a sentence
    code = codes[0]
    script = next((_SCRIPT_WORDS[w] for w in words if w in _SCRIPT_WORDS), None)
    region = next((o.upper() for o in others if len(o) == 2), None)
    if others and region is None:
        return None
    return "-".join(p for p in (code, script, region) if p)
