"""Writing output files safely: never over an input, complete or not at all.

Every file glossalign writes goes through :func:`atomic_writer` (or the two helpers built on it):
the content is written to a temporary file in the destination folder, flushed to disk, and renamed
over the destination in one step, so a reader (or a crash) never sees a half-written file.
:func:`refuse_same_file` compares outputs with inputs by device and inode, so a symbolic link or
a hard link to an input is refused as surely as the input's own path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast

from glossalign.errors import UsageError

PathLike = str | os.PathLike[str]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()  # follows symbolic links: a link to an input is that input
    except OSError:
        return None
    return info.st_dev, info.st_ino


def refuse_same_file(inputs: Iterable[PathLike | None], outputs: Iterable[PathLike | None]) -> None:
    """Raise :class:`UsageError` when an output is the same file as an input.

    Files are compared by (device, inode), so symlinks and hard links count as the same file.
    An output that is an existing folder is refused too (an output must be a file).
    """
    input_ids: dict[tuple[int, int], Path] = {}
    for item in inputs:
        if item is None or str(item) == "-":
            continue
        identity = _identity(Path(item))
        if identity is not None:
            input_ids[identity] = Path(item)
    for item in outputs:
        if item is None or str(item) == "-":
            continue
        output = Path(item)
        identity = _identity(output)
        if identity in input_ids:
            raise UsageError(
                f"refusing to write over the input {input_ids[identity]}; choose another output",
                output)


def check_writable_target(path: PathLike) -> Path:
    """The output path, after checking it is not a folder and its folder exists and is writable."""
    target = Path(path)
    if target.is_dir():
        raise UsageError("the output path is a folder; name a file", target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"the output folder {folder} does not exist", target)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"the output folder {folder} is not writable", target)
    return target


def describe_os_error(error: OSError, path: PathLike) -> UsageError:
    """An OS error while writing, as the one-line error the CLI reports (exit 2)."""
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "read-only file system",
        errno.EISDIR: "the output path is a folder",
        errno.ENOENT: "the output folder does not exist",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return UsageError(f"cannot write: {reason}", Path(path))


@contextlib.contextmanager
def atomic_writer(path: PathLike, mode: str = "w", *, encoding: str = "utf-8",
                  newline: str | None = None) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (``"w"`` or ``"wb"``); the file appears, complete, only when
    the block ends cleanly. An OS error becomes a one-line :class:`UsageError`."""
    target = check_writable_target(path)
    if _written_in_place(target):
        with _in_place_writer(target, mode, encoding, newline) as device:
            yield device
        return
    folder = target.parent if str(target.parent) else Path(".")
    _remove_orphaned_parts(target)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=_part_prefix(target, os.getpid()),
                                             suffix=".part", dir=folder)
    except OSError as error:
        raise describe_os_error(error, target) from None
    temp = Path(temp_name)
    try:
        if "b" in mode:
            stream: IO[Any] = os.fdopen(handle, "wb")
        else:
            stream = os.fdopen(handle, "w", encoding=encoding, newline=newline)
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise describe_os_error(error, target) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _written_in_place(target: Path) -> bool:
    """Devices and pipes (``/dev/null``, ``/dev/stdout``, a FIFO) are written to, never renamed
    over: a rename would put a regular file where ``/dev/null`` was, for every process."""
    try:
        mode = os.stat(target).st_mode
    except OSError:  # not there yet: an ordinary new file
        return False
    return not stat.S_ISREG(mode) or str(target.absolute()).startswith(("/dev/", "/proc/"))


@contextlib.contextmanager
def _in_place_writer(target: Path, mode: str, encoding: str,
                     newline: str | None) -> Iterator[IO[Any]]:
    try:
        stream = (open(target, "wb") if "b" in mode  # noqa: SIM115  (closed below)
                  else open(target, "w", encoding=encoding, newline=newline))
    except OSError as error:
        raise describe_os_error(error, target) from None
    try:
        with stream:
            yield stream
    except OSError as error:
        raise describe_os_error(error, target) from None


def _part_prefix(target: Path, pid: int) -> str:
    return f".{target.name}.{pid}."


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def _remove_orphaned_parts(target: Path) -> None:
    """Delete the temporary files of earlier writes of ``target`` whose writer was killed.

    A temporary file is named after its writer's process id, so a part whose process no longer
    exists was left by a crash (SIGKILL, power loss) and can never be completed.
    """
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    try:
        candidates = [p for p in folder.iterdir()
                      if p.name.startswith(prefix) and p.name.endswith(".part")]
    except OSError:
        return
    for part in candidates:
        pid_text = part.name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                part.unlink()


def _keep_mode(target: Path, temp: Path) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones (umask applied)."""
    try:
        os.chmod(temp, target.stat().st_mode & 0o7777)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)


@contextlib.contextmanager
def atomic_text_writer(path: PathLike, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """:func:`atomic_writer` in text mode, typed as a text stream."""
    with atomic_writer(path, "w", encoding=encoding) as stream:
        yield cast(TextIO, stream)


def atomic_write_text(path: PathLike, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_writer(path, "w", encoding=encoding, newline="") as stream:
        stream.write(text)


def atomic_write_bytes(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_writer(path, "wb") as stream:
        stream.write(data)


_created_folders: list[Path] = []


def make_folder(folder: PathLike) -> None:
    """``mkdir -p folder``, remembering the folders it created so that a command that then
    fails can take them away again (:func:`remove_created_folders`)."""
    folder = Path(folder)
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    _created_folders.extend(reversed(missing))  # outermost first


def remove_created_folders() -> None:
    """Remove the folders :func:`make_folder` created that are still empty, innermost first: a
    failed command leaves no output, not even an empty folder. Folders with files stay."""
    while _created_folders:
        with contextlib.suppress(OSError):
            _created_folders.pop().rmdir()


def forget_created_folders() -> None:
    _created_folders.clear()


def append_literal_row(sheet: Any, values: Iterable[object]) -> None:
    """``sheet.append(values)`` (an openpyxl worksheet) with every string kept as text.

    openpyxl stores a string that starts with ``=`` as a formula, so a glossary term or a
    translated sentence such as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` would run when the
    sheet is opened (formula injection). Marked as text, the cell shows exactly what was read.
    """
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
