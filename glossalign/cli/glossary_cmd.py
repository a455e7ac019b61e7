"""``glossalign glossary convert`` and ``glossalign glossary validate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from glossalign.cli.app import glossary_app
from glossalign.glossary.io import convert_glossary
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
