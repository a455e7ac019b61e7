"""The Dask engine: a LocalCluster of 2 worker processes gives what the local engine gives."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from batch_fixtures import (
    jsonl_rows,
    offline,  # noqa: F401  (an autouse fixture: importing it applies it)
    write_glossary,
    write_jsonl,
)

from glossalign.cli import main
from glossalign.pipeline.batch.results import read_results
from glossalign.pipeline.batch.runner import BatchOptions, run_batch

pytest.importorskip("distributed")

SOURCE = "我们构建人类命运共同体。\n发展人工智能。\n今天天气很好。"
REFERENCE = ("We build a community with a shared future for mankind.\n"
             "Develop artificial intelligence.\nThe weather is nice today.")
HYPOTHESES = [
    "We build a community of destiny for mankind.\nDevelop machine intelligence.\nNice weather.",
    "We build a community with a shared future for mankind.\nDevelop artificial intelligence.\n"
    "The weather is good today.",
]


def make_batch(folder: Path, count: int = 10) -> tuple[Path, Path]:
    rows: list[dict[str, Any]] = [
        {"id": f"doc-{i:02d}", "src_lang": "zh", "tgt_lang": "en", "source": SOURCE,
         "reference": REFERENCE, "hypothesis": HYPOTHESES[i % 2]} for i in range(count)]
    rows.append({**rows[0], "id": "bad", "hypothesis": "one line"})
    return write_jsonl(folder / "m.jsonl", rows), write_glossary(folder)


@pytest.mark.slow
def test_dask_local_cluster_equals_the_local_engine(tmp_path: Path) -> None:
    manifest, glossary = make_batch(tmp_path)
    local = run_batch(BatchOptions(manifest, tmp_path / "local", glossary, chunk_size=3))
    dask = run_batch(BatchOptions(manifest, tmp_path / "dask", glossary, workers=2,
                                  engine="dask", chunk_size=3))
    assert dask.summary == local.summary
    assert dask.summary["errors"] == 1 and dask.summary["ok"] == 10
    assert jsonl_rows(tmp_path / "dask") == jsonl_rows(tmp_path / "local")
    assert sorted(read_results(tmp_path / "dask").column("id").to_pylist()) == [
        r["id"] for r in jsonl_rows(tmp_path / "local")]


@pytest.mark.slow
def test_cli_reaches_an_existing_scheduler(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from distributed import LocalCluster

    manifest, glossary = make_batch(tmp_path, count=4)
    local = run_batch(BatchOptions(manifest, tmp_path / "local", glossary))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        with pytest.raises(SystemExit) as exit_info:
            main(["batch", str(manifest), "-o", str(tmp_path / "remote"), "-g", str(glossary),
                  "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q",
                  "--fail-under", "bleu=99"])
    assert exit_info.value.code == 1
    assert "FAILED: zh-en bleu" in capsys.readouterr().out
    assert jsonl_rows(tmp_path / "remote") == jsonl_rows(tmp_path / "local")
    remote = json.loads((tmp_path / "remote" / "summary.json").read_text(encoding="utf-8"))
    assert remote == local.summary


def test_scheduler_needs_the_dask_engine(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    manifest, _ = make_batch(tmp_path, count=1)
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(manifest), "-o", str(tmp_path / "out"),
              "--scheduler", "tcp://127.0.0.1:1"])
    assert exit_info.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from glossalign.pipeline.batch import dask_runner

    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT_S", 1)
    manifest, _ = make_batch(tmp_path, count=1)
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(manifest), "-o", str(tmp_path / "out"), "--engine", "dask",
              "--scheduler", "tcp://127.0.0.1:9"])
    assert exit_info.value.code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
