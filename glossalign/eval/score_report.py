"""The ``score`` command's report: sacrebleu metrics per hypothesis, per segment, significance,
optional glossary terminology metrics, and the WMT 2021 terminology metrics for ``.sgm`` input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossalign.corpora.readers import read_text, split_lines
from glossalign.errors import InputError, UsageError
from glossalign.eval.metrics import (
    METRIC_KEYS,
    MetricResult,
    check_line_counts,
    corpus_scores,
    glossalign_signature,
    sentence_scores_with_signatures,
)
from glossalign.eval.significance import MetricSignificance, significance_tests
from glossalign.eval.wmt21 import WMT21_KEYS, pair_sgml_segments, wmt21_scores
from glossalign.eval.wmt21_sgml import read_sgml
from glossalign.glossary.model import TermBase

SCHEMA_VERSION = 1
# Files whose units are read through the format registry (the languages come from the file).
BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".po", ".tmx")
TermMetrics = Callable[[list[str], list[str]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class HypothesisScores:
    path: str
    corpus: dict[str, MetricResult]
    segments: list[dict[str, float]]
    terminology: dict[str, Any] | None = None  # a rate is None when there is nothing to measure
    wmt21: dict[str, float | int | str] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "corpus": {key: result.to_json() for key, result in self.corpus.items()},
            "segments": self.segments,
        }
        if self.terminology is not None:
            data["terminology"] = self.terminology
        if self.wmt21 is not None:
            data["wmt21"] = self.wmt21
        return data


@dataclass(frozen=True, slots=True)
class ScoreReport:
    tgt_lang: str
    src_lang: str | None
    ref_paths: tuple[str, ...]
    src_path: str | None
    hypotheses: tuple[HypothesisScores, ...]
    significance: tuple[MetricSignificance, ...]
    signature: str
    sentence_signatures: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "signature": self.signature,
            "tgt_lang": self.tgt_lang,
            "src_lang": self.src_lang,
            "source": self.src_path,
            "references": list(self.ref_paths),
            "hypotheses": [hypothesis.to_json() for hypothesis in self.hypotheses],
            "sentence_signatures": self.sentence_signatures,
            "significance": [test.to_json() for test in self.significance],
        }
        first = self.hypotheses[0].wmt21 if self.hypotheses else None
        if first is not None:
            # WMT21 input: its headline numbers (of the first hypothesis) sit at the top level.
            data.update({key: first[key] for key in WMT21_KEYS})
        return data

    def to_text(self) -> str:
        lines = [f"glossalign score ({self.signature})", ""]
        lines.extend(_corpus_table(self.hypotheses))
        for hypothesis in self.hypotheses:
            lines.extend(_extra_lines(hypothesis))
        if self.significance:
            lines.extend(["", f"significance against {self.hypotheses[0].path}:"])
            lines.extend(_significance_lines(self.significance))
        lines.extend(["", "signatures:"])
        for key, result in self.hypotheses[0].corpus.items() if self.hypotheses else ():
            lines.append(f"  {key}: {result.signature}")
        return "\n".join(lines) + "\n"


def score_documents(
    hyp_paths: list[Path],
    ref_paths: list[Path],
    tgt_lang: str,
    *,
    src_path: Path | None = None,
    src_lang: str | None = None,
    glossary_hash: str | None = None,
    term_metrics: TermMetrics | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScoreReport:
    """Score one or more hypothesis files against one or more references (see module doc).

    ``progress(done, total)`` counts steps: one per hypothesis, one for the significance tests.
    """
    if not hyp_paths or not ref_paths:
        raise UsageError("score needs at least one hypothesis and one reference")
    if term_metrics is not None and src_path is None:
        raise UsageError("terminology metrics need the source text (--source)")
    sgm = _is_wmt21_input(hyp_paths, ref_paths, src_path)
    src_lines, ref_streams, hyp_streams = (
        _read_sgm_streams(hyp_paths, ref_paths[0], src_path) if sgm and src_path
        else _read_text_streams(hyp_paths, ref_paths, src_path)
    )
    ref_names = [str(path) for path in ref_paths]
    wmt21_files = (src_path, ref_paths[0]) if sgm and src_path else None
    hypotheses: list[HypothesisScores] = []
    segment_signatures: dict[str, str] = {}
    steps = len(hyp_paths) + (1 if len(hyp_paths) >= 2 else 0)
    for path, hyps in zip(hyp_paths, hyp_streams, strict=True):
        if progress is not None:
            progress(len(hypotheses), steps)
        check_line_counts(hyps, ref_streams, str(path), ref_names)
        if src_lines is not None and len(src_lines) != len(hyps):
            raise InputError(f"{path} has {len(hyps)} lines but {src_path} has {len(src_lines)}")
        hypothesis, segment_signatures = _score_hypothesis(
            path, hyps, ref_streams, ref_names, tgt_lang,
            src_lines=src_lines, wmt21_files=wmt21_files, term_metrics=term_metrics,
        )
        hypotheses.append(hypothesis)
    significance: tuple[MetricSignificance, ...] = ()
    if len(hyp_streams) >= 2:
        systems = [(str(p), h) for p, h in zip(hyp_paths, hyp_streams, strict=True)]
        significance = tuple(significance_tests(systems, ref_streams, tgt_lang))
    if progress is not None:
        progress(steps, steps)
    return ScoreReport(
        tgt_lang=tgt_lang,
        src_lang=src_lang,
        ref_paths=tuple(ref_names),
        src_path=None if src_path is None else str(src_path),
        hypotheses=tuple(hypotheses),
        significance=significance,
        signature=glossalign_signature(glossary_hash),
        sentence_signatures=segment_signatures,
    )


def score_files(hyp_paths: list[Path], ref_paths: list[Path], tgt_lang: str, *,
                src_path: Path | None = None, src_lang: str | None = None,
                termbase: TermBase | None = None,
                progress: Callable[[int, int], None] | None = None) -> ScoreReport:
    """:func:`score_documents` with the terminology metrics of ``termbase`` (which need the
    source text and its language) and the glossary's hash in the signature."""
    if termbase is None:
        return score_documents(hyp_paths, ref_paths, tgt_lang, src_path=src_path,
                               src_lang=src_lang, progress=progress)
    if src_path is None or src_lang is None:
        raise UsageError("terminology metrics need the source text and its language "
                         "(--source and --src-lang)")
    from glossalign.eval.term_metrics import term_metrics

    def glossary_metrics(src_lines: list[str], hyp_lines: list[str]) -> dict[str, Any]:
        return term_metrics(src_lines, hyp_lines, termbase, str(src_lang), tgt_lang).as_dict()

    return score_documents(hyp_paths, ref_paths, tgt_lang, src_path=src_path, src_lang=src_lang,
                           glossary_hash=termbase.content_hash(), term_metrics=glossary_metrics,
                           progress=progress)


