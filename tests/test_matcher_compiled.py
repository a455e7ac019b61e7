"""The compiled spaced-script path of the matcher gives exactly the pure-Python path's hits.

Skipped where the extension is not built (a source checkout without ``python setup.py
build_ext --inplace``; ``pip install .`` and ``pip install -e .`` build it).
"""

from __future__ import annotations

import gc
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossalign.glossary import matcher as matcher_module
from glossalign.glossary.matcher import COMPILED_AVAILABLE, TermMatcher
from glossalign.glossary.model import Term, TermBase

pytestmark = pytest.mark.skipif(not COMPILED_AVAILABLE,
                                reason="glossalign.glossary._matchloop is not built")

TERMS = {
    "en": ["end of", "research and development", "Hong Kong, China", "e-commerce",
           "World Health Organization (WHO)", "do not panic", "won't stop", "we are ready",
           "cannot say", "the Ning Clan", "martial arts institute", "data security",
           "U.S. policy", "3.5 percent", "naïve café", "community with a shared future",
           "𝐀lpha beta", "east", "world's end"],
    "fr": ["la Commission européenne", "Union européenne", "l'État de droit", "qu'il y ait"],
    "de": ["die Europäische Union", "Schicksalsgemeinschaft"],
    "ru": ["Европейский союз", "права человека"],
    "ko": ["공동체", "인류 운명 공동체"],
    "ar": ["الاتحاد الأوروبي", "حقوق الإنسان"],
    "zh": ["网络空间命运共同体", "网络空间", "世界互联网大会", "5G网络", "数据安全"],
    "ja": ["サイバー空間", "データ", "がっこう"],
}
SAMPLES = {
    "en": ["It was the end. Of course", "the end of it", "research, and development",
           "in Hong Kong, China today", "e commerce, e-commerce, ecommerce", "Don't panic.",
           "don’t panic", "it will not stop", "We're ready", "I can't say", "I can not say",
           "members of the Ning Clan", "a martial arts institute", "DATA security; data",
           "U.S. policy and the U.S policy", "3.5 percent", "NAÏVE CAFÉ", "𝐀lpha beta",
           "the world's end's", "nul\x00inside the end of", "'the end of'", "(end of)",
           "the World Health Organization (WHO) said", "communities with a shared future",
           "Easter in the East", ""],
    "fr": ["la Commission européenne", "de l'Union européenne", "de l’Union européenne",
           "l'État de droit", "qu’il y ait"],
    "de": ["in der Europäischen Union", "Schicksalsgemeinschaften"],
    "ru": ["Европейского союза", "права человека, и"],
    "ko": ["공동체는", "인류 운명 공동체를"],
    "ar": ["والاتحاد الأوروبي", "حُقُوق الإنسان"],
    # unspaced: Traditional and width folding, spaces and folds that change the length (the
    # index-map path), a match cut by a character that folds into several
    "zh": ["共同构建网络空间命运共同体", "構建網絡空間命運共同體", "发展５Ｇ网络", "网络 空间", "",
           "网络空间，数据安全。网络空间", "世界 互联网大会 在 乌镇", "㍿网络空间", "\x00网络空间"],
    "ja": ["サイバー空間の安全", "ﾃﾞｰﾀ と データ", "か\u3099っこう と がっこう", "ｻｲﾊﾞｰ空間"],
}


def _base() -> TermBase:
    terms = [Term(f"{lang}{i}", lang, text, "preferred")
             for lang, texts in TERMS.items() for i, text in enumerate(texts)]
    # one spelling shared by two concepts: each gets its hit
    terms += [Term("shared", "en", "data security", "admitted")]
    return TermBase.from_terms(terms)


BASE = _base()


def both(lang: str, base: TermBase = BASE) -> tuple[TermMatcher, TermMatcher]:
    compiled, python = (TermMatcher(base, lang, compiled=True),
                        TermMatcher(base, lang, compiled=False))
    assert (compiled.engine, python.engine) == ("compiled", "python")
    return compiled, python


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_same_hits_on_the_rule_cases(lang: str) -> None:
    compiled, python = both(lang)
    texts = SAMPLES[lang]
    assert compiled.find_many(texts, 3) == python.find_many(texts, 3)
    assert any(compiled.find_many(texts))  # the samples do hit
    for i, text in enumerate(texts):
        assert compiled.find(text, i) == python.find(text, i)


def test_hits_are_term_hits_and_usable_like_the_python_ones() -> None:
    compiled, python = both("en")
    [hits] = compiled.find_many(["data security matters"])
    assert [type(hit).__name__ for hit in hits] == ["TermHit", "TermHit"]
    assert {h.concept for h in hits} == {"en11", "shared"} and hits[0].approved
    assert hits[0]._replace(start=0) == python.find_many(["data security matters"])[0][0]
    gc.collect()  # hits stay sound through a collection
    assert hits[0].text == "data security"


