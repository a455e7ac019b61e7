"""Glossary mining: source candidates, renderings by association, variants, and the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CliRunner

from glossalign.glossary.io import read_glossary
from glossalign.glossary.mine import mine_glossary, mined_termbase
from glossalign.stage_data import Alignment, Segment

# A small parallel text: "supply chain" is rendered two ways, "data" one way; "the" is frequent
# but a stop word.
PAIRS = [
    ("The supply chain is fragile.", "La chaîne d'approvisionnement est fragile."),
    ("We secure the supply chain.", "Nous sécurisons la chaîne d'approvisionnement."),
    ("A supply chain needs data.", "Une chaîne logistique a besoin de données."),
    ("The data is open.", "Les données sont ouvertes."),
    ("Open data helps the supply chain.", "Les données ouvertes aident la chaîne "
                                          "d'approvisionnement."),
    ("The weather is fine.", "Il fait beau."),
    ("Our supply chain works.", "Notre chaîne d'approvisionnement fonctionne."),
]


def alignment() -> Alignment:
    src = [Segment(s, "en", "src.txt", i + 1) for i, (s, _) in enumerate(PAIRS)]
    tgt = [Segment(t, "fr", "tgt.txt", i + 1) for i, (_, t) in enumerate(PAIRS)]
    return Alignment.line_by_line(src, tgt)


def test_mines_recurring_terms_with_their_rendering_and_variants() -> None:
    pairs = {p.source: p for p in mine_glossary(alignment(), "en", "fr", max_terms=20)}
    assert "the" not in pairs and "is" not in pairs  # stop words never make a term
    chain = pairs["supply chain"]
    assert chain.target == "chaîne d'approvisionnement"
    assert chain.source_count == 5 and chain.consistency == 0.8
    assert [(v.text, v.count) for v in chain.variants][0] == ("chaîne d'approvisionnement", 4)
    assert chain.variants[0].lines == (1, 2, 5)
    assert ("chaîne logistique", 1) in [(v.text, v.count) for v in chain.variants]
    assert pairs["data"].target == "données" and pairs["data"].confidence == 1.0


def test_terms_never_span_clause_punctuation() -> None:
    src = [Segment("red, wine", "en"), Segment("red, wine", "en")]
    tgt = [Segment("rouge, vin", "fr"), Segment("rouge, vin", "fr")]
    mined = mine_glossary(Alignment.line_by_line(src, tgt), "en", "fr")
    assert "red wine" not in {p.source for p in mined}


def test_frequency_baseline_and_unknown_method() -> None:
    mined = mine_glossary(alignment(), "en", "fr", method="frequency")
    assert [p.source_count for p in mined] == sorted((p.source_count for p in mined),
                                                     reverse=True)
    with pytest.raises(ValueError):
        mine_glossary(alignment(), "en", "fr", method="magic")


def test_mined_termbase_is_proposed_with_evidence() -> None:
    mined = mine_glossary(alignment(), "en", "fr", max_terms=3)
    base = mined_termbase(mined, "en", "fr")
    statuses = {t.status for t in base.terms()}
    assert statuses == {"proposed"}
    notes = [t.note for t in base.terms() if t.lang == "fr"]
    assert all(n.startswith("mined: confidence") for n in notes)


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_glossary_mine_command_writes_a_proposed_glossary(tmp_path: Path, suffix: str,
                                                          cli: CliRunner) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("".join(f"{s}\t{t}\n" for s, t in PAIRS), encoding="utf-8")
    out = tmp_path / f"proposed{suffix}"
    code, out_text, err = cli(["glossary", "mine", str(out), "--pairs", str(tsv),
                               "--src-lang", "en", "--tgt-lang", "fr"])
    assert code == 0, err
    assert "proposed" in out_text
    base = read_glossary(out)
    assert {t.status for t in base.terms()} == {"proposed"}
    assert ("supply chain", "chaîne d'approvisionnement") in base.term_pairs("en", "fr")


def test_glossary_mine_refuses_to_overwrite_its_input(tmp_path: Path, cli: CliRunner) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("".join(f"{s}\t{t}\n" for s, t in PAIRS), encoding="utf-8")
    link = tmp_path / "pairs.csv"
    link.hardlink_to(tsv)
    before = tsv.read_bytes()
    code, _, err = cli(["glossary", "mine", str(link), "--pairs", str(tsv),
                        "--src-lang", "en", "--tgt-lang", "fr"])
    assert code == 2 and "refusing" in err and len(err.strip().splitlines()) == 1
    assert tsv.read_bytes() == before


def test_opt_in_rule_reports_unglossed_terms_rendered_several_ways(tmp_path: Path) -> None:
    from glossalign.glossary.model import Term, TermBase
    from glossalign.pipeline.check import check_alignment, load_rules

    base = TermBase.from_terms([Term("w", "en", "weather", "preferred"),
                                Term("w", "fr", "temps", "preferred")])
    default = check_alignment(alignment(), base, "fr", "en")
    assert not [f for f in default.findings if f.details.get("mined")]
    config = tmp_path / "rules.toml"
    config.write_text('[rules]\ninconsistent-unglossed-term = "warning"\n', encoding="utf-8")
    result = check_alignment(alignment(), base, "fr", "en", load_rules(config))
    mined = [f for f in result.findings if f.details.get("mined")]
    assert [f.rule for f in mined] == ["inconsistent-term"]
    [finding] = mined
    assert finding.details["source_term"] == "supply chain"
    assert finding.found == "chaîne logistique" and finding.target is not None
    assert finding.target.line == 3
