"""Japanese: MeCab words when the ``ja`` extra is installed, characters for matching.

Word tokens come from MeCab with the IPA dictionary (``pip install 'glossalign[ja]'``: mecab-python3
and ipadic). Without them the documented fallback is one token per character, which is what term
matching uses in any case: glossary terms are found as folded character sequences (NFKC folds
half-width katakana), so matching does not depend on the segmenter's choices.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from glossalign.languages.base import HAN_OR_KANA, Token, UnspacedProfile, register

log = logging.getLogger(__name__)


@cache
def mecab_tagger() -> Any | None:
    """A MeCab tagger writing words separated by spaces, or None without the ``ja`` extra."""
    try:
        import ipadic
        import MeCab
    except ImportError:
        log.info("MeCab/ipadic not installed: Japanese words fall back to characters")
        return None
    return MeCab.Tagger(f"{ipadic.MECAB_ARGS} -Owakati")


@register("ja")
class JapaneseProfile(UnspacedProfile):
    bleu_tokenizer = "ja-mecab"
    ter_asian_support = True

    def word_tokens(self, text: str) -> list[Token]:
        """MeCab's words (punctuation left out), or characters without the ``ja`` extra."""
        tagger = mecab_tagger()
        if tagger is None:
            return super().word_tokens(text)
        tokens, pos = [], 0
        for word in tagger.parse(text).split():
            start = text.find(word, pos)
            if start < 0:  # MeCab never rewrites a surface form; be safe all the same
                return super().word_tokens(text)
            pos = start + len(word)
            if any(ch.isalnum() for ch in word):  # words, not punctuation
                tokens.append(Token(word, start, pos))
        return tokens

    def alignment_units(self, folded: str) -> list[str]:
        return HAN_OR_KANA.findall(folded)

    def unit_keys_of_word(self, word_key: str) -> tuple[str, ...]:
        return tuple(HAN_OR_KANA.findall(word_key)) or (word_key,)
