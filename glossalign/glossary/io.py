"""Read, write and convert glossaries; the format follows the file extension.

``.csv`` and ``.tsv`` are long tables (``concept,lang,term,status,note``); ``.tbx`` and ``.xml``
are TBX, v2 (``martif``) or v3 (``tbx``), told apart by the root element. Writing TBX always
writes v3.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from glossalign.errors import GlossaryError, InputError, UsageError
from glossalign.glossary.csvio import (
    RowDefect,
    decode_utf8,
    format_delimited,
    read_delimited_terms,
)
from glossalign.glossary.model import STATUSES, Term, TermBase
from glossalign.glossary.tbx import format_tbx, parse_xml, read_tbx_terms
from glossalign.safe_io import atomic_write_bytes

logger = logging.getLogger(__name__)

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tbx": "tbx", ".xml": "tbx"}
DELIMITERS = {"csv": ",", "tsv": "\t"}
_EXPECTED_STATUS = f"expected {', '.join(STATUSES)} or forbidden"


def glossary_format(path: str | Path) -> str:
    """``csv``, ``tsv`` or ``tbx`` from the extension; UsageError for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"unknown glossary format '{suffix or Path(path).name}'; "
            f"use one of {', '.join(FORMATS)}",
            path,
        )
    return FORMATS[suffix]


def read_glossary(path: str | Path) -> TermBase:
    """The glossary at ``path``; InputError/GlossaryError with file and line for bad input."""
    terms, concept_notes = _read_raw(path, defects=None)
    for term in terms:
        defects = term_defects(term)
        if defects:
            raise GlossaryError(defects[0][1], path, term.line)
    if not terms:
        raise GlossaryError("the glossary holds no terms", path)
    termbase = TermBase.from_terms(terms, source=str(path))
    for concept_id, note in concept_notes.items():
        if concept_id in termbase.concepts:
            termbase.concepts[concept_id].note = note
    logger.info("read %d concepts, %d terms from %s", len(termbase), len(terms), path)
    return termbase


def read_terms(path: str | Path, defects: list[RowDefect] | None = None) -> list[Term]:
    """Terms as written, unchecked: an unknown status is kept as its raw value.

    For the validator. Table rows with the wrong number of fields go to ``defects`` when it is
    given (else they raise); a file that cannot be parsed at all always raises.
    """
    return _read_raw(path, defects)[0]


def term_defects(term: Term) -> list[tuple[str, str]]:
    """``(code, message)`` for each reason the term cannot be used."""
    defects: list[tuple[str, str]] = []
    if not term.concept:
        defects.append(("missing-concept-id", "term has no concept id"))
    if not term.lang:
        defects.append(("missing-lang", "term has no language"))
    if not term.text:
        defects.append(("empty-term", "empty term"))
    if term.status not in STATUSES:
        what = f"unknown status '{term.status}'" if term.status else "missing status"
        defects.append(("unknown-status", f"{what} ({_EXPECTED_STATUS})"))
    return defects


def write_glossary(termbase: TermBase, path: str | Path) -> None:
    """Write ``termbase`` in the format of ``path``'s extension (TBX is written as v3)."""
    fmt = glossary_format(path)
    if fmt == "tbx":
        data = format_tbx(termbase)
    else:
        data = format_delimited(termbase, DELIMITERS[fmt]).encode("utf-8")
    atomic_write_bytes(path, data)
    logger.info("wrote %d concepts to %s", len(termbase), path)


def convert_glossary(in_path: str | Path, out_path: str | Path) -> TermBase:
    """Read ``in_path`` and write it as ``out_path``'s format; returns what was written."""
    if _same_file(in_path, out_path):
        raise UsageError(f"refusing to overwrite the input glossary {in_path}", out_path)
    glossary_format(out_path)  # fail on a bad output name before reading anything
    termbase = read_glossary(in_path)
    write_glossary(termbase, out_path)
    return termbase


def _same_file(first: str | Path, second: str | Path) -> bool:
    if Path(first).resolve() == Path(second).resolve():
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist yet
        return False


def _read_raw(
    path: str | Path, defects: list[RowDefect] | None
) -> tuple[list[Term], dict[str, str]]:
    fmt = glossary_format(path)
    data = _read_bytes(path)
    if fmt == "tbx":
        return read_tbx_terms(parse_xml(data, path), path)
    text = decode_utf8(data, path)
    return read_delimited_terms(path, text, DELIMITERS[fmt], defects), {}


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such glossary file", path) from exc
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a glossary file", path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the glossary: {exc.strerror or exc}", path) from exc
