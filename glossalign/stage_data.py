"""Plain typed data that flows between the pipeline's stages.

Offsets: every ``start``/``end`` is a 0-based, end-exclusive character offset into one
segment's ``text``. ``line`` and ``column`` are 1-based positions in the file the segment
came from, for people.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of text (a line or a sentence) and where it came from.

    ``line``/``column`` locate the segment's first character in its file; a segment never spans
    lines unless ``line_starts`` says so (sentence splitting keeps line numbers exact).
    """

    text: str
    lang: str
    path: str | None = None
    line: int = 1
    column: int = 1
    paragraph: int = 0
    # Character offsets inside ``text`` where a new file line starts (after the first). Empty for
    # single-line segments.
    line_starts: tuple[int, ...] = ()
    # The unit's id in formats that name their units (XLIFF trans-unit/unit id, PO msgctxt+msgid).
    unit: str | None = None
    # ``(start, end)`` spans of inline markup or format placeholders (XLIFF tags, ``%s``,
    # ``{name}``): never matched as terms, never touched by a fix.
    protected: tuple[tuple[int, int], ...] = ()

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``start..end`` overlaps inline markup or a placeholder."""
        return any(start < p_end and p_start < end for p_start, p_end in self.protected)

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column) of the character at ``offset`` in ``text``.

        By bisection: a sentence joined from thousands of lines is asked once per term hit.
        """
        passed = bisect_right(self.line_starts, offset)  # continuation lines started by offset
        if passed == 0:
            return self.line, self.column + offset
        return self.line + passed, offset - self.line_starts[passed - 1] + 1


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment link: source sentence ids to target sentence ids (either side may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def to_beads_line(self) -> str:
        """Vecalign's text format: ``[0]:[0, 1]:0.123``."""
        src = ", ".join(map(str, self.src))
        tgt = ", ".join(map(str, self.tgt))
        return f"[{src}]:[{tgt}]:{self.score:.6f}"


@dataclass(frozen=True, slots=True)
class Alignment:
    """Beads over two segment lists, in document order."""

    src_segments: tuple[Segment, ...]
    tgt_segments: tuple[Segment, ...]
    beads: tuple[Bead, ...]

    @classmethod
    def line_by_line(cls, src: list[Segment], tgt: list[Segment]) -> Alignment:
        """Pair segments i with i; the caller has checked that the counts agree."""
        beads = tuple(Bead((i,), (i,)) for i in range(min(len(src), len(tgt))))
        return cls(tuple(src), tuple(tgt), beads)

    def bead_texts(self, bead: Bead) -> tuple[str, str]:
        src = " ".join(self.src_segments[i].text for i in bead.src)
        tgt = " ".join(self.tgt_segments[i].text for i in bead.tgt)
        return src, tgt


class TermHit(NamedTuple):
    """A glossary term found in a segment.

    A named tuple rather than a frozen dataclass: matching creates one per hit, and a tuple is
    several times cheaper to build (the check benchmark makes hundreds of thousands).
    """

    concept: str
    lang: str
    term: str  # the glossary's spelling of the term
    status: str  # preferred | admitted | deprecated | superseded
    segment: int  # index into the side's segment list
    start: int
    end: int
    text: str  # the surface text as found

    @property
    def approved(self) -> bool:
        return self.status in ("preferred", "admitted")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding sits in one file."""

    path: str | None
    segment: int
    line: int
    column: int
    start: int
    end: int
    # File position of the character after the span (1-based, like ``line``/``column``).
    end_line: int | None = None
    end_column: int | None = None
    unit: str | None = None  # the format's unit id (XLIFF, PO), when it has one

    @classmethod
    def of(cls, segments: tuple[Segment, ...] | list[Segment], index: int,
           start: int, end: int) -> Location:
        seg = segments[index]
        if not seg.line_starts:  # one file line (nearly every segment): no bisection to do
            return cls(seg.path, index, seg.line, seg.column + start, start, end, seg.line,
                       seg.column + end, seg.unit)
        line, column = seg.position(start)
        end_line, end_column = seg.position(end)
        return cls(seg.path, index, line, column, start, end, end_line, end_column, seg.unit)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem reported by a check rule."""

    rule: str
    severity: Severity
    message: str
    concept: str | None = None
    found: str | None = None
    suggestion: str | None = None
    source: Location | None = None
    target: Location | None = None
    bead: int | None = None
    # Rule-specific detail (for inconsistent-term: each variant with its count and locations).
    details: dict[str, object] = field(default_factory=dict)
    # Stable identity across runs and edits elsewhere in the file (glossalign.pipeline.triage).
    fingerprint: str = ""