def _score_hypothesis(
    path: Path,
    hyps: list[str],
    ref_streams: list[list[str]],
    ref_names: list[str],
    tgt_lang: str,
    *,
    src_lines: list[str] | None,
    wmt21_files: tuple[Path, Path] | None,
    term_metrics: TermMetrics | None,
) -> tuple[HypothesisScores, dict[str, str]]:
    """One hypothesis's scores, and the signatures of its per-segment metrics."""
    segments, signatures = sentence_scores_with_signatures(hyps, ref_streams, tgt_lang)
    scores = HypothesisScores(
        path=str(path),
        corpus=corpus_scores(hyps, ref_streams, tgt_lang, hyp_name=str(path), ref_names=ref_names),
        segments=segments,
        terminology=term_metrics(list(src_lines or []), hyps) if term_metrics else None,
        wmt21=wmt21_scores(*wmt21_files, path, tgt_lang) if wmt21_files else None,
    )
    return scores, signatures


def read_scored_texts(
    hyp_paths: list[Path], ref_paths: list[Path], src_path: Path | None
) -> tuple[list[str] | None, list[list[str]], list[list[str]]]:
    """The lines :func:`score_documents` scores: source (or None), references, hypotheses."""
    if _is_wmt21_input(hyp_paths, ref_paths, src_path) and src_path is not None:
        return _read_sgm_streams(hyp_paths, ref_paths[0], src_path)
    return _read_text_streams(hyp_paths, ref_paths, src_path)


