"""An encoder's similarity added to the lexical one, so names, numbers and glossary anchors still
count when a sentence encoder scores the beads.

``similarity = lexical + encoder_weight * cosine``. The driver calibrates the sum per document
(unrelated pairs -> 0, anchor pairs -> 1), so only the relative weight matters; the lexical half
keeps adapting to the document (learnt word pairs), the encoder half does not need to.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from glossalign.pipeline.align.similarity import BeadIds, BoundScorer, SentenceScorer


class CombinedScorer:
    """A :class:`SentenceScorer` summing a lexical scorer and a weighted encoder."""

    def __init__(self, lexical: SentenceScorer, encoder: SentenceScorer,
                 encoder_weight: float) -> None:
        self.lexical, self.encoder, self.encoder_weight = lexical, encoder, encoder_weight

    def bind(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
             tgt_lang: str) -> BoundCombined:
        return BoundCombined(self.lexical.bind(src_texts, tgt_texts, src_lang, tgt_lang),
                             self.encoder.bind(src_texts, tgt_texts, src_lang, tgt_lang),
                             self.encoder_weight)


class BoundCombined:
    def __init__(self, lexical: BoundScorer, encoder: BoundScorer, encoder_weight: float) -> None:
        self.lexical, self.encoder, self.encoder_weight = lexical, encoder, encoder_weight

    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        return (self.lexical.spans_similarity(rows, cols, bead_types)
                + self.encoder_weight * self.encoder.spans_similarity(rows, cols, bead_types))

    def beads_similarity(self, beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
        return (self.lexical.beads_similarity(beads)
                + self.encoder_weight * self.encoder.beads_similarity(beads))

    def refine(self, beads: Sequence[BeadIds]) -> BoundCombined | None:
        lexical = self.lexical.refine(beads)
        if lexical is None:
            return None
        return BoundCombined(lexical, self.encoder, self.encoder_weight)
