"""Shared test setup: offline, and nothing written outside the test's temporary folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True, scope="session")
def _offline_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("home")
    for name, value in {
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HOME": str(home / "hf"),
        "HF_DATASETS_CACHE": str(home / "hf" / "datasets"),
        "SACREBLEU": str(home / "sacrebleu"),
        "GLOSSALIGN_CACHE": str(home / "glossalign-cache"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }.items():
        os.environ.setdefault(name, value)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


CliRunner = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``glossalign`` in-process: (exit code, stdout, stderr)."""
    from glossalign.cli import main

    def run(args: list[str]) -> tuple[int, str, str]:
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        else:
            code = 0
        out, err = capsys.readouterr()
        return code, out, err

    return run
