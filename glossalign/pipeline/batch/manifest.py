"""Read a batch manifest (JSONL, CSV, Parquet or a ``datasets`` folder) into an Arrow dataset.

One row per document. Columns:

* ``id`` (required, unique): a string (integers are accepted and written as strings).
* ``src_lang``, ``tgt_lang`` (required columns; an empty value makes that row a bad row).
* ``source``, ``hypothesis``, ``reference``: each given either **inline** in the column of that
  name (the text itself, lines separated by ``\\n``) or **as a file** in the column with the
  ``_path`` suffix (``source_path`` ...), a UTF-8 text file, one segment per line. The column name
  alone decides; a path is never guessed from a value. Relative paths are relative to the
  manifest's folder (for a ``datasets`` folder: the folder that holds it). A manifest may have both
  columns of a side; each row then fills exactly one of them.

Other columns are ignored. The rows are validated in one streaming pass (bad JSON, a missing
column, a duplicate id: :class:`InputError` with file and line) and written to an Arrow file in a
temporary folder, so memory stays flat however long the manifest is.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from glossalign.corpora.readers import parse_json
from glossalign.environment import hub_offline
from glossalign.errors import GlossalignError, InputError, refuse_device

if TYPE_CHECKING:
    from datasets import Dataset

SIDES = ("source", "hypothesis", "reference")
REQUIRED = ("id", "src_lang", "tgt_lang")
COLUMNS = (*REQUIRED, *SIDES, *(f"{side}_path" for side in SIDES), "location")
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
           ".parquet": "parquet"}

Row = dict[str, Any]


def offline_datasets() -> Any:
    """The ``datasets`` module, imported with the hub switched off and its progress bars quiet.

    datasets and huggingface_hub read the offline switches when they are first imported, so the
    switches are set for the import only and the rest of the process keeps its own setting.
    """
    with hub_offline():
        import datasets

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    return datasets


@dataclass
class Manifest:
    """The validated rows as a memory-mapped dataset; close it to delete its Arrow file."""

    path: Path
    base_dir: Path
    dataset: Dataset
    _tmp: tempfile.TemporaryDirectory[str]

    def __len__(self) -> int:
        return len(self.dataset)

    def batches(self, size: int) -> Iterator[dict[str, list[Any]]]:
        """Columnar batches of ``size`` rows, read from the Arrow file."""
        yield from self.dataset.iter(batch_size=size)

    def close(self) -> None:
        self._tmp.cleanup()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_manifest(path: str | Path) -> Manifest:
    """Validate a manifest and load it as an Arrow dataset (see the module doc for columns)."""
    path = Path(path)
    manifest_rows(path)  # fails early on an unknown format or a missing file
    datasets = offline_datasets()
    features = datasets.Features({name: datasets.Value("string") for name in COLUMNS})
    tmp = tempfile.TemporaryDirectory(prefix="glossalign-manifest-")
    try:
        dataset = datasets.Dataset.from_generator(
            _validated_rows, gen_kwargs={"path": str(path)},
            features=features, cache_dir=tmp.name)
    except datasets.exceptions.DatasetGenerationError as exc:
        tmp.cleanup()
        if isinstance(exc.__cause__, GlossalignError):
            raise exc.__cause__ from None
        raise InputError(f"cannot read the manifest: {exc.__cause__ or exc}", path) from None
    except BaseException:
        tmp.cleanup()
        raise
    base_dir = path.parent if path.is_file() else path.resolve().parent
    return Manifest(path, base_dir.resolve(), dataset, tmp)


def manifest_rows(path: Path) -> Iterator[tuple[Row, int | None]]:
    """Raw rows and their line (or row) number, by the manifest's format."""
    if path.is_dir():
        return _dataset_dir_rows(path)
    if not path.exists():
        raise InputError("manifest not found", path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"cannot tell the manifest format from {path.suffix or 'no suffix'!r}; "
                         f"use {', '.join(FORMATS)} or a datasets folder", path)
    reader = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[kind]
    return reader(path)


def referenced_files(path: Path) -> list[Path]:
    """Every file the manifest's ``*_path`` columns name, resolved as the batch resolves them."""
    base_dir = path.parent if path.is_file() else path.resolve().parent
    files = []
    for raw, _line in manifest_rows(path):
        for side in SIDES:
            value = raw.get(f"{side}_path")
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
                files.append(base_dir / str(value))
    return files


