"""Where the benchmarks write their tables: standard output (they are scripts; the library logs)."""

from __future__ import annotations

import sys
from typing import TextIO


def emit(*parts: object, sep: str = " ", file: TextIO | None = None) -> None:
    """Write one line of a benchmark's output (to stdout unless ``file`` is given)."""
    (file or sys.stdout).write(sep.join(str(p) for p in parts) + "\n")
