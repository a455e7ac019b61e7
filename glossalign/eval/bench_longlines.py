"""Benchmark: long lines and large inputs (issue #8 item 3).

    python -m glossalign.eval.bench_longlines [--mb 5] [--memory-mb 20] [--full]

The same text is laid out two ways: as normal lines (one paragraph per line, a blank line between)
and as one single line. ``glossalign check`` (target-only), ``glossalign fix`` and ``glossalign
segment`` (English, pysbd; Chinese, rule splitter) run on both in child processes; each child's
CPU time (user + system, from ``os.wait4``) is the cost, so the ratio single/lines is the number
to compare (start-up is in both). The text is the bundled demo translation (English) with the
demo glossary, so terms are found and edits made, repeated to the size asked; the Chinese text is
the demo source.

Memory: a target-only ``check`` of a ``--memory-mb`` file (100 MB with ``--full``) in text and in
JSON format, peak RSS of the child (``ru_maxrss``), next to the whole-file-in-memory check that
``glossalign check`` ran before it streamed (skipped with ``--full``: it needs several GB).

Targets: single line ≤ 2× lines for check, fix and segment; 100 MB target-only check ≤ 1 GB; JSON
no more memory than text (within 5 %).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from glossalign.corpora.demo import demo_path
from glossalign.eval.table_output import emit

_RATIO_TARGET = 2.0
_MEMORY_TARGET_MB = 1024
_JSON_TOLERANCE = 1.05
_IN_MEMORY_CHECK = """
import json, sys
from glossalign.glossary.io import read_glossary
from glossalign.pipeline.check import check_alignment
from glossalign.pipeline.inputs import load_target_only
from glossalign.pipeline.report_json import check_report_json
termbase = read_glossary(sys.argv[1])
result = check_alignment(load_target_only(__import__('pathlib').Path(sys.argv[2]), 'en'),
                         termbase, 'en')
sys.stdout.write(json.dumps(check_report_json(result, sys.argv[1], len(termbase)),
                            ensure_ascii=False, indent=2))
"""


@dataclass(frozen=True)
class Run:
    cpu_s: float
    peak_mb: float


def run_child(args: list[str]) -> Run:
    """Run a child with stdout discarded; its own CPU time and peak RSS (not the children's)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen(args, stdout=devnull, stderr=subprocess.PIPE, env=env)
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        detail = errors.decode(errors="replace")[-500:]
        raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}): {detail}")
    return Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def demo_lines(name: str) -> list[str]:
    text = demo_path(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_layouts(folder: Path, lines: list[str], size: int, joiner: str) -> tuple[Path, Path]:
    """The same text, about ``size`` bytes: one paragraph per line, and one single line."""
    repeated: list[str] = []
    total = 0
    while total < size:
        for line in lines:
            repeated.append(line)
            total += len(line.encode("utf-8")) + 2
    many = folder / f"lines-{joiner == ''}.txt"
    single = folder / f"single-{joiner == ''}.txt"
    many.write_text("\n\n".join(repeated) + "\n", encoding="utf-8")
    single.write_text(joiner.join(repeated) + "\n", encoding="utf-8")
    return many, single


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "glossalign", *args]


def time_table(folder: Path, megabytes: float) -> list[tuple[str, Run, Run]]:
    glossary = str(demo_path("glossary.csv"))
    size = int(megabytes * 1_000_000)
    en_lines, en_single = write_layouts(folder, demo_lines("en-mt.txt"), size, " ")
    zh_lines, zh_single = write_layouts(folder, demo_lines("zh.txt"), size, "")
    out = str(folder / "fixed.txt")
    cases = [
        ("check (en, target-only)", lambda p: cli("check", "-g", glossary, "--tgt-lang", "en",
                                                    "-t", str(p))),
        ("fix (en)", lambda p: cli("fix", "-g", glossary, "--tgt-lang", "en", "-t", str(p),
                                   "-o", out)),
        ("segment (en, pysbd)", lambda p: cli("segment", str(p), "--lang", "en")),
    ]
    rows = [(name, run_child(make(en_lines)), run_child(make(en_single)))
            for name, make in cases]
    rows.append(("segment (zh, rules)", run_child(cli("segment", str(zh_lines), "--lang", "zh")),
                 run_child(cli("segment", str(zh_single), "--lang", "zh"))))
    return rows


def memory_table(folder: Path, megabytes: float, full: bool) -> list[tuple[str, Run]]:
    glossary = str(demo_path("glossary.csv"))
    target, _ = write_layouts(folder, demo_lines("en-mt.txt"), int(megabytes * 1_000_000), " ")
    base = cli("check", "-g", glossary, "--tgt-lang", "en", "-t", str(target))
    rows = [("check --format text (streamed)", run_child(base)),
            ("check --format json (streamed)", run_child([*base, "--format", "json"]))]
    if not full:
        rows.append(("whole file in memory, JSON (before)",
                     run_child([sys.executable, "-c", _IN_MEMORY_CHECK, glossary, str(target)])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the timing texts (MB)")
    parser.add_argument("--memory-mb", type=float, default=20.0, help="size for the memory runs")
    parser.add_argument("--full", action="store_true", help="memory runs on 100 MB")
    args = parser.parse_args(argv)
    memory_mb = 100.0 if args.full else args.memory_mb
    emit(f"# bench_longlines on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="glossalign-longlines-") as tmp:
        folder = Path(tmp)
        timing = time_table(folder, args.mb)
        emit(f"\nCPU seconds (child process, start-up included), {args.mb:g} MB of text\n")
        emit("| command | normal lines | one single line | single / lines |")
        emit("|---|---|---|---|")
        ratios = []
        for name, lines, single in timing:
            ratio = single.cpu_s / lines.cpu_s
            ratios.append((name, ratio))
            emit(f"| {name} | {lines.cpu_s:.2f} | {single.cpu_s:.2f} | {ratio:.2f}x |")
        memory = memory_table(folder, memory_mb, args.full)
    emit(f"\nPeak RSS, target-only check of {memory_mb:g} MB (normal lines)\n")
    emit("| run | peak RSS MB | CPU s |")
    emit("|---|---|---|")
    for name, run in memory:
        emit(f"| {name} | {run.peak_mb:.0f} | {run.cpu_s:.2f} |")
    emit()
    for name, ratio in ratios:
        verdict = "met" if ratio <= _RATIO_TARGET else "missed"
        emit(f"- {name}: single line {ratio:.2f}x lines vs target ≤ {_RATIO_TARGET:g}x: {verdict}")
    text_mb, json_mb = memory[0][1].peak_mb, memory[1][1].peak_mb
    worst = max(text_mb, json_mb)
    scope = "" if args.full else f" (measured on {memory_mb:g} MB; run --full for 100 MB)"
    emit(f"- check peak RSS {worst:.0f} MB vs target ≤ {_MEMORY_TARGET_MB} MB{scope}: "
          f"{'met' if worst <= _MEMORY_TARGET_MB else 'missed'}")
    emit(f"- JSON {json_mb:.0f} MB vs text {text_mb:.0f} MB (≤ {_JSON_TOLERANCE:.2f}x): "
          f"{'met' if json_mb <= text_mb * _JSON_TOLERANCE else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
