"""German: Snowball stems (case endings, plural -en/-e/-n, umlauts), articles and determiners.

A compound is one word: "Schicksalsgemeinschaften" stems to the same key as the glossary's
"Schicksalsgemeinschaft", so the term is found in its inflected forms. A term that is only the
head of a compound ("Gemeinschaft" inside "Schicksalsgemeinschaft") is not found: that needs a
compound splitter, which no offline package here provides with acceptable precision.
"""

from __future__ import annotations

from glossalign.languages.base import LanguageProfile, register


@register("de")
class GermanProfile(LanguageProfile):
    snowball = "german"
    articles = frozenset("der die das den dem des ein eine einen einem einer eines".split())
