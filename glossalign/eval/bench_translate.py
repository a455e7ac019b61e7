"""Benchmark: translation throughput with and without glossary enforcement, same run.

    python -m glossalign.eval.bench_translate [--repeats 3] [--threads 1] [--max-new-tokens 40]

Builds a tiny random-weight Marian model (:func:`build_tiny_marian`, also the tests' fixture)
from the bundled demo corpus (d_model 32, one layer,
tokenizers trained with the demo glossary's terms as whole pieces) and translates the demo's
Chinese source into English, plain and with the demo glossary enforced (bans, forced terms,
post-check), greedy and with beams. Rates are sentences per second on this CPU, best of
``--repeats``; the overhead is plain rate / enforced rate.

This measures the machinery only. The model's weights are random, so its output is noise and
translation quality cannot be measured here; with a real model the forward pass costs far more
per step, and the share of the enforcement overhead is smaller than on this tiny model.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from glossalign.corpora.demo import demo_path
from glossalign.corpora.readers import read_lines
from glossalign.eval.table_output import emit
from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import TermBase
from glossalign.pipeline.translate import (
    TranslationModel,
    TranslationResult,
    load_model,
    translate_lines,
)
from glossalign.pipeline.translate.spm_training import CorpusSpec, train_tokenizer
from glossalign.stage_data import Segment


def build_tiny_marian(out_dir: str | Path, *, src_corpora: Sequence[str | Path],
                      tgt_corpora: Sequence[str | Path], src_lang: str, tgt_lang: str,
                      termbase: TermBase | None = None, vocab_size: int = 2000,
                      d_model: int = 32, layers: int = 1, init_std: float = 0.5,
                      seed: int = 0) -> Path:
    """Write a loadable Marian model folder (weights, config, tokenizer) and return its path."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out_dir)
    corpora = ([CorpusSpec(Path(p), src_lang) for p in src_corpora]
               + [CorpusSpec(Path(p), tgt_lang) for p in tgt_corpora])
    train_tokenizer(corpora, out, vocab_size=vocab_size, joint=False, termbase=termbase,
                    character_coverage=1.0, seed=seed)
    vocab = json.loads((out / "vocab.json").read_text(encoding="utf-8"))
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=2 * d_model,
        decoder_ffn_dim=2 * d_model, max_position_embeddings=256, pad_token_id=pad,
        eos_token_id=vocab["</s>"], decoder_start_token_id=pad, forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True, init_std=init_std)
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with torch.no_grad():  # a source-only piece in the output only makes the noise less readable
        model.final_logits_bias[0, _source_only_ids(out, vocab)] = -20.0
    model.generation_config.max_length = 64
    model.generation_config.num_beams = 4
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(out)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"),
                                    str(out / "vocab.json"), source_lang=src_lang,
                                    target_lang=tgt_lang)
    tokenizer.save_pretrained(out)
    return out


def _source_only_ids(folder: Path, vocab: dict[str, int]) -> list[int]:
    import sentencepiece as spm

    target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    pieces = {target.id_to_piece(i) for i in range(target.get_piece_size())}
    return [i for piece, i in vocab.items() if piece not in pieces and piece != "</s>"]


def best_time(run: Callable[[], TranslationResult],
              repeats: int) -> tuple[float, TranslationResult]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (1: fastest for a model this small)")
    parser.add_argument("--max-new-tokens", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    termbase = read_glossary(demo_path("glossary.csv"))
    lines: list[Segment] = read_lines(demo_path("zh.txt"), "zh")
    sentences = sum(1 for s in lines if s.text.strip())
    with tempfile.TemporaryDirectory() as folder:
        build_tiny_marian(folder, src_corpora=[demo_path("zh.txt")],
                          tgt_corpora=[demo_path("en-ref.txt"), demo_path("en-mt.txt")],
                          src_lang="zh", tgt_lang="en", termbase=termbase)
        model = load_model(folder, device="cpu")
        # Warm-up: first-call imports and caches must not count against either side.
        translate_lines(lines[:4], model, src_lang="zh", tgt_lang="en", termbase=termbase)

        emit(f"# Translation throughput: {sentences} demo sentences zh->en, tiny random Marian "
              f"(d_model 32), CPU, {args.threads} thread(s), max {args.max_new_tokens} new "
              f"tokens, batch {args.batch_size}\n")
        emit(f"Python {platform.python_version()}, torch {torch.__version__}; "
              f"best of {args.repeats}.\n")
        emit("| beams | plain (sent/s) | enforced (sent/s) | overhead (plain/enforced) "
              "| concepts: how enforced |")
        emit("|---:|---:|---:|---:|---|")
        for beams in (1, 4):
            emit(_table_row(lines, model, termbase, beams, args))
    emit("\nQuality is not measured: without real model weights (none can be downloaded here) "
          "the output is noise. The table measures the cost of the constraints and the "
          "post-check only.")
    sys.stdout.flush()


def _table_row(lines: list[Segment], model: TranslationModel, termbase: TermBase, beams: int,
               args: argparse.Namespace) -> str:
    """One beam size: plain and enforced rates, the overhead and how concepts were enforced."""
    sentences = sum(1 for s in lines if s.text.strip())

    def run(glossary: bool) -> TranslationResult:
        return translate_lines(lines, model, src_lang="zh", tgt_lang="en",
                               termbase=termbase if glossary else None, num_beams=beams,
                               batch_size=args.batch_size, max_new_tokens=args.max_new_tokens)

    plain_s, _ = best_time(lambda: run(False), args.repeats)
    enforced_s, result = best_time(lambda: run(True), args.repeats)
    methods = ", ".join(f"{n} {m}" for m, n in sorted(result.method_counts().items()))
    return (f"| {beams} | {sentences / plain_s:.1f} | {sentences / enforced_s:.1f} "
            f"| {enforced_s / plain_s:.2f}x | {methods} |")


if __name__ == "__main__":
    main()
