"""Chinese: jieba words, character matching with Traditional folded to Simplified (OpenCC)."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

import glossalign
from glossalign.glossary.adapt import adapt_replacement
from glossalign.languages import get_profile

# Traditional text (Taiwan) checked against a glossary written in Simplified.
CASE = LanguageCase(
    lang="zh-Hant-TW",
    sentences=("我們要共同構建人類命運共同體。",
               "有些舊譯本把它寫成命運共同體。",
               "合作有利於世界各國。"),
    preferred=("人类命运共同体", "人類命運共同體"),
    deprecated=("命运共同体", "命運共同體"),
    source=("We must jointly build a community with a shared future for mankind.",
            "Some old translations write it as community of destiny.",
            "Cooperation benefits all countries in the world."),
    source_term="community with a shared future for mankind",
    hypothesis_edit=("共同", "一起"),
)


def test_traditional_chinese_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


def test_fix_writes_traditional_into_traditional_text(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(CASE.glossary_csv(), encoding="utf-8")
    target = tmp_path / "target.txt"
    target.write_text(CASE.sentences[1] + "\n", encoding="utf-8")
    result = glossalign.fix(target, glossary=glossary, tgt_lang="zh-TW")
    assert result.texts == ("有些舊譯本把它寫成人類命運共同體。",)


@pytest.mark.parametrize(("lang", "found", "expected"), [
    ("zh-CN", "命运共同体", "人类命运共同体"),  # Simplified text keeps the glossary's spelling
    ("zh-Hant", "命運共同體", "人類命運共同體"),
    ("zh-HK", "網絡空間", "網絡空間"),  # Hong Kong forms
    ("zh-TW", "网络空间", "網路空間"),  # Taiwan phrases (s2twp), chosen by the region
    ("zh", "網絡空間", "網絡空間"),  # no tag says so, but the text itself is Traditional
])
def test_replacement_follows_the_script_of_the_text(lang: str, found: str, expected: str) -> None:
    replacement = "网络空间" if "空间" in found or "空間" in found else "人类命运共同体"
    assert adapt_replacement(found, found, replacement, lang) == expected


def test_words_are_jieba_words_and_units_are_hanzi() -> None:
    profile = get_profile("zh")
    assert [t.text for t in profile.word_tokens("构建人类命运共同体")] == ["构建", "人类",
                                                                          "命运", "共同体"]
    assert profile.alignment_units(profile.normalise("人類abc")) == ["人", "类"]
    assert profile.normalise("網絡空間") == "网络空间"
