"""The registry of glossary formats: chosen by extension, settled by content.

Long tables (``concept,lang,term,status,note``, CSV or TSV), TBX v2/v3, tables with one column
per language (two-column CSV/TSV as translators keep them) and XLSX workbooks. A format is a
class registered with :func:`register_glossary_format`; ``.csv`` is shared by the long and the
column-per-language layouts, and the header decides. Every format passes
``tests/test_glossary_contract.py`` (write → read gives the same terms; bad input raises the
error family).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import ClassVar, TypeVar

from glossalign.errors import UsageError
from glossalign.glossary.csvio import (
    RowDefect,
    decode_utf8,
    format_delimited,
    read_delimited_terms,
)
from glossalign.glossary.model import Term, TermBase
from glossalign.glossary.pairtable import is_pair_header, read_pair_terms
from glossalign.glossary.tbx import format_tbx, parse_xml, read_tbx_terms

RawGlossary = tuple[list[Term], dict[str, str]]  # terms, and notes per concept id
MODULES = ("glossalign.glossary.formats", "glossalign.glossary.columns")


class GlossaryFormat:
    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    lossless: ClassVar[bool] = True  # False: the layout cannot hold every term base

    def sniff(self, head: bytes) -> bool:
        raise NotImplementedError

    def read(self, data: bytes, path: Path, defects: list[RowDefect] | None) -> RawGlossary:
        raise NotImplementedError

    def write(self, termbase: TermBase) -> bytes:
        raise NotImplementedError


_FORMATS: dict[str, GlossaryFormat] = {}
G = TypeVar("G", bound=type[GlossaryFormat])


def register_glossary_format(cls: G) -> G:
    _FORMATS[cls.name] = cls()
    return cls


def glossary_formats() -> dict[str, GlossaryFormat]:
    for module in MODULES:
        importlib.import_module(module)
    return dict(_FORMATS)


def extensions() -> list[str]:
    return sorted({ext for f in glossary_formats().values() for ext in f.extensions})


def formats_for_extension(path: str | Path) -> list[GlossaryFormat]:
    """The formats ``path``'s extension may mean (the first is the one written); UsageError
    for an extension no format has."""
    suffix = Path(path).suffix.lower()
    found = [f for f in glossary_formats().values() if suffix in f.extensions]
    if not found:
        raise UsageError(f"unknown glossary format '{suffix or Path(path).name}'; "
                         f"use one of {', '.join(extensions())}", path)
    return found


def format_for_content(path: str | Path, head: bytes) -> GlossaryFormat:
    """Among the formats of the extension, the one whose content fits (else the first, whose
    reader then says what is wrong)."""
    candidates = formats_for_extension(path)
    return next((f for f in candidates if f.sniff(head)), candidates[0])


def header_cells(head: bytes, delimiter: str) -> list[str]:
    line = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return [cell.strip().strip('"').strip().lower() for cell in line.rstrip("\r").split(delimiter)]


class _LongTable(GlossaryFormat):
    delimiter: ClassVar[str] = ","

    def sniff(self, head: bytes) -> bool:
        cells = header_cells(head, self.delimiter)
        return {"concept", "lang", "term"} <= set(cells) or is_pair_header(cells)

    def read(self, data: bytes, path: Path, defects: list[RowDefect] | None) -> RawGlossary:
        text = decode_utf8(data, path)
        if is_pair_header(header_cells(data[:4096], self.delimiter)):  # languages in the rows
            return read_pair_terms(path, text, self.delimiter, defects), {}
        return read_delimited_terms(path, text, self.delimiter, defects), {}

    def write(self, termbase: TermBase) -> bytes:
        return format_delimited(termbase, self.delimiter).encode("utf-8")


@register_glossary_format
class LongCsv(_LongTable):
    name = "csv"
    extensions = (".csv",)


@register_glossary_format
class LongTsv(_LongTable):
    name = "tsv"
    extensions = (".tsv",)
    delimiter = "\t"


@register_glossary_format
class Tbx(GlossaryFormat):
    """TBX v2 (``martif``) or v3 (``tbx``), told apart by the root element; written as v3."""

    name = "tbx"
    extensions = (".tbx", ".xml")

    def sniff(self, head: bytes) -> bool:
        return b"<martif" in head or b"<tbx" in head

    def read(self, data: bytes, path: Path, defects: list[RowDefect] | None) -> RawGlossary:
        return read_tbx_terms(parse_xml(data, path), path)

    def write(self, termbase: TermBase) -> bytes:
        return format_tbx(termbase)
