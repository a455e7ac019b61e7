"""Train sentencepiece tokenizers on our corpora, keeping glossary terms whole.

Two layouts: *joint* (one model on every corpus: ``spm.model``, ``spm.vocab``) and
*per language* (one model per language group, written as Marian expects them:
``source.spm``, ``target.spm`` and a joint ``vocab.json``). A corpus is given as ``PATH`` or
``LANG=PATH``; per-language training needs the ``LANG=`` form and exactly two languages, the
first one named being the source.

Glossary terms become ``user_defined_symbols``: sentencepiece then always emits a term as one
piece, so the decoder constraints see one id per term instead of a context-dependent split.
Spaces inside a term are written as ``▁`` (sentencepiece matches symbols against the
whitespace-escaped text), and each term is added at word start (``▁term``) and, for scripts
without spaces, bare.
"""

from __future__ import annotations

import io
import json
import logging
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sentencepiece as spm

from glossalign.corpora.readers import read_text
from glossalign.errors import UsageError
from glossalign.glossary.model import TermBase, base_lang
from glossalign.languages import get_profile
from glossalign.safe_io import atomic_write_bytes, atomic_write_text

logger = logging.getLogger(__name__)

SPACE = "\u2581"  # sentencepiece's whitespace mark
MANIFEST = "glossalign-tokenizer.json"
MARIAN_SPECIALS = ("</s>", "<unk>")  # ids 0 and 1 in Marian's vocab.json; <pad> comes last
# Trainer settings that are not options; written into the manifest from this one place.
_FIXED_SETTINGS: dict[str, Any] = {"shuffle_input_sentence": True, "hard_vocab_limit": False}


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """One training file and, when known, its language."""

    path: Path
    lang: str | None = None

    @classmethod
    def parse(cls, text: str) -> CorpusSpec:
        """``zh=corpus/zh.txt`` or a plain path (a path holding ``=`` needs the ``LANG=`` form)."""
        lang, sep, path = text.partition("=")
        if sep and lang and "/" not in lang and "\\" not in lang:
            return cls(Path(path), lang.strip())
        return cls(Path(text))


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """The sentencepiece settings that change the model (recorded in the manifest)."""

    vocab_size: int
    model_type: str
    character_coverage: float
    input_sentence_size: int
    seed: int


@dataclass(frozen=True, slots=True)
class TrainedTokenizer:
    """Where the models were written and what went into them."""

    out_dir: Path
    layout: str  # "joint" or "per-language"
    models: dict[str, Path]  # role ("joint", "source", "target") -> model file
    vocab_sizes: dict[str, int]
    symbols: dict[str, int]  # role -> number of user-defined symbols
    manifest: dict[str, object] = field(default_factory=dict)


