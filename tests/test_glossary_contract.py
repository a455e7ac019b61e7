"""The contract every registered glossary format keeps, and translators' own layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CliRunner
from openpyxl import Workbook

from glossalign.errors import GlossalignError
from glossalign.glossary.formats import glossary_formats
from glossalign.glossary.io import read_glossary, write_glossary
from glossalign.glossary.model import Term, TermBase

TERMS = [
    Term("cyber", "zh", "网络空间", "preferred"),
    Term("cyber", "en", "cyberspace", "preferred"),
    Term("cyber", "en", "cyber space", "deprecated", "old rendering, \"quoted\""),
    Term("wic", "zh", "世界互联网大会", "preferred"),
    Term("wic", "en", "World Internet Conference", "preferred"),
    Term("wic", "en", "WIC", "admitted"),
]
FORMATS = sorted(glossary_formats())


def as_set(termbase: TermBase) -> set[tuple[str, str, str, str, str]]:
    return {(t.concept, t.lang, t.text, t.status, t.note) for t in termbase.terms()}


def path_for(name: str, folder: Path) -> Path:
    return folder / f"glossary{glossary_formats()[name].extensions[0]}"


@pytest.mark.parametrize("name", FORMATS)
def test_write_then_read_gives_the_same_terms(name: str, tmp_path: Path) -> None:
    path = path_for(name, tmp_path)
    write_glossary(TermBase.from_terms(TERMS), path, name)
    assert as_set(read_glossary(path)) == as_set(TermBase.from_terms(TERMS))


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("damage", ["not-utf8", "truncated", "empty", "header-only"])
def test_bad_input_raises_the_error_family(name: str, damage: str, tmp_path: Path) -> None:
    path = path_for(name, tmp_path)
    write_glossary(TermBase.from_terms(TERMS), path, name)
    data = path.read_bytes()
    path.write_bytes({"not-utf8": b"\xff\xfe\x00" + data[3:] + b"\xc3\x28",
                      "truncated": data[: len(data) // 2], "empty": b"",
                      "header-only": data.split(b"\n", 1)[0] + b"\n"}[damage])
    try:
        read_glossary(path)
    except GlossalignError:
        return
    # A table cut after a row boundary, or a zip whose central directory survived, may still
    # read; an empty file or a header alone never does.
    assert damage == "truncated" or (damage == "not-utf8" and name == "xlsx")


TWO_COLUMN = """zh-CN,en-US,status,note
网络空间,cyberspace,,
网络空间,cyber space,forbidden,old rendering
世界互联网大会,World Internet Conference,,
"""


@pytest.mark.parametrize(("suffix", "text"), [
    (".csv", TWO_COLUMN),
    (".tsv", TWO_COLUMN.replace(",", "\t")),
    (".csv", "en,zh\ncyberspace,网络空间\n"),
])
def test_two_column_tables_as_translators_keep_them(tmp_path: Path, suffix: str,
                                                    text: str) -> None:
    path = tmp_path / f"terms{suffix}"
    path.write_text(text, encoding="utf-8")
    termbase = read_glossary(path)
    [concept] = [c for c in termbase.concepts.values() if any(t.text == "网络空间"
                                                                for t in c.terms)]
    assert concept.preferred("en").text == "cyberspace"  # type: ignore[union-attr]
    statuses = {t.text: t.status for t in concept.terms}
    assert statuses.get("cyber space", "deprecated") == "deprecated"


def test_xlsx_with_one_column_per_language(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [("en", "zh", "Status", "Note"), ("cyberspace", "网络空间", None, None),
                ("cyber space", None, None, None)]:
        sheet.append(row)
    path = tmp_path / "terms.xlsx"
    book.save(path)
    termbase = read_glossary(path)
    assert {t.text for t in termbase.terms()} == {"cyberspace", "网络空间", "cyber space"}


def test_a_stray_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("en,zh,owner\ncyberspace,网络空间,me\n", encoding="utf-8")
    with pytest.raises(GlossalignError, match="header lacks|language columns"):
        read_glossary(path)


def test_check_with_a_two_column_glossary_and_convert(cli: CliRunner, tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(TWO_COLUMN, encoding="utf-8")
    target = tmp_path / "en.txt"
    target.write_text("The cyber space is open.\n", encoding="utf-8")
    code, out, _ = cli(["check", "-g", str(glossary), "--tgt-lang", "en", "-t", str(target)])
    assert code == 1 and "forbidden-term" in out
    code, out, err = cli(["glossary", "convert", str(glossary), str(tmp_path / "terms.xlsx")])
    assert code == 0, err
    assert as_set(read_glossary(tmp_path / "terms.xlsx")) == as_set(read_glossary(glossary))


@pytest.mark.parametrize("name", ["csv-columns", "xlsx"])
def test_the_demo_glossary_survives_the_column_layout(name: str, tmp_path: Path) -> None:
    from glossalign.corpora.demo import demo_path

    original = read_glossary(demo_path("glossary.csv"))
    path = path_for(name, tmp_path)
    write_glossary(original, path, name)

    def key(termbase: TermBase) -> set[tuple[str, str, str, str]]:
        return {(t.concept, t.lang, t.text, t.status) for t in termbase.terms()}

    assert key(read_glossary(path)) == key(original)  # notes of preferred terms are the loss


def test_contradictory_rows_reach_the_validator(tmp_path: Path) -> None:
    from glossalign.glossary.validate import validate_glossary

    path = tmp_path / "terms.csv"
    path.write_text("zh,en,status\n网络空间,cyberspace,\n网络空间,cyberspace,forbidden\n",
                    encoding="utf-8")
    assert any(p.severity == "error" for p in validate_glossary(path))
