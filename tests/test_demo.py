"""``glossalign demo`` end to end on the bundled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossalign.cli import main
from glossalign.corpora.demo import demo_path
from glossalign.glossary.io import read_glossary
from glossalign.pipeline.check import check_target
from glossalign.pipeline.inputs import load_target_only


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "-o", str(out)])
    assert exit_info.value.code in (0, None)
    return out


def test_demo_writes_every_output(demo_dir: Path) -> None:
    names = sorted(p.name for p in demo_dir.iterdir())
    assert names == sorted(f"{t}.{kind}" for t in ("en-mt", "en-ref")
                           for kind in ("check.json", "report.html", "fixed.txt", "beads"))


def test_demo_finds_the_deliberate_errors_and_none_in_the_reference(demo_dir: Path) -> None:
    mt = json.loads((demo_dir / "en-mt.check.json").read_text(encoding="utf-8"))
    ref = json.loads((demo_dir / "en-ref.check.json").read_text(encoding="utf-8"))
    by_rule = mt["summary"]["by_rule"]
    assert by_rule["forbidden-term"] >= 40
    assert by_rule["encoding-damage"] >= 2 and by_rule["inconsistent-term"] >= 1
    assert ref["summary"]["findings"] == 0
    repaired = {f["suggestion"] for f in mt["findings"] if f["rule"] == "encoding-damage"}
    assert {"·", "’"} <= repaired


def test_demo_alignment_reproduces_the_gold_beads(demo_dir: Path) -> None:
    gold = {line for line in demo_path("zh-en-mt.align").read_text().splitlines() if line}
    found = {line.rsplit(":", 1)[0].replace(" ", "")
             for line in (demo_dir / "en-mt.beads").read_text().splitlines()}
    gold = {line.replace(" ", "") for line in gold}
    assert len(gold & found) / len(gold) >= 0.9


def test_demo_fixed_copy_has_no_forbidden_rendering(demo_dir: Path) -> None:
    termbase = read_glossary(demo_path("glossary.csv"))
    fixed = load_target_only(demo_dir / "en-mt.fixed.txt", "en").tgt_segments
    result = check_target(fixed, termbase, "en")
    assert not [f for f in result.findings
                if f.rule in ("forbidden-term", "superseded-term", "encoding-damage")]
