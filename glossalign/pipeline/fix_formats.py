"""``fix`` for any registered format: correct the targets, write the same format back."""

from __future__ import annotations

import logging
from pathlib import Path

from glossalign.corpora.formats import format_for
from glossalign.corpora.readers import read_lines
from glossalign.errors import UsageError
from glossalign.glossary.model import TermBase
from glossalign.pipeline.fix import FixResult, fix_segments
from glossalign.stage_data import Segment

logger = logging.getLogger(__name__)


def fix_file(target: Path, output: Path, termbase: TermBase, src_lang: str | None,
             tgt_lang: str | None, *, repair_encoding: bool = True
             ) -> tuple[FixResult, tuple[Segment, ...]]:
    """Correct ``target`` into ``output`` (same format); returns the fix and the segments fixed.

    Only targets that change are rewritten, and the format marks them for review (XLIFF 1.2
    ``needs-review-translation``, XLIFF 2 ``translated`` with a note, PO ``fuzzy``, a TMX note);
    with nothing to change the output is the input, byte for byte.
    """
    fmt = format_for(target, fallback="text")
    result, segments = fix_target(target, termbase, src_lang, tgt_lang,
                                  repair_encoding=repair_encoding)
    changed = {i: text for i, (text, segment) in enumerate(zip(result.texts, segments, strict=True))
               if text != segment.text}
    output.parent.mkdir(parents=True, exist_ok=True)
    units = fmt.write_back(target, changed, output)
    logger.info("%s: %d units changed, written as %s to %s", target, units, fmt.name, output)
    return result, segments


def fix_target(target: Path, termbase: TermBase, src_lang: str | None, tgt_lang: str | None,
               *, repair_encoding: bool = True) -> tuple[FixResult, tuple[Segment, ...]]:
    """The corrections of ``target``'s segments (any registered format), without writing."""
    fmt = format_for(target, fallback="text")
    if fmt.bilingual:
        document = fmt.read(target, src_lang, tgt_lang)
        segments, lang = document.alignment.tgt_segments, document.tgt_lang
    elif tgt_lang is None:
        raise UsageError("--tgt-lang is needed for a plain-text target")
    else:
        segments, lang = tuple(read_lines(target, tgt_lang)), tgt_lang
    assert lang is not None
    return fix_segments(segments, termbase, lang, repair_encoding=repair_encoding), segments