def test_same_hits_across_batches_and_a_reset_part_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher_module, "_BATCH_CHARS", 20)
    monkeypatch.setattr(matcher_module, "_KEY_CACHE_LIMIT", 5)
    compiled, python = both("en")
    texts = SAMPLES["en"] * 4
    assert compiled.find_many(texts, 1) == python.find_many(texts, 1)


def test_threads_sharing_one_matcher_get_their_own_hits() -> None:
    # The automaton call releases the GIL: each call must keep its own key string and offsets.
    from concurrent.futures import ThreadPoolExecutor

    compiled, python = both("en")
    # batches unlike each other in texts, offsets and words: a mix-up would show
    batches = [["x" * i] * i + [f"{'w' * i}{j} {text} {j}" for j in range(40)
                                for text in SAMPLES["en"][i:]] for i in range(8)]
    expected = [python.find_many(batch, i) for i, batch in enumerate(batches)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda i: compiled.find_many(batches[i], i), range(len(batches))))
    assert got == expected


def test_tuple_input_and_an_empty_list() -> None:
    compiled, python = both("en")
    assert compiled.find_many(tuple(SAMPLES["en"])) == python.find_many(SAMPLES["en"])
    assert compiled.find_many([]) == []


def test_str_subclasses_are_texts_too() -> None:
    class Text(str):
        pass

    compiled, python = both("en")
    texts = [Text(text) for text in SAMPLES["en"]]
    assert compiled.find_many(texts) == python.find_many(texts)


def test_a_non_string_text_is_refused() -> None:
    compiled, _ = both("en")
    with pytest.raises(TypeError):
        compiled.find_many(["fine", b"bytes"])  # type: ignore[list-item]


def test_environment_switch_selects_the_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSALIGN_PURE_PYTHON", "1")
    assert TermMatcher(BASE, "en").engine == "python"
    monkeypatch.setenv("GLOSSALIGN_PURE_PYTHON", "0")
    assert TermMatcher(BASE, "en").engine == "compiled"
    assert TermMatcher(BASE, "zh").engine == "compiled"


# Text from the characters the rules care about: letters (cased, accented, astral), digits,
# apostrophes, clause punctuation (ASCII and CJK), gaps (space, hyphen, quotes, slash), NUL,
# control characters, combining marks.
ALPHABET = ("abcdefghilnorstuwyDEHNOUW0135'’.,;:()?!。，、 -\"/\x00\x01\t\n"
            "éÉïßçÇ\u0301𝐀😀公")
WORDS = ["the", "end", "of", "research", "and", "development", "Hong", "Kong", "China",
         "e-commerce", "don't", "do", "not", "panic", "won't", "stop", "will", "we're", "ready",
         "can't", "cannot", "say", "Ning", "Clan", "data", "security", "U.S.", "policy", "3.5",
         "percent", "naïve", "café", "world's", "(WHO)", "World", "Health", "Organization"]
SEPARATORS = [" ", "  ", ", ", ". ", "-", "'", " (", ") ", "\x00", "’", "，", "\n"]

texts_strategy = st.lists(
    st.one_of(
        st.text(alphabet=ALPHABET, max_size=60),
        st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12)
        .map(lambda pairs: "".join(w + s for w, s in pairs)),
    ), max_size=8)


@settings(max_examples=300 if os.environ.get("CI") else 150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, first=st.integers(min_value=0, max_value=5))
def test_same_hits_on_generated_text(texts: list[str], first: int) -> None:
    compiled, python = MATCHERS
    assert compiled.find_many(texts, first) == python.find_many(texts, first)


CJK_ALPHABET = "网络空间命运共同体世界互联网大会数据安全發展５Ｇ5g，。、 \x00\u3099か㍿ｶﾞ"
CJK_PIECES = ["网络空间", "网络", "空间", "網絡空間", "命运共同体", "命運共同體", "世界互联网大会",
              "５Ｇ网络", "5G", "网络", "数据安全", "數據", "安全"]
cjk_texts = st.lists(st.one_of(
    st.text(alphabet=CJK_ALPHABET, max_size=40),
    st.lists(st.tuples(st.sampled_from(CJK_PIECES), st.text(alphabet=CJK_ALPHABET, max_size=2)),
             max_size=8).map(lambda pairs: "".join(p + s for p, s in pairs))), max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=cjk_texts, first=st.integers(min_value=0, max_value=5))
def test_same_unspaced_hits_on_generated_text(texts: list[str], first: int) -> None:
    compiled, python = ZH_MATCHERS
    assert compiled.find_many(texts, first) == python.find_many(texts, first)


MATCHERS = both("en") if COMPILED_AVAILABLE else (None, None)
ZH_MATCHERS = both("zh") if COMPILED_AVAILABLE else (None, None)
