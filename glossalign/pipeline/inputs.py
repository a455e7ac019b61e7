"""Turn the user's input files into an alignment: pre-aligned pairs or two documents."""

from __future__ import annotations

from pathlib import Path

from glossalign.corpora.readers import pair_lines, read_lines, read_tmx_pairs, read_tsv_pairs
from glossalign.errors import UsageError
from glossalign.glossary.model import TermBase
from glossalign.models import Alignment, Bead

PAIRINGS = ("auto", "lines")


def load_pairs(path: Path, src_lang: str, tgt_lang: str) -> Alignment:
    """A file of aligned pairs: TSV (``source<TAB>target``) or TMX."""
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        return read_tmx_pairs(path, src_lang, tgt_lang)
    if suffix in (".tsv", ".tab", ".txt"):
        return read_tsv_pairs(path, src_lang, tgt_lang)
    raise UsageError(f"cannot tell the format of {path.name}: use .tsv or .tmx", path)


def load_target_only(target: Path, tgt_lang: str) -> Alignment:
    segments = read_lines(target, tgt_lang)
    beads = tuple(Bead((), (i,)) for i, seg in enumerate(segments) if seg.text.strip())
    return Alignment((), tuple(segments), beads)


def load_documents(source: Path, src_lang: str, target: Path, tgt_lang: str,
                   pairing: str = "auto", *, presegmented: bool = False,
                   termbase: TermBase | None = None) -> Alignment:
    """Two documents: paired line by line, or sentence-segmented and aligned automatically.

    With ``presegmented`` each non-blank line is one sentence; glossary term pairs, when a term
    base is given, serve the aligner as anchors.
    """
    if pairing == "lines":
        return pair_lines(source, src_lang, target, tgt_lang)
    if pairing != "auto":
        raise UsageError(f"--pairing must be one of {', '.join(PAIRINGS)}, not {pairing!r}")
    from glossalign.pipeline.align import align_files

    term_pairs = termbase.term_pairs(src_lang, tgt_lang) if termbase is not None else None
    return align_files(source, src_lang, target, tgt_lang, presegmented=presegmented,
                       term_pairs=term_pairs)
