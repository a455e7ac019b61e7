"""Progress bars on stderr for commands that can run longer than a few seconds.

A bar is drawn only when stderr is a terminal and ``--quiet`` was not given, so pipes, logs and
CI output stay clean. The library reports progress through a plain ``(done, total)`` callback;
rich is imported only when a bar is actually drawn.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

Update = Callable[[int, int], None]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No progress bar (there is none when stderr is not a terminal).")]


def wants_bar(quiet: bool) -> bool:
    """A bar only for a person watching: stderr is a terminal and --quiet was not given."""
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(label: str, enabled: bool) -> Iterator[Update | None]:
    """A transient rich bar on stderr; yields its ``(done, total)`` update, or None when off."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
