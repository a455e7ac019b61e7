"""Korean: spaced words with particles (josa) and the copula attached: "공동체는" -> "공동체".

Korean writes a space between phrases (eojeol), each a noun or verb with its particles glued to
it, so the stemmer strips one trailing particle, longest first. A one-syllable particle is
stripped only when two syllables remain, so that a noun ending in a syllable that is also a
particle ("국가", "제도") is left whole; glossary terms go through the same stemmer, so a match
never depends on the guess.
"""

from __future__ import annotations

from glossalign.languages.base import LanguageProfile, register

_LONG_PARTICLES = tuple(sorted("""
에서부터 으로부터 로부터 에게서 한테서 께서는 에서는 에서도 에게는
으로는 으로도 이라도 까지는 부터는 에서 에게 한테 께서 으로 까지 부터
처럼 보다 마다 조차 밖에 이나 이랑 하고 과는 와는 이란 이라는 라는
입니다 이다 이며 이고 이었다 였다 으로서 로서 으로써 로써 들은 들이 들을 들의 들과 들도 들에
""".split(), key=len, reverse=True))
_SHORT_PARTICLES = tuple("은 는 이 가 을 를 의 에 로 와 과 도 만 나 랑 께 들".split())


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def strip_particle(word: str) -> str:
    """``word`` without its trailing particle, when it has one (see the module docstring)."""
    if not word or not _is_hangul(word[-1]):
        return word
    for particle in _LONG_PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    if len(word) >= 3 and word.endswith(_SHORT_PARTICLES):
        return word[:-1]
    return word


@register("ko")
class KoreanProfile(LanguageProfile):
    bleu_tokenizer = "ko-mecab"
    ter_asian_support = True

    def stem_folded(self, folded: str) -> str:
        return strip_particle(folded)

    def suffix_outside_match(self, word: str) -> int:
        """The particle: replacing "공동체는" keeps "는" (its form may need a look)."""
        return len(word) - len(strip_particle(word))