def _validated_rows(path: str) -> Iterator[Row]:
    seen: set[str] = set()
    columns_checked = False
    for raw, line in manifest_rows(Path(path)):
        if not columns_checked:
            check_columns(raw.keys(), path, line)
            columns_checked = True
        row = normalize_row(raw, path, line)
        if row["id"] in seen:
            raise InputError(f"duplicate id {row['id']!r}", path, line)
        seen.add(row["id"])
        yield row
    if not columns_checked:
        raise InputError("the manifest has no rows", path)


def check_columns(columns: Any, path: str, line: int | None) -> None:
    """InputError naming the missing columns (every side needs ``name`` or ``name_path``)."""
    present = set(columns)
    missing = [name for name in REQUIRED if name not in present]
    missing += [f"{side} or {side}_path" for side in SIDES
                if side not in present and f"{side}_path" not in present]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path, line)


def normalize_row(raw: Row, path: str, line: int | None) -> Row:
    """Every known column as a string or None; ``location`` says where the row came from."""
    row: Row = {}
    for name in COLUMNS[:-1]:
        value = raw.get(name)
        if isinstance(value, float) and value != value:  # NaN: an empty cell
            value = None
        if isinstance(value, bool) or not isinstance(value, str | int | type(None)):
            raise InputError(f"column {name!r} must be text, not {type(value).__name__}",
                             path, line)
        row[name] = None if value is None or value == "" else str(value)
    if row["id"] is None:
        raise InputError("row without an id", path, line)
    row["location"] = f"{path}:{line}" if line is not None else path
    return row


def json_lines(lines: Iterable[str], path: Path, invalid: str) -> Iterator[tuple[Any, int]]:
    """Each non-blank line parsed as JSON, with its line number; InputError ``invalid: why``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield parse_json(line, path, invalid, number), number


def _jsonl_rows(path: Path) -> Iterator[tuple[Row, int | None]]:
    with _open_text(path) as handle:
        for row, number in json_lines(_decoded(handle, path), path, "not valid JSON"):
            if not isinstance(row, dict):
                raise InputError("each line must be a JSON object", path, number)
            yield row, number


def _csv_rows(path: Path) -> Iterator[tuple[Row, int | None]]:
    with _open_text(path) as handle:
        reader = csv.DictReader(_decoded(handle, path))
        try:
            for row in reader:
                if None in row:
                    raise InputError(f"{len(row) - 1 + len(row[None])} fields but the header has "
                                     f"{len(reader.fieldnames or [])}", path, reader.line_num)
                yield row, reader.line_num
        except csv.Error as exc:
            raise InputError(f"not valid CSV: {exc}", path, reader.line_num) from None
    if reader.fieldnames is None:
        raise InputError("empty CSV file (no header)", path)


def _parquet_rows(path: Path) -> Iterator[tuple[Row, int | None]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise InputError(f"not a readable Parquet file: {exc}", path) from None
    wanted = [c for c in parquet.schema_arrow.names if c in COLUMNS]
    check_columns(wanted, str(path), None)
    number = 0
    for batch in parquet.iter_batches(batch_size=1024, columns=wanted):
        for row in batch.to_pylist():
            number += 1
            yield row, number


def _dataset_dir_rows(path: Path) -> Iterator[tuple[Row, int | None]]:
    datasets = offline_datasets()
    try:
        loaded = datasets.load_from_disk(str(path))
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(f"not a saved datasets folder: {exc}", path) from None
    if isinstance(loaded, datasets.DatasetDict):
        if len(loaded) != 1:
            raise InputError(f"a DatasetDict with splits {', '.join(loaded)}; save one split",
                             path)
        loaded = next(iter(loaded.values()))
    check_columns(loaded.column_names, str(path), None)
    wanted = [c for c in loaded.column_names if c in COLUMNS]
    number = 0
    for batch in loaded.select_columns(wanted).iter(batch_size=1024):
        for values in zip(*batch.values(), strict=True):
            number += 1
            yield dict(zip(batch.keys(), values, strict=True)), number


def _open_text(path: Path) -> Any:
    refuse_device(path)
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


def _decoded(handle: Any, path: Path) -> Iterator[str]:
    """Lines decoded as UTF-8 (BOM dropped), with the line number in a decoding error."""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("not valid UTF-8; convert the manifest to UTF-8", path,
                             number) from None
