"""``glossalign score``: sacrebleu metrics, significance and terminology metrics."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from glossalign.errors import UsageError
from glossalign.eval.scoring import score_files
from glossalign.glossary.io import read_glossary

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


@commands.command()
def score(
    hyp: Annotated[list[Path], typer.Option("--hyp", help="Hypothesis (repeat for several).")],
    ref: Annotated[list[Path], typer.Option("--ref", help="Reference (repeat for several).")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language code.")],
    src: Annotated[Path | None, typer.Option("--src", help="Source text (or .sgm).")] = None,
    src_lang: Annotated[str | None, typer.Option("--src-lang")] = None,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary for terminology metrics (needs --src).")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Score translations: BLEU, chrF++, TER (sacrebleu), significance, terminology metrics.

    Given .sgm files (WMT 2021 terminology format) it adds exact-match term accuracy, window
    overlap and 1 - TERm.
    """
    if output_format not in ("text", "json"):
        raise UsageError("--format must be text or json")
    termbase = read_glossary(glossary) if glossary is not None else None
    report = score_files(hyp, ref, tgt_lang, src_path=src, src_lang=src_lang, termbase=termbase)
    if output_format == "json":
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text())


