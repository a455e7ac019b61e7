"""``glossalign report``: the editor's side-by-side HTML alignment report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from glossalign.cli.app import refuse_overwrite
from glossalign.pipeline.report_html import check_documents, problem_beads, render_report

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


@commands.command()
def report(
    source: Annotated[Path, typer.Option("--source", "-s", help="Source text.")],
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language code, e.g. zh.")],
    target: Annotated[Path, typer.Option("--target", "-t", help="Translation.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language code, e.g. en.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary (.csv, .tsv, .tbx); without one, no term checks.")
    ] = None,
    pairing: Annotated[str, typer.Option(
        help="auto: segment and align the two documents; lines: line i with line i.")] = "auto",
    presegmented: Annotated[bool, typer.Option(
        help="With --pairing auto: each line is already one sentence.")] = False,
    title: Annotated[str | None, typer.Option(help="Report title (default: the file names).")
                     ] = None,
    low_confidence: Annotated[float, typer.Option(
        help="Also mark beads whose alignment confidence is below this (0: off; by default "
             "beads are marked by their score, which the report benchmark found the better "
             "sign of a wrong bead).")] = 0.0,
) -> None:
    """Write a self-contained HTML report: source and translation side by side, problems marked."""
    refuse_overwrite((source, target), output)
    progress = Console(stderr=True, highlight=False)

    def say(message: str) -> None:
        progress.print(message, markup=False)

    result, termbase = check_documents(source, src_lang, target, tgt_lang, glossary, pairing,
                                       presegmented, progress=say)
    alignment = result.alignment
    html = render_report(result, title=title or f"{source.name} → {target.name}",
                         source_name=str(source), target_name=str(target),
                         low_confidence=low_confidence,
                         glossary_path=str(glossary) if glossary is not None else None,
                         concepts=len(termbase), progress=say)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    problems = len(problem_beads(result, low_confidence))
    Console(highlight=False).print(
        f"{output}: {len(alignment.beads)} beads, {problems} with problems, "
        f"{len(result.findings)} findings", markup=False)
