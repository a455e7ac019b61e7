"""Gettext PO files: entries in (plural forms as separate segments), corrected entries back out.

translate-toolkit's ``pypo`` store parses the file, gives ids (``msgctxt`` + ``msgid``), plural
forms, flags and the ``Language`` header, and renders a changed entry (with ``#, fuzzy``). By
hand: line numbers (pypo keeps none) and the write-back, which replaces only the changed
entries' lines in the original text, so everything else stays byte for byte as it was
(re-serialising the whole store would re-wrap every long line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossalign.corpora.formats import (
    BilingualFile,
    PairFormat,
    aligned,
    copy_unchanged,
    register,
    require_languages,
    resolve_language,
)
from glossalign.corpora.inline import placeholder_spans
from glossalign.corpora.readers import read_text
from glossalign.errors import InputError
from glossalign.safe_io import atomic_write_text
from glossalign.stage_data import Segment

_ENTRY_START = re.compile(r"^(?:#~\s*)?(?:msgctxt|msgid)\b")
_MSGSTR = re.compile(r"^(?:#~\s*)?msgstr(?:\[(\d+)\])?\s")


@dataclass(frozen=True, slots=True)
class _Form:
    """One translatable form of an entry: its entry's index, plural index, texts and id."""

    entry: int
    plural: int | None
    source: str
    target: str
    unit_id: str


@dataclass(frozen=True, slots=True)
class _Block:
    """An entry's lines in the file: [first, end) 0-based, and each msgstr form's line."""

    first: int
    end: int
    msgstr_lines: dict[int, int]


def _strings(value: Any) -> list[str]:
    strings = getattr(value, "strings", None)  # a translate-toolkit multistring
    if strings is not None and len(strings) > 1:
        return [str(s) for s in value.strings]
    return [str(value) if value is not None else ""]


def _forms(store: Any) -> Iterator[_Form]:
    for entry, unit in enumerate(store.units):
        if unit.isheader() or unit.isobsolete():
            continue
        sources, targets = _strings(unit.source), _strings(unit.target)
        plural = unit.hasplural()
        for n, target in enumerate(targets):
            source = sources[min(n, len(sources) - 1)]
            unit_id = unit.getid().replace("\x04", "|") + (f"[{n}]" if plural else "")
            yield _Form(entry, n if plural else None, source, target, unit_id)


def _blocks(lines: list[str]) -> list[_Block]:
    """Entries of the file in order: runs of non-blank lines that hold a msgid."""
    blocks: list[_Block] = []
    first: int | None = None
    for number, line in enumerate([*lines, ""]):
        if line.strip() and first is None:
            first = number
        elif not line.strip() and first is not None:
            block = lines[first:number]
            if any(_ENTRY_START.match(text) for text in block):
                msgstr = {int(m.group(1) or 0): first + k
                          for k, text in enumerate(block) if (m := _MSGSTR.match(text))}
                blocks.append(_Block(first, number, msgstr))
            first = None
    return blocks


def _parse(path: Path) -> tuple[str, Any]:
    from translate.storage.pypo import pofile  # on use: keeps the CLI start fast

    text = read_text(path)
    try:
        store = pofile.parsestring(text.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise InputError(f"malformed PO: {exc}", path) from None
    if not [u for u in store.units if not u.isheader()] and "msgid" not in text:
        raise InputError("not a PO file: no msgid entries", path)
    return text, store


@register
class Po(PairFormat):
    name = "po"
    extensions = (".po", ".pot")
    declares_languages = True

    def sniff(self, head: bytes) -> bool:
        return re.search(rb"(?m)^msgid\s+\"", head) is not None

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        text, store = _parse(path)
        header = store.parseheader()
        src_lang = resolve_language(header.get("X-Source-Language") or None, src_lang, "src",
                                    path)
        tgt_lang = resolve_language(header.get("Language") or None, tgt_lang, "tgt", path)
        src_lang, tgt_lang = require_languages(src_lang, tgt_lang, path)
        blocks = _blocks(text.split("\n"))
        src: list[Segment] = []
        tgt: list[Segment] = []
        skipped = 0
        for form in _forms(store):
            if not form.target.strip():
                skipped += 1
                continue
            line = _form_line(blocks, form, len(store.units))
            src.append(Segment(form.source, src_lang, str(path), line, 1, 0, (), form.unit_id,
                               placeholder_spans(form.source)))
            tgt.append(Segment(form.target, tgt_lang, str(path), line, 1, 0, (), form.unit_id,
                               placeholder_spans(form.target)))
        return BilingualFile(self.name, str(path), aligned(src, tgt), src_lang, tgt_lang,
                             skipped)

    def write(self, document: BilingualFile, path: Path) -> None:
        from translate.storage.pypo import pofile

        store = pofile()
        store.updateheader(add=True, Language=document.tgt_lang or "",
                           X_Source_Language=document.src_lang or "")
        for src, tgt in document.pairs:
            unit = store.addsourceunit(src)
            unit.target = tgt
        atomic_write_text(path, bytes(store).decode("utf-8"))

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        text, store = _parse(original)
        forms = [form for form in _forms(store) if form.target.strip()]
        from translate.misc.multistring import multistring

        changed_entries: dict[int, Any] = {}
        for index, new_text in targets.items():
            form = forms[index]
            if form.target == new_text:
                continue
            unit = store.units[form.entry]
            if form.plural is None:
                unit.target = new_text
            else:
                strings = _strings(unit.target)
                strings[form.plural] = new_text
                unit.target = multistring(strings)
            unit.markfuzzy(True)
            changed_entries[form.entry] = unit
        if not changed_entries:
            copy_unchanged(original, output)
            return 0
        atomic_write_text(output, _splice(text, store, changed_entries, original))
        return len(changed_entries)


def _form_line(blocks: list[_Block], form: _Form, units: int) -> int:
    if len(blocks) != units:
        return 1  # a layout we cannot map entry by entry: no line rather than a wrong one
    block = blocks[form.entry]
    return block.msgstr_lines.get(form.plural or 0, block.first) + 1


def _splice(text: str, store: Any, changed: dict[int, Any], path: Path) -> str:
    """The original text with each changed entry's lines replaced by its new rendering."""
    lines = text.split("\n")
    blocks = _blocks(lines)
    if len(blocks) != len(store.units):
        raise InputError("cannot map the PO entries to their lines for writing back", path)
    for entry in sorted(changed, reverse=True):
        block = blocks[entry]
        rendered = str(changed[entry]).rstrip("\n").split("\n")
        lines[block.first:block.end] = rendered
    return "\n".join(lines)
