"""``glossalign demo``: the main job on the bundled corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from glossalign.cli.app import guard_output_folder
from glossalign.pipeline.config import load_config
from glossalign.pipeline.console import render_summary
from glossalign.pipeline.demo import DemoTranslation, demo_inputs, demo_output_names, run_demo
from glossalign.stage_data import Severity

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


@commands.command()
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path(
        "glossalign-demo"),
    config: Annotated[Path | None, typer.Option(
        help="TOML file: [rules] re-grades or disables rules, [[ignore]] accepts findings.")
    ] = None,
) -> None:
    """Align, check, report and fix the bundled demo (zh source, MT and reference English)."""
    guard_output_folder(output, demo_inputs(), demo_output_names())
    console = Console(highlight=False)
    with console.status("aligning and checking the demo corpus…"):
        translations = run_demo(output, load_config(config))
    console.print(_overview(translations))
    for translation in translations:
        console.rule(f"zh → {translation.name}")
        render_summary(translation.result, console, limit=8)
    console.print(f"\nOutputs in {output}/:", markup=False)
    for translation in translations:
        for path in translation.files:
            console.print(f"  {path}", markup=False)


def _overview(translations: list[DemoTranslation]) -> Table:
    table = Table(title="glossalign demo: 网络空间命运共同体 corpus, zh → en")
    for column in ("translation", "beads", "gold beads found", "errors", "warnings",
                   "fixes written"):
        table.add_column(column, justify="right" if column != "translation" else "left")
    for t in translations:
        table.add_row(t.name, str(len(t.result.alignment.beads)),
                      f"{t.gold_matches}/{t.gold_beads}",
                      str(t.result.count(Severity.ERROR)), str(t.result.count(Severity.WARNING)),
                      str(len(t.fix.edits)))
    return table
