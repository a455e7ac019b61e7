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
from pathlib import Path
from typing import Any, ClassVar

from glossalign.errors import GlossaryError, InputError
from glossalign.glossary.csvio import (
    COLUMNS,
    RowDefect,
    _row_term,
    decode_utf8,
    refuse_duplicate_columns,
)
from glossalign.glossary.csvio import _column_index as long_column_index
from glossalign.glossary.csvio import _rows_with_lines as csv_rows
from glossalign.glossary.formats import (
    GlossaryFormat,
    RawGlossary,
    header_cells,
    register_glossary_format,
)
from glossalign.glossary.model import Term, TermBase, normalize_status
from glossalign.safe_io import append_literal_row

Rows = Iterator[tuple[int, list[str]]]
ROLE_COLUMNS = {"concept": "concept", "id": "concept", "status": "status", "note": "note",
                "notes": "note", "comment": "note"}
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def is_language_header(cells: list[str]) -> bool:
    languages = [c for c in cells if c not in ROLE_COLUMNS and LANGUAGE.match(c)]
    return len(languages) >= 2 and "lang" not in cells


def read_column_terms(rows: Rows, path: Path, defects: list[RowDefect] | None) -> list[Term]:
    header_line, header = next(rows, (1, []))
    names = [cell.strip() for cell in header]
    refuse_duplicate_columns([n.lower() for n in names if n.lower() in ROLE_COLUMNS], path,
                             header_line)
    roles = {ROLE_COLUMNS[n.lower()]: i for i, n in enumerate(names) if n.lower() in ROLE_COLUMNS}
    languages = [(i, n) for i, n in enumerate(names)
                 if n.lower() not in ROLE_COLUMNS and LANGUAGE.match(n)]
    strays = [n for i, n in enumerate(names) if n and i not in roles.values()
              and all(i != j for j, _ in languages)]
    if strays or len(languages) < 2:
        raise GlossaryError(f"a column-per-language glossary needs two or more language columns "
                            f"(en, zh-CN...) and optional concept, status, note; found "
                            f"{','.join(names) or 'nothing'}", path, header_line)
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
        terms.extend(_row_terms(row, roles, languages, line, seen))
    return terms


def _row_terms(row: list[str], roles: dict[str, int], languages: list[tuple[int, str]],
               line: int, seen: set[tuple[str, ...]]) -> Iterator[Term]:
    """The row's new terms. The first language's term is the concept's preferred one the first
    time the concept appears; ``status`` (empty: preferred) applies to every other term, so a
    repeated source term with a ``forbidden`` target lists a rendering to avoid. A term repeated
    with the same status is not repeated; with another status it is kept, for the validator."""
    def cell(role: str) -> str:
        return row[roles[role]].strip() if role in roles else ""

    first = row[languages[0][0]].strip()
    concept = cell("concept") or first
    raw_status = cell("status")
    status = (normalize_status(raw_status) or raw_status) if raw_status else "preferred"
    for position, (index, lang) in enumerate(languages):
        text = row[index].strip()
        if not text:
            continue
        if position == 0:
            if any(key[0] == concept and key[1] == lang for key in seen):
                if (concept, lang, text) in seen:
                    continue
                term_status = status  # another first-language term of a known concept
            else:
                term_status = "preferred"
        else:
            term_status = status
        key = (concept, lang, text, term_status)
        if key in seen:
            continue
        seen.add(key)
        seen.add((concept, lang, text))
        yield Term(concept, lang, text, term_status, cell("note") if position else "", line)


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
    """The first sheet: one column per language, or the long layout."""

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
