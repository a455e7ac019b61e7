"""``glossalign report``: the editor's side-by-side HTML alignment report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from glossalign.cli.app import guard_outputs, warn_if_implausible
from glossalign.cli.progress import wants_bar
from glossalign.pipeline.config import load_config
from glossalign.pipeline.report_html import check_documents, problem_beads, render_report
from glossalign.safe_io import atomic_write_text
from glossalign.stdio import is_stdio, write_stdout

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


@commands.command()
def report(
    target: Annotated[Path, typer.Option(
        "--target", "-t", help="Translation, or an XLIFF/PO/TMX file (then no --source).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="HTML file to write (- for stdout).")],
    source: Annotated[Path | None, typer.Option("--source", "-s", help="Source text.")] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language code, e.g. zh (default: from the file).")] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", help="Target language code, e.g. en (default: from the file).")] = None,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary (.csv, .tsv, .xlsx, .tbx); without one, no term checks.")
    ] = None,
    pairing: Annotated[Literal["auto", "lines"], typer.Option(
        help="auto: segment and align the two documents; lines: line i with line i.")] = "auto",
    presegmented: Annotated[bool, typer.Option(
        help="With --pairing auto: each line is already one sentence.")] = False,
    title: Annotated[str | None, typer.Option(help="Report title (default: the file names).")
                     ] = None,
    low_confidence: Annotated[float, typer.Option(
        help="Also mark beads whose alignment confidence is below this (0: off; by default "
             "beads are marked by their score, which the report benchmark found the better "
             "sign of a wrong bead).")] = 0.0,
    config: Annotated[Path | None, typer.Option(
        help="TOML file whose [rules] table re-grades or disables rules (as for check).")
    ] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress messages on stderr (there are none when stderr is "
        "not a terminal).")] = False,
) -> None:
    """Write a self-contained HTML report: source and translation side by side, problems marked."""
    guard_outputs((source, target, glossary, config), (output,))
    rules = load_config(config).rules
    progress = Console(stderr=True, highlight=False)

    def say(message: str) -> None:
        if wants_bar(quiet):  # as the other commands' bars: none in logs, pipes and CI
            progress.print(message, markup=False)

    result, termbase = check_documents(source, src_lang, target, tgt_lang, glossary, pairing,
                                       presegmented, progress=say, rules=rules)
    alignment = result.alignment
    warn_if_implausible(result.plausibility)
    default_title = f"{source.name} → {target.name}" if source else target.name
    html = render_report(result, title=title or default_title,
                         source_name=str(source or target), target_name=str(target),
                         low_confidence=low_confidence,
                         glossary_path=str(glossary) if glossary is not None else None,
                         concepts=len(termbase), progress=say)
    if is_stdio(output):
        write_stdout(html)
    else:
        atomic_write_text(output, html)
    problems = len(problem_beads(result, low_confidence))
    Console(highlight=False, stderr=is_stdio(output)).print(
        f"{output}: {len(alignment.beads)} beads, {problems} with problems, "
        f"{len(result.findings)} findings", markup=False)
