"""``glossalign segment`` and ``glossalign align``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from glossalign.cli.app import refuse_overwrite
from glossalign.errors import UsageError
from glossalign.models import Alignment, Segment

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py
FORMATS = ("beads", "tsv", "jsonl", "tmx")


@commands.command()
def segment(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="UTF-8 text.")],
    lang: Annotated[str, typer.Option("--lang", help="Language code, e.g. zh.")],
) -> None:
    """Split a text into sentences: one per line, a blank line between paragraphs."""
    from glossalign.pipeline.segment import segment_file

    sys.stdout.write(_sentences_text(segment_file(path, lang)))


def _sentences_text(segments: tuple[Segment, ...] | list[Segment]) -> str:
    lines: list[str] = []
    for i, seg in enumerate(segments):
        if i and seg.paragraph != segments[i - 1].paragraph:
            lines.append("")
        lines.append(" ".join(seg.text.split()))
    return "".join(line + "\n" for line in lines)


@commands.command()
def align(
    source: Annotated[Path, typer.Option("--source", "-s", help="Source text.")],
    src_lang: Annotated[str, typer.Option("--src-lang")],
    target: Annotated[Path, typer.Option("--target", "-t", help="Translation.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang")],
    output_format: Annotated[str, typer.Option(
        "--format", help="beads (Vecalign), tsv, jsonl or tmx.")] = "beads",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output file (default: stdout; required for tmx).")] = None,
    presegmented: Annotated[bool, typer.Option(
        help="Each non-blank line is one sentence (as in gold sets).")] = False,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary whose term pairs serve as anchors.")] = None,
    dictionary: Annotated[Path | None, typer.Option(
        help="Bilingual dictionary, TSV source<TAB>target (for pairs without CC-CEDICT).")] = None,
    model: Annotated[str | None, typer.Option(
        help="Neural encoder (local folder or hub id) to score sentence pairs.")] = None,
    write_sentences: Annotated[Path | None, typer.Option(
        help="Folder to write the segmented files (source.txt, target.txt), one per line.")
    ] = None,
) -> None:
    """Align two documents sentence by sentence (beads up to m+n <= 5, with 1-0 and 0-1)."""
    if output_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    if output_format == "tmx" and output is None:
        raise UsageError("--format tmx needs --output FILE")
    refuse_overwrite((source, target), output)
    from glossalign.glossary.io import read_glossary
    from glossalign.pipeline.align import align_segments, read_user_dictionary
    from glossalign.pipeline.segment import segment_file

    src = segment_file(source, src_lang, presegmented=presegmented)
    tgt = segment_file(target, tgt_lang, presegmented=presegmented)
    term_pairs = (read_glossary(glossary).term_pairs(src_lang, tgt_lang)
                  if glossary is not None else None)
    lexicon = (read_user_dictionary(dictionary, src_lang, tgt_lang)
               if dictionary is not None else None)
    scorer = None
    if model is not None:
        from glossalign.pipeline.align.neural import EncoderScorer

        scorer = EncoderScorer.from_pretrained(model)
    alignment = align_segments(src, tgt, src_lang, tgt_lang, lexicon=lexicon,
                               term_pairs=term_pairs, scorer=scorer)
    if write_sentences is not None:
        write_sentences.mkdir(parents=True, exist_ok=True)
        for name, segs in (("source.txt", src), ("target.txt", tgt)):
            (write_sentences / name).write_text(
                "".join(" ".join(s.text.split()) + "\n" for s in segs), encoding="utf-8")
    _write_alignment(alignment, output_format, output, src_lang, tgt_lang)


def _write_alignment(alignment: Alignment, output_format: str, output: Path | None,
                     src_lang: str, tgt_lang: str) -> None:
    from glossalign.corpora.tmx import write_tmx
    from glossalign.pipeline.align import write_beads, write_beads_jsonl, write_beads_tsv

    if output_format == "tmx" and output is not None:
        units = write_tmx(alignment, output, src_lang, tgt_lang)
        sys.stderr.write(f"wrote {units} translation units to {output}\n")
        return
    writer = {"beads": write_beads, "tsv": write_beads_tsv, "jsonl": write_beads_jsonl}
    if output is None:
        writer[output_format](alignment, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as stream:
        writer[output_format](alignment, stream)
