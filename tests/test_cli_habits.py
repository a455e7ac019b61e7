"""CLI habits: every option explained, choices listed and checked by name, one option vocabulary
(old spellings kept as aliases), the config format in ``check --help``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CliRunner

from glossalign.cli.app import COMMANDS, load_command


def _leaf_commands() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []

    def walk(command: Any, name: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for sub_name, sub in subcommands.items():
                walk(sub, f"{name} {sub_name}")
        else:
            out.append((name, command))

    for spec in COMMANDS:
        walk(load_command(spec), spec.name)
    return out


@pytest.mark.parametrize(("name", "command"), _leaf_commands(), ids=lambda v: str(v))
def test_every_option_and_argument_has_help(name: str, command: Any) -> None:
    missing = [param.name for param in command.params if not getattr(param, "help", None)]
    assert not missing, f"glossalign {name}: no help for {missing}"


CHOICES = [
    (["check"], "--pairing", "auto|lines"),
    (["check"], "--fail-on", "error|warning|never"),
    (["align"], "--format", "beads|tsv|jsonl|tmx|xliff-1.2|xliff-2|po"),
    (["report"], "--pairing", "auto|lines"),
    (["score"], "--format", "text|json"),
    (["batch"], "--engine", "local|dask"),
    (["translate"], "--device", "auto|cpu|cuda"),
    (["translate"], "--mode", "force|favour"),
    (["tokenizer", "train"], "--model-type", "unigram|bpe"),
]


@pytest.mark.parametrize(("command", "option", "choices"), CHOICES)
def test_choices_are_listed_and_a_wrong_one_names_the_option(
        cli: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str], option: str,
        choices: str) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: the help does not wrap the list
    code, out, _ = cli([*command, "--help"])
    assert code == 0 and choices in out
    code, _, err = cli([*command, option, "no-such-choice"])
    assert code == 2
    assert option in err


def test_check_help_shows_the_config_format(cli: CliRunner) -> None:
    _, out, _ = cli(["check", "--help"])
    assert "[rules]" in out and 'missing-term = "warning"' in out and "[[ignore]]" in out


@pytest.fixture
def score_files(tmp_path: Path) -> dict[str, Path]:
    files = {"source": tmp_path / "s.txt", "hypothesis": tmp_path / "h.txt",
             "reference": tmp_path / "r.txt", "glossary": tmp_path / "g.csv"}
    files["source"].write_text("发展人工智能。\n", encoding="utf-8")
    files["hypothesis"].write_text("Develop machine intelligence.\n", encoding="utf-8")
    files["reference"].write_text("Develop artificial intelligence.\n", encoding="utf-8")
    files["glossary"].write_text("concept,lang,term,status,note\nai,zh,人工智能,preferred,\n"
                                 "ai,en,artificial intelligence,preferred,\n"
                                 "ai,en,machine intelligence,deprecated,\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("spelling", [
    ["--hypothesis", "{hypothesis}", "--reference", "{reference}", "--source", "{source}"],
    ["--hyp", "{hypothesis}", "--ref", "{reference}", "--src", "{source}"],
    ["--hypothesis", "{hypothesis}", "-r", "{reference}", "-s", "{source}"],
])
def test_score_speaks_the_common_vocabulary_and_keeps_the_old(
        cli: CliRunner, score_files: dict[str, Path], spelling: list[str]) -> None:
    args = [part.format(**{k: str(v) for k, v in score_files.items()}) for part in spelling]
    code, out, err = cli(["score", *args, "--src-lang", "zh", "--tgt-lang", "en",
                          "-g", str(score_files["glossary"]), "--format", "json"])
    assert code == 0, err
    terminology = json.loads(out)["hypotheses"][0]["terminology"]
    assert terminology["term_accuracy"] == 0.0 and terminology["forbidden_rate"] == 1.0
