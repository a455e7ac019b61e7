"""The Typer application object that every command module registers on."""

from __future__ import annotations

from pathlib import Path

import typer

from glossalign.errors import UsageError

app = typer.Typer(
    name="glossalign",
    help="Align translations, enforce a terminology glossary, score translations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(help="Convert and validate glossaries (CSV, TBX).",
                           no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def refuse_overwrite(inputs: tuple[Path, ...], *outputs: Path | None) -> None:
    """Input files are never modified: an output that is one of them is a usage error."""
    resolved = {path.resolve() for path in inputs}
    for output in outputs:
        if output is not None and output.resolve() in resolved:
            raise UsageError("refusing to write over the input; choose another output", output)
