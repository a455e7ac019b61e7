"""The check rules on small aligned documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossalign.alignment_plausibility import assess_alignment
from glossalign.errors import UsageError
from glossalign.glossary.model import Term, TermBase
from glossalign.pipeline.check import CheckResult, check_alignment, check_target, load_rules
from glossalign.stage_data import Alignment, Bead, Segment, Severity

BASE = TermBase.from_terms(
    [
        Term("cyber", "zh", "网络空间命运共同体", "preferred"),
        Term("cyber", "en", "community with a shared future in cyberspace", "preferred"),
        Term("cyber", "en", "community of destiny in cyberspace", "deprecated"),
        Term("mankind", "zh", "人类命运共同体", "preferred"),
        Term("mankind", "en", "community with a shared future for mankind", "preferred"),
        Term("mankind", "en", "community with a shared future for humanity", "admitted"),
        Term("mankind", "en", "community of common destiny", "deprecated"),
        Term("wic", "zh", "世界互联网大会", "preferred"),
        Term("wic", "en", "World Internet Conference", "preferred"),
        Term("wic", "en", "World Interconnection Conference", "superseded"),
    ]
)


def segments(lang: str, *texts: str) -> list[Segment]:
    return [Segment(t, lang, f"doc.{lang}", i + 1) for i, t in enumerate(texts)]


def rules_found(result: CheckResult) -> list[tuple[str, str | None]]:
    return [(f.rule, f.concept) for f in result.findings]


def test_target_only_reports_forbidden_with_suggestion_and_location() -> None:
    result = check_target(
        segments("en", "Fine.", "We build Communities of Destiny in Cyberspace."), BASE, "en"
    )
    [finding] = result.findings
    assert finding.rule == "forbidden-term" and finding.severity is Severity.ERROR
    assert finding.suggestion == "Communities with a Shared Future in Cyberspace"
    assert finding.found == "Communities of Destiny in Cyberspace"
    assert finding.target is not None
    assert (finding.target.line, finding.target.column) == (2, 10)
    assert (finding.target.start, finding.target.end) == (9, 45)
    assert finding.source is None


def test_superseded_is_a_warning() -> None:
    result = check_target(
        segments("en", "The World Interconnection Conference opened."), BASE, "en"
    )
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("superseded-term", Severity.WARNING)
    ]
    assert result.fails("error") is False and result.fails("warning") is True


def test_bilingual_missing_term_and_forbidden_term_are_distinguished() -> None:
    src = segments(
        "zh", "构建网络空间命运共同体。", "推动构建人类命运共同体。", "世界互联网大会开幕。"
    )
    tgt = segments(
        "en",
        "Build a community of destiny in cyberspace.",
        "Promote a better world.",
        "The World Internet Conference opened.",
    )
    result = check_alignment(Alignment.line_by_line(src, tgt), BASE, "en", "zh")
    assert rules_found(result) == [("forbidden-term", "cyber"), ("missing-term", "mankind")]
    missing = result.findings[1]
    assert missing.source is not None and missing.source.line == 2
    assert (missing.source.start, missing.source.end) == (4, 11)
    assert missing.suggestion == "community with a shared future for mankind"


def test_an_omitted_sentence_is_an_omission_and_its_concepts_are_still_missing() -> None:
    src = segments("zh", "推动构建人类命运共同体。", "世界互联网大会开幕。")
    tgt = segments("en", "The World Internet Conference opened.")
    alignment = Alignment(tuple(src), tuple(tgt), (Bead((0,), ()), Bead((1,), (0,))))
    result = check_alignment(alignment, BASE, "en", "zh")
    assert [(f.rule, f.severity.value, f.bead) for f in result.findings] == [
        ("omission", "error", 0), ("missing-term", "error", 0)]
    omission, missing = result.findings
    assert omission.source is not None and omission.source.line == 1
    assert missing.concept == "mankind" and missing.target is None
    assert result.plausibility is not None and result.plausibility.plausible


def test_a_target_sentence_without_source_is_an_addition_warning() -> None:
    src = segments("zh", "世界互联网大会开幕。")
    tgt = segments("en", "The World Internet Conference opened.", "Extra praise nobody wrote.")
    alignment = Alignment(tuple(src), tuple(tgt), (Bead((0,), (0,)), Bead((), (1,))))
    result = check_alignment(alignment, BASE, "en", "zh")
    assert [(f.rule, f.severity.value) for f in result.findings] == [("addition", "warning")]
    assert result.findings[0].target is not None and result.findings[0].target.line == 2


@pytest.mark.parametrize(("beads", "confidences", "plausible"), [
    (((0,), ()), (1.0,), False),  # the only sentence untranslated
    (((0,), (0,)), (0.9,), True),
])
def test_a_mostly_null_alignment_is_an_implausible_alignment_error(
        beads: tuple[tuple[int, ...], ...], confidences: tuple[float, ...],
        plausible: bool) -> None:
    src = segments("zh", "世界互联网大会开幕。")
    tgt = segments("en", "The World Internet Conference opened.")
    alignment = Alignment(tuple(src), tuple(tgt),
                          (Bead(beads[0], beads[1], confidence=confidences[0]),))
    result = check_alignment(alignment, BASE, "en", "zh")
    assert result.plausibility is not None and result.plausibility.plausible is plausible
    assert ("implausible-alignment" in {f.rule for f in result.findings}) is not plausible
    assert result.fails("error") is not plausible


def test_confidence_near_zero_throughout_is_implausible() -> None:
    texts = [f"第{i}句话。" for i in range(8)]
    src = segments("zh", *texts)
    tgt = segments("en", *[f"Sentence {i}." for i in range(8)])
    low = Alignment(tuple(src), tuple(tgt),
                    tuple(Bead((i,), (i,), confidence=0.02) for i in range(8)))
    verdict = assess_alignment(low)
    assert not verdict.plausible and verdict.reason and "confidence" in verdict.reason
    fine = Alignment(tuple(src), tuple(tgt),
                     tuple(Bead((i,), (i,), confidence=0.3) for i in range(8)))
    assert assess_alignment(fine).plausible


def test_inconsistent_rendering_lists_each_variant_with_counts_and_locations() -> None:
    tgt = segments(
        "en",
        "a community with a shared future for mankind",
        "a community with a shared future for humanity",
        "the community with a shared future for mankind",
    )
    result = check_target(tgt, BASE, "en")
    [finding] = result.findings
    assert finding.rule == "inconsistent-term" and finding.target is not None
    assert finding.target.line == 2
    variants: Any = finding.details["variants"]
    assert [(v["term"], v["count"]) for v in variants] == [
        ("community with a shared future for mankind", 2),
        ("community with a shared future for humanity", 1),
    ]
    assert [loc["line"] for loc in variants[0]["locations"]] == [1, 3]


def test_rules_can_be_regraded_and_disabled(tmp_path: Path) -> None:
    config = tmp_path / "rules.toml"
    config.write_text('[rules]\nforbidden-term = "warning"\ninconsistent-term = "off"\n')
    rules = load_rules(config)
    assert "inconsistent-term" not in {r.id for r in rules}
    result = check_target(segments("en", "community of common destiny"), BASE, "en", rules)
    assert [f.severity for f in result.findings] == [Severity.WARNING]


@pytest.mark.parametrize(
    "body", ['[rules]\nno-such-rule = "error"\n', '[rules]\nmissing-term = "fatal"\n', "[rules\n"]
)
def test_bad_rule_config_is_a_usage_error(tmp_path: Path, body: str) -> None:
    config = tmp_path / "rules.toml"
    config.write_text(body)
    with pytest.raises(UsageError, match="rules.toml"):
        load_rules(config)
