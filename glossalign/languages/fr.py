"""French and Italian: Snowball stems, articles, and elided clitics ("l'Union", "dell'Unione").

An elided article or preposition is written glued to the next word with an apostrophe. The word's
key drops it and its span starts after it, so "Union européenne" is found in "l'Union européenne"
and a replacement keeps the "l'".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from glossalign.languages.base import LanguageProfile, register
from glossalign.languages.plural import is_plural_use, pluralize_head

if TYPE_CHECKING:
    from glossalign.languages.bcp47 import LanguageTag

_FRENCH_PREPOSITIONS = frozenset("de du des à au aux pour en sur dans par avec sans contre "
                                 "entre vers chez sous".split())


def _reform_diaeresis(word: str) -> str:
    """"aigüe" -> "aigue", "aiguë" -> "aigue", "ambigüité"/"ambiguïté" -> "ambiguite"-like: the
    diaeresis after "gu" dropped, wherever it sits."""
    return re.sub(r"(?i)(g)([uü])([eëiï])", lambda m: m.group(1) + "u" + _PLAIN.get(
        m.group(3), m.group(3)), word)


_PLAIN = {"ë": "e", "ï": "i", "Ë": "E", "Ï": "I"}


def french_plural(word: str) -> str:
    """The regular plural of a French noun or adjective (-s; -x after -au/-eau/-eu; -al -> -aux)."""
    lower = word.casefold()
    if lower.endswith(("s", "x", "z")):
        return word
    if lower.endswith(("au", "eu")):
        return word + "x"
    if lower.endswith("al") and len(lower) > 3:
        return word[:-1] + "ux"
    return word + "s"


# Suffixes that make another word of the same Snowball stem ("infection", "infectivité",
# "infecté" -> "infect"; see LanguageProfile.derivations). Verb endings are inflections, so
# "-ent" (also "ils infectent") is not one of them; "-eux"/"-euse" share a class (gender).
FRENCH_DERIVATIONS = (
    ("(?:is|iz)ations?", "isation"), ("ions?", "ion"), ("it[ée]s?", "ité"),
    ("i(?:f|fs|ve|ves)", "if"), ("ements?|ments?", "ment"), ("[ai]bles?", "able"),
    ("eurs?", "eur"), ("eux|euses?", "eux"), ("ismes?", "isme"), ("istes?", "iste"),
    ("(?:an|en)ces?", "ence"), ("iques?", "ique"), ("(?:al|ale|ales|aux)", "al"),
)
# The 1990 spelling reform moved the diaeresis to the u ("aigüe" for "aiguë", "ambigüité" for
# "ambiguïté"): term keys drop it after "gu" in both spellings.


@register("fr")
class FrenchProfile(LanguageProfile):
    snowball = "french"
    derivations = FRENCH_DERIVATIONS
    articles = frozenset("le la les l' un une des".split())
    stop_words = frozenset("""a à au aux avec ce ces cet cette dans de des du elle elles en et eux
        il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où
        par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y été
        être avoir est sont ai as avez ont était c d j l m n s t plus comme si tout tous toutes
        très aussi""".split())
    elisions = ("jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "qu'", "l'", "d'", "j'", "m'", "n'",
                "s'", "t'", "c'")

    def term_key(self, word: str) -> str:
        """Both spellings of the diaeresis after "gu" ("aiguë", "aigüe") give one key."""
        if "ü" in word or "Ü" in word or "gu" in word.casefold():
            word = _reform_diaeresis(word)
        return super().term_key(word)

    def adapt_number(self, found: str, written_term: str, replacement: str,
                     tag: LanguageTag) -> str:
        """The plural of the replacement's head words when the text pluralised the term."""
        if is_plural_use(self, found, written_term, french_plural):
            return pluralize_head(self, replacement, _FRENCH_PREPOSITIONS, french_plural)
        return replacement


@register("it")
class ItalianProfile(LanguageProfile):
    snowball = "italian"
    articles = frozenset("il lo la i gli le l' un uno una un'".split())
    stop_words = frozenset("""il lo la i gli le un uno una e o ma di del della dei degli delle a
        al alla in con per su tra fra da che chi si suo sua suoi è sono era ha hanno essere come
        più molto anche non""".split())
    elisions = ("dell'", "dall'", "nell'", "sull'", "all'", "coll'", "quest'", "quell'", "un'",
                "l'", "d'", "c'")
