"""Costs of ``glossalign align`` as a user pays them, measured in child processes.

- start-up: CPU seconds (user + system, the child alone) of ``glossalign align`` on a one-line
  zh-en pair, everything included (interpreter, imports, lexicon, alignment, output);
- memory: peak resident memory of ``glossalign align --presegmented`` on a larger bitext (a gold
  document repeated), minus the peak of the one-line run, per MB of source text.

Both use ``resource.getrusage(RUSAGE_CHILDREN)`` deltas, so other jobs on the machine do not
count (they still slow it down, which CPU time mostly ignores).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ChildCost:
    cpu_seconds: float
    peak_mb: float  # the largest child's peak RSS so far (ru_maxrss is a running maximum)
    returncode: int


def _run_child(args: Sequence[str]) -> ChildCost:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "glossalign", *args], check=False,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ChildCost(cpu, after.ru_maxrss / 1024.0, done.returncode)


def _align_args(src: Path, tgt: Path, src_lang: str, tgt_lang: str,
                extra: Sequence[str] = ()) -> list[str]:
    return ["align", "-s", str(src), "--src-lang", src_lang, "-t", str(tgt),
            "--tgt-lang", tgt_lang, *extra]


def startup_cost(folder: Path, repeats: int = 3) -> ChildCost:
    """The cheapest of ``repeats`` runs of ``align`` on a one-line zh-en pair."""
    src, tgt = folder / "one.zh", folder / "one.en"
    src.write_text("我爱你。\n", encoding="utf-8")
    tgt.write_text("I love you.\n", encoding="utf-8")
    runs = [_run_child(_align_args(src, tgt, "zh", "en")) for _ in range(repeats)]
    return min(runs, key=lambda run: run.cpu_seconds)


@dataclass(frozen=True, slots=True)
class MemoryCost:
    source_mb: float
    sentences: int
    cpu_seconds: float
    peak_mb: float
    baseline_mb: float

    @property
    def mb_per_source_mb(self) -> float:
        return (self.peak_mb - self.baseline_mb) / max(self.source_mb, 1e-9)


def memory_cost(src_lines: Sequence[str], tgt_lines: Sequence[str], src_lang: str,
                tgt_lang: str, copies: int) -> MemoryCost:
    """Align ``copies`` concatenated copies of a bitext in a child process (one sentence a line).

    Run it in a fresh interpreter (``python -m glossalign.eval.bench_align``) before any other
    child, or the running maximum of earlier children hides the figure.
    """
    with tempfile.TemporaryDirectory(prefix="bench-align-") as tmp:
        folder = Path(tmp)
        baseline = startup_cost(folder, repeats=1)
        src, tgt = folder / f"big.{src_lang}", folder / f"big.{tgt_lang}"
        src.write_text(("\n".join(src_lines) + "\n") * copies, encoding="utf-8")
        tgt.write_text(("\n".join(tgt_lines) + "\n") * copies, encoding="utf-8")
        cost = _run_child(_align_args(src, tgt, src_lang, tgt_lang, ["--presegmented"]))
        if cost.returncode:
            raise RuntimeError(f"align failed with exit code {cost.returncode}")
        return MemoryCost(src.stat().st_size / 1e6, len(src_lines) * copies, cost.cpu_seconds,
                          cost.peak_mb, baseline.peak_mb)
