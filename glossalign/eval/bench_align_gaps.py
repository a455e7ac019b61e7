"""Long omissions and additions: the Bible with a passage left out of one side.

    python -m glossalign.eval.bench_align_gaps [--scorer lexical] [--data DIR]

A translation that stops early, leaves out a chapter, or adds a preface moves the true path far
off the length diagonal. Each scenario removes the sentences of a run of gold beads from one side
(the target: an omission; the source: an addition, seen from the translation), turns those beads
into null beads of the gold, and aligns the rest with the first pass's band re-centring
(``AlignConfig.band_recentre``, :mod:`glossalign.pipeline.align.recentre`) on and off, in the same
process. Strict F1 is Vecalign's metric on the sentence-level gold (no verse merging, so it is
below the paper F1 of ``bench_align``). CPU seconds are the alignment's alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from glossalign.errors import UsageError
from glossalign.eval.align_score import BeadPair, score_strict_lax
from glossalign.eval.bench_align import DEFAULT_DATA, Document, line_segments, load_set
from glossalign.pipeline.align import AlignConfig, align_segments
from glossalign.pipeline.align.embeddings import clear_embedding_cache
from glossalign.pipeline.align.lexicon import default_lexicon
from glossalign.pipeline.align.scorers import scorer_entry
from glossalign.stage_data import Segment

# (name, side whose sentences are removed, first gold bead removed, beads removed)
SCENARIOS = (
    ("no gap", "tgt", 0, 0),
    ("translation stops early (last 747 beads)", "tgt", 4000, 747),
    ("first chapters untranslated (400 beads)", "tgt", 0, 400),
    ("a middle passage left out (1,200 beads)", "tgt", 1500, 1200),
    ("a passage of 300 beads left out", "tgt", 2000, 300),
    ("translation adds a preface (600 beads)", "src", 0, 600),
    ("translation adds an appendix (447 beads)", "src", 4300, 447),
)
NOT_WORSE_BY = 0.005  # re-centring must not cost more strict F1 than this on any scenario


@dataclasses.dataclass(frozen=True, slots=True)
class GapDocument:
    src: list[Segment]
    tgt: list[Segment]
    gold: list[BeadPair]


def without_passage(doc: Document, side: str, first: int, count: int,
                    keep: int | None = None) -> GapDocument:
    """The first ``keep`` gold beads of ``doc`` (all by default), with the sentences of beads
    ``first .. first + count - 1`` removed from ``side`` ("src" or "tgt")."""
    beads = doc.gold[:keep]
    src_count = max((i for src, _ in beads for i in src), default=-1) + 1
    tgt_count = max((j for _, tgt in beads for j in tgt), default=-1) + 1
    cut = 0 if side == "src" else 1
    texts = (doc.src[:src_count], doc.tgt[:tgt_count])
    kept: list[str] = []
    new_ids: dict[int, int] = {}
    removed = {i for bead in beads[first:first + count] for i in bead[cut]}
    for i, text in enumerate(texts[cut]):
        if i not in removed:
            new_ids[i] = len(kept)
            kept.append(text)
    gold = []
    for src, tgt in beads:
        sides = [tuple(src), tuple(tgt)]
        sides[cut] = tuple(new_ids[i] for i in sides[cut] if i in new_ids)
        if sides[0] or sides[1]:
            gold.append((sides[0], sides[1]))
    sides_text = [list(texts[0]), list(texts[1])]
    sides_text[cut] = kept
    return GapDocument(line_segments(sides_text[0], doc.src_lang),
                       line_segments(sides_text[1], doc.tgt_lang), gold)


def strict_f1(doc: GapDocument, langs: tuple[str, str], scorer: str, recentre: bool
              ) -> tuple[float, float]:
    """(strict F1, CPU seconds) of one alignment."""
    tuned = dataclasses.replace(AlignConfig(), **scorer_entry(scorer).tuned)  # type: ignore[arg-type]
    config = dataclasses.replace(tuned, band_recentre=recentre)
    lexicon = default_lexicon(*langs)
    clear_embedding_cache()  # each run encodes what it needs, as a fresh process would
    start = time.process_time()
    alignment = align_segments(doc.src, doc.tgt, *langs, config=config, lexicon=lexicon,
                               scorer=scorer)
    seconds = time.process_time() - start
    predicted = [(b.src, b.tgt) for b in alignment.beads]
    return score_strict_lax([doc.gold], [predicted]).f1_strict, seconds


def run_benchmark(data: Path, scorer: str) -> list[str]:
    bible = next(load_set("bible", data))
    langs = (bible.src_lang, bible.tgt_lang)
    # Loads stay out of the times: the lexicon's cache, and the encoder's model.
    strict_f1(without_passage(bible, "tgt", 0, 0, keep=20), langs, scorer, True)
    lines = [f"# Long omissions and additions: Bible en->zh, `{scorer}` scorer, strict F1 "
             "(sentence-level gold)", "",
             "| scenario | sentences src / tgt | re-centring on | off | CPU s on / off |",
             "|---|---|---|---|---|"]
    worst = 1.0
    for name, side, first, count in SCENARIOS:
        doc = without_passage(bible, side, first, count)
        (on, on_s), (off, off_s) = (strict_f1(doc, langs, scorer, flag) for flag in (True, False))
        worst = min(worst, on - off)
        lines.append(f"| {name} | {len(doc.src):,} / {len(doc.tgt):,} | {on:.3f} | {off:.3f} | "
                     f"{on_s:.1f} / {off_s:.1f} |")
        sys.stderr.write(lines[-1] + "\n")
        sys.stderr.flush()
    verdict = "met" if worst >= -NOT_WORSE_BY else "not met"
    lines += ["", f"- re-centring not worse than without by more than {NOT_WORSE_BY} on any "
                  f"scenario (worst difference {worst:+.3f}): {verdict}"]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scorer", default="lexical", help="lexical (default) or use")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder of the gold sets (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        scorer_entry(args.scorer)
    except UsageError as exc:
        sys.stderr.write(f"bench_align_gaps: {exc}\n")
        return 2
    if not (args.data / "bible-en-zh").is_dir():
        sys.stderr.write(f"bench_align_gaps: no Bible gold set under {args.data}\n")
        return 2
    sys.stdout.write("\n".join(run_benchmark(args.data, args.scorer)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
