"""``glossalign check`` on a large plain-text target: the streamed check and its reports.

The text and JSON reports are written finding by finding from a
:class:`~glossalign.pipeline.check_stream.StreamedCheck`, with the same content as the
in-memory path (:func:`~glossalign.pipeline.run_check.run_check` and the report writers) gives
for the same input. The other report formats (csv, xlsx, sarif, junit) take the in-memory path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from glossalign.corpora.formats import is_bilingual_file
from glossalign.glossary.model import TermBase
from glossalign.pipeline.check_stream import (
    StreamedCheck,
    StreamTriage,
    can_stream,
    check_target_file,
    check_target_segments,
    iter_lines,
)
from glossalign.pipeline.config import load_config
from glossalign.pipeline.report_json import (
    ReportFacts,
    report_head,
    summary_counts,
    write_report_json,
)
from glossalign.pipeline.report_writers import finding_line
from glossalign.pipeline.triage import load_baseline, load_ignores
from glossalign.stage_data import Segment
from glossalign.stdio import is_stdio

STREAMED_FORMATS = ("text", "json")


def streamable(output_format: str, target: Path | None, source: Path | None,
               pairs: Path | None, tgt_lang: str | None) -> bool:
    """Whether ``check`` with these options can stream: a plain-text target alone, text/JSON."""
    return (output_format in STREAMED_FORMATS and target is not None and source is None
            and pairs is None and tgt_lang is not None and not is_bilingual_file(target))


def stream_check(termbase: TermBase, target: Path, tgt_lang: str, *, config: Path | None = None,
                 baseline: Path | None = None, ignore: Path | None = None,
                 progress: Callable[[int, int], None] | None = None) -> StreamedCheck | None:
    """The streamed twin of ``run_check`` for a target alone (None: a rule cannot stream)."""
    settings = load_config(config)  # a bad config fails before any reading
    if not can_stream(settings.rules):
        return None
    ignores = settings.ignores + (load_ignores(ignore) if ignore is not None else ())
    triage = StreamTriage(load_baseline(baseline) if baseline else Counter(), ignores)
    if progress is None or is_stdio(target):
        return check_target_file(target, termbase, tgt_lang, settings.rules, triage)
    segments = _reporting(iter_lines(target, tgt_lang), target.stat().st_size, progress)
    return check_target_segments(segments, termbase, tgt_lang, settings.rules, triage)


def _reporting(segments: Iterator[Segment], total_bytes: int,
               progress: Callable[[int, int], None]) -> Iterator[Segment]:
    """The segments, reporting (bytes read, file size) every few thousand lines."""
    done = 0
    for number, segment in enumerate(segments, 1):
        done += len(segment.text.encode("utf-8")) + 1
        if number % 4096 == 0:
            progress(min(done, total_bytes), total_bytes)
        yield segment
    progress(total_bytes, total_bytes)


def write_streamed_report(out: IO[str], result: StreamedCheck, output_format: str,
                          glossary_path: str | None, concepts: int | None, fail_on: str,
                          colour: bool = False) -> None:
    """The ``text`` or ``json`` report, written one finding at a time."""
    if output_format == "json":
        summary = summary_counts(0, result.segments, result.beads, result.by_severity,
                                 result.by_rule)
        facts = ReportFacts(result.glossary_hash, None, result.tgt_lang, result.rules, summary,
                            not result.fails(fail_on), result.triage.summary().to_json())
        head = report_head(facts, glossary_path, concepts, fail_on=fail_on)
        write_report_json(out, head, result.findings())
        return
    _write_lines(out, (finding_line(f, colour) for f in result.findings()))
    counts = result.by_severity
    out.write(f"{sum(counts.values())} findings: {counts.get('error', 0)} errors, "
              f"{counts.get('warning', 0)} warnings, {counts.get('info', 0)} info\n")
    triage = result.triage.summary()
    if triage.baselined or triage.ignored or triage.unused_ignores:
        out.write(f"{triage.baselined} in the baseline, {triage.ignored} ignored\n")
        _write_lines(out, (f"ignore entry matched nothing: {e.describe()}"
                           for e in triage.unused_ignores))


def _write_lines(out: IO[str], lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line + "\n")
