"""TBX glossaries: read TBX v3 (ISO 30042:2019, DCA style) and TBX v2 (``martif``), write v3.

translate-toolkit reads only v2 and models a bilingual source/target pair, so both versions are
read here with lxml, matching elements by local name: that accepts v3 with or without its
namespace and v2 with or without a (non-standard) namespace.

Decisions that keep ``CSV -> TBX -> CSV`` lossless:
- a term's note is one ``<note>`` in its ``termSec`` (several notes are read joined by newlines);
- every written term carries its ``administrativeStatus``; a term read without one is *admitted*
  (TBX-Basic makes the status optional, and an unmarked term is usable but not the preferred one);
- a concept's terms are grouped into one ``langSec`` per language tag, in order of first use.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from glossalign.errors import GlossaryError
from glossalign.glossary.model import STATUSES, Concept, Term, TermBase, normalize_status

logger = logging.getLogger(__name__)

TBX_NS = "urn:iso:std:iso:30042:ed:3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The status's data category: TBX-Basic's, TBX 2008's, and the name IATE gives it.
STATUS_TYPES = ("administrativeStatus", "normativeAuthorization", "evaluation")
DEFAULT_STATUS = "admitted"
# IATE's reliability code 1, "reliability not verified": an unchecked term is neither asked for
# nor flagged (proposed) unless the file gives it a status.
UNVERIFIED = ("reliabilityCode", "1")
_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")


def safe_parser() -> etree.XMLParser:
    """No entity expansion, no DTD, no network: a hostile file cannot expand or read files."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def parse_xml(data: bytes, path: str | Path) -> etree._Element:
    """The root element, or GlossaryError with lxml's line for malformed XML and entities.

    Entities declared in the DOCTYPE are refused outright: ``resolve_entities=False`` keeps
    references in text unexpanded, but libxml2 always substitutes them inside attribute values
    (XML's attribute normalisation), so a declared entity could still grow or inject an id.
    """
    _refuse_declared_entities(data, path)
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"malformed XML: {exc.msg}", path, exc.lineno) from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise GlossaryError(_ENTITY_MESSAGE, path, 1)
    for entity in root.iter(etree.Entity):
        raise GlossaryError(
            f"entity reference {entity.text} is not allowed in a glossary "
            "(entities are never expanded)",
            path,
            entity.sourceline,
        )
    return root


_ENTITY_MESSAGE = ("the DOCTYPE declares entities; a glossary may not declare or use entities "
                   "(they are never expanded)")


def _refuse_declared_entities(data: bytes, path: str | Path) -> None:
    """Refuse an ``<!ENTITY`` declaration before parsing (in ASCII-compatible encodings; the
    check after parsing covers the others)."""
    position = data.find(b"<!ENTITY")
    if position >= 0:
        raise GlossaryError(_ENTITY_MESSAGE, path, data[:position].count(b"\n") + 1)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def tbx_version(root: etree._Element, path: str | Path) -> int:
    """2 for ``martif``, 3 for ``tbx``; GlossaryError for anything else.

    v3 comes in two styles: DCA (``<termNote type="administrativeStatus">``) and DCT (the data
    category as the element: ``<basic:administrativeStatus>``); both are read.
    """
    name = local_name(root)
    if name == "martif":
        return 2
    if name == "tbx":
        if (root.get("style") or "dca").lower() not in ("dca", "dct"):
            raise GlossaryError(
                f"TBX style '{root.get('style')}' is not supported; use the DCA or DCT style",
                path,
                root.sourceline,
            )
        return 3
    raise GlossaryError(
        f"not a TBX file: root element is <{name}>, expected <tbx> or <martif>",
        path,
        root.sourceline,
    )


def read_tbx_terms(root: etree._Element, path: str | Path) -> tuple[list[Term], dict[str, str]]:
    """Terms in document order (statuses unknown to us kept as written) and concept notes."""
    version = tbx_version(root, path)
    entry_name, lang_name = (
        ("termEntry", "langSet") if version == 2 else ("conceptEntry", "langSec")
    )
    terms: list[Term] = []
    concept_notes: dict[str, str] = {}
    for entry in _descendants(root, ("text", "body", entry_name)):
        concept = (entry.get("id") or "").strip()
        note = _notes_of(entry)
        if note and concept:
            concept_notes[concept] = note
        for lang_set in _children(entry, lang_name):
            lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").strip()
            for term_group in _term_groups(lang_set, version):
                terms.append(_term_of(term_group, concept, lang, path))
    return terms, concept_notes


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    return (child for child in element if local_name(child) == name)


def _descendants(root: etree._Element, names: tuple[str, ...]) -> Iterator[etree._Element]:
    level = [root]
    for name in names:
        level = [child for element in level for child in _children(element, name)]
    return iter(level)


def _term_groups(lang_set: etree._Element, version: int) -> Iterator[etree._Element]:
    """The elements holding one term each: v3 ``termSec``; v2 ``tig`` and ``ntig``."""
    wanted = ("termSec",) if version == 3 else ("tig", "ntig")
    return (child for child in lang_set if local_name(child) in wanted)


