"""Crashes leave clean files: a killed or interrupted ``fix`` leaves its output complete or absent
(and an interrupt says so), a killed ``batch`` leaves no worker behind, and an interrupted
``batch`` says what it kept and how to go on.

These start real processes and send real signals (POSIX only).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = ("concept,lang,term,status\n"
            "ai,en,artificial intelligence,preferred\nai,en,machine intelligence,deprecated\n")


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def wait_for(condition: object, timeout: float = 120.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(step)
    return False


def default_sigint() -> None:
    """Let the child take Ctrl-C even when this test runs with SIGINT ignored (a shell's
    background job, nohup): an ignored signal stays ignored across exec."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def fix_inputs(folder: Path, lines: int) -> tuple[Path, Path]:
    glossary = folder / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    target = folder / "big.txt"
    sentence = "Machine intelligence changes how {} people work, every single day.\n"
    target.write_text("".join(sentence.format(i) for i in range(lines)), encoding="utf-8")
    return glossary, target


def fix_args(glossary: Path, target: Path, output: Path) -> list[str]:
    return ["fix", "-g", str(glossary), "--tgt-lang", "en", "-t", str(target), "-o", str(output)]


# Runs ``glossalign fix`` with the output stream slowed down after its first write: the test
# can then kill it while it is, without doubt, in the middle of writing.
PAUSING_FIX = """
import os, sys, time
from pathlib import Path
from glossalign import safe_io
marker = Path(sys.argv[1])
real_fdopen = os.fdopen
def slow_fdopen(*args, **kwargs):
    stream = real_fdopen(*args, **kwargs)
    real_write = stream.write
    def write(text):
        written = real_write(text)
        stream.flush()
        marker.touch()
        time.sleep(0.5)
        return written
    stream.write = write
    return stream
safe_io.os.fdopen = slow_fdopen
from glossalign.cli import main
main(sys.argv[2:])
"""


def test_fix_killed_while_writing_leaves_no_output(tmp_path: Path) -> None:
    glossary, target = fix_inputs(tmp_path, 2000)
    output, marker = tmp_path / "fixed.txt", tmp_path / "writing"
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSING_FIX, str(marker), *fix_args(glossary, target, output)],
        env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_for(marker.exists), "fix never started writing"
        partial = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        assert partial and partial[0].stat().st_size > 0  # really mid-write
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert not output.exists()
    assert target.read_text(encoding="utf-8").count("\n") == 2000  # the input is untouched
    # The next write of the same output removes the killed writer's temporary file.
    done = subprocess.run([sys.executable, "-m", "glossalign",
                           *fix_args(glossary, target, output)],
                          env=environment(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert output.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_fix_interrupted_while_writing_says_so_and_leaves_no_output(tmp_path: Path) -> None:
    glossary, target = fix_inputs(tmp_path, 2000)
    output, marker = tmp_path / "fixed.txt", tmp_path / "writing"
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSING_FIX, str(marker), *fix_args(glossary, target, output)],
        env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=default_sigint)
    try:
        assert wait_for(marker.exists), "fix never started writing"
        process.send_signal(signal.SIGINT)  # Ctrl-C in the middle of writing the output
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert err.strip() == ("glossalign: interrupted; each output file is either complete "
                           "or was not written")
    assert not output.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("delay", [0.5, 2.0])
def test_fix_killed_at_any_moment_leaves_output_complete_or_absent(tmp_path: Path,
                                                                    delay: float) -> None:
    glossary, target = fix_inputs(tmp_path, 20_000)
    reference = tmp_path / "reference.txt"
    done = subprocess.run([sys.executable, "-m", "glossalign",
                           *fix_args(glossary, target, reference)],
                          env=environment(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    output = tmp_path / "fixed.txt"
    process = subprocess.Popen([sys.executable, "-m", "glossalign",
                                *fix_args(glossary, target, output)],
                               env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if output.exists():
        assert output.read_bytes() == reference.read_bytes()


def batch_manifest(folder: Path, documents: int) -> Path:
    manifest = folder / "manifest.jsonl"
    sentence = "Machine intelligence changes how people work every day, number {}."
    with manifest.open("w", encoding="utf-8") as out:
        for i in range(documents):
            text = " ".join(sentence.format(i * 40 + k) for k in range(40))
            out.write(json.dumps({"id": f"doc{i}", "src_lang": "en", "tgt_lang": "en",
                                  "source": text, "hypothesis": text.replace("Machine", "The"),
                                  "reference": text}) + "\n")
    return manifest


def finished_rows(outdir: Path) -> int:
    results = outdir / "results.jsonl"
    if not results.exists():
        return 0
    return results.read_bytes().count(b"\n")


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_batch_workers_exit_when_the_driver_is_killed(tmp_path: Path, engine: str) -> None:
    if engine == "dask":
        pytest.importorskip("distributed")
    manifest = batch_manifest(tmp_path, 400)
    outdir = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "glossalign", "batch", str(manifest), "-o", str(outdir),
         "--workers", "2", "--chunk-size", "2", "--quiet", "--engine", engine],
        env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    driver = psutil.Process(process.pid)
    workers: list[psutil.Process] = []
    try:
        assert wait_for(lambda: finished_rows(outdir) >= 2), "the batch never got going"
        workers = driver.children(recursive=True)
        assert len(workers) >= 2
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers left behind: {[p.pid for p in alive]}"
    finally:
        for worker in workers:
            if worker.is_running():
                worker.kill()
        if process.poll() is None:
            process.kill()


def test_batch_interrupted_says_what_it_kept_and_how_to_resume(tmp_path: Path) -> None:
    manifest = batch_manifest(tmp_path, 120)
    outdir = tmp_path / "out"
    args = ["batch", str(manifest), "-o", str(outdir), "--workers", "2", "--chunk-size", "2",
            "--quiet"]
    process = subprocess.Popen([sys.executable, "-m", "glossalign", *args], env=environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=default_sigint)
    try:
        assert wait_for(lambda: finished_rows(outdir) >= 2), "the batch never got going"
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C: the whole process group
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    kept = finished_rows(outdir)
    assert f"interrupted: {kept} finished documents are kept in" in err
    assert "--resume" in err and "Traceback" not in err
    resumed = subprocess.run([sys.executable, "-m", "glossalign", *args, "--resume"],
                             env=environment(), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    ids = [json.loads(line)["id"] for line in
           (outdir / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(f"doc{i}" for i in range(120))


# Makes each batch worker pause while Python starts (after its Ctrl-C handler is installed,
# before glossalign is imported), and say so: the test interrupts it in that window.
SLOW_WORKER_START = """
import os, sys, time
if "--multiprocessing-fork" in sys.orig_argv:
    open(os.environ["WORKER_STARTING"], "a").close()
    time.sleep(1.5)
"""


def test_batch_interrupted_while_its_workers_start_prints_one_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_WORKER_START, encoding="utf-8")
    marker = tmp_path / "worker-starting"
    env = {**environment(), "WORKER_STARTING": str(marker),
           "PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    manifest = batch_manifest(tmp_path, 40)
    args = ["batch", str(manifest), "-o", str(tmp_path / "out"), "--workers", "2", "--quiet"]
    process = subprocess.Popen([sys.executable, "-m", "glossalign", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=default_sigint)
    try:
        assert wait_for(marker.exists), "no worker started"
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert "KeyboardInterrupt" not in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("interrupted:"), err
