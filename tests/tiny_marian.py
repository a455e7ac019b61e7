"""Tiny random-weight translation models built from the demo corpus, for the tests.

The Marian model's tokenizer is trained on the demo corpus (``zh.txt``; ``en-ref.txt`` and
``en-mt.txt``) with the demo glossary's terms as whole pieces; the model is a MarianConfig with
``d_model=32`` and one layer. The M2M100 model shares one sentencepiece model between the
languages, as M2M100 does. Nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossalign.corpora.demo import demo_path
from glossalign.glossary.io import read_glossary
from glossalign.glossary.model import TermBase

DEMO = demo_path("glossary.csv").parent
DEMO_FILES = ("zh.txt", "en-ref.txt", "en-mt.txt", "glossary.csv")


def demo_dir() -> Path:
    """The bundled demo corpus; the calling test is skipped when it is not there."""
    missing = [name for name in DEMO_FILES if not (DEMO / name).is_file()]
    if missing:
        pytest.skip(f"demo corpus incomplete (missing {', '.join(missing)})")
    return DEMO


def demo_glossary() -> TermBase:
    return read_glossary(demo_dir() / "glossary.csv")


def build_demo_marian(folder: Path, seed: int = 0) -> Path:
    """A zh->en Marian model folder, loadable like any downloaded one."""
    from glossalign.eval.bench_translate import build_tiny_marian

    demo = demo_dir()
    return build_tiny_marian(folder, src_corpora=[demo / "zh.txt"],
                             tgt_corpora=[demo / "en-ref.txt", demo / "en-mt.txt"],
                             src_lang="zh", tgt_lang="en", termbase=demo_glossary(),
                             seed=seed)


def build_demo_m2m100(folder: Path, seed: int = 0) -> Path:
    """A tiny M2M100 model folder: one shared sentencepiece model and ``__xx__`` language tokens."""
    import sentencepiece as spm
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    from glossalign.pipeline.translate.spm_training import train_tokenizer

    demo = demo_dir()
    folder.mkdir(parents=True, exist_ok=True)
    train_tokenizer([demo / "zh.txt", demo / "en-ref.txt", demo / "en-mt.txt"], folder,
                    vocab_size=2000, termbase=demo_glossary(), term_langs=["zh", "en"],
                    character_coverage=1.0, seed=seed)
    processor = spm.SentencePieceProcessor(model_file=str(folder / "spm.model"))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}  # fairseq's first four ids
    for i in range(processor.get_piece_size()):
        if not (processor.is_control(i) or processor.is_unknown(i)):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (folder / "sentencepiece.bpe.model").write_bytes((folder / "spm.model").read_bytes())
    tokenizer = M2M100Tokenizer(str(folder / "vocab.json"), str(folder / "sentencepiece.bpe.model"),
                                src_lang="zh", tgt_lang="en")
    size = tokenizer.encoder_size + len(tokenizer.lang_code_to_id) + 8  # 8 "madeup" words
    config = M2M100Config(vocab_size=size, d_model=32, encoder_layers=1, decoder_layers=1,
                          encoder_attention_heads=2, decoder_attention_heads=2,
                          encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=256,
                          pad_token_id=1, bos_token_id=0, eos_token_id=2,
                          decoder_start_token_id=2, init_std=0.5)
    torch.manual_seed(seed)
    M2M100ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
