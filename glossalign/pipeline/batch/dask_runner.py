"""The batch beyond one machine: the same :func:`score_batch` on Dask distributed.

Dask was chosen because it is a pure pip install (``glossalign[distributed]``), its
``LocalCluster`` gives tests and single machines a real scheduler with worker processes, and
``Client("tcp://host:8786")`` reaches a real cluster with no code change. The document context (the
glossary) is scattered once to every worker; chunks are submitted with a bounded number in flight
and their results come back to the driver, which alone writes the output files.

On a real cluster, ``*_path`` columns must name files that the workers can read at the same
absolute path (a shared file system); inline texts travel with the chunks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from glossalign.errors import UsageError
from glossalign.pipeline.batch.document import Batch, DocumentContext, score_batch

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 30


class DaskEngine:
    """A Dask client on a new ``LocalCluster`` of ``workers`` processes, or on ``scheduler``."""

    def __init__(self, context: DocumentContext, workers: int, scheduler: str | None = None):
        from distributed import Client, LocalCluster

        self.cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, ValueError) as exc:  # ValueError: not an address at all
                raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.workers = max(len(self.client.scheduler_info().get("workers", {})), 1)
        self.context = self.client.scatter(context, broadcast=True)

    def map_chunks(self, chunks: Iterable[Batch]) -> Iterator[Batch]:
        from distributed import as_completed

        window = 2 * self.workers
        running = as_completed()
        in_flight = 0
        for chunk in chunks:
            running.add(self.client.submit(score_batch, chunk, self.context, pure=False))
            in_flight += 1
            if in_flight >= window:
                yield next(running).result()
                in_flight -= 1
        for future in running:
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
