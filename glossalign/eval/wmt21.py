"""The WMT 2021 terminology task's metrics on its SGML files (Alam et al. 2021).

``wmt21_scores`` reproduces the task's reference scorer (``terminology_evaluation``): BLEU through
sacrebleu on the whitespace-normalized segments (the hypotheses are already tokenized by the
system; the scorer applies sacrebleu's default ``13a`` on top), exact-match term accuracy with a
lemma fallback, window overlap (w=2, 3) and 1 - TERm. Stanza lemmas are not available offline: the
fallback stems with Snowball (PyStemmer) for the target language, and reports its own hit count.
See ``wmt21_metrics`` for the matching rules and ``term_edit`` for TERm.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from sacrebleu.metrics import BLEU

from glossalign.errors import InputError, UsageError
from glossalign.eval.metrics import chosen_bleu_tokenizer
from glossalign.eval.wmt21_metrics import (
    PositionMode,
    ScoredTerm,
    Stem,
    exact_match_hits,
    prepare_terms,
    segment_term_ter,
    segment_window_overlap,
)
from glossalign.eval.wmt21_sgml import SgmlFile, SgmlSegment, read_sgml
from glossalign.languages import get_profile

logger = logging.getLogger(__name__)

WMT21_KEYS = ("exact_match", "window_overlap_2", "window_overlap_3", "one_minus_term", "bleu")
WINDOWS = (2, 3)
# A reference/hypothesis segment pair as the metrics read it: (ref tokens, hyp tokens, terms).
ScoredSegment = tuple[list[str], list[str], list[ScoredTerm]]


def wmt21_scores(
    src_sgm: str | Path,
    ref_sgm: str | Path,
    hyp_sgm: str | Path,
    tgt_lang: str,
    *,
    positions: PositionMode = "reference",
    term_cost: float = 2.0,
    bleu_tokenize: str | None = None,
) -> dict[str, float | int | str]:
    """All WMT21 terminology metrics for one system, plus hit counts and a signature.

    ``bleu_tokenize`` defaults to the target language's sacrebleu tokenizer: ``13a`` (what the
    reference scorer uses for every language) except ``zh``/``ja``/``ko``.
    """
    if positions not in ("reference", "annotated"):
        raise UsageError(f"unknown term position mode {positions!r}")
    src, ref, hyp = read_sgml(src_sgm), read_sgml(ref_sgm), read_sgml(hyp_sgm)
    pairs = pair_sgml_segments(src, ref, hyp)
    stem, stemmer_name = make_stem(tgt_lang)
    tokenize = chosen_bleu_tokenizer(tgt_lang, bleu_tokenize)
    segments = [(r.tokens, h.tokens, prepare_terms(r, positions)) for r, h in pairs]
    scores: dict[str, float | int | str] = {}
    scores.update(_term_accuracy(segments, stem))
    for window in WINDOWS:
        scores[f"window_overlap_{window}"] = _mean(
            segment_window_overlap(hyp, ref, terms, window, stem) for ref, hyp, terms in segments
        )
    scores["one_minus_term"] = 1.0 - _mean(
        segment_term_ter(hyp, ref, terms, stem, term_cost) for ref, hyp, terms in segments
    )
    # The task's files are tokenized by design: silence sacrebleu's "detokenize" warning.
    bleu = BLEU(tokenize=tokenize, force=True)
    bleu_score = bleu.corpus_score([h.text for _, h in pairs], [[r.text for r, _ in pairs]])
    scores["bleu"] = float(bleu_score.score)
    scores["signature"] = "|".join([
        "wmt21-term",
        f"positions:{positions}",
        f"lemma:{'snowball-' + stemmer_name if stemmer_name else 'none'}",
        f"term_cost:{term_cost:g}",
        f"bleu:{bleu.get_signature()}",
    ])
    return scores


def _term_accuracy(segments: list[ScoredSegment], stem: Stem | None) -> dict[str, float | int]:
    exact_hits = lemma_hits = term_count = 0
    for _, hyp_tokens, terms in segments:
        exact, lemma = exact_match_hits(hyp_tokens, terms, stem)
        exact_hits += exact
        lemma_hits += lemma
        term_count += len(terms)
    accuracy = (exact_hits + lemma_hits) / term_count if term_count else 0.0
    return {
        "exact_match": accuracy,
        "exact_hits": exact_hits,
        "lemma_hits": lemma_hits,
        "term_count": term_count,
    }


def pair_sgml_segments(
    src: SgmlFile, ref: SgmlFile, hyp: SgmlFile
) -> list[tuple[SgmlSegment, SgmlSegment]]:
    """(reference, hypothesis) segments in reference order; every file must have the same ids."""
    src_by_key, hyp_by_key = src.by_key(), hyp.by_key()
    pairs: list[tuple[SgmlSegment, SgmlSegment]] = []
    for segment in ref.segments:
        source = src_by_key.get(segment.key)
        if source is None:
            raise InputError(
                f"segment {segment.seg_id!r} is missing from {src.path}", ref.path, segment.line
            )
        if len(source.terms) != len(segment.terms):
            raise InputError(
                f"segment {segment.seg_id!r} has {len(segment.terms)} terms but the source "
                f"({src.path}:{source.line}) has {len(source.terms)}",
                ref.path,
                segment.line,
            )
        hypothesis = hyp_by_key.get(segment.key)
        if hypothesis is None:
            raise InputError(
                f"segment {segment.seg_id!r} is missing from {hyp.path}", ref.path, segment.line
            )
        pairs.append((segment, hypothesis))
    ref_keys = {s.key for s in ref.segments}
    _reject_extra(hyp, ref_keys)
    _reject_extra(src, ref_keys)
    return pairs


def _reject_extra(sgml: SgmlFile, keys: set[tuple[str, str]]) -> None:
    for segment in sgml.segments:
        if segment.key not in keys:
            raise InputError(
                f"segment {segment.seg_id!r} is not in the reference", sgml.path, segment.line
            )


def make_stem(tgt_lang: str) -> tuple[Stem | None, str | None]:
    """A list stemmer for the target language (case-folded Snowball), or None if unsupported."""
    profile = get_profile(tgt_lang)
    if profile.stemmer_name is None:
        logger.warning("no Snowball stemmer for %r: no lemma fallback in exact match", tgt_lang)
        return None, None
    return partial(_stem_tokens, profile.stem), profile.stemmer_name


def _stem_tokens(stem_word: Callable[[str], str], tokens: Sequence[str]) -> list[str]:
    return [stem_word(token) for token in tokens]


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
