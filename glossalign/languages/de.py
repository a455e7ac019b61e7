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
    stop_words = frozenset("""der die das den dem des ein eine einer eines einem einen und oder
        aber in im an am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen
        ohne um als wie ist sind war waren wird werden wurde hat haben hatte sein ich du er sie es
        wir ihr nicht auch noch nur so dass daß sich man""".split())
