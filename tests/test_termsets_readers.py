"""Glossaries shaped as real term bases export them (IATE-style TBX v2, TBX-Basic v3 in the DCA
and DCT styles, tables with many language columns): every term with the status its file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import normalize_status

DATA = Path(__file__).resolve().parent / "data" / "termsets"


def terms_of(path: Path) -> list[tuple[str, str, str]]:
    return [(t.lang, t.text, t.status) for t in read_glossary(path).terms()]


def test_iate_style_tbx_v2() -> None:
    assert terms_of(DATA / "iate_v2.tbx") == [
        ("en", "coronavirus disease 2019", "preferred"),
        ("en", "COVID-19", "admitted"),  # no evaluation: admitted, as IATE defines it
        ("en", "novel coronavirus pneumonia", "deprecated"),  # the status beats reliability 1
        ("en", "2019-nCoV acute respiratory disease", "proposed"),  # reliability 1: unverified
        ("fr", "maladie à coronavirus 2019", "preferred"),
        ("fr", "pneumonie à nouveau coronavirus", "superseded"),  # IATE "obsolete"
        ("de", "Coronavirus-Krankheit 2019", "preferred"),  # standardizedTerm
        ("ZH", "2019冠状病毒病", "admitted"),  # legalTerm
        ("ZH", "新型冠状病毒肺炎", "superseded"),
    ]


def test_tbx_basic_v3_markup_whitespace_and_status_groups() -> None:
    assert terms_of(DATA / "basic_v3.tbx") == [
        ("en-GB", "face mask", "preferred"),  # <hi> inside <term>
        ("en-GB", "face covering", "admitted"),  # a line break inside <term> is a space
        ("en-GB", "mouth nappy", "deprecated"),  # the status inside a <termNoteGrp>
        ("zh-Hans", "口罩", "preferred"),
        ("zh-Hant", "口罩", "preferred"),
        ("zh-Hant", "面罩", "superseded"),
    ]


def test_tbx_basic_v3_dct_style() -> None:
    assert terms_of(DATA / "basic_v3_dct.tbx") == [
        ("en", "hand sanitizer", "preferred"),
        ("en", "hand sanitiser", "admitted"),
        ("fr", "gel hydroalcoolique", "preferred"),
        ("fr", "gel antibactérien", "deprecated"),
    ]


@pytest.mark.parametrize(("written", "status"), [
    ("standardizedTerm", "preferred"), ("legalTerm", "admitted"), ("regulatedTerm", "admitted"),
    ("Obsolete", "superseded"), ("outdated", "superseded"), ("Do not use", "deprecated"),
    ("do-not-use", "deprecated"), ("DO_NOT_USE", "deprecated"), ("not recommended", "deprecated"),
    ("Forbidden", "deprecated"), ("Preferred", "preferred"), ("approved", None), ("typo", None),
])
def test_status_spellings_of_term_bases(written: str, status: str | None) -> None:
    assert normalize_status(written) == status


@pytest.mark.parametrize(("header", "tag"), [
    ("en", "en"), ("EN-US", "EN-US"), ("zh_Hant", "zh_Hant"), ("English", "en"),
    ("Target (fr-FR)", "fr-FR"), ("Source (EN)", "EN"), ("French (fr-FR)", "fr-FR"),
    ("English (US)", "en-US"), ("Chinese (Traditional)", "zh-Hant"),
    ("Simplified Chinese", "zh-Hans"), ("Source language: German", "de"), ("Français", "fr"),
    ("简体中文", "zh-Hans"), ("русский", "ru"), ("Target", None), ("Owner", None),
    ("English to French", None), ("Note", None),
])
def test_language_of_a_column_header(header: str, tag: str | None) -> None:
    from glossalign.languages.names import language_of_header

    assert language_of_header(header) == tag


def test_many_language_columns_named_in_words_with_synonym_cells() -> None:
    terms = terms_of(DATA / "many_languages.csv")
    assert ("fr-FR", "masque", "preferred") in terms
    assert ("fr-FR", "masque facial", "admitted") in terms  # "masque; masque facial"
    assert ("de", "Maske", "admitted") in terms  # "Gesichtsmaske|Maske"
    assert {lang for lang, _, _ in terms} == {"en", "fr-FR", "de", "ru", "zh-Hans", "zh-Hant",
                                              "ja", "ko", "ar"}
    assert ("ru", "", "preferred") not in terms and len(terms) == 18  # empty cells: no term


def test_a_do_not_use_column_holds_forbidden_renderings_of_the_target() -> None:
    terms = terms_of(DATA / "do_not_use.csv")
    assert ("fr-FR", "traçage des contacts", "deprecated") in terms
    assert ("fr-FR", "tracing", "deprecated") in terms
    assert ("EN-US", "WHO", "preferred") in terms and ("fr-FR", "OMS", "preferred") in terms


@pytest.mark.parametrize(("header", "row", "expected"), [
    ("EN\tFR\tforbidden", "quarantine\tquarantaine\tquatorzaine",
     ("FR", "quatorzaine", "deprecated")),
    ("English\tGerman\tDo not use (de)\tSynonyms", "mask\tMaske\tMaulkorb\tMund-Nasen-Schutz",
     ("de", "Maulkorb", "deprecated")),
    ("English\tGerman\tDo not use (de)\tSynonyms", "mask\tMaske\tMaulkorb\tMund-Nasen-Schutz",
     ("de", "Mund-Nasen-Schutz", "admitted")),
    ("en\tja\tpos\tdefinition", "mask\tマスク\tnoun\tworn on the face",
     ("ja", "マスク", "preferred")),
])
def test_status_columns_and_ignored_columns(tmp_path: Path, header: str, row: str,
                                            expected: tuple[str, str, str]) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert expected in terms_of(path)


TICO = Path(__file__).resolve().parents[2] / "shared" / "eval" / "term" / "tico19-en-zh"


@pytest.mark.parametrize(("name", "concepts", "langs"), [
    ("f_en-zh_CN.csv", 306, {"en", "zh_CN"}),
    ("g_en_zh-CN.csv", 337, {"en", "zh-CN"}),
    ("g_zh-CN_en.csv", 50, {"zh-Hans", "en"}),
])
def test_tico19_term_lists_load(name: str, concepts: int, langs: set[str]) -> None:
    """Pair tables (languages in the rows): TICO-19's id,sourceLang,targetLang,... layout."""
    termbase = read_glossary(TICO / name)
    assert len(termbase) == concepts
    assert {t.lang for t in termbase.terms()} == langs
    assert all(c.preferred("zh") and c.preferred("en") for c in termbase)


