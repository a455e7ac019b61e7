"""XLIFF 1.2 and XLIFF 2.0/2.1: units in, corrected targets back out.

translate-toolkit's stores parse the file (with its safe XML parser), enumerate the units, give
the ids and the declared languages, and write new files. Two things are done by hand with lxml:
inline markup as coded text (:mod:`glossalign.corpora.inline`), and the write-back, because the
stores' ``serialize`` re-indents the whole document; we serialise the same tree without
re-indenting and keep the original XML declaration, so the output differs from the input only
in the targets that changed and their review marks. ``Xliff2Unit.addnote`` puts notes inside
``<segment>``, where XLIFF 2 does not allow them; the review note goes into the unit's
``<notes>`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from glossalign.corpora.formats import (
    REVIEW_NOTE,
    BilingualFile,
    PairFormat,
    aligned,
    copy_unchanged,
    register,
    require_languages,
    resolve_language,
)
from glossalign.corpora.inline import (
    CODES,
    append_indented,
    code_spans,
    coded_text,
    set_coded_text,
)
from glossalign.corpora.readers import refuse_declared_entities
from glossalign.errors import InputError
from glossalign.safe_io import atomic_write_bytes
from glossalign.stage_data import Segment

_ROOT = re.compile(rb"<(?:\w+:)?xliff\b[^>]*>", re.S)
_VERSION = re.compile(rb"""\bversion\s*=\s*["']\s*(\d)""")
_NAMESPACE = re.compile(rb"urn:oasis:names:tc:xliff:document:(\d)")
_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?")
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"


def xliff_major_version(head: bytes) -> int | None:
    root = _ROOT.search(head)
    if root is None:
        return None
    found = _VERSION.search(root.group(0)) or _NAMESPACE.search(root.group(0))
    return int(found.group(1)) if found else None


class _Unit:
    """One translatable segment: its id, source and target elements (target may be absent)."""

    def __init__(self, store_unit: Any, unit_id: str, source: etree._Element,
                 target: etree._Element | None):
        self.store_unit, self.id, self.source, self.target = store_unit, unit_id, source, target


class _XliffBase(PairFormat):
    extensions = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
    declares_languages = True
    version = 0

    def sniff(self, head: bytes) -> bool:
        return xliff_major_version(head) == self.version

    def parse(self, data: bytes, path: Path) -> Any:
        raise NotImplementedError

    def units(self, store: Any) -> Iterator[_Unit]:
        raise NotImplementedError

    def languages(self, store: Any) -> tuple[str | None, str | None]:
        raise NotImplementedError

    def mark_for_review(self, unit: _Unit) -> None:
        raise NotImplementedError

    def load(self, path: Path) -> tuple[bytes, Any]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path) from None
        refuse_declared_entities(data, path, "XLIFF")
        try:
            return data, self.parse(data, path)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"malformed XLIFF: {exc.msg}", path, exc.lineno) from None
        except (ValueError, AssertionError, AttributeError) as exc:
            raise InputError(f"not XLIFF {self.version}: {exc or 'unexpected root element'}",
                             path) from None

    def translatable(self, store: Any) -> Iterator[_Unit | None]:
        """Units in file order; None for one that is untranslated or locked (left out)."""
        for unit in self.units(store):
            if unit.target is None or not coded_text(unit.target).strip():
                yield None
            else:
                yield unit

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        _, store = self.load(path)
        declared_src, declared_tgt = self.languages(store)
        src_lang = resolve_language(declared_src, src_lang, "src", path)
        tgt_lang = resolve_language(declared_tgt, tgt_lang, "tgt", path)
        src_lang, tgt_lang = require_languages(src_lang, tgt_lang, path)
        src: list[Segment] = []
        tgt: list[Segment] = []
        skipped = 0
        for unit in self.translatable(store):
            if unit is None:
                skipped += 1
                continue
            assert unit.target is not None
            src.append(_segment(unit.source, src_lang, path, unit.id))
            tgt.append(_segment(unit.target, tgt_lang, path, unit.id))
        return BilingualFile(self.name, str(path), aligned(src, tgt), src_lang, tgt_lang, skipped)

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        data, store = self.load(original)
        changed = 0
        units = [u for u in self.translatable(store) if u is not None]
        for index, text in targets.items():
            unit = units[index]
            assert unit.target is not None
            if coded_text(unit.target) == text:
                continue
            set_coded_text(unit.target, text)
            self.mark_for_review(unit)
            changed += 1
        if not changed:
            copy_unchanged(original, output)
        else:
            atomic_write_bytes(output, serialize_like(data, store.document))
        return changed


def _segment(element: etree._Element, lang: str, path: Path, unit_id: str) -> Segment:
    text = coded_text(element)
    starts = tuple(i + 1 for i, char in enumerate(text) if char == "\n")
    return Segment(text, lang, str(path), element.sourceline or 1, 1, 0, starts, unit_id,
                   code_spans(text))


