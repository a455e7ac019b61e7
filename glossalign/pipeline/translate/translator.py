"""Translate lines with a seq2seq model, enforcing a glossary while decoding and after.

Sentences are sorted by length and translated in batches (less padding); each sentence carries
its own constraints into the batch (see ``processor.py``), so batching does not mix one
sentence's bans or required terms into another's. Blank input lines stay blank output lines.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossalign.errors import UsageError
from glossalign.glossary.model import TermBase
from glossalign.languages.bcp47 import parse_tag
from glossalign.pipeline.check import CheckResult, check_alignment, matcher_for
from glossalign.pipeline.translate.constraints import (
    MODES,
    ConstraintBuilder,
    SentenceConstraints,
    source_concepts,
)
from glossalign.pipeline.translate.model_families import (
    LanguagePlan,
    TranslationModel,
    load_model,
    prepare_languages,
)
from glossalign.pipeline.translate.records import (
    SentenceRecord,
    TranslationResult,
    finalize_sentence,
)
from glossalign.stage_data import Alignment, Segment

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of sentences just translated


def translate_lines(
    lines: Sequence[str | Segment],
    model: TranslationModel | str | Path,
    *,
    src_lang: str,
    tgt_lang: str,
    termbase: TermBase | None = None,
    batch_size: int = 8,
    num_beams: int = 4,
    progress: Progress | None = None,
    max_new_tokens: int | None = None,
    mode: str = "force",
) -> TranslationResult:
    """Translate every line; with a term base, enforce it and record how, per sentence.

    ``max_new_tokens`` defaults to twice the longest source of a batch (in tokens) plus room
    for its required terms. ``mode`` is ``force`` (hard constraints) or ``favour`` (biases).
    """
    if batch_size < 1 or num_beams < 1:
        raise UsageError("--batch-size and --num-beams must be at least 1")
    if max_new_tokens is not None and max_new_tokens < 1:
        raise UsageError(f"--max-new-tokens must be at least 1, not {max_new_tokens}")
    parse_tag(src_lang), parse_tag(tgt_lang)  # not a language tag: UsageError, not a guess
    if mode not in MODES:
        raise UsageError(f"enforcement mode must be force or favour, not {mode!r}")
    tm = model if isinstance(model, TranslationModel) else load_model(model)
    texts = [line.text if isinstance(line, Segment) else line for line in lines]
    numbers = [line.line if isinstance(line, Segment) else i + 1 for i, line in enumerate(lines)]
    plan = prepare_languages(tm, src_lang, tgt_lang)
    builder = (ConstraintBuilder(termbase, tm.tokenizer, tgt_lang) if termbase is not None
               else None)
    constraints = _sentence_constraints(texts, builder, src_lang)
    glue = builder.glue_ids if builder is not None and any(constraints) else []
    todo = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: -len(texts[i]))
    raw: dict[int, str] = {}
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        decoded = _generate(tm, plan, [texts[i] for i in batch], [constraints[i] for i in batch],
                            _Decoding(num_beams, max_new_tokens, mode, glue))
        raw.update(zip(batch, decoded, strict=True))
        if progress is not None:
            progress(len(batch))
    outputs, records = _finalize(texts, numbers, raw, constraints, termbase, tgt_lang, mode)
    settings = {"model": tm.name, "family": tm.family, "device": tm.device,
                "src_lang": src_lang, "tgt_lang": tgt_lang, "num_beams": num_beams,
                "batch_size": batch_size, "max_new_tokens": max_new_tokens, "mode": mode,
                "glossary_hash": termbase.content_hash() if termbase is not None else None}
    return TranslationResult(tuple(outputs), tuple(records), settings)


@dataclass(frozen=True, slots=True)
class _Decoding:
    num_beams: int
    max_new_tokens: int | None
    mode: str
    glue_ids: Sequence[int]


def _sentence_constraints(texts: Sequence[str], builder: ConstraintBuilder | None,
                          src_lang: str) -> list[SentenceConstraints]:
    if builder is None:
        return [SentenceConstraints() for _ in texts]
    matcher = matcher_for(builder.termbase, src_lang)
    return [builder.for_concepts(source_concepts(matcher.find(text))) if text.strip()
            else SentenceConstraints() for text in texts]


def _source_limit(tokenizer: Any, positions: int | None) -> int | None:
    """Source tokens the model can read: the tokenizer's limit, and never past the encoder's
    position table (a line longer than that raised IndexError inside the model)."""
    limits = [int(n) for n in (getattr(tokenizer, "model_max_length", None), positions)
              if n and int(n) < 1_000_000]  # tokenizers without a limit say ~1e30
    limit = min(limits) if limits else None
    if limit is not None:
        logger.debug("source lines are cut at %d tokens", limit)
    return limit


def _generate(tm: TranslationModel, plan: LanguagePlan, texts: Sequence[str],
              constraints: Sequence[SentenceConstraints], decoding: _Decoding) -> list[str]:
    import torch
    from transformers import LogitsProcessorList

    from glossalign.pipeline.translate.processor import GlossaryConstraintProcessor

    tokenizer = tm.tokenizer
    positions = getattr(tm.model.config, "max_position_embeddings", None)
    inputs = tokenizer([plan.source_prefix + t for t in texts], return_tensors="pt",
                       padding=True, truncation=True,
                       max_length=_source_limit(tokenizer, positions)).to(tm.device)
    need = max((sum(len(r.forced) for r in c.required) for c in constraints), default=0)
    new_tokens = decoding.max_new_tokens or 2 * int(inputs["input_ids"].shape[1]) + 8 + need
    if positions:  # the decoder cannot look past its position table
        new_tokens = min(new_tokens, int(positions) - 1)
    # max_length, not max_new_tokens: the decoder prompt is the start token, and the model's
    # own max_length would draw a warning per call otherwise.
    max_length = 1 + new_tokens
    kwargs: dict[str, object] = {"num_beams": decoding.num_beams, "max_length": max_length}
    if plan.forced_bos_token_id is not None:
        kwargs["forced_bos_token_id"] = plan.forced_bos_token_id
    if any(constraints):
        processor = GlossaryConstraintProcessor(
            constraints, content_start=plan.content_start, max_length=max_length,
            eos_token_id=_eos_id(tm), vocab_size=_vocab_size(tm), mode=decoding.mode,
            glue_ids=decoding.glue_ids)
        kwargs["logits_processor"] = LogitsProcessorList([processor])
    with torch.inference_mode():
        generated = tm.model.generate(**inputs, **kwargs)
    # Only the generated words: not the start token nor a forced language token, which some
    # tokenizers do not count as special.
    words = generated[:, plan.content_start:]
    return [" ".join(t.split()) for t in tokenizer.batch_decode(words, skip_special_tokens=True)]


def _eos_id(tm: TranslationModel) -> int:
    eos = tm.model.generation_config.eos_token_id
    if isinstance(eos, list):
        eos = eos[0]
    return int(eos if eos is not None else tm.tokenizer.eos_token_id)


def _vocab_size(tm: TranslationModel) -> int:
    return int(tm.model.get_output_embeddings().weight.shape[0])


def _finalize(texts: Sequence[str], numbers: Sequence[int], raw: dict[int, str],
              constraints: Sequence[SentenceConstraints], termbase: TermBase | None,
              tgt_lang: str, mode: str) -> tuple[list[str], list[SentenceRecord]]:
    outputs = [""] * len(texts)
    records: list[SentenceRecord] = []
    method = "decoder-constraint" if mode == "force" else "bias"
    for index in sorted(raw):
        if termbase is None:
            outputs[index] = raw[index]
            continue
        output, concepts = finalize_sentence(raw[index], constraints[index].concepts, termbase,
                                             tgt_lang, method)
        outputs[index] = output
        records.append(SentenceRecord(numbers[index], texts[index], output, raw[index],
                                      concepts))
    return outputs, records


def check_translation(sources: Sequence[str], outputs: Sequence[str], termbase: TermBase,
                      src_lang: str, tgt_lang: str) -> CheckResult:
    """The glossary check of translated lines against their sources, line by line."""
    src = [Segment(text, src_lang, None, i + 1) for i, text in enumerate(sources)]
    tgt = [Segment(text, tgt_lang, None, i + 1) for i, text in enumerate(outputs)]
    pairs = [(s, t) for s, t in zip(src, tgt, strict=True) if s.text.strip()]
    alignment = Alignment.line_by_line([s for s, _ in pairs], [t for _, t in pairs])
    return check_alignment(alignment, termbase, tgt_lang, src_lang)
