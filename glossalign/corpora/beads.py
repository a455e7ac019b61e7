"""Vecalign's beads format, one bead per line: ``[0]:[0, 1]:0.123``.

Parsing lives here, below both the aligner (which writes and reads beads) and the evaluation
(which reads gold beads), so that ``eval/`` does not import ``pipeline/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossalign.errors import InputError
from glossalign.stage_data import Bead

_BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+))?\s*$")


def _ids(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.replace(" ", "").split(",") if x)


def parse_beads_line(text: str, path: str | Path | None = None, line: int | None = None) -> Bead:
    """A bead from one line of the beads format (the score is optional)."""
    match = _BEAD_LINE.match(text)
    if match is None:
        raise InputError(f"not a bead line (expected '[0]:[0, 1]:0.5'): {text.strip()!r}",
                         path, line)
    score = 0.0
    if match.group(3) is not None:
        try:
            score = float(match.group(3))
        except ValueError:
            raise InputError(f"bead score is not a number: {match.group(3)!r}", path,
                             line) from None
    return Bead(_ids(match.group(1)), _ids(match.group(2)), score)
