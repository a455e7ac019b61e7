"""The Typer application object that every command module registers on, and the output guards
that every command calls before reading anything."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

import typer

from glossalign import safe_io
from glossalign.errors import UsageError
from glossalign.plausibility import Plausibility

app = typer.Typer(
    name="glossalign",
    help="Align translations, enforce a terminology glossary, score translations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
glossary_app = typer.Typer(help="Convert and validate glossaries (CSV, TBX).",
                           no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")

InputPath = Path | str | None


def guard_outputs(inputs: Iterable[InputPath], outputs: Iterable[InputPath]) -> None:
    """Refuse, before any work, an output that is an input (device and inode: links count)
    or that cannot be written (a folder, a missing or read-only folder)."""
    wanted = [Path(o) for o in outputs if o is not None and str(o) != "-"]
    safe_io.refuse_same_file(inputs, wanted)
    for output in wanted:
        safe_io.check_writable_target(output)


def refuse_overwrite(inputs: Iterable[InputPath], *outputs: InputPath) -> None:
    """Input files are never modified: :func:`guard_outputs` with the outputs as arguments."""
    guard_outputs(inputs, outputs)


def guard_output_folder(folder: Path, inputs: Iterable[InputPath],
                        file_names: Iterable[str]) -> None:
    """An output folder: created when missing; none of ``file_names`` in it may be an input."""
    make_output_folder(folder)
    guard_outputs(inputs, [folder / name for name in file_names])


def warn_if_implausible(verdict: Plausibility | None) -> bool:
    """Say on stderr that an alignment is not believable; True when it was said."""
    if verdict is None or verdict.plausible:
        return False
    typer.echo(f"glossalign: warning: implausible alignment: {verdict.reason}", err=True)
    return True


def make_output_folder(folder: Path) -> None:
    """Create an output folder (and its parents); OS errors become one-line usage errors."""
    if folder.exists() and not folder.is_dir():
        raise UsageError("the output folder is a file; name a folder", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise safe_io.describe_os_error(error, folder) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise safe_io.describe_os_error(OSError(errno.EACCES, "permission denied"), folder)
