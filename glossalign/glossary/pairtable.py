"""Term lists with the languages in the rows: one source/target pair per row.

    id,sourceLang,targetLang,sourceString,targetString
    2,en,zh_CN,acute bronchitis,急性支气管炎

The shape of the TICO-19 terminologies and of many exports from term extraction tools. Each row is
a concept (its ``id``, else its source term) whose source term is preferred; the target term takes
the row's ``status`` (empty: preferred). Rows repeating a concept add renderings; a cell may hold
several renderings separated by ``;`` or ``|`` (the first takes the row's status, the others are
admitted). Read as a long table (``.csv``/``.tsv``); written in the long layout.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from glossalign.glossary.csvio import RowDefect, rows_with_lines, well_formed_rows
from glossalign.glossary.model import Term, normalize_status

_ROLES = {
    "sourcelang": "src_lang", "sourcelanguage": "src_lang", "srclang": "src_lang",
    "targetlang": "tgt_lang", "targetlanguage": "tgt_lang", "tgtlang": "tgt_lang",
    "trglang": "tgt_lang", "sourcestring": "src", "sourceterm": "src", "srcterm": "src",
    "sourcetext": "src", "targetstring": "tgt", "targetterm": "tgt", "tgtterm": "tgt",
    "trgterm": "tgt", "targettext": "tgt", "id": "concept", "stringid": "concept",
    "termid": "concept", "concept": "concept", "conceptid": "concept", "status": "status",
    "note": "note", "notes": "note", "comment": "note",
}
_REQUIRED = {"src_lang", "tgt_lang", "src", "tgt"}
_NOT_LETTERS = re.compile(r"[^a-z]")
_SEPARATORS = re.compile(r"\s*[;|]\s*")


def _role_index(header: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        role = _ROLES.get(_NOT_LETTERS.sub("", cell.lower()))
        if role is not None:
            index.setdefault(role, i)
    return index


def is_pair_header(cells: list[str]) -> bool:
    """Whether a header names source and target languages and strings."""
    return _REQUIRED <= set(_role_index(cells))


def read_pair_terms(path: str | Path, text: str, delimiter: str,
                    defects: list[RowDefect] | None) -> list[Term]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return read_pair_rows(rows_with_lines(reader, path), path, defects)


def read_pair_rows(rows: Iterator[tuple[int, list[str]]], path: str | Path,
                   defects: list[RowDefect] | None) -> list[Term]:
    """Terms of a pair table given as (line, cells) rows, the header first (CSV or XLSX)."""
    _, header = next(rows, (1, []))
    index = _role_index(header)
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for line, row in well_formed_rows(rows, len(header), path, defects):
        terms.extend(_pair_terms(row, index, line, seen))
    return terms


def _pair_terms(row: list[str], index: dict[str, int], line: int,
                seen: set[tuple[str, ...]]) -> list[Term]:
    """The row's new terms: the concept's first source term is preferred, later ones
    admitted; the target's first rendering takes the row's status."""
    def field(role: str) -> str:
        return row[index[role]].strip() if role in index else ""

    def renderings(role: str) -> list[str]:
        return [text for text in _SEPARATORS.split(field(role)) if text]

    sources = renderings("src")
    concept = field("concept") or (sources[0] if sources else "")
    raw_status = field("status")
    status = (normalize_status(raw_status) or raw_status) if raw_status else "preferred"
    src_lang, tgt_lang = field("src_lang"), field("tgt_lang")
    known_source = (concept, src_lang) in seen
    terms = []
    for lang, texts, first_status, note in (
            (src_lang, sources, "admitted" if known_source else "preferred", ""),
            (tgt_lang, renderings("tgt"), status, field("note"))):
        for position, text in enumerate(texts):
            if (concept, lang, text) in seen:
                continue
            seen.update(((concept, lang, text), (concept, lang)))
            approved_synonym = position and first_status == "preferred"
            terms.append(Term(concept, lang, text, "admitted" if approved_synonym else
                              first_status, note, line))
    return terms