def _term_of(group: etree._Element, concept: str, lang: str, path: str | Path) -> Term:
    # v2 ntig nests term and termNote in termGrp but keeps notes beside it
    term_grp = next(_children(group, "termGrp"), None) if local_name(group) == "ntig" else None
    term_parent = term_grp if term_grp is not None else group
    term_elements = list(_children(term_parent, "term"))
    if len(term_elements) > 1:
        raise GlossaryError(
            f"<{local_name(term_parent)}> holds {len(term_elements)} <term> elements, expected one",
            path,
            term_elements[1].sourceline,
        )
    term_element = term_elements[0] if term_elements else None
    # Pretty-printed files break long terms across lines: whitespace inside a term is one space.
    text = " ".join("".join(term_element.itertext()).split()) if term_element is not None else ""
    line = term_element.sourceline if term_element is not None else group.sourceline
    return Term(
        concept=concept,
        lang=lang,
        text=text,
        status=_status_of(_unique(term_parent, group), path, line),
        note=_notes_of(group),
        line=line,
    )


def _unique(*elements: etree._Element) -> tuple[etree._Element, ...]:
    return tuple(dict.fromkeys(elements))


def _status_of(holders: tuple[etree._Element, ...], path: str | Path, line: int | None) -> str:
    fields = list(_data_fields(holders))
    values = [value for kind, value in fields if kind in STATUS_TYPES]
    if len(values) > 1:
        raise GlossaryError(
            f"term has {len(values)} administrativeStatus notes, expected one", path, line
        )
    if not values:
        return "proposed" if UNVERIFIED in fields else DEFAULT_STATUS
    return status_from_tbx(values[0])


def _data_fields(holders: tuple[etree._Element, ...]) -> Iterator[tuple[str, str]]:
    """(data category, value) of the term's fields: DCA ``termNote``/``descrip`` with a
    ``type``, also inside ``termNoteGrp``/``descripGrp``, and DCT elements named after theirs."""
    for holder in holders:
        for child in holder:
            name = local_name(child)
            if name in ("termNoteGrp", "descripGrp"):
                yield from _data_fields((child,))
            elif name in ("termNote", "descrip"):
                yield child.get("type") or "", "".join(child.itertext()).strip()
            elif name in STATUS_TYPES or name == UNVERIFIED[0]:
                yield name, "".join(child.itertext()).strip()


def status_from_tbx(value: str) -> str:
    """``preferredTerm-admn-sts`` -> ``preferred``; an unknown value comes back unchanged."""
    return normalize_status(value) or value


def _notes_of(element: etree._Element) -> str:
    notes = ("".join(note.itertext()).strip() for note in _children(element, "note"))
    return "\n".join(note for note in notes if note)


def format_tbx(termbase: TermBase) -> bytes:
    """The term base as pretty-printed TBX-Basic v3 (DCA style), UTF-8 with a declaration."""
    root = etree.Element(_q("tbx"), nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, _q("tbxHeader"))
    source_desc = etree.SubElement(etree.SubElement(header, _q("fileDesc")), _q("sourceDesc"))
    etree.SubElement(source_desc, _q("p")).text = "Written by glossalign."
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    for concept in termbase:
        for term in concept.terms:
            if term.status not in STATUSES:
                raise GlossaryError(
                    f"cannot write unknown status '{term.status}'", termbase.source, term.line
                )
        try:
            body.append(_concept_entry(concept))
        except ValueError as exc:  # control characters cannot be written as XML
            line = concept.terms[0].line if concept.terms else None
            raise GlossaryError(
                f"concept {concept.id!r} cannot be written as XML: {exc}", termbase.source, line
            ) from exc
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def _concept_entry(concept: Concept) -> etree._Element:
    if not _NCNAME.match(concept.id):
        logger.warning("concept id %r is not an XML name; TBX validators reject it", concept.id)
    entry = etree.Element(_q("conceptEntry"), id=concept.id)
    if concept.note:
        etree.SubElement(entry, _q("note")).text = concept.note
    for lang, terms in _group_by_lang(concept.terms).items():
        lang_sec = etree.SubElement(entry, _q("langSec"))
        lang_sec.set(XML_LANG, lang)
        for term in terms:
            term_sec = etree.SubElement(lang_sec, _q("termSec"))
            etree.SubElement(term_sec, _q("term")).text = term.text
            status = etree.SubElement(term_sec, _q("termNote"), type="administrativeStatus")
            status.text = f"{term.status}Term-admn-sts"
            if term.note:
                etree.SubElement(term_sec, _q("note")).text = term.note
    return entry


def _group_by_lang(terms: list[Term]) -> dict[str, list[Term]]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.lang, []).append(term)
    return groups


def _q(name: str) -> str:
    return f"{{{TBX_NS}}}{name}"
