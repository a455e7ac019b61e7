"""Opt-in rule: source terms that are not in the glossary but recur, rendered in several ways.

Enable it with ``inconsistent-unglossed-term = "warning"`` in the ``[rules]`` table of a check
config (off by default: it mines the whole document, which costs more than the other rules).
Its findings use the ``inconsistent-term`` rule id, the same finding a glossary concept
rendered in several ways gives, with ``details.mined`` set.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossalign.errors import UsageError
from glossalign.glossary.mine import MinedPair, mine_glossary
from glossalign.stage_data import Finding, Location, Severity

if TYPE_CHECKING:
    from glossalign.glossary.checks import CheckContext

RULE_ID = "inconsistent-unglossed-term"
_MIN_CONFIDENCE = 0.5  # a weakly associated "rendering" is noise, not a translation choice


def check_unglossed_inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.src_lang is None:
        return
    for pair in mine_glossary(ctx.alignment, ctx.src_lang, ctx.tgt_lang, max_terms=200):
        if pair.confidence < _MIN_CONFIDENCE or len(pair.variants) < 2:
            continue
        if _in_glossary(ctx, pair.source):
            continue
        yield _finding(ctx, pair)


def _in_glossary(ctx: CheckContext, text: str) -> bool:
    from glossalign.glossary.matcher import matcher_for

    assert ctx.src_lang is not None
    try:
        return bool(matcher_for(ctx.termbase, ctx.src_lang).find(text))
    except UsageError:  # the glossary has no term in the source language
        return False


def _finding(ctx: CheckContext, pair: MinedPair) -> Finding:
    summary = ", ".join(f"“{v.text}” ×{v.count}" for v in pair.variants)
    odd = pair.variants[1]
    bead = ctx.alignment.beads[odd.beads[0]]
    return Finding(
        "inconsistent-term", Severity.WARNING,
        f"“{pair.source}” (not in the glossary) rendered {len(pair.variants)} ways: {summary}",
        found=odd.text, suggestion=pair.target,
        source=Location.of(ctx.alignment.src_segments, bead.src[0], 0, 0),
        target=Location.of(ctx.alignment.tgt_segments, bead.tgt[0], 0, 0),
        bead=odd.beads[0],
        details={"mined": True, "source_term": pair.source, "variants": [
            {"term": v.text, "count": v.count, "lines": list(v.lines)} for v in pair.variants]})
