"""The language package: registry, BCP 47 tags, the profile interface every language shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CliRunner

from glossalign.errors import UsageError
from glossalign.languages import (
    LanguageProfile,
    LanguageTag,
    base_lang,
    get_profile,
    parse_tag,
    registered_codes,
    require_language,
)
from glossalign.languages.bcp47 import same_language

SHIPPED = ("zh", "ja", "ko", "th", "ar", "ru", "de", "fr", "es", "en", "it", "pt")

TAGS = [
    ("en", LanguageTag("en")),
    ("EN", LanguageTag("en")),
    ("en-US", LanguageTag("en", region="US")),
    ("en_US", LanguageTag("en", region="US")),
    ("zh-Hans", LanguageTag("zh", script="Hans")),
    ("zh-CN", LanguageTag("zh", region="CN")),
    ("zh-Hant-TW", LanguageTag("zh", script="Hant", region="TW")),
    ("zh_hant_tw", LanguageTag("zh", script="Hant", region="TW")),
    ("zh-cmn-Hans-CN", LanguageTag("zh", script="Hans", region="CN")),
    ("es-419", LanguageTag("es", region="419")),
    ("de-CH-1901", LanguageTag("de", region="CH", variants=("1901",))),
    ("en-US-x-twain", LanguageTag("en", region="US")),
    ("zho", LanguageTag("zh")),
    ("fra", LanguageTag("fr")),
    ("iw", LanguageTag("he")),
]


@pytest.mark.parametrize(("tag", "expected"), TAGS)
def test_parse_tag_as_people_write_it(tag: str, expected: LanguageTag) -> None:
    assert parse_tag(tag) == expected
    assert base_lang(tag) == expected.language


@pytest.mark.parametrize("tag", ["", "e", "english-", "en--US", "1234", "en-US-x", "zh-Hant-TW-"])
def test_malformed_tags_are_usage_errors(tag: str) -> None:
    with pytest.raises(UsageError, match="not a BCP 47 language tag"):
        parse_tag(tag)


@pytest.mark.parametrize(("tag", "traditional"), [
    ("zh", False), ("zh-CN", False), ("zh-Hans", False), ("zh-Hans-TW", False),
    ("zh-TW", True), ("zh-HK", True), ("zh-Hant", True), ("zh-Hant-TW", True), ("en-TW", False),
])
def test_traditional_chinese_from_script_or_region(tag: str, traditional: bool) -> None:
    assert parse_tag(tag).traditional_chinese is traditional


def test_require_language_lists_the_glossary_languages() -> None:
    assert require_language("EN-us", {"en", "zh"}).language == "en"
    assert require_language("zh-Hant-TW", {"en", "zh"}).traditional_chinese
    with pytest.raises(UsageError, match=r"'fr'.*it has terms in: en, zh"):
        require_language("fr", {"zh", "en"}, "--tgt-lang")


def test_every_shipped_language_has_its_own_module() -> None:
    assert set(SHIPPED) <= set(registered_codes())
    for code in SHIPPED:
        assert type(get_profile(code)) is not LanguageProfile, code


@pytest.mark.parametrize(("tag", "code"), [("zh-TW", "zh"), ("pt_BR", "pt"), ("xx", "xx")])
def test_one_shared_profile_per_base_language(tag: str, code: str) -> None:
    assert get_profile(tag) is get_profile(code)
    assert get_profile(tag).code == code


def test_unknown_codes_get_the_generic_profiles() -> None:
    assert get_profile("nl").spaced and get_profile("nl").stemmer_name == "dutch"
    assert get_profile("he").direction == "rtl"
    assert not get_profile("km").spaced
    for tag in ("e1", "en--US", "english-", ""):
        with pytest.raises(UsageError, match="not a BCP 47 language tag"):
            get_profile(tag)


@pytest.mark.parametrize(("code", "direction", "bleu", "spaced"), [
    ("zh", "ltr", "zh", False), ("ja", "ltr", "ja-mecab", False), ("ko", "ltr", "ko-mecab", True),
    ("th", "ltr", "char", False), ("ar", "rtl", "13a", True), ("en", "ltr", "13a", True),
])
def test_profile_declares_script_and_scoring(code: str, direction: str, bleu: str,
                                             spaced: bool) -> None:
    profile = get_profile(code)
    assert (profile.direction, profile.bleu_tokenizer, profile.spaced) == (direction, bleu, spaced)


@pytest.mark.parametrize(("code", "articles"), [
    ("en", {"a", "an", "the"}),
    ("fr", {"le", "la", "les", "l'", "un", "une", "des"}),
    ("de", {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines"}),
    ("es", {"el", "la", "los", "las", "un", "una", "unos", "unas"}),
    ("it", {"il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'"}),
    ("pt", {"o", "a", "os", "as", "um", "uma", "uns", "umas"}),
    ("zh", set()),
])
def test_leading_articles_per_language(code: str, articles: set[str]) -> None:
    assert get_profile(code).articles == frozenset(articles)


@pytest.mark.parametrize(("code", "stop_words", "content", "mines_words", "contracts"), [
    ("en", {"the", "of", "would", "said"}, {"community", "future"}, False, True),
    ("en-GB", {"the"}, {"destiny"}, False, True),
    ("fr", {"le", "de", "très", "l"}, {"union", "avenir"}, False, False),
    ("it", {"il", "della", "è"}, {"unione"}, False, False),
    ("de", {"der", "daß", "sich"}, {"gemeinschaft"}, False, False),
    ("es", {"el", "también"}, {"comunidad"}, False, False),
    ("pt", {"o", "não"}, {"comunidade"}, False, False),
    ("zh", {"的", "进行", "关于"}, {"网络", "共同体"}, True, False),
    ("zh-Hant-TW", {"的"}, {"网络"}, True, False),
    ("ja", set(), {"の"}, False, False),
    ("th", set(), {"และ"}, False, False),
    ("ru", set(), {"и"}, False, False),
    ("nl", set(), {"de"}, False, False),
])
def test_term_mining_and_matching_data_per_language(code: str, stop_words: set[str],
                                                    content: set[str], mines_words: bool,
                                                    contracts: bool) -> None:
    profile = get_profile(code)
    assert stop_words <= profile.stop_words
    assert not content & profile.stop_words
    assert profile.mines_word_tokens is mines_words
    assert (profile.contractions is not None) is contracts


@pytest.mark.parametrize(("word", "following", "contracted", "expanded"), [
    ("do", "not", ["don't"], []),
    ("can", "not", ["can't", "cannot"], []),
    ("will", "not", ["won't"], []),
    ("we", "are", ["we're"], []),
    ("do", "it", [], []),
    ("won't", None, [], [("will", "not")]),
    ("cannot", None, [], [("can", "not")]),
    ("they'd", None, [], [("they", "would"), ("they", "had")]),
    ("ain't", None, [], []),
])
def test_english_contraction_table(word: str, following: str | None, contracted: list[str],
                                   expanded: list[tuple[str, str]]) -> None:
    table = get_profile("en").contractions
    assert table is not None
    assert table.contract(word, following) == contracted
    assert table.expand(word) == expanded


@pytest.mark.parametrize(("code", "term", "plural"), [
    ("en", "network policy", "network policies"),
    ("en", "digital divide", "digital divides"),
    ("en", "man", "men"),
    ("fr", "chaîne", None),
    ("zh", "网络空间", None),
])
def test_term_plural_only_where_a_rule_exists(code: str, term: str, plural: str | None) -> None:
    assert get_profile(code).term_plural(term) == plural


@pytest.mark.parametrize(("code", "word", "base", "function_word"), [
    ("en", "said", "say", False),
    ("en", "Children", "child", False),
    ("en", "went", "go", False),
    ("en", "left", "left", False),  # also a word of its own: kept
    ("en", "don't", "don't", True),
    ("en", "thee", "thee", True),
    ("fr", "Union", "Union", False),
    ("fr", "le", "le", False),  # only English declares function words for the aligner
    ("ru", "сказал", "сказал", False),
])
def test_aligner_base_forms_and_function_words(code: str, word: str, base: str,
                                               function_word: bool) -> None:
    profile = get_profile(code)
    assert profile.base_form(word) == base
    assert (word.casefold() in profile.function_words) is function_word


def test_words_keep_their_combining_marks() -> None:
    """Arabic diacritics, Devanagari vowel signs and Hebrew points stay inside the word."""
    assert get_profile("ar").split_words("مُجْتَمَعٌ واحِدٌ") == ["مُجْتَمَعٌ", "واحِدٌ"]
    assert get_profile("hi").split_words("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert get_profile("he").split_words("שָׁלוֹם עוֹלָם") == ["שָׁלוֹם", "עוֹלָם"]


GLOSSARY = """concept,lang,term,status
cyber,zh-CN,网络空间命运共同体,preferred
cyber,en,community with a shared future in cyberspace,preferred
cyber,en,community of destiny in cyberspace,forbidden
"""


@pytest.fixture
def check_files(tmp_path: Path) -> dict[str, Path]:
    paths = {"glossary": tmp_path / "g.csv", "source": tmp_path / "src.txt",
             "target": tmp_path / "tgt.txt"}
    paths["glossary"].write_text(GLOSSARY, encoding="utf-8")
    paths["source"].write_text("構建網絡空間命運共同體。\n", encoding="utf-8")  # Traditional
    paths["target"].write_text("Build a community of destiny in cyberspace.\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize(("src_lang", "tgt_lang"), [
    ("zh", "en"), ("zh-Hant-TW", "EN"), ("zh_TW", "en-US"), ("zh-Hans", "en_GB"), ("ZH-CN", "eng"),
])
def test_check_accepts_tags_as_people_write_them(check_files: dict[str, Path], cli: CliRunner,
                                                 src_lang: str, tgt_lang: str) -> None:
    code, out, err = cli(["check", "-g", str(check_files["glossary"]), "--format", "json",
                          "--source", str(check_files["source"]), "--src-lang", src_lang,
                          "--target", str(check_files["target"]), "--tgt-lang", tgt_lang,
                          "--pairing", "lines"])
    assert code == 1, err  # the forbidden term is found, whatever the spelling of the codes
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "forbidden-term" in rules


@pytest.mark.parametrize(("option", "value"), [("--tgt-lang", "fr"), ("--tgt-lang", "de-DE"),
                                              ("--src-lang", "ja")])
def test_a_language_the_glossary_lacks_is_exit_2(check_files: dict[str, Path], cli: CliRunner,
                                                 option: str, value: str) -> None:
    langs = {"--src-lang": "zh", "--tgt-lang": "en", option: value}
    code, out, err = cli(["check", "-g", str(check_files["glossary"]),
                          "--source", str(check_files["source"]), "--src-lang", langs["--src-lang"],
                          "--target", str(check_files["target"]), "--tgt-lang", langs["--tgt-lang"],
                          "--pairing", "lines"])
    assert code == 2 and not out
    assert f"{value!r}" in err and "it has terms in: en, zh" in err
    assert len(err.strip().splitlines()) == 1


def test_a_malformed_tag_is_exit_2(check_files: dict[str, Path], cli: CliRunner) -> None:
    code, _, err = cli(["check", "-g", str(check_files["glossary"]), "-t",
                        str(check_files["target"]), "--tgt-lang", "en--US"])
    assert code == 2 and "not a BCP 47 language tag" in err


@pytest.mark.parametrize(("first", "second", "same"), [
    ("en", "en-US", True), ("EN_us", "en-US", True), ("en-US", "en-GB", False),
    ("zh-Hans", "zh-CN", True), ("zh-Hant", "zh-TW", True), ("zh-Hant-TW", "zh_TW", True),
    ("zh-Hans", "zh-TW", False), ("zh-CN", "zh-TW", False), ("zh", "zh-Hant", True),
    ("en", "fr", False), ("zho", "zh-CN", True),
])
def test_same_language_compares_what_both_tags_say(first: str, second: str, same: bool) -> None:
    assert same_language(first, second) is same
    assert same_language(second, first) is same


@pytest.mark.parametrize(("src_lang", "tgt_lang", "accepted"), [
    ("zh-Hans", "EN", True), ("zh_CN", "en-us", True), ("zh-Hant", "en", False),
    ("zh-TW", "en", False), ("zh", "en-GB", False),
])
def test_a_file_declaring_zh_cn_accepts_options_written_as_people_write_them(
        src_lang: str, tgt_lang: str, accepted: bool) -> None:
    from glossalign.corpora.formats import read_bilingual
    from glossalign.errors import GlossalignError

    sample = Path(__file__).parent / "data" / "formats" / "sample-2.0.xlf"  # zh-CN -> en-US
    if accepted:
        assert read_bilingual(sample, src_lang, tgt_lang).alignment.tgt_segments
    else:
        with pytest.raises(GlossalignError, match="does not match"):
            read_bilingual(sample, src_lang, tgt_lang)
