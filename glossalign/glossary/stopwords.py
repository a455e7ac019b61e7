"""Stop words per language, for term mining: a term does not start or end with one.

Short hand-made lists of function words (articles, prepositions, pronouns, auxiliaries,
conjunctions); a language without a list gets none, and mining then relies on frequency alone.
"""

from __future__ import annotations

from glossalign.glossary.model import base_lang

_LISTS = {
    "en": """a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each few
        for from further had has have having he her here hers him his how i if in into is it its
        itself just me more most my no nor not now of off on once only or other our ours out over
        own same she should so some such than that the their theirs them then there these they
        this those through to too under until up upon very was we were what when where which
        while who whom why will with would you your yours shall may might must let us one unto
        thee thou thy ye hath said says yes ok okay also well like get got""",
    "fr": """a à au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le
        les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu
        que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y été être avoir est
        sont ai as avez ont était c d j l m n s t plus comme si tout tous toutes très aussi""",
    "de": """der die das den dem des ein eine einer eines einem einen und oder aber in im an am
        auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ohne um als wie
        ist sind war waren wird werden wurde hat haben hatte sein ich du er sie es wir ihr nicht
        auch noch nur so dass daß sich man""",
    "es": """el la los las un una unos unas y o pero de del al a en con por para sin sobre
        entre que quien se su sus lo le les me te nos es son era fue ha han ser estar está como
        más muy también no si ya""",
    "it": """il lo la i gli le un uno una e o ma di del della dei degli delle a al alla in con
        per su tra fra da che chi si suo sua suoi è sono era ha hanno essere come più molto anche
        non""",
    "pt": """o a os as um uma uns umas e ou mas de do da dos das em no na nos nas com por para
        sem sobre entre que se seu sua é são era foi ser estar como mais muito também não""",
    "zh": """的 了 在 是 和 与 及 或 对 于 把 被 将 也 都 而 并 等 这 那 这个 那个 这些 那些 我们
        你们 他们 它们 我 你 他 她 它 之 其 以 为 从 向 中 上 下 里 个 就 又 还 很 更 最 已 已经
        不 没有 有 要 会 能 可以 一个 一些 各 每 如 如果 因为 所以 但 但是 同时 进行 通过 关于""",
}
_CACHE: dict[str, frozenset[str]] = {}


def stop_words(lang: str) -> frozenset[str]:
    """The stop words of a language (lower case); empty when we have no list."""
    code = base_lang(lang)
    if code not in _CACHE:
        _CACHE[code] = frozenset(_LISTS.get(code, "").split())
    return _CACHE[code]
