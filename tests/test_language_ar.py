"""Arabic: right to left; the article and clitics attached; diacritics and tatweel ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.languages import get_profile

CASE = LanguageCase(
    lang="ar-EG",
    sentences=("ندعو جميع الدول إلى بناء مجتمعِ المصيرِ المشتركِ للبشرية.",
               "ويتحدث البعض عن مجتمع القدر في الترجمات القديمة.",
               "والتعاون يفيد جميع دول العالم."),
    preferred=("مجتمع المصير المشترك", "مجتمعِ المصيرِ المشتركِ"),
    deprecated=("مجتمع القدر", "مجتمع القدر"),
    source=("We call on all countries to build a community with a shared future for mankind.",
            "Some speak of a community of fate in old translations.",
            "Cooperation benefits all the countries of the world."),
    source_term="community with a shared future",
    hypothesis_edit=("جميع الدول", "كل الدول"),
)


def test_arabic_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)
    assert get_profile(CASE.lang).direction == "rtl"


@pytest.mark.parametrize("text", [
    "المجتمع",  # the article
    "والمجتمع",  # and + the
    "بالمجتمع",  # with + the
    "للمجتمع",  # for + the (fused)
    "وللمجتمعات",  # and + for the + plural
    "مُجْتَمَعٌ",  # diacritics
    "مجـــتمع",  # tatweel
])
def test_clitics_article_and_diacritics_do_not_block_a_match(text: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ar", "مجتمع", "preferred"))
    (hit,) = TermMatcher(termbase, "ar").find(f"قال الوزير إن {text} مهم.")
    assert hit.text == text


def test_the_article_on_the_glossary_side_is_optional_too() -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ar", "المصير المشترك", "preferred"))
    assert len(TermMatcher(termbase, "ar").find("بناء مصير مشترك")) == 1


def test_hamza_forms_of_alif_are_one_letter() -> None:
    profile = get_profile("ar")
    assert profile.stem("إنسان") == profile.stem("انسان")
