"""German: case endings and plurals through Snowball, compounds as one word."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase

CASE = LanguageCase(
    lang="de-DE",
    sentences=("Wir wollen gemeinsam Schicksalsgemeinschaften aufbauen.",
               "Die Rede von Gemeinschaften des Schicksals ist ein alter Begriff.",
               "Die Zusammenarbeit nützt allen Ländern der Welt."),
    preferred=("Schicksalsgemeinschaft", "Schicksalsgemeinschaften"),
    deprecated=("Gemeinschaft des Schicksals", "Gemeinschaften des Schicksals"),
    source=("We want to build communities of shared destiny together.",
            "Talk of communities of fate is an old notion.",
            "Cooperation benefits all the countries of the world."),
    source_term="community of shared destiny",
    hypothesis_edit=("gemeinsam", "zusammen"),
)


def test_german_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


@pytest.mark.parametrize("text", [
    "Die Schicksalsgemeinschaft wächst.",  # nominative
    "Der Schicksalsgemeinschaften gibt es viele.",  # genitive plural
    "Mit den Schicksalsgemeinschaften reden.",  # dative plural
    "SCHICKSALSGEMEINSCHAFT",
])
def test_compound_found_in_its_inflected_forms(text: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "de", "Schicksalsgemeinschaft", "preferred"))
    (hit,) = TermMatcher(termbase, "de").find(text)
    assert hit.text.casefold().startswith("schicksalsgemeinschaft")


def test_a_different_compound_is_not_the_term() -> None:
    termbase = TermBase()
    termbase.add(Term("c", "de", "Schicksalsgemeinschaft", "preferred"))
    assert TermMatcher(termbase, "de").find("Die Wirtschaftsgemeinschaft wächst.") == []
