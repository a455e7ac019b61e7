"""Benchmark: sentence-boundary precision and recall on the shared gold documents.

    python -m glossalign.eval.bench_segment [--data ../shared/eval/align] [--paragraph 20]

Each side of each gold document (one gold sentence per line) is joined back into running text, a
paragraph of ``--paragraph`` gold sentences at a time (a space between sentences, nothing in
Chinese), and split again. A gold boundary is where a gold sentence starts inside a paragraph
(paragraph starts are given away and not counted); a predicted boundary is where a predicted
sentence starts. Both are compared after skipping spaces, quotation marks and brackets (Text+Berg
writes ``… gai ? » Susi``: whether » ends one sentence or starts the next is not a boundary
question). Counts are pooled per set, language and part.

Dev/test: :mod:`glossalign.eval.gold_splits` (Text+Berg, ParIce: by document; Bible: halves of
its gold beads). The one knob, ``long_quote_chars`` (how long a quotation must be to be split
inside), is chosen on dev from a small grid per script (spaced, unspaced) and then reported on
test. Baseline in the same run: the splitter before quotation splitting
(:mod:`glossalign.eval.segment_baseline`), and today's splitter with quotation splitting off.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossalign.corpora.quotes import CLOSING_MARKS, OPENING_MARKS
from glossalign.corpora.sentences import (
    LONG_QUOTE_CHARS,
    LONG_QUOTE_CHARS_UNSPACED,
    split_sentences,
)
from glossalign.eval.bench_align import load_set
from glossalign.eval.gold_splits import split_beads, split_documents
from glossalign.eval.segment_baseline import split_sentences_before
from glossalign.eval.table_output import emit
from glossalign.languages import UNSPACED

SETS = ("bible", "textberg", "parice")
GRID = {"spaced": (None, 40, 60, 100, 200), "unspaced": (None, 10, 20, 40, 80)}
Splitter = Callable[[str, str], list[tuple[int, int]]]
_SKIPPED = frozenset(" \t\n") | CLOSING_MARKS | OPENING_MARKS | frozenset("\"'")


@dataclass(frozen=True, slots=True)
class Side:
    """One language side of one part of a gold document: its gold sentences."""

    set_name: str
    lang: str
    part: str  # dev | test
    sentences: tuple[str, ...]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    hits: int = 0
    seconds: float = 0.0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.hits += other.hits
        self.seconds += other.seconds

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Table:
    rows: dict[tuple[str, str, str], Counts] = field(default_factory=dict)  # system, group, part

    def counts(self, system: str, group: str, part: str) -> Counts:
        return self.rows.setdefault((system, group, part), Counts())


def sides(data: Path) -> Iterator[Side]:
    for set_name in SETS:
        documents = list(load_set(set_name, data))
        if len(documents) == 1:
            [document] = documents
            half = split_beads(document.gold)
            for lang, sentences, cut in ((document.src_lang, document.src, half.src_cut),
                                         (document.tgt_lang, document.tgt, half.tgt_cut)):
                yield Side(set_name, lang, "dev", tuple(sentences[:cut]))
                yield Side(set_name, lang, "test", tuple(sentences[cut:]))
            continue
        dev, _ = split_documents([d.name for d in documents])
        for document in documents:
            part = "dev" if document.name in dev else "test"
            yield Side(set_name, document.src_lang, part, document.src)
            yield Side(set_name, document.tgt_lang, part, document.tgt)


def _canonical(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SKIPPED:
        position += 1
    return position


def paragraphs(side: Side, size: int) -> Iterator[tuple[str, set[int]]]:
    """Running text of ``size`` gold sentences at a time, and its gold boundaries."""
    joiner = "" if side.lang in UNSPACED else " "
    sentences = [s.strip() for s in side.sentences if s.strip()]
    for first in range(0, len(sentences), size):
        text, starts = "", []
        for sentence in sentences[first:first + size]:
            if text:
                text += joiner
                starts.append(len(text))
            text += sentence
        yield text, {_canonical(text, k) for k in starts}


def score_side(side: Side, split: Splitter, size: int) -> Counts:
    counts = Counts()
    started = time.process_time()
    for text, gold in paragraphs(side, size):
        spans = split(text, side.lang)
        predicted = {_canonical(text, start) for start, _ in spans[1:]}
        counts.gold += len(gold)
        counts.predicted += len(predicted)
        counts.hits += len(gold & predicted)
    counts.seconds = time.process_time() - started
    return counts


def _with_quotes(chars: int | None) -> Splitter:
    return lambda text, lang: split_sentences(text, lang, long_quote_chars=chars)


def _script(lang: str) -> str:
    return "unspaced" if lang in UNSPACED else "spaced"


def tune(all_sides: Sequence[Side], size: int) -> dict[str, int | None]:
    """The grid value with the best pooled dev F1 per script (ties: the shipped default)."""
    chosen: dict[str, int | None] = {}
    defaults = {"spaced": LONG_QUOTE_CHARS, "unspaced": LONG_QUOTE_CHARS_UNSPACED}
    emit("\nTuning long_quote_chars on dev (pooled boundary F1)\n")
    emit("| script | value | dev P | dev R | dev F1 |")
    emit("|---|---|---|---|---|")
    for script, values in GRID.items():
        best: tuple[float, bool, int | None] | None = None
        for value in values:
            total = Counts()
            for side in all_sides:
                if side.part == "dev" and _script(side.lang) == script:
                    total.add(score_side(side, _with_quotes(value), size))
            label = "off" if value is None else str(value)
            emit(f"| {script} | {label} | {total.precision:.3f} | {total.recall:.3f} | "
                  f"{total.f1:.3f} |")
            candidate = (round(total.f1, 4), value == defaults[script], value)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        assert best is not None
        chosen[script] = best[2]
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/align"))
    parser.add_argument("--paragraph", type=int, default=20, help="gold sentences per paragraph")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        emit(f"no gold data at {args.data}", file=sys.stderr)
        return 2
    emit(f"# bench_segment on {platform.machine()}, Python {platform.python_version()}")
    all_sides = list(sides(args.data))
    chosen = tune(all_sides, args.paragraph)
    systems: dict[str, Callable[[Side], Splitter]] = {
        "before (no quotation splitting)": lambda side: split_sentences_before,
        "today, quotation splitting off": lambda side: _with_quotes(None),
        "today (shipped defaults)": lambda side: split_sentences,
        "today, long_quote_chars tuned on dev":
            lambda side: _with_quotes(chosen[_script(side.lang)]),
    }
    table = Table()
    for side in all_sides:
        group = f"{side.set_name} {side.lang}"
        for name, make in systems.items():
            table.counts(name, group, side.part).add(score_side(side, make(side), args.paragraph))
    print_table(table, systems, all_sides)
    print_verdicts(table, chosen)
    return 0


def print_table(table: Table, systems: dict[str, Callable[[Side], Splitter]],
                all_sides: Sequence[Side]) -> None:
    groups = list(dict.fromkeys(f"{s.set_name} {s.lang}" for s in all_sides))
    emit("\nBoundary precision / recall / F1 (dev | test), CPU seconds for both parts\n")
    emit("| set, language | system | dev P / R / F1 | test P / R / F1 | CPU s |")
    emit("|---|---|---|---|---|")
    for group in groups:
        for name in systems:
            dev, test = table.counts(name, group, "dev"), table.counts(name, group, "test")
            emit(f"| {group} | {name} | {_prf(dev)} | {_prf(test)} | "
                  f"{dev.seconds + test.seconds:.2f} |")


def _prf(counts: Counts) -> str:
    return f"{counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f}"


def print_verdicts(table: Table, chosen: dict[str, int | None]) -> None:
    """Target: no set gets worse than the splitter before, on test (pooled F1 per group)."""
    emit(f"\nlong_quote_chars chosen on dev: spaced {chosen['spaced']}, "
          f"unspaced {chosen['unspaced']} (shipped: {LONG_QUOTE_CHARS}, "
          f"{LONG_QUOTE_CHARS_UNSPACED})")
    groups = sorted({group for _, group, _ in table.rows})
    for group in groups:
        before = table.counts("before (no quotation splitting)", group, "test").f1
        today = table.counts("today (shipped defaults)", group, "test").f1
        verdict = "met" if today >= before - 1e-9 else "missed"
        emit(f"- {group}: test F1 {today:.3f} vs before {before:.3f} (no worse): {verdict}")


if __name__ == "__main__":
    sys.exit(main())
