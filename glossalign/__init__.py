"""glossalign: align translations, enforce a terminology glossary, score translations.

The public Python API is the names in ``__all__``: six functions that do what the commands of
the same names do and return the typed results those commands print, and the result types::

    import glossalign

    glossary = glossalign.load_glossary("terms.csv")
    result = glossalign.check("translation.en.txt", glossary=glossary, tgt_lang="en")
    for finding in result.findings:
        print(finding.rule, finding.severity, finding.message)

Everything is imported on first use, so ``import glossalign`` stays as cheap as ``python -c
pass`` and the command line starts fast. Errors a user can fix raise :class:`GlossalignError`
(:class:`InputError`, :class:`GlossaryError`, :class:`UsageError`) with the file and line.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from glossalign.errors import GlossalignError, GlossaryError, InputError, UsageError
    from glossalign.eval.score_report import ScoreReport
    from glossalign.glossary.model import TermBase
    from glossalign.pipeline.check import CheckResult
    from glossalign.pipeline.fix import Edit, FixResult
    from glossalign.stage_data import Alignment, Bead, Finding, Location, Segment, Severity, TermHit

PathLike = str | os.PathLike[str]

# Result types and errors, imported when first looked up (PEP 562).
_LAZY_NAMES = {
    "Alignment": "glossalign.stage_data",
    "Bead": "glossalign.stage_data",
    "Finding": "glossalign.stage_data",
    "Location": "glossalign.stage_data",
    "Segment": "glossalign.stage_data",
    "Severity": "glossalign.stage_data",
    "TermHit": "glossalign.stage_data",
    "TermBase": "glossalign.glossary.model",
    "CheckResult": "glossalign.pipeline.check",
    "Edit": "glossalign.pipeline.fix",
    "FixResult": "glossalign.pipeline.fix",
    "ScoreReport": "glossalign.eval.score_report",
    "GlossalignError": "glossalign.errors",
    "GlossaryError": "glossalign.errors",
    "InputError": "glossalign.errors",
    "UsageError": "glossalign.errors",
}

__all__ = [
    "__version__",
    # functions
    "load_glossary", "check", "fix", "segment", "align", "score",
    # result types
    "TermBase", "Segment", "Alignment", "Bead", "TermHit", "Finding", "Location", "Severity",
    "CheckResult", "FixResult", "Edit", "ScoreReport",
    # errors
    "GlossalignError", "InputError", "GlossaryError", "UsageError",
]


def __getattr__(name: str) -> Any:
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'glossalign' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def load_glossary(path: PathLike) -> TermBase:
    """Read a glossary (CSV, TSV, TBX, or any format ``glossalign glossary`` reads)."""
    from glossalign.glossary.io import read_glossary

    return read_glossary(Path(path))


def _termbase(glossary: PathLike | TermBase) -> TermBase:
    from glossalign.glossary.model import TermBase

    return glossary if isinstance(glossary, TermBase) else load_glossary(glossary)


def _path(value: PathLike | None) -> Path | None:
    return None if value is None else Path(value)


def check(target: PathLike | None = None, *, glossary: PathLike | TermBase,
          tgt_lang: str | None = None, source: PathLike | None = None,
          src_lang: str | None = None, pairs: PathLike | None = None, pairing: str = "auto",
          presegmented: bool = False, config: PathLike | None = None,
          baseline: PathLike | None = None, ignore: PathLike | None = None) -> CheckResult:
    """Check a translation against a glossary, as ``glossalign check`` does.

    Give a ``target`` alone (plain text: each line a segment; or an XLIFF/PO/TMX file, which
    carries its source), a ``source`` and a ``target`` document (``pairing="auto"`` segments and
    aligns them, ``"lines"`` pairs line i with line i), or a bilingual file as ``pairs``.
    ``config`` is a TOML file whose ``[rules]`` table re-grades or disables rules and whose
    ``[[ignore]]`` tables accept findings; ``baseline`` an earlier JSON report whose findings are
    left out; ``ignore`` a file of accepted findings. The result's ``findings`` are what the
    command reports; ``result.fails("error")`` is its exit status.
    """
    from glossalign.pipeline.run_check import run_check

    result, _ = run_check(_termbase(glossary), target=_path(target), source=_path(source),
                          pairs=_path(pairs), src_lang=src_lang, tgt_lang=tgt_lang,
                          pairing=pairing, presegmented=presegmented, config=_path(config),
                          baseline=_path(baseline), ignore=_path(ignore))
    return result


def fix(target: PathLike, *, glossary: PathLike | TermBase, tgt_lang: str | None = None,
        src_lang: str | None = None, output: PathLike | None = None,
        repair_encoding: bool = True) -> FixResult:
    """Correct deprecated renderings (and, by default, encoding damage), as ``glossalign fix``.

    The result holds each segment's corrected text and the edits. With ``output`` the corrected
    copy is written there in the target's own format; the target itself is never modified.
    """
    from glossalign.pipeline.fix_formats import fix_file, fix_target

    termbase = _termbase(glossary)
    if output is None:
        return fix_target(Path(target), termbase, src_lang, tgt_lang,
                          repair_encoding=repair_encoding)[0]
    from glossalign.glossary.model import TermBase
    from glossalign.safe_io import refuse_same_file

    glossary_path = None if isinstance(glossary, TermBase) else Path(glossary)
    refuse_same_file([Path(target), glossary_path], [Path(output)])
    return fix_file(Path(target), Path(output), termbase, src_lang, tgt_lang,
                    repair_encoding=repair_encoding)[0]


def segment(path: PathLike | None = None, lang: str = "", *, text: str | None = None,
            presegmented: bool = False) -> list[Segment]:
    """Sentences of a file (or of ``text``), with paragraphs and exact file positions."""
    from glossalign.pipeline.segment import segment_file, segment_text

    if (path is None) == (text is None):
        from glossalign.errors import UsageError

        raise UsageError("segment takes a path or text=, not both")
    if text is not None:
        return segment_text(text, lang, presegmented=presegmented)
    return segment_file(Path(path or ""), lang, presegmented=presegmented)


def align(source: PathLike, target: PathLike, *, src_lang: str, tgt_lang: str,
          presegmented: bool = False, glossary: PathLike | TermBase | None = None,
          dictionary: PathLike | None = None, model: str | None = None) -> Alignment:
    """Segment two documents into sentences and align them, as ``glossalign align``.

    ``glossary`` term pairs serve as anchors, ``dictionary`` is a TSV bilingual dictionary for
    pairs without a bundled one, ``model`` a sentence encoder (local folder) to score pairs.
    """
    from glossalign.pipeline.align import align_files, read_user_dictionary

    term_pairs = (_termbase(glossary).term_pairs(src_lang, tgt_lang)
                  if glossary is not None else None)
    lexicon = (read_user_dictionary(Path(dictionary), src_lang, tgt_lang)
               if dictionary is not None else None)
    scorer = None
    if model is not None:
        from glossalign.pipeline.align.neural import EncoderScorer

        scorer = EncoderScorer.from_pretrained(model)
    return align_files(Path(source), src_lang, Path(target), tgt_lang, presegmented=presegmented,
                       lexicon=lexicon, term_pairs=term_pairs, scorer=scorer)


def score(hypotheses: PathLike | Sequence[PathLike], references: PathLike | Sequence[PathLike],
          *, tgt_lang: str, source: PathLike | None = None, src_lang: str | None = None,
          glossary: PathLike | TermBase | None = None) -> ScoreReport:
    """BLEU, chrF++ and TER (sacrebleu), significance between several hypotheses and, with a
    glossary and the source, terminology metrics, as ``glossalign score``.

    Files are line-aligned; ``.sgm`` files are read as the WMT 2021 terminology format.
    """
    from glossalign.eval.score_report import score_files

    return score_files(_paths(hypotheses), _paths(references), tgt_lang,
                       src_path=_path(source), src_lang=src_lang,
                       termbase=_termbase(glossary) if glossary is not None else None)


def _paths(value: PathLike | Sequence[PathLike]) -> list[Path]:
    if isinstance(value, str | os.PathLike):
        return [Path(value)]
    return [Path(item) for item in value]
