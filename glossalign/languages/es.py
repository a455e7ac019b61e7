"""Spanish and Portuguese: Snowball stems and articles; the Spanish plural of a replacement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossalign.languages.base import LanguageProfile, register
from glossalign.languages.plural import is_plural_use, pluralize_head

if TYPE_CHECKING:
    from glossalign.languages.bcp47 import LanguageTag

_SPANISH_PREPOSITIONS = frozenset("de del a al para con en por sin sobre entre contra hacia "
                                  "desde".split())
_UNSTRESS = str.maketrans("áéíóú", "aeiou")


def spanish_plural(word: str) -> str:
    """The regular plural of a Spanish noun or adjective (-s after a vowel, -es after a
    consonant, -z -> -ces, the written accent of -ión/-án/-én dropped)."""
    lower = word.casefold()
    if lower.endswith(("s", "x")):
        return word
    if lower[-1:] in "aeiouáéó":
        return word + "s"
    if lower.endswith("z"):
        return word[:-1] + "ces"
    if lower.endswith(("ión", "án", "én", "ín", "ón", "ún")):
        return word[:-2] + word[-2:].translate(_UNSTRESS) + "es"
    return word + "es"


@register("es")
class SpanishProfile(LanguageProfile):
    snowball = "spanish"
    articles = frozenset("el la los las un una unos unas".split())
    stop_words = frozenset("""el la los las un una unos unas y o pero de del al a en con por para
        sin sobre entre que quien se su sus lo le les me te nos es son era fue ha han ser estar
        está como más muy también no si ya""".split())

    def adapt_number(self, found: str, written_term: str, replacement: str,
                     tag: LanguageTag) -> str:
        """The plural of the replacement's head words when the text pluralised the term."""
        if is_plural_use(self, found, written_term, spanish_plural):
            return pluralize_head(self, replacement, _SPANISH_PREPOSITIONS, spanish_plural)
        return replacement


@register("pt")
class PortugueseProfile(LanguageProfile):
    snowball = "portuguese"
    articles = frozenset("o a os as um uma uns umas".split())
    stop_words = frozenset("""o a os as um uma uns umas e ou mas de do da dos das em no na nos nas
        com por para sem sobre entre que se seu sua é são era foi ser estar como mais muito também
        não""".split())
