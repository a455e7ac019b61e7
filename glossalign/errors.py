"""One exception family for the library; the CLI turns it into one line and exit code 2."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class GlossalignError(Exception):
    """An input or usage problem the user can fix (bad file, bad option, bad glossary row)."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where = f"{self.path}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        return " ".join(text.split())


class InputError(GlossalignError):
    """A file that cannot be read, decoded or parsed."""


class GlossaryError(GlossalignError):
    """A glossary that is malformed or unusable."""


class UsageError(GlossalignError):
    """Options that do not fit together."""


@contextmanager
def reading(path: str | Path) -> Iterator[None]:
    """OS errors of opening or reading an input file, as a one-line :class:`InputError`."""
    refuse_device(path)
    try:
        yield
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


def refuse_device(path: str | Path) -> None:
    """A character or block device (``/dev/zero``, a disk) as an input is an :class:`InputError`:
    reading one may never end. ``/dev/null`` (an empty input) and pipes (``<(...)``) are files."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # missing, or "-": the read that follows says what is wrong
        return
    if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not os.path.samefile(path, os.devnull):
        raise InputError("is a device, not a file (give - to read standard input)", path)
