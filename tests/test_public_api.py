"""The public Python API: the README's examples run, each function returns what its command
prints, and importing the package stays light."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CliRunner

import glossalign

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use it from Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_readme_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    blocks = readme_python_blocks()
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "readme"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"README.md python block {number}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "forbidden-term" in out
    assert (tmp_path / "mt.fixed.en.txt").read_text(encoding="utf-8") == (
        "We must build a community with a shared future in cyberspace.\n")


def test_all_names_resolve() -> None:
    for name in glossalign.__all__:
        assert getattr(glossalign, name) is not None, name
    assert glossalign.CheckResult.__module__ == "glossalign.pipeline.check"
    with pytest.raises(AttributeError):
        glossalign.no_such_name  # noqa: B018


GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间命运共同体,preferred,
cyber,en,community with a shared future in cyberspace,preferred,
cyber,en,community of destiny in cyberspace,forbidden,
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"glossary": tmp_path / "g.csv", "source": tmp_path / "s.zh.txt",
             "target": tmp_path / "t.en.txt", "reference": tmp_path / "r.en.txt"}
    paths["glossary"].write_text(GLOSSARY, encoding="utf-8")
    paths["source"].write_text("构建网络空间命运共同体。\n发展数字经济。\n", encoding="utf-8")
    paths["target"].write_text("Build a community of destiny in cyberspace.\n"
                               "Develop the digital economy.\n", encoding="utf-8")
    paths["reference"].write_text("Build a community with a shared future in cyberspace.\n"
                                  "Develop the digital economy.\n", encoding="utf-8")
    return paths


def test_check_returns_what_the_command_reports(files: dict[str, Path], cli: CliRunner) -> None:
    result = glossalign.check(files["target"], source=files["source"], src_lang="zh",
                              glossary=files["glossary"], tgt_lang="en", pairing="lines")
    code, out, _ = cli(["check", "-g", str(files["glossary"]), "-s", str(files["source"]),
                        "--src-lang", "zh", "-t", str(files["target"]), "--tgt-lang", "en",
                        "--pairing", "lines", "--format", "json"])
    report = json.loads(out)
    assert code == (1 if result.fails("error") else 0) == 1
    assert [f["rule"] for f in report["findings"]] == [f.rule for f in result.findings]


def test_fix_returns_what_the_command_writes(files: dict[str, Path], tmp_path: Path,
                                              cli: CliRunner) -> None:
    before = files["target"].read_bytes()
    result = glossalign.fix(str(files["target"]), glossary=str(files["glossary"]), tgt_lang="en")
    out = tmp_path / "fixed.txt"
    assert cli(["fix", "-g", str(files["glossary"]), "-t", str(files["target"]), "--tgt-lang",
                "en", "-o", str(out)])[0] == 0
    assert out.read_text(encoding="utf-8") == "".join(t + "\n" for t in result.texts)
    assert files["target"].read_bytes() == before
    with pytest.raises(glossalign.UsageError):
        glossalign.fix(files["target"], glossary=files["glossary"], tgt_lang="en",
                       output=files["target"])


def test_score_returns_what_the_command_prints(files: dict[str, Path], cli: CliRunner) -> None:
    report = glossalign.score([files["target"]], [files["reference"]], tgt_lang="en")
    code, out, _ = cli(["score", "--hyp", str(files["target"]), "--ref", str(files["reference"]),
                        "--tgt-lang", "en", "--format", "json"])
    assert code == 0
    assert json.loads(out)["hypotheses"] == report.to_json()["hypotheses"]


def test_segment_and_align(files: dict[str, Path]) -> None:
    sentences = glossalign.segment(files["source"], "zh")
    assert [s.line for s in sentences] == [1, 2]
    alignment = glossalign.align(files["source"], files["target"], src_lang="zh", tgt_lang="en")
    assert [(b.src, b.tgt) for b in alignment.beads] == [((0,), (0,)), ((1,), (1,))]
    with pytest.raises(glossalign.UsageError):
        glossalign.segment(files["source"], "zh", text="both")


def test_errors_are_the_one_family(tmp_path: Path) -> None:
    with pytest.raises(glossalign.GlossalignError):
        glossalign.load_glossary(tmp_path / "missing.csv")
