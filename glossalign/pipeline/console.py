"""Console views of a check result: linter-style lines and a rich summary."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from glossalign.pipeline.check import CheckResult
from glossalign.stage_data import Finding

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_line(finding: Finding) -> str:
    """``path:line:column: severity: rule: message [concept] (unit id)`` like linters."""
    from glossalign.pipeline.report_writers import finding_line as plain_line

    return plain_line(finding)


def check_text_lines(result: CheckResult) -> list[str]:
    lines = [finding_line(f) for f in result.findings]
    counts = Counter(f.severity.value for f in result.findings)
    lines.append(f"{len(result.findings)} findings: {counts.get('error', 0)} errors, "
                 f"{counts.get('warning', 0)} warnings, {counts.get('info', 0)} info")
    return lines


def render_summary(result: CheckResult, console: Console, limit: int = 12) -> None:
    """A table of findings per rule, then the first findings in document order."""
    if not result.findings:
        console.print("no findings: every glossary term is approved and consistent", style="green")
        return
    table = Table(title="Glossary check", show_lines=False)
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("findings", justify="right")
    per_rule = Counter((f.rule, f.severity.value) for f in result.findings)
    for (rule, severity), count in sorted(per_rule.items()):
        table.add_row(rule, Text(severity, style=_STYLE[severity]), str(count))
    console.print(table)
    for finding in result.findings[:limit]:
        line = Text(finding_line(finding), style=_STYLE[finding.severity.value])
        if finding.suggestion:
            line.append(f"\n    → {finding.suggestion}", style="green")
        console.print(line)
    if len(result.findings) > limit:
        console.print(f"… and {len(result.findings) - limit} more (see the JSON report)")
