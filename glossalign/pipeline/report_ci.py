"""Check reports for CI systems: SARIF 2.1.0 (code hosting) and JUnit XML (test dashboards)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from glossalign import __version__
from glossalign.pipeline.json_text import dumps_indented
from glossalign.pipeline.report_writers import (
    ReportInput,
    ReportWriter,
    finding_line,
    place,
    register_writer,
)
from glossalign.stage_data import Finding, Location, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def sarif_location(where: Location) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": where.line, "startColumn": where.column}
    if where.end_line is not None and where.end_column is not None:
        region.update(endLine=where.end_line, endColumn=where.end_column)
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": where.path or "-"}, "region": region}}
    if where.unit:
        location["logicalLocations"] = [{"name": where.unit, "kind": "member"}]
    return location


def sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": SARIF_LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "partialFingerprints": {"glossalign/v1": finding.fingerprint},
        "locations": [sarif_location(w) for w in (finding.target,) if w is not None],
        "properties": {"concept": finding.concept, "found": finding.found,
                       "suggestion": finding.suggestion},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.source is not None:
        result["relatedLocations"] = [{**sarif_location(finding.source), "id": 0,
                                       "message": {"text": "source"}}]
    return result


@register_writer
class SarifWriter(ReportWriter):
    name = "sarif"
    description = "SARIF 2.1.0 for code-hosting CI"

    def render(self, report: ReportInput) -> str:
        rules = report.result.rules
        rule_index = {rule.id: i for i, rule in enumerate(rules)}
        run = {
            "tool": {"driver": {
                "name": "glossalign", "version": __version__,
                "informationUri": "https://github.com/glossalign/glossalign",
                "rules": [{"id": r.id, "shortDescription": {"text": r.description},
                           "defaultConfiguration": {"level": SARIF_LEVELS[r.severity.value]}}
                          for r in rules]}},
            "results": [sarif_result(f, rule_index) for f in report.findings],
            "columnKind": "unicodeCodePoints",
        }
        sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        return dumps_indented(sarif) + "\n"


@register_writer
class JunitWriter(ReportWriter):
    """One test case per finding; those at or above ``--fail-on`` fail."""

    name = "junit"
    description = "JUnit XML: a failing test case per finding at or above --fail-on"

    def render(self, report: ReportInput) -> bytes:
        threshold = None if report.fail_on == "never" else Severity(report.fail_on).rank
        failing = [f for f in report.findings
                   if threshold is not None and f.severity.rank >= threshold]
        cases = str(max(1, len(report.findings)))  # a clean run is one passing case
        suites = etree.Element("testsuites", name="glossalign", tests=cases,
                               failures=str(len(failing)))
        suite = etree.SubElement(suites, "testsuite", name="glossary check", tests=cases,
                                 failures=str(len(failing)), errors="0", skipped="0")
        if not report.findings:
            etree.SubElement(suite, "testcase", classname="glossalign", name="no findings")
        for finding in report.findings:
            where = finding.target or finding.source
            case = etree.SubElement(suite, "testcase",
                                    classname=where.path or "-" if where else "-",
                                    name=f"{finding.rule} {place(where)}"
                                         f"{' ' + finding.concept if finding.concept else ''}")
            if finding in failing:
                failure = etree.SubElement(case, "failure", message=finding.message,
                                           type=finding.rule)
                failure.text = finding_line(finding)
            else:
                out = etree.SubElement(case, "system-out")
                out.text = finding_line(finding)
        return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True)
