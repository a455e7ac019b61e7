"""Long-format glossary tables: one row per term, columns ``concept,lang,term,status,note``.

The same code reads CSV and TSV; only the delimiter differs. Reading keeps a status it does not
know as written, so that the strict reader (``io.read_glossary``) and the lenient validator
(``validate.validate_glossary``) can decide what to do with it.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossalign.corpora.readers import refuse_wide_text
from glossalign.errors import GlossaryError, InputError
from glossalign.glossary.model import Term, TermBase, normalize_status

logger = logging.getLogger(__name__)

COLUMNS = ("concept", "lang", "term", "status", "note")
REQUIRED_COLUMNS = ("concept", "lang", "term", "status")


@dataclass(frozen=True)
class RowDefect:
    """A row that could not be turned into a term at all (the validator reports it)."""

    line: int
    code: str
    message: str


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Bytes as text (a BOM is allowed), or InputError naming the line of the first bad byte."""
    refuse_wide_text(data, path)  # UTF-16 without a BOM would decode, to terms that never match
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 at line {line} (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path,
            line,
        ) from exc


def read_delimited_terms(
    path: str | Path, text: str, delimiter: str, defects: list[RowDefect] | None = None
) -> list[Term]:
    """Terms of a CSV/TSV table, in file order, with their row's first line number.

    A row with the wrong number of fields raises GlossaryError, unless ``defects`` is given:
    then it is recorded there and skipped. Statuses are normalised when known, kept as written
    otherwise; empty fields are kept empty (the callers check them).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = rows_with_lines(reader, path)
    header_line, header = next(rows, (1, []))
    index = _column_index(header, path, header_line)
    return [_row_term(row, index, line)
            for line, row in well_formed_rows(rows, len(header), path, defects)]


def well_formed_rows(rows: Iterator[tuple[int, list[str]]], width: int, path: str | Path,
                     defects: list[RowDefect] | None) -> Iterator[tuple[int, list[str]]]:
    """The rows with ``width`` fields, blank ones skipped; any other row raises GlossaryError,
    or is recorded in ``defects`` and skipped when that is given."""
    for line, row in rows:
        if not any(field.strip() for field in row):
            continue  # blank lines and all-empty rows, as spreadsheets export them
        if len(row) != width:
            message = f"expected {width} fields as in the header, found {len(row)}"
            if defects is None:
                raise GlossaryError(message, path, line)
            defects.append(RowDefect(line, "malformed-row", message))
            continue
        yield line, row


def rows_with_lines(
    reader: Iterator[list[str]], path: str | Path
) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on; ``line_num`` is where a row ends (quoted newlines)."""
    end_of_previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # Name the line where the broken row starts, not where the parser gave up: an
            # unclosed quote is only noticed at the end of the file.
            start, stopped = end_of_previous + 1, getattr(reader, "line_num", end_of_previous + 1)
            detail = f"malformed table: {exc}"
            if "end of data" in str(exc) or stopped > start:
                detail = (f"malformed table: a quoted field in the row starting here is never "
                          f"closed (the parser reached line {stopped}: {exc})")
            raise GlossaryError(detail, path, start) from exc
        yield end_of_previous + 1, row
        end_of_previous = getattr(reader, "line_num", end_of_previous + 1)


def _column_index(header: list[str], path: str | Path, line: int) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        found = ",".join(header) if header else "nothing"
        raise GlossaryError(
            f"header lacks column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}, "
            f"found {found}",
            path,
            line,
        )
    refuse_duplicate_columns([name for name in names if name in COLUMNS], path, line)
    extra = [name for name in names if name not in COLUMNS]
    if extra:
        logger.debug("%s: ignoring extra column(s) %s", path, ", ".join(extra))
    return {name: names.index(name) for name in COLUMNS if name in names}


def refuse_duplicate_columns(names: list[str], path: str | Path, line: int) -> None:
    """A column named twice would be read from one place and silently dropped from the other."""
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise GlossaryError(f"the header names column(s) {', '.join(twice)} twice; keep one of "
                            "each", path, line)


def _row_term(row: list[str], index: dict[str, int], line: int) -> Term:
    def field(name: str) -> str:
        return row[index[name]].strip() if name in index else ""

    raw_status = field("status")
    return Term(
        concept=field("concept"),
        lang=field("lang"),
        text=field("term"),
        status=normalize_status(raw_status) or raw_status,
        note=field("note"),
        line=line,
    )


def format_delimited(termbase: TermBase, delimiter: str) -> str:
    """The term base as a table: same header, rows in concept order, minimal quoting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in termbase.terms():
        writer.writerow([term.concept, term.lang, term.text, term.status, term.note])
    return buffer.getvalue()
