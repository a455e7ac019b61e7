"""The language package: registry, BCP 47 tags, the profile interface every language shares."""

from __future__ import annotations

import pytest

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
    with pytest.raises(UsageError, match="not a language code"):
        get_profile("e1")


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


def test_words_keep_their_combining_marks() -> None:
    """Arabic diacritics, Devanagari vowel signs and decomposed accents stay inside the word."""
    assert get_profile("ar").split_words("مُجْتَمَعٌ واحِدٌ") == ["مُجْتَمَعٌ", "واحِدٌ"]
    assert get_profile("hi").split_words("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert get_profile("fr").split_words("cafe\u0301 noir") == ["cafe\u0301", "noir"]


def test_old_module_still_imports() -> None:
    from glossalign.corpora import profiles

    assert profiles.get_profile is get_profile
    assert profiles.SNOWBALL_NAMES["de"] == "german"
