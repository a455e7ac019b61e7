"""Japanese: no spaces; MeCab words (the ``ja`` extra) or characters; matching by character."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.languages import get_profile
from glossalign.languages import ja as ja_module

CASE = LanguageCase(
    lang="ja-JP",
    sentences=("私たちは人類運命共同体の構築を目指している。",
               "「人類共同運命体」という古い訳語は使わない。",
               "協力は世界のすべての国に利益をもたらす。"),
    preferred=("人類運命共同体", "人類運命共同体"),
    deprecated=("人類共同運命体", "人類共同運命体"),
    source=("We aim to build a community with a shared future for mankind.",
            "We do not use the old rendering community of common destiny.",
            "Cooperation benefits every country in the world."),
    source_term="community with a shared future for mankind",
    hypothesis_edit=("目指している", "目指す"),
)


def test_japanese_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("MeCab")  # ja-mecab BLEU: the ``ja`` extra (installed with ``test``)
    run_pipeline(CASE, tmp_path)


def test_words_come_from_mecab() -> None:
    pytest.importorskip("MeCab")
    words = [t.text for t in get_profile("ja").word_tokens("人類運命共同体を構築する。")]
    assert words == ["人類", "運命", "共同", "体", "を", "構築", "する"]


def test_without_mecab_words_fall_back_to_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ja_module, "mecab_tagger", lambda: None)
    tokens = get_profile("ja").word_tokens("共同 体")
    assert [(t.text, t.start) for t in tokens] == [("共", 0), ("同", 1), ("体", 3)]


@pytest.mark.parametrize(("text", "found"), [
    ("地域コミュニティの役割", "コミュニティ"),
    ("地域ｺﾐｭﾆﾃｨの役割", "ｺﾐｭﾆﾃｨ"),  # half-width katakana fold to full width
])
def test_katakana_terms_in_either_width(text: str, found: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ja", "コミュニティ", "preferred"))
    assert [h.text for h in TermMatcher(termbase, "ja").find(text)] == [found]


def test_aligner_units_are_kanji_and_kana() -> None:
    assert get_profile("ja").alignment_units("人類はabc共同") == ["人", "類", "は", "共", "同"]
