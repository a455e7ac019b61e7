"""``glossalign apply``: the decisions exported from the HTML report, applied to its inputs."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from glossalign.cli.app import make_output_folder
from glossalign.errors import UsageError
from glossalign.pipeline.decisions import (
    apply_decisions,
    output_paths,
    read_decisions,
    write_applied,
)
from glossalign.pipeline.report_html import check_documents, report_content_hash
from glossalign.safe_io import refuse_same_file

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py

@commands.command(name="apply")
def apply_command(
    decisions: Annotated[Path, typer.Option("--decisions", "-d",
                                            help="Decisions JSON exported from the report.")],
    source: Annotated[Path, typer.Option("--source", "-s", help="Source text.")],
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language code, e.g. zh.")],
    target: Annotated[Path, typer.Option("--target", "-t", help="Translation.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language code, e.g. en.")],
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help=(
        "Folder for alignment.beads/.tsv/.tmx, the corrected target and ignore.json."))],
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="The glossary the report was made with.")] = None,
    pairing: Annotated[Literal["auto", "lines"], typer.Option(
        help="As for the report: auto aligns, lines pairs line i with line i.")] = "auto",
    presegmented: Annotated[bool, typer.Option(help="As for the report.")] = False,
    accepted_by: Annotated[str | None, typer.Option(
        help="Name recorded in the ignore entries (default: the login name).")] = None,
) -> None:
    """Apply an editor's decisions: corrected alignment, corrected target text, ignore file.

    Give the same inputs as to ``glossalign report``; the decisions are refused when the report
    they were made on differs from the one these inputs produce.
    """
    document = read_decisions(decisions)
    make_output_folder(output_dir)
    paths = output_paths(output_dir, target)
    refuse_same_file((decisions, source, target, glossary), paths.values())
    result, _ = check_documents(source, src_lang, target, tgt_lang, glossary, pairing,
                                presegmented)
    if report_content_hash(result) != document.content_hash:
        raise UsageError("these decisions were made on a different report (its content hash "
                         "differs): give the inputs and options the report was made with",
                         decisions)
    applied = apply_decisions(result, document, target, decisions,
                              accepted_by or _login_name())
    write_applied(applied, paths, src_lang, tgt_lang)
    console = Console(stderr=True, highlight=False)
    console.print(f"{len(applied.alignment.beads)} beads, {applied.accepted} suggestions "
                  f"applied, {len(applied.ignore_entries)} findings ignored -> {output_dir}",
                  markup=False)
    for reason in applied.skipped:
        console.print(f"not applied: {reason}", markup=False)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "unknown"
