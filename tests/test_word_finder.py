"""The aligner's dictionary-word finder (ahocorasick-rs) reports what a brute-force scan does:
every overlapping occurrence, by end position, the longer word first where two end together."""

from __future__ import annotations

import random

import pytest

from glossalign.pipeline.align.features import _word_finder

ALPHABET = "网络空间命运共同体数字经济"


def brute_force(text: str, words: set[str]) -> list[str]:
    longest = max(map(len, words))
    found = []
    for end in range(1, len(text) + 1):
        for length in range(min(longest, end), 0, -1):
            if text[end - length:end] in words:
                found.append(text[end - length:end])
    return found


CASES = [
    ("网络空间命运共同体", ["网络", "网络空间", "空间", "命运共同体", "共同", "共同体"]),
    ("共同体共同体", ["共同体", "同体", "共同"]),
    ("数字经济", ["经济学"]),
]


@pytest.mark.parametrize(("text", "words"), CASES)
def test_table(text: str, words: list[str]) -> None:
    finder = _word_finder([text], words)
    present = {w for w in words if set(w) <= set(text)}
    if finder is None:  # no word can occur: its characters or character pairs are missing
        assert not present or not brute_force(text, present)
        return
    assert finder(text) == brute_force(text, present)


def test_random_texts_match_the_brute_force_scan() -> None:
    rng = random.Random(7)
    for _ in range(300):
        words = {"".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 4)))
                 for _ in range(rng.randint(1, 30))}
        texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 50)))
                 for _ in range(3)]
        finder = _word_finder(texts, [*words, *words])  # duplicates are reported once
        present = {w for w in words if set(w) <= set("".join(texts))}
        if finder is None:  # the pre-filter left no word that can occur
            assert not present or not any(brute_force(text, present) for text in texts)
            continue
        for text in texts:
            assert finder(text) == brute_force(text, present)
