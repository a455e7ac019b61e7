"""Benchmark: batch throughput, scoring overhead against sacrebleu, and memory over many documents.

    python -m glossalign.eval.bench_batch [--docs 1000] [--segments 100000] [--sample-docs 100]

The corpus is synthetic but made of real sentences: the demo corpus' zh–en reference pairs (joined
along the gold beads), each source sentence given, with some probability, a planted term of a
generated glossary (the demo glossary plus ``--concepts`` generated concepts). The hypothesis is the
reference with word substitutions, drops and swaps, and some approved glossary renderings replaced
by deprecated ones. Documents are files listed in a JSONL manifest.

Measured in one run: ``glossalign batch`` throughput with 1 and 2 local workers; the scoring
overhead, i.e. our per-document sacrebleu stage (scores + sufficient statistics) against calling
sacrebleu's ``corpus_score`` for BLEU, chrF++ and TER directly on the same documents (and the whole
per-document pipeline against the same baseline, for scale); the driver's resident memory after
250, 500 and 1,000 documents of the 1-worker run (all work happens in the driver there); and that
the corpus BLEU/chrF++ combined from per-document statistics equals sacrebleu on the concatenation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossalign.glossary.io import read_glossary, write_glossary
from glossalign.glossary.model import Term, TermBase

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "data" / "demo"
CJK_POOL = "数据算法模型平台安全治理标准协议网络系统服务资源技术经济产业创新开放合作共享"
SYLLABLES = ("ka", "lo", "mi", "ner", "tus", "va", "pri", "sen", "dor", "quel", "fa", "zen")
CHECKPOINTS = (250, 500, 750, 1000)


@dataclass
class Corpus:
    manifest: Path
    glossary: Path
    docs: int
    segments: int

    def rows(self) -> list[dict[str, Any]]:
        """The manifest's rows, in order."""
        return [json.loads(line) for line in self.manifest.read_text(encoding="utf-8").splitlines()]


def demo_pairs() -> list[tuple[str, str]]:
    """(zh, en reference) pairs of the demo corpus along its gold beads (1-1, 2-1, 1-2 ...)."""
    zh = [line for line in (DEMO / "zh.txt").read_text(encoding="utf-8").split("\n") if line]
    en = [line for line in (DEMO / "en-ref.txt").read_text(encoding="utf-8").split("\n") if line]
    pairs = []
    for bead in (DEMO / "zh-en-ref.align").read_text(encoding="utf-8").splitlines():
        src_ids, tgt_ids = (json.loads(part) for part in bead.split(":")[:2])
        if src_ids and tgt_ids:
            pairs.append(("".join(zh[i] for i in src_ids), " ".join(en[i] for i in tgt_ids)))
    return pairs


def make_glossary(concepts: int, rng: random.Random) -> tuple[TermBase, list[tuple[str, ...]]]:
    """The demo glossary plus generated concepts; returns (zh, preferred, deprecated) of those."""
    base = read_glossary(DEMO / "glossary.csv")
    planted: list[tuple[str, ...]] = []
    seen: set[str] = {t.text for t in base.terms()}
    while len(planted) < concepts:
        zh = "".join(rng.choice(CJK_POOL) for _ in range(rng.randint(4, 6)))
        good = " ".join(_word(rng) for _ in range(rng.randint(1, 3)))
        bad = f"{good} {_word(rng)}"
        if zh in seen or good in seen:
            continue
        seen.update((zh, good, bad))
        cid = f"gen-{len(planted)}"
        for term in (Term(cid, "zh", zh, "preferred"), Term(cid, "en", good, "preferred"),
                     Term(cid, "en", bad, "deprecated")):
            base.add(term)
        planted.append((zh, good, bad))
    return base, planted


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def make_segment(pair: tuple[str, str], planted: list[tuple[str, ...]], vocabulary: list[str],
                 rng: random.Random) -> tuple[str, str, str]:
    """(source, hypothesis, reference) from a real pair, a planted term and MT-like noise."""
    zh, ref = pair
    hyp_words = []
    for word in ref.split():
        roll = rng.random()
        if roll < 0.04:
            continue
        hyp_words.append(rng.choice(vocabulary) if roll < 0.14 else word)
    if len(hyp_words) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(hyp_words) - 1)
        hyp_words[i], hyp_words[i + 1] = hyp_words[i + 1], hyp_words[i]
    hyp = " ".join(hyp_words)
    if rng.random() < 0.3:
        term_zh, good, bad = rng.choice(planted)
        roll = rng.random()
        rendering = good if roll < 0.8 else bad if roll < 0.95 else "it"
        zh, ref, hyp = f"{zh}（{term_zh}）", f"{ref} ({good})", f"{hyp} ({rendering})"
    return zh, hyp, ref


