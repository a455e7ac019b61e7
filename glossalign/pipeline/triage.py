"""Findings a QA lead can manage: stable fingerprints, a baseline report, an ignore file.

A fingerprint hashes what a finding *is* (rule, concept, the found text and its segment's text,
whitespace normalised), never where it is, so it survives edits elsewhere in the file. The
same problem twice in one segment shares a fingerprint; baselines therefore compare counts.

Ignore file (TOML or JSON), each entry with a ``reason`` and who ``accepted-by``::

    [[ignore]]
    fingerprint = "3f2a9c0e5b7d1a44"
    reason = "client style guide allows it in headings"
    accepted-by = "m.chen"

    [[ignore]]
    rule = "inconsistent-term"   # any of rule / concept / text (a glob on the found text)
    concept = "cyber"
    text = "cyber*"
    reason = "legacy UI strings"
    accepted-by = "qa-lead"
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossalign.corpora.readers import parse_json, parse_toml, read_text
from glossalign.errors import UsageError
from glossalign.glossary.fingerprints import (  # noqa: F401  (importable from here, as before)
    fingerprint,
    with_fingerprints,
)
from glossalign.stage_data import Finding

MATCH_KEYS = ("fingerprint", "rule", "concept", "text")
ENTRY_KEYS = (*MATCH_KEYS, "reason", "accepted-by")


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    reason: str
    accepted_by: str
    fingerprint: str | None = None
    rule: str | None = None
    concept: str | None = None
    text: str | None = None  # a glob (``*``, ``?``) on the finding's found text
    where: str = ""  # file and entry number, for messages

    def matches(self, finding: Finding) -> bool:
        if self.fingerprint is not None and finding.fingerprint != self.fingerprint:
            return False
        if self.rule is not None and finding.rule != self.rule:
            return False
        if self.concept is not None and finding.concept != self.concept:
            return False
        return self.text is None or fnmatch.fnmatchcase(finding.found or "", self.text)

    def describe(self) -> str:
        fields = [f"{k}={v!r}" for k, v in (("fingerprint", self.fingerprint),
                                             ("rule", self.rule), ("concept", self.concept),
                                             ("text", self.text)) if v is not None]
        return f"{self.where} ({', '.join(fields)})"


@dataclass(frozen=True, slots=True)
class Triage:
    """What the baseline and the ignore file took away from a check's findings."""

    kept: tuple[Finding, ...]
    baselined: int = 0
    ignored: int = 0
    unused_ignores: tuple[IgnoreEntry, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"baselined": self.baselined, "ignored": self.ignored,
                "unused_ignores": [e.describe() for e in self.unused_ignores]}


def triage(findings: Sequence[Finding], baseline: Counter[str] | None = None,
           ignores: Sequence[IgnoreEntry] = ()) -> Triage:
    """Drop findings already in the baseline (by count per fingerprint), then ignored ones."""
    remaining = Counter(baseline or {})
    kept: list[Finding] = []
    baselined = 0
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            baselined += 1
        else:
            kept.append(finding)
    used: set[int] = set()
    after_ignores: list[Finding] = []
    for finding in kept:
        hit = next((i for i, entry in enumerate(ignores) if entry.matches(finding)), None)
        if hit is None:
            after_ignores.append(finding)
        else:
            used.add(hit)
    unused = tuple(entry for i, entry in enumerate(ignores) if i not in used)
    return Triage(tuple(after_ignores), baselined, len(kept) - len(after_ignores), unused)


def load_baseline(path: Path) -> Counter[str]:
    """Fingerprint counts of an earlier ``check --format json`` report (schema 2 or later)."""
    report = parse_json(read_text(path), path, "the baseline is not JSON", error=UsageError)
    if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
        raise UsageError("the baseline is not a glossalign JSON report (no findings list)", path)
    if report.get("schema_version", 1) < 2:
        raise UsageError("the baseline report has no fingerprints (schema 1); re-run the old "
                         "check with this version to make one", path)
    return Counter(str(f.get("fingerprint")) for f in report["findings"] if isinstance(f, dict))


def load_ignores(path: Path) -> tuple[IgnoreEntry, ...]:
    """Entries of an ignore file: TOML (``[[ignore]]`` tables) or JSON (a list, or
    ``{"ignore": [...]}``)."""
    text = read_text(path)
    invalid = "cannot parse the ignore file"
    data: Any = (parse_json(text, path, invalid, error=UsageError)
                 if path.suffix.lower() == ".json" else parse_toml(text, path, invalid, UsageError))
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"ignore"})
        if unknown:
            raise UsageError(f"unknown key(s) {', '.join(unknown)} in the ignore file "
                             "(expected [[ignore]] entries)", path)
        data = data.get("ignore", [])
    if not isinstance(data, list):
        raise UsageError("the ignore file must hold a list of entries", path)
    return tuple(ignore_entry(item, f"{path} entry {n}") for n, item in enumerate(data, 1))


def ignore_entry(item: Any, where: str) -> IgnoreEntry:
    if not isinstance(item, dict):
        raise UsageError(f"{where}: an entry must be a table of keys")
    unknown = sorted(set(item) - set(ENTRY_KEYS))
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)} "
                         f"(known: {', '.join(ENTRY_KEYS)})")
    values = {key: item[key] for key in ENTRY_KEYS if key in item}
    if any(not isinstance(v, str) or not v.strip() for v in values.values()):
        raise UsageError(f"{where}: every value must be a non-empty string")
    missing = [key for key in ("reason", "accepted-by") if key not in values]
    if missing:
        raise UsageError(f"{where}: say {' and '.join(missing)} for every accepted finding")
    if not any(key in values for key in MATCH_KEYS):
        raise UsageError(f"{where}: give a fingerprint, or a rule, concept or text pattern")
    return IgnoreEntry(values["reason"], values["accepted-by"], values.get("fingerprint"),
                       values.get("rule"), values.get("concept"), values.get("text"), where)