def serialize_like(original: bytes, tree: etree._ElementTree) -> bytes:
    """The tree as XML, with the original's declaration and final whitespace kept."""
    prolog = _PROLOG.match(original)
    head = prolog.group(0) if prolog else b""
    encoding = tree.docinfo.encoding or "UTF-8"
    body = etree.tostring(tree, encoding=encoding, xml_declaration=False)
    tail = original[len(original.rstrip()):]
    return head + body.strip() + tail


def _plain(text: str) -> str:
    return CODES.sub("", text)


@register
class Xliff12(_XliffBase):
    name = "xliff-1.2"
    version = 1

    def parse(self, data: bytes, path: Path) -> Any:
        from translate.storage.xliff import xlifffile  # on use: keeps the CLI start fast

        return xlifffile.parsestring(data)

    def languages(self, store: Any) -> tuple[str | None, str | None]:
        files = store.document.getroot().iterchildren(store.namespaced("file"))
        first = next(files, None)
        if first is None:
            return None, None
        return first.get("source-language"), first.get("target-language")

    def units(self, store: Any) -> Iterator[_Unit]:
        for unit in store.units:
            element = unit.xmlelement
            if element.get("translate", "yes") == "no":
                continue
            source = element.find(store.namespaced("source"))
            if source is None:
                continue
            yield _Unit(unit, element.get("id") or "", source,
                        element.find(store.namespaced("target")))

    def mark_for_review(self, unit: _Unit) -> None:
        assert unit.target is not None
        unit.target.set("state", "needs-review-translation")
        if unit.store_unit.xmlelement.get("approved") == "yes":  # a changed unit is not approved
            unit.store_unit.xmlelement.set("approved", "no")
        note = etree.Element(etree.QName(unit.target).text.replace("target", "note"),
                             {"from": "glossalign"})
        note.text = REVIEW_NOTE
        append_indented(unit.store_unit.xmlelement, note)

    def write(self, document: BilingualFile, path: Path) -> None:
        from translate.storage.xliff import xlifffile

        store: Any = xlifffile(sourcelanguage=document.src_lang, targetlanguage=document.tgt_lang)
        for number, (src, tgt) in enumerate(document.pairs, start=1):
            unit = store.addsourceunit(_plain(src))
            unit.settarget(_plain(tgt))
            unit.setid(_unit_id(document, number))
        atomic_write_bytes(path, bytes(store))


@register
class Xliff2(_XliffBase):
    name = "xliff-2"
    version = 2

    def parse(self, data: bytes, path: Path) -> Any:
        from translate.storage.xliff2 import Xliff2File

        return Xliff2File.parsestring(data)

    def languages(self, store: Any) -> tuple[str | None, str | None]:
        root = store.document.getroot()
        return root.get("srcLang"), root.get("trgLang")

    def units(self, store: Any) -> Iterator[_Unit]:
        for segment_unit in store.units:
            segment = segment_unit.xmlelement
            unit = segment.getparent()
            if unit is None or unit.get("translate", "yes") == "no":
                continue
            source = segment.find(store.namespaced("source"))
            if source is None:
                continue
            segments = unit.findall(store.namespaced("segment"))
            unit_id = unit.get("id") or ""
            if len(segments) > 1:
                unit_id += "/" + (segment.get("id") or str(segments.index(segment) + 1))
            yield _Unit(segment_unit, unit_id, source, segment.find(store.namespaced("target")))

    def mark_for_review(self, unit: _Unit) -> None:
        segment = unit.store_unit.xmlelement
        segment.set("state", "translated")
        parent = segment.getparent()
        namespace = etree.QName(segment).namespace or XLIFF2_NS
        notes = parent.find(f"{{{namespace}}}notes")
        if notes is None:
            notes = etree.Element(f"{{{namespace}}}notes")
            notes.tail = parent.text
            parent.insert(0, notes)
        note = etree.Element(f"{{{namespace}}}note", category="glossalign")
        note.text = REVIEW_NOTE
        append_indented(notes, note)

    def write(self, document: BilingualFile, path: Path) -> None:
        from translate.storage.xliff2 import Xliff2File

        store: Any = Xliff2File(sourcelanguage=document.src_lang or "en")
        root = store.document.getroot()
        root.set("srcLang", document.src_lang or "en")
        if document.tgt_lang:
            root.set("trgLang", document.tgt_lang)
        for number, (src, tgt) in enumerate(document.pairs, start=1):
            unit = store.addsourceunit(_plain(src))
            unit.settarget(_plain(tgt))
            unit.setid(_unit_id(document, number))
        atomic_write_bytes(path, bytes(store))


def _unit_id(document: BilingualFile, number: int) -> str:
    segments = document.alignment.tgt_segments
    unit = segments[number - 1].unit if number <= len(segments) else None
    return unit or str(number)
