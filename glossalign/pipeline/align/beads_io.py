"""Read and write alignments: Vecalign's beads format, TSV and JSON Lines.

Beads format, one bead per line: ``[0]:[0, 1]:0.123`` (source ids, target ids, score; the score is
optional on read).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from glossalign.corpora.beads import parse_beads_line
from glossalign.corpora.readers import read_text
from glossalign.stage_data import Alignment, Bead

__all__ = ["parse_beads_line", "read_beads", "write_beads", "write_beads_jsonl",
           "write_beads_tsv"]


def write_beads(alignment: Alignment, stream: TextIO) -> None:
    """One ``[src]:[tgt]:score`` line per bead."""
    for bead in alignment.beads:
        stream.write(bead.to_beads_line() + "\n")


def read_beads(path: str | Path) -> list[Bead]:
    """Beads from a file in the beads format (blank lines skipped)."""
    return [parse_beads_line(text, path, number)
            for number, text in enumerate(read_text(path).split("\n"), 1) if text.strip()]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_beads_tsv(alignment: Alignment, stream: TextIO) -> None:
    """``source text<TAB>target text<TAB>[src]:[tgt]<TAB>confidence`` per bead, with a header."""
    stream.write("source\ttarget\tbead\tconfidence\n")
    for bead in alignment.beads:
        src, tgt = alignment.bead_texts(bead)
        ids = bead.to_beads_line().rsplit(":", 1)[0]
        stream.write(f"{_one_line(src)}\t{_one_line(tgt)}\t{ids}\t{bead.confidence:.4f}\n")


def write_beads_jsonl(alignment: Alignment, stream: TextIO) -> None:
    """One JSON object per bead: ids, texts, score and confidence."""
    for bead in alignment.beads:
        src, tgt = alignment.bead_texts(bead)
        record = {"src": list(bead.src), "tgt": list(bead.tgt), "src_text": src,
                  "tgt_text": tgt, "score": round(bead.score, 6),
                  "confidence": round(bead.confidence, 6)}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
