"""Progress bars: drawn on a terminal, never in a pipe or with --quiet, fed by the library's
``(done, total)`` callbacks."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import CliRunner

from glossalign.cli import progress
from glossalign.eval.score_report import score_files


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "quiet", "expected"), [
    (True, False, True), (True, True, False), (False, False, False), (False, True, False)])
def test_a_bar_only_for_a_terminal_without_quiet(monkeypatch: pytest.MonkeyPatch, tty: bool,
                                                 quiet: bool, expected: bool) -> None:
    monkeypatch.setattr(sys, "stderr", FakeTerminal() if tty else io.StringIO())
    assert progress.wants_bar(quiet) is expected


def test_the_bar_draws_on_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress.progress_bar("scoring", True) as update:
        assert update is not None
        update(1, 2)
        update(2, 2)
    with progress.progress_bar("scoring", False) as update:
        assert update is None


def test_score_reports_each_step(tmp_path: Path) -> None:
    hyp1, hyp2, ref = (tmp_path / name for name in ("h1.txt", "h2.txt", "r.txt"))
    for path, text in ((hyp1, "a b c\n"), (hyp2, "a b d\n"), (ref, "a b c\n")):
        path.write_text(text, encoding="utf-8")
    steps: list[tuple[int, int]] = []
    score_files([hyp1, hyp2], [ref], "en", progress=lambda done, total: steps.append((done, total)))
    assert steps == [(0, 3), (1, 3), (3, 3)]


def test_no_bar_in_a_pipe(cli: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    source.write_text("第一句。第二句。\n", encoding="utf-8")
    target.write_text("First sentence. Second sentence.\n", encoding="utf-8")
    code, out, err = cli(["align", "-s", str(source), "--src-lang", "zh", "-t", str(target),
                          "--tgt-lang", "en"])
    assert code == 0 and out.strip()
    assert "aligning" not in err and "\r" not in err


def test_the_streamed_check_reports_bytes(tmp_path: Path) -> None:
    from glossalign.glossary.model import Term, TermBase
    from glossalign.pipeline.report_stream import stream_check

    termbase = TermBase()
    termbase.add(Term("c", "en", "cyberspace", "preferred"))
    target = tmp_path / "t.txt"
    target.write_text("In cyberspace.\n" * 5000, encoding="utf-8")
    steps: list[tuple[int, int]] = []
    streamed = stream_check(termbase, target, "en",
                            progress=lambda done, total: steps.append((done, total)))
    assert streamed is not None
    size = target.stat().st_size
    assert steps[0][1] == size and steps[-1] == (size, size)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
