"""The CLI's exit codes and its one-line errors for bad input (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CliRunner

GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间命运共同体,preferred,
cyber,en,community with a shared future in cyberspace,preferred,
cyber,en,community of destiny in cyberspace,forbidden,
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "glossary": tmp_path / "g.csv",
        "source": tmp_path / "src.zh.txt",
        "bad_target": tmp_path / "bad.en.txt",
        "good_target": tmp_path / "good.en.txt",
    }
    paths["glossary"].write_text(GLOSSARY, encoding="utf-8")
    paths["source"].write_text("构建网络空间命运共同体。\n", encoding="utf-8")
    paths["bad_target"].write_text(
        "Build a community of destiny in cyberspace.\n", encoding="utf-8"
    )
    paths["good_target"].write_text(
        "Build a community with a shared future in cyberspace.\n", encoding="utf-8"
    )
    return paths


def test_clean_target_exits_0(files: dict[str, Path], cli: CliRunner) -> None:
    code, out, _ = cli(
        [
            "check",
            "-g",
            str(files["glossary"]),
            "--tgt-lang",
            "en",
            "-t",
            str(files["good_target"]),
        ],
    )
    assert code == 0 and "0 findings" in out


def test_findings_exit_1_and_never_exits_0(files: dict[str, Path], cli: CliRunner) -> None:
    args = [
        "check",
        "-g",
        str(files["glossary"]),
        "--tgt-lang",
        "en",
        "-t",
        str(files["bad_target"]),
        "-s",
        str(files["source"]),
        "--src-lang",
        "zh",
        "--pairing",
        "lines",
    ]
    code, out, _ = cli(args)
    assert code == 1 and "forbidden-term" in out and f"{files['bad_target']}:1:9" in out
    code, _, _ = cli(args + ["--fail-on", "never"])
    assert code == 0


def test_json_output_follows_the_schema(files: dict[str, Path], cli: CliRunner) -> None:
    code, out, _ = cli(
        [
            "check",
            "-g",
            str(files["glossary"]),
            "--tgt-lang",
            "en",
            "-t",
            str(files["bad_target"]),
            "--format",
            "json",
        ],
    )
    report = json.loads(out)
    assert code == 1 and report["schema_version"] == 2
    assert report["fail_on"] == "error" and report["passed"] is False
    assert report["summary"]["by_severity"]["error"] == 1
    [finding] = report["findings"]
    assert finding["rule"] == "forbidden-term" and finding["concept"] == "cyber"
    assert len(finding["fingerprint"]) == 16
    assert finding["suggestion"] == "community with a shared future in cyberspace"
    assert {k: finding["target"][k] for k in ("line", "column", "start", "end")} == {
        "line": 1,
        "column": 9,
        "start": 8,
        "end": 42,
    }


def test_fix_writes_a_copy_and_refuses_to_overwrite(
    files: dict[str, Path], tmp_path: Path, cli: CliRunner
) -> None:
    before = files["bad_target"].read_bytes()
    out_path = tmp_path / "fixed.txt"
    code, out, _ = cli(
        [
            "fix",
            "-g",
            str(files["glossary"]),
            "--tgt-lang",
            "en",
            "-t",
            str(files["bad_target"]),
            "-o",
            str(out_path),
            "--diff",
        ],
    )
    assert code == 0 and "+Build a community with a shared future" in out
    assert out_path.read_text(encoding="utf-8") == files["good_target"].read_text(encoding="utf-8")
    code, _, err = cli(
        [
            "fix",
            "-g",
            str(files["glossary"]),
            "--tgt-lang",
            "en",
            "-t",
            str(files["bad_target"]),
            "-o",
            str(files["bad_target"]),
        ],
    )
    assert code == 2 and "refusing to write over the input" in err
    assert files["bad_target"].read_bytes() == before


def _bad_inputs(tmp: Path) -> list[tuple[list[str], str]]:
    latin1 = tmp / "latin1.txt"
    latin1.write_bytes("ok line\ncaf\xe9\n".encode("latin-1"))
    bad_csv = tmp / "bad.csv"
    bad_csv.write_text("concept,lang,term,status,note\nc,en,word,sacred,\n", encoding="utf-8")
    empty = tmp / "empty.csv"
    empty.write_text("concept,lang,term,status,note\n", encoding="utf-8")
    bad_tbx = tmp / "bad.tbx"
    bad_tbx.write_text(
        "<tbx><text><body><conceptEntry id='a'>\n<langSec>\n</tbx>", encoding="utf-8"
    )
    two_lines = tmp / "two.txt"
    two_lines.write_text("一。\n二。\n", encoding="utf-8")
    good = tmp / "g.csv"
    target = tmp / "t.txt"
    target.write_text("hello\n", encoding="utf-8")
    g, t = str(good), str(target)
    return [
        (["check", "-g", str(tmp / "missing.csv"), "--tgt-lang", "en", "-t", t], "missing.csv"),
        (["check", "-g", g, "--tgt-lang", "en", "-t", str(tmp / "nope.txt")], "nope.txt"),
        (["check", "-g", g, "--tgt-lang", "en", "-t", str(latin1)], "latin1.txt:2"),
        (["check", "-g", str(bad_csv), "--tgt-lang", "en", "-t", t], "bad.csv:2"),
        (["check", "-g", str(empty), "--tgt-lang", "en", "-t", t], "empty.csv"),
        (["check", "-g", str(bad_tbx), "--tgt-lang", "en", "-t", t], "bad.tbx:"),
        (
            [
                "check",
                "-g",
                g,
                "--tgt-lang",
                "en",
                "-t",
                t,
                "-s",
                str(two_lines),
                "--src-lang",
                "zh",
                "--pairing",
                "lines",
            ],
            "lines",
        ),
        (["check", "-g", g, "--tgt-lang", "en", "-t", t, "--format", "xml"], "--format"),
    ]


def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, cli: CliRunner) -> None:
    (tmp_path / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    for args, expected in _bad_inputs(tmp_path):
        code, _, err = cli(args)
        assert code == 2, (args, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (args, err)
        assert "Traceback" not in err


def test_glossary_validate_and_convert(tmp_path: Path, cli: CliRunner) -> None:
    csv_path = tmp_path / "g.csv"
    csv_path.write_text(
        GLOSSARY + "cyber,en,community of destiny in cyberspace,preferred,\n", encoding="utf-8"
    )
    code, out, _ = cli(["glossary", "validate", str(csv_path)])
    assert code == 1 and "preferred-and-deprecated" in out and "g.csv:5" in out
    csv_path.write_text(GLOSSARY, encoding="utf-8")
    tbx_path, back = tmp_path / "g.tbx", tmp_path / "back.csv"
    assert cli(["glossary", "convert", str(csv_path), str(tbx_path)])[0] == 0
    assert cli(["glossary", "convert", str(tbx_path), str(back)])[0] == 0
    assert back.read_text(encoding="utf-8") == GLOSSARY.replace("forbidden", "deprecated")


def test_module_entry_point_runs_in_a_subprocess(files: dict[str, Path]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "glossalign",
            "check",
            "-g",
            str(files["glossary"]),
            "--tgt-lang",
            "en",
            "-t",
            str(files["bad_target"]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "forbidden-term" in proc.stdout
