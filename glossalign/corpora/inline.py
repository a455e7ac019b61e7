"""Inline markup as coded text: what the matcher may see, and how a fix is put back.

An XLIFF or TMX segment mixes text with inline elements (``<g>``, ``<x/>``, ``<ph>``, ``<pc>``,
``<bpt>``...). We turn it into one string where each code is a single private-use character
(as Okapi does): an element whose content is translatable text (``g``, ``pc``, ``mrk``, ``hi``)
becomes an opening and a closing code around its text, any other element one isolated code. The
codes are protected spans of the segment, so no term match and no fix ever covers one, and
:func:`set_coded_text` can pour the corrected text back into the same elements.

PO files have no markup but format placeholders (``%s``, ``%(name)s``, ``{0}``, ``{name}``),
which :func:`placeholder_spans` finds so they are protected the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from glossalign.stage_data import Alignment, Segment

OPEN, CLOSE, ISOLATED = "\ue101", "\ue102", "\ue103"
CODES = re.compile(f"[{OPEN}{CLOSE}{ISOLATED}]")
# Inline elements whose content is translatable text, in XLIFF 1.2, 2.x and TMX.
PAIRED = frozenset({"g", "pc", "mrk", "hi"})

PLACEHOLDERS = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlLqjzt]*[diouxXeEfFgGcrsa%]"
    r"|%\d+\$[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # positional printf: %1$s
    r"|\{\{|\}\}"
    r"|\{[A-Za-z_0-9.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")


def coded_text(element: etree._Element) -> str:
    """The element's content with inline elements as codes."""
    parts = [element.text or ""]
    for child in element:
        _append_child(child, parts)
    return "".join(parts)


def _append_child(child: etree._Element, parts: list[str]) -> None:
    if _is_paired(child):
        parts.append(OPEN)
        parts.append(child.text or "")
        for grandchild in child:
            _append_child(grandchild, parts)
        parts.append(CLOSE)
    else:  # a standalone code, a native-code element, a comment or processing instruction
        parts.append(ISOLATED)
    parts.append(child.tail or "")


def _is_paired(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname in PAIRED


def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in CODES.finditer(text))


def set_coded_text(element: etree._Element, text: str) -> None:
    """Put ``text`` (coded as :func:`coded_text` made it) back into ``element``.

    The codes must be the same, in the same order: a fix never touches them.
    """
    if CODES.findall(text) != CODES.findall(coded_text(element)):
        raise ValueError("inline codes changed; refusing to rewrite the segment's markup")
    runs = iter(CODES.split(text))
    element.text = next(runs) or None
    for child in element:
        _pour(child, runs)


def _pour(child: etree._Element, runs: Iterator[str]) -> None:
    if _is_paired(child):
        child.text = next(runs) or None
        for grandchild in child:
            _pour(grandchild, runs)
    child.tail = next(runs) or None


def placeholder_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of printf and brace format placeholders (``%s``, ``%(n)d``, ``{0}``, ``{name}``)."""
    return tuple((m.start(), m.end()) for m in PLACEHOLDERS.finditer(text))


def plain_alignment(alignment: Alignment) -> Alignment:
    """The alignment with inline codes removed, for exports that cannot hold markup."""
    def plain(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
        return tuple(replace(s, text=CODES.sub("", s.text), protected=()) if s.protected else s
                     for s in segments)

    return Alignment(plain(alignment.src_segments), plain(alignment.tgt_segments),
                     alignment.beads)


def display_text(text: str) -> str:
    """Coded text for people: each code shown as one visible mark (offsets stay valid)."""
    return text.translate(_DISPLAY)


_DISPLAY = str.maketrans({OPEN: "⟨", CLOSE: "⟩", ISOLATED: "⟡"})


def append_indented(parent: etree._Element, child: etree._Element) -> None:
    """Append ``child`` after ``parent``'s last child with the same indentation as its
    siblings (pretty-printed files stay pretty)."""
    children = list(parent)
    if not children:
        parent.append(child)
        return
    last = children[-1]
    sibling_gap = children[-2].tail if len(children) > 1 else parent.text
    child.tail, last.tail = last.tail, sibling_gap
    parent.append(child)
