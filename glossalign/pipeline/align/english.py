"""English word lists the lexical model needs: stop words and irregular forms -> base forms.

Stemming alone cannot join "said" to the dictionary's "say" or "children" to "child"; these short
tables do, before the Snowball stemmer runs.
"""

from __future__ import annotations

ENGLISH_STOPWORDS = frozenset("""
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


def english_base_form(word: str) -> str:
    """``said`` -> ``say``, ``children`` -> ``child``; other words unchanged (case-folded input)."""
    return IRREGULAR_FORMS.get(word, word)
