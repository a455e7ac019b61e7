"""Spanish and Portuguese: Snowball stems and articles."""

from __future__ import annotations

from glossalign.languages.base import LanguageProfile, register


@register("es")
class SpanishProfile(LanguageProfile):
    snowball = "spanish"
    articles = frozenset("el la los las un una unos unas".split())


@register("pt")
class PortugueseProfile(LanguageProfile):
    snowball = "portuguese"
    articles = frozenset("o a os as um uma uns umas".split())
