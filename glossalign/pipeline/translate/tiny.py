"""A tiny Marian model with random weights, for tests and benchmarks (no download).

Its tokenizer is real: two sentencepiece models trained on the given corpora with the glossary
terms as user-defined symbols, and Marian's ``vocab.json``. Its translations are noise, so it
measures the machinery (speed, constraints, records), never translation quality.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path

from glossalign.glossary.model import TermBase
from glossalign.pipeline.tokenizer import CorpusSpec, train_tokenizer


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