def _is_wmt21_input(hyp_paths: list[Path], ref_paths: list[Path], src_path: Path | None) -> bool:
    paths = [*hyp_paths, *ref_paths, *([src_path] if src_path else [])]
    sgm = [Path(p).suffix.lower() == ".sgm" for p in paths]
    if any(sgm) and not all(sgm):
        raise UsageError("mix of .sgm and plain-text inputs: give all files as .sgm or none")
    if all(sgm) and src_path is None:
        raise UsageError("WMT21 .sgm input needs the source .sgm file as well (--source)")
    if all(sgm) and len(ref_paths) != 1:
        raise UsageError("WMT21 .sgm input takes exactly one reference file")
    return all(sgm)


def _read_sgm_streams(
    hyp_paths: list[Path], ref_path: Path, src_path: Path
) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Segment texts in reference order, aligned by document and segment id."""
    src, ref = read_sgml(src_path), read_sgml(ref_path)
    src_by_key = src.by_key()
    hyp_streams = []
    for path in hyp_paths:
        pairs = pair_sgml_segments(src, ref, read_sgml(path))
        hyp_streams.append([hyp.text for _, hyp in pairs])
    src_lines = [src_by_key[segment.key].text for segment in ref.segments]
    return src_lines, [[segment.text for segment in ref.segments]], hyp_streams


def _read_text_streams(
    hyp_paths: list[Path], ref_paths: list[Path], src_path: Path | None
) -> tuple[list[str] | None, list[list[str]], list[list[str]]]:
    src_lines = read_text_lines(src_path, side="source") if src_path else None
    ref_streams = [read_text_lines(path) for path in ref_paths]
    return src_lines, ref_streams, [read_text_lines(path) for path in hyp_paths]


def read_text_lines(path: Path, side: str = "target") -> list[str]:
    """Lines of a UTF-8 text file (no line terminators); InputError with file and line.

    An XLIFF, PO or TMX file gives one line per translated unit: its target texts (or its
    source texts for ``side="source"``), inline markup removed.
    """
    if Path(path).suffix.lower() in BILINGUAL_SUFFIXES:
        from glossalign.corpora.formats import read_bilingual
        from glossalign.corpora.inline import CODES

        alignment = read_bilingual(path).alignment
        segments = alignment.src_segments if side == "source" else alignment.tgt_segments
        return [CODES.sub("", segment.text) for segment in segments]
    return split_lines(read_text(path))


def _corpus_table(hypotheses: Sequence[HypothesisScores]) -> list[str]:
    width = max([len("hypothesis"), *(len(h.path) for h in hypotheses)])
    header = f"{'hypothesis':<{width}}  " + "  ".join(f"{key:>8}" for key in METRIC_KEYS)
    rows = [header, "-" * len(header)]
    for hypothesis in hypotheses:
        cells = "  ".join(f"{hypothesis.corpus[key].score:8.2f}" for key in METRIC_KEYS)
        rows.append(f"{hypothesis.path:<{width}}  {cells}")
    return rows


def _extra_lines(hypothesis: HypothesisScores) -> list[str]:
    lines = []
    for title, values in (("terminology", hypothesis.terminology), ("wmt21", hypothesis.wmt21)):
        if values:
            reasons = values.get("null_reasons")
            reasons = reasons if isinstance(reasons, dict) else {}
            shown = ", ".join(_metric_text(key, value, reasons.get(key))
                              for key, value in values.items()
                              if key not in ("signature", "null_reasons"))
            lines.append(f"{hypothesis.path} {title}: {shown}")
    return lines


def _metric_text(key: str, value: Any, reason: str | None) -> str:
    if value is None:
        return f"{key}=null ({reason})" if reason else f"{key}=null"
    return f"{key}={value:.4f}" if isinstance(value, float) else f"{key}={value}"


def _significance_lines(tests: Sequence[MetricSignificance]) -> list[str]:
    lines = []
    for test in tests:
        for system in test.systems[1:]:
            ci = ""
            if system.ci_low is not None:
                ci = f" 95% CI [{system.ci_low:.2f}, {system.ci_high:.2f}]"
            lines.append(
                f"  {test.test} {test.metric:<6} {system.system}: {system.score:.2f}"
                f" p={system.p_value:.4f}{ci}"
            )
    return lines
