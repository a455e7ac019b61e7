"""Batch scoring: the single-document pipeline mapped over a manifest of many documents.

``run_batch(BatchOptions(...))`` is the entry point; see :mod:`.manifest` for the manifest columns,
:mod:`.results` for the output folder and resume, :mod:`.summary` for the corpus summary.
"""

from __future__ import annotations

from glossalign.pipeline.batch.runner import BatchOptions, BatchOutcome, run_batch

__all__ = ["BatchOptions", "BatchOutcome", "run_batch"]