def test_pair_table_rows_statuses_and_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("id,Source Lang,Target Lang,Source Term,Target Term,Status\n"
                    "1,en,fr,face mask,masque; masque facial,\n"
                    "1,en,fr,mask,bâillon,do not use\n"
                    "2,en,de,quarantine,Quarantäne,\n", encoding="utf-8")
    assert terms_of(path) == [
        ("en", "face mask", "preferred"), ("fr", "masque", "preferred"),
        ("fr", "masque facial", "admitted"), ("en", "mask", "admitted"),
        ("fr", "bâillon", "deprecated"), ("en", "quarantine", "preferred"),
        ("de", "Quarantäne", "preferred"),
    ]


@pytest.mark.parametrize("rows", [
    # one column per language, named in words, with a synonym cell and a do-not-use column
    [("English", "Target (fr-FR)", "Do not use", "Japanese"),
     ("face mask", "masque | masque facial", "bâillon", "マスク"),
     ("hand sanitizer", "gel hydroalcoolique", None, None)],
    # a pair table
    [("id", "sourceLang", "targetLang", "sourceString", "targetString", "status"),
     (1, "en", "fr-FR", "face mask", "masque; masque facial", None),
     (1, "en", "fr-FR", "face mask", "bâillon", "forbidden"),
     (1, "en", "ja", "face mask", "マスク", None),
     (2, "en", "fr-FR", "hand sanitizer", "gel hydroalcoolique", None)],
])
def test_xlsx_glossaries_of_other_shapes(tmp_path: Path, rows: list[tuple[object, ...]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "terms.xlsx")
    terms = terms_of(tmp_path / "terms.xlsx")
    assert {("fr-FR", "masque", "preferred"), ("fr-FR", "masque facial", "admitted"),
            ("fr-FR", "bâillon", "deprecated"), ("ja", "マスク", "preferred"),
            ("en", "hand sanitizer", "preferred")} <= set(terms)