def train_tokenizer(
    corpora: Sequence[CorpusSpec | str | Path],
    out_dir: str | Path,
    *,
    vocab_size: int = 8000,
    joint: bool = True,
    termbase: TermBase | None = None,
    term_langs: Sequence[str] | None = None,
    model_type: str = "unigram",
    character_coverage: float = 0.9995,
    input_sentence_size: int = 1_000_000,
    seed: int = 42,
) -> TrainedTokenizer:
    """Train the models, write them with a JSON manifest into ``out_dir``, and describe them."""
    specs = [c if isinstance(c, CorpusSpec) else CorpusSpec.parse(str(c)) for c in corpora]
    if not specs:
        raise UsageError("give at least one training corpus")
    if vocab_size < 8:
        raise UsageError(f"--vocab-size must be at least 8, not {vocab_size}")
    if not 0 < character_coverage <= 1:
        raise UsageError(f"--character-coverage must be in (0, 1], not {character_coverage}")
    if input_sentence_size < 0 or seed < 0:  # sentencepiece reads both as unsigned numbers
        raise UsageError("--input-sentence-size and --seed must not be negative")
    if model_type not in ("unigram", "bpe"):
        raise UsageError(f"model type must be unigram or bpe, not {model_type!r}")
    groups = _group_corpora(specs, joint)
    layout = "joint" if joint else "per-language"
    langs = _term_langs(term_langs, specs, termbase is not None)
    options = TrainOptions(vocab_size, model_type, character_coverage, input_sentence_size, seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    models: dict[str, Path] = {}
    sizes: dict[str, int] = {}
    symbol_counts: dict[str, int] = {}
    for role, (group_lang, paths) in groups.items():
        wanted = langs if role == "joint" else [lang for lang in langs if lang == group_lang]
        symbols = glossary_symbols(termbase, wanted) if termbase is not None else []
        proto = _train_one(paths, symbols, options)
        models[role], sizes[role] = _write_model(proto, out, role)
        symbol_counts[role] = len(symbols)
    if not joint:
        write_marian_vocab(models["source"], models["target"], out / "vocab.json")
    manifest = _manifest(layout, groups, models, sizes, symbol_counts, termbase, langs, options)
    atomic_write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return TrainedTokenizer(out, layout, models, sizes, symbol_counts, manifest)


def _group_corpora(specs: Sequence[CorpusSpec],
                   joint: bool) -> dict[str, tuple[str | None, list[Path]]]:
    """role -> (language, files): one ``joint`` group, or ``source`` and ``target``."""
    if joint:
        return {"joint": (None, [s.path for s in specs])}
    by_lang: dict[str, list[Path]] = {}
    for spec in specs:
        if spec.lang is None:
            raise UsageError(f"per-language training needs LANG=PATH corpora, got '{spec.path}'")
        by_lang.setdefault(base_lang(spec.lang), []).append(spec.path)
    if len(by_lang) != 2:
        raise UsageError("per-language training needs exactly two languages (source first), "
                         f"got {', '.join(by_lang) or 'none'}")
    (src, src_paths), (tgt, tgt_paths) = by_lang.items()
    return {"source": (src, src_paths), "target": (tgt, tgt_paths)}


def _term_langs(term_langs: Sequence[str] | None, specs: Sequence[CorpusSpec],
                has_glossary: bool) -> list[str]:
    if term_langs:
        return [base_lang(lang) for lang in term_langs if lang.strip()]
    langs = list(dict.fromkeys(base_lang(s.lang) for s in specs if s.lang is not None))
    if has_glossary and not langs:
        raise UsageError("--glossary needs --langs (e.g. zh,en) or LANG=PATH corpora")
    return langs


def glossary_symbols(termbase: TermBase, langs: Iterable[str]) -> list[str]:
    """User-defined symbols for every term of the languages, in a stable order.

    Terms holding a comma are left out: sentencepiece reads the symbol list comma-separated.
    """
    wanted = {base_lang(lang) for lang in langs}
    symbols: dict[str, None] = {}
    skipped = 0
    for term in sorted(termbase.terms(), key=lambda t: (t.concept, t.lang, t.text)):
        lang = base_lang(term.lang)
        if lang not in wanted:
            continue
        text = " ".join(unicodedata.normalize("NFKC", term.text).split())
        if not text or "," in text:
            skipped += bool(text)
            continue
        spaced = get_profile(lang).spaced
        for form in _symbol_forms(text, spaced):
            symbols.setdefault(form, None)
    if skipped:
        logger.warning("%d glossary terms hold a comma and were not added as symbols", skipped)
    return list(symbols)


def _symbol_forms(text: str, spaced: bool) -> list[str]:
    escaped = text.replace(" ", SPACE)
    forms = [SPACE + escaped]
    capitalised = escaped[:1].upper() + escaped[1:]
    if capitalised != escaped:
        forms.append(SPACE + capitalised)
    if not spaced:
        forms.append(escaped)  # no space before a word in Chinese or Japanese text
    return forms


def _sentences(paths: Sequence[Path]) -> Iterator[str]:
    for path in paths:
        for line in read_text(path).split("\n"):
            if line.strip():
                yield line.strip()


def _train_one(paths: Sequence[Path], symbols: Sequence[str], options: TrainOptions) -> bytes:
    sentences = list(_sentences(paths))
    if not sentences:
        raise UsageError("the training corpus has no text", paths[0])
    spm.set_random_generator_seed(options.seed)
    writer = io.BytesIO()
    try:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences), model_writer=writer,
            vocab_size=options.vocab_size, model_type=options.model_type,
            character_coverage=options.character_coverage,
            input_sentence_size=options.input_sentence_size,
            user_defined_symbols=list(symbols), num_threads=1, minloglevel=2,
            **_FIXED_SETTINGS)
    except RuntimeError as exc:
        reason = str(exc).rpartition("] ")[2] or str(exc)  # drop the C++ source location
        raise UsageError(f"sentencepiece training failed: {reason}", paths[0]) from None
    return writer.getvalue()


def _write_model(proto: bytes, out: Path, role: str) -> tuple[Path, int]:
    model_path = out / ("spm.model" if role == "joint" else f"{role}.spm")
    vocab_path = model_path.with_suffix(".vocab")
    atomic_write_bytes(model_path, proto)
    processor = spm.SentencePieceProcessor(model_proto=proto)
    rows = (f"{processor.id_to_piece(i)}\t{processor.get_score(i):g}"
            for i in range(processor.get_piece_size()))
    atomic_write_text(vocab_path, "\n".join(rows) + "\n")
    return model_path, processor.get_piece_size()


def write_marian_vocab(source_model: Path, target_model: Path, path: Path) -> dict[str, int]:
    """Marian's shared ``vocab.json``: ``</s>`` 0, ``<unk>`` 1, both models' pieces, ``<pad>``.

    The ids are the model's embedding rows; MarianTokenizer maps sentencepiece pieces through
    this table, so every piece of both models must be in it.
    """
    vocab = {piece: i for i, piece in enumerate(MARIAN_SPECIALS)}
    for model in (source_model, target_model):
        processor = spm.SentencePieceProcessor(model_file=str(model))
        for i in range(processor.get_piece_size()):
            if processor.is_control(i) or processor.is_unknown(i):
                continue
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    atomic_write_text(path, json.dumps(vocab, ensure_ascii=False, indent=1) + "\n")
    return vocab


def _manifest(layout: str, groups: dict[str, tuple[str | None, list[Path]]],
              models: dict[str, Path], sizes: dict[str, int], symbol_counts: dict[str, int],
              termbase: TermBase | None, langs: Sequence[str],
              options: TrainOptions) -> dict[str, object]:
    return {
        "layout": layout,
        "models": {role: {"file": path.name, "lang": groups[role][0],
                          "pieces": sizes[role], "user_defined_symbols": symbol_counts[role],
                          "corpora": [str(p) for p in groups[role][1]]}
                   for role, path in models.items()},
        "glossary": None if termbase is None else {
            "source": termbase.source, "hash": termbase.content_hash(), "langs": list(langs)},
        "options": {**asdict(options), **_FIXED_SETTINGS},
        "sentencepiece": spm.__version__,
    }
