"""The demo job: align, check, report and fix the bundled corpus's two English translations."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from glossalign.corpora.demo import demo_path
from glossalign.corpora.readers import read_lines
from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import TermBase
from glossalign.pipeline.align import align_files, read_beads, write_beads
from glossalign.pipeline.check import CheckResult, check_alignment
from glossalign.pipeline.config import Config
from glossalign.pipeline.fix import FixResult, fix_segments
from glossalign.pipeline.report_html import render_report
from glossalign.pipeline.report_json import check_report_json
from glossalign.pipeline.triage import triage
from glossalign.safe_io import atomic_text_writer, atomic_write_text
from glossalign.stage_data import Alignment

TRANSLATIONS = ("en-mt", "en-ref")


@dataclass(frozen=True, slots=True)
class DemoTranslation:
    name: str
    result: CheckResult
    gold_matches: int  # beads identical to a gold bead
    gold_beads: int
    fix: FixResult
    files: tuple[Path, ...]


def gold_agreement(alignment: Alignment, gold_path: Path) -> tuple[int, int]:
    """How many gold beads the alignment reproduces exactly, and how many there are."""
    gold = {(b.src, b.tgt) for b in read_beads(gold_path)}
    found = sum(1 for b in alignment.beads if (b.src, b.tgt) in gold)
    return found, len(gold)


def run_translation(name: str, termbase: TermBase, outdir: Path,
                    config: Config | None = None) -> DemoTranslation:
    source, target = demo_path("zh.txt"), demo_path(f"{name}.txt")
    alignment = align_files(source, "zh", target, "en", presegmented=True,
                            term_pairs=termbase.term_pairs("zh", "en"))
    config = config or Config()
    result = check_alignment(alignment, termbase, "en", "zh", config.rules)
    result = replace(result, findings=triage(result.findings, None, config.ignores).kept)
    matches, total = gold_agreement(alignment, demo_path(f"zh-{name}.align"))
    lines = read_lines(target, "en")
    fix = fix_segments(lines, termbase, "en")
    files = _write_outputs(name, result, fix, termbase, outdir)
    return DemoTranslation(name, result, matches, total, fix, files)


def _output_names(name: str) -> tuple[str, ...]:
    return (f"{name}.check.json", f"{name}.report.html", f"{name}.fixed.txt", f"{name}.beads")


def demo_output_names() -> list[str]:
    """Every file the demo writes into its output folder."""
    return [file for name in TRANSLATIONS for file in _output_names(name)]


def demo_inputs() -> list[Path]:
    """The bundled files the demo reads (an output folder must not hold them)."""
    names = ["zh.txt", "glossary.csv"]
    for name in TRANSLATIONS:
        names += [f"{name}.txt", f"zh-{name}.align"]
    return [demo_path(n) for n in names]


def _write_outputs(name: str, result: CheckResult, fix: FixResult, termbase: TermBase,
                   outdir: Path) -> tuple[Path, ...]:
    glossary = str(demo_path("glossary.csv"))
    report = check_report_json(result, glossary, len(termbase))
    paths = tuple(outdir / file for file in _output_names(name))
    atomic_write_text(paths[0], json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    html = render_report(result, title=f"glossalign demo: zh → {name}", source_name="zh.txt",
                         target_name=f"{name}.txt", glossary_path=glossary,
                         concepts=len(termbase))
    atomic_write_text(paths[1], html)
    atomic_write_text(paths[2], "".join(t + "\n" for t in fix.texts))
    with atomic_text_writer(paths[3]) as stream:
        write_beads(result.alignment, stream)
    return paths


def run_demo(outdir: Path, config: Config | None = None) -> list[DemoTranslation]:
    """Run the whole demo, writing its outputs into ``outdir`` (``config``: as ``--config``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    termbase = read_glossary(demo_path("glossary.csv"))
    return [run_translation(name, termbase, outdir, config) for name in TRANSLATIONS]
