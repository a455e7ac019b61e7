"""The streaming target-only check gives the in-memory check's report, byte for byte."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CliRunner

from glossalign.errors import InputError
from glossalign.glossary.checks import RULES, RULES_BY_ID
from glossalign.glossary.model import Term, TermBase
from glossalign.pipeline import check_stream
from glossalign.pipeline.check_stream import check_target_file, iter_lines
from glossalign.pipeline.inputs import load_target_only
from glossalign.pipeline.report_stream import stream_check, write_streamed_report
from glossalign.pipeline.report_writers import ReportInput, get_writer
from glossalign.pipeline.run_check import run_check

BASE = TermBase.from_terms([
    Term("mankind", "en", "community with a shared future for mankind", "preferred"),
    Term("mankind", "en", "community with a shared future for humanity", "admitted"),
    Term("mankind", "en", "community of common destiny", "deprecated"),
    Term("wic", "en", "World Internet Conference", "preferred"),
    Term("wic", "en", "World Interconnection Conference", "superseded"),
    Term("cloud", "en", "cloud computing", "preferred"),
])

LINES = [
    "The World Interconnection Conference opened; a community of common destiny was praised.",
    "",
    "A community with a shared future for humanity, and cloud computing.",
    "The World Internet Conference closed. The cafÃ© was full.",
    "Nothing here.",
    "A community with a shared future for mankind, a community with a shared future for humanity.",
    "  ",
    "World Interconnection Conference, again; community of common destiny, again.",
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mt.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


def _in_memory(path: Path, config: Path | None = None, baseline: Path | None = None,
               ignore: Path | None = None, fail_on: str = "error") -> tuple[str, str]:
    """What ``glossalign check`` computes with the whole file in memory: (json, text)."""
    result, outcome = run_check(BASE, target=path, tgt_lang="en", config=config,
                                baseline=baseline, ignore=ignore)
    report = ReportInput(result, "g.csv", len(BASE), fail_on, outcome)
    rendered = [get_writer(name).render(report) for name in ("json", "text")]
    assert isinstance(rendered[0], str) and isinstance(rendered[1], str)
    return rendered[0], rendered[1]


def _streamed(path: Path, output_format: str, config: Path | None = None,
              baseline: Path | None = None, ignore: Path | None = None,
              fail_on: str = "error") -> str:
    out = io.StringIO()
    result = stream_check(BASE, path, "en", config=config, baseline=baseline, ignore=ignore)
    assert result is not None
    write_streamed_report(out, result, output_format, "g.csv", len(BASE), fail_on)
    return out.getvalue()


@pytest.mark.parametrize("block_lines", [1, 3, 2000])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_stream_equals_in_memory_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        block_lines: int, newline: str) -> None:
    monkeypatch.setattr(check_stream, "_BLOCK_LINES", block_lines)
    path = _write(tmp_path, "\ufeff" + newline.join(LINES) + newline)
    as_json, as_text = _in_memory(path)
    streamed_json = _streamed(path, "json")
    assert streamed_json == as_json
    report = json.loads(streamed_json)
    rules = {f["rule"] for f in report["findings"]}
    assert {"forbidden-term", "superseded-term", "inconsistent-term", "encoding-damage"} <= rules
    assert report["summary"]["findings"] == len(report["findings"])
    assert _streamed(path, "text") == as_text


def test_regraded_and_disabled_rules_stream_alike(tmp_path: Path) -> None:
    path = _write(tmp_path, "\n".join(LINES))
    for table in ('[rules]\ninconsistent-term = "info"\nencoding-damage = "off"\n',
                  '[rules]\ninconsistent-term = "off"\n'):
        config = tmp_path / "rules.toml"
        config.write_text(table, encoding="utf-8")
        for output_format, expected in zip(("json", "text"), _in_memory(path, config),
                                           strict=True):
            assert _streamed(path, output_format, config) == expected


def test_baseline_and_ignore_entries_stream_alike(tmp_path: Path) -> None:
    path = _write(tmp_path, "\n".join(LINES[:4]))
    baseline = tmp_path / "baseline.json"
    baseline.write_text(_in_memory(path)[0], encoding="utf-8")
    path.write_text("\n".join(LINES), encoding="utf-8")  # the file grew: only news are kept
    ignore = tmp_path / "ignore.toml"
    ignore.write_text('[[ignore]]\nrule = "encoding-damage"\nreason = "r"\naccepted-by = "me"\n'
                      '[[ignore]]\nconcept = "nothing"\nreason = "r"\naccepted-by = "me"\n',
                      encoding="utf-8")
    as_json, as_text = _in_memory(path, baseline=baseline, ignore=ignore, fail_on="warning")
    assert json.loads(as_json)["triage"]["baselined"] > 0
    assert "matched nothing" in as_text
    assert _streamed(path, "json", baseline=baseline, ignore=ignore, fail_on="warning") == as_json
    assert _streamed(path, "text", baseline=baseline, ignore=ignore, fail_on="warning") == as_text


def test_no_findings_and_empty_file(tmp_path: Path) -> None:
    for text in ("", "Nothing here.\n"):
        path = _write(tmp_path, text)
        streamed = _streamed(path, "json")
        assert streamed == _in_memory(path)[0]
        assert json.loads(streamed)["findings"] == []


def test_fail_on_uses_streamed_counts(tmp_path: Path) -> None:
    path = _write(tmp_path, "The World Interconnection Conference opened.\n")
    result = check_target_file(path, BASE, "en")
    assert not result.fails("error") and result.fails("warning") and not result.fails("never")
    result.close()


def test_lines_read_lazily_match_read_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffone\r\ntwo\rthree\n\nlast")
    lines = list(iter_lines(path, "en"))
    expected = load_target_only(path, "en").tgt_segments
    assert [(s.text, s.line) for s in lines] == [(s.text, s.line) for s in expected]


def test_bad_bytes_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"fine\nbad \xff byte\n")
    with pytest.raises(InputError) as err:
        check_target_file(path, BASE, "en")
    assert err.value.line == 2 and "column 5" in err.value.message
    with pytest.raises(InputError, match="not found"):
        check_target_file(tmp_path / "missing.txt", BASE, "en")


def test_document_wide_rule_without_streaming_form_is_refused() -> None:
    other = replace(RULES_BY_ID["inconsistent-term"], id="some-new-document-rule")
    assert not check_stream.can_stream((*RULES, other))
    assert check_stream.can_stream(RULES)


def test_cli_json_is_valid_and_streamed(tmp_path: Path, cli: CliRunner) -> None:
    path = _write(tmp_path, "\n".join(LINES))
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status\n"
                        "mankind,en,community with a shared future for mankind,preferred\n"
                        "mankind,en,community of common destiny,deprecated\n", encoding="utf-8")
    code, out, _ = cli(["check", "-g", str(glossary), "--tgt-lang", "en", "-t", str(path),
                        "--format", "json"])
    assert code == 1
    report = json.loads(out)
    assert sorted(f["rule"] for f in report["findings"]) == [
        "encoding-damage", "forbidden-term", "forbidden-term", "inconsistent-term"]
    assert report["summary"]["by_severity"] == {"error": 3, "warning": 1, "info": 0}


def test_cli_report_file_is_written_whole(tmp_path: Path, cli: CliRunner) -> None:
    path = _write(tmp_path, "\n".join(LINES))
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status\n"
                        "mankind,en,community of common destiny,deprecated\n", encoding="utf-8")
    report = tmp_path / "report.json"
    code, out, _ = cli(["check", "-g", str(glossary), "--tgt-lang", "en", "-t", str(path),
                        "--format", "json", "-o", str(report)])
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["passed"] is False
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
