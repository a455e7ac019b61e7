"""``glossalign batch``: score many documents from a manifest and gate a release on thresholds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from glossalign.cli.app import guard_output_folder
from glossalign.errors import UsageError
from glossalign.pipeline.batch.runner import (
    BATCH_OUTPUT_FILES,
    BatchOptions,
    interrupted_message,
    run_batch,
)
from glossalign.pipeline.batch.summary import summary_table
from glossalign.pipeline.batch.thresholds import (
    check_thresholds,
    parse_fail_over,
    parse_fail_under,
    parse_max_findings,
)

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


class RichProgress:
    """A progress bar on stderr for :func:`run_batch`."""

    def __init__(self, console: Console):
        self.progress = Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console, transient=True)
        self.task = self.progress.add_task("scoring", total=None)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, count: int) -> None:
        self.progress.advance(self.task, count)


@commands.command()
def batch(
    manifest: Annotated[Path, typer.Argument(help=(
        "JSONL, CSV or Parquet file, or a datasets folder; one row per document with id, "
        "src_lang, tgt_lang, and source, hypothesis, reference given inline or as UTF-8 files "
        "in source_path, hypothesis_path, reference_path (relative to the manifest)."))],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")],
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary for checks and terminology metrics.")] = None,
    fail_under: Annotated[str | None, typer.Option(
        help="Minimum corpus scores, e.g. bleu=30,term_accuracy=0.95.")] = None,
    fail_over: Annotated[str | None, typer.Option(
        help="Maximum corpus scores, e.g. ter=60,forbidden_rate=0.01.")] = None,
    max_findings: Annotated[str | None, typer.Option(
        help="Maximum findings per severity over all documents, e.g. error=0.")] = None,
    max_bad_rows: Annotated[int | None, typer.Option(
        min=0, help="Fail when more documents than this cannot be scored.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted batch in the same output folder.")] = False,
    engine: Annotated[Literal["local", "dask"], typer.Option(
        help="local: processes on this machine; dask: a Dask cluster.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://host:8786); default: a local cluster.")] = None,
    chunk_size: Annotated[int, typer.Option(help="Documents per task and Parquet part.")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    config: Annotated[Path | None, typer.Option(
        help="TOML file: [rules] re-grades or disables rules, [[ignore]] accepts findings.")
    ] = None,
) -> None:
    """Score many documents. Exit 0 when every threshold holds, 1 when one fails, 2 on error.

    Results: OUTPUT/results.jsonl, OUTPUT/results/part-*.parquet and OUTPUT/summary.json.
    """
    thresholds = [*parse_fail_under(fail_under), *parse_fail_over(fail_over),
                  *parse_max_findings(max_findings)]
    if glossary is None and any(t.needs_glossary for t in thresholds):
        raise UsageError("terminology thresholds need --glossary")
    guard_output_folder(output, _batch_inputs(manifest, glossary, config, output),
                        BATCH_OUTPUT_FILES)
    options = BatchOptions(manifest, output, glossary, workers, resume, engine, scheduler,
                           chunk_size, config)
    err = Console(stderr=True, highlight=False)
    try:
        if not quiet and sys.stderr.isatty():
            bar = RichProgress(err)
            with bar.progress:
                outcome = run_batch(options, bar)
        else:
            outcome = run_batch(options)
    except KeyboardInterrupt:
        err.print(interrupted_message(output, sys.argv[1:]), markup=False, soft_wrap=True)
        # SystemExit, not typer.Exit: the interrupt is reported, so glossalign.cli.main must not
        # report it a second time (it reports every interrupt that reaches it as exit code 130)
        sys.exit(130)
    summary = outcome.summary
    out = Console(highlight=False, soft_wrap=True)
    out.print(summary_table(summary))
    earlier = f" ({outcome.skipped} finished earlier)" if outcome.skipped else ""
    out.print(f"{summary['ok']} documents scored, {summary['errors']} bad rows; this run: "
              f"{outcome.processed} in {outcome.seconds:.1f} s{earlier}; results in {output}",
              markup=False)
    for bad in summary["bad_rows"][:10]:
        out.print(f"bad row {bad['id']}: {bad['error']}", markup=False)
    checks = check_thresholds(summary, thresholds, max_bad_rows)
    for check in checks:
        out.print(check.message(), markup=False)
    raise typer.Exit(1 if any(not c.passed for c in checks) else 0)


def _batch_inputs(manifest: Path, glossary: Path | None, config: Path | None,
                  output: Path) -> list[Path | None]:
    """The batch's input files: its options and every file the manifest names.

    A file the manifest names may not be one of the batch's outputs, even one not written yet.
    """
    from glossalign.pipeline.batch.manifest import referenced_files

    named = referenced_files(manifest)
    outputs = {(output / name).resolve() for name in BATCH_OUTPUT_FILES}
    for path in named:
        if path.resolve() in outputs:
            raise UsageError(f"the manifest names the batch's own output {path}; "
                             "choose another output folder", manifest)
    return [manifest, glossary, config, *named]
