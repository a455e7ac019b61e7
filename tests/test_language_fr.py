"""French: Snowball stems, articles, and elided clitics ("l'Union", "d'intérêt")."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.adapt import adapt_replacement
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.languages import get_profile

CASE = LanguageCase(
    lang="fr-FR",
    sentences=("Les pays de l'Union européenne partagent un marché commun.",
               "La Communauté européenne n'existe plus depuis longtemps.",
               "La coopération profite à tous les pays du monde."),
    preferred=("Union européenne", "Union européenne"),
    deprecated=("Communauté européenne", "Communauté européenne"),
    source=("The countries of the European Union share a common market.",
            "The European Community has not existed for a long time.",
            "Cooperation benefits every country in the world."),
    source_term="European Union",
    hypothesis_edit=("commun", "unique"),
)


def test_french_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


@pytest.mark.parametrize(("term", "text", "found"), [
    ("Union européenne", "Le budget de l'Union européenne augmente.", "Union européenne"),
    ("Union européenne", "L’Union européenne décide.", "Union européenne"),
    ("Union européenne", "les pays membres des Unions européennes", "Unions européennes"),
    ("intérêt", "Le taux d'intérêt baisse.", "intérêt"),
    ("taux d'intérêt", "Les taux d'intérêt baissent.", "taux d'intérêt"),
    ("union", "C'est jusqu'à l'union qu'il faut aller.", "union"),
])
def test_elided_clitics_stay_outside_the_match(term: str, text: str, found: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "fr", term, "preferred"))
    assert [h.text for h in TermMatcher(termbase, "fr").find(text)] == [found]


def test_word_keys_drop_the_elided_article() -> None:
    profile = get_profile("fr")
    assert profile.stem("l'Union") == profile.stem("Union") == profile.stem("union")
    assert profile.stem("aujourd'hui") != profile.stem("hui")  # an apostrophe inside a word
    text = "dans l'Union"
    (_, span) = profile.word_spans(text, profile.split_words(text))
    assert text[span[0]:span[1]] == "Union"


@pytest.mark.parametrize(("found", "written", "replacement", "expected"), [
    ("Communauté européenne", "Communauté européenne", "Union européenne", "Union européenne"),
    ("Communautés européennes", "Communauté européenne", "Union européenne",
     "Unions européennes"),
    ("communautés de destin", "communauté de destin", "communauté d'avenir partagé",
     "communautés d'avenir partagé"),  # the complement keeps its number
    ("conseils régionaux", "conseil régional", "comité local", "comités locaux"),
    ("taux d'intérêt", "taux d'intérêt", "taux directeur", "taux directeur"),
])
def test_replacement_takes_the_number_and_case_of_the_text(found: str, written: str,
                                                           replacement: str,
                                                           expected: str) -> None:
    assert adapt_replacement(found, written, replacement, "fr") == expected
