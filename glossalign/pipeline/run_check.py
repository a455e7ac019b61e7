"""The whole check as ``glossalign check`` and ``glossalign.check`` run it: read the inputs,
apply the ``--config`` rules, check, then drop baselined and accepted (ignored) findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from glossalign.glossary.model import TermBase
from glossalign.pipeline.check import CheckResult, check_alignment
from glossalign.pipeline.config import load_config
from glossalign.pipeline.inputs import load_alignment
from glossalign.pipeline.triage import Triage, load_baseline, load_ignores, triage


def run_check(termbase: TermBase, *, target: Path | None = None, source: Path | None = None,
              pairs: Path | None = None, src_lang: str | None = None,
              tgt_lang: str | None = None, pairing: str = "auto", presegmented: bool = False,
              config: Path | None = None, baseline: Path | None = None,
              ignore: Path | None = None,
              progress: Callable[[int, int], None] | None = None) -> tuple[CheckResult, Triage]:
    """The check result (findings after triage) and the triage (what was dropped and why).

    ``progress(done, total)`` follows the alignment of two documents, the long step."""
    settings = load_config(config)  # a bad config fails before any alignment work
    alignment, src_lang, tgt = load_alignment(target, source, pairs, src_lang, tgt_lang, pairing,
                                              presegmented, termbase, progress)
    result = check_alignment(alignment, termbase, tgt,
                             src_lang if alignment.src_segments else None, settings.rules)
    ignores = settings.ignores + (load_ignores(ignore) if ignore is not None else ())
    outcome = triage(result.findings, load_baseline(baseline) if baseline else None, ignores)
    return replace(result, findings=outcome.kept), outcome
