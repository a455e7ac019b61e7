"""``glossalign translate`` and ``glossalign tokenizer train``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from glossalign.cli.app import guard_output_folder, guard_outputs
from glossalign.cli.progress import QuietOpt, progress_bar, wants_bar
from glossalign.corpora.readers import read_lines
from glossalign.errors import UsageError
from glossalign.glossary.io import read_glossary
from glossalign.languages.bcp47 import parse_tag
from glossalign.pipeline.translate.offline import check_model_available
from glossalign.safe_io import atomic_write_text
from glossalign.stdio import is_stdio, write_stdout

commands = typer.Typer()  # loaded on demand: see COMMANDS in glossalign/cli/app.py
tokenizer_app = typer.Typer(help="Train sentencepiece tokenizers that keep glossary terms whole.",
                            no_args_is_help=True)
# Every file ``tokenizer train`` may write into its output folder.
TOKENIZER_FILES = ("spm.model", "spm.vocab", "source.spm", "source.vocab", "target.spm",
                   "target.vocab", "vocab.json", "glossalign-tokenizer.json")


@commands.command()
def translate(
    model: Annotated[str, typer.Option(help="Model folder (or a hub id with --allow-download).")],
    source: Annotated[Path, typer.Option(
        "--source", "-s", help="One sentence per line (- for stdin).")],
    src_lang: Annotated[str, typer.Option("--src-lang", help="Source language, e.g. zh.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Target language, e.g. en.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Translation, line by line (- for stdout).")],
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary to enforce (.csv, .tsv, .tbx).")] = None,
    batch_size: Annotated[int, typer.Option(help="Sentences per generate call.")] = 8,
    num_beams: Annotated[int, typer.Option(help="Beam size (1: greedy).")] = 4,
    device: Annotated[Literal["auto", "cpu", "cuda"], typer.Option(
        help="Where the model runs (auto: cuda when available).")] = "auto",
    report: Annotated[Path | None, typer.Option(
        help="JSON record of how each concept was enforced, per sentence.")] = None,
    mode: Annotated[Literal["force", "favour"], typer.Option(
        help="force: required terms are inserted; favour: only biased.")] = "force",
    max_new_tokens: Annotated[int | None, typer.Option(
        help="Tokens per sentence; default: twice the source plus the terms.")] = None,
    allow_download: Annotated[bool, typer.Option(
        help="Let a hub id be downloaded (off: local folders and cache only).")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Translate line by line, enforcing a glossary. Exit 0 compliant, 1 unrepaired terms."""
    model_files = sorted(Path(model).glob("*")) if Path(model).is_dir() else []
    guard_outputs((source, glossary, *model_files), (output, report))
    # Before importing torch (seconds): an uncached hub id offline, or no torch, fails at once.
    check_model_available(model, allow_download)
    from glossalign.pipeline.translate import load_model, translate_lines

    if report is not None and (is_stdio(report) or report.resolve() == output.resolve()):
        raise UsageError("--report and --output must be different files", report)
    parse_tag(src_lang), parse_tag(tgt_lang)  # before the seconds that loading a model takes
    segments = read_lines(source, src_lang)
    termbase = read_glossary(glossary) if glossary is not None else None
    tm = load_model(model, device=device, allow_download=allow_download)
    console = Console(stderr=True, highlight=False)
    total = sum(1 for s in segments if s.text.strip())
    done = [0]
    with progress_bar("translating", wants_bar(quiet)) as update:

        def advance(count: int) -> None:
            done[0] += count
            if update is not None:
                update(done[0], total)

        result = translate_lines(segments, tm, src_lang=src_lang, tgt_lang=tgt_lang,
                                 termbase=termbase, batch_size=batch_size, num_beams=num_beams,
                                 progress=advance, max_new_tokens=max_new_tokens, mode=mode)
    translation = "".join(line + "\n" for line in result.outputs)
    if is_stdio(output):
        write_stdout(translation)
    else:
        atomic_write_text(output, translation)
    if report is not None:
        atomic_write_text(report, json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    counts = result.method_counts()
    methods = ", ".join(f"{n} {m}" for m, n in sorted(counts.items())) or "no glossary concepts"
    console.print(f"{len(result.outputs)} lines written to {output} ({tm.family} on "
                  f"{tm.device}); concepts: {methods}", markup=False)
    if result.unrepaired:
        console.print(f"{result.unrepaired} concepts could not be enforced; see the report",
                      style="yellow", markup=False)
    raise typer.Exit(1 if result.unrepaired else 0)


@tokenizer_app.command("train")
def tokenizer_train(
    corpus: Annotated[list[str], typer.Option(
        help="Training text, one sentence per line; LANG=PATH to name its language. Repeat.")],
    vocab_size: Annotated[int, typer.Option(help="Pieces per model (a soft limit).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the models.")],
    joint: Annotated[bool, typer.Option(
        "--joint/--per-language",
        help="One model on all corpora, or source.spm/target.spm (first language = source).")
    ] = True,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Add this glossary's terms as whole pieces.")] = None,
    langs: Annotated[str | None, typer.Option(
        help="Glossary languages to add, e.g. zh,en (default: the corpus languages).")] = None,
    model_type: Annotated[Literal["unigram", "bpe"], typer.Option(
        help="sentencepiece model type.")] = "unigram",
    character_coverage: Annotated[float, typer.Option(
        help="Share of characters covered (1.0 for tiny corpora).")] = 0.9995,
    input_sentence_size: Annotated[int, typer.Option(
        help="Sentences sampled for training.")] = 1_000_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 42,
) -> None:
    """Train sentencepiece models, writing them with a JSON manifest."""
    from glossalign.pipeline.translate.spm_training import CorpusSpec, train_tokenizer

    specs = [CorpusSpec.parse(c) for c in corpus]
    guard_output_folder(output, [glossary, *(spec.path for spec in specs)], TOKENIZER_FILES)
    termbase = read_glossary(glossary) if glossary is not None else None
    trained = train_tokenizer(
        specs, output, vocab_size=vocab_size, joint=joint,
        termbase=termbase, term_langs=langs.split(",") if langs else None,
        model_type=model_type, character_coverage=character_coverage,
        input_sentence_size=input_sentence_size, seed=seed)
    for role, path in trained.models.items():
        sys.stdout.write(f"{role}: {path} ({trained.vocab_sizes[role]} pieces, "
                         f"{trained.symbols[role]} glossary symbols)\n")
