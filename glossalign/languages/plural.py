"""Number adaptation shared by languages that mark the plural on the head noun's words.

A replacement is pluralised when the text pluralised the glossary term it replaces: the found
words are the term's words with some of them in the plural. The words of the head (everything
before the first preposition: "Union européenne", "comunidad | de destino") take the plural; the
complement after the preposition keeps its number.
"""

from __future__ import annotations

from collections.abc import Callable

from glossalign.languages.base import LanguageProfile

Pluralize = Callable[[str], str]


def is_plural_use(profile: LanguageProfile, found: str, written_term: str,
                  plural: Pluralize) -> bool:
    """True when ``found`` is ``written_term`` with some of its words in the plural."""
    term_words = [t.text.casefold() for t in profile.word_tokens(written_term)]
    found_words = [t.text.casefold() for t in profile.word_tokens(found)]
    if len(term_words) != len(found_words) or term_words == found_words:
        return False
    return all(t == f or plural(t) == f for t, f in zip(term_words, found_words, strict=True))


def pluralize_head(profile: LanguageProfile, term: str, prepositions: frozenset[str],
                   plural: Pluralize) -> str:
    """``term`` with every word before its first preposition in the plural."""
    parts, cursor = [], 0
    for token in profile.word_tokens(term):
        folded = token.text.casefold().replace("’", "'")
        if folded in prepositions or folded.startswith(profile.elisions):  # "d'avenir"
            break
        parts += [term[cursor:token.start], plural(token.text)]
        cursor = token.end
    return "".join(parts) + term[cursor:]
