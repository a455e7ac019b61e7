"""Optional neural scorer: a transformers sentence encoder (LaBSE-compatible) for the same DP.

Sentences and their concatenations (up to the longest span a bead can have) are encoded once,
mean-pooled over the attention mask and L2-normalised; a bead's similarity is the cosine of its two
sides (see :mod:`~glossalign.pipeline.align.embeddings`). torch and transformers are imported
only when a model is loaded. Registered as the ``hf:<model>`` scorer, combined with the lexical
one; it covers whatever languages the model was trained on (LaBSE: 109), which is not checked.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from glossalign.environment import hub_reachable, scoped_environ
from glossalign.errors import GlossalignError
from glossalign.languages import get_profile
from glossalign.pipeline.align.combined import CombinedScorer
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.embeddings import BoundEmbeddings
from glossalign.pipeline.align.scorers import (
    ScorerEntry,
    ScorerRequest,
    lexical_scorer,
    register_scorer,
)
from glossalign.pipeline.align.similarity import SentenceScorer
from glossalign.pipeline.translate.offline import in_hub_cache, require_modules

log = logging.getLogger(__name__)


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _load(name: str, local_only: bool) -> tuple[Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=local_only)
        model = AutoModel.from_pretrained(name, local_files_only=local_only)
    except (OSError, ValueError) as err:
        raise GlossalignError(f"cannot load the sentence encoder {name!r}: "
                              f"{str(err).splitlines()[0] if str(err) else type(err).__name__}"
                              ) from None
    return tokenizer, model


class EncoderScorer:
    """A :class:`~glossalign.pipeline.align.similarity.SentenceScorer` backed by an encoder."""

    def __init__(self, tokenizer: Any, model: Any, device: Any, *, batch_size: int = 32,
                 max_length: int = 256, max_span: int = 4) -> None:
        self.tokenizer, self.model, self.device = tokenizer, model, device
        self.batch_size, self.max_length, self.max_span = batch_size, max_length, max_span
        self.cache_id = f"hf:{uuid.uuid4().hex}"  # embeddings are cached per loaded model

    @classmethod
    def from_pretrained(cls, path_or_hub_id: str | Path, device: str | None = None,
                        **options: Any) -> EncoderScorer:
        """Load from a local folder, or a hub id (offline: only from the local cache, failing
        fast with :class:`~glossalign.errors.GlossalignError` when it is not there)."""
        name = str(path_or_hub_id)
        local_dir = Path(name).is_dir()
        cached = not local_dir and in_hub_cache(name)
        if not local_dir and not cached and (_offline() or not hub_reachable()):
            # Fail now, before the seconds that importing torch and transformers takes.
            raise GlossalignError(f"cannot load the sentence encoder {name!r}: not a local "
                                  "folder, not in the local Hugging Face cache, and the hub is "
                                  "unreachable (or HF_HUB_OFFLINE is set)")
        require_modules("torch", "transformers")
        import torch

        local_only = local_dir or cached or _offline()
        offline = scoped_environ(HF_HUB_OFFLINE="1") if local_only else nullcontext()
        if local_only and not local_dir:
            log.info("no network: looking for %s in the local Hugging Face cache only", name)
        with offline:  # for this load only: the caller's process keeps its own setting
            tokenizer, model = _load(name, local_only)
        target = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        model.to(target)
        model.eval()
        return cls(tokenizer, model, target, **options)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised embeddings (float32, one row per text)."""
        import torch

        rows = []
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(list(texts[start:start + self.batch_size]), padding=True,
                                       truncation=True, max_length=self.max_length,
                                       return_tensors="pt").to(self.device)
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                rows.append(pooled.float().cpu().numpy())
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.concatenate(rows)

    def bind(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
             tgt_lang: str) -> BoundEmbeddings:
        joiners = tuple(" " if get_profile(lang).spaced else "" for lang in (src_lang, tgt_lang))
        return BoundEmbeddings(self.cache_id, self.encode, (list(src_texts), list(tgt_texts)),
                               (joiners[0], joiners[1]), self.max_span)


def _build(request: ScorerRequest) -> SentenceScorer:
    assert request.argument is not None  # the registry checks needs_argument
    encoder = EncoderScorer.from_pretrained(request.argument)
    weight = (request.config or AlignConfig()).encoder_weight
    return CombinedScorer(lexical_scorer(request), encoder, weight)


# Not tuned here (no LaBSE weights on the machines we measure on): the use scorer's settings.
register_scorer(ScorerEntry(
    "hf", "a transformers encoder (LaBSE-class; local folder or cached hub id; needs "
    "glossalign[neural]) combined with the lexical scorer", _build, None, needs_argument=True,
    tuned={"lexical_weight": 8.0, "encoder_weight": 2.0}))
