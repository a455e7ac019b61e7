"""The check stages: match terms on both sides of an alignment, then run the rules."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glossalign.alignment_plausibility import Plausibility
from glossalign.glossary.checks import RULES, CheckContext, Rule, run_rules
from glossalign.glossary.fingerprints import fill_fingerprints
from glossalign.glossary.matcher import match_terms, matcher_for
from glossalign.glossary.model import TermBase
from glossalign.stage_data import Alignment, Bead, Finding, Segment, Severity, TermHit

# match_terms and matcher_for live with the matcher (eval/ uses them and must not import
# pipeline/); they stay importable from here.
__all__ = ["CheckResult", "check_alignment", "check_target", "load_rules", "match_terms",
           "matcher_for"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What the check produced; every report (JSON, console, HTML) is a view of this."""

    alignment: Alignment
    src_lang: str | None
    tgt_lang: str
    src_hits: tuple[tuple[TermHit, ...], ...]
    tgt_hits: tuple[tuple[TermHit, ...], ...]
    findings: tuple[Finding, ...]
    glossary_hash: str
    rules: tuple[Rule, ...]
    # The verdict on a two-sided alignment (None in target-only mode).
    plausibility: Plausibility | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        """True when a finding reaches the failing severity (``error``, ``warning``, ``never``)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


def check_alignment(alignment: Alignment, termbase: TermBase, tgt_lang: str,
                    src_lang: str | None = None, rules: tuple[Rule, ...] = RULES) -> CheckResult:
    """Check aligned segments against a glossary (target-only when ``src_lang`` is None)."""
    with gc_paused():
        tgt_hits = match_terms(alignment.tgt_segments, matcher_for(termbase, tgt_lang))
        src_hits: tuple[tuple[TermHit, ...], ...] = ()
        if src_lang is not None:
            src_hits = match_terms(alignment.src_segments, matcher_for(termbase, src_lang))
        ctx = CheckContext.build(alignment, termbase, tgt_lang, src_lang, src_hits, tgt_hits)
        findings = fill_fingerprints(run_rules(ctx, rules), alignment)
        plausibility = ctx.plausibility if ctx.bilingual else None
    return CheckResult(alignment, src_lang, tgt_lang, src_hits, tgt_hits, tuple(findings),
                       termbase.content_hash(), rules, plausibility)


def check_target(segments: Sequence[Segment], termbase: TermBase, tgt_lang: str,
                 rules: tuple[Rule, ...] = RULES) -> CheckResult:
    """Target-only mode: no source, every segment is a bead of its own."""
    beads = tuple(Bead((), (i,)) for i in range(len(segments)))
    alignment = Alignment((), tuple(segments), beads)
    return check_alignment(alignment, termbase, tgt_lang, None, rules)


def load_rules(config_path: Path | None) -> tuple[Rule, ...]:
    """The rule list, re-graded or disabled by a TOML file's ``[rules]`` table.

    ``missing-term = "warning"`` re-grades a rule; ``"off"`` disables it. The whole file is
    validated (:mod:`glossalign.pipeline.config`): an unknown table or key is an error.
    """
    from glossalign.pipeline.config import load_config

    return load_config(config_path).rules


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the previous state after it.

    A check allocates a few objects per term hit and finding and frees almost none of them
    until it returns, so the collector's passes (each over every live object, the caller's
    documents included) find nothing to free: about a fifth of a large check's CPU time
    (bench_check). Reference counting still frees everything acyclic as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _age_survivors()
            gc.enable()


def _age_survivors() -> None:
    """Move the objects made while the collector was off to its oldest generation.

    They are the check's results, all alive; left in the youngest generation, the first
    collection after the check would walk every one of them (a tenth of a second per million).
    ``freeze`` then ``unfreeze`` moves them in constant time. Skipped when the process keeps
    frozen objects of its own (``gc.freeze`` before forking), which ``unfreeze`` would release.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
