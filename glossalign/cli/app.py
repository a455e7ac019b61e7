"""The Typer application object that every command module registers on."""

from __future__ import annotations

import typer

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
