"""English: Snowball stems, possessives, articles, and the plural of a replacement."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

import glossalign
from glossalign.glossary.adapt import adapt_replacement

CASE = LanguageCase(
    lang="en-US",
    sentences=("Together we must build a community with a shared future for mankind.",
               "Some old texts still speak of communities of common destiny.",
               "Cooperation benefits every country in the world."),
    preferred=("community with a shared future for mankind",
               "community with a shared future for mankind"),
    deprecated=("community of common destiny", "communities of common destiny"),
    source=("我们必须携手构建人类命运共同体。", "一些旧文本仍然使用另一种说法。",
            "合作有利于世界各国。"),
    source_term="人类命运共同体",
    hypothesis_edit=("Together we", "We"),
    src_lang="zh-CN",
)


def test_english_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


def test_fix_keeps_the_plural_the_text_used(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(CASE.glossary_csv(), encoding="utf-8")
    target = tmp_path / "target.txt"
    target.write_text(CASE.sentences[1] + "\n", encoding="utf-8")
    result = glossalign.fix(target, glossary=glossary, tgt_lang="EN")
    assert result.texts == (
        "Some old texts still speak of communities with a shared future for mankind.",)


@pytest.mark.parametrize(("found", "written", "replacement", "expected"), [
    ("communities of destiny", "community of destiny", "community with a shared future",
     "communities with a shared future"),
    ("Crises", "crisis", "emergency", "Emergencies"),
    ("data", "data", "information", "information"),
])
def test_number_adaptation(found: str, written: str, replacement: str, expected: str) -> None:
    assert adapt_replacement(found, written, replacement, "en-GB") == expected
