"""Sentence alignment: a banded two-pass DP over bead types with pluggable scorers.

Public entry points: :func:`align_segments` (two sentence lists -> an
:class:`~glossalign.stage_data.Alignment`), :func:`align_files` (two text files, segmented then
aligned), :class:`AlignConfig`, :class:`Lexicon`, the :class:`SentenceScorer` protocol and the
beads readers/writers.
"""

from __future__ import annotations

from glossalign.pipeline.align.beads_io import (
    read_beads,
    write_beads,
    write_beads_jsonl,
    write_beads_tsv,
)
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.driver import align_files, align_length_only, align_segments
from glossalign.pipeline.align.lexical import LexicalScorer
from glossalign.pipeline.align.lexicon import (
    Lexicon,
    default_lexicon,
    load_lexicon,
    read_user_dictionary,
)
from glossalign.pipeline.align.similarity import BoundScorer, SentenceScorer

__all__ = [
    "AlignConfig",
    "BoundScorer",
    "LexicalScorer",
    "Lexicon",
    "SentenceScorer",
    "align_files",
    "align_length_only",
    "align_segments",
    "default_lexicon",
    "load_lexicon",
    "read_beads",
    "read_user_dictionary",
    "write_beads",
    "write_beads_jsonl",
    "write_beads_tsv",
]
