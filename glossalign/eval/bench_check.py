"""Benchmark: glossary-check throughput against a naive one-regex-per-term baseline.

    python -m glossalign.eval.bench_check [--concepts 10000] [--pairs 100000] [--baseline-pairs 300]

A glossary of generated concepts (zh term, en preferred and deprecated renderings) and generated
zh–en segment pairs with terms planted in them. Our check (matching both sides, every rule) runs
over all pairs; the baseline (one compiled regex per term, searched in every segment, as
regex-list QA tools do) runs over a sample because it is orders of magnitude slower. Both rates
are pairs per second on one core, measured in the same run.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from dataclasses import dataclass

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.models import Alignment, Segment
from glossalign.pipeline.check import check_alignment

# Terms are built from one pool, the text around them from another, as in real documents where
# most words are not glossary terms.
CJK_POOL = "网络空间命运共同体数字经济安全治理发展合作创新互联网平台数据技术产业全球国际规则标准"
CJK_FILLER = "的了在是和与对于我们他们这个那些进行通过以及等方面已经正在将会可以需要认为指出表示"
SYLLABLES = ["ka", "lo", "mi", "ner", "tus", "va", "pri", "sen", "dor", "quel", "fa", "zen"]
FILLER = ("the of and to in a is that for it as was with be by on not he this are or his from "
          "at which but have an they you were her she there been one all we their has would "
          "when if so no will more can out up about who them some could into only time other "
          "than then now its also after use two how our work first well way even new want "
          "because any these give day most us countries world people policy report").split()


@dataclass(frozen=True)
class Workload:
    termbase: TermBase
    pairs: list[tuple[str, str]]


def make_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def make_glossary(concepts: int, rng: random.Random) -> tuple[TermBase, list[tuple[str, str, str]]]:
    """Concepts with unique zh terms and en renderings; returns the base and (zh, good, bad)."""
    terms: list[Term] = []
    renderings: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while len(renderings) < concepts:
        zh = "".join(rng.choice(CJK_POOL) for _ in range(rng.randint(3, 6)))
        good = " ".join(make_word(rng) for _ in range(rng.randint(1, 3)))
        bad = good + " " + make_word(rng)
        if zh in seen or good in seen:
            continue
        seen.update((zh, good))
        cid = f"c{len(renderings)}"
        terms += [Term(cid, "zh", zh, "preferred"), Term(cid, "en", good, "preferred"),
                  Term(cid, "en", bad, "deprecated")]
        renderings.append((zh, good, bad))
    return TermBase.from_terms(terms), renderings


def make_pairs(count: int, renderings: list[tuple[str, str, str]],
               rng: random.Random) -> list[tuple[str, str]]:
    pairs = []
    for _ in range(count):
        zh_parts, en_parts = [], []
        for _ in range(rng.randint(1, 3)):
            zh, good, bad = rng.choice(renderings)
            zh_parts.append("".join(rng.choice(CJK_FILLER) for _ in range(rng.randint(4, 10))) + zh)
            en_parts.append(" ".join(rng.choice(FILLER) for _ in range(rng.randint(3, 7))))
            roll = rng.random()
            en_parts.append(good if roll < 0.7 else bad if roll < 0.9 else "")
        pairs.append(("，".join(zh_parts) + "。", " ".join(p for p in en_parts if p) + "."))
    return pairs


def make_workload(concepts: int, pairs: int, seed: int = 13) -> Workload:
    rng = random.Random(seed)
    termbase, renderings = make_glossary(concepts, rng)
    return Workload(termbase, make_pairs(pairs, renderings, rng))


def run_ours(work: Workload) -> tuple[float, float, int]:
    """(compile seconds, check seconds, findings) for the whole workload."""
    started = time.perf_counter()
    TermMatcher(work.termbase, "zh")
    TermMatcher(work.termbase, "en")
    compile_s = time.perf_counter() - started
    src = [Segment(zh, "zh", "src", i + 1) for i, (zh, _) in enumerate(work.pairs)]
    tgt = [Segment(en, "en", "tgt", i + 1) for i, (_, en) in enumerate(work.pairs)]
    # Warm up on a few pairs: one-time imports and the cached matchers are not throughput.
    check_alignment(Alignment.line_by_line(src[:200], tgt[:200]), work.termbase, "en", "zh")
    started = time.perf_counter()
    result = check_alignment(Alignment.line_by_line(src, tgt), work.termbase, "en", "zh")
    return compile_s, time.perf_counter() - started, len(result.findings)


def run_baseline(work: Workload, sample: int) -> tuple[float, int]:
    """One regex per term, every term searched in every segment (seconds for ``sample`` pairs)."""
    zh_patterns = [re.compile(re.escape(t.text)) for t in work.termbase.terms() if t.lang == "zh"]
    en_patterns = [re.compile(r"\b" + re.escape(t.text) + r"\b", re.IGNORECASE)
                   for t in work.termbase.terms() if t.lang == "en"]
    hits = 0
    started = time.perf_counter()
    for zh, en in work.pairs[:sample]:
        hits += sum(1 for p in zh_patterns if p.search(zh))
        hits += sum(1 for p in en_patterns if p.search(en))
    return time.perf_counter() - started, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--baseline-pairs", type=int, default=300)
    args = parser.parse_args(argv)
    work = make_workload(args.concepts, args.pairs)
    compile_s, check_s, findings = run_ours(work)
    base_s, _ = run_baseline(work, min(args.baseline_pairs, args.pairs))
    ours_rate = args.pairs / check_s
    base_rate = min(args.baseline_pairs, args.pairs) / base_s
    out = sys.stdout
    out.write(f"glossary check benchmark — {time.strftime('%Y-%m-%d')}, "
              f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
              f"1 process\n\n")
    out.write(f"{args.concepts:,} concepts ({len(list(work.termbase.terms())):,} terms), "
              f"{args.pairs:,} zh–en segment pairs, {findings:,} findings\n\n")
    out.write("| method | pairs measured | seconds | pairs/s | vs baseline |\n")
    out.write("|---|---|---|---|---|\n")
    out.write(f"| naive: one regex per term | {min(args.baseline_pairs, args.pairs):,} | "
              f"{base_s:.2f} | {base_rate:,.0f} | 1.0× |\n")
    out.write(f"| glossalign check (all rules) | {args.pairs:,} | {check_s:.2f} | "
              f"{ours_rate:,.0f} | {ours_rate / base_rate:,.0f}× |\n")
    out.write(f"\nmatcher compile time (both languages): {compile_s:.2f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
