"""Contractions a language writes two words as one ("do not" <-> "don't"), for term matching.

A profile with contractions declares one :class:`Contractions` table (English: ``en.py``); the
matcher (``glossary/termforms.py``) then matches each spelling of a term under the other too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Contractions:
    """The contracted spellings of word pairs, casefolded, with a plain apostrophe."""

    negation: str  # the word whose contraction is irregular: "not"
    negated: Mapping[str, str]  # a word before the negation -> the pair contracted: "do" -> "don't"
    negated_ending: str  # how every contracted negation ends: "n't"
    suffixes: Mapping[str, str]  # a second word -> its clitic after the first: "are" -> "'re"
    fused: Mapping[str, tuple[str, str]]  # one word for a pair: "cannot" -> ("can", "not")
    aliases: Mapping[str, tuple[str, ...]]  # other spellings of the same word: "cannot" -> "can't"
    # Words that start or end a contraction ("do" + "not", "we" + "are"): the rest skip the search.
    trigger_words: frozenset[str] = field(init=False)
    _expanded_negations: Mapping[str, str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "trigger_words",
                           frozenset({self.negation, *self.fused, *self.suffixes}))
        object.__setattr__(self, "_expanded_negations",
                           {contracted: word for word, contracted in self.negated.items()})

    def may_apply(self, words: list[str]) -> bool:
        """False when none of ``words`` can contract or expand: the common case, checked fast."""
        return any(w.casefold() in self.trigger_words or "'" in w or "’" in w for w in words)

    def contract(self, word: str, following: str | None) -> list[str]:
        """The contracted spellings of ``word`` followed by ``following`` (none: ``[]``)."""
        if following == self.negation and word in self.negated:
            return [self.negated[word], *(one for one, pair in self.fused.items()
                                           if pair == (word, following))]
        if following is not None and following in self.suffixes and word.isalpha():
            return [word + self.suffixes[following]]
        return []

    def expand(self, word: str) -> list[tuple[str, str]]:
        """The word pairs that ``word`` contracts (none: ``[]``)."""
        if word in self.fused:
            return [self.fused[word]]
        if word.endswith(self.negated_ending):
            expanded = self._expanded_negations.get(word)
            return [(expanded, self.negation)] if expanded else []
        return [(word[: -len(suffix)], full) for full, suffix in self.suffixes.items()
                if word.endswith(suffix) and len(word) > len(suffix)]
