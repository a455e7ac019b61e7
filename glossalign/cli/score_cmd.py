"""``glossalign score``: sacrebleu metrics, significance and terminology metrics."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from glossalign.cli.progress import QuietOpt, progress_bar, wants_bar
from glossalign.errors import UsageError
from glossalign.eval.score_report import score_files
from glossalign.glossary.io import read_glossary
from glossalign.safe_io import atomic_write_text, refuse_same_file

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py


@commands.command()
def score(
    hypothesis: Annotated[list[Path], typer.Option(
        "--hypothesis", "--hyp", help="Hypothesis, line-aligned (repeat for several; - for "
        "stdin).")],
    reference: Annotated[list[Path], typer.Option(
        "--reference", "--ref", "-r", help="Reference, line-aligned (repeat for several).")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language code, e.g. en.")],
    source: Annotated[Path | None, typer.Option(
        "--source", "--src", "-s", help="Source text (or .sgm); needed for terminology metrics.")
    ] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", help="Source language code, e.g. zh.")] = None,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary for terminology metrics (needs --source).")] = None,
    output_format: Annotated[Literal["text", "json"], typer.Option(
        "--format", help="Output format.")] = "text",
    html: Annotated[Path | None, typer.Option(
        "--html", help="Also write a self-contained HTML scoring report here.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Score translations: BLEU, chrF++, TER (sacrebleu), significance, terminology metrics.

    Given .sgm files (WMT 2021 terminology format) it adds exact-match term accuracy, window
    overlap and 1 - TERm.
    """
    if html is not None:
        if any(str(path) == "-" for path in hypothesis):
            raise UsageError("--html reads the hypotheses again: give files, not - (stdin)")
        refuse_same_file((*hypothesis, *reference, source, glossary), (html,))
    termbase = read_glossary(glossary) if glossary is not None else None
    with progress_bar("scoring", wants_bar(quiet)) as update:
        report = score_files(hypothesis, reference, tgt_lang, src_path=source,
                             src_lang=src_lang, termbase=termbase, progress=update)
    if output_format == "json":
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text())
    if html is not None:
        from glossalign.eval.score_report import read_scored_texts
        from glossalign.pipeline.score_html import ScoreTexts, render_score_report

        src_lines, ref_streams, hyp_streams = read_scored_texts(hypothesis, reference, source)
        page = render_score_report(
            report, ScoreTexts(src_lines, ref_streams[0], hyp_streams),
            title=f"glossalign score: {', '.join(p.name for p in hypothesis)}",
            termbase=termbase, src_lang=src_lang)
        atomic_write_text(html, page)
        sys.stderr.write(f"wrote {html}\n")


