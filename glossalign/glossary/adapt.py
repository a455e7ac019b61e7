"""Fit a replacement term to the text it replaces: the language's number/script, then case.

Number (and, for Chinese, Simplified/Traditional script) is the language profile's business
(:meth:`~glossalign.languages.LanguageProfile.adapt_number`); capitalisation is the same rule for
every cased script and stays here.
"""

from __future__ import annotations

from functools import lru_cache

from glossalign.errors import UsageError
from glossalign.languages import LanguageTag, base_lang, get_profile, parse_tag
from glossalign.languages.en import HEAD_ENDERS, english_plural

__all__ = ["adapt_replacement", "english_plural"]

_SMALL_WORDS = HEAD_ENDERS | {"a", "an", "the", "and", "or"}


@lru_cache(maxsize=65536)  # documents repeat their wordings; the answer depends on these only
def adapt_replacement(found: str, written_term: str, replacement: str, lang: str) -> str:
    """``replacement`` with the number, script and capitalisation that ``found`` shows.

    ``written_term`` is the glossary's spelling of the term that matched ``found``; comparing the
    two tells whether the text pluralised the term. Glossary terms with their own capitals
    (proper names) keep them unless the text is all upper case; a glossary term in capitals
    (an acronym) found as written does not make its replacement capitals.
    """
    replacement = get_profile(lang).adapt_number(found, written_term, replacement, _tag(lang))
    if _all_capitals(written_term) and replacement != replacement.lower():
        return replacement  # "U.S." -> "United States": the capitals were the term's own
    return _match_case(found, replacement)


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _tag(lang: str) -> LanguageTag:
    try:
        return parse_tag(lang)
    except UsageError:  # the command validated its options; a loose code still has a language
        return LanguageTag(base_lang(lang))


def _words(text: str) -> list[str]:
    return [t.text for t in get_profile("en").word_tokens(text)]


def _match_case(found: str, replacement: str) -> str:
    if not any(c.isalpha() for c in found):
        return replacement
    if _all_capitals(found):
        return replacement.upper()
    if replacement != replacement.lower():
        return replacement  # the glossary spells a name with its own capitals
    words = _words(found)
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(significant) > 1 and all(w[0].isupper() for w in significant):
        return _title_case(replacement)
    if found[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _title_case(text: str) -> str:
    out = []
    for i, word in enumerate(text.split(" ")):
        if i and word.lower() in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)
