"""sentencepiece training: layouts, glossary terms kept whole, vocabulary size, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

spm = pytest.importorskip("sentencepiece")

from tiny_marian import demo_dir, demo_glossary  # noqa: E402

from glossalign.cli import main  # noqa: E402
from glossalign.errors import InputError, UsageError  # noqa: E402
from glossalign.glossary.model import Term, TermBase  # noqa: E402
from glossalign.pipeline.translate.spm_training import (  # noqa: E402
    MANIFEST,
    CorpusSpec,
    glossary_symbols,
    train_tokenizer,
)

EN_TERM = "community with a shared future in cyberspace"
ZH_TERM = "网络空间命运共同体"
# (concept, lang, term, status): spaces to escape, a comma to skip, an unspaced script, and a
# language that is not asked for.
SYMBOL_TERMS = [
    ("a", "en", "digital divide", "preferred"),
    ("b", "en", "One Belt, One Road", "superseded"),
    ("c", "zh", "数字鸿沟", "preferred"),
    ("d", "fr", "fracture numérique", "preferred"),
]


def _corpora() -> list[str]:
    demo = demo_dir()
    return [f"zh={demo / 'zh.txt'}", f"en={demo / 'en-ref.txt'}", f"en={demo / 'en-mt.txt'}"]


def _pieces(model: Path, text: str) -> list[str]:
    return spm.SentencePieceProcessor(model_file=str(model)).encode(text, out_type=str)


@pytest.fixture(scope="module")
def per_language(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spm-pair")
    train_tokenizer(_corpora(), out, vocab_size=1500, joint=False, termbase=demo_glossary(),
                    character_coverage=1.0)
    return out


def test_glossary_terms_stay_one_piece(per_language: Path, tmp_path: Path) -> None:
    en = _pieces(per_language / "target.spm", f"We build a {EN_TERM}. Cyberspace matters.")
    assert "▁" + EN_TERM.replace(" ", "▁") in en
    assert "▁Cyberspace" in en
    zh = _pieces(per_language / "source.spm", f"构建{ZH_TERM}。")
    assert ZH_TERM in zh
    # Without the glossary the same corpus splits the term.
    train_tokenizer(_corpora(), tmp_path, vocab_size=1500, joint=False, character_coverage=1.0)
    assert len(_pieces(tmp_path / "target.spm", EN_TERM)) > 1
    assert ZH_TERM not in _pieces(tmp_path / "source.spm", f"构建{ZH_TERM}。")


def test_marian_layout_and_vocab_json(per_language: Path) -> None:
    assert {p.name for p in per_language.iterdir()} >= {
        "source.spm", "target.spm", "source.vocab", "target.vocab", "vocab.json", MANIFEST}
    vocab = json.loads((per_language / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    assert sorted(vocab.values()) == list(range(len(vocab)))
    for model in ("source.spm", "target.spm"):
        processor = spm.SentencePieceProcessor(model_file=str(per_language / model))
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())
                  if not processor.is_control(i) and not processor.is_unknown(i)]
        assert all(p in vocab for p in pieces)
    manifest = json.loads((per_language / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["layout"] == "per-language"
    assert manifest["models"]["source"]["lang"] == "zh"
    assert manifest["models"]["target"]["user_defined_symbols"] > 100
    assert manifest["glossary"]["hash"] == demo_glossary().content_hash()


@pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")
def test_marian_tokenizer_loads_the_folder(per_language: Path) -> None:
    transformers = pytest.importorskip("transformers")
    tokenizer = transformers.MarianTokenizer(
        str(per_language / "source.spm"), str(per_language / "target.spm"),
        str(per_language / "vocab.json"))
    ids = tokenizer(text_target=EN_TERM, add_special_tokens=False)["input_ids"]
    assert len(ids) == 1 and ids[0] != tokenizer.unk_token_id


@pytest.mark.parametrize("vocab_size", [300, 600])
def test_vocab_size_is_respected(tmp_path: Path, vocab_size: int) -> None:
    demo = demo_dir()
    trained = train_tokenizer([demo / "en-ref.txt", demo / "en-mt.txt"], tmp_path,
                              vocab_size=vocab_size)
    size = spm.SentencePieceProcessor(model_file=str(tmp_path / "spm.model")).get_piece_size()
    assert size == trained.vocab_sizes["joint"]
    assert vocab_size * 0.8 <= size <= vocab_size
    assert (tmp_path / "spm.vocab").read_text(encoding="utf-8").count("\n") == size


def test_a_tiny_corpus_takes_a_large_vocab_size(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.txt"
    corpus.write_text("one small corpus\n\nof two lines\n", encoding="utf-8")
    trained = train_tokenizer([corpus], tmp_path / "out", vocab_size=5000)
    assert trained.vocab_sizes["joint"] < 100  # hard_vocab_limit=False


def test_training_is_deterministic(tmp_path: Path) -> None:
    demo = demo_dir()
    for name in ("a", "b"):
        train_tokenizer([demo / "zh.txt", demo / "en-ref.txt"], tmp_path / name, vocab_size=1200,
                        seed=7, character_coverage=1.0)
    first, second = (tmp_path / name / "spm.model" for name in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()


def test_symbols_escape_spaces_and_skip_commas() -> None:
    termbase = TermBase.from_terms(Term(*row) for row in SYMBOL_TERMS)
    symbols = glossary_symbols(termbase, ["zh", "en"])
    assert symbols == ["▁digital▁divide", "▁Digital▁divide", "▁数字鸿沟", "数字鸿沟"]


@pytest.mark.parametrize(("text", "lang", "path"), [
    ("zh=corpus/zh.txt", "zh", "corpus/zh.txt"),
    ("corpus/zh.txt", None, "corpus/zh.txt"),
    ("data/a=b.txt", None, "data/a=b.txt"),
])
def test_corpus_spec(text: str, lang: str | None, path: str) -> None:
    spec = CorpusSpec.parse(text)
    assert spec.lang == lang and spec.path == Path(path)


def test_errors_are_clear(tmp_path: Path) -> None:
    demo = demo_dir()
    with pytest.raises(UsageError, match="LANG=PATH"):
        train_tokenizer([demo / "zh.txt", f"en={demo / 'en-ref.txt'}"], tmp_path,
                        vocab_size=500, joint=False)
    with pytest.raises(UsageError, match="exactly two languages"):
        train_tokenizer([f"zh={demo / 'zh.txt'}"], tmp_path, vocab_size=500, joint=False)
    with pytest.raises(UsageError, match="vocab"):
        train_tokenizer([demo / "zh.txt"], tmp_path, vocab_size=100, character_coverage=1.0)
    with pytest.raises(InputError, match="not found"):
        train_tokenizer([tmp_path / "missing.txt"], tmp_path, vocab_size=500)
    with pytest.raises(UsageError, match="--langs"):
        train_tokenizer([demo / "zh.txt"], tmp_path, vocab_size=500, termbase=demo_glossary())


def test_joint_training_takes_term_languages_from_the_corpora(tmp_path: Path) -> None:
    trained = train_tokenizer(_corpora(), tmp_path, vocab_size=2000, termbase=demo_glossary(),
                              character_coverage=1.0)
    assert trained.manifest["glossary"]["langs"] == ["zh", "en"]  # type: ignore[index]
    pieces = _pieces(tmp_path / "spm.model", f"构建{ZH_TERM}, a {EN_TERM}")
    assert ZH_TERM in pieces and "▁" + EN_TERM.replace(" ", "▁") in pieces


def test_cli_tokenizer_train(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = demo_dir()
    with pytest.raises(SystemExit) as exit_info:
        main(["tokenizer", "train", "--corpus", f"zh={demo / 'zh.txt'}", "--corpus",
              f"en={demo / 'en-ref.txt'}", "--vocab-size", "1200", "-o", str(tmp_path),
              "--per-language", "-g", str(demo / "glossary.csv"), "--langs", "zh,en",
              "--character-coverage", "1.0"])
    assert exit_info.value.code in (0, None)
    out = capsys.readouterr().out
    assert "source:" in out and "target:" in out
    assert (tmp_path / "source.spm").is_file() and (tmp_path / "target.spm").is_file()
