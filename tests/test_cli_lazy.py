"""Lazy command loading: the root group's table agrees with the command modules, and a plain
``--help`` or ``check`` imports none of the heavy libraries."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import CliRunner

import glossalign
import glossalign.cli
from glossalign.cli.app import COMMANDS, LazyCommand, load_command

HEAVY = ("pyarrow", "datasets", "sacrebleu", "jinja2", "jieba", "torch", "transformers",
         "pandas", "dask", "sentencepiece")
REPO = Path(__file__).resolve().parents[1]


def _first_line(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_summary_matches_the_command(spec: LazyCommand) -> None:
    command = load_command(spec)
    assert command.name == spec.name
    assert _first_line(command.help) == spec.summary


@pytest.mark.parametrize("words", [["check"], ["glossary", "validate"], ["tokenizer", "train"]],
                         ids=" ".join)
def test_every_help_is_plain_text(words: list[str]) -> None:
    """One help style for the root and every command: plain text, no rich boxes."""
    done = subprocess.run([sys.executable, "-m", "glossalign", *words, "--help"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: glossalign " + " ".join(words))
    assert not set("╭╮╰╯│─") & set(done.stdout)


def test_every_command_module_is_in_the_table() -> None:
    listed = {(spec.module, spec.typer_name) for spec in COMMANDS}
    names = {spec.name for spec in COMMANDS}
    for info in pkgutil.iter_modules(glossalign.cli.__path__):
        if not info.name.endswith("_cmd"):
            continue
        module = importlib.import_module(f"glossalign.cli.{info.name}")
        for attr, value in vars(module).items():
            if not isinstance(value, typer.Typer) or (module.__name__, attr) not in listed:
                continue
            if attr == "commands":
                for command in value.registered_commands:
                    name = command.name or command.callback.__name__.replace("_", "-")
                    assert name in names, f"{module.__name__}: {name} is not in COMMANDS"
        assert any(spec.module == module.__name__ for spec in COMMANDS), module.__name__
    # Registering on the root app would only work once that module happened to be imported.
    from glossalign.cli.app import app
    assert not app.registered_commands and not app.registered_groups


def _imported_after(argv: list[str]) -> set[str]:
    code = (
        "import json, sys\n"
        "from glossalign.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_heavy_library() -> None:
    assert not _imported_after(["--help"]) & set(HEAVY)


def test_check_on_a_target_imports_no_heavy_library(tmp_path: Path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,note\nc,en,cyberspace,preferred,\n",
                        encoding="utf-8")
    target = tmp_path / "t.txt"
    target.write_text("In cyberspace.\n", encoding="utf-8")
    loaded = _imported_after(["check", "-g", str(glossary), "--tgt-lang", "en", "-t", str(target)])
    assert "glossalign" in loaded
    assert not loaded & set(HEAVY)


def test_import_glossalign_stays_light() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, glossalign; print(' '.join(sys.modules))"],
        capture_output=True, text=True, cwd=REPO, check=True)
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert not loaded & {*HEAVY, "typer", "rich", "numpy"}


def test_version(cli: CliRunner) -> None:
    code, out, _ = cli(["--version"])
    assert (code, out.strip()) == (0, f"glossalign {glossalign.__version__}")


def test_unknown_command_suggests_the_close_one(cli: CliRunner) -> None:
    code, _, err = cli(["chek"])
    assert code == 2 and "check" in err


def test_root_help_lists_every_command(cli: CliRunner) -> None:
    code, out, _ = cli(["--help"])
    assert code == 0
    for spec in COMMANDS:
        assert spec.name in out
