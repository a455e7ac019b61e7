"""The registry of check-report writers (``check --format``): text, json, csv, xlsx, sarif, junit.

A writer is one class with a ``name`` that registers itself with :func:`register_writer` and
renders a :class:`ReportInput` to text or bytes; every writer is a view of the same findings as
the JSON report. Modules listed in ``WRITER_MODULES`` are imported on first use, so openpyxl
loads only for ``--format xlsx``.
"""

from __future__ import annotations

import csv
import importlib
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from glossalign.corpora.inline import display_text
from glossalign.errors import UsageError
from glossalign.pipeline.check import CheckResult
from glossalign.pipeline.json_text import dumps_indented
from glossalign.pipeline.report_json import check_report_json
from glossalign.pipeline.triage import Triage
from glossalign.stage_data import Finding, Location

WRITER_MODULES = ("glossalign.pipeline.report_writers", "glossalign.pipeline.report_ci",
                  "glossalign.pipeline.report_xlsx")
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a writer may show."""

    result: CheckResult
    glossary_path: str | None = None
    concepts: int | None = None
    fail_on: str = "error"
    triage: Triage | None = None
    colour: bool = False  # ANSI colours (text only): the CLI decides (terminal, NO_COLOR)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.result.findings

    def segment_texts(self, finding: Finding) -> tuple[str, str]:
        """(source, target) text of the finding's bead, for sheets a translator reads."""
        alignment = self.result.alignment
        if finding.bead is not None and finding.bead < len(alignment.beads):
            return alignment.bead_texts(alignment.beads[finding.bead])
        where = finding.target
        if where is not None and where.segment < len(alignment.tgt_segments):
            return "", alignment.tgt_segments[where.segment].text
        return "", ""


class ReportWriter:
    name: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    description: ClassVar[str] = ""

    def render(self, report: ReportInput) -> str | bytes:
        raise NotImplementedError


_WRITERS: dict[str, ReportWriter] = {}
W = TypeVar("W", bound=type[ReportWriter])


def register_writer(cls: W) -> W:
    _WRITERS[cls.name] = cls()
    return cls


def report_writers() -> dict[str, ReportWriter]:
    for module in WRITER_MODULES:
        importlib.import_module(module)
    return dict(_WRITERS)


def get_writer(name: str) -> ReportWriter:
    writers = report_writers()
    if name not in writers:
        raise UsageError(f"--format must be one of {', '.join(writers)}, not {name!r}")
    return writers[name]


def place(where: Location | None) -> str:
    return f"{where.path or '-'}:{where.line}:{where.column}" if where else "-"


def finding_line(finding: Finding, colour: bool = False) -> str:
    """``path:line:column: severity: rule: message [concept] (unit id)`` like linters."""
    where = finding.target or finding.source
    concept = f" [{finding.concept}]" if finding.concept else ""
    unit = f" (unit {where.unit})" if where and where.unit else ""
    severity = finding.severity.value
    if colour:
        severity = f"{_COLOURS[severity]}{severity}{_RESET}"
    return f"{place(where)}: {severity}: {finding.rule}: {finding.message}{concept}{unit}"


@register_writer
class TextWriter(ReportWriter):
    """One line per finding (never wrapped), then a summary; ANSI colours when asked."""

    name = "text"
    description = "linter-style lines, coloured on a terminal"

    def render(self, report: ReportInput) -> str:
        lines = [finding_line(f, report.colour) for f in report.findings]
        counts = Counter(f.severity.value for f in report.findings)
        lines.append(f"{len(report.findings)} findings: {counts.get('error', 0)} errors, "
                     f"{counts.get('warning', 0)} warnings, {counts.get('info', 0)} info")
        triage = report.triage
        if triage is not None and (triage.baselined or triage.ignored or triage.unused_ignores):
            lines.append(f"{triage.baselined} in the baseline, {triage.ignored} ignored")
            lines.extend(f"ignore entry matched nothing: {e.describe()}"
                         for e in triage.unused_ignores)
        return "\n".join(lines) + "\n"


@register_writer
class JsonWriter(ReportWriter):
    name = "json"
    description = "the JSON report, schema version 2"

    def render(self, report: ReportInput) -> str:
        data = check_report_json(report.result, report.glossary_path, report.concepts,
                                 fail_on=report.fail_on, triage=report.triage)
        return dumps_indented(data) + "\n"


CSV_COLUMNS = ("fingerprint", "file", "unit", "line", "column", "segment", "severity", "rule",
               "concept", "found", "suggestion", "message", "source", "target", "status")


def finding_row(report: ReportInput, finding: Finding) -> dict[str, object]:
    """One finding as a flat row (CSV and XLSX); ``status`` is left for the translator."""
    where = finding.target or finding.source
    source, target = (display_text(text) for text in report.segment_texts(finding))
    return {
        "fingerprint": finding.fingerprint, "file": where.path if where else None,
        "unit": where.unit if where else None, "line": where.line if where else None,
        "column": where.column if where else None,
        "segment": where.segment + 1 if where else None,
        "severity": finding.severity.value, "rule": finding.rule, "concept": finding.concept,
        "found": finding.found, "suggestion": finding.suggestion, "message": finding.message,
        "source": source, "target": target, "status": "",
    }


@register_writer
class CsvWriter(ReportWriter):
    name = "csv"
    description = "one row per finding (RFC 4180, UTF-8)"

    def render(self, report: ReportInput) -> str:
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for finding in report.findings:
            writer.writerow({k: "" if v is None else v
                             for k, v in finding_row(report, finding).items()})
        return buffer.getvalue()
