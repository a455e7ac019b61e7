"""Check a glossary and report every problem with its line, instead of stopping at the first.

Errors make a glossary unusable or contradictory; warnings are worth a look. Codes:
``malformed-row``, ``missing-concept-id``, ``missing-lang``, ``empty-term``, ``unknown-status``,
``empty-glossary``, ``preferred-and-deprecated`` and ``unmatchable-term`` (punctuation only, or
nothing left after normalisation: it can never match) are errors; ``duplicate-term``,
``no-preferred`` and ``regex-like-term`` (``.*``, ``\b``, ``[abc]``, ``(a|b)``: terms match as
words, never as patterns) are warnings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from glossalign.glossary.csvio import RowDefect
from glossalign.glossary.io import read_terms, term_defects
from glossalign.glossary.model import APPROVED, DISAPPROVED, Term
from glossalign.glossary.term_shape import regex_construct, unmatchable_reason

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    severity: str  # "error" | "warning"
    code: str
    message: str


def validate_glossary(path: str | Path) -> list[Problem]:
    """All problems of the glossary at ``path``, by line; raises only when it cannot be parsed."""
    where = str(path)
    row_defects: list[RowDefect] = []
    terms = read_terms(path, row_defects)
    problems = [Problem(where, d.line, ERROR, d.code, d.message) for d in row_defects]
    for term in terms:
        problems += [
            Problem(where, term.line, ERROR, code, message) for code, message in term_defects(term)
        ]
    if not terms and not row_defects:
        problems.append(
            Problem(where, None, ERROR, "empty-glossary", "the glossary holds no terms")
        )
    usable = [term for term in terms if not term_defects(term)]
    problems += _shape_problems(where, usable)
    problems += _duplicates(where, usable)
    problems += _missing_preferred(where, usable)
    problems += _approved_and_disapproved(where, usable)
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


def format_problem(problem: Problem) -> str:
    """``path:line: severity: code: message`` (without ``:line`` when there is none)."""
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    return f"{where}: {problem.severity}: {problem.code}: {problem.message}"


def _duplicates(where: str, terms: list[Term]) -> list[Problem]:
    groups = _group(terms, lambda t: (t.concept, _lang_key(t.lang), _text_key(t.text)))
    return [
        Problem(
            where,
            term.line,
            WARNING,
            "duplicate-term",
            f"term '{term.text}' ({term.lang}) appears twice in concept '{term.concept}': "
            f"lines {group[0].line} and {term.line}",
        )
        for group in groups
        for term in group[1:]
    ]


def _missing_preferred(where: str, terms: list[Term]) -> list[Problem]:
    problems = []
    for group in _group(terms, lambda t: (t.concept, _lang_key(t.lang))):
        if any(term.status == "preferred" for term in group):
            continue
        listed = ", ".join(f"{term.status} '{term.text}'" for term in group)
        first = group[0]
        problems.append(
            Problem(
                where,
                first.line,
                WARNING,
                "no-preferred",
                f"concept '{first.concept}' has no preferred term in {first.lang} "
                f"(it has {listed})",
            )
        )
    return problems


def _approved_and_disapproved(where: str, terms: list[Term]) -> list[Problem]:
    problems = []
    for group in _group(terms, lambda t: (_lang_key(t.lang), _text_key(t.text))):
        approved = [term for term in group if term.status in APPROVED]
        if not approved:
            continue
        example = approved[0]
        problems += [
            Problem(
                where,
                term.line,
                ERROR,
                "preferred-and-deprecated",
                f"term '{term.text}' ({term.lang}) is {term.status} in concept "
                f"'{term.concept}' but {example.status} in concept '{example.concept}' "
                f"at line {example.line}",
            )
            for term in group
            if term.status in DISAPPROVED
        ]
    return problems


def _shape_problems(where: str, terms: list[Term]) -> list[Problem]:
    """Terms that can never match, and terms written as regular expressions by mistake."""
    problems = []
    for term in terms:
        reason = unmatchable_reason(term.text, term.lang)
        if reason is not None:
            problems.append(Problem(where, term.line, ERROR, "unmatchable-term",
                                    f"term '{term.text}' ({term.lang}) {reason}: it can never "
                                    "match as intended"))
        construct = regex_construct(term.text)
        if construct is not None:
            problems.append(Problem(where, term.line, WARNING, "regex-like-term",
                                    f"term '{term.text}' ({term.lang}) contains '{construct}', "
                                    "which looks like a regular expression; terms are matched "
                                    "as words, literally (fix will not rewrite it)"))
    return problems


def _group(terms: Iterable[Term], key: Callable[[Term], Hashable]) -> list[list[Term]]:
    """Terms grouped by ``key``, groups and members in file order."""
    groups: dict[Hashable, list[Term]] = {}
    for term in terms:
        groups.setdefault(key(term), []).append(term)
    return list(groups.values())


def _lang_key(lang: str) -> str:
    return lang.replace("_", "-").lower()


def _text_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
