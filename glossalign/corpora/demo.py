"""The bundled demo corpus (written for this project): where its files are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEMO_FILES = ("zh.txt", "en-mt.txt", "en-ref.txt", "zh-en-mt.align", "zh-en-ref.align",
              "glossary.csv", "cyberspace.xlf")


def demo_path(name: str) -> Path:
    """Path of a demo file inside the installed package."""
    if name not in DEMO_FILES:
        raise ValueError(f"no demo file {name!r}; known: {', '.join(DEMO_FILES)}")
    return Path(str(resources.files("glossalign.corpora") / "data" / "demo" / name))
