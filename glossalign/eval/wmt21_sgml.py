"""Reader for the WMT 2021 terminology task's SGML files (srcset / refset / tstset).

One ``<seg id="..">`` per line; inside a segment, ``<term id=".." type=".." src=".." tgt="v1|v2">
text </term>`` marks a term occurrence. Segment text is whitespace-tokenized, as the task's
reference scorer (Alam et al. 2021) does, so term spans are token indices.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from glossalign.corpora.readers import read_text
from glossalign.errors import InputError

_SEG_RE = re.compile(r"^\s*<seg\b(?P<attrs>[^>]*)>(?P<body>.*)</seg>\s*$")
_TAG_RE = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z]+)(?P<attrs>[^>]*)>")
_ATTR_RE = re.compile(r'(?P<key>[\w-]+)\s*=\s*"(?P<value>[^"]*)"')
_DOC_RE = re.compile(r"^\s*<doc\b(?P<attrs>[^>]*)>\s*$")
_SET_RE = re.compile(r"^\s*<(?P<kind>srcset|refset|tstset)\b[^>]*>\s*$")


@dataclass(frozen=True, slots=True)
class SgmlTerm:
    """One annotated term occurrence; ``start``/``end`` are token indices (end exclusive)."""

    term_id: str
    term_type: str
    src: str
    tgt_variants: tuple[str, ...]
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SgmlSegment:
    doc_id: str
    seg_id: str
    line: int
    text: str
    terms: tuple[SgmlTerm, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.seg_id)

    @property
    def tokens(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True, slots=True)
class SgmlFile:
    path: str
    kind: str
    segments: tuple[SgmlSegment, ...]

    def by_key(self) -> dict[tuple[str, str], SgmlSegment]:
        return {segment.key: segment for segment in self.segments}


def read_sgml(path: str | Path) -> SgmlFile:
    """Read a WMT terminology SGML file; malformed lines raise InputError with file and line."""
    lines = read_text(path).split("\n")
    kind, doc_id = "", ""
    segments: list[SgmlSegment] = []
    seen: set[tuple[str, str]] = set()
    for number, raw in enumerate(lines, start=1):
        set_match = _SET_RE.match(raw)
        if set_match and not kind:
            kind = set_match.group("kind")
            continue
        doc_match = _DOC_RE.match(raw)
        if doc_match:
            doc_id = _attributes(doc_match.group("attrs")).get("docid", "")
            continue
        if "<seg" not in raw and "</seg>" not in raw:
            continue
        segment = parse_segment_line(raw, doc_id, number, path)
        if segment.key in seen:
            raise InputError(f"duplicate segment id {segment.seg_id!r}", path, number)
        seen.add(segment.key)
        segments.append(segment)
    if not segments:
        raise InputError("no <seg> elements found: not a WMT SGML file", path)
    return SgmlFile(path=str(path), kind=kind, segments=tuple(segments))


def parse_segment_line(raw: str, doc_id: str, line: int, path: str | Path) -> SgmlSegment:
    """Parse one ``<seg id="..">...</seg>`` line into text and term spans."""
    match = _SEG_RE.match(raw)
    if match is None:
        raise InputError("expected one complete <seg id=\"..\">...</seg> element", path, line)
    seg_id = _attributes(match.group("attrs")).get("id")
    if seg_id is None:
        raise InputError("<seg> without an id attribute", path, line)
    text, char_spans = _strip_terms(match.group("body"), path, line)
    terms = tuple(_term_from_span(text, span, attrs, words) for span, attrs, words in char_spans)
    return SgmlSegment(doc_id, seg_id, line, " ".join(text.split()), terms)


def _strip_terms(
    body: str, path: str | Path, line: int
) -> tuple[str, list[tuple[tuple[int, int], dict[str, str], str]]]:
    """Remove the term tags; return the plain text and each term's character span and attributes."""
    pieces: list[str] = []
    length = 0
    spans: list[tuple[tuple[int, int], dict[str, str], str]] = []
    open_term: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG_RE.finditer(body):
        piece = html.unescape(body[position : tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group("name").lower() != "term":
            raise InputError(f"unexpected <{tag.group('name')}> tag inside <seg>", path, line)
        if not tag.group("close"):
            if open_term is not None:
                raise InputError("nested <term> tags", path, line)
            attrs = _attributes(tag.group("attrs"))
            _require_term_attributes(attrs, path, line)
            open_term = (length, attrs)
            continue
        if open_term is None:
            raise InputError("</term> without an opening <term>", path, line)
        start, attrs = open_term
        spans.append(((start, length), attrs, "".join(pieces)[start:length]))
        open_term = None
    if open_term is not None:
        raise InputError("<term> is not closed", path, line)
    pieces.append(html.unescape(body[position:]))
    return "".join(pieces), spans


def _term_from_span(
    text: str, span: tuple[int, int], attrs: dict[str, str], surface: str
) -> SgmlTerm:
    start_token, end_token = _token_span(text, span)
    variants = tuple(" ".join(v.split()) for v in attrs["tgt"].split("|") if v.strip())
    return SgmlTerm(
        term_id=attrs.get("id", ""),
        term_type=attrs.get("type", ""),
        src=" ".join(attrs["src"].split()),
        tgt_variants=variants,
        surface=" ".join(surface.split()),
        start=start_token,
        end=end_token,
    )


def _token_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Token indices of the whitespace tokens that overlap the character span."""
    start_char, end_char = span
    first, last = -1, -1
    for index, token in enumerate(re.finditer(r"\S+", text)):
        if token.end() > start_char and token.start() < end_char:
            first = index if first < 0 else first
            last = index
    if first < 0:
        # An empty term: anchor it where it stood so window metrics still have a position.
        first = last = len(text[:start_char].split())
        return first, first
    return first, last + 1


def _require_term_attributes(attrs: dict[str, str], path: str | Path, line: int) -> None:
    missing = [key for key in ("src", "tgt") if key not in attrs]
    if missing:
        raise InputError(f"<term> lacks attribute(s): {', '.join(missing)}", path, line)


def _attributes(text: str) -> dict[str, str]:
    return {m.group("key"): html.unescape(m.group("value")) for m in _ATTR_RE.finditer(text)}
