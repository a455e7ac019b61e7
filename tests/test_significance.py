"""Paired bootstrap and approximate randomization through sacrebleu, with fixed seeds."""

from __future__ import annotations

import os
import random

import pytest

from glossalign.errors import InputError, UsageError
from glossalign.eval.significance import paired_significance, significance_tests

WORDS = "the a cat dog sat on mat house red blue big small ran jumped over under".split()


def _corpus(seed: int, n: int = 120) -> tuple[list[str], list[str], list[str], list[str]]:
    """References, a good system (mostly the reference), a weak and a near-random system."""
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(10))

    refs = [sentence() for _ in range(n)]
    good = [ref if rng.random() < 0.8 else sentence() for ref in refs]
    weak = [ref if rng.random() < 0.3 else sentence() for ref in refs]
    noise = [sentence() for _ in refs]
    return refs, good, weak, noise


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[str], list[str], list[str]]:
    return _corpus(7)


@pytest.mark.parametrize("test_type", ["bs", "ar"])
def test_clearly_better_system_is_significant(corpus, test_type: str) -> None:
    refs, good, weak, noise = corpus
    results = paired_significance(
        [("noise", noise), ("good", good), ("weak", weak)], [refs], "en", test_type=test_type
    )
    assert [r.metric for r in results] == ["bleu", "chrf++", "ter"]
    for result in results:
        assert result.test == test_type
        assert f"{test_type}:" in result.signature and "seed:12345" in result.signature
        baseline, better, weaker = result.systems
        assert baseline.system == "noise" and baseline.p_value is None
        assert better.p_value is not None and better.p_value < 0.05
        assert weaker.p_value is not None and 0.0 <= weaker.p_value <= 1.0
        if result.metric == "ter":
            assert better.score < baseline.score
        else:
            assert better.score > baseline.score


def test_p_values_in_range_and_ci_contains_score(corpus) -> None:
    refs, good, weak, _ = corpus
    for result in significance_tests([("weak", weak), ("good", good)], [refs], "en"):
        for system in result.systems:
            assert system.ci_low is not None and system.ci_high is not None
            assert system.ci_low <= system.score <= system.ci_high
            assert system.ci_low < system.ci_high
            if system.p_value is not None:
                assert 0.0 <= system.p_value <= 1.0


@pytest.mark.parametrize("test_type", ["bs", "ar"])
def test_equally_good_systems_are_not_significant(test_type: str) -> None:
    refs, good, _, _ = _corpus(11)
    rng = random.Random(5)
    # An independent system of the same quality: the reference 80% of the time, else noise.
    other = [ref if rng.random() < 0.8 else " ".join(rng.sample(WORDS, 10)) for ref in refs]
    results = paired_significance([("a", good), ("b", other)], [refs], "en", test_type=test_type)
    for result in results:
        p_value = result.systems[1].p_value
        assert p_value is not None and p_value > 0.05, (result.metric, p_value)


def test_identical_system_gets_p_value_one(corpus) -> None:
    refs, good, _, _ = corpus
    for result in paired_significance([("a", good), ("copy", list(good))], [refs], "en"):
        assert result.systems[1].p_value == 1.0


def test_fixed_seed_is_reproducible_and_environment_restored(corpus) -> None:
    refs, good, weak, _ = corpus
    before = os.environ.get("SACREBLEU_SEED")
    first = paired_significance([("w", weak), ("g", good)], [refs], "en", n_samples=200)
    second = paired_significance([("w", weak), ("g", good)], [refs], "en", n_samples=200)
    other = paired_significance([("w", weak), ("g", good)], [refs], "en", n_samples=200, seed=99)
    assert first == second
    assert first != other
    assert os.environ.get("SACREBLEU_SEED") == before


def test_bad_arguments() -> None:
    refs, good, weak, _ = _corpus(1, n=10)
    with pytest.raises(UsageError, match="two systems"):
        paired_significance([("g", good)], [refs], "en")
    with pytest.raises(UsageError, match="seed"):
        paired_significance([("w", weak), ("g", good)], [refs], "en", seed=0)
    with pytest.raises(UsageError, match="unknown significance test"):
        paired_significance([("w", weak), ("g", good)], [refs], "en", test_type="t")
    with pytest.raises(InputError, match="short has 9 lines"):
        paired_significance([("w", weak), ("short", good[:9])], [refs], "en")
