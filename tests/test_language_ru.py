"""Russian: case endings through the Snowball stemmer; ё read as е."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase

CASE = LanguageCase(
    lang="ru",
    sentences=("Мы гордимся сообществом единой судьбы человечества.",
               "Об общности судьбы говорили в старых переводах.",
               "Сотрудничество выгодно всем странам мира."),
    preferred=("сообщество единой судьбы", "сообществом единой судьбы"),
    deprecated=("общность судьбы", "общности судьбы"),
    source=("We are proud of the community with a shared future for mankind.",
            "Old translations spoke of a community of fate.",
            "Cooperation benefits every country in the world."),
    source_term="community with a shared future",
    hypothesis_edit=("гордимся", "дорожим"),
)


def test_russian_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


@pytest.mark.parametrize("text", [
    "сообщество единой судьбы",  # nominative
    "сообщества единой судьбы",  # genitive
    "о сообществе единой судьбы",  # prepositional
    "сообществами единой судьбы",  # instrumental plural
    "СООБЩЕСТВО ЕДИНОЙ СУДЬБЫ",
])
def test_every_case_of_the_term_is_found(text: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ru", "сообщество единой судьбы", "preferred"))
    assert len(TermMatcher(termbase, "ru").find(text)) == 1


def test_yo_and_ye_are_one_letter() -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ru", "объединённые нации", "preferred"))
    assert len(TermMatcher(termbase, "ru").find("Объединенные Нации заседают.")) == 1
