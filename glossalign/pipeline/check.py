"""The check stages: match terms on both sides of an alignment, then run the rules."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from glossalign.errors import UsageError
from glossalign.glossary.checks import RULES, RULES_BY_ID, CheckContext, Rule, run_rules
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import TermBase
from glossalign.languages.bcp47 import missing_language_error, parse_tag
from glossalign.models import Alignment, Bead, Finding, Segment, Severity, TermHit


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

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        """True when a finding reaches the failing severity (``error``, ``warning``, ``never``)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


_MATCHERS: dict[tuple[int, str], tuple[TermBase, TermMatcher]] = {}


def matcher_for(termbase: TermBase, lang: str) -> TermMatcher:
    """A compiled matcher, built once per (term base, language).

    UsageError when ``lang`` is not a BCP 47 tag or the glossary has terms but none in ``lang``:
    matching nothing would pass every check.
    """
    key = (id(termbase), lang)
    cached = _MATCHERS.get(key)
    if cached is None or cached[0] is not termbase:
        if len(_MATCHERS) > 32:
            _MATCHERS.clear()
        matcher = TermMatcher(termbase, lang)
        parse_tag(lang)
        languages = termbase.languages() if not matcher.term_count else ()
        if languages:  # an empty term base is the no-glossary mode: nothing to check
            raise missing_language_error(lang, languages)
        cached = (termbase, matcher)
        _MATCHERS[key] = cached
    return cached[1]


def match_terms(segments: Sequence[Segment],
                matcher: TermMatcher) -> tuple[tuple[TermHit, ...], ...]:
    """The term-matching stage: hits for each segment, in segment order."""
    return tuple(tuple(matcher.find(seg.text, i)) for i, seg in enumerate(segments))


def check_alignment(alignment: Alignment, termbase: TermBase, tgt_lang: str,
                    src_lang: str | None = None, rules: tuple[Rule, ...] = RULES) -> CheckResult:
    """Check aligned segments against a glossary (target-only when ``src_lang`` is None)."""
    tgt_hits = match_terms(alignment.tgt_segments, matcher_for(termbase, tgt_lang))
    src_hits: tuple[tuple[TermHit, ...], ...] = ()
    if src_lang is not None:
        src_hits = match_terms(alignment.src_segments, matcher_for(termbase, src_lang))
    ctx = CheckContext.build(alignment, termbase, tgt_lang, src_lang, src_hits, tgt_hits)
    findings = run_rules(ctx, rules)
    return CheckResult(alignment, src_lang, tgt_lang, src_hits, tgt_hits, tuple(findings),
                       termbase.content_hash(), rules)


def check_target(segments: Sequence[Segment], termbase: TermBase, tgt_lang: str,
                 rules: tuple[Rule, ...] = RULES) -> CheckResult:
    """Target-only mode: no source, every segment is a bead of its own."""
    beads = tuple(Bead((), (i,)) for i in range(len(segments)))
    alignment = Alignment((), tuple(segments), beads)
    return check_alignment(alignment, termbase, tgt_lang, None, rules)


def load_rules(config_path: Path | None) -> tuple[Rule, ...]:
    """The rule list, re-graded or disabled by a TOML file's ``[rules]`` table.

    ``missing-term = "warning"`` re-grades a rule; ``"off"`` disables it.
    """
    if config_path is None:
        return RULES
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("config file not found", config_path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"not valid TOML: {exc}", config_path) from None
    settings = config.get("rules", {})
    rules = []
    for rule_id in settings:
        if rule_id not in RULES_BY_ID:
            known = ", ".join(RULES_BY_ID)
            raise UsageError(f"unknown rule {rule_id!r} (known: {known})", config_path)
    for rule in RULES:
        value = str(settings.get(rule.id, rule.severity.value)).lower()
        if value == "off":
            continue
        if value not in {s.value for s in Severity}:
            raise UsageError(f"rule {rule.id}: severity must be error, warning, info or off, "
                             f"not {value!r}", config_path)
        rules.append(replace(rule, severity=Severity(value)))
    return tuple(rules)
