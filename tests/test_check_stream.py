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
from glossalign.models import Severity
from glossalign.pipeline import check_stream
from glossalign.pipeline.check import check_alignment
from glossalign.pipeline.check_stream import check_target_file, iter_lines, write_streamed_check
from glossalign.pipeline.console import check_text_lines
from glossalign.pipeline.inputs import load_target_only
from glossalign.pipeline.report_json import check_report_json

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


def _in_memory(path: Path, rules: tuple = RULES) -> tuple[str, str]:
    # what ``glossalign check`` computed before it streamed: the whole file in memory
    result = check_alignment(load_target_only(path, "en"), BASE, "en", None, rules)
    report = check_report_json(result, "g.csv", len(BASE))
    as_json = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    return as_json, "\n".join(check_text_lines(result)) + "\n"


def _streamed(path: Path, output_format: str, rules: tuple = RULES) -> str:
    out = io.StringIO()
    result = check_target_file(path, BASE, "en", rules)
    write_streamed_check(out, result, output_format, "g.csv", len(BASE))
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
    rules = tuple(replace(r, severity=Severity.INFO) if r.id == "inconsistent-term" else r
                  for r in RULES if r.id != "encoding-damage")
    assert _streamed(path, "json", rules) == _in_memory(path, rules)[0]
    no_document_rule = tuple(r for r in RULES if r.id != "inconsistent-term")
    assert _streamed(path, "json", no_document_rule) == _in_memory(path, no_document_rule)[0]


def test_no_findings_and_empty_file(tmp_path: Path) -> None:
    for text in ("", "Nothing here.\n"):
        path = _write(tmp_path, text)
        streamed = _streamed(path, "json")
        assert streamed == _in_memory(path)[0]
        assert json.loads(streamed)["findings"] == []


def test_fail_on_uses_streamed_counts(tmp_path: Path) -> None:
    path = _write(tmp_path, "The World Interconnection Conference opened.\n")
    result = check_target_file(path, BASE, "en", RULES)
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
        check_target_file(path, BASE, "en", RULES)
    assert err.value.line == 2 and "column 5" in err.value.message
    with pytest.raises(InputError, match="not found"):
        check_target_file(tmp_path / "missing.txt", BASE, "en", RULES)


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
