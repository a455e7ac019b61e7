"""``glossalign check`` and ``glossalign fix``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape

from glossalign.cli.app import guard_outputs, warn_if_implausible
from glossalign.cli.progress import QuietOpt, progress_bar, wants_bar
from glossalign.errors import UsageError
from glossalign.glossary.io import read_glossary
from glossalign.pipeline.check_stream import StreamedCheck
from glossalign.pipeline.fix_formats import fix_file
from glossalign.pipeline.report_stream import stream_check, streamable, write_streamed_report
from glossalign.pipeline.report_writers import ReportInput, get_writer
from glossalign.pipeline.run_check import run_check
from glossalign.safe_io import atomic_write_bytes, atomic_write_text, atomic_writer
from glossalign.stdio import is_stdio, write_stdout

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py
GlossaryOpt = Annotated[Path, typer.Option(
    "--glossary", "-g", help="Glossary (.csv, .tsv, .xlsx, .tbx).")]
TgtLangOpt = Annotated[str | None, typer.Option(
    "--tgt-lang", help="Target language code, e.g. en (default: from an XLIFF/PO/TMX file).")]


CONFIG_HELP = """--config FILE is TOML; unknown tables or keys are an error.

[rules] re-grades or disables a rule: its id, then error, warning, info or off:

    [rules]
    missing-term = "warning"
    inconsistent-term = "off"

[[ignore]] accepts a finding, by fingerprint or by rule/concept/text, with a reason:

    [[ignore]]
    fingerprint = "3f2a9c0d1e7b"
    reason = "house style"
    accepted-by = "qa-lead"
"""


@commands.command(epilog=escape(CONFIG_HELP))  # escaped: [rules] is not rich markup
def check(
    glossary: GlossaryOpt,
    tgt_lang: TgtLangOpt = None,
    target: Annotated[Path | None, typer.Option(
        "--target", "-t", help="Translation (- for stdin).")] = None,
    source: Annotated[Path | None, typer.Option(
        "--source", "-s", help="Source text (- for stdin).")] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language code, e.g. zh (default: from an XLIFF/PO/TMX file).")
    ] = None,
    pairs: Annotated[Path | None, typer.Option(
        "--pairs", help="Pre-aligned units: XLIFF 1.2/2.x, PO, TMX or TSV (source<TAB>target).")
    ] = None,
    pairing: Annotated[Literal["auto", "lines"], typer.Option(
        help="auto: segment and align the two documents; lines: line i with line i.")] = "auto",
    presegmented: Annotated[bool, typer.Option(
        help="With --pairing auto: each line is already one sentence.")] = False,
    output_format: Annotated[str, typer.Option(
        "--format", help="text, json (schema 2), csv, xlsx, sarif (2.1.0) or junit.")] = "text",
    report_path: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file (needed for xlsx; - for stdout)."
    )] = None,
    fail_on: Annotated[Literal["error", "warning", "never"], typer.Option(
        help="Exit 1 when a finding reaches this severity.")] = "error",
    config: Annotated[Path | None, typer.Option(
        help="TOML file: [rules] re-grades or disables rules, [[ignore]] accepts findings.")
    ] = None,
    baseline: Annotated[Path | None, typer.Option(
        help="An earlier JSON report: report only findings that are not in it.")] = None,
    ignore: Annotated[Path | None, typer.Option(
        help="Accepted findings (TOML or JSON): fingerprint or rule/concept/text, with reason "
             "and accepted-by.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Check a translation against a glossary. Exit 0 clean, 1 findings, 2 input error."""
    if fail_on not in ("error", "warning", "never"):
        raise UsageError("--fail-on must be error, warning or never")
    if is_stdio(report_path):
        report_path = None
    writer = get_writer(output_format)
    if writer.binary and report_path is None and sys.stdout.isatty():
        raise UsageError(f"--format {output_format} is binary: give --output FILE")
    guard_outputs((glossary, target, source, pairs, config, baseline, ignore), (report_path,))
    termbase = read_glossary(glossary)
    colour = (output_format == "text" and report_path is None and sys.stdout.isatty()
              and not os.environ.get("NO_COLOR"))
    if streamable(output_format, target, source, pairs, tgt_lang):
        assert target is not None and tgt_lang is not None
        with progress_bar("checking", wants_bar(quiet)) as update:
            streamed = stream_check(termbase, target, tgt_lang, config=config,
                                    baseline=baseline, ignore=ignore, progress=update)
        if streamed is not None:  # a large plain-text target: constant memory per line
            _write_streamed(streamed, report_path, output_format, str(glossary), len(termbase),
                            fail_on, colour)
            raise typer.Exit(1 if streamed.fails(fail_on) else 0)
    with progress_bar("aligning", wants_bar(quiet)) as update:
        result, outcome = run_check(termbase, target=target, source=source, pairs=pairs,
                                    src_lang=src_lang, tgt_lang=tgt_lang, pairing=pairing,
                                    presegmented=presegmented, config=config,
                                    baseline=baseline, ignore=ignore, progress=update)
    warn_if_implausible(result.plausibility)
    data = writer.render(ReportInput(result, str(glossary), len(termbase), fail_on, outcome,
                                     colour))
    write_report(data, report_path)
    raise typer.Exit(1 if result.fails(fail_on) else 0)


def _write_streamed(streamed: StreamedCheck, path: Path | None, output_format: str,
                    glossary_path: str, concepts: int, fail_on: str, colour: bool) -> None:
    if path is None:
        write_streamed_report(sys.stdout, streamed, output_format, glossary_path, concepts,
                              fail_on, colour)
        return
    with atomic_writer(path) as out:
        write_streamed_report(out, streamed, output_format, glossary_path, concepts, fail_on,
                              colour)


def write_report(data: str | bytes, path: Path | None) -> None:
    """To the file (atomically) or to stdout."""
    if path is not None:
        if isinstance(data, bytes):
            atomic_write_bytes(path, data)
        else:
            atomic_write_text(path, data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


@commands.command()
def fix(
    glossary: GlossaryOpt,
    target: Annotated[Path, typer.Option(
        "--target", "-t",
        help="Translation to correct: text, XLIFF 1.2/2.x, PO, TMX or TSV (- for stdin).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Corrected copy, in the target's format (- for stdout).")],
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
    guard_outputs((glossary, target), (output,))
    termbase = read_glossary(glossary)
    to_stdout = is_stdio(output)
    with tempfile.TemporaryDirectory() as spool:
        # ``-o -``: the format writes a file as always, which then goes to stdout
        written = Path(spool) / f"fixed{target.suffix}" if to_stdout else output
        result, segments = fix_file(target, written, termbase, src_lang, tgt_lang,
                                    repair_encoding=encoding)
        if to_stdout:
            write_stdout(written.read_bytes())
    # One line per edit, never wrapped; on stderr when stdout carries the corrected text.
    console = Console(highlight=False, soft_wrap=True, stderr=to_stdout)
    if diff and not to_stdout:
        sys.stdout.write(result.unified_diff(segments, target.name))
    else:
        lines = [f"{target}:{edit.line}:{edit.column}: “{edit.found}” → "
                 f"“{edit.replacement}” ({edit.reason})" for edit in result.edits]
        # rich prints a block of lines as it prints each line alone, at half the cost per line
        for first in range(0, len(lines), 1000):
            console.print("\n".join(lines[first:first + 1000]), markup=False)
    console.print(f"{len(result.edits)} edits written to {output}", markup=False)
