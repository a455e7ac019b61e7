"""Benchmark: translation throughput with and without glossary enforcement, same run.

    python -m glossalign.eval.bench_translate [--repeats 3] [--threads 1] [--max-new-tokens 40]

Builds the tiny random-weight Marian model from the bundled demo corpus (d_model 32, one layer,
tokenizers trained with the demo glossary's terms as whole pieces) and translates the demo's
Chinese source into English, plain and with the demo glossary enforced (bans, forced terms,
post-check), greedy and with beams. Rates are sentences per second on this CPU, best of
``--repeats``; the overhead is plain rate / enforced rate.

This measures the machinery only. The model's weights are random, so its output is noise and
translation quality cannot be measured here; with a real model the forward pass costs far more
per step, and the share of the enforcement overhead is smaller than on this tiny model.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable

from glossalign.corpora.demo import demo_path
from glossalign.corpora.readers import read_lines
from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import TermBase
from glossalign.models import Segment
from glossalign.pipeline.translate import (
    TranslationModel,
    TranslationResult,
    load_model,
    translate_lines,
)
from glossalign.pipeline.translate.tiny import build_tiny_marian


def _emit(*parts: object) -> None:
    """The benchmark's table goes to stdout (this is a script, not library code)."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def best_time(run: Callable[[], TranslationResult],
              repeats: int) -> tuple[float, TranslationResult]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (1: fastest for a model this small)")
    parser.add_argument("--max-new-tokens", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    termbase = read_glossary(demo_path("glossary.csv"))
    lines: list[Segment] = read_lines(demo_path("zh.txt"), "zh")
    sentences = sum(1 for s in lines if s.text.strip())
    with tempfile.TemporaryDirectory() as folder:
        build_tiny_marian(folder, src_corpora=[demo_path("zh.txt")],
                          tgt_corpora=[demo_path("en-ref.txt"), demo_path("en-mt.txt")],
                          src_lang="zh", tgt_lang="en", termbase=termbase)
        model = load_model(folder, device="cpu")
        # Warm-up: first-call imports and caches must not count against either side.
        translate_lines(lines[:4], model, src_lang="zh", tgt_lang="en", termbase=termbase)

        _emit(f"# Translation throughput: {sentences} demo sentences zh->en, tiny random Marian "
              f"(d_model 32), CPU, {args.threads} thread(s), max {args.max_new_tokens} new "
              f"tokens, batch {args.batch_size}\n")
        _emit(f"Python {platform.python_version()}, torch {torch.__version__}; "
              f"best of {args.repeats}.\n")
        _emit("| beams | plain (sent/s) | enforced (sent/s) | overhead (plain/enforced) "
              "| concepts: how enforced |")
        _emit("|---:|---:|---:|---:|---|")
        for beams in (1, 4):
            _emit(_table_row(lines, model, termbase, beams, args))
    _emit("\nQuality is not measured: without real model weights (none can be downloaded here) "
          "the output is noise. The table measures the cost of the constraints and the "
          "post-check only.")
    sys.stdout.flush()


def _table_row(lines: list[Segment], model: TranslationModel, termbase: TermBase, beams: int,
               args: argparse.Namespace) -> str:
    """One beam size: plain and enforced rates, the overhead and how concepts were enforced."""
    sentences = sum(1 for s in lines if s.text.strip())

    def run(glossary: bool) -> TranslationResult:
        return translate_lines(lines, model, src_lang="zh", tgt_lang="en",
                               termbase=termbase if glossary else None, num_beams=beams,
                               batch_size=args.batch_size, max_new_tokens=args.max_new_tokens)

    plain_s, _ = best_time(lambda: run(False), args.repeats)
    enforced_s, result = best_time(lambda: run(True), args.repeats)
    methods = ", ".join(f"{n} {m}" for m, n in sorted(result.method_counts().items()))
    return (f"| {beams} | {sentences / plain_s:.1f} | {sentences / enforced_s:.1f} "
            f"| {enforced_s / plain_s:.2f}x | {methods} |")


if __name__ == "__main__":
    main()
