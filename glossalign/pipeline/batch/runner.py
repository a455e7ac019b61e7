"""Run the document pipeline over a manifest: stream rows, score chunks, write results, summarize.

The driver streams chunks of pending rows from the manifest's Arrow file, hands them to an engine
(in-process, a local process pool, or Dask), writes each chunk's results as soon as it returns and
never keeps more than a few chunks in flight, so memory stays flat in the number of documents. The
summary is computed at the end from ``results.jsonl``, which also holds the rows of earlier runs
when resuming.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shlex
import signal
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

from glossalign.errors import InputError, UsageError
from glossalign.eval.metrics import glossalign_signature
from glossalign.glossary.io import read_glossary
from glossalign.pipeline.batch.document import (
    Batch,
    DocumentContext,
    batch_rows,
    columns_of,
    score_batch,
)
from glossalign.pipeline.batch.manifest import Manifest, open_manifest
from glossalign.pipeline.batch.orphans import exit_with_parent
from glossalign.pipeline.batch.results import JSONL_NAME, ResultWriter, iter_jsonl, prepare_output
from glossalign.pipeline.batch.summary import summarize
from glossalign.pipeline.config import load_config
from glossalign.safe_io import atomic_write_text

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
RUN_FILE = "run.json"
SUMMARY_FILE = "summary.json"
# Files the batch writes into its output folder (an input there must not be one of them).
BATCH_OUTPUT_FILES = (JSONL_NAME, RUN_FILE, SUMMARY_FILE)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    manifest: Path
    outdir: Path
    glossary: Path | None = None
    workers: int = 1
    resume: bool = False
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = 16
    config: Path | None = None  # the --config TOML: [rules] and [[ignore]] for every document


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    summary: dict[str, Any]
    processed: int  # documents scored in this run
    skipped: int  # documents already finished by an earlier run
    seconds: float


class ProgressSink(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


class Engine(Protocol):
    def map_chunks(self, chunks: Iterable[Batch]) -> Iterator[Batch]: ...

    def close(self) -> None: ...


def run_batch(options: BatchOptions, progress: ProgressSink | None = None) -> BatchOutcome:
    """Score every pending document of the manifest and write results and ``summary.json``."""
    check_options(options)
    started = time.perf_counter()
    termbase = read_glossary(options.glossary) if options.glossary else None
    glossary_hash = termbase.content_hash() if termbase is not None else None
    processed = 0
    settings = load_config(options.config)  # every input is checked before anything is written
    with open_manifest(options.manifest) as manifest:
        context = DocumentContext(str(manifest.base_dir), termbase, settings.rules,
                                  settings.ignores)
        engine = make_engine(options, context)  # a scheduler it cannot reach: nothing written
        try:
            options.outdir.mkdir(parents=True, exist_ok=True)
            finished = prepare_output(options.outdir, options.resume)
            record_run(options, glossary_hash)
            skipped = len(finished)
            if progress is not None:
                progress.start(max(len(manifest) - skipped, 0))
            with ResultWriter(options.outdir) as writer:
                for results in engine.map_chunks(pending_chunks(manifest, finished,
                                                                options.chunk_size)):
                    rows = batch_rows(results)
                    writer.write_chunk(rows)
                    processed += len(rows)
                    if progress is not None:
                        progress.advance(len(rows))
        finally:
            engine.close()
    summary = summarize(iter_jsonl(options.outdir / JSONL_NAME), glossary_hash)
    atomic_write_text(options.outdir / SUMMARY_FILE,
                      json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return BatchOutcome(summary, processed, skipped, time.perf_counter() - started)


def interrupted_message(outdir: Path, argv: list[str]) -> str:
    """What an interrupted batch kept, and the command that continues it."""
    jsonl = outdir / JSONL_NAME
    kept = 0
    if jsonl.exists():
        with jsonl.open("rb") as stream:
            kept = sum(1 for line in stream if line.endswith(b"\n"))
    args = [a for a in argv if a != "--resume"]
    command = " ".join(shlex.quote(a) for a in ["glossalign", *args, "--resume"])
    return (f"interrupted: {kept} finished documents are kept in {jsonl}; "
            f"continue with: {command}")


def check_options(options: BatchOptions) -> None:
    if options.engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {options.engine!r}")
    if options.workers < 1 or options.chunk_size < 1:
        raise UsageError("--workers and --chunk-size must be at least 1")
    if options.scheduler and options.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")


def record_run(options: BatchOptions, glossary_hash: str | None) -> None:
    """Write ``run.json``; on resume, refuse settings that would mix incomparable results."""
    path = options.outdir / RUN_FILE
    current = {"manifest": str(options.manifest.resolve()),
               "manifest_hash": manifest_hash(options.manifest),
               "signature": glossalign_signature(glossary_hash)}
    if options.resume and path.exists():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            previous = {}
        if previous.get("signature") not in (None, current["signature"]):
            raise UsageError(f"cannot resume: the earlier run used {previous['signature']}, "
                             f"this one {current['signature']} (a different glossary or "
                             "version); use a new output folder", options.outdir)
        if previous.get("manifest_hash") not in (None, current["manifest_hash"]):
            raise UsageError(f"cannot resume: the batch in this folder was started with another "
                             f"manifest ({previous.get('manifest')}, different content); resume "
                             "with that manifest or use a new output folder", options.outdir)
    atomic_write_text(path, json.dumps(current, indent=2) + "\n")


def manifest_hash(manifest: Path) -> str:
    """sha256 of the manifest's bytes (of every file, by relative name, for a datasets folder)."""
    digest = hashlib.sha256()
    files = sorted(p for p in manifest.rglob("*") if p.is_file()) if manifest.is_dir() else [
        manifest]
    try:
        for file in files:
            digest.update(file.relative_to(manifest).as_posix().encode() if manifest.is_dir()
                          else b"")
            with file.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
    except OSError as error:
        raise InputError(f"cannot read the manifest: {error.strerror or error}", manifest
                         ) from None
    return digest.hexdigest()


