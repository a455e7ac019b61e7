"""One exception family for the library; the CLI turns it into one line and exit code 2."""

from __future__ import annotations

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
