"""The package's import direction, read from the source with ``ast`` (lazy imports included).

Layers, lowest first: ``stage_data``/``errors``/``safe_io`` -> ``languages``, ``corpora`` and
``glossary`` -> ``eval`` (metrics) -> ``pipeline`` (stages, batch) -> ``cli``. A module may import
its own layer and the ones below it. The ``eval/bench_*`` modules are drivers that measure the
pipeline, so they sit above it; ``glossalign/__init__.py`` (the public API) may reach every layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "glossalign"
BASE = {"stage_data", "alignment_plausibility", "errors", "safe_io", "stdio", "environment",
        "__init__"}
FORBIDDEN = {
    "base": {"corpora", "glossary", "eval", "pipeline", "cli"},
    "corpora": {"eval", "pipeline", "cli"},
    # languages/ sits beside corpora/: a profile splits sentences with corpora/sentences.py.
    "languages": {"glossary", "eval", "pipeline", "cli"},
    "glossary": {"eval", "pipeline", "cli"},
    "eval": {"pipeline", "cli"},
    "pipeline": {"cli"},
    "bench": {"cli"},
    "cli": set(),
}


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts == ("__init__",) or parts == ("__main__",):
        return None
    if len(parts) == 1:
        return "base" if parts[0] in BASE else None
    if parts[0] == "eval" and parts[-1].startswith("bench_"):
        return "bench"
    return parts[0]


def _imported_areas(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "glossalign" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    layer = _layer(path)
    if layer is None:
        return
    bad = [f"line {line}: glossalign.{area}" for area, line in sorted(_imported_areas(path))
           if area in FORBIDDEN[layer]]
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) imports a higher layer: {bad}"


def test_the_scan_sees_lazy_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from glossalign.pipeline.check import x\n", encoding="utf-8")
    assert ("pipeline", 2) in _imported_areas(sample)
