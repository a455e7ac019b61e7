"""Glossaries as translators keep them: one column per language (CSV, TSV or XLSX).

    zh,en,status,note
    网络空间,cyberspace,,
    网络空间,cyber space,forbidden,old rendering

The header names the languages (``en``, ``zh-CN``...); optional ``status``, ``note`` and
``concept`` (or ``id``) columns. Rows with the same concept id, or without one the same
first-language term, form one concept. The first language's term is preferred; ``status`` applies
to the other languages' terms of the row (empty means preferred). XLSX sheets may also hold the
long layout (``concept,lang,term,status,note``).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from glossalign.errors import GlossaryError, InputError
from glossalign.glossary.csvio import COLUMNS, RowDefect, _row_term, decode_utf8
from glossalign.glossary.csvio import _column_index as long_column_index
from glossalign.glossary.csvio import rows_with_lines as csv_rows
from glossalign.glossary.formats import (
    GlossaryFormat,
    RawGlossary,
    header_cells,
    register_glossary_format,
)
from glossalign.glossary.model import Term, TermBase, normalize_status
from glossalign.glossary.pairtable import is_pair_header, read_pair_rows
from glossalign.languages.names import language_of_header
from glossalign.safe_io import append_literal_row

Rows = Iterator[tuple[int, list[str]]]
ROLE_COLUMNS = {"concept": "concept", "id": "concept", "concept id": "concept",
                "entry id": "concept", "status": "status", "note": "note", "notes": "note",
                "comment": "note", "comments": "note", "remark": "note", "remarks": "note"}
# Columns of term bases that say nothing about which rendering to use: read past.
IGNORED_COLUMNS = frozenset({"pos", "part of speech", "domain", "subject", "subject field",
                             "definition", "description", "context", "example", "url",
                             "reference", "source reference", "category", "date", "author"})
# Columns that hold renderings with one status ("Do not use", "Forbidden (fr)", "Synonyms").
STATUS_COLUMN_WORDS = {"synonym": "admitted", "synonyms": "admitted", "alternative": "admitted",
                       "alternatives": "admitted", "variant": "admitted", "variants": "admitted"}
# Several renderings in one cell: "masque; masque facial", "Maske | Gesichtsmaske".
SYNONYM_SEPARATORS = re.compile(r"\s*[;|]\s*")


@dataclass(frozen=True, slots=True)
class Column:
    """What a header cell says its column holds."""

    index: int
    kind: str  # "concept", "status", "note", "lang" (terms of a language), "terms" (with status)
    lang: str = ""
    status: str = ""


def is_language_header(cells: list[str]) -> bool:
    if "lang" in cells:
        return False
    found = (_header_column(i, cell, []) for i, cell in enumerate(cells))
    return sum(column is not None and column.kind == "lang" for column in found) >= 2


def _header_column(index: int, cell: str, before: list[Column]) -> Column | None:
    """The column a header cell names; None for a cell that names nothing we read."""
    name = " ".join(cell.strip().lower().replace("_", " ").split())
    if name in ROLE_COLUMNS:
        return Column(index, ROLE_COLUMNS[name])
    lang = language_of_header(cell)
    bare = _BRACKETS.sub("", name).strip(" -–:")
    status = STATUS_COLUMN_WORDS.get(bare) or (normalize_status(bare) if bare else None)
    if status is not None and bare not in ("preferred", "proposed"):
        if lang is None or lang.lower() == bare:
            languages = [c.lang for c in before if c.kind == "lang"]
            lang = languages[-1] if languages else ""
        return Column(index, "terms", lang, status) if lang else None
    return Column(index, "lang", lang) if lang is not None else None


_BRACKETS = re.compile(r"[(\[][^()\[\]]*[)\]]")


def _header_columns(names: list[str], path: Path, line: int) -> list[Column]:
    columns: list[Column] = []
    strays = []
    for index, name in enumerate(names):
        column = _header_column(index, name, columns)
        if column is not None and not (column.kind in ("concept", "status", "note") and
                                       any(c.kind == column.kind for c in columns)):
            columns.append(column)
        elif name.strip() and " ".join(name.lower().split()) not in IGNORED_COLUMNS:
            strays.append(name)
    languages = [c for c in columns if c.kind == "lang"]
    if strays or len(languages) < 2:
        raise GlossaryError(f"a column-per-language glossary needs two or more language columns "
                            f"(en, zh-CN, English, Target (fr-FR)...) and optional concept, "
                            f"status, note and forbidden/do-not-use columns; found "
                            f"{','.join(names) or 'nothing'}", path, line)
    return columns


def read_column_terms(rows: Rows, path: Path, defects: list[RowDefect] | None) -> list[Term]:
    header_line, header = next(rows, (1, []))
    names = [cell.strip() for cell in header]
    columns = _header_columns(names, path, header_line)
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            message = f"expected {len(names)} fields as in the header, found {len(row)}"
            if defects is None:
                raise GlossaryError(message, path, line)
            defects.append(RowDefect(line, "malformed-row", message))
            continue
        terms.extend(_row_terms(row, columns, line, seen))
    return terms


def _renderings(cell: str) -> list[str]:
    return [text for text in SYNONYM_SEPARATORS.split(cell.strip()) if text]


def _row_terms(row: list[str], columns: list[Column], line: int,
               seen: set[tuple[str, ...]]) -> Iterator[Term]:
    """The row's new terms. The first language's term is the concept's preferred one the first
    time the concept appears; ``status`` (empty: preferred) applies to every other term, so a
    repeated source term with a ``forbidden`` target lists a rendering to avoid. A cell may
    hold several renderings ("a; b"): the first takes the cell's status, the others are
    admitted (or share a disapproved status). A column named after a status ("Do not use")
    gives its terms that status. A term repeated with the same status is not repeated; with
    another status it is kept, for the validator."""
    def cell(kind: str) -> str:
        return next((row[c.index].strip() for c in columns if c.kind == kind), "")

    languages = [c for c in columns if c.kind == "lang"]
    firsts = _renderings(row[languages[0].index])
    concept = cell("concept") or (firsts[0] if firsts else "")
    raw_status = cell("status")
    status = (normalize_status(raw_status) or raw_status) if raw_status else "preferred"
    for column in columns:
        if column.kind not in ("lang", "terms"):
            continue
        for position, text in enumerate(_renderings(row[column.index])):
            term_status = _status_in_cell(column, position, status, (concept, text), seen,
                                          column is languages[0])
            if term_status is None:
                continue
            key = (concept, column.lang, text, term_status)
            if key in seen:
                continue
            seen.add(key)
            seen.update(((concept, column.lang, text), (concept, column.lang)))
            note = cell("note") if column is not languages[0] else ""
            yield Term(concept, column.lang, text, term_status, note, line)


def _status_in_cell(column: Column, position: int, status: str, term: tuple[str, str],
                    seen: set[tuple[str, ...]], first_language: bool) -> str | None:
    """The status of the ``position``-th rendering ``term`` (concept, text) of a cell; None
    for a first-language term the concept already has (the row repeats it as its key)."""
    if column.kind == "terms":
        return column.status
    concept, text = term
    if first_language and position == 0:
        if (concept, column.lang) in seen:
            if (concept, column.lang, text) in seen:
                return None
            return status  # another first-language term of a known concept
        return "preferred"
    if position and status == "preferred":
        return "admitted"  # "a; b": the first rendering is the preferred one
    return status


def column_rows(termbase: TermBase) -> list[list[str]]:
    """Header and rows: per concept the preferred terms, then one row per other term."""
    languages = list(dict.fromkeys(t.lang for t in termbase.terms()))
    rows = [["concept", *languages, "status", "note"]]
    for concept in termbase.concepts.values():
        preferred = {lang: concept.preferred(lang) for lang in languages}
        first = preferred[languages[0]]
        first_text = first.text if first is not None else ""
        main = [concept.id, *((p.text if p else "") for p in preferred.values()), "", ""]
        rows.append(main)
        chosen = {id(p) for p in preferred.values() if p is not None}
        for term in concept.terms:
            if id(term) in chosen:
                continue
            cells = [first_text if lang == languages[0] else "" for lang in languages]
            cells[languages.index(term.lang)] = term.text
            rows.append([concept.id, *cells, term.status, term.note])
    return rows


class _ColumnTable(GlossaryFormat):
    delimiter: ClassVar[str] = ","
    lossless = False  # a first-language synonym or a note on it has no cell

    def sniff(self, head: bytes) -> bool:
        return is_language_header(header_cells(head, self.delimiter))

    def read(self, data: bytes, path: Path, defects: list[RowDefect] | None) -> RawGlossary:
        text = decode_utf8(data, path)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter, strict=True)
        return read_column_terms(csv_rows(reader, path), path, defects), {}

    def write(self, termbase: TermBase) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\n")
        writer.writerows(column_rows(termbase))
        return buffer.getvalue().encode("utf-8")


@register_glossary_format
class ColumnCsv(_ColumnTable):
    name = "csv-columns"
    extensions = (".csv",)


@register_glossary_format
class ColumnTsv(_ColumnTable):
    name = "tsv-columns"
    extensions = (".tsv",)
    delimiter = "\t"


@register_glossary_format
class Xlsx(GlossaryFormat):
    """The first sheet: one column per language, the long layout, or a pair table."""

    name = "xlsx"
    extensions = (".xlsx",)
    lossless = False

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04")

    def read(self, data: bytes, path: Path, defects: list[RowDefect] | None) -> RawGlossary:
        rows = list(_sheet_rows(data, path))
        header = [cell.strip().lower() for cell in rows[0][1]] if rows else []
        if {"concept", "lang", "term"} <= set(header):
            index = long_column_index(rows[0][1], path, rows[0][0])
            return [_row_term(row + [""] * (len(COLUMNS) - len(row)), index, line)
                    for line, row in rows[1:] if any(c.strip() for c in row)], {}
        if is_pair_header(header):  # languages in the rows (pairtable)
            return read_pair_rows(iter(rows), path, defects), {}
        return read_column_terms(iter(rows), path, defects), {}

    def write(self, termbase: TermBase) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Glossary"
        for row in column_rows(termbase):
            append_literal_row(sheet, row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _sheet_rows(data: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not an XLSX workbook: {exc}", path) from None
    sheet: Any = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise GlossaryError("the workbook has no sheet", path)
    width = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else str(v) for v in values]
        if number == 1:
            while cells and not cells[-1].strip():
                cells.pop()
            width = len(cells)
        yield number, (cells + [""] * width)[:width] if width else cells
    book.close()
