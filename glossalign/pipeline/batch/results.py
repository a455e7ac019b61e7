"""Per-document results written as they come: ``results.jsonl`` and Parquet parts, with resume.

Layout of the output folder::

    results.jsonl              one JSON object per document, appended and flushed per row
    results/part-00001.parquet one Parquet file per finished chunk (same columns)

``results.jsonl`` is the record of what is finished: a chunk's rows are appended (and flushed)
before its Parquet part is written (to a temporary name, then renamed). After a crash,
:func:`prepare_output` with ``resume=True`` drops a torn last JSONL line, removes temporary parts,
writes the rows the JSONL has and no part has into a new part, drops part rows the JSONL does not
have, and returns the finished ids, so every id ends up exactly once in both.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from glossalign.errors import InputError, UsageError
from glossalign.pipeline.batch.manifest import json_lines

logger = logging.getLogger(__name__)

JSONL_NAME = "results.jsonl"
PARTS_DIR = "results"
_PART = re.compile(r"part-(\d+)\.parquet$")
_TAIL_BYTES = 1 << 20  # far longer than a result row

RESULT_SCHEMA = pa.schema([
    ("id", pa.string()), ("status", pa.string()), ("error", pa.string()),
    ("src_lang", pa.string()), ("tgt_lang", pa.string()), ("segments", pa.int64()),
    ("bleu", pa.float64()), ("chrf", pa.float64()), ("ter", pa.float64()),
    ("bleu_stats", pa.list_(pa.int64())), ("chrf_stats", pa.list_(pa.int64())),
    ("ter_stats", pa.list_(pa.float64())),
    ("term_accuracy", pa.float64()), ("forbidden_rate", pa.float64()),
    ("term_consistency", pa.float64()),
    ("term_occurrences", pa.int64()), ("term_correct", pa.int64()),
    ("term_forbidden", pa.int64()), ("forbidden_renderings", pa.int64()),
    ("consistency_sum", pa.float64()), ("consistency_concepts", pa.int64()),
    ("findings_error", pa.int64()), ("findings_warning", pa.int64()),
    ("findings_info", pa.int64()),
])
RESULT_COLUMNS = tuple(RESULT_SCHEMA.names)


class ResultWriter:
    """Appends result rows to the JSONL file and writes each chunk as a Parquet part."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.parts = outdir / PARTS_DIR
        self.parts.mkdir(parents=True, exist_ok=True)
        self._next_part = next_part_number(self.parts)
        self._jsonl: TextIO = (outdir / JSONL_NAME).open("a", encoding="utf-8")

    def write_chunk(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        for row in rows:
            self._jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._jsonl.flush()
        self.write_part(rows)

    def write_part(self, rows: list[dict[str, Any]]) -> None:
        path = part_path(self.parts, self._next_part)
        self._next_part += 1
        write_parquet_atomically(rows, path)

    def close(self) -> None:
        self._jsonl.close()

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_parquet_atomically(rows: list[dict[str, Any]], path: Path) -> None:
    write_table_atomically(pa.Table.from_pylist(rows, schema=RESULT_SCHEMA), path)


def write_table_atomically(table: pa.Table, path: Path) -> None:
    """Write to ``<name>.tmp`` and rename, so a crash never leaves a half-written part."""
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)


def part_path(parts: Path, number: int) -> Path:
    return parts / f"part-{number:05d}.parquet"


def next_part_number(parts: Path) -> int:
    numbers = [int(m.group(1)) for p in parts.glob("part-*.parquet")
               if (m := _PART.search(p.name))]
    return max(numbers, default=0) + 1


def prepare_output(outdir: Path, resume: bool) -> set[str]:
    """Make the output folder ready; with ``resume``, repair it and return the finished ids."""
    jsonl = outdir / JSONL_NAME
    parts_dir = outdir / PARTS_DIR
    has_results = (jsonl.exists() and jsonl.stat().st_size > 0) or any(
        parts_dir.glob("part-*.parquet"))
    if has_results and not resume:
        raise UsageError("the output folder already has results; pass --resume to continue "
                         "that batch or choose another folder", outdir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    if not resume:
        return set()
    if not jsonl.exists():
        jsonl.touch()
    drop_torn_line(jsonl)
    for tmp in parts_dir.glob("*.tmp"):
        tmp.unlink()
    finished = {row["id"] for row in iter_jsonl(jsonl)}
    reconcile_parts(outdir, finished)
    return finished


def drop_torn_line(jsonl: Path) -> None:
    """Cut a last line left half-written by a crash (no newline, or not valid JSON)."""
    with jsonl.open("rb+") as handle:
        size = handle.seek(0, 2)
        offset = handle.seek(max(0, size - _TAIL_BYTES))
        tail = handle.read()
        end = len(tail) if tail.endswith(b"\n") else tail.rfind(b"\n") + 1
        last_start = tail.rfind(b"\n", 0, max(end - 1, 0)) + 1
        if end and not _is_json(tail[last_start:end]):
            end = last_start
        if offset + end != size:
            logger.warning("%s: dropping an incomplete last line left by an interrupted run",
                           jsonl)
            handle.truncate(offset + end)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def iter_jsonl(jsonl: Path) -> Iterator[dict[str, Any]]:
    """Result rows of a results.jsonl file, streamed."""
    with jsonl.open("r", encoding="utf-8") as handle:
        for row, number in json_lines(handle, jsonl, "damaged results file"):
            if not isinstance(row, dict) or "id" not in row:
                raise InputError("damaged results file: a row without an id", jsonl, number)
            yield row


def reconcile_parts(outdir: Path, finished: set[str]) -> None:
    """Parts hold exactly the finished ids, once each: rewrite or add parts where they do not."""
    parts_dir = outdir / PARTS_DIR
    in_parts: set[str] = set()
    for part in sorted(parts_dir.glob("part-*.parquet")):
        ids = pq.read_table(part, columns=["id"]).column("id").to_pylist()
        keep = [i not in in_parts and i in finished for i in ids]
        if not all(keep):
            logger.warning("%s: removing rows that results.jsonl does not have", part)
            table = pq.read_table(part).filter(pa.array(keep))
            if table.num_rows:
                write_table_atomically(table, part)
            else:
                part.unlink()
        in_parts.update(i for i, k in zip(ids, keep, strict=True) if k)
    missing = finished - in_parts
    if missing:
        rows = [row for row in iter_jsonl(outdir / JSONL_NAME) if row["id"] in missing]
        write_parquet_atomically(rows, part_path(parts_dir, next_part_number(parts_dir)))


def read_results(outdir: Path) -> pa.Table:
    """Every Parquet part of a batch as one table."""
    parts = sorted((outdir / PARTS_DIR).glob("part-*.parquet"))
    if not parts:
        return RESULT_SCHEMA.empty_table()
    return pa.concat_tables(pq.read_table(p, schema=RESULT_SCHEMA) for p in parts)
