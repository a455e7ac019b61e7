"""The editor's decisions, exported from the HTML report, applied outside the browser.

A decisions file (``schema_version`` 1, written by report.js)::

    {"schema": "glossalign-decisions", "schema_version": 1,
     "content_hash": "<sha256 of the report's data>",
     "report": {"title": ..., "source": ..., "target": ..., "glossary_hash": ..., "languages": ...},
     "exported": "<ISO time>",
     "alignment": {"beads": [{"src": [ids], "tgt": [ids], "confirmed": bool, "edited": bool}],
                   "edits": [{"op": "merge-next" | "merge-prev" | "move" | "confirm" | "decide",
                              ...}]},
     "findings": [{"finding": N, "rule": ..., "concept": ..., "text": ..., "suggestion": ...,
                   "decision": "accepted" | "rejected", "reason": ... | null, ...}]}

``alignment.beads`` is the whole corrected alignment; ``edits`` is the editor's log, kept for
the record. Applying needs the report's inputs again: the check is re-run and its content hash
must equal the file's, so every bead and finding number means what it meant in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossalign.corpora.readers import parse_json, read_text
from glossalign.errors import InputError
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.triage import fingerprint
from glossalign.stage_data import Alignment, Bead, Finding, Segment

SCHEMA = "glossalign-decisions"
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class FindingDecision:
    finding: int
    decision: str  # accepted | rejected
    reason: str | None


@dataclass(frozen=True, slots=True)
class Decisions:
    content_hash: str
    beads: tuple[Bead, ...]  # scores/confidences filled in by apply_decisions
    confirmed: tuple[bool, ...]
    edited: tuple[bool, ...]
    findings: tuple[FindingDecision, ...]


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying the decisions produced (the writers turn it into files)."""

    alignment: Alignment  # corrected beads over corrected target sentences
    target_text: str  # the whole target document with accepted suggestions
    ignore_entries: tuple[dict[str, Any], ...]
    accepted: int
    skipped: tuple[str, ...]  # accepted findings that could not be applied, and why


def read_decisions(path: Path) -> Decisions:
    """A decisions file, checked for shape (InputError with the path on any problem)."""
    data = parse_json(read_text(path), path, "not JSON")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"not a glossalign decisions file (no \"schema\": \"{SCHEMA}\")", path)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(f"decisions schema_version {data.get('schema_version')!r} is not "
                         f"supported (this glossalign reads {SCHEMA_VERSION})", path)
    try:
        raw_beads = data["alignment"]["beads"]
        beads = tuple(Bead(tuple(int(i) for i in b["src"]), tuple(int(i) for i in b["tgt"]))
                      for b in raw_beads)
        confirmed = tuple(bool(b.get("confirmed")) for b in raw_beads)
        edited = tuple(bool(b.get("edited")) for b in raw_beads)
        findings = tuple(FindingDecision(int(f["finding"]), str(f["decision"]),
                                         f.get("reason") or None)
                         for f in data.get("findings", []))
        content = str(data["content_hash"])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise InputError(f"malformed decisions file: {type(exc).__name__}: {exc}", path) from None
    for item in findings:
        if item.decision not in ("accepted", "rejected"):
            raise InputError(f"finding {item.finding}: decision must be accepted or rejected, "
                             f"not {item.decision!r}", path)
    return Decisions(content, beads, confirmed, edited, findings)


def check_partition(beads: Sequence[Bead], src_count: int, tgt_count: int, path: Path) -> None:
    """The beads must cover every sentence once, in document order, on both sides."""
    for side, count in (("src", src_count), ("tgt", tgt_count)):
        ids = [i for bead in beads for i in getattr(bead, side)]
        if ids != list(range(count)):
            name = "source" if side == "src" else "target"
            raise InputError(f"the edited alignment does not cover the {count} {name} sentences "
                             "once each, in order", path)


def apply_decisions(result: CheckResult, decisions: Decisions, target_path: Path,
                    decisions_path: Path, accepted_by: str) -> Applied:
    """The corrected alignment, target text and ignore entries (see the module doc)."""
    alignment = result.alignment
    check_partition(decisions.beads, len(alignment.src_segments), len(alignment.tgt_segments),
                    decisions_path)
    by_ids = {(b.src, b.tgt): b for b in alignment.beads}
    beads = []
    for bead, confirmed, edited in zip(decisions.beads, decisions.confirmed, decisions.edited,
                                       strict=True):
        kept = by_ids.get((bead.src, bead.tgt))
        if kept is not None and not edited:
            beads.append(replace(kept, confidence=1.0) if confirmed else kept)
        else:  # drawn by the editor: certain by definition
            beads.append(Bead(bead.src, bead.tgt, 0.0, 1.0))
    findings = result.findings
    for item in decisions.findings:
        if not 0 <= item.finding < len(findings):
            raise InputError(f"finding {item.finding} does not exist (the report has "
                             f"{len(findings)})", decisions_path)
    accepted = [findings[d.finding] for d in decisions.findings if d.decision == "accepted"]
    edits, skipped = _replacements(accepted, alignment.tgt_segments)
    tgt_segments = _edited_segments(alignment.tgt_segments, edits)
    text, missed = _edited_document(read_text(target_path), alignment.tgt_segments, edits)
    ignore = tuple(ignore_entry(findings[d.finding], alignment, d.reason, accepted_by)
                   for d in decisions.findings if d.decision == "rejected")
    return Applied(Alignment(alignment.src_segments, tgt_segments, tuple(beads)), text, ignore,
                   sum(len(v) for v in edits.values()) - missed, skipped)


