"""Sentence-alignment benchmark: our offline aligner vs a Gale-Church baseline on three gold sets.

    python -m glossalign.eval.bench_align [--sets bible,textberg,parice] [--data DIR]

Both systems run in this process on the same presegmented inputs (one sentence per line) and are
scored with both metrics of :mod:`glossalign.eval.align_score`; the table prints the published
figures beside them. Times are CPU seconds of the alignment alone (BLAS limited to one thread); the
CC-CEDICT lexicon's build or cache load is timed separately.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossalign.corpora.readers import read_text
from glossalign.eval.align_score import (
    BeadPair,
    PaperScore,
    StrictLaxScore,
    merge_verse_beads,
    read_gold,
    score_paper,
    score_strict_lax,
)
from glossalign.models import Alignment, Segment
from glossalign.pipeline.align import AlignConfig, align_length_only, align_segments
from glossalign.pipeline.align.lexicon import Lexicon, cache_dir, default_lexicon

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "eval" / "align"
SETS = ("bible", "textberg", "parice")
# Gale-Church as published: bead types up to 2-2, GC priors, length cost only.
GALE_CHURCH = AlignConfig(max_bead_size=4, prior_larger=0.0, length_weight=1.0,
                          prior_null=0.0099, prior_one_two=0.089, prior_two_two=0.011)
PUBLISHED = {
    "bible": "paper F1: Gale-Church .821, Hunalign .895, Bleualign .788, Vecalign .978, "
             "Bertalign .979 (run time GC 3.7 s, Hunalign 2.4 s, Vecalign 4.7 s, Bertalign 1.7 s)",
    "textberg": "strict F1: Vecalign .863 (LaBSE) / .902 (LASER), Bertalign .940, SentAlign .932;"
                " lax F1: .988 / .986, .992, .964",
    "parice": "none on these metrics (SentAlign reports its own)",
}
TARGETS = {"bible": ("paper F1", 0.95), "textberg": ("strict F1", 0.90)}


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    src_lang: str
    tgt_lang: str
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    gold: tuple[BeadPair, ...]
    verses: tuple[tuple[str, ...], tuple[str, ...]] | None = None


@dataclass(slots=True)
class Result:
    system: str
    seconds: float = 0.0
    golds: list[Sequence[BeadPair]] = field(default_factory=list)
    tests: list[Sequence[BeadPair]] = field(default_factory=list)


def _lines(path: Path, drop_index: bool = False) -> tuple[str, ...]:
    lines = read_text(path).splitlines()
    if drop_index:  # ParIce: "index<TAB>sentence"
        lines = [line.split("\t", 1)[1] if "\t" in line else line for line in lines]
    return tuple(lines)


def _document(name: str, langs: tuple[str, str], src: tuple[str, ...], tgt: tuple[str, ...],
              gold: Path, verses: tuple[tuple[str, ...], tuple[str, ...]] | None = None
              ) -> Document:
    beads = read_gold(gold, src_count=len(src), tgt_count=len(tgt))
    return Document(name, langs[0], langs[1], src, tgt, tuple(beads), verses)


def load_set(name: str, data: Path) -> Iterator[Document]:
    """The documents of one gold set (see the gold sets' README for the layout)."""
    if name == "bible":
        base = data / "bible-en-zh"
        verses = (_lines(base / "001.en.verse"), _lines(base / "001.zh.verse"))
        yield _document("001", ("en", "zh"), _lines(base / "001.en"), _lines(base / "001.zh"),
                        base / "gold" / "001.align", verses)
    elif name == "textberg":
        base = data / "textberg-de-fr"
        for gold in sorted((base / "gold").iterdir()):
            yield _document(gold.name, ("de", "fr"), _lines(base / "de" / gold.name),
                            _lines(base / "fr" / gold.name), gold)
    elif name == "parice":
        base = data / "parice-en-is"
        for gold in sorted((base / "gold").iterdir()):
            yield _document(gold.name, ("en", "is"), _lines(base / "eng" / gold.name, True),
                            _lines(base / "isl" / gold.name, True), gold)
    else:
        raise ValueError(f"unknown gold set {name!r}; choose from {', '.join(SETS)}")


def _segments(texts: Sequence[str], lang: str) -> list[Segment]:
    return [Segment(text, lang, line=k + 1) for k, text in enumerate(texts)]


def _run(system: str, documents: Sequence[Document],
         align: Callable[[Document], Alignment]) -> Result:
    result = Result(system)
    for doc in documents:
        start = time.process_time()
        alignment = align(doc)
        result.seconds += time.process_time() - start
        beads = [(b.src, b.tgt) for b in alignment.beads]
        if doc.verses is not None:
            beads = merge_verse_beads(beads, *doc.verses)
        result.golds.append(doc.gold)
        result.tests.append(beads)
    return result


def _ours(lexicons: dict[tuple[str, str], Lexicon]) -> Callable[[Document], Alignment]:
    def align(doc: Document) -> Alignment:
        return align_segments(_segments(doc.src, doc.src_lang), _segments(doc.tgt, doc.tgt_lang),
                              doc.src_lang, doc.tgt_lang,
                              lexicon=lexicons[(doc.src_lang, doc.tgt_lang)])
    return align


def _gale_church(doc: Document) -> Alignment:
    return align_length_only(_segments(doc.src, doc.src_lang), _segments(doc.tgt, doc.tgt_lang),
                             config=GALE_CHURCH)


def _scores(result: Result) -> tuple[PaperScore, StrictLaxScore]:
    return score_paper(result.golds, result.tests), score_strict_lax(result.golds, result.tests)


def _row(name: str, result: Result, scores: tuple[PaperScore, StrictLaxScore],
         baseline_seconds: float) -> str:
    paper, strict = scores
    ratio = result.seconds / baseline_seconds if baseline_seconds else float("nan")
    return (f"| {name} | {result.system} | {paper.f1:.3f} | {strict.precision_strict:.3f} / "
            f"{strict.recall_strict:.3f} / {strict.f1_strict:.3f} | {strict.f1_lax:.3f} | "
            f"{result.seconds:.2f} | {ratio:.2f}x |")


def _target_line(name: str, scores: tuple[PaperScore, StrictLaxScore]) -> str | None:
    if name not in TARGETS:
        return None
    metric, bar = TARGETS[name]
    paper, strict = scores
    value = paper.f1 if metric == "paper F1" else strict.f1_strict
    verdict = "met" if value >= bar else f"missed by {bar - value:.3f}"
    return f"- {name}: {metric} {value:.3f} vs target {bar:.2f}: {verdict}"


def _load_lexicons(documents: Iterable[Document]) -> tuple[dict[tuple[str, str], Lexicon], str]:
    """The lexicon of each language pair, and a line saying how long CC-CEDICT took."""
    pairs = {(d.src_lang, d.tgt_lang) for d in documents}
    cached = any(cache_dir().glob("cedict-zh-en-*.marshal"))
    start = time.process_time()
    lexicons = {pair: default_lexicon(*pair) for pair in sorted(pairs)}
    seconds = time.process_time() - start
    if not any({"zh", "en"} == set(pair) for pair in pairs):
        return lexicons, "No bundled lexicon for these pairs (learnt dictionary, anchors, length)."
    how = "loaded from the cache" if cached else "built (first run) and cached"
    return lexicons, f"CC-CEDICT lexicon {how} in {seconds:.2f} CPU s (not in the times above)."


def run_benchmark(sets: Sequence[str], data: Path) -> str:
    """The markdown report for the chosen gold sets."""
    documents_of = [(name, list(load_set(name, data))) for name in sets]
    lexicons, lexicon_note = _load_lexicons(d for _, docs in documents_of for d in docs)
    lines = ["| set | system | paper F1 | strict P / R / F1 | lax F1 | CPU s | time vs GC |",
             "|---|---|---|---|---|---|---|"]
    notes, targets = [], []
    for name, documents in documents_of:
        baseline = _run("Gale-Church (same DP, length only)", documents, _gale_church)
        ours = _run("glossalign offline (length + lexicon + learnt)", documents, _ours(lexicons))
        ours_scores = _scores(ours)
        lines += [_row(name, baseline, _scores(baseline), baseline.seconds),
                  _row(name, ours, ours_scores, baseline.seconds)]
        notes.append(f"- {name}, published: {PUBLISHED[name]}")
        targets.append(_target_line(name, ours_scores))
    footer = [lexicon_note,
              "Paper F1: Liu & Zhu strict metric incl. null beads (Bible: consecutive predicted "
              "beads inside one verse merged first). Strict/lax: Vecalign's metric, pooled.",
              *notes, *(t for t in targets if t)]
    return "\n".join([*lines, "", *footer])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS),
                        help=f"comma-separated gold sets (default: {','.join(SETS)})")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of the gold sets (default: {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown or not args.data.is_dir():
        parser.error(f"unknown set(s) {unknown}" if unknown else f"no gold data at {args.data}")
    logging.basicConfig(level=logging.ERROR)
    sys.stdout.write(run_benchmark(sets, args.data) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
