"""Glossary validation: every problem reported with its code, severity and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.errors import GlossaryError, InputError
from glossalign.glossary.validate import Problem, format_problem, validate_glossary

DATA = Path(__file__).resolve().parent / "data" / "glossary"
HEADER = "concept,lang,term,status,note\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def found(problems: list[Problem]) -> list[tuple[str, int | None, str]]:
    return [(p.code, p.line, p.severity) for p in problems]


@pytest.mark.parametrize(
    "fixture",
    ["running_example.csv", "running_example.tbx", "martif_v2.tbx", "no_namespace_v3.tbx"],
)
def test_clean_fixtures_have_no_errors(fixture: str) -> None:
    problems = validate_glossary(DATA / fixture)
    assert [p for p in problems if p.severity == "error"] == []


def test_running_example_csv_is_clean() -> None:
    assert validate_glossary(DATA / "running_example.csv") == []


def test_tbx_without_preferred_english_warns_with_its_line() -> None:
    # mankind-community in the v2 file has an admitted and a superseded English term only
    path = DATA / "martif_v2.tbx"
    lines = path.read_text(encoding="utf-8").splitlines()
    first_term = 1 + next(i for i, line in enumerate(lines) if "for humanity" in line)
    problems = validate_glossary(path)
    assert found(problems) == [("no-preferred", first_term, "warning")]
    assert "mankind-community" in problems[0].message


def test_duplicate_term_names_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        HEADER
        + "c1,en,shared future,preferred,\n"
        + "c1,de,gemeinsame Zukunft,preferred,\n"
        + "c1,en,Shared  Future,preferred,\n"  # case and spacing differ: still a duplicate
        + "c2,en,shared future,preferred,\n",  # other concept: not a duplicate
    )
    problems = validate_glossary(path)
    assert found(problems) == [("duplicate-term", 4, "warning")]
    assert "lines 2 and 4" in problems[0].message


def test_no_preferred_is_a_warning_per_language(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        HEADER
        + "c1,zh,命运共同体,preferred,\n"
        + "c1,en,community of destiny,deprecated,\n"
        + "c1,en,common destiny community,admitted,\n",
    )
    problems = validate_glossary(path)
    assert found(problems) == [("no-preferred", 3, "warning")]
    assert "no preferred term in en" in problems[0].message


def test_preferred_and_deprecated_across_and_within_concepts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        HEADER
        + "c1,en,community of destiny,preferred,\n"
        + "c2,en,community of destiny,forbidden,\n"  # across concepts
        + "c3,en,net,preferred,\n"
        + "c3,en,NET,superseded,\n"  # within a concept, case differs
        + "c4,en-GB,colour,deprecated,\n"
        + "c4,en-US,colour,preferred,\n",  # different language variants: allowed
    )
    problems = validate_glossary(path)
    conflicts = [p for p in problems if p.code == "preferred-and-deprecated"]
    assert [(p.line, p.severity) for p in conflicts] == [(3, "error"), (5, "error")]
    assert "line 2" in conflicts[0].message and "c1" in conflicts[0].message
    assert "no-preferred" in {p.code for p in problems}  # c4/en-GB has only a deprecated term


def test_term_defects_are_all_collected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        HEADER
        + "c1,en,alpha,xyz,\n"
        + "c1,en,beta,preferred,\n"
        + ",en,gamma,preferred,\n"
        + "c1,en,,preferred,\n"
        + "c1,en,delta,preferred\n"  # wrong number of fields
        + "c1,en,epsilon,prefered,\n",
    )
    problems = validate_glossary(path)
    assert found(problems) == [
        ("unknown-status", 2, "error"),
        ("missing-concept-id", 4, "error"),
        ("empty-term", 5, "error"),
        ("malformed-row", 6, "error"),
        ("unknown-status", 7, "error"),
    ]
    assert "'xyz'" in problems[0].message
    assert "'prefered'" in problems[-1].message


def test_missing_concept_id_in_tbx(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.tbx",
        "<tbx><text><body>\n<conceptEntry>\n<langSec xml:lang='en'><termSec>\n<term>a</term>\n"
        "<termNote type='administrativeStatus'>preferredTerm-admn-sts</termNote>\n"
        "</termSec></langSec></conceptEntry></body></text></tbx>\n",
    )
    assert found(validate_glossary(path)) == [("missing-concept-id", 4, "error")]


def test_unknown_tbx_status_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.tbx",
        "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'>\n"
        "<termSec><term>a</term><termNote type='administrativeStatus'>preferredTerm-admn-sts"
        "</termNote></termSec>\n"
        "<termSec><term>b</term><termNote type='administrativeStatus'>draftTerm-admn-sts"
        "</termNote></termSec>\n</langSec></conceptEntry></body></text></tbx>\n",
    )
    problems = validate_glossary(path)
    assert found(problems) == [("unknown-status", 3, "error")]
    assert "draftTerm-admn-sts" in problems[0].message


def test_empty_glossary_is_an_error(tmp_path: Path) -> None:
    assert found(validate_glossary(write(tmp_path, "g.csv", HEADER))) == [
        ("empty-glossary", None, "error")
    ]


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("bad.tbx", "<tbx><text></tbx>", GlossaryError),
        ("bad.csv", "concept,term\nc,a\n", GlossaryError),
        ("bad.csv", HEADER + 'c,en,"a"b,preferred,\n', GlossaryError),
    ],
)
def test_unparseable_file_still_raises(
    tmp_path: Path, name: str, text: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        validate_glossary(write(tmp_path, name, text))
    assert name in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        validate_glossary(tmp_path / "absent.csv")


def test_format_problem() -> None:
    problem = Problem("g.csv", 7, "error", "unknown-status", "unknown status 'xyz'")
    assert format_problem(problem) == "g.csv:7: error: unknown-status: unknown status 'xyz'"
    no_line = Problem("g.csv", None, "error", "empty-glossary", "the glossary holds no terms")
    assert format_problem(no_line) == "g.csv: error: empty-glossary: the glossary holds no terms"
