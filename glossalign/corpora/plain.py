"""Plain text (one segment per line, one side) and TSV pairs (``source<TAB>target``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from glossalign.corpora.formats import (
    BilingualFile,
    PairFormat,
    copy_unchanged,
    register,
    require_languages,
)
from glossalign.corpora.readers import read_lines, read_text, read_tsv_pairs, split_lines
from glossalign.errors import InputError
from glossalign.safe_io import atomic_write_text
from glossalign.stage_data import Alignment, Bead


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is still text
        return exc.start >= len(head) - 3
    return True


@register
class PlainText(PairFormat):
    """One segment per line; the target side only (a second document gives the source)."""

    name = "text"
    extensions = (".txt", ".text")
    bilingual = False
    strong_signature = False

    def sniff(self, head: bytes) -> bool:
        return _looks_like_text(head)

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        segments = read_lines(path, tgt_lang or "")
        beads = tuple(Bead((), (i,)) for i, seg in enumerate(segments) if seg.text.strip())
        return BilingualFile(self.name, str(path), Alignment((), tuple(segments), beads),
                             None, tgt_lang)

    def write(self, document: BilingualFile, path: Path) -> None:
        atomic_write_text(path, "".join(s.text + "\n" for s in document.alignment.tgt_segments))

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        lines = split_lines(read_text(original))
        changed = [i for i, text in targets.items() if lines[i] != text]
        if not changed:
            copy_unchanged(original, output)
            return 0
        for index in changed:
            lines[index] = targets[index]
        atomic_write_text(output, "".join(line + "\n" for line in lines))
        return len(changed)


@register
class TabSeparated(PairFormat):
    """``source<TAB>target`` per line; blank lines are skipped."""

    name = "tsv"
    extensions = (".tsv", ".tab")
    strong_signature = False

    def sniff(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return _looks_like_text(head) and first.count(b"\t") == 1

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        src_lang, tgt_lang = require_languages(src_lang, tgt_lang, path)
        return BilingualFile(self.name, str(path), read_tsv_pairs(path, src_lang, tgt_lang),
                             src_lang, tgt_lang)

    def write(self, document: BilingualFile, path: Path) -> None:
        rows = []
        for src, tgt in document.pairs:
            if "\t" in src + tgt or "\n" in src + tgt:
                raise InputError("a tab or newline inside a segment cannot be written as TSV",
                                 path)
            rows.append(f"{src}\t{tgt}\n")
        atomic_write_text(path, "".join(rows))

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        lines = read_text(original).split("\n")
        document = read_tsv_pairs(original, "und", "und")
        changed = 0
        for index, text in targets.items():
            segment = document.tgt_segments[index]
            if segment.text == text:
                continue
            source = document.src_segments[index].text
            lines[segment.line - 1] = f"{source}\t{text}"
            changed += 1
        if not changed:
            copy_unchanged(original, output)
        else:
            atomic_write_text(output, "\n".join(lines))
        return changed
