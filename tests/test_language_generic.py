"""The generic spaced-script profile, shown on Dutch: Snowball stems, no module of its own."""

from __future__ import annotations

from pathlib import Path

from language_pipeline import LanguageCase, run_pipeline

from glossalign.languages import LanguageProfile, get_profile, registered_codes

CASE = LanguageCase(
    lang="nl-NL",
    sentences=("Wij bouwen samen aan een gemeenschap met een gedeelde toekomst.",
               "De lotsgemeenschappen zijn een oude en slechte vertaling.",
               "Samenwerking is goed voor alle landen van de wereld."),
    preferred=("gemeenschap met een gedeelde toekomst", "gemeenschap met een gedeelde toekomst"),
    deprecated=("lotsgemeenschap", "lotsgemeenschappen"),
    source=("Together we are building a community with a shared future.",
            "The communities of fate are an old and poor translation.",
            "Cooperation is good for all the countries of the world."),
    source_term="community with a shared future",
    hypothesis_edit=("samen", "gezamenlijk"),
)


def test_generic_profile_pipeline(tmp_path: Path) -> None:
    assert "nl" not in registered_codes()
    profile = get_profile("nl")
    assert type(profile) is LanguageProfile and profile.stemmer_name == "dutch"
    run_pipeline(CASE, tmp_path)
