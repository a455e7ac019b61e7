"""safe_io: outputs never over an input, complete or absent, no temporary files left behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossalign.errors import UsageError
from glossalign.safe_io import atomic_write_text, atomic_writer, refuse_same_file


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("link", ["same path", "symbolic link", "hard link"])
def test_an_output_that_is_an_input_is_refused(tmp_path: Path, link: str) -> None:
    source = tmp_path / "source.txt"
    source.write_text("text\n", encoding="utf-8")
    output = {"same path": source, "symbolic link": tmp_path / "sym",
              "hard link": tmp_path / "hard"}[link]
    if link == "symbolic link":
        output.symlink_to(source)
    elif link == "hard link":
        os.link(source, output)
    with pytest.raises(UsageError, match="refusing to write over the input"):
        refuse_same_file([tmp_path / "other.txt", source], [output])


def test_a_new_output_and_stdout_pass(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("text\n", encoding="utf-8")
    refuse_same_file([source, None, "-"], [tmp_path / "new.txt", None, "-"])


def test_the_file_appears_only_complete(tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    output.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(output) as stream:
        stream.write("half of the new")
        raise RuntimeError("crash while writing")
    assert output.read_text(encoding="utf-8") == "old\n"
    assert parts(tmp_path) == []
    atomic_write_text(output, "new\n")
    assert output.read_text(encoding="utf-8") == "new\n"


def test_permissions_of_a_replaced_file_are_kept(tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o640)
    atomic_write_text(output, "new\n")
    assert output.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("make_target, message", [
    (lambda folder: folder / "missing" / "out.txt", "does not exist"),
    (lambda folder: folder, "is a folder"),
])
def test_unwritable_targets_are_usage_errors(tmp_path: Path, make_target, message) -> None:
    with pytest.raises(UsageError, match=message):
        atomic_write_text(make_target(tmp_path), "text")


def test_a_full_disk_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UsageError, match="no space left"):
        atomic_write_text(tmp_path / "out.txt", "text")
    assert parts(tmp_path) == []


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_parts_of_killed_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    orphan = tmp_path / f".out.txt.{dead_pid()}.abc123.part"
    alive = tmp_path / f".out.txt.{os.getppid()}.def456.part"  # a running process's part
    other = tmp_path / f".other.txt.{dead_pid()}.ghi789.part"  # another output's part
    for part in (orphan, alive, other):
        part.write_text("partial", encoding="utf-8")
    atomic_write_text(output, "complete\n")
    assert parts(tmp_path) == sorted([alive.name, other.name])
