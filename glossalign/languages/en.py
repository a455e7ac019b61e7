"""English: Snowball stems, articles a/an/the, and the plural of a replacement's head noun."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossalign.languages.base import LanguageProfile, register
from glossalign.languages.contractions import Contractions

if TYPE_CHECKING:
    from glossalign.languages.bcp47 import LanguageTag

# English words after which the head noun of a term has ended ("community | of destiny").
HEAD_ENDERS = frozenset(
    "of with for in on at to from by about between among into under over across".split()
)
# Mass nouns of our domain that the spelling rules would pluralise ("e-commerces"): the replacement
# keeps them singular even when the text used a plural.
_UNCOUNTABLE = frozenset(
    "commerce e-commerce information governance security cybersecurity data infrastructure "
    "software hardware equipment knowledge research connectivity interconnectivity".split()
)
ENGLISH_CONTRACTIONS = Contractions(
    negation="not",
    negated={
        "do": "don't", "does": "doesn't", "did": "didn't", "is": "isn't", "are": "aren't",
        "was": "wasn't", "were": "weren't", "has": "hasn't", "have": "haven't", "had": "hadn't",
        "can": "can't", "could": "couldn't", "would": "wouldn't", "should": "shouldn't",
        "must": "mustn't", "need": "needn't", "might": "mightn't", "will": "won't",
        "shall": "shan't",
    },
    negated_ending="n't",
    suffixes={"are": "'re", "have": "'ve", "will": "'ll", "would": "'d", "had": "'d", "am": "'m"},
    fused={"cannot": ("can", "not")},
    aliases={"cannot": ("can't",), "can't": ("cannot",)},
)
_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "analysis": "analyses", "basis": "bases", "crisis": "crises", "thesis": "theses",
    "criterion": "criteria", "phenomenon": "phenomena", "medium": "media", "index": "indices",
    "life": "lives", "leaf": "leaves", "half": "halves", "self": "selves", "shelf": "shelves",
    "hero": "heroes", "potato": "potatoes",
}


def english_plural(noun: str) -> str:
    """The plural of an English noun: irregulars from a table, else the spelling rules.

    Hand-written instead of using inflect, whose import costs seconds (typeguard) on every CLI
    run that suggests a replacement; the head nouns of glossary terms need only these rules.
    """
    lower = noun.lower()
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
        return noun[0] + plural[1:] if noun[:1].isupper() else plural
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


@register("en")
class EnglishProfile(LanguageProfile):
    snowball = "english"
    articles = frozenset({"a", "an", "the"})
    contractions = ENGLISH_CONTRACTIONS
    stop_words = frozenset("""a about above after again against all also am an and any are as at
        be because been before being below between both but by can could did do does doing down
        during each few for from further had has have having he her here hers him his how i if in
        into is it its itself just me more most my no nor not now of off on once only or other
        our ours out over own same she should so some such than that the their theirs them then
        there these they this those through to too under until up upon very was we were what when
        where which while who whom why will with would you your yours shall may might must let us
        one unto thee thou thy ye hath said says yes ok okay also well like get got""".split())

    def adapt_number(self, found: str, written_term: str, replacement: str,
                     tag: LanguageTag) -> str:
        """The plural of the replacement's head noun when the text pluralised the term."""
        if self._is_plural_use(found, written_term):
            return self._pluralize_head(replacement)
        return replacement

    def term_plural(self, term: str) -> str | None:
        """The term with its last word in the plural, as the fixer pluralises English nouns."""
        head, _, last = term.rpartition(" ")
        plural = english_plural(last)
        return f"{head} {plural}" if head else plural

    def _lower_words(self, text: str) -> list[str]:
        return [t.text.lower() for t in self.word_tokens(text)]

    def _is_plural_use(self, found: str, written_term: str) -> bool:
        """True when the text uses the plural of a term the glossary writes in the singular."""
        term_words, found_words = self._lower_words(written_term), self._lower_words(found)
        if len(term_words) != len(found_words):
            return False
        return any(term_word != found_word and english_plural(term_word) == found_word
                   for term_word, found_word in zip(term_words, found_words, strict=True))

    def _pluralize_head(self, term: str) -> str:
        """Pluralise the head noun: the last word before the first preposition, else the last."""
        tokens = self.word_tokens(term)
        if not tokens:
            return term
        head = tokens[-1]
        for previous, token in zip(tokens, tokens[1:], strict=False):
            if token.text.lower() in HEAD_ENDERS:
                head = previous
                break
        last_part = head.text.lower().rsplit("-", 1)[-1]
        if last_part in _UNCOUNTABLE or head.text.lower() in _UNCOUNTABLE:
            return term
        return term[: head.start] + english_plural(head.text) + term[head.end :]
