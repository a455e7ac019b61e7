"""French and Italian: Snowball stems, articles, and elided clitics ("l'Union", "dell'Unione").

An elided article or preposition is written glued to the next word with an apostrophe. The word's
key drops it and its span starts after it, so "Union européenne" is found in "l'Union européenne"
and a replacement keeps the "l'".
"""

from __future__ import annotations

from glossalign.languages.base import LanguageProfile, register


@register("fr")
class FrenchProfile(LanguageProfile):
    snowball = "french"
    articles = frozenset("le la les l' un une des".split())
    elisions = ("jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "qu'", "l'", "d'", "j'", "m'", "n'",
                "s'", "t'", "c'")


@register("it")
class ItalianProfile(LanguageProfile):
    snowball = "italian"
    articles = frozenset("il lo la i gli le l' un uno una un'".split())
    elisions = ("dell'", "dall'", "nell'", "sull'", "all'", "coll'", "quest'", "quell'", "un'",
                "l'", "d'", "c'")
