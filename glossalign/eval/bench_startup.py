"""Benchmark: CPU seconds the ``glossalign`` command needs to start, next to ``python -c pass``.

    python -m glossalign.eval.bench_startup [--runs 7]

Each command runs in a fresh interpreter (``python -m glossalign ...``), several times; the CPU
time of a run is the user + system time of the child process (``resource.getrusage`` with
``RUSAGE_CHILDREN``), which other jobs on a shared machine disturb far less than wall time. The
table gives the median over the runs and the ratio to ``python -c pass`` measured in the same run.

Targets (issue #9 item 6): ``glossalign --help`` <= 0.25 CPU s and ``glossalign check`` on a
one-line file <= 0.5 CPU s. A one-line *bilingual* check, which builds the aligner's lexicon,
is shown for information.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间命运共同体,preferred,
cyber,en,community with a shared future in cyberspace,preferred,
cyber,en,community of destiny in cyberspace,forbidden,
"""


@dataclass(frozen=True)
class Case:
    label: str
    argv: tuple[str, ...]
    target_s: float | None = None


def make_cases(folder: Path) -> list[Case]:
    glossary, source, target = folder / "g.csv", folder / "src.txt", folder / "tgt.txt"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    source.write_text("构建网络空间命运共同体。\n", encoding="utf-8")
    target.write_text("Build a community of destiny in cyberspace.\n", encoding="utf-8")
    check = ("-m", "glossalign", "check", "-g", str(glossary), "--tgt-lang", "en",
             "-t", str(target))
    return [
        Case("python -c pass", ("-c", "pass")),
        Case("python -c 'import glossalign'", ("-c", "import glossalign")),
        Case("glossalign --version", ("-m", "glossalign", "--version")),
        Case("glossalign --help", ("-m", "glossalign", "--help"), target_s=0.25),
        Case("glossalign check (one-line target)", check, target_s=0.5),
        Case("glossalign check --help", ("-m", "glossalign", "check", "--help")),
        Case("glossalign check (one-line zh-en pair, aligned)",
             (*check, "-s", str(source), "--src-lang", "zh")),
    ]


def child_cpu_seconds(argv: tuple[str, ...]) -> float:
    """User + system CPU seconds of one run of ``python *argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *argv], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(cases: list[Case], runs: int) -> dict[str, float]:
    """Median CPU seconds per case; runs are interleaved so a busy moment hits every case."""
    samples: dict[str, list[float]] = {case.label: [] for case in cases}
    for case in cases:
        child_cpu_seconds(case.argv)  # warm the file cache and the bytecode
    for _ in range(runs):
        for case in cases:
            samples[case.label].append(child_cpu_seconds(case.argv))
    return {label: statistics.median(values) for label, values in samples.items()}


def table(cases: list[Case], medians: dict[str, float]) -> list[str]:
    baseline = medians[cases[0].label]
    lines = ["| command | CPU s (median) | × python -c pass | target |", "|---|---|---|---|"]
    for case in cases:
        seconds = medians[case.label]
        target = "—" if case.target_s is None else (
            f"≤ {case.target_s} s: {'met' if seconds <= case.target_s else 'NOT met'}")
        lines.append(f"| {case.label} | {seconds:.3f} | {seconds / baseline:.1f}× | {target} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="Runs per command (default 7).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        cases = make_cases(Path(folder))
        medians = measure(cases, args.runs)
    out = sys.stdout
    out.write(f"start-up benchmark — {time.strftime('%Y-%m-%d')}, "
              f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
              f"{args.runs} runs per command\n\n")
    out.write("\n".join(table(cases, medians)) + "\n\n")
    verdicts = [f"{case.label} ≤ {case.target_s} CPU s "
                f"({'met' if medians[case.label] <= case.target_s else 'NOT met'}: "
                f"{medians[case.label]:.3f})" for case in cases if case.target_s is not None]
    out.write("Targets: " + "; ".join(verdicts) + ".\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
