"""The neural scorer with a tiny random BERT saved to disk (no download, no network)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from glossalign.errors import GlossalignError  # noqa: E402
from glossalign.pipeline.align import align_segments  # noqa: E402
from glossalign.pipeline.align.neural import EncoderScorer  # noqa: E402
from glossalign.stage_data import Segment  # noqa: E402

EN = ["The cat sleeps on the mat.", "The dog barks at night.", "It rains in London today.",
      "We eat bread and cheese.", "The train leaves at noon."]
FR = ["Le chat dort sur le tapis.", "Le chien aboie la nuit.", "Il pleut à Londres aujourd'hui.",
      "Nous mangeons du pain et du fromage.", "Le train part à midi."]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-encoder")
    tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    tokenizer.train_from_iterator(EN + FR, trainers.WordLevelTrainer(special_tokens=special))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]",
                                   pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]")
    fast.save_pretrained(folder)
    config = BertConfig(vocab_size=fast.vocab_size, hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder)
    return folder


def test_encoder_embeddings_are_normalised(tiny_model: Path) -> None:
    scorer = EncoderScorer.from_pretrained(tiny_model, device="cpu")
    vectors = scorer.encode(["The cat sleeps.", "Le chat dort sur le tapis."])
    assert vectors.shape == (2, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_aligns_with_a_tiny_random_encoder(tiny_model: Path) -> None:
    scorer = EncoderScorer.from_pretrained(str(tiny_model), device="cpu")
    src = [Segment(t, "en") for t in EN]
    tgt = [Segment(t, "fr") for t in FR[:2]] + [Segment("Il pleut.", "fr"),
                                                Segment("À Londres.", "fr")] + \
        [Segment(t, "fr") for t in FR[3:]]
    alignment = align_segments(src, tgt, "en", "fr", scorer=scorer)
    assert [i for b in alignment.beads for i in b.src] == list(range(len(src)))
    assert [j for b in alignment.beads for j in b.tgt] == list(range(len(tgt)))
    assert all(0.0 <= b.confidence <= 1.0 for b in alignment.beads)


def test_hf_scorer_by_name_is_combined_with_the_lexical_one(tiny_model: Path) -> None:
    from glossalign.pipeline.align.combined import CombinedScorer
    from glossalign.pipeline.align.scorers import ScorerRequest, make_scorer

    chosen = make_scorer(f"hf:{tiny_model}", ScorerRequest("en", "fr"))
    assert chosen.name == "hf" and isinstance(chosen.scorer, CombinedScorer)
    src = [Segment(t, "en") for t in EN]
    tgt = [Segment(t, "fr") for t in FR]
    alignment = align_segments(src, tgt, "en", "fr", scorer=f"hf:{tiny_model}")
    # A random encoder is noise, so only the shape of the result is asserted here.
    assert [i for b in alignment.beads for i in b.src] == list(range(len(src)))
    assert [j for b in alignment.beads for j in b.tgt] == list(range(len(tgt)))


def test_hub_id_offline_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    with pytest.raises(GlossalignError, match="no-such-org/no-such-model"):
        EncoderScorer.from_pretrained("no-such-org/no-such-model")
    assert time.monotonic() - start < 20
    assert os.environ["HF_HUB_OFFLINE"] == "1"