# (start, end, replacement) per target segment
Edits = dict[int, list[tuple[int, int, str]]]


def _replacements(accepted: Sequence[Finding],
                  segments: Sequence[Segment]) -> tuple[Edits, tuple[str, ...]]:
    edits: Edits = {}
    skipped: list[str] = []
    for finding in accepted:
        where = finding.target
        if where is None or finding.suggestion is None or where.segment >= len(segments):
            skipped.append(f"{finding.rule}: no target span or suggestion to apply")
            continue
        if segments[where.segment].text[where.start:where.end] != finding.found:
            # e.g. a missing term: its span is the whole sentence, not text to replace
            skipped.append(f"{finding.rule} at line {where.line}: the suggestion does not "
                           "replace text in the translation")
            continue
        taken = edits.setdefault(where.segment, [])
        if any(where.start < end and start < where.end for start, end, _ in taken):
            skipped.append(f"{finding.rule} at line {where.line}: overlaps another accepted fix")
            continue
        taken.append((where.start, where.end, finding.suggestion))
    return edits, tuple(skipped)


def _edited_segments(segments: Sequence[Segment], edits: Edits) -> tuple[Segment, ...]:
    out = list(segments)
    for index, changes in edits.items():
        text = segments[index].text
        for start, end, new in sorted(changes, reverse=True):
            text = text[:start] + new + text[end:]
        out[index] = replace(segments[index], text=text)
    return tuple(out)


def _edited_document(document: str, segments: Sequence[Segment],
                     edits: Edits) -> tuple[str, int]:
    """The target file's text with the replacements made where the segments came from.

    A segment's characters are found again through its file line and column; a replacement whose
    text is not found there (a reader that normalised the text) is left out of the document (but
    kept in the alignment) and counted as missed.
    """
    line_starts = [0]
    for position, char in enumerate(document):
        if char == "\n":
            line_starts.append(position + 1)
    absolute: list[tuple[int, int, str]] = []
    missed = 0
    for index, changes in edits.items():
        segment = segments[index]
        for start, end, new in changes:
            line, column = segment.position(start)
            if line - 1 >= len(line_starts):
                missed += 1
                continue
            at = line_starts[line - 1] + column - 1
            if document[at:at + end - start] != segment.text[start:end]:
                missed += 1
                continue
            absolute.append((at, at + end - start, new))
    for start, end, new in sorted(absolute, reverse=True):
        document = document[:start] + new + document[end:]
    return document, missed


def ignore_entry(finding: Finding, alignment: Alignment, reason: str | None,
                 accepted_by: str) -> dict[str, Any]:
    """An entry of the ignore file that ``check --ignore`` reads (see ``pipeline.triage``).

    The fingerprint alone identifies the finding; rule, concept and text are there for people
    (the text as a glob that matches only itself).
    """
    entry: dict[str, Any] = {"fingerprint": finding.fingerprint or fingerprint(finding, alignment),
                             "rule": finding.rule}
    if finding.concept:
        entry["concept"] = finding.concept
    if finding.found:
        entry["text"] = "".join(f"[{c}]" if c in "*?[" else c for c in finding.found)
    entry["reason"] = reason or "rejected in the report"
    entry["accepted-by"] = accepted_by
    return entry


def ignore_document(entries: Sequence[dict[str, Any]]) -> str:
    """The ignore file in the JSON layout ``check --ignore`` reads (``{"ignore": [...]}``)."""
    return json.dumps({"ignore": list(entries)}, ensure_ascii=False, indent=2) + "\n"


def output_paths(output_dir: Path, target: Path) -> dict[str, Path]:
    """Where :func:`write_applied` puts each output."""
    return {"beads": output_dir / "alignment.beads", "tsv": output_dir / "alignment.tsv",
            "tmx": output_dir / "alignment.tmx",
            "target": output_dir / f"{target.stem}.corrected{target.suffix or '.txt'}",
            "ignore": output_dir / "ignore.json"}


def write_applied(applied: Applied, paths: dict[str, Path], src_lang: str,
                  tgt_lang: str) -> None:
    """Every output through safe_io: complete files or none."""
    import io
    import tempfile

    from glossalign.corpora.tmx import write_tmx
    from glossalign.pipeline.align import write_beads, write_beads_tsv
    from glossalign.safe_io import atomic_write_bytes, atomic_write_text

    for key, writer in (("beads", write_beads), ("tsv", write_beads_tsv)):
        buffer = io.StringIO()
        writer(applied.alignment, buffer)
        atomic_write_text(paths[key], buffer.getvalue())
    with tempfile.TemporaryDirectory() as scratch:  # write_tmx writes a path; copy it atomically
        staged = Path(scratch) / "alignment.tmx"
        write_tmx(applied.alignment, staged, src_lang, tgt_lang)
        atomic_write_bytes(paths["tmx"], staged.read_bytes())
    atomic_write_text(paths["target"], applied.target_text)
    atomic_write_text(paths["ignore"], ignore_document(applied.ignore_entries))
