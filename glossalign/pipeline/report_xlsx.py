"""The check report as a spreadsheet a translator can filter and annotate (openpyxl).

One row per finding: segment, unit, source, target, rule, found, suggestion, and an empty
``status`` column (a drop-down: accepted, fixed, not an error, query) for the translator's
decision. A second sheet lists the rules that ran.
"""

from __future__ import annotations

import io
from typing import Any

from glossalign.pipeline.report_writers import (
    ReportInput,
    ReportWriter,
    finding_row,
    register_writer,
)
from glossalign.safe_io import append_literal_row

COLUMNS = ("segment", "unit", "line", "source", "target", "severity", "rule", "concept",
           "found", "suggestion", "message", "status", "comment", "fingerprint", "file")
WIDTHS = {"source": 50, "target": 50, "message": 40, "found": 24, "suggestion": 24,
          "status": 14, "comment": 30, "fingerprint": 18, "file": 24}
STATUSES = ("accepted", "fixed", "not an error", "query")
# Characters XML 1.0 cannot hold (openpyxl refuses them): shown as U+FFFD.
_ILLEGAL = {c: "\ufffd" for c in (*range(0, 9), 11, 12, *range(14, 32))}


@register_writer
class XlsxWriter(ReportWriter):
    name = "xlsx"
    binary = True
    description = "a spreadsheet with a status column for the translator"

    def render(self, report: ReportInput) -> bytes:
        from openpyxl import Workbook  # imported here: it costs half a CPU second

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Findings"
        sheet.append(COLUMNS)
        for finding in report.findings:
            row = finding_row(report, finding)
            append_literal_row(sheet, [_cell(row.get(column)) for column in COLUMNS])
        _format(sheet, len(report.findings))
        rules = book.create_sheet("Rules")
        rules.append(("rule", "severity", "description"))
        for rule in report.result.rules:
            rules.append((rule.id, rule.severity.value, rule.description))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _cell(value: object) -> object:
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _format(sheet: Any, rows: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column, 12)
        if column in ("source", "target", "message"):
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    status = get_column_letter(COLUMNS.index("status") + 1)
    choices = DataValidation(type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=True)
    sheet.add_data_validation(choices)
    choices.add(f"{status}2:{status}{max(rows + 1, 2) + 500}")
