"""TMX 1.4 translation memories: read (lxml, with line numbers), write (translate-toolkit) and
write back corrected targets, registered as the ``tmx`` pair format.

Reading uses lxml rather than translate-toolkit so that each segment keeps its line number;
inline elements (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<hi>``) become protected codes.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from lxml import etree

from glossalign import __version__
from glossalign.corpora.formats import (
    BilingualFile,
    PairFormat,
    aligned,
    copy_unchanged,
    register,
    require_languages,
    resolve_language,
)
from glossalign.corpora.inline import code_spans, coded_text, set_coded_text
from glossalign.corpora.readers import refuse_declared_entities, safe_xml_parser
from glossalign.errors import InputError
from glossalign.languages import get_profile
from glossalign.safe_io import atomic_write_bytes, describe_os_error
from glossalign.stage_data import Alignment, Segment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

logger = logging.getLogger(__name__)

# Characters XML 1.0 cannot hold; translate-toolkit would drop them without a word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sentence_joiner(lang: str) -> str:
    """How the sentences of a many-to-one bead are joined: no space for Chinese and Japanese."""
    return get_profile(lang).sentence_joiner


def aligned_pairs(alignment: Alignment, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """(source, target) text of every bead with text on both sides, in document order."""
    src_join, tgt_join = sentence_joiner(src_lang), sentence_joiner(tgt_lang)
    pairs = []
    for bead in alignment.beads:
        src = _joined(alignment.src_segments, bead.src, src_join)
        tgt = _joined(alignment.tgt_segments, bead.tgt, tgt_join)
        if src and tgt:
            pairs.append((src, tgt))
    return pairs


def _joined(segments: tuple[Segment, ...], indices: tuple[int, ...], joiner: str) -> str:
    texts = []
    for i in indices:
        segment = segments[i]
        text = segment.text.strip()
        if _NOT_XML.search(text):
            logger.warning("%s:%d: control characters removed for TMX", segment.path or "-",
                           segment.line)
            text = _NOT_XML.sub("", text)
        if text:
            texts.append(text)
    return joiner.join(texts)


def write_tmx(alignment: Alignment, path: str | Path, src_lang: str, tgt_lang: str, *,
              creation_tool: str = "glossalign") -> int:
    """Write one ``<tu>`` per bead with both sides non-empty; returns the number of units."""
    from translate.storage.tmx import tmxfile  # on use: keeps the CLI start fast

    store = tmxfile(sourcelanguage=src_lang, targetlanguage=tgt_lang)
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", creation_tool)
    header.set("creationtoolversion", __version__)
    header.set("srclang", src_lang)
    pairs = aligned_pairs(alignment, src_lang, tgt_lang)
    for src, tgt in pairs:
        store.addtranslation(src, src_lang, tgt, tgt_lang)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise describe_os_error(error, path) from None
    buffer = io.BytesIO()
    store.serialize(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    logger.info("wrote %d translation units to %s", len(pairs), path)
    return len(pairs)


def parse_tmx(path: str | Path) -> etree._ElementTree:
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise InputError("file not found or unreadable", path) from None
    refuse_declared_entities(data, path, "TMX")
    try:
        return etree.parse(io.BytesIO(data), safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed TMX: {exc.msg}", path, exc.lineno) from None


def _lang_key(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _variant_lang(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _unit_pairs(tree: etree._ElementTree, src_lang: str,
                tgt_lang: str) -> Iterator[tuple[etree._Element, etree._Element, etree._Element]]:
    """(tu, source tuv, target tuv) of every unit with a variant in both languages."""
    for tu in tree.iter("tu"):
        variants = {_lang_key(_variant_lang(tuv)): tuv for tuv in tu.iter("tuv")}
        src_tuv, tgt_tuv = variants.get(_lang_key(src_lang)), variants.get(_lang_key(tgt_lang))
        if src_tuv is not None and tgt_tuv is not None:
            yield tu, src_tuv, tgt_tuv


def read_tmx_pairs(path: str | Path, src_lang: str, tgt_lang: str) -> Alignment:
    """Translation units of a TMX file with a variant in both languages, in file order."""
    tree = parse_tmx(path)
    src: list[Segment] = []
    tgt: list[Segment] = []
    for tu, src_tuv, tgt_tuv in _unit_pairs(tree, src_lang, tgt_lang):
        src.append(_tmx_segment(tu, src_tuv, src_lang, path))
        tgt.append(_tmx_segment(tu, tgt_tuv, tgt_lang, path))
    if not src:
        raise InputError(f"no translation unit has both {src_lang} and {tgt_lang}", path)
    return Alignment.line_by_line(src, tgt)


def _tmx_segment(tu: etree._Element, tuv: etree._Element, lang: str,
                 path: str | Path) -> Segment:
    seg = tuv.find("seg")
    text = coded_text(seg) if seg is not None else ""
    line = seg.sourceline if seg is not None else tuv.sourceline
    return Segment(text, lang, str(path), line or 1, unit=tu.get("tuid"),
                   protected=code_spans(text))


def declared_languages(tree: etree._ElementTree) -> tuple[str | None, str | None]:
    """The header's ``srclang`` and, when the units hold exactly one other language, that one."""
    header = tree.getroot().find("header")
    src = header.get("srclang") if header is not None else None
    if src in (None, "*all*"):
        return None, None
    others = {_variant_lang(tuv) for tuv in tree.iter("tuv")}
    others = {lang for lang in others if _lang_key(lang) != _lang_key(src or "")}
    return src, (others.pop() if len(others) == 1 else None)


@register
class Tmx(PairFormat):
    name = "tmx"
    extensions = (".tmx",)
    declares_languages = True

    def sniff(self, head: bytes) -> bool:
        return re.search(rb"<tmx\b", head) is not None

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        declared_src, declared_tgt = declared_languages(parse_tmx(path))
        src_lang = resolve_language(declared_src, src_lang, "src", path)
        if tgt_lang is None:
            tgt_lang = declared_tgt
        src_lang, tgt_lang = require_languages(src_lang, tgt_lang, path)
        alignment = read_tmx_pairs(path, src_lang, tgt_lang)
        return BilingualFile(self.name, str(path),
                             aligned(list(alignment.src_segments), list(alignment.tgt_segments)),
                             src_lang, tgt_lang)

    def write(self, document: BilingualFile, path: Path) -> None:
        src_lang, tgt_lang = require_languages(document.src_lang, document.tgt_lang, path)
        write_tmx(document.alignment, path, src_lang, tgt_lang)

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        tree = parse_tmx(original)
        src_lang, tgt_lang = declared_languages(tree)
        src_lang, tgt_lang = require_languages(src_lang, tgt_lang, original)
        units = list(_unit_pairs(tree, src_lang, tgt_lang))
        changed = 0
        for index, text in targets.items():
            seg = units[index][2].find("seg")
            if seg is None or coded_text(seg) == text:
                continue
            set_coded_text(seg, text)
            note = etree.Element("note")
            note.text = "glossalign: terminology corrected; please review"
            units[index][2].insert(0, note)
            changed += 1
        if not changed:
            copy_unchanged(original, output)
        else:
            from glossalign.corpora.xliff import serialize_like

            atomic_write_bytes(output, serialize_like(original.read_bytes(), tree))
        return changed
