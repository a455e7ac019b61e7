"""Read, write and convert glossaries; the format follows the extension and the content.

The formats live in a registry (:mod:`glossalign.glossary.formats`): ``.csv``/``.tsv`` long
tables (``concept,lang,term,status,note``) or one column per language (the header names the
languages), ``.xlsx`` workbooks, and ``.tbx``/``.xml`` TBX v2 (``martif``) or v3 (``tbx``).
Writing uses the extension's first format (long tables for ``.csv``/``.tsv``, TBX v3) unless a
format is named.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from glossalign.errors import GlossaryError, InputError, UsageError, refuse_device
from glossalign.glossary.csvio import RowDefect
from glossalign.glossary.formats import (
    format_for_content,
    formats_for_extension,
    glossary_formats,
)
from glossalign.glossary.model import STATUSES, Term, TermBase
from glossalign.safe_io import atomic_write_bytes

logger = logging.getLogger(__name__)

_EXPECTED_STATUS = f"expected {', '.join(STATUSES)} or forbidden"


def glossary_format(path: str | Path) -> str:
    """The name of the format written for ``path``'s extension; UsageError for an unknown one."""
    return formats_for_extension(path)[0].name


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


def write_glossary(termbase: TermBase, path: str | Path, format_name: str | None = None) -> None:
    """Write ``termbase`` as ``format_name`` (a registered glossary format), by default the
    format of ``path``'s extension (TBX is written as v3)."""
    fmt = formats_for_extension(path)[0]
    if format_name is not None:
        formats = glossary_formats()
        if format_name not in formats:
            raise UsageError(f"unknown glossary format {format_name!r} "
                             f"(known: {', '.join(formats)})")
        fmt = formats[format_name]
    atomic_write_bytes(path, fmt.write(termbase))
    logger.info("wrote %d concepts to %s as %s", len(termbase), path, fmt.name)


def convert_glossary(in_path: str | Path, out_path: str | Path,
                     format_name: str | None = None) -> TermBase:
    """Read ``in_path`` and write it as ``out_path``'s format (or ``format_name``)."""
    if _same_file(in_path, out_path):
        raise UsageError(f"refusing to overwrite the input glossary {in_path}", out_path)
    glossary_format(out_path)  # fail on a bad output name before reading anything
    termbase = read_glossary(in_path)
    write_glossary(termbase, out_path, format_name)
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
    formats_for_extension(path)  # an unknown extension fails before the file is read
    data = _read_bytes(path)
    return format_for_content(path, data[:4096]).read(data, Path(path), defects)


def _read_bytes(path: str | Path) -> bytes:
    refuse_device(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such glossary file", path) from exc
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a glossary file", path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the glossary: {exc.strerror or exc}", path) from exc
