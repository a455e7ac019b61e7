"""Every tuning knob of the aligner, with the defaults measured on the gold sets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Settings of :func:`glossalign.pipeline.align.align_segments` (all have defaults)."""

    # -- bead types ---------------------------------------------------------------------------
    max_bead_size: int = 5  # m + n <= this for m-n beads with m, n >= 1 (plus 1-0 and 0-1)
    # Larger beads where both sides are short (fragments, dialogue lines, headings): m + n up to
    # short_bead_size when neither side is longer than short_bead_factor x its median sentence.
    short_bead_size: int = 7  # 0 or <= max_bead_size: off
    short_bead_factor: float = 1.5
    # -- first pass: 1-1 anchors ----------------------------------------------------------------
    band_min: int = 250  # half-width of the diagonal band, in target sentences ...
    band_fraction: float = 0.06  # ... or this share of the longer side, whichever is larger
    band_max: int = 600  # cap, so a 100k-sentence document stays linear in time and memory
    # A first-pass path along the band's edge (a long passage left out or added) re-centres the
    # band on where a coarse scan of the whole document finds the text (recentre.py).
    band_recentre: bool = True
    anchor_min_similarity: float = 1.0  # calibrated similarity a 1-1 bead needs as an anchor
    # -- second pass: all bead types between anchors -----------------------------------------
    window: int = 3  # columns on either side of the anchor rectangles
    chunk_rows: int = 64  # rows scored at once (memory/speed trade-off)
    # -- bead score = lexical_weight * calibrated similarity + length_weight * log P(length)
    #                + log P(bead type) + penalties --------------------------------------------
    lexical_weight: float = 4.0
    lexical_offset: float = 0.25  # subtracted from a content bead's calibrated similarity
    length_weight: float = 0.5
    length_variance: float = 6.8  # Gale-Church s^2, per byte of source text
    refit_length: bool = True  # re-estimate ratio and variance from the confident beads
    prior_one_one: float = 0.89
    prior_one_two: float = 0.15  # shared by 1-2 and 2-1
    prior_two_two: float = 0.011
    prior_null: float = 0.03  # shared by 1-0 and 0-1
    prior_larger: float = 0.002  # every other allowed type
    null_score: float = 0.0  # added to a 1-0 / 0-1 bead besides its prior
    margin_weight: float = 0.5  # subtract this x similarity to the neighbours (Bertalign)
    paragraph_anchors: bool = True  # same paragraph count: paragraph k aligns with paragraph k
    paragraph_penalty: float = 3.0  # otherwise, per paragraph break a bead crosses
    # -- lexical model ------------------------------------------------------------------------
    cognate_prefix: int = 4  # folded prefix shared by cognates (spaced, same script); 0: off
    punctuation: bool = True  # ? ! : ; brackets, quotes, ellipses and dashes count as words
    similarity_smoothing: float = 0.5  # added to the denominator of the coverage ratio
    matchable_mass_only: bool = False  # denominator: only words the other text can match
    # -- learnt dictionary (Hunalign-style realign) ---------------------------------------------
    learn_rounds: int = 2  # learn-then-align rounds after the first pass
    learn_min_count: int = 2  # co-occurrences a learnt pair needs ...
    learn_min_dice: float = 0.3  # ... and Dice coefficient
    learn_partners: int = 2  # each word keeps at most this many learnt translations
    learn_min_confidence: float = 1.0  # calibrated similarity of the beads learnt from
    # -- encoder scorers (use, hf:...): similarity = lexical + encoder_weight * cosine ------------
    encoder_weight: float = 1.0
    encoder_exact_span_max: int = 2  # longer spans: normalised mean of sentence embeddings
    # ... where a side is written without spaces (zh, ja, th): on Bible (en-zh) dev, encoding
    # the two-sentence windows did not help (0.985 vs 0.986 paper F1) and tripled the encoding.
    encoder_exact_span_max_unspaced: int = 1
    # ... and there the larger-bead prior stays low: the use setting of 0.01 pays off where spans
    # of three sentences are encoded whole; with means, Bible dev lost 0.005 paper F1 (0.980 ->
    # 0.975; 0.005 and 0.002 both 0.980).
    encoder_unspaced_prior_larger: float = 0.002
    # Two passes (two_pass.py): the lexical path first; the encoder then re-aligns only the
    # stretches between sure beads: 1-1 beads whose calibrated lexical similarity is at least
    # encoder_sure_one_one, 1-2 / 2-1 beads with at least encoder_sure_one_two, and whose
    # encoder_sure_neighbours beads on either side are sure too; encoder_margin sure beads on
    # either side of a stretch are re-aligned with it.
    encoder_two_pass: bool = True  # False: encode every sentence and align with both throughout
    # ... for documents with at least this many sentences on each side; shorter ones are encoded
    # whole (a fraction of a second; the calibration sample alone would cover most of them, and
    # on Text+Berg dev, documents of 95-293 sentences, two passes lost 0.002-0.010 strict F1).
    encoder_two_pass_min_sentences: int = 1000
    encoder_sure_one_one: float = -8.0  # (the clip: every 1-1 bead)
    encoder_sure_one_two: float = 1.5
    encoder_sure_neighbours: int = 0
    encoder_margin: int = 1
    encoder_calibration_sample: int = 150  # sentences per side encoded to calibrate the sum
    encoder_path_width: int = 12  # columns around pass 1's beads searched inside a stretch
    # -- calibration --------------------------------------------------------------------------
    calibration_floor: float = 0.05  # minimum spread between unrelated and anchor similarity
    calibration_quantile: float = 0.99  # band calibration: this quantile maps to z = 1
    similarity_clip: float = 8.0  # calibrated similarity is clipped to +-this

    def band_half_width(self, n_src: int, n_tgt: int) -> int:
        """Half-width of the first pass's band, in target sentences."""
        return min(max(self.band_min, int(self.band_fraction * max(n_src, n_tgt))), self.band_max)

    def short_only(self, a: int, b: int) -> bool:
        """Whether beads of type (a, b) are allowed only where both sides are short."""
        return a + b > max(2, self.max_bead_size)

    def bead_types(self) -> tuple[tuple[int, int], ...]:
        """(0, 1), (1, 0) and every (a, b) with a, b >= 1 and a + b <= max_bead_size (or
        short_bead_size: those only for short sides, see :meth:`short_only`)."""
        size = max(2, self.max_bead_size, self.short_bead_size)
        content = [(a, b) for a in range(1, size) for b in range(1, size) if a + b <= size]
        return ((0, 1), (1, 0), *sorted(content, key=lambda ab: (ab[0] + ab[1], ab)))
