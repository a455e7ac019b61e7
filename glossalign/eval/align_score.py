"""Sentence-alignment scores against gold beads: the two metrics the literature reports.

- :func:`score_strict_lax` is the Vecalign/Bertalign metric (Sennrich & Volk style strict and lax
  precision/recall/F1, counts pooled over files; beads empty on both sides dropped; recall computed
  with every bead that has an empty side removed from both lists).
- :func:`score_paper` is the strict metric of Liu & Zhu (2022, ``aligner-eval``): exact matches over
  predicted beads and over gold beads, null beads included, pooled over files.
- :func:`merge_verse_beads` merges consecutive predicted beads that lie inside one Bible verse, as
  ``aligner-eval``'s ``eval_bible.py`` does before strict matching (its quirks kept, see there).

A bead here is a pair of tuples of sentence ids; :func:`read_gold` reads the one-bead-per-line
format ``[0, 1]:[2]`` (Python list syntax, 0-based; the aligner's beads format).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossalign.corpora.beads import parse_beads_line
from glossalign.corpora.readers import read_text

log = logging.getLogger(__name__)

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class StrictLaxScore:
    """Vecalign/Bertalign metric; counts are pooled over all files."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


@dataclass(frozen=True, slots=True)
class PaperScore:
    """Liu & Zhu (2022) strict metric: exact bead matches, null beads included."""

    precision: float
    recall: float
    f1: float
    matches: int
    predicted: int
    gold: int


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def _precision_counts(gold: Iterable[BeadPair],
                      test: Iterable[BeadPair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    linked: dict[int, set[int]] = defaultdict(set)
    for gold_src, gold_tgt in gold_set:
        for src_id in gold_src:
            linked[src_id].update(gold_tgt)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for test_src, test_tgt in test_set:
        if (test_src, test_tgt) in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        reachable: set[int] = set()
        for src_id in test_src:
            reachable |= linked.get(src_id, set())
        if reachable.intersection(test_tgt):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def score_strict_lax(gold_docs: Sequence[Sequence[BeadPair]],
                     test_docs: Sequence[Sequence[BeadPair]]) -> StrictLaxScore:
    """Strict and lax P/R/F1 pooled over documents (Vecalign's ``score_multiple``)."""
    if len(gold_docs) != len(test_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(test_docs)} predicted ones")
    p_counts = [0, 0, 0, 0]
    r_counts = [0, 0, 0, 0]
    for gold, test in zip(gold_docs, test_docs, strict=True):
        for k, value in enumerate(_precision_counts(gold, test)):
            p_counts[k] += value
        test_full = [(s, t) for s, t in test if s and t]
        gold_full = [(s, t) for s, t in gold if s and t]
        for k, value in enumerate(_precision_counts(test_full, gold_full)):
            r_counts[k] += value
    p_strict = _ratio(p_counts[0], p_counts[0] + p_counts[1])
    p_lax = _ratio(p_counts[2], p_counts[2] + p_counts[3])
    r_strict = _ratio(r_counts[0], r_counts[0] + r_counts[1])
    r_lax = _ratio(r_counts[2], r_counts[2] + r_counts[3])
    return StrictLaxScore(p_strict, r_strict, _f1(p_strict, r_strict),
                          p_lax, r_lax, _f1(p_lax, r_lax))


def score_paper(gold_docs: Sequence[Sequence[BeadPair]],
                test_docs: Sequence[Sequence[BeadPair]]) -> PaperScore:
    """Exact matches / predicted beads and / gold beads, pooled (``aligner-eval`` ``eval.py``)."""
    if len(gold_docs) != len(test_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(test_docs)} predicted ones")
    matches = predicted = total_gold = 0
    for gold, test in zip(gold_docs, test_docs, strict=True):
        gold_set = {(tuple(s), tuple(t)) for s, t in gold}
        matches += sum((tuple(s), tuple(t)) in gold_set for s, t in test)
        predicted += len(test)
        total_gold += len(gold)
    precision = _ratio(matches, predicted)
    recall = _ratio(matches, total_gold)
    return PaperScore(precision, recall, _f1(precision, recall), matches, predicted, total_gold)


def _verse_of_bead(bead: BeadPair, src_verses: Sequence[str],
                   tgt_verses: Sequence[str]) -> str | None:
    """The one verse a bead lies in, or None when it straddles verses ('NULL' side = either)."""
    src_kinds = list(dict.fromkeys(src_verses[i] for i in bead[0])) or ["NULL"]
    tgt_kinds = list(dict.fromkeys(tgt_verses[i] for i in bead[1])) or ["NULL"]
    if len(src_kinds) != 1 or len(tgt_kinds) != 1:
        return None
    src_kind, tgt_kind = src_kinds[0], tgt_kinds[0]
    if src_kind == tgt_kind:
        return src_kind
    if src_kind == "NULL":
        return tgt_kind
    if tgt_kind == "NULL":
        return src_kind
    return None


def merge_verse_beads(beads: Sequence[BeadPair], src_verses: Sequence[str],
                      tgt_verses: Sequence[str]) -> list[BeadPair]:
    """Merge consecutive beads that lie inside one verse (``aligner-eval`` ``eval_bible.py``).

    Kept quirk: a bead that follows a bead straddling verses (or the first bead) is never merged
    into its predecessor, even when both lie in the same verse.
    """
    merged: list[tuple[list[int], list[int]]] = []
    last_kind: str | None = None
    for src, tgt in beads:
        kind = _verse_of_bead((src, tgt), src_verses, tgt_verses)
        if last_kind and kind == last_kind:
            merged[-1][0].extend(src)
            merged[-1][1].extend(tgt)
        else:
            merged.append((list(src), list(tgt)))
        last_kind = kind
    return [(tuple(s), tuple(t)) for s, t in merged]


def parse_bead_pair(text: str, path: str | Path | None = None, line: int | None = None) -> BeadPair:
    """``[0, 1]:[2]`` (an optional ``:score`` after it is dropped) -> ``((0, 1), (2,))``."""
    bead = parse_beads_line(text, path, line)
    return bead.src, bead.tgt


def read_gold(path: str | Path, *, src_count: int | None = None,
              tgt_count: int | None = None) -> list[BeadPair]:
    """Gold beads from a file; with counts, ids past the end of a text are dropped with a warning.

    ParIce's ``u_1.txt`` has one bead ``[41]:[]`` past the end of its 41-line text: this drops it.
    """
    beads: list[BeadPair] = []
    for number, text in enumerate(read_text(path).splitlines(), 1):
        if not text.strip():
            continue
        src, tgt = parse_bead_pair(text, path, number)
        kept_src = tuple(i for i in src if src_count is None or i < src_count)
        kept_tgt = tuple(j for j in tgt if tgt_count is None or j < tgt_count)
        if (kept_src, kept_tgt) != (src, tgt):
            log.warning("%s:%d: bead %s refers past the end of the text; dropped those ids",
                        path, number, text.strip())
        if kept_src or kept_tgt:
            beads.append((kept_src, kept_tgt))
    return beads
