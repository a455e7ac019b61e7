"""``glossalign segment`` and ``glossalign align``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from glossalign.alignment_plausibility import assess_alignment
from glossalign.cli.app import guard_output_folder, guard_outputs, warn_if_implausible
from glossalign.cli.progress import QuietOpt, progress_bar, wants_bar
from glossalign.errors import UsageError
from glossalign.safe_io import atomic_text_writer, atomic_write_text
from glossalign.stage_data import Alignment, Segment
from glossalign.stdio import is_stdio

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py
FORMATS = ("beads", "tsv", "jsonl", "tmx")
SENTENCE_FILES = ("source.txt", "target.txt")
UNIT_FORMATS = ("xliff-1.2", "xliff-2", "po")  # written through the format registry


@commands.command()
def segment(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="UTF-8 text (- for stdin).")],
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
    target: Annotated[Path, typer.Option(
        "--target", "-t", help="Translation; an XLIFF/PO/TMX file alone gives its units.")],
    source: Annotated[Path | None, typer.Option("--source", "-s", help="Source text.")] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language code, e.g. zh (default: from an XLIFF/PO/TMX file).")
    ] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", help="Target language code, e.g. en (default: from an XLIFF/PO/TMX file).")
    ] = None,
    output_format: Annotated[Literal["beads", "tsv", "jsonl", "tmx", "xliff-1.2", "xliff-2", "po"],
                             typer.Option("--format", help="beads is Vecalign's format.")
                             ] = "beads",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output file (default or -: stdout; a file for tmx, xliff, po).")
    ] = None,
    presegmented: Annotated[bool, typer.Option(
        help="Each non-blank line is one sentence (as in gold sets).")] = False,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary whose term pairs serve as anchors.")] = None,
    dictionary: Annotated[Path | None, typer.Option(
        help="Bilingual dictionary, TSV source<TAB>target (for pairs without CC-CEDICT).")] = None,
    scorer: Annotated[str, typer.Option(
        help="Sentence scorer: lexical (offline dictionary + anchors), use (shipped multilingual "
             "encoder + lexical; 15 languages incl. zh, ja, ko, de, fr, ru, ar; others fall back "
             "to lexical) or hf:<model id or folder> (a transformers encoder + lexical).")
    ] = "lexical",
    model: Annotated[str | None, typer.Option(
        help="Same as --scorer hf:MODEL (kept for older scripts).")] = None,
    progress: Annotated[bool, typer.Option(
        help="Progress bar on stderr (default: only when stderr is a terminal).")
    ] = True,
    quiet: QuietOpt = False,
    write_sentences: Annotated[Path | None, typer.Option(
        help="Folder to write the segmented files (source.txt, target.txt), one per line.")
    ] = None,
) -> None:
    """Align two documents sentence by sentence (beads up to m+n <= 5, 7 where
    both sides are short, with 1-0 and 0-1).

    Exit 0, or 1 when the alignment is implausible (most beads null, or confidence near zero
    throughout: an unrelated or empty translation, or a wrong language code); it is written
    all the same.
    """
    if is_stdio(output):
        output = None
    if output_format not in FORMATS + UNIT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS + UNIT_FORMATS)}")
    if output_format in ("tmx", *UNIT_FORMATS) and output is None:
        raise UsageError(f"--format {output_format} needs --output FILE")
    inputs = (source, target, glossary, dictionary)
    guard_outputs(inputs, (output,))
    if write_sentences is not None:
        guard_output_folder(write_sentences, inputs, SENTENCE_FILES)
    if source is None:  # a bilingual file: its units are already aligned
        from glossalign.corpora.inline import plain_alignment
        from glossalign.pipeline.inputs import load_bilingual

        document = load_bilingual(target, src_lang, tgt_lang)
        assert document.src_lang is not None and document.tgt_lang is not None
        _write_alignment(plain_alignment(document.alignment), output_format, output,
                         document.src_lang, document.tgt_lang)
        return
    if src_lang is None or tgt_lang is None:
        raise UsageError("aligning two documents needs --src-lang and --tgt-lang")
    from glossalign.pipeline.align import align_segments, read_user_dictionary
    from glossalign.pipeline.segment import segment_file

    src = segment_file(source, src_lang, presegmented=presegmented)
    tgt = segment_file(target, tgt_lang, presegmented=presegmented)
    term_pairs = None
    if glossary is not None:  # imported only when used: start-up is part of the align budget
        from glossalign.glossary.io import read_glossary

        term_pairs = read_glossary(glossary).term_pairs(src_lang, tgt_lang)
    lexicon = (read_user_dictionary(dictionary, src_lang, tgt_lang)
               if dictionary is not None else None)
    if model is not None:
        if scorer != "lexical":
            raise UsageError("give either --scorer or --model, not both")
        scorer = f"hf:{model}"
    with progress_bar("aligning", progress and wants_bar(quiet)) as report:
        alignment = align_segments(src, tgt, src_lang, tgt_lang, lexicon=lexicon,
                                   term_pairs=term_pairs, scorer=scorer, progress=report)
    if write_sentences is not None:
        for name, segs in zip(SENTENCE_FILES, (src, tgt), strict=True):
            atomic_write_text(write_sentences / name,
                              "".join(" ".join(s.text.split()) + "\n" for s in segs))
    _write_alignment(alignment, output_format, output, src_lang, tgt_lang)
    if warn_if_implausible(assess_alignment(alignment)):
        raise typer.Exit(1)


def _write_alignment(alignment: Alignment, output_format: str, output: Path | None,
                     src_lang: str, tgt_lang: str) -> None:
    from glossalign.pipeline.align import write_beads, write_beads_jsonl, write_beads_tsv

    if output_format == "tmx" and output is not None:
        from glossalign.corpora.tmx import write_tmx

        units = write_tmx(alignment, output, src_lang, tgt_lang)
        sys.stderr.write(f"wrote {units} translation units to {output}\n")
        return
    if output_format in UNIT_FORMATS and output is not None:
        _write_units(alignment, output_format, output, src_lang, tgt_lang)
        return
    writer = {"beads": write_beads, "tsv": write_beads_tsv, "jsonl": write_beads_jsonl}
    if output is None:
        writer[output_format](alignment, sys.stdout)
        return
    with atomic_text_writer(output) as stream:
        writer[output_format](alignment, stream)


def _write_units(alignment: Alignment, output_format: str, output: Path, src_lang: str,
                 tgt_lang: str) -> None:
    """Beads with text on both sides as the units of an XLIFF or PO file."""
    from glossalign.corpora.formats import BilingualFile, get_format

    both = tuple(b for b in alignment.beads if b.src and b.tgt)
    units = Alignment(alignment.src_segments, alignment.tgt_segments, both)
    fmt = get_format(output_format)
    fmt.write(BilingualFile(fmt.name, str(output), units, src_lang, tgt_lang), output)
    sys.stderr.write(f"wrote {len(both)} units to {output}\n")
