"""The root ``glossalign`` command: a Typer app whose subcommands are imported on demand.

Importing every command module for ``glossalign --help`` would load pyarrow, datasets, sacrebleu
and jinja2 (about half a CPU second) before anything is printed. So the root group knows each
command by name and one-line summary only (``COMMANDS``) and imports its module the first time the
command is run or asked for ``--help``.

Adding a command: write it in a ``glossalign/cli/<area>_cmd.py`` module on that module's own
``commands = typer.Typer()`` (or a sub-Typer for a command group such as ``glossary``), then add
a ``LazyCommand`` row below; ``tests/test_cli_lazy.py`` checks that the rows and the modules agree.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from glossalign import __version__, safe_io
from glossalign.alignment_plausibility import Plausibility
from glossalign.errors import UsageError
from glossalign.stdio import is_stdio


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """Where a subcommand lives: ``module.typer_name`` is the Typer that defines it."""

    name: str
    module: str
    summary: str
    typer_name: str = "commands"
    is_group: bool = False


COMMANDS: tuple[LazyCommand, ...] = (
    LazyCommand("check", "glossalign.cli.check_cmd",
                "Check a translation against a glossary. Exit 0 clean, 1 findings, 2 input error."),
    LazyCommand("fix", "glossalign.cli.check_cmd",
                "Write a corrected copy with deprecated renderings replaced by preferred ones."),
    LazyCommand("segment", "glossalign.cli.align_cmd",
                "Split a text into sentences: one per line, a blank line between paragraphs."),
    LazyCommand("align", "glossalign.cli.align_cmd",
                "Align two documents sentence by sentence (beads up to m+n <= 5, 7 where both "
                "sides are short, with 1-0 and 0-1)."),
    LazyCommand("report", "glossalign.cli.report_cmd",
                "Write a self-contained HTML report: source and translation side by side, problems "
                "marked."),
    LazyCommand("apply", "glossalign.cli.apply_cmd",
                "Apply an editor's decisions: corrected alignment, corrected target text, ignore "
                "file."),
    LazyCommand("score", "glossalign.cli.score_cmd",
                "Score translations: BLEU, chrF++, TER (sacrebleu), significance, terminology "
                "metrics."),
    LazyCommand("batch", "glossalign.cli.batch_cmd",
                "Score many documents. Exit 0 when every threshold holds, 1 when one fails, 2 on "
                "error."),
    LazyCommand("translate", "glossalign.cli.translate_cmd",
                "Translate line by line, enforcing a glossary. Exit 0 compliant, 1 unrepaired "
                "terms."),
    LazyCommand("demo", "glossalign.cli.demo_cmd",
                "Align, check, report and fix the bundled demo (zh source, MT and reference "
                "English)."),
    LazyCommand("glossary", "glossalign.cli.glossary_cmd",
                "Convert and validate glossaries (CSV, TSV, XLSX, TBX).",
                typer_name="glossary_app", is_group=True),
    LazyCommand("tokenizer", "glossalign.cli.translate_cmd",
                "Train sentencepiece tokenizers that keep glossary terms whole.",
                typer_name="tokenizer_app", is_group=True),
)


def load_command(spec: LazyCommand) -> Any:
    """Import the module that defines ``spec`` and build its click command."""
    module = importlib.import_module(spec.module)
    group = typer.main.get_group(getattr(module, spec.typer_name))
    if spec.is_group:
        group.name = spec.name
        return _plain_help(group)
    command = group.commands.get(spec.name)
    if command is None:
        raise RuntimeError(f"{spec.module}.{spec.typer_name} defines no command {spec.name!r}")
    return _plain_help(command)


def _plain_help(command: Any) -> Any:
    """Every command's help in the root's plain style (no rich boxes), subcommands included."""
    command.rich_markup_mode = None
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)
    return command


class LazyCommandGroup(TyperGroup):
    """A Typer group that imports a subcommand's module only when the subcommand is used.

    Until then each subcommand is a placeholder carrying its name and summary, which is all the
    root ``--help`` listing and the "did you mean" suggestions need.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._unloaded = {spec.name: spec for spec in COMMANDS}
        self._listing = False
        for spec in COMMANDS:
            self.commands.setdefault(spec.name, TyperCommand(
                spec.name, help=spec.summary, short_help=spec.summary))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        spec = self._unloaded.get(cmd_name)
        if spec is None or self._listing:
            return super().get_command(ctx, cmd_name)
        command = load_command(spec)
        self.commands[cmd_name] = command
        del self._unloaded[cmd_name]
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True  # the listing needs summaries only: don't import every command
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="glossalign",
    cls=LazyCommandGroup,
    help="Align translations, enforce a terminology glossary, score translations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"glossalign {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", is_eager=True,
        callback=_print_version)] = False,
) -> None:
    """Align translations, enforce a terminology glossary, score translations."""


glossary_app = typer.Typer(name="glossary",
                           help="Convert and validate glossaries (CSV, TSV, XLSX, TBX).",
                           no_args_is_help=True)


InputPath = Path | str | None


def guard_outputs(inputs: Iterable[InputPath], outputs: Iterable[InputPath]) -> None:
    """Refuse, before any work, an output that is an input (device and inode: links count)
    or that cannot be written (a folder, a missing or read-only folder)."""
    inputs = [i for i in inputs if i is not None]
    if sum(1 for i in inputs if is_stdio(i)) > 1:  # the second would read the first's text
        raise UsageError("only one input can be - (standard input)")
    wanted = [Path(o) for o in outputs if o is not None and not is_stdio(o)]
    safe_io.refuse_same_file((i for i in inputs if not is_stdio(i)), wanted)
    for output in wanted:
        safe_io.check_writable_target(output)


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
        safe_io.make_folder(folder)
    except OSError as error:
        raise safe_io.describe_os_error(error, folder) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise safe_io.describe_os_error(OSError(errno.EACCES, "permission denied"), folder)
