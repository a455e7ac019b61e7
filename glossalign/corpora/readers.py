"""Read text, line-aligned pairs and TSV pairs into segments, with clear errors.

Every pair format (TSV, TMX, XLIFF, PO) is registered in :mod:`glossalign.corpora.formats`.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from lxml import etree

from glossalign.errors import GlossalignError, InputError, reading
from glossalign.stage_data import Alignment, Bead, Segment
from glossalign.stdio import is_stdio, stdin_bytes


def safe_xml_parser() -> etree.XMLParser:
    """No external entities, no DTD loading, no network, no entity-expansion bombs."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def refuse_declared_entities(data: bytes, path: str | Path, kind: str) -> None:
    """InputError for an ``<!ENTITY`` declaration: the safe parser never expands entities, so
    their references would silently vanish from the text (and billion-laughs files are refused
    before any parsing)."""
    position = data.find(b"<!ENTITY")
    if position >= 0:
        raise InputError(f"the DOCTYPE declares entities; a {kind} file may not declare or use "
                         "entities (they are never expanded)", path,
                         data.count(b"\n", 0, position) + 1)


def read_text(path: str | Path) -> str:
    """A UTF-8 file's text (``-``: standard input; BOM dropped); bad bytes name their line."""
    path = Path(path)
    with reading(path):
        data = stdin_bytes() if is_stdio(path) else path.read_bytes()
    return decode_utf8(data, path).replace("\r\n", "\n").replace("\r", "\n")


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode_utf8(data: bytes, path: str | Path, first_line: int = 1) -> str:
    """``data`` as UTF-8 text without a leading BOM; anything else is an :class:`InputError`
    naming the line (counted from ``first_line``) and column.

    A NUL byte is refused too: UTF-8 text never holds one, while UTF-16 without a byte-order
    mark decodes "successfully" as UTF-8 with a NUL after every ASCII letter, and every term
    search over that text would then silently find nothing.
    """
    refuse_wide_text(data, path, first_line)
    try:
        return data.decode("utf-8-sig" if first_line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start, first_line)
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
                         "convert the file to UTF-8", path, line) from None


def refuse_wide_text(data: bytes, path: str | Path, first_line: int = 1) -> None:
    """InputError for UTF-16/32 (a byte-order mark at the start) and for any NUL byte."""
    if first_line == 1:
        for bom, encoding in _WIDE_BOMS:
            if data.startswith(bom):
                raise InputError(f"is {encoding} (it starts with a byte-order mark); convert the "
                                 "file to UTF-8", path, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul, first_line)
        raise InputError(f"holds a NUL byte at column {column}, so it is not UTF-8 text "
                         "(UTF-16 or a binary file?); convert the file to UTF-8", path, line)


def _position(data: bytes, offset: int, first_line: int) -> tuple[int, int]:
    """Line and column (both from 1, columns in bytes) of byte ``offset``."""
    line = data.count(b"\n", 0, offset) + first_line
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def parse_json(text: str, path: str | Path, invalid: str = "not valid JSON",
               line: int | None = None, error: type[GlossalignError] = InputError) -> Any:
    """``json.loads(text)``; every way it can fail is ``error`` naming the file (and line): a
    syntax error, nesting deeper than the parser's recursion, a number too long to convert."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{invalid}: {exc.msg}", path, line or exc.lineno) from None
    except RecursionError:
        raise error(f"{invalid}: nested too deeply", path, line) from None
    except ValueError:  # int() refuses a number of more than 4300 digits
        raise error(f"{invalid}: a number too long to read", path, line) from None


def parse_toml(text: str, path: str | Path, invalid: str = "not valid TOML",
               error: type[GlossalignError] = InputError) -> dict[str, Any]:
    """``tomllib.loads(text)``, failing as :func:`parse_json` does."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{invalid}: {exc}", path) from None
    except RecursionError:
        raise error(f"{invalid}: nested too deeply", path) from None
    except ValueError:
        raise error(f"{invalid}: a number too long to read", path) from None


def split_lines(text: str) -> list[str]:
    """The lines of a text without terminators (a final newline ends the last line)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(path: str | Path, lang: str) -> list[Segment]:
    """One segment per line of the file, blank lines included (as empty segments)."""
    lines = split_lines(read_text(path))
    return [Segment(line, lang, str(path), i + 1) for i, line in enumerate(lines)]


def pair_lines(src_path: str | Path, src_lang: str, tgt_path: str | Path,
               tgt_lang: str) -> Alignment:
    """Line i of the source with line i of the target; the files must have as many lines."""
    src = read_lines(src_path, src_lang)
    tgt = read_lines(tgt_path, tgt_lang)
    if len(src) != len(tgt):
        raise InputError(f"has {len(tgt)} lines but the source {src_path} has {len(src)}; "
                         "line-by-line pairing needs equal counts (use --pairing auto)", tgt_path)
    return pair_segments(src, tgt)


def pair_segments(src: list[Segment], tgt: list[Segment]) -> Alignment:
    """Segment i with segment i: a bead for every line with text on either side."""
    beads = []
    for i, (s, t) in enumerate(zip(src, tgt, strict=True)):
        if s.text.strip() or t.text.strip():
            beads.append(Bead((i,) if s.text.strip() else (), (i,) if t.text.strip() else ()))
    return Alignment(tuple(src), tuple(tgt), tuple(beads))


def read_tsv_pairs(path: str | Path, src_lang: str, tgt_lang: str) -> Alignment:
    """``source<TAB>target`` per line; exact columns so findings point into the TSV file."""
    src: list[Segment] = []
    tgt: list[Segment] = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise InputError(f"expected 2 tab-separated fields, found {len(fields)}", path, number)
        src.append(Segment(fields[0], src_lang, str(path), number, 1))
        tgt.append(Segment(fields[1], tgt_lang, str(path), number, len(fields[0]) + 2))
    return Alignment.line_by_line(src, tgt)
