"""Fingerprints, baselines, ignore files, strict --config, and the report writers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import CliRunner
from lxml import etree
from openpyxl import load_workbook

from glossalign.errors import GlossalignError
from glossalign.glossary.model import Term, TermBase
from glossalign.pipeline.check import check_alignment
from glossalign.pipeline.config import load_config
from glossalign.pipeline.report_writers import ReportInput, get_writer, report_writers
from glossalign.pipeline.triage import IgnoreEntry, load_ignores, triage
from glossalign.stage_data import Alignment, Segment

BASE = TermBase.from_terms([
    Term("cyber", "zh", "网络空间", "preferred"),
    Term("cyber", "en", "cyberspace", "preferred"),
    Term("cyber", "en", "cyber space", "deprecated"),
    Term("wic", "zh", "世界互联网大会", "preferred"),
    Term("wic", "en", "World Internet Conference", "preferred"),
])
SRC = ["网络空间很重要。", "世界互联网大会开幕。", "网络空间安全。"]
TGT = ["The cyber space matters.", "The conference opened.", "Security of cyber space."]


def result_for(tgt: list[str], src: list[str] = SRC):  # type: ignore[no-untyped-def]
    s = [Segment(t, "zh", "zh.txt", i + 1) for i, t in enumerate(src)]
    t = [Segment(x, "en", "en.txt", i + 1) for i, x in enumerate(tgt)]
    return check_alignment(Alignment.line_by_line(s, t), BASE, "en", "zh")


def test_fingerprints_are_stable_across_line_moves_and_differ_by_segment() -> None:
    first = result_for(TGT)
    moved = result_for(["A new first line.", *TGT], ["新的第一行。", *SRC])
    by_rule = {(f.rule, f.target.line if f.target else 0): f.fingerprint for f in first.findings}
    assert all(len(fp) == 16 for fp in by_rule.values())
    assert {f.fingerprint for f in first.findings} == {f.fingerprint for f in moved.findings}
    forbidden = [f for f in first.findings if f.rule == "forbidden-term"]
    assert len({f.fingerprint for f in forbidden}) == 2  # same term, different segments


def test_forbidden_term_has_the_source_location_and_missing_term_the_segment_span() -> None:
    result = result_for(TGT)
    forbidden = next(f for f in result.findings if f.rule == "forbidden-term")
    assert forbidden.source is not None and forbidden.source.line == 1
    assert SRC[0][forbidden.source.start:forbidden.source.end] == "网络空间"
    missing = next(f for f in result.findings if f.rule == "missing-term")
    assert missing.target is not None
    assert (missing.target.start, missing.target.end) == (0, len(TGT[1]))
    assert (missing.target.end_line, missing.target.end_column) == (2, len(TGT[1]) + 1)


def test_baseline_counts_and_ignores() -> None:
    result = result_for(TGT)
    old = {result.findings[0].fingerprint: 1}
    entries = (IgnoreEntry("house style", "qa", rule="missing-term"),
               IgnoreEntry("stale", "qa", concept="nothing-like-this"),
               IgnoreEntry("glob", "qa", text="cyber*"))
    from collections import Counter

    outcome = triage(result.findings, Counter(old), entries)
    assert outcome.baselined == 1
    assert outcome.ignored == len(result.findings) - 1 - len(outcome.kept)
    assert [e.reason for e in outcome.unused_ignores] == ["stale"]
    assert all(f.rule != "missing-term" for f in outcome.kept)


@pytest.mark.parametrize(("content", "message"), [
    ('[[ignore]]\nrule = "missing-term"\nreason = "x"\n', "accepted-by"),
    ('[[ignore]]\nreason = "x"\naccepted-by = "y"\n', "give a fingerprint"),
    ('[[ignore]]\nrule = "x"\nreason = "x"\naccepted-by = "y"\nwho = "z"\n', "unknown key"),
    ('[ignores]\n', "unknown key"),
])
def test_bad_ignore_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "ignore.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossalignError, match=message):
        load_ignores(path)


@pytest.mark.parametrize(("content", "message"), [
    ("[rule]\nmissing-term = 'off'\n", "unknown table or key 'rule'"),
    ("[rules]\nmising-term = 'off'\n", "unknown rule 'mising-term'"),
    ("[rules]\nmissing-term = 'loud'\n", "severity must be"),
    ("fail_on = 'error'\n", "unknown table or key"),
])
def test_config_unknown_tables_and_keys_are_errors(tmp_path: Path, content: str,
                                                   message: str) -> None:
    path = tmp_path / "glossalign.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossalignError, match=message):
        load_config(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("concept,lang,term,status\n" + "\n".join(
        f"{t.concept},{t.lang},{t.text},{t.status}" for t in BASE.terms()) + "\n",
        encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{s}\t{t}\n" for s, t in zip(SRC, TGT, strict=True)),
                     encoding="utf-8")
    return {"glossary": glossary, "pairs": pairs}


def run_check(cli: CliRunner, files: dict[str, Path], *extra: str) -> tuple[int, str, str]:
    return cli(["check", "-g", str(files["glossary"]), "--pairs", str(files["pairs"]),
                "--src-lang", "zh", "--tgt-lang", "en", *extra])


def test_cli_baseline_then_ignore(cli: CliRunner, files: dict[str, Path],
                                  tmp_path: Path) -> None:
    code, out, _ = run_check(cli, files, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["schema_version"] == 2 and report["passed"] is False
    old = tmp_path / "old.json"
    old.write_text(out, encoding="utf-8")
    code, out, _ = run_check(cli, files, "--format", "json", "--baseline", str(old))
    report = json.loads(out)
    assert code == 0 and report["findings"] == [] and report["passed"] is True
    assert report["triage"]["baselined"] == len(
        json.loads(old.read_text(encoding="utf-8"))["findings"]) > 0
    fingerprint = json.loads(old.read_text(encoding="utf-8"))["findings"][0]["fingerprint"]
    ignore = tmp_path / "ignore.json"
    ignore.write_text(json.dumps({"ignore": [
        {"fingerprint": fingerprint, "reason": "ok", "accepted-by": "qa"},
        {"concept": "gone", "reason": "old", "accepted-by": "qa"}]}), encoding="utf-8")
    code, out, _ = run_check(cli, files, "--ignore", str(ignore))
    assert "1 ignored" in out and "matched nothing" in out and "'gone'" in out


def test_cli_config_with_an_unknown_table_exits_2(cli: CliRunner, files: dict[str, Path],
                                                  tmp_path: Path) -> None:
    config = tmp_path / "glossalign.toml"
    config.write_text("[rulez]\n", encoding="utf-8")
    code, _, err = run_check(cli, files, "--config", str(config))
    assert code == 2 and "rulez" in err


def test_every_writer_is_registered() -> None:
    assert set(report_writers()) >= {"text", "json", "csv", "xlsx", "sarif", "junit"}


def _render(name: str, colour: bool = False) -> str | bytes:
    return get_writer(name).render(ReportInput(result_for(TGT), "g.csv", 2, "error",
                                               colour=colour))


def test_text_colour_only_when_asked() -> None:
    assert "\x1b[" not in str(_render("text"))
    assert "\x1b[1;31merror\x1b[0m" in str(_render("text", colour=True))


def test_cli_text_is_plain_when_piped(cli: CliRunner, files: dict[str, Path]) -> None:
    _, out, _ = run_check(cli, files)
    assert "\x1b[" not in out and "forbidden-term" in out


def test_csv_and_xlsx_rows(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(str(_render("csv")))))
    assert rows[0]["source"] == SRC[0] and rows[0]["target"] == TGT[0]
    assert {r["rule"] for r in rows} == {"forbidden-term", "missing-term"}
    path = tmp_path / "report.xlsx"
    data = _render("xlsx")
    assert isinstance(data, bytes)
    path.write_bytes(data)
    sheet = load_workbook(path)["Findings"]
    header = [c.value for c in sheet[1]]
    assert {"segment", "source", "target", "rule", "found", "suggestion", "status"} <= set(header)
    assert sheet.auto_filter.ref and sheet.max_row == len(rows) + 1


def test_sarif_is_2_1_0_with_fingerprints_and_regions() -> None:
    sarif = json.loads(str(_render("sarif")))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert all(r["partialFingerprints"]["glossalign/v1"] for r in results)
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_junit_fails_only_at_or_above_fail_on() -> None:
    data = _render("junit")
    assert isinstance(data, bytes)
    root = etree.fromstring(data)
    errors = len([f for f in result_for(TGT).findings if f.severity.value == "error"])
    assert int(root.get("failures")) == errors  # type: ignore[arg-type]
    assert len(root.findall(".//failure")) == errors


def test_cli_xlsx_to_a_file(cli: CliRunner, files: dict[str, Path], tmp_path: Path) -> None:
    out_path = tmp_path / "findings.xlsx"
    code, _, err = run_check(cli, files, "--format", "xlsx", "--output", str(out_path))
    assert code == 1, err
    assert load_workbook(out_path)["Findings"].max_row > 1
