"""Arabic: right to left; diacritics and tatweel ignored; clitics and the article stripped.

Normalisation removes the short-vowel diacritics (harakat, shadda, sukun, dagger alif) and the
tatweel, and writes every alif with hamza or madda as a bare alif, alif maqsura as ya and ta
marbuta as ha, as Arabic retrieval systems do. Stems are Larkey's *light10*: the conjunction و,
the article ال and its fused forms (وال بال كال فال لل), then one suffix. Snowball's Arabic stemmer
is not used: it stems "مشترك" and "المشترك" differently, so a term written without the article
missed the same word with it.
"""

from __future__ import annotations

import re

from glossalign.languages.base import MARKED_WORD, LanguageProfile, register

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # ية and ة after folding


def normalise_arabic(text: str) -> str:
    return _DIACRITICS.sub("", text).translate(_LETTER_FOLDS)


def light10(word: str) -> str:
    """Larkey, Ballesteros and Connell's light10 stemmer on a normalised word."""
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article):]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@register("ar")
class ArabicProfile(LanguageProfile):
    direction = "rtl"
    word_pattern = MARKED_WORD  # diacritics are combining marks: they stay inside the word

    def __init__(self, code: str, stemmer_name: str | None = None) -> None:
        super().__init__(code, stemmer_name or "arabic-light10")

    def normalise(self, text: str) -> str:
        return normalise_arabic(super().normalise(text))

    def stem_folded(self, folded: str) -> str:
        return light10(folded)
