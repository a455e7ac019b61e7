"""Fit a replacement term to the text it replaces: capitalisation and (for English) number."""

from __future__ import annotations

from functools import lru_cache

from glossalign.corpora.profiles import get_profile
from glossalign.glossary.model import base_lang

# English words after which the head noun of a term has ended ("community | of destiny").
_HEAD_ENDERS = frozenset(
    "of with for in on at to from by about between among into under over across".split()
)
_SMALL_WORDS = _HEAD_ENDERS | {"a", "an", "the", "and", "or"}
# Mass nouns of our domain that the spelling rules would pluralise ("e-commerces"): the replacement
# keeps them singular even when the text used a plural.
_UNCOUNTABLE = frozenset(
    "commerce e-commerce information governance security cybersecurity data infrastructure "
    "software hardware equipment knowledge research connectivity interconnectivity".split()
)


_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "analysis": "analyses", "basis": "bases", "crisis": "crises", "thesis": "theses",
    "criterion": "criteria", "phenomenon": "phenomena", "medium": "media", "index": "indices",
    "life": "lives", "leaf": "leaves", "half": "halves", "self": "selves", "shelf": "shelves",
    "hero": "heroes", "potato": "potatoes",
}


def english_plural(noun: str) -> str:
    """The plural of an English noun: irregulars from a table, else the spelling rules.

    Hand-written instead of using inflect, whose import costs seconds (typeguard) on every CLI
    run that suggests a replacement; the head nouns of glossary terms need only these rules.
    """
    lower = noun.lower()
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
        return noun[0] + plural[1:] if noun[:1].isupper() else plural
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


@lru_cache(maxsize=65536)  # documents repeat their wordings; the answer depends on these only
def adapt_replacement(found: str, written_term: str, replacement: str, lang: str) -> str:
    """``replacement`` with the capitalisation and number that ``found`` shows.

    ``written_term`` is the glossary's spelling of the term that matched ``found``; comparing the
    two tells whether the text pluralised the term. Glossary terms with their own capitals
    (proper names) keep them unless the text is all upper case.
    """
    if base_lang(lang) == "en" and _is_plural_use(found, written_term):
        replacement = _pluralize_head(replacement)
    return _match_case(found, replacement)


def _words(text: str) -> list[str]:
    return [t.text for t in get_profile("en").word_tokens(text)]


def _is_plural_use(found: str, written_term: str) -> bool:
    """True when the text uses the plural of a term the glossary writes in the singular."""
    term_words = [w.lower() for w in _words(written_term)]
    found_words = [w.lower() for w in _words(found)]
    if len(term_words) != len(found_words):
        return False
    for term_word, found_word in zip(term_words, found_words, strict=True):
        if term_word != found_word and english_plural(term_word) == found_word:
            return True
    return False


def _pluralize_head(term: str) -> str:
    """Pluralise the head noun: the last word before the first preposition, else the last word."""
    tokens = get_profile("en").word_tokens(term)
    if not tokens:
        return term
    head = tokens[-1]
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if token.text.lower() in _HEAD_ENDERS:
            head = previous
            break
    if _last_part(head.text) in _UNCOUNTABLE or head.text.lower() in _UNCOUNTABLE:
        return term
    return term[: head.start] + english_plural(head.text) + term[head.end :]


def _last_part(word: str) -> str:
    return word.lower().rsplit("-", 1)[-1]


def _match_case(found: str, replacement: str) -> str:
    letters = [c for c in found if c.isalpha()]
    if not letters:
        return replacement
    if all(c.isupper() for c in letters) and len(letters) > 1:
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
