"""``glossalign check`` and ``glossalign fix``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from glossalign.cli.app import refuse_overwrite
from glossalign.corpora.formats import is_bilingual_file
from glossalign.errors import UsageError
from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import TermBase
from glossalign.models import Alignment
from glossalign.pipeline.check import check_alignment, load_rules
from glossalign.pipeline.check_stream import can_stream, check_target_file, write_streamed_check
from glossalign.pipeline.console import check_text_lines
from glossalign.pipeline.fix_formats import fix_file
from glossalign.pipeline.inputs import load_bilingual, load_documents, load_target_only
from glossalign.pipeline.report_json import check_report_json

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py
GlossaryOpt = Annotated[Path, typer.Option("--glossary", "-g", help="Glossary (.csv, .tsv, .tbx).")]
TgtLangOpt = Annotated[str | None, typer.Option(
    "--tgt-lang", help="Target language code, e.g. en (default: from an XLIFF/PO/TMX file).")]


def _load_alignment(target: Path | None, source: Path | None, pairs: Path | None,
                    src_lang: str | None, tgt_lang: str | None, pairing: str,
                    presegmented: bool, termbase: TermBase) -> tuple[Alignment, str | None, str]:
    """The alignment to check and its (source, target) languages."""
    if pairs is None and source is None and target is not None and is_bilingual_file(target):
        pairs, target = target, None  # an XLIFF/PO/TMX target carries its source
    if pairs is not None:
        if target is not None or source is not None:
            raise UsageError("--pairs excludes --source/--target")
        document = load_bilingual(pairs, src_lang, tgt_lang)
        assert document.tgt_lang is not None
        return document.alignment, document.src_lang, document.tgt_lang
    if target is None:
        raise UsageError("give --target (and optionally --source), or --pairs")
    if tgt_lang is None:
        raise UsageError("--tgt-lang is needed for a plain-text target")
    if source is None:
        return load_target_only(target, tgt_lang), None, tgt_lang
    if src_lang is None:
        raise UsageError("--source needs --src-lang")
    return load_documents(source, src_lang, target, tgt_lang, pairing,
                          presegmented=presegmented, termbase=termbase), src_lang, tgt_lang


@commands.command()
def check(
    glossary: GlossaryOpt,
    tgt_lang: TgtLangOpt = None,
    target: Annotated[Path | None, typer.Option("--target", "-t", help="Translation.")] = None,
    source: Annotated[Path | None, typer.Option("--source", "-s", help="Source text.")] = None,
    src_lang: Annotated[str | None, typer.Option("--src-lang")] = None,
    pairs: Annotated[Path | None, typer.Option(
        "--pairs", help="Pre-aligned units: XLIFF 1.2/2.x, PO, TMX or TSV (source<TAB>target).")
    ] = None,
    pairing: Annotated[str, typer.Option(
        help="auto: segment and align the two documents; lines: line i with line i.")] = "auto",
    presegmented: Annotated[bool, typer.Option(
        help="With --pairing auto: each line is already one sentence.")] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    fail_on: Annotated[str, typer.Option(help="error, warning or never.")] = "error",
    config: Annotated[Path | None, typer.Option(
        help="TOML file whose [rules] table re-grades or disables rules.")] = None,
) -> None:
    """Check a translation against a glossary. Exit 0 clean, 1 findings, 2 input error."""
    if output_format not in ("text", "json") or fail_on not in ("error", "warning", "never"):
        raise UsageError("--format must be text|json and --fail-on error|warning|never")
    termbase = read_glossary(glossary)
    rules = load_rules(config)
    if (target is not None and source is None and pairs is None and tgt_lang is not None
            and not is_bilingual_file(target) and can_stream(rules)):
        streamed = check_target_file(target, termbase, tgt_lang, rules)  # a plain-text target
        write_streamed_check(sys.stdout, streamed, output_format, str(glossary), len(termbase))
        raise typer.Exit(1 if streamed.fails(fail_on) else 0)
    alignment, src_lang, tgt_lang = _load_alignment(target, source, pairs, src_lang, tgt_lang,
                                                    pairing, presegmented, termbase)
    result = check_alignment(alignment, termbase, tgt_lang,
                             src_lang if alignment.src_segments else None, rules)
    if output_format == "json":
        report = check_report_json(result, str(glossary), len(termbase))
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(check_text_lines(result)) + "\n")
    raise typer.Exit(1 if result.fails(fail_on) else 0)


@commands.command()
def fix(
    glossary: GlossaryOpt,
    target: Annotated[Path, typer.Option(
        "--target", "-t", help="Translation to correct: text, XLIFF 1.2/2.x, PO, TMX or TSV.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Corrected copy, in the target's format.")],
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff.")] = False,
    encoding: Annotated[bool, typer.Option(help="Also repair encoding damage.")] = True,
    tgt_lang: TgtLangOpt = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language of a TSV/TMX target.")] = None,
) -> None:
    """Write a corrected copy with deprecated renderings replaced by preferred ones.

    XLIFF, PO, TMX and TSV files are written back in their own format, only changed targets
    touched and marked for review; a file with nothing to fix is copied unchanged.
    """
    refuse_overwrite((target,), output)
    termbase = read_glossary(glossary)
    result, segments = fix_file(target, output, termbase, src_lang, tgt_lang,
                                repair_encoding=encoding)
    console = Console(highlight=False)
    if diff:
        sys.stdout.write(result.unified_diff(segments, target.name))
    else:
        for edit in result.edits:
            console.print(f"{target}:{edit.line}:{edit.column}: “{edit.found}” → "
                          f"“{edit.replacement}” ({edit.reason})", markup=False)
    console.print(f"{len(result.edits)} edits written to {output}", markup=False)
