"""``glossalign apply``: decisions made in the report, applied outside the browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glossalign.cli import main
from glossalign.pipeline.align import read_beads
from glossalign.pipeline.report_html import check_documents, report_content_hash

SOURCE = "人工智能正在改变世界。\n第一句。\n第二句。\n数据库存储了所有记录。\n"
TARGET = ("Machine intelligence is changing the world.\nFirst and second.\n"
          "Nothing here.\nThe data bank stores every record.\n")
GLOSSARY = ("concept,lang,term,status\n"
            "ai,zh,人工智能,preferred\nai,en,artificial intelligence,preferred\n"
            "ai,en,machine intelligence,deprecated\n"
            "db,zh,数据库,preferred\ndb,en,database,preferred\ndb,en,data bank,superseded\n")


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {"source": tmp_path / "zh.txt", "target": tmp_path / "en.txt",
             "glossary": tmp_path / "glossary.csv"}
    for key, text in (("source", SOURCE), ("target", TARGET), ("glossary", GLOSSARY)):
        files[key].write_text(text, encoding="utf-8")
    return files


def cli_args(files: dict[str, Path]) -> list[str]:
    return ["--source", str(files["source"]), "--src-lang", "zh", "--target",
            str(files["target"]), "--tgt-lang", "en", "--glossary", str(files["glossary"]),
            "--pairing", "lines"]


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return int(exit_info.value.code or 0)


def decisions_for(files: dict[str, Path], **changes: Any) -> dict[str, Any]:
    """What report.js exports after: merge beads 2+3 (a 2-1 really), confirm bead 1, accept the
    forbidden-term fix, reject the superseded-term finding with a reason."""
    result, _ = check_documents(files["source"], "zh", files["target"], "en",
                                files["glossary"], "lines")
    rules = [f.rule for f in result.findings]
    document: dict[str, Any] = {
        "schema": "glossalign-decisions", "schema_version": 1,
        "content_hash": report_content_hash(result),
        "alignment": {"beads": [
            {"src": [0], "tgt": [0], "confirmed": True, "edited": False},
            {"src": [1, 2], "tgt": [1, 2], "confirmed": False, "edited": True},
            {"src": [3], "tgt": [3], "confirmed": False, "edited": False},
        ], "edits": [{"op": "merge-next", "bead": 1}, {"op": "confirm", "bead": 0}]},
        "findings": [
            {"finding": rules.index("forbidden-term"), "decision": "accepted", "reason": None},
            {"finding": rules.index("superseded-term"), "decision": "rejected",
             "reason": "the client's style guide allows it"},
        ],
    }
    document.update(changes)
    return document


def test_apply_writes_alignment_text_and_ignore_file(inputs: dict[str, Path],
                                                     tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_for(inputs)), encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(["apply", "--decisions", str(decisions), *cli_args(inputs), "-o", str(out),
                    "--accepted-by", "editor"])
    assert code == 0
    beads = read_beads(out / "alignment.beads")
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]
    tsv = (out / "alignment.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[1].startswith("人工智能正在改变世界。\tArtificial intelligence is changing")
    assert tsv[1].endswith("\t1.0000")  # confirmed: certain
    assert "First and second. Nothing here." in tsv[2]
    tmx = (out / "alignment.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu>") + tmx.count("<tu ") == 3 and "Artificial intelligence" in tmx
    corrected = (out / "en.corrected.txt").read_text(encoding="utf-8")
    assert corrected == TARGET.replace("Machine intelligence", "Artificial intelligence")
    ignore = json.loads((out / "ignore.json").read_text(encoding="utf-8"))
    (entry,) = ignore["ignore"]
    assert entry["rule"] == "superseded-term" and entry["concept"] == "db"
    assert entry["text"] == "data bank" and entry["accepted-by"] == "editor"
    assert entry["reason"] == "the client's style guide allows it" and entry["fingerprint"]
    assert inputs["target"].read_text(encoding="utf-8") == TARGET  # the input is untouched


def test_check_honours_the_ignore_file_that_apply_wrote(inputs: dict[str, Path], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_for(inputs)), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["apply", "-d", str(decisions), *cli_args(inputs), "-o", str(out)]) == 0
    capsys.readouterr()
    check = ["check", *cli_args(inputs), "--format", "json", "--fail-on", "never"]
    assert run_cli([*check, "--ignore", str(out / "ignore.json")]) == 0, capsys.readouterr().err
    rules = [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "superseded-term" not in rules and "forbidden-term" in rules


@pytest.mark.parametrize(("changes", "message"), [
    ({"content_hash": "0" * 64}, "different report"),
    ({"schema_version": 99}, "schema_version"),
    ({"schema": "other"}, "not a glossalign decisions file"),
    ({"alignment": {"beads": [{"src": [0, 1, 2, 3], "tgt": [0, 1, 3]}]}}, "once each"),
    ({"alignment": {"beads": [{"src": [1, 0, 2, 3], "tgt": [0, 1, 2, 3]}]}}, "in order"),
    ({"findings": [{"finding": 99, "decision": "accepted"}]}, "does not exist"),
    ({"findings": [{"finding": 0, "decision": "maybe"}]}, "accepted or rejected"),
    ({"alignment": "nope"}, "malformed"),
])
def test_apply_refuses_bad_decisions(inputs: dict[str, Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     changes: dict[str, Any], message: str) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_for(inputs, **changes)), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["apply", "-d", str(decisions), *cli_args(inputs), "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not (out / "alignment.beads").exists()


def test_apply_refuses_to_write_over_an_input(inputs: dict[str, Path], tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_for(inputs)), encoding="utf-8")
    ignore = tmp_path / "ignore.json"
    ignore.symlink_to(inputs["target"])  # the ignore file would land on the translation
    assert run_cli(["apply", "-d", str(decisions), *cli_args(inputs), "-o", str(tmp_path)]) == 2
    assert inputs["target"].read_text(encoding="utf-8") == TARGET


def test_accepting_a_missing_term_changes_nothing(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    files = {"source": tmp_path / "zh.txt", "target": tmp_path / "en.txt",
             "glossary": tmp_path / "glossary.csv"}
    files["source"].write_text("机器学习需要数据。\n", encoding="utf-8")
    files["target"].write_text("It needs data.\n", encoding="utf-8")
    files["glossary"].write_text("concept,lang,term,status\nml,zh,机器学习,preferred\n"
                                 "ml,en,machine learning,preferred\n", encoding="utf-8")
    result, _ = check_documents(files["source"], "zh", files["target"], "en",
                                files["glossary"], "lines")
    assert [f.rule for f in result.findings] == ["missing-term"]
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps({
        "schema": "glossalign-decisions", "schema_version": 1,
        "content_hash": report_content_hash(result),
        "alignment": {"beads": [{"src": [0], "tgt": [0]}]},
        "findings": [{"finding": 0, "decision": "accepted"}]}), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["apply", "-d", str(decisions), *cli_args(files), "-o", str(out)]) == 0
    assert (out / "en.corrected.txt").read_text(encoding="utf-8") == "It needs data.\n"
    assert "not applied: missing-term" in capsys.readouterr().err
