"""``glossalign glossary convert``, ``validate`` and ``mine``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from glossalign.stage_data import Alignment

from glossalign.cli.app import glossary_app, guard_outputs
from glossalign.errors import UsageError
from glossalign.glossary.io import convert_glossary, glossary_format, write_glossary
from glossalign.glossary.validate import format_problem, validate_glossary


@glossary_app.command("convert")
def convert(
    input_path: Annotated[Path, typer.Argument(
        metavar="IN", help="Glossary: CSV/TSV (long or one column per language), XLSX or TBX.")],
    output_path: Annotated[Path, typer.Argument(metavar="OUT", help="Output; format by suffix.")],
    to: Annotated[str | None, typer.Option(
        "--to", help="Output format: csv, tsv (long), csv-columns, tsv-columns, xlsx or tbx "
                     "(default: by the output's suffix).")] = None,
) -> None:
    """Convert a glossary between formats (long CSV/TSV and TBX v3 without loss)."""
    guard_outputs((input_path,), (output_path,))
    termbase = convert_glossary(input_path, output_path, to)
    terms = sum(len(c.terms) for c in termbase)
    sys.stdout.write(f"wrote {len(termbase)} concepts, {terms} terms to {output_path}\n")


@glossary_app.command("validate")
def validate(path: Annotated[Path, typer.Argument(
        metavar="FILE", help="Glossary to validate (CSV, TSV, TBX, XLSX).")]) -> None:
    """Report duplicates, missing preferred terms, contradictory statuses. Exit 1 on errors."""
    problems = validate_glossary(path)
    for problem in problems:
        sys.stdout.write(format_problem(problem) + "\n")
    errors = sum(1 for p in problems if p.severity == "error")
    sys.stdout.write(f"{len(problems)} problems ({errors} errors)\n")
    raise typer.Exit(1 if errors else 0)


@glossary_app.command("mine")
def mine(
    output_path: Annotated[Path, typer.Argument(
        metavar="OUT", help="Proposed glossary: .csv/.tsv (long) or .tbx.")],
    pairs: Annotated[Path | None, typer.Option(
        "--pairs", help="Aligned units: XLIFF, PO, TMX or TSV (source<TAB>target).")] = None,
    source: Annotated[Path | None, typer.Option(
        "--source", "-s", help="Source document (with --target: aligned first).")] = None,
    target: Annotated[Path | None, typer.Option("--target", "-t", help="Its translation.")
                      ] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language code, e.g. en (default: from an XLIFF/PO/TMX file).")
    ] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", help="Target language code, e.g. fr (default: from an XLIFF/PO/TMX file).")
    ] = None,
    presegmented: Annotated[bool, typer.Option(
        help="With --source/--target: each line is already one sentence.")] = False,
    max_terms: Annotated[int, typer.Option(min=1, help="Pairs to propose, best first.")] = 500,
    min_count: Annotated[int, typer.Option(
        min=1, help="Segments a source term must occur in.")] = 2,
    max_words: Annotated[int, typer.Option(min=1, max=8, help="Longest source term.")] = 4,
) -> None:
    """Propose a glossary from aligned text: recurring source terms, their renderings, the
    evidence. Every term gets the status `proposed`, for a terminologist to review."""
    from glossalign.glossary.mine import mine_glossary, mined_termbase

    glossary_format(output_path)  # an unknown output suffix fails before any work
    guard_outputs([pairs, source, target], [output_path])
    alignment, src, tgt = _mining_input(pairs, source, target, src_lang, tgt_lang, presegmented)
    mined = mine_glossary(alignment, src, tgt, max_terms=max_terms, min_count=min_count,
                          max_words=max_words)
    write_glossary(mined_termbase(mined, src, tgt), output_path)
    sys.stdout.write(f"proposed {len(mined)} term pairs (status proposed) in {output_path}\n")


def _mining_input(pairs: Path | None, source: Path | None, target: Path | None,
                  src_lang: str | None, tgt_lang: str | None,
                  presegmented: bool) -> tuple[Alignment, str, str]:
    from glossalign.pipeline.inputs import load_bilingual, load_documents

    if pairs is not None:
        if source or target:
            raise UsageError("--pairs excludes --source/--target")
        loaded = load_bilingual(pairs, src_lang, tgt_lang)
        src_lang = src_lang or loaded.src_lang
        tgt_lang = tgt_lang or loaded.tgt_lang
        alignment = loaded.alignment
    elif source is not None and target is not None:
        if not src_lang or not tgt_lang:
            raise UsageError("--source/--target need --src-lang and --tgt-lang")
        alignment = load_documents(source, src_lang, target, tgt_lang,
                                   presegmented=presegmented)
    else:
        raise UsageError("give --pairs, or --source and --target")
    if not src_lang or not tgt_lang:
        raise UsageError("give --src-lang and --tgt-lang (the file does not name them)")
    return alignment, src_lang, tgt_lang
