"""The token forms a spaced-script term may take: boundaries, leading articles, contractions.

The matcher cuts text and glossary terms the same way: word tokens (letters and digits, inner
apostrophes kept: "don't", "world's") and clause punctuation tokens (``. ? ! , ; : ( )`` and their
CJK equivalents). Punctuation is a token of its own so that a multi-word term never matches across
it, unless the term itself contains it ("Hong Kong, China"). Hyphens, quotes, slashes and spaces are
gaps: "e-commerce" and "e commerce" stay the same two words.

A term's forms: the term as written; with hyphenated parts joined ("e-commerce" -> "ecommerce");
without a leading article ("the Ning Clan" -> "Ning Clan": the text's own article is then optional
too, and never part of a match); and with contractions expanded or contracted ("do not" <->
"don't"), so that either spelling in the glossary finds both in the text.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import product
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossalign.languages import LanguageProfile

# Clause and sentence punctuation, folded to one spelling: a term never matches across these.
BOUNDARY_FOLD = {
    ".": ".", "?": "?", "!": "!", ",": ",", ";": ";", ":": ":", "(": "(", ")": ")",
    "。": ".", "？": "?", "！": "!", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")",
    "、": ",",
}
_BOUNDARY_CLASS = "[" + re.escape("".join(BOUNDARY_FOLD)) + "]"
_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
# A punctuation token's key: a prefix no stem can start with, then the folded character.
PUNCT_KEY_PREFIX = "\x1f"

# Fallback article lists for profiles that do not (yet) declare ``articles``.
_FALLBACK_ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an", "the"}),
    "fr": frozenset({"le", "la", "les", "l'", "un", "une", "des"}),
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
                     "einer", "eines"}),
    "es": frozenset({"el", "la", "los", "las", "lo", "un", "una", "unos", "unas"}),
    "it": frozenset({"il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'"}),
    "pt": frozenset({"o", "a", "os", "as", "um", "uma", "uns", "umas"}),
}

# English contractions: (word, following word) <-> contracted spelling.
_NOT_CONTRACTIONS = {
    "do": "don't", "does": "doesn't", "did": "didn't", "is": "isn't", "are": "aren't",
    "was": "wasn't", "were": "weren't", "has": "hasn't", "have": "haven't", "had": "hadn't",
    "can": "can't", "could": "couldn't", "would": "wouldn't", "should": "shouldn't",
    "must": "mustn't", "need": "needn't", "might": "mightn't", "will": "won't",
    "shall": "shan't",
}
_NOT_EXPANSIONS = {v: k for k, v in _NOT_CONTRACTIONS.items()}
_SUFFIX_CONTRACTIONS = {"are": "'re", "have": "'ve", "will": "'ll", "would": "'d", "had": "'d",
                        "am": "'m"}


def profile_articles(profile: LanguageProfile) -> frozenset[str]:
    """The leading articles of a language: the profile's, or the fallback table's."""
    articles = getattr(profile, "articles", None)
    if articles is not None:
        return frozenset(articles)
    return _FALLBACK_ARTICLES.get(profile.code, frozenset())


@cache
def token_pattern(elided: tuple[str, ...] = (), word: str = _WORD) -> re.Pattern[str]:
    """Word and boundary tokens; an elided article ("l'") is a token of its own."""
    parts = []
    if elided:
        prefixes = "|".join(re.escape(a.rstrip("'’")) for a in sorted(elided, key=len,
                                                                        reverse=True))
        parts.append(rf"(?<![^\W_])(?i:{prefixes})['’](?=[^\W_])")
    parts += [word, _BOUNDARY_CLASS]
    return re.compile("|".join(parts))


def tokenizer_for(profile: LanguageProfile) -> re.Pattern[str]:
    # Elided articles and the profile's other elided clitics ("d'", "qu'") are tokens of their own.
    elided = tuple(sorted({a for a in profile_articles(profile) if a.endswith(("'", "’"))}
                          | set(getattr(profile, "elisions", ()))))
    return token_pattern(elided, profile.word_pattern.pattern)  # marks inside words (Arabic)


def token_key(profile: LanguageProfile, token: str) -> str:
    """The matching key of one token: a stem, or the folded punctuation mark."""
    folded = BOUNDARY_FOLD.get(token)
    if folded is not None:
        return PUNCT_KEY_PREFIX + folded
    return profile.stem(token)


def _contraction_forms(words: list[str]) -> list[list[str]]:
    """English: every mix of expanded and contracted spellings of ``words`` (casefolded)."""
    options: list[list[list[str]]] = []  # per position: alternative word lists
    i = 0
    while i < len(words):
        word = words[i].replace("’", "'")
        nxt = words[i + 1].replace("’", "'") if i + 1 < len(words) else None
        contracted = _contract(word, nxt)
        if contracted and nxt:
            options.append([[word, nxt], *([c] for c in contracted)])
            i += 2
            continue
        options.append([[word], *_expand(word)])
        i += 1
    return [[w for part in combo for w in part] for combo in product(*options)]


def _contract(word: str, nxt: str | None) -> list[str]:
    if nxt == "not" and word in _NOT_CONTRACTIONS:
        return [_NOT_CONTRACTIONS[word], "cannot"] if word == "can" else [_NOT_CONTRACTIONS[word]]
    if nxt in _SUFFIX_CONTRACTIONS and word.isalpha():
        return [word + _SUFFIX_CONTRACTIONS[nxt]]
    return []


def _expand(word: str) -> list[list[str]]:
    if word == "cannot":
        return [["can", "not"], ["can't"]]
    if word.endswith("n't"):
        expanded = _NOT_EXPANSIONS.get(word)
        return [[expanded, "not"]] if expanded else []
    return [[word[: -len(suffix)], full] for full, suffix in _SUFFIX_CONTRACTIONS.items()
            if word.endswith(suffix) and len(word) > len(suffix)]


def _core_tokens(tokens: list[str], articles: frozenset[str]) -> list[str]:
    """Tokens without edge punctuation ("U.S." matches "U.S") and without a leading article."""
    start, end = 0, len(tokens)
    while start < end and tokens[start] in BOUNDARY_FOLD:
        start += 1
    while end > start and tokens[end - 1] in BOUNDARY_FOLD:
        end -= 1
    if end - start > 1 and tokens[start].casefold().replace("’", "'") in articles:
        start += 1
    return tokens[start:end]


def term_forms(profile: LanguageProfile, text: str) -> list[list[str]]:
    """Key sequences under which a spaced-script term is matched (see the module docstring)."""
    tokenize = tokenizer_for(profile).findall
    articles = profile_articles(profile)
    word_lists = [_core_tokens(tokenize(text), articles)]
    if "-" in text:
        word_lists.append(_core_tokens(tokenize(text.replace("-", "")), articles))
    if profile.code == "en":
        word_lists = [form for words in word_lists
                      for form in _contraction_forms([w.casefold() for w in words])]
    forms: list[list[str]] = []
    for words in word_lists:
        keys = [token_key(profile, w) for w in words]
        if keys and keys not in forms:
            forms.append(keys)
    return forms


def leading_article_length(text: str, profile: LanguageProfile) -> int:
    """Characters of ``text`` taken by a leading article and the space after it (0 if none)."""
    match = tokenizer_for(profile).match(text.lstrip())
    if match is None:
        return 0
    word = match.group()
    if word.casefold().replace("’", "'") not in profile_articles(profile):
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
