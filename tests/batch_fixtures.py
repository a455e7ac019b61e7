"""Setup shared by the batch tests (local and Dask engines): glossary, manifest, results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GLOSSARY = """concept,lang,term,status,note
mankind,zh,人类命运共同体,preferred,
mankind,en,community with a shared future for mankind,preferred,
mankind,en,community of destiny for mankind,deprecated,
ai,zh,人工智能,preferred,
ai,en,artificial intelligence,preferred,
ai,en,machine intelligence,deprecated,
"""


@pytest.fixture(autouse=True)
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No hub access, and a datasets cache of the test's own (autouse where imported)."""
    for name, value in {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
                        "HF_HOME": str(tmp_path / "hf"),
                        "HF_DATASETS_CACHE": str(tmp_path / "hf" / "datasets")}.items():
        monkeypatch.setenv(name, value)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def write_glossary(folder: Path) -> Path:
    path = folder / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def jsonl_rows(outdir: Path) -> list[dict[str, Any]]:
    """The rows of ``results.jsonl``, sorted by id."""
    lines = (outdir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["id"])
