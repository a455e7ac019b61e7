"""Write an alignment as a TMX 1.4 translation memory, through translate-toolkit.

Reading stays in :func:`glossalign.corpora.readers.read_tmx_pairs` (lxml, with line numbers).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from translate.storage.tmx import tmxfile

from glossalign import __version__
from glossalign.errors import InputError
from glossalign.languages import get_profile
from glossalign.models import Alignment, Segment

logger = logging.getLogger(__name__)

# Characters XML 1.0 cannot hold; translate-toolkit would drop them without a word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sentence_joiner(lang: str) -> str:
    """How the sentences of a many-to-one bead are joined (the language profile says)."""
    return get_profile(lang).sentence_joiner


def aligned_pairs(alignment: Alignment, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """(source, target) text of every bead with text on both sides, in document order."""
    src_join, tgt_join = sentence_joiner(src_lang), sentence_joiner(tgt_lang)
    pairs = []
    for bead in alignment.beads:
        src = _joined(alignment.src_segments, bead.src, src_join)
        tgt = _joined(alignment.tgt_segments, bead.tgt, tgt_join)
        if src and tgt:
            pairs.append((src, tgt))
    return pairs


def _joined(segments: tuple[Segment, ...], indices: tuple[int, ...], joiner: str) -> str:
    texts = []
    for i in indices:
        segment = segments[i]
        text = segment.text.strip()
        if _NOT_XML.search(text):
            logger.warning("%s:%d: control characters removed for TMX", segment.path or "-",
                           segment.line)
            text = _NOT_XML.sub("", text)
        if text:
            texts.append(text)
    return joiner.join(texts)


def write_tmx(alignment: Alignment, path: str | Path, src_lang: str, tgt_lang: str, *,
              creation_tool: str = "glossalign") -> int:
    """Write one ``<tu>`` per bead with both sides non-empty; returns the number of units."""
    store = tmxfile(sourcelanguage=src_lang, targetlanguage=tgt_lang)
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", creation_tool)
    header.set("creationtoolversion", __version__)
    header.set("srclang", src_lang)
    pairs = aligned_pairs(alignment, src_lang, tgt_lang)
    for src, tgt in pairs:
        store.addtranslation(src, src_lang, tgt, tgt_lang)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            store.serialize(out)
    except OSError as exc:
        raise InputError(f"cannot write TMX: {exc.strerror}", path) from None
    logger.info("wrote %d translation units to %s", len(pairs), path)
    return len(pairs)
