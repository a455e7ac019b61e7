"""Every third-party module the package imports is declared in pyproject.toml (core or an extra),
and the dependencies we dropped stay dropped: one Aho-Corasick library (ahocorasick-rs), no
snowballstemmer (PyStemmer does the stemming)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DROPPED = {"ahocorasick": "pyahocorasick (use ahocorasick_rs)",
           "snowballstemmer": "snowballstemmer (use PyStemmer)"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *(s for extra in project["optional-dependencies"].values()
                                          for s in extra)]
    names = set()
    for spec in specs:
        match = re.match(r"([A-Za-z0-9_.-]+)(?:\[([^\]]*)\])?", spec)
        assert match, spec
        names.add(_normalise(match.group(1)))
        # dask[distributed] brings the package named like its extra
        names.update(_normalise(extra) for extra in (match.group(2) or "").split(",") if extra)
    return names


def _third_party_imports() -> dict[str, str]:
    """Top-level module -> the first file importing it (outside the standard library)."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "glossalign").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module
                     and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top != "glossalign" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(REPO)))
    return found


def test_dropped_libraries_are_not_imported() -> None:
    imported = _third_party_imports()
    assert not {DROPPED[m]: imported[m] for m in DROPPED if m in imported}


def test_every_imported_library_is_declared() -> None:
    declared = _declared()
    distributions = packages_distributions()
    undeclared = {}
    for module, where in _third_party_imports().items():
        # A module of an extra that is not installed here (the bench baselines in CI) is
        # looked up by its own name, which is its distribution's name for those.
        dists = ({_normalise(d) for d in distributions.get(module, [])}
                 or {_normalise(module)})
        if not dists & declared:
            undeclared[module] = (where, sorted(dists) or "not installed")
    assert not undeclared, f"imported but not in pyproject.toml: {undeclared}"


def test_sacrebleu_is_bounded_below_3() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = next(s for s in project["dependencies"] if s.startswith("sacrebleu"))
    assert ">=2.4" in spec and "<3" in spec
