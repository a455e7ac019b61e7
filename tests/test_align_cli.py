"""``glossalign segment`` and ``glossalign align`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CliRunner
from translate.storage.tmx import tmxfile

from glossalign.corpora.demo import demo_path
from glossalign.pipeline.align import read_beads


def test_segment_prints_one_sentence_per_line(tmp_path: Path, cli: CliRunner) -> None:
    text = tmp_path / "zh.txt"
    text.write_text("他说：“好的。”然后走了。第二句！\n\n新段落。\n", encoding="utf-8")
    code, out, _ = cli(["segment", str(text), "--lang", "zh"])
    assert code == 0
    # The closing quote stays with its sentence; the quoted sentence is not cut inside.
    assert out == "他说：“好的。”\n然后走了。\n第二句！\n\n新段落。\n"


DEMO_ALIGN = ["align", "-s", str(demo_path("zh.txt")), "--src-lang", "zh",
              "-t", str(demo_path("en-mt.txt")), "--tgt-lang", "en"]


def test_align_writes_beads_sentences_and_tmx(tmp_path: Path, cli: CliRunner) -> None:
    beads_path = tmp_path / "out.beads"
    code, _, _ = cli([*DEMO_ALIGN, "-o", str(beads_path), "--write-sentences",
                      str(tmp_path / "sents")])
    assert code == 0
    beads = read_beads(beads_path)
    src_sents = (tmp_path / "sents" / "source.txt").read_text(encoding="utf-8").splitlines()
    tgt_sents = (tmp_path / "sents" / "target.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(i for b in beads for i in b.src) == list(range(len(src_sents)))
    assert sorted(j for b in beads for j in b.tgt) == list(range(len(tgt_sents)))
    assert any(b.kind == "1-0" for b in beads) and any(b.kind == "2-1" for b in beads)

    tmx_path = tmp_path / "out.tmx"
    code, _, _ = cli([*DEMO_ALIGN, "--format", "tmx", "-o", str(tmx_path)])
    assert code == 0
    units = tmxfile(tmx_path.read_bytes(), "zh", "en").units
    assert len(units) == sum(1 for b in beads if b.src and b.tgt)
    assert units[0].source.startswith("互联网") and units[0].target.startswith("The Internet")


@pytest.mark.parametrize("extra", [["--format", "xml"], ["--format", "tmx"]])
def test_align_usage_errors(extra: list[str], cli: CliRunner) -> None:
    code, _, err = cli([*DEMO_ALIGN, *extra])
    assert code == 2 and "--format" in err  # the error names the option
