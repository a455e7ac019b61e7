"""The ``--config`` TOML file shared by ``check``, ``report``, ``batch`` and ``demo``.

Known tables: ``[rules]`` (re-grade a rule, or ``"off"``) and ``[[ignore]]`` (accepted findings,
as in an ``--ignore`` file). Anything else is an error naming what is known: a misspelt table
must not be silently ignored.

    [rules]
    missing-term = "warning"
    inconsistent-term = "off"
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossalign.corpora.readers import parse_toml
from glossalign.errors import UsageError, refuse_device
from glossalign.glossary.checks import OPT_IN_RULES, RULES, RULES_BY_ID, Rule
from glossalign.pipeline.triage import IgnoreEntry, ignore_entry
from glossalign.stage_data import Severity

TABLES = ("rules", "ignore")


@dataclass(frozen=True, slots=True)
class Config:
    rules: tuple[Rule, ...] = RULES
    ignores: tuple[IgnoreEntry, ...] = ()


def load_config(path: Path | None) -> Config:
    """The settings of ``path`` (defaults when None); UsageError for anything unknown."""
    if path is None:
        return Config()
    refuse_device(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError("config file not found", path) from None
    except IsADirectoryError:
        raise UsageError("the config path is a folder, not a TOML file", path) from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", path) from None
    data = parse_toml(text, path, error=UsageError)
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise UsageError(f"unknown table or key {', '.join(map(repr, unknown))} "
                         f"(known: {', '.join(TABLES)})", path)
    ignores = data.get("ignore", [])
    if not isinstance(ignores, list):
        raise UsageError("write accepted findings as [[ignore]] tables", path)
    return Config(rules_from(data.get("rules", {}), path),
                  tuple(ignore_entry(item, f"{path} [[ignore]] {n}")
                        for n, item in enumerate(ignores, 1)))


def rules_from(settings: Any, path: Path) -> tuple[Rule, ...]:
    if not isinstance(settings, dict):
        raise UsageError("[rules] must be a table of rule = severity", path)
    for rule_id in settings:
        if rule_id not in RULES_BY_ID:
            known = ", ".join(RULES_BY_ID)
            raise UsageError(f"unknown rule {rule_id!r} in [rules] (known: {known})", path)
    rules = []
    chosen = RULES + tuple(rule for rule in OPT_IN_RULES if rule.id in settings)
    for rule in chosen:
        value = str(settings.get(rule.id, rule.severity.value)).lower()
        if value == "off":
            continue
        if value not in {s.value for s in Severity}:
            raise UsageError(f"rule {rule.id}: severity must be error, warning, info or off, "
                             f"not {value!r}", path)
        rules.append(replace(rule, severity=Severity(value)))
    return tuple(rules)
