"""The token forms a spaced-script term may take: boundaries, leading articles, contractions.

The matcher cuts text and glossary terms the same way (:mod:`textparts`): words (letters and
digits, inner apostrophes kept: "don't", "world's"), each with flags saying whether clause
punctuation (``. ? ! , ; : ( )`` and CJK equivalents) touches it before or after. A multi-word
term matches only where its inner words carry the flags the term itself has: no punctuation
inside the match, unless the term contains it ("Hong Kong, China"). Hyphens, quotes, slashes and
spaces are gaps: "e-commerce" and "e commerce" stay the same two words.

A term's forms: the term as written; with hyphenated parts joined ("e-commerce" -> "ecommerce");
without a leading article ("the Ning Clan" -> "Ning Clan": the text's own article is then optional
too, and never part of a match); and with contractions expanded or contracted ("do not" <->
"don't"), so that either spelling in the glossary finds both in the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import product
from typing import TYPE_CHECKING

from glossalign.glossary.textparts import (
    AFTER,
    BEFORE,
    BOUNDARY,
    BOUNDARY_CHARS,
    acronym_key,
    lead_trim,
    part_key,
    split_parts,
)
from glossalign.languages.base import DERIVATION_MARK

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from glossalign.glossary.model import Term
    from glossalign.languages import LanguageProfile
    from glossalign.languages.contractions import Contractions

_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
_Word = tuple[str, int]  # a word of a term and its boundary flags

@cache
def token_pattern(elided: tuple[str, ...] = (), word: str = _WORD) -> re.Pattern[str]:
    """Word and boundary tokens; an elided article ("l'") is a token of its own."""
    parts = []
    if elided:
        prefixes = "|".join(re.escape(a.rstrip("'’")) for a in sorted(elided, key=len,
                                                                        reverse=True))
        parts.append(rf"(?<![^\W_])(?i:{prefixes})['’](?=[^\W_])")
    parts += [word, "[" + re.escape(BOUNDARY_CHARS) + "]"]
    return re.compile("|".join(parts))


def tokenizer_for(profile: LanguageProfile) -> re.Pattern[str]:
    # Elided articles and the profile's other elided clitics ("d'", "qu'") are tokens of their own.
    elided = tuple(sorted({a for a in profile.articles if a.endswith(("'", "’"))}
                          | set(profile.elisions)))
    return token_pattern(elided, profile.word_pattern.pattern)  # marks inside words (Arabic)


def _contraction_forms(words: list[_Word], table: Contractions) -> list[list[_Word]]:
    """Every mix of expanded and contracted spellings of ``words`` (the profile's table)."""
    if not table.may_apply([w for w, _ in words]):
        return [words]  # the common case: nothing to contract or expand
    options: list[list[list[_Word]]] = []  # per position: alternative word lists
    i = 0
    while i < len(words):
        word, flags = words[i][0].casefold().replace("’", "'"), words[i][1]
        nxt = words[i + 1][0].casefold().replace("’", "'") if i + 1 < len(words) else None
        contracted = table.contract(word, nxt) if not flags & AFTER else []
        if contracted and nxt:
            merged = flags & BEFORE | words[i + 1][1] & AFTER
            options.append([[(word, flags), (nxt, words[i + 1][1])],
                            *([(c, merged)] for c in contracted)])
            i += 2
            continue
        expansions = [[(first, flags & BEFORE), (second, flags & AFTER)]
                      for first, second in table.expand(word)]
        same = [[(alias, flags)] for alias in table.aliases.get(word, ())]
        options.append([[(word, flags)], *expansions, *same])
        i += 1
    return [[w for part in combo for w in part] for combo in product(*options)]


def elided_articles(profile: LanguageProfile) -> tuple[str, ...]:
    """Clitics written glued to the next word ("l'", "qu'"), longest first: the profile's
    ``elisions`` (its stems drop them, so a match's span leaves them out too)."""
    elided = set(profile.elisions) | {a for a in profile.articles if a.endswith(("'", "’"))}
    return tuple(sorted(elided, key=len, reverse=True))


def _term_words(text: str, profile: LanguageProfile) -> list[_Word]:
    """The words of a term with their boundary flags; a leading article dropped."""
    words: list[_Word] = []
    pending = 0
    elided = elided_articles(profile)
    for part in split_parts(text):
        if not part:
            continue
        core = part.strip("\x01'’")
        if not core:  # a boundary on its own: it touches the words on both sides
            if words:
                words[-1] = (words[-1][0], words[-1][1] | AFTER)
            pending = BEFORE
            continue
        key = part_key(profile, part, elided)
        assert key is not None
        word = core[lead_trim(part, elided) - (len(part) - len(part.lstrip("\x01'’"))):]
        words.append((word, key[1] | pending))
        pending = 0
    articles = profile.articles
    if len(words) > 1 and words[0][0].casefold().replace("’", "'") in articles and \
            not words[0][1] & AFTER:
        words = words[1:]
    return words


def word_key(profile: LanguageProfile, word: str) -> str:
    """The matching key of a word as :func:`textparts.part_key` computes it."""
    if BOUNDARY in word:
        return unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    return profile.term_key(word)


def single_acronym_key(profile: LanguageProfile, text: str) -> str | None:
    """The acronym key of a term that is one word in capitals ("WHO"), else None."""
    if not text.rstrip()[-1:].isupper():  # the common case, without cutting the term
        return None
    words = _term_words(text, profile)
    return acronym_key(words[0][0]) if len(words) == 1 else None


def acronym_keys(profile: LanguageProfile, terms: Iterable[Term]) -> set[str]:
    """The acronym keys of the one-word terms in capitals; none when most of the terms are
    written in capitals (a legacy glossary in upper case: "PASSWORD" is not an acronym)."""
    texts = [t.text for t in terms]
    capitals = sum(1 for text in texts if text.isupper())
    if capitals * 2 > len(texts) and capitals > 2:
        return set()
    return set(filter(None, (single_acronym_key(profile, text) for text in texts)))


def term_forms(profile: LanguageProfile, text: str,
               acronyms: Collection[str] = ()) -> list[list[tuple[str, int]]]:
    """(key, boundary flags) sequences under which a spaced-script term is matched.

    The flags of inner words are the term's own; the matcher frees the outer ones. A term that
    is one word in capitals is keyed as an acronym (:func:`textparts.acronym_key`) when its key
    is one of ``acronyms`` (see :func:`acronym_keys`). Text in
    capitals that spells one of ``acronyms`` (the glossary's acronym terms) is keyed as that
    acronym, so a longer term's word spelling it ("Global AI Governance Initiative" when "AI"
    is a term) also takes the acronym's key.
    """
    word_lists = [_term_words(text, profile)]
    acronym = acronym_key(word_lists[0][0][0]) if len(word_lists[0]) == 1 else None
    if acronym is not None and acronym in acronyms:
        return [[(acronym, word_lists[0][0][1])]]
    if "-" in text:
        word_lists.append(_term_words(text.replace("-", ""), profile))
    if profile.contractions is not None:
        table = profile.contractions
        word_lists = [form for words in word_lists for form in _contraction_forms(words, table)]
    forms: list[list[tuple[str, int]]] = []
    for words in word_lists:
        keys = [(word_key(profile, word), flags) for word, flags in words]
        for form in _acronym_spellings(keys, words, acronyms) if acronyms else [keys]:
            if form and form not in forms:
                forms.append(form)
    return forms


def _acronym_spellings(keys: list[tuple[str, int]], words: list[_Word],
                       acronyms: Collection[str]) -> list[list[tuple[str, int]]]:
    """``keys``, and the same with each word that spells one of ``acronyms`` keyed as it."""
    options = [[key] for key in keys]
    for option, (word, flags) in zip(options, words, strict=True):
        spelled = acronym_key(word.upper())
        if spelled is not None and spelled in acronyms:
            option.append((spelled, flags))
    return [list(form) for form in product(*options)]


def leading_article_length(text: str, profile: LanguageProfile) -> int:
    """Characters of ``text`` taken by a leading article and the space after it (0 if none)."""
    match = tokenizer_for(profile).match(text.lstrip())
    if match is None:
        return 0
    word = match.group()
    if word.casefold().replace("’", "'") not in profile.articles:
        return 0
    rest = text.lstrip()[match.end():]
    if not rest.strip():
        return 0
    return len(text) - len(rest.lstrip())


def without_leading_article(text: str, lang: str) -> str:
    """``text`` less a leading article ("the Ning Clan" -> "Ning Clan")."""
    from glossalign.languages import get_profile

    profile = get_profile(lang)
    if not profile.spaced:
        return text
    return text[leading_article_length(text, profile):]


def replacement_text(preferred: str, matched_term: str, text_before: str, lang: str) -> str:
    """The preferred term as it replaces a match, which never includes the text's article.

    The text's own article stays where it is, so the preferred term's article is dropped when
    the text has one before the match or the matched glossary term has one (the article is
    then decoration on both sides). When neither has one, the glossary asks for the article
    that its preferred term writes, and the replacement keeps it.
    """
    bare = without_leading_article(preferred, lang)
    if bare == preferred:
        return preferred
    words_before = text_before.rstrip()
    last_word = words_before.rsplit(None, 1)[-1] if words_before else ""
    if without_leading_article(f"{last_word} x", lang) == "x" or \
            without_leading_article(matched_term, lang) != matched_term:
        return bare
    return preferred


def split_stems(forms_by_concept: Iterable[tuple[str, list[list[tuple[str, int]]]]]
                ) -> set[str]:
    """Stems that the glossary's terms of different concepts take with different derivational
    suffixes ("infect" of "infection" and of "infectivity"): only these keep the suffix's class
    in their keys (see :func:`plain_key`). A stem one concept has alone matches all its
    derivations, as the stemmer has it ("hospitalisés" finds "hospitalisation")."""
    seen: dict[str, tuple[str, str]] = {}  # stem -> (class, concept) first seen
    split: set[str] = set()
    for concept, forms in forms_by_concept:
        for form in forms:
            for key, _ in form:
                stem, _, derivation = key.partition(DERIVATION_MARK)
                first = seen.setdefault(stem, (derivation, concept))
                if first[0] != derivation and first[1] != concept:
                    split.add(stem)
    return split


def plain_key(key: str, split: Collection[str] | None) -> str:
    """``key`` without its derivational class unless its stem is in ``split`` (None: every
    stem keeps it, the profile's ``derivations_always``)."""
    if split is None or DERIVATION_MARK not in key:
        return key
    stem = key.partition(DERIVATION_MARK)[0]
    return key if stem in split else stem
