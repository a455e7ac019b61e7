"""Spanish: Snowball stems (plural, gender endings) and articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.adapt import adapt_replacement
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase

CASE = LanguageCase(
    lang="es-419",
    sentences=("Queremos construir una comunidad de destino compartido para la humanidad.",
               "Antes se hablaba mucho de las comunidades de futuro.",
               "La cooperación beneficia a todos los países del mundo."),
    preferred=("comunidad de destino compartido", "comunidad de destino compartido"),
    deprecated=("comunidad de futuro", "comunidades de futuro"),
    source=("We want to build a community with a shared future for all of mankind.",
            "People used to talk a lot about communities with a shared future.",
            "Cooperation benefits every country of the world."),
    source_term="community with a shared future",
    hypothesis_edit=("construir", "crear"),
)


def test_spanish_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


@pytest.mark.parametrize(("text", "found"), [
    ("Las Comunidades de Destino Compartido crecen.", "Comunidades de Destino Compartido"),
    ("una comunidad de destinos compartidos", "comunidad de destinos compartidos"),
])
def test_plural_and_case_still_match(text: str, found: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "es", "comunidad de destino compartido", "preferred"))
    assert [h.text for h in TermMatcher(termbase, "es").find(text)] == [found]


@pytest.mark.parametrize(("found", "written", "replacement", "expected"), [
    ("comunidades de futuro", "comunidad de futuro", "comunidad de destino compartido",
     "comunidades de destino compartido"),
    ("naciones", "nación", "organización mundial", "organizaciones mundiales"),
    ("luces", "luz", "farol", "faroles"),
    ("comunidad de futuro", "comunidad de futuro", "comunidad de destino compartido",
     "comunidad de destino compartido"),
])
def test_replacement_takes_the_plural_of_the_text(found: str, written: str, replacement: str,
                                                  expected: str) -> None:
    assert adapt_replacement(found, written, replacement, "es-MX") == expected