def pending_chunks(manifest: Manifest, finished: set[str], size: int) -> Iterator[Batch]:
    """Columnar chunks of ``size`` rows whose id is not finished yet, streamed."""
    buffer: list[dict[str, Any]] = []
    for batch in manifest.batches(max(size, 256)):
        for row in batch_rows(batch):
            if row["id"] in finished:
                continue
            buffer.append(row)
            if len(buffer) == size:
                yield columns_of(buffer)
                buffer = []
    if buffer:
        yield columns_of(buffer)


def make_engine(options: BatchOptions, context: DocumentContext) -> Engine:
    if options.engine == "dask":
        from glossalign.pipeline.batch.dask_runner import DaskEngine

        return DaskEngine(context, options.workers, options.scheduler)
    if options.workers == 1:
        return InlineEngine(context)
    return ProcessEngine(context, options.workers)


class InlineEngine:
    """Every chunk in this process, one after the other."""

    def __init__(self, context: DocumentContext):
        self.context = context

    def map_chunks(self, chunks: Iterable[Batch]) -> Iterator[Batch]:
        for chunk in chunks:
            yield score_batch(chunk, self.context)

    def close(self) -> None:
        pass


_WORKER_CONTEXT: DocumentContext | None = None


def _init_worker(context: DocumentContext, parent_pid: int) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context
    # Ctrl-C reaches the whole process group: the driver decides what to keep and stops the
    # pool, so a worker finishes its chunk instead of dying with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked while the driver started us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    exit_with_parent(parent_pid)


def _score_in_worker(chunk: Batch) -> Batch:
    assert _WORKER_CONTEXT is not None, "worker started without its context"
    return score_batch(chunk, _WORKER_CONTEXT)


@contextmanager
def _sigint_blocked_in_new_workers() -> Iterator[None]:
    """Start worker processes with Ctrl-C held back until they have set it aside.

    A spawned worker ignores SIGINT in ``_init_worker`` only after it has started Python and
    imported glossalign (about a second); a Ctrl-C in that window killed it with a traceback on
    the user's terminal. A blocked signal stays blocked across fork and exec, so a worker started
    meanwhile holds a Ctrl-C pending until ``_init_worker`` ignores it (which discards it). The
    driver loses nothing: a Ctrl-C while it is blocked here is delivered when this block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class ProcessEngine:
    """A local process pool (spawned, so no lock of the driver's threads is inherited)."""

    def __init__(self, context: DocumentContext, workers: int):
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                        initializer=_init_worker,
                                        initargs=(context, os.getpid()))

    def map_chunks(self, chunks: Iterable[Batch]) -> Iterator[Batch]:
        window = 2 * self.workers
        pending: set[Future[Batch]] = set()
        for chunk in chunks:
            with _sigint_blocked_in_new_workers():  # submit starts the workers on demand
                pending.add(self.pool.submit(_score_in_worker, chunk))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
