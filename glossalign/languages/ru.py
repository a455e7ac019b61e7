"""Russian: Snowball stems cover the case endings; ё is read as е, as most texts write it."""

from __future__ import annotations

from glossalign.languages.base import LanguageProfile, register


@register("ru")
class RussianProfile(LanguageProfile):
    snowball = "russian"

    def normalise(self, text: str) -> str:
        return super().normalise(text).replace("ё", "е")
