"""Chinese: jieba words, characters for matching, Traditional folded to Simplified (OpenCC).

Both the glossary and the text are folded to Simplified, so a Simplified glossary finds terms in
Traditional text (``zh-Hant``, ``zh-TW``) and the other way round. A replacement written into
Traditional text is converted to Traditional (Taiwan or Hong Kong forms for those regions).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from glossalign.languages.base import HAN_OR_KANA, Token, UnspacedProfile, register

if TYPE_CHECKING:
    from glossalign.languages.bcp47 import LanguageTag


@cache
def opencc_converter(config: str) -> Callable[[str], str]:
    """OpenCC's ``convert`` for a configuration such as ``t2s`` or ``s2twp``."""
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC(config).convert
    return convert


def jieba_tokens(text: str) -> list[Token]:
    import jieba

    jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO on first use
    return [Token(word, start, end) for word, start, end in jieba.tokenize(text)
            if not word.isspace()]


@register("zh")
class ChineseProfile(UnspacedProfile):
    bleu_tokenizer = "zh"
    ter_asian_support = True
    mines_word_tokens = True  # jieba's dictionary words
    stop_words = frozenset("""的 了 在 是 和 与 及 或 对 于 把 被 将 也 都 而 并 等 这 那 这个 那个
        这些 那些 我们 你们 他们 它们 我 你 他 她 它 之 其 以 为 从 向 中 上 下 里 个 就 又 还 很
        更 最 已 已经 不 没有 有 要 会 能 可以 一个 一些 各 每 如 如果 因为 所以 但 但是 同时 进行
        通过 关于""".split())

    def normalise(self, text: str) -> str:
        return opencc_converter("t2s")(super().normalise(text))

    def word_tokens(self, text: str) -> list[Token]:
        return jieba_tokens(text)

    def alignment_units(self, folded: str) -> list[str]:
        return HAN_OR_KANA.findall(folded)

    def unit_keys_of_word(self, word_key: str) -> tuple[str, ...]:
        return tuple(HAN_OR_KANA.findall(word_key)) or (word_key,)

    def adapt_number(self, found: str, written_term: str, replacement: str,
                     tag: LanguageTag) -> str:
        """Chinese has no plural to adapt; Traditional text gets a Traditional replacement."""
        traditional = tag.traditional_chinese or opencc_converter("t2s")(found) != found
        if not traditional:
            return replacement
        config = {"TW": "s2twp", "HK": "s2hk"}.get(tag.region or "", "s2t")
        return opencc_converter(config)(replacement)
