"""English: Snowball stems, articles a/an/the, contractions, irregular forms -> base forms, stop
words (mining) and function words (aligner), and the plural of a replacement's head noun."""

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
# Suffixes that make another word of the same stem: "infection" is not "infect", "hospital"
# is not "hospitalize", "security" is not "secure" (see LanguageProfile.derivations).
ENGLISH_DERIVATIONS = (
    ("(?:is|iz)ations?", "ization"), ("(?:is|iz)(?:e|es|ed|ing)", "ize"), ("ions?", "ion"),
    ("ivit(?:y|ies)", "ivity"), ("it(?:y|ies)", "ity"), ("ives?", "ive"),
    ("ness(?:es)?", "ness"), ("ments?", "ment"), ("[ai]bl(?:e|es|y)", "able"),
    ("ists?", "ist"), ("isms?", "ism"), ("ous(?:ly)?", "ous"),
    ("(?:an|en)(?:ce|ces|cy|cies)", "ence"), ("(?:an|en)ts?", "ent"), ("(?:als?|ally)", "al"),
    ("(?:er|or)s?", "er"), ("ful", "ful"), ("less", "less"), ("ly", "ly"),
)
# The aligner's function words: no lexical evidence for a bead (contracted forms and archaic ones
# included, for Bible-style texts); longer than the mining list, which keeps "one's" and "said".
FUNCTION_WORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can cannot could couldn't did didn't do does doesn't doing don't down
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves
also just may might must shall will one's s t etc e.g i.e
thee thou thy thine ye unto hath hast doth dost art shalt wilt thereof therein whereof upon yea
""".split())

# Irregular forms -> base forms: stemming alone cannot join "said" to the dictionary's "say" or
# "children" to "child".
_IRREGULAR_VERBS = """
arise arose arisen|awake awoke awoken|be was were been|bear bore borne born|beat beat beaten
become became|begin began begun|beget begat begot begotten|behold beheld|bend bent|bind bound
bite bit bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought
build built|burn burnt|buy bought|catch caught|choose chose chosen|cling clung|come came
cost cost|creep crept|cut cut|deal dealt|dig dug|do did done doth|draw drew drawn|dream dreamt
drink drank drunk|drive drove driven|dwell dwelt|eat ate eaten|fall fell fallen|feed fed
feel felt|fight fought|find found|flee fled|fling flung|fly flew flown|forbid forbade forbidden
forget forgot forgotten|forgive forgave forgiven|forsake forsook forsaken|freeze froze frozen
get got gotten|give gave given|go went gone|grind ground|grow grew grown|hang hung|have had hath
hear heard|hide hid hidden|hit hit|hold held|hurt hurt|keep kept|kneel knelt|know knew known
lay laid|lead led|lean leant|leap leapt|learn learnt|leave left|lend lent|lie lay lain|light lit
lose lost|make made|mean meant|meet met|pay paid|put put|quit quit|read read|rend rent|rid rid
ride rode ridden|ring rang rung|rise rose risen|run ran|say said saith|see saw seen|seek sought
sell sold|send sent|set set|shake shook shaken|shine shone|shoot shot|show shown|shrink shrank
shut shut|sing sang sung|sink sank sunk|sit sat|slay slew slain|sleep slept|slide slid
sling slung|smite smote smitten|speak spoke spoken spake|speed sped|spend spent|spin spun
spit spat|split split|spread spread|spring sprang sprung|stand stood|steal stole stolen
stick stuck|sting stung|stink stank stunk|stride strode stridden|strike struck stricken
strive strove striven|swear swore sworn|sweep swept|swim swam swum|swing swung|take took taken
teach taught|tear tore torn|tell told|think thought|throw threw thrown|tread trod trodden
understand understood|wake woke woken|wear wore worn|weave wove woven|weep wept|win won
wind wound|withdraw withdrew withdrawn|wring wrung|write wrote written
child children|man men|woman women|foot feet|tooth teeth|mouse mice|goose geese|ox oxen
brother brethren|person people|die dice|louse lice
"""

IRREGULAR_FORMS: dict[str, str] = {
    form: group.split()[0]
    for group in _IRREGULAR_VERBS.replace("\n", "|").split("|") if group.strip()
    for form in group.split()[1:]
}
# Forms that are also common words of their own stay as they are.
for _ambiguous in ("ground", "left", "lay", "bound", "wound", "rose", "fell", "lit", "read",
                   "rent", "die", "dice", "people"):
    IRREGULAR_FORMS.pop(_ambiguous, None)


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
    function_words = FUNCTION_WORDS
    derivations = ENGLISH_DERIVATIONS
    derivations_always = True

    def base_form(self, word: str) -> str:
        """``said`` -> ``say``, ``children`` -> ``child``; other words case-folded."""
        folded = word.casefold()
        return IRREGULAR_FORMS.get(folded, folded)
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