def make_corpus(folder: Path, docs: int, segments: int, concepts: int = 500,
                seed: int = 13) -> Corpus:
    """Write ``docs`` documents (``segments`` lines in all) and a manifest under ``folder``."""
    rng = random.Random(seed)
    termbase, planted = make_glossary(concepts, rng)
    glossary = folder / "glossary.csv"
    write_glossary(termbase, glossary)
    pairs = demo_pairs()
    vocabulary = sorted({w for _, en in pairs for w in en.split()})
    manifest = folder / "manifest.jsonl"
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    with manifest.open("w", encoding="utf-8") as out:
        for doc in range(docs):
            count = segments // docs + (1 if doc < segments % docs else 0)
            lines = [make_segment(rng.choice(pairs), planted, vocabulary, rng)
                     for _ in range(count)]
            row = {"id": f"doc-{doc:05d}", "src_lang": "zh", "tgt_lang": "en"}
            for side, index in (("source", 0), ("hypothesis", 1), ("reference", 2)):
                path = folder / "docs" / f"{doc:05d}.{side}.txt"
                path.write_text("".join(line[index] + "\n" for line in lines), encoding="utf-8")
                row[f"{side}_path"] = str(path.relative_to(folder))
            out.write(json.dumps(row) + "\n")
    return Corpus(manifest, glossary, docs, segments)


def rss_bytes() -> int:
    """Resident memory of this process (Linux ``/proc``; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class MemoryProbe:
    """A progress sink that samples this process' memory after every chunk, per checkpoint."""

    def __init__(self, checkpoints: list[int]):
        self.checkpoints = checkpoints
        self.done = 0
        self.peak = 0
        # checkpoint -> (current RSS, peak RSS so far, sacrebleu tokenizer cache entries)
        self.at: dict[int, tuple[int, int, int]] = {}

    def start(self, total: int) -> None:
        self.peak = max(self.peak, rss_bytes())

    def advance(self, count: int) -> None:
        self.done += count
        rss = rss_bytes()
        self.peak = max(self.peak, rss)
        for checkpoint in self.checkpoints:
            if self.done >= checkpoint and checkpoint not in self.at:
                self.at[checkpoint] = (rss, self.peak, sum(sacrebleu_caches().values()))


def cached_tokenizers() -> tuple[Any, ...]:
    """sacrebleu's tokenizer classes whose ``__call__`` is an LRU cache (2**16 lines each)."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
    from sacrebleu.tokenizers.tokenizer_re import TokenizerRegexp
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    return Tokenizer13a, TokenizerRegexp, TercomTokenizer


def sacrebleu_caches() -> dict[str, int]:
    """Entries in sacrebleu's tokenizer LRU caches."""
    return {cls.__name__: cls.__call__.cache_info().currsize for cls in cached_tokenizers()}


def clear_sacrebleu_caches() -> None:
    """Empty sacrebleu's tokenizer caches, so that no timed call reuses another one's work."""
    for cls in cached_tokenizers():
        cls.__call__.cache_clear()


@dataclass(frozen=True)
class RunResult:
    label: str
    docs: int
    segments: int
    seconds: float
    outdir: Path


