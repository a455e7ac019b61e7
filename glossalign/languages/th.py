"""Thai: pythainlp's dictionary-based ``newmm`` word segmenter, sentences at spaces.

Thai writes no space between words and a space between sentences (and between some clauses), so
a paragraph splits at a space between Thai text unless the next word continues the sentence
(conjunctions and relative words such as และ, หรือ, ซึ่ง, ที่) or the space follows the repetition mark
ๆ. pythainlp's own ``sent_tokenize`` needs a CRF model package (python-crfsuite) that is not part
of our dependencies; this rule needs nothing. Term matching stays by character (a term is found
whatever the segmenter makes of its context); words are real words for tokens and alignment.
"""

from __future__ import annotations

import re

from glossalign.languages.base import Token, UnspacedProfile, register

_THAI = "\u0e00-\u0e7f"
_THAI_LETTER = re.compile(f"[{_THAI}]")
# Words that continue a sentence after a space: and, or, but, which, that, by, because, for
# example, is, so, in order to, that (quotative), of, with.
_CONTINUATIONS = ("และ", "หรือ", "แต่", "ซึ่ง", "ที่", "โดย", "เพราะ", "เช่น", "คือ", "จึง",
                  "เพื่อ", "ว่า", "ของ", "กับ")
_GAP = re.compile(rf"(?<=[{_THAI}.!?\"'”’)])[ \t\n\u00a0]+(?=[{_THAI}\"'“‘(])")


def split_thai_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a Thai paragraph (see the module docstring)."""
    cuts = [gap.end() for gap in _GAP.finditer(text)
            if text[gap.start() - 1] != "ๆ" and not text.startswith(_CONTINUATIONS, gap.end())]
    spans = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def thai_words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    words: list[str] = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return words


@register("th")
class ThaiProfile(UnspacedProfile):
    sentence_joiner = " "
    line_break_is_space = True  # Thai text wraps at the spaces between phrases

    def word_tokens(self, text: str) -> list[Token]:
        tokens, pos = [], 0
        for word in thai_words(text):
            start = text.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            if not word.isspace():
                tokens.append(Token(word, start, pos))
        return tokens

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        return split_thai_sentences(text)

    def alignment_units(self, folded: str) -> list[str]:
        """Thai words of the folded text (numbers and Latin words are separate anchors)."""
        return [word for word in thai_words(folded) if _THAI_LETTER.search(word)]
