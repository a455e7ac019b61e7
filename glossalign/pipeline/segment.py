"""Segment a document into sentences with exact file positions.

Paragraphs are blocks of lines separated by blank lines (``Segment.paragraph`` counts them from 0).
Inside a paragraph the lines are joined and split into sentences by the language profile; each
sentence becomes a :class:`~glossalign.stage_data.Segment` whose ``line``/``column`` locate its
first character in the file. A sentence that continues on the next line keeps that line break as a
space (spaced scripts, Thai) or drops it (Chinese, Japanese ...): the language profile says. And
``line_starts`` records where in the text each continuation line begins, so every character maps
back to its file position.

With ``presegmented=True`` every non-blank line is one sentence (blank lines still separate
paragraphs).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from glossalign.corpora.readers import read_text
from glossalign.languages import get_profile
from glossalign.stage_data import Segment

_LINE_BREAK = re.compile("\n")


@dataclass(frozen=True, slots=True)
class _Paragraph:
    index: int
    first_line: int  # 1-based file line of the paragraph's first line
    lines: tuple[str, ...]


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            paragraphs.append(_Paragraph(len(paragraphs), start, tuple(block)))
            block = []
    return paragraphs


def _sentence(paragraph: _Paragraph, line_offsets: list[int], joined: str, span: tuple[int, int],
              lang: str, path: str | None, spaced: bool) -> Segment:
    start, end = span
    line_index = bisect_right(line_offsets, start) - 1
    piece = joined[start:end]
    breaks = [m.start() for m in _LINE_BREAK.finditer(piece)]
    if spaced:  # the break becomes a space: the next line starts after it
        text, line_starts = piece.replace("\n", " "), [k + 1 for k in breaks]
    else:  # the break is dropped: every earlier break shifts the next line left by one
        text, line_starts = piece.replace("\n", ""), [k - n for n, k in enumerate(breaks)]
    return Segment(text, lang, path, paragraph.first_line + line_index,
                   start - line_offsets[line_index] + 1, paragraph.index, tuple(line_starts))


def _segment_paragraph(paragraph: _Paragraph, lang: str, path: str | None) -> list[Segment]:
    profile = get_profile(lang)
    joined = "\n".join(paragraph.lines)
    line_offsets, offset = [], 0
    for line in paragraph.lines:
        line_offsets.append(offset)
        offset += len(line) + 1
    return [_sentence(paragraph, line_offsets, joined, span, lang, path,
                      profile.line_break_is_space)
            for span in profile.split_sentences(joined)]


def _line_segments(paragraph: _Paragraph, lang: str, path: str | None) -> list[Segment]:
    out = []
    for k, line in enumerate(paragraph.lines):
        stripped = line.strip()
        if stripped:
            column = len(line) - len(line.lstrip()) + 1
            out.append(Segment(stripped, lang, path, paragraph.first_line + k, column,
                               paragraph.index))
    return out


def segment_text(text: str, lang: str, path: str | None = None,
                 presegmented: bool = False) -> list[Segment]:
    """Sentences (or, presegmented, lines) of a text, with paragraphs and exact positions."""
    get_profile(lang)  # a bad language code fails before any work
    segments: list[Segment] = []
    for paragraph in _paragraphs(_lines(text.removeprefix("\ufeff"))):
        if presegmented:
            segments.extend(_line_segments(paragraph, lang, path))
        else:
            segments.extend(_segment_paragraph(paragraph, lang, path))
    return segments


def segment_file(path: str | Path, lang: str, *, presegmented: bool = False) -> list[Segment]:
    """Read a UTF-8 file and segment it (see :func:`segment_text`); never modifies the file."""
    return segment_text(read_text(path), lang, str(path), presegmented)
