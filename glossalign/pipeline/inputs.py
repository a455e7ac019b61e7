"""Turn the user's input files into an alignment: pre-aligned pairs or two documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glossalign.corpora.formats import BilingualFile, get_format, is_bilingual_file, read_bilingual
from glossalign.corpora.readers import pair_lines, read_lines
from glossalign.errors import UsageError
from glossalign.glossary.model import TermBase
from glossalign.stage_data import Alignment, Bead

PAIRINGS = ("auto", "lines")


def load_bilingual(path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
    """A file of aligned units (TSV, TMX, XLIFF 1.2/2.x, PO), the format told by extension and
    content; languages the file declares fill in those not given."""
    if path.suffix.lower() == ".txt":  # pairs given as .txt have always meant TSV
        return get_format("tsv").read(path, src_lang, tgt_lang)
    return read_bilingual(path, src_lang, tgt_lang)


def load_pairs(path: Path, src_lang: str, tgt_lang: str) -> Alignment:
    """A file of aligned pairs in any registered bilingual format."""
    return load_bilingual(path, src_lang, tgt_lang).alignment


def load_target_only(target: Path, tgt_lang: str) -> Alignment:
    segments = read_lines(target, tgt_lang)
    beads = tuple(Bead((), (i,)) for i, seg in enumerate(segments) if seg.text.strip())
    return Alignment((), tuple(segments), beads)


def load_documents(source: Path, src_lang: str, target: Path, tgt_lang: str,
                   pairing: str = "auto", *, presegmented: bool = False,
                   termbase: TermBase | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Alignment:
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
                       term_pairs=term_pairs, progress=progress)


def load_alignment(target: Path | None, source: Path | None, pairs: Path | None,
                   src_lang: str | None, tgt_lang: str | None, pairing: str,
                   presegmented: bool, termbase: TermBase,
                   progress: Callable[[int, int], None] | None = None
                   ) -> tuple[Alignment, str | None, str]:
    """The alignment to check and its (source, target) languages, from the files a user gives:
    a bilingual file (``pairs``, or an XLIFF/PO/TMX ``target``), a target alone, or a source and
    a target document (paired by ``pairing``)."""
    if pairs is None and source is None and target is not None and is_bilingual_file(target):
        pairs, target = target, None  # an XLIFF/PO/TMX target carries its source
    if pairs is not None:
        if target is not None or source is not None:
            raise UsageError("--pairs excludes --source/--target")
        document = load_bilingual(pairs, src_lang, tgt_lang)
        assert document.tgt_lang is not None
        return document.alignment, document.src_lang, document.tgt_lang
    if target is None:
        raise UsageError("give --target (and optionally --source), or --pairs")
    if tgt_lang is None:
        raise UsageError("--tgt-lang is needed for a plain-text target")
    if source is None:
        return load_target_only(target, tgt_lang), None, tgt_lang
    if src_lang is None:
        raise UsageError("--source needs --src-lang")
    return load_documents(source, src_lang, target, tgt_lang, pairing,
                          presegmented=presegmented, termbase=termbase,
                          progress=progress), src_lang, tgt_lang
