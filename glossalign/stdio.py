"""``-`` as a file name: standard input where a file is read, standard output where one is written.

Standard input can be read only once, but a command may look at an input twice (the format
sniffer reads its head, then the reader reads it all), so its bytes are kept after the first read,
for the stream they came from.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import BinaryIO

STDIO = "-"
_stdin_cache: dict[int, bytes] = {}


def is_stdio(path: str | Path | None) -> bool:
    """Whether ``path`` is ``-`` (standard input or output)."""
    return path is not None and str(path) == STDIO


def stdin_bytes() -> bytes:
    """Everything on standard input (read once per stream)."""
    stream = sys.stdin.buffer
    key = id(stream)
    if key not in _stdin_cache:
        _stdin_cache.clear()  # a new stream (tests replace sys.stdin): forget the old bytes
        _stdin_cache[key] = stream.read()
    return _stdin_cache[key]


def stdin_stream() -> BinaryIO:
    """Standard input to read line by line: the kept bytes if it was read already."""
    cached = _stdin_cache.get(id(sys.stdin.buffer))
    return io.BytesIO(cached) if cached is not None else sys.stdin.buffer


def write_stdout(data: str | bytes) -> None:
    """Text or bytes to standard output, in order with what was already written there."""
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