def run_engine(corpus: Corpus, folder: Path, label: str, docs: int, workers: int,
               engine: str = "local", probe: MemoryProbe | None = None) -> RunResult:
    from glossalign.pipeline.batch.runner import BatchOptions, run_batch

    manifest = corpus.manifest
    if docs < corpus.docs:
        manifest = folder / f"manifest-{docs}.jsonl"
        with corpus.manifest.open(encoding="utf-8") as src:
            manifest.write_text("".join(next(src) for _ in range(docs)), encoding="utf-8")
    outdir = folder / f"out-{engine}-{workers}-{docs}"
    options = BatchOptions(manifest, outdir, corpus.glossary, workers, engine=engine)
    clear_sacrebleu_caches()
    outcome = run_batch(options, probe)
    return RunResult(label, outcome.summary["ok"], outcome.summary["corpus"]["segments"],
                     outcome.seconds, outdir)


def measure_overhead(corpus: Corpus, sample: int) -> dict[str, float]:
    """Seconds for our sacrebleu stage, our whole document pipeline and plain sacrebleu."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    from glossalign.pipeline.batch.document import (
        DocumentContext,
        read_document,
        sacrebleu_columns,
        score_document,
    )

    termbase = read_glossary(corpus.glossary)
    context = DocumentContext(str(corpus.manifest.parent), termbase)
    rows = corpus.rows()[:sample]
    score_document(rows[0], context)  # warm-up: imports, matchers, jieba
    times = {"ours_scoring": 0.0, "ours_pipeline": 0.0, "sacrebleu": 0.0}
    for row in rows:
        texts = read_document(row, corpus.manifest.parent)
        clear_sacrebleu_caches()
        started = time.perf_counter()
        for metric in (BLEU(tokenize="13a"), CHRF(word_order=2), TER()):
            metric.corpus_score(texts.hypothesis, [texts.reference])
        times["sacrebleu"] += time.perf_counter() - started
        clear_sacrebleu_caches()
        started = time.perf_counter()
        sacrebleu_columns(texts.hypothesis, texts.reference, "en")
        times["ours_scoring"] += time.perf_counter() - started
        clear_sacrebleu_caches()
        started = time.perf_counter()
        score_document(row, context)
        times["ours_pipeline"] += time.perf_counter() - started
    return times


def check_combination(corpus: Corpus, outdir: Path, docs: int) -> tuple[float, float]:
    """(largest |difference| of corpus BLEU/chrF++/TER from summed statistics vs sacrebleu on the
    concatenated text of the first ``docs`` documents, that BLEU)."""
    from glossalign.eval.metrics import corpus_scores
    from glossalign.pipeline.batch.document import SACREBLEU_COLUMNS
    from glossalign.pipeline.batch.results import JSONL_NAME, iter_jsonl
    from glossalign.pipeline.batch.summary import summarize

    rows = corpus.rows()
    ids = {row["id"] for row in rows[:docs]}
    summary = summarize(r for r in iter_jsonl(outdir / JSONL_NAME) if r["id"] in ids)["corpus"]
    hyps: list[str] = []
    refs: list[str] = []
    for row in rows[:docs]:
        hyps += (corpus.manifest.parent / row["hypothesis_path"]).read_text("utf-8").splitlines()
        refs += (corpus.manifest.parent / row["reference_path"]).read_text("utf-8").splitlines()
    direct = corpus_scores(hyps, [refs], "en")
    diffs = [abs(summary[column] - direct[key].score) for column, key in SACREBLEU_COLUMNS.items()]
    return max(diffs), direct["bleu"].score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--concepts", type=int, default=500)
    parser.add_argument("--subset-docs", type=int, default=250,
                        help="documents for the throughput runs (the memory run does all)")
    parser.add_argument("--sample-docs", type=int, default=50,
                        help="documents for the scoring-overhead measurement")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = parser.parse_args(argv)
    subset = min(args.subset_docs, args.docs)
    checkpoints = sorted({max(1, args.docs * c // CHECKPOINTS[-1]) for c in CHECKPOINTS})
    with tempfile.TemporaryDirectory(prefix="glossalign-bench-") as tmp:
        folder = Path(tmp)
        corpus = make_corpus(folder, args.docs, args.segments, args.concepts)
        probe = MemoryProbe(checkpoints)
        # First, in a process that has scored nothing yet: every document in this process.
        memory_run = run_engine(corpus, folder, "local, 1 worker, all documents", args.docs, 1,
                                probe=probe)
        runs = [run_engine(corpus, folder, "local, 1 worker", subset, 1),
                run_engine(corpus, folder, "local, 2 workers", subset, 2)]
        if not args.no_dask:
            runs.append(run_engine(corpus, folder, "dask LocalCluster, 2 workers", subset, 2,
                                   "dask"))
        runs.append(memory_run)
        overhead = measure_overhead(corpus, min(args.sample_docs, args.docs))
        sample = min(args.sample_docs, subset)
        max_diff, bleu = check_combination(corpus, runs[0].outdir, sample)
    write_report(args, corpus, runs, probe, overhead, (max_diff, bleu, sample))
    return 0


def write_report(args: argparse.Namespace, corpus: Corpus, runs: list[RunResult],
                 probe: MemoryProbe, overhead: dict[str, float],
                 combination: tuple[float, float, int]) -> None:
    out = sys.stdout
    mib = 1024 * 1024
    out.write(f"batch benchmark — {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
              f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n\n")
    out.write(f"{corpus.docs:,} documents, {corpus.segments:,} zh–en segments "
              f"({corpus.segments // max(corpus.docs, 1)} per document), glossary of "
              f"{args.concepts} generated + the demo concepts; times are end to end "
              "(glossary, manifest, workers' start, scoring, writing, summary)\n\n")
    base = runs[0].segments / runs[0].seconds
    out.write("| run | documents | segments | seconds | documents/s | segments/s | vs 1 worker |\n")
    out.write("|---|---|---|---|---|---|---|\n")
    for run in runs:
        rate = run.segments / run.seconds
        out.write(f"| {run.label} | {run.docs:,} | {run.segments:,} | {run.seconds:.1f} | "
                  f"{run.docs / run.seconds:.2f} | {rate:,.0f} | {rate / base:.2f}× |\n")
    sample = min(args.sample_docs, corpus.docs)
    out.write(f"\nscoring overhead on {sample} documents (same data, same run, sacrebleu's "
              "tokenizer caches emptied before each timed call):\n\n")
    out.write("| stage | seconds | vs sacrebleu corpus_score |\n|---|---|---|\n")
    for key, label in (("sacrebleu", "sacrebleu BLEU+chrF+++TER corpus_score (baseline)"),
                       ("ours_scoring", "ours: sacrebleu stage (scores + sufficient statistics)"),
                       ("ours_pipeline", "ours: whole document pipeline (read, check, score)")):
        out.write(f"| {label} | {overhead[key]:.2f} | "
                  f"{overhead[key] / overhead['sacrebleu']:.2f}× |\n")
    out.write("\nmemory of the 1-worker run over all documents (one process does everything):"
              "\n\n| documents done | RSS MiB | peak RSS so far MiB | sacrebleu tokenizer cache "
              "lines (bounded at 3 × 65,536) |\n|---|---|---|---|\n")
    for checkpoint in probe.checkpoints:
        rss, peak, cached = probe.at.get(checkpoint, (0, 0, 0))
        out.write(f"| {checkpoint:,} | {rss / mib:.0f} | {peak / mib:.0f} | {cached:,} |\n")
    max_diff, bleu, docs = combination
    out.write(f"\ncorpus scores from summed per-document statistics vs sacrebleu on the "
              f"concatenated {docs} documents: largest difference {max_diff:.2e} "
              f"(BLEU {bleu:.2f})\n")


if __name__ == "__main__":
    raise SystemExit(main())
