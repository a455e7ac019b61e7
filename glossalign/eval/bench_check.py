"""Benchmark: glossary check and term matcher throughput, against baselines in the same run.

    python -m glossalign.eval.bench_check [--pairs 100000] [--baseline-rev 037a824] ...

1. The check, end to end: a glossary of generated concepts (zh term, en preferred and deprecated
   renderings) and generated zh–en pairs with terms planted in them; every rule runs. Baselines:
   one compiled regex per term (what regex-list QA tools do; on a sample), and the check of an
   earlier revision (``--baseline-rev``, extracted with ``git archive`` and run in a child
   process on the same workload).
2. The matcher on real English sentences (:mod:`real_text`: Bible, ParIce, WMT21, demo), with
   real n-gram terms mined from them, next to a raw Aho-Corasick search over lowercased text,
   flashtext and spaCy's PhraseMatcher (:mod:`matcher_baselines`), and the earlier revision's
   matcher; then scaling with text size (large sizes repeat the sentences) and glossary size,
   build time and memory, and one long line against the same text as lines.

All times are CPU seconds of this process (``time.process_time``), which other jobs on a shared
machine disturb less than wall time; compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from glossalign.eval.matcher_baselines import BUILDERS, Built, build, run, termbase_of
from glossalign.eval.real_text import english_sentences, ngram_terms, repeated
from glossalign.glossary.matcher import TermMatcher, default_engine
from glossalign.glossary.model import Term, TermBase
from glossalign.pipeline.check import check_alignment
from glossalign.stage_data import Alignment, Segment

RAW, SPACY, OURS = "raw Aho-Corasick (lowercased)", "spaCy PhraseMatcher (LOWER)", \
    "glossalign TermMatcher"
OURS_PYTHON = "glossalign TermMatcher, pure-Python path"
SECTIONS = (1, 2, 3, 4, 5)
ENGINE = default_engine()  # the matcher's path here (GLOSSALIGN_PURE_PYTHON=1: python)

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
    started = time.process_time()
    TermMatcher(work.termbase, "zh")
    TermMatcher(work.termbase, "en")
    compile_s = time.process_time() - started
    src = [Segment(zh, "zh", "src", i + 1) for i, (zh, _) in enumerate(work.pairs)]
    tgt = [Segment(en, "en", "tgt", i + 1) for i, (_, en) in enumerate(work.pairs)]
    # Warm up on a few pairs: one-time imports and the cached matchers are not throughput.
    check_alignment(Alignment.line_by_line(src[:200], tgt[:200]), work.termbase, "en", "zh")
    started = time.process_time()
    result = check_alignment(Alignment.line_by_line(src, tgt), work.termbase, "en", "zh")
    return compile_s, time.process_time() - started, len(result.findings)


def run_naive(work: Workload, sample: int) -> tuple[float, int]:
    """One regex per term, every term searched in every segment (seconds for ``sample`` pairs)."""
    zh_patterns = [re.compile(re.escape(t.text)) for t in work.termbase.terms() if t.lang == "zh"]
    en_patterns = [re.compile(r"\b" + re.escape(t.text) + r"\b", re.IGNORECASE)
                   for t in work.termbase.terms() if t.lang == "en"]
    hits = 0
    started = time.process_time()
    for zh, en in work.pairs[:sample]:
        hits += sum(1 for p in zh_patterns if p.search(zh))
        hits += sum(1 for p in en_patterns if p.search(en))
    return time.process_time() - started, hits


def run_driver(rev: str | None, work: Workload, sentences: list[str],
               en_terms: list[str]) -> dict[str, float] | None:
    """The check and the matcher of revision ``rev`` (None: this tree) on the same data, each in
    a fresh child process, so that both revisions are measured alike."""
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        code_path = str(root)
        if rev is not None:
            archive = subprocess.run(["git", "-C", str(root), "archive", rev, "glossalign"],
                                     capture_output=True, check=False)
            if archive.returncode != 0:
                logging.warning("cannot extract revision %s: %s", rev, archive.stderr.decode())
                return None
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            code_path = tmp
        payload = {"terms": [[t.concept, t.lang, t.text, t.status] for t in work.termbase.terms()],
                   "pairs": work.pairs, "sentences": sentences, "en_terms": en_terms}
        workload = Path(tmp) / "workload.json"
        workload.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        child = subprocess.run([sys.executable, str(Path(__file__).with_name(
            "bench_baseline_driver.py")), str(workload)], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": code_path}, cwd=tmp, check=False)
        if child.returncode != 0:
            logging.warning("revision %s failed: %s", rev, child.stderr[-2000:])
            return None
        result: dict[str, float] = json.loads(child.stdout)
        return result


def best_driver_runs(args: argparse.Namespace, work: Workload, sentences: list[str],
                     en_terms: list[str]) -> tuple[dict[str, float] | None,
                                                   dict[str, float] | None]:
    """Each revision's driver ``--driver-runs`` times, alternating, the least CPU time of each
    measure kept: one run per revision let the load of a shared machine flip a verdict."""
    runs: dict[str | None, list[dict[str, float]]] = {args.baseline_rev: [], None: []}
    for _ in range(args.driver_runs):
        for rev in runs:
            result = run_driver(rev, work, sentences, en_terms)
            if result is not None:
                runs[rev].append(result)

    def best(results: list[dict[str, float]]) -> dict[str, float] | None:
        if not results:
            return None
        return {key: min(r[key] for r in results) for key in results[0]}

    return best(runs[args.baseline_rev]), best(runs[None])


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def check_section(out: TextIO, args: argparse.Namespace, work: Workload,
                  old: dict[str, float] | None, new: dict[str, float] | None) -> None:
    compile_s, check_s, findings = run_ours(work)
    sample = min(args.baseline_pairs, args.pairs)
    naive_s, _ = run_naive(work, sample)
    rate = args.pairs / check_s
    out.write(f"### 1. Check end to end\n\n{args.concepts:,} concepts "
              f"({sum(1 for _ in work.termbase.terms()):,} terms), {args.pairs:,} zh–en pairs, "
              f"{findings:,} findings\n\n")
    out.write("| method | pairs | CPU s | pairs/s | ours vs it |\n|---|---|---|---|---|\n")
    out.write(f"| naive: one regex per term | {sample:,} | {naive_s:.2f} | "
              f"{sample / naive_s:,.0f} | {rate / (sample / naive_s):,.0f}× |\n")
    if old:
        out.write(f"| glossalign check at {args.baseline_rev} ({old['findings']:,.0f} findings) "
                  f"| {args.pairs:,} | {old['check_s']:.2f} | {args.pairs / old['check_s']:,.0f} "
                  f"| {old['check_s'] / check_s:.2f}× |\n")
    out.write(f"| glossalign check (all rules) | {args.pairs:,} | {check_s:.2f} | {rate:,.0f} "
              f"| 1.00× |\n\nmatcher compile time (both languages): {compile_s:.2f} s\n\n")
    if old and new:
        speedup = old["check_s"] / new["check_s"]
        out.write(f"Same driver, each revision in a fresh process ({args.pairs:,} pairs, "
                  f"least of {args.driver_runs} alternating runs): "
                  f"{args.baseline_rev} {old['check_s']:.2f} CPU s, this tree "
                  f"{new['check_s']:.2f} CPU s.\n\nTarget: check ≥ 2× revision "
                  f"{args.baseline_rev}: {met(speedup >= 2)} ({speedup:.2f}×)\n\n")


def matcher_section(out: TextIO, args: argparse.Namespace, sentences: list[str],
                    terms: list[str], old: dict[str, float] | None,
                    new: dict[str, float] | None) -> None:
    texts = repeated(sentences, args.sentences)
    out.write(f"### 2. Matcher on real sentences\n\n{args.sentences:,} English sentences "
              f"({len(sentences):,} distinct, repeated), {len(terms):,} real n-gram terms\n\n")
    out.write("| matcher | build CPU s | match CPU s | sentences/s | hits | CPU vs raw |\n"
              "|---|---|---|---|---|---|\n")
    seconds: dict[str, float] = {}
    for name in BUILDERS:
        built = build(name, terms)
        best, hits = min(run(built, texts) for _ in range(args.repeats))
        seconds[name] = best
        label = f"{name} ({built.matcher.engine} path)" if name == OURS else name
        out.write(f"| {label} | {built.seconds:.2f} | {best:.2f} | {len(texts) / best:,.0f} | "
                  f"{hits:,} | {best / seconds[RAW]:.1f}× |\n")
    for label, measured in ((f"at {args.baseline_rev}", old), ("this tree", new)):
        if measured:
            out.write(f"| glossalign TermMatcher {label}, one find() per sentence, fresh "
                      f"process | — | {measured['match_s']:.2f} | "
                      f"{len(texts) / measured['match_s']:,.0f} | {measured['hits']:,.0f} | "
                      f"{measured['match_s'] / seconds[RAW]:.1f}× |\n")
    ours, raw, flash = seconds[OURS], seconds[RAW], seconds["flashtext"]
    out.write(f"\nTargets ({ENGINE} path): matcher within 3× of raw Aho-Corasick: "
              f"{met(ours <= 3 * raw)} "
              f"({ours / raw:.1f}×); ≥ 3× flashtext: {met(flash >= 3 * ours)} "
              f"({flash / ours:.1f}×)\n\n")


def scaling_section(out: TextIO, args: argparse.Namespace, sentences: list[str],
                    all_terms: list[str]) -> None:
    names = [RAW, "flashtext", SPACY, OURS]
    terms = all_terms[:args.terms]
    out.write("### 3. Scaling with text size (sentences/s; past "
              f"{len(sentences):,} the sentences repeat)\n\n| sentences | "
              + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n")
    built = {name: build(name, terms) for name in names}
    for size in args.text_sizes:
        texts = repeated(sentences, size)
        cells = []
        for name in names:
            if name == SPACY and size > args.spacy_max:
                cells.append("—")
                continue
            best, _ = run(built[name], texts)
            cells.append(f"{size / best:,.0f}")
        out.write(f"| {size:,} | " + " | ".join(cells) + " |\n")
    size = min(args.sentences, 100_000)
    texts = repeated(sentences, size)
    out.write(f"\n### 4. Scaling with glossary size ({size:,} sentences)\n\n"
              "| terms | matcher | build CPU s | build peak MB | sentences/s |\n"
              "|---|---|---|---|---|\n")
    for count in args.glossary_sizes:
        for name in names:
            if name == SPACY and count > args.terms:
                continue
            measured = build(name, all_terms[:count], measure_memory=True)
            timed = build(name, all_terms[:count])
            best, _ = run(timed, texts)
            out.write(f"| {count:,} | {name} | {timed.seconds:.2f} | {measured.peak_mb:.1f} | "
                      f"{size / best:,.0f} |\n")
    out.write("\n")


def long_line_section(out: TextIO, args: argparse.Namespace, sentences: list[str],
                      terms: list[str]) -> None:
    matcher = TermMatcher(termbase_of(terms), "en")
    lines: list[str] = []
    size = 0
    for text in repeated(sentences, 10 * args.sentences):
        lines.append(text)
        size += len(text) + 1
        if size >= args.long_line_mb * 2**20:
            break
    line = " ".join(lines)
    as_lines, _ = min(run(Built(OURS, matcher, 0, None), lines) for _ in range(args.repeats))
    one_line, _ = min(run(Built(OURS, matcher, 0, None), [line]) for _ in range(args.repeats))
    ratio = one_line / as_lines
    out.write(f"### 5. One long line\n\n{len(line) / 2**20:.1f} MB of text: as "
              f"{len(lines):,} lines {as_lines:.2f} CPU s, as one line {one_line:.2f} CPU s "
              f"({ratio:.2f}×). Target ≤ 2×: {met(ratio <= 2)}\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--baseline-pairs", type=int, default=300)
    parser.add_argument("--baseline-rev", default="037a824",
                        help="earlier revision to measure in the same run ('none' to skip)")
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--text-sizes", type=_sizes, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--glossary-sizes", type=_sizes, default=[1_000, 10_000, 100_000])
    parser.add_argument("--spacy-max", type=int, default=100_000,
                        help="largest text size given to spaCy (it is the slowest)")
    parser.add_argument("--long-line-mb", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=3, help="best of N for the main rows")
    parser.add_argument("--driver-runs", type=int, default=3,
                        help="fresh-process runs of each revision (alternating; best kept)")
    parser.add_argument("--sections", type=_sizes, default=list(SECTIONS),
                        help="which sections to run, e.g. 2,5 (default: all)")
    return parser.parse_args(argv)


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = sys.stdout
    work = make_workload(args.concepts, args.pairs)
    sentences = english_sentences()
    all_terms = ngram_terms(sentences, max(args.glossary_sizes + [args.terms]))
    terms = all_terms[:args.terms]
    old = new = None
    if args.baseline_rev != "none" and {1, 2} & set(args.sections):
        texts = repeated(sentences, args.sentences)
        old, new = best_driver_runs(args, work, texts, terms)
    out.write(f"check and matcher benchmark — {time.strftime('%Y-%m-%d')}, "
              f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
              f", one process; CPU seconds; matcher: {ENGINE} path\n\n")
    if 1 in args.sections:
        check_section(out, args, work, old, new)
    if 2 in args.sections:
        matcher_section(out, args, sentences, terms, old, new)
    if 3 in args.sections or 4 in args.sections:
        scaling_section(out, args, sentences, all_terms)
    if 5 in args.sections:
        long_line_section(out, args, sentences, terms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
