"""Benchmark: glossary mining, precision and recall of the mined pairs against known terms.

    python -m glossalign.eval.bench_mine [--sizes 25,50,100,200,400]

1. WMT21 terminology en–fr dev set (``../shared/eval/term/wmt21-en-fr-dev``): the source and the
   reference are parallel segment by segment; the ``<term src=".." tgt="v1|v2">`` tags are the
   truth. A mined pair is correct when its source is a tagged source term and its target one of
   that term's renderings (case-insensitive). Precision at k: correct pairs among the first k;
   recall at k: tagged terms with a correct pair among the first k. Only terms that occur at
   least twice can be mined (``min_count``), so recall is also given against those.
   Untagged but genuine terms count as wrong: precision is a lower bound.
2. The bundled demo corpus (zh source, en reference, gold beads), zh→en, against the demo
   glossary (preferred/admitted pairs) and against the TICO-19 zh–en and en–zh term lists
   (COVID-19 vocabulary, which a text about cyberspace barely holds: coverage is reported).

Each row is our miner (C-value + Dice) and a frequency-only baseline, in the same run.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from glossalign.eval.real_text import DEMO, SHARED_EVAL
from glossalign.glossary.mine import MinedPair, mine_glossary
from glossalign.stage_data import Alignment, Bead, Segment

Truth = dict[str, set[str]]  # source term (lower case) -> accepted renderings (lower case)
METHODS = ("association", "frequency")


def wmt21_alignment(folder: Path) -> tuple[Alignment, Truth]:
    from glossalign.eval.wmt21_sgml import read_sgml

    src = read_sgml(folder / "dev.en-fr.en.sgm")
    ref = read_sgml(folder / "dev.en-fr.fr.sgm").by_key()
    src_segments, tgt_segments = [], []
    truth: Truth = defaultdict(set)
    for seg in src.segments:
        if seg.key not in ref:
            continue
        src_segments.append(Segment(seg.text, "en", src.path, seg.line))
        tgt_segments.append(Segment(ref[seg.key].text, "fr", "ref", ref[seg.key].line))
        for term in seg.terms:
            truth[term.src.lower()].update(v.strip().lower() for v in term.tgt_variants)
    return Alignment.line_by_line(src_segments, tgt_segments), dict(truth)


def demo_alignment() -> Alignment:
    zh = [line for line in (DEMO / "zh.txt").read_text(encoding="utf-8").split("\n") if line]
    en = [line for line in (DEMO / "en-ref.txt").read_text(encoding="utf-8").split("\n") if line]
    beads = []
    for bead in (DEMO / "zh-en-ref.align").read_text(encoding="utf-8").splitlines():
        src_ids, tgt_ids = (json.loads(part) for part in bead.split(":")[:2])
        beads.append(Bead(tuple(src_ids), tuple(tgt_ids)))
    return Alignment(tuple(Segment(t, "zh", "zh.txt", i + 1) for i, t in enumerate(zh)),
                     tuple(Segment(t, "en", "en-ref.txt", i + 1) for i, t in enumerate(en)),
                     tuple(beads))


def demo_truth() -> Truth:
    by_concept: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with (DEMO / "glossary.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["status"] in ("preferred", "admitted"):
                by_concept[row["concept"]][row["lang"]].append(row["term"].lower())
    truth: Truth = defaultdict(set)
    for langs in by_concept.values():
        for zh in langs.get("zh", []):
            truth[zh].update(langs.get("en", []))
    return dict(truth)


def tico_truth(folder: Path) -> Truth:
    """zh -> en from both TICO-19 lists (the en->zh ones reversed)."""
    truth: Truth = defaultdict(set)
    for name, zh_col, en_col in (("g_zh-CN_en.csv", "sourceString", "targetString"),
                                 ("g_en_zh-CN.csv", "targetString", "sourceString"),
                                 ("f_en-zh_CN.csv", "targetString", "sourceString")):
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for zh in row[zh_col].replace("：", ":").split(":"):
                    if zh.strip():
                        truth[zh.strip().lower()].add(row[en_col].strip().lower())
    return dict(truth)


def score(pairs: list[MinedPair], truth: Truth, k: int) -> tuple[float, float, int]:
    """(precision at k, recall at k, correct pairs) of the first k mined pairs."""
    top = pairs[:k]
    correct = [p for p in top if p.target.lower() in truth.get(p.source.lower(), ())]
    found = {p.source.lower() for p in correct}
    return (len(correct) / len(top) if top else 0.0, len(found) / len(truth) if truth else 0.0,
            len(correct))


def occurring(truth: Truth, alignment: Alignment, min_count: int) -> Truth:
    """The truth terms found in at least ``min_count`` source segments (what can be mined)."""
    texts = [s.text.lower() for s in alignment.src_segments]
    return {term: renderings for term, renderings in truth.items()
            if sum(1 for text in texts if term in text) >= min_count}


def table(out: object, title: str, alignment: Alignment, src: str, tgt: str, truths: dict[
          str, Truth], sizes: list[int], min_count: int) -> None:
    write = out.write  # type: ignore[attr-defined]
    write(f"### {title}\n\n| method | truth | terms | k | P@k | R@k | correct |\n"
          "|---|---|---|---|---|---|---|\n")
    for method in METHODS:
        started = time.process_time()
        pairs = mine_glossary(alignment, src, tgt, max_terms=max(sizes), min_count=min_count,
                              method=method)
        seconds = time.process_time() - started
        for name, truth in truths.items():
            for k in sizes:
                precision, recall, correct = score(pairs, truth, k)
                write(f"| {method} | {name} | {len(truth)} | {k} | {precision:.3f} | "
                      f"{recall:.3f} | {correct} |\n")
        write(f"| {method}: {len(pairs)} pairs mined in {seconds:.2f} CPU s | | | | | | |\n")
    write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200,400")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--data", type=Path, default=SHARED_EVAL / "term")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    out = sys.stdout
    out.write(f"glossary mining benchmark — {time.strftime('%Y-%m-%d')}\n\n")
    wmt, truth = wmt21_alignment(args.data / "wmt21-en-fr-dev")
    table(out, f"WMT21 en–fr dev ({len(wmt.beads)} segment pairs)", wmt, "en", "fr",
          {"all tagged": truth, f"tagged, ≥{args.min_count}×": occurring(truth, wmt,
                                                                          args.min_count)},
          sizes, args.min_count)
    demo = demo_alignment()
    tico = tico_truth(args.data / "tico19-en-zh")
    table(out, f"demo corpus zh→en ({len(demo.beads)} beads)", demo, "zh", "en",
          {"demo glossary": demo_truth(), "TICO-19 (all)": tico,
           "TICO-19 in the text": occurring(tico, demo, 1)}, sizes, args.min_count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
