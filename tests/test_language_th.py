"""Thai: dictionary words (pythainlp newmm), sentences at spaces, Thai units for the aligner."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.languages import get_profile
from glossalign.pipeline.align.features import document_keys

CASE = LanguageCase(
    lang="th-TH",
    sentences=("เราต้องร่วมกันสร้างประชาคมที่มีอนาคตร่วมกันของมนุษยชาติ",
               "คำว่าชุมชนแห่งโชคชะตาเป็นคำแปลเก่าที่ไม่ควรใช้",
               "ความร่วมมือเป็นประโยชน์ต่อทุกประเทศในโลก"),
    preferred=("ประชาคมที่มีอนาคตร่วมกัน", "ประชาคมที่มีอนาคตร่วมกัน"),
    deprecated=("ชุมชนแห่งโชคชะตา", "ชุมชนแห่งโชคชะตา"),
    source=("Together we must build a community with a shared future for mankind.",
            "The words community of destiny are an old rendering that should not be used.",
            "Cooperation benefits every country in the world."),
    source_term="community with a shared future",
    hypothesis_edit=("ร่วมกันสร้าง", "สร้าง"),
)


def test_thai_pipeline(tmp_path: Path) -> None:
    run_pipeline(CASE, tmp_path)


def test_a_three_sentence_paragraph_splits() -> None:
    assert len(get_profile("th").split_sentences(CASE.paragraph)) == 3


@pytest.mark.parametrize("text", [
    "เขาไปตลาด และซื้อผลไม้มาฝากแม่",  # a space before และ (and) continues the sentence
    "เด็กๆ ชอบเล่นฟุตบอลมาก",  # the repetition mark ๆ is followed by a space
    "ในปี 2024 เศรษฐกิจเติบโตขึ้น",  # a number between spaces
])
def test_spaces_inside_a_sentence_do_not_split_it(text: str) -> None:
    assert get_profile("th").split_sentences(text) == [(0, len(text))]


def test_words_are_dictionary_words_not_code_points() -> None:
    words = [t.text for t in get_profile("th").word_tokens("ประชาคมที่มีอนาคตร่วมกัน")]
    assert words == ["ประชาคม", "ที่", "มี", "อนาคต", "ร่วมกัน"]
    # No token starts with a combining vowel or tone mark (code points were such tokens).
    assert not any(unicodedata.category(w[0]).startswith("M") for w in words)


def test_the_aligner_extracts_thai_units() -> None:
    keys = document_keys([CASE.sentences[0]], "th", "en")
    units = keys.sentences[0].units
    assert "ประชาคม" in units and "มนุษยชาติ" in units


def test_term_is_found_inside_unspaced_text() -> None:
    termbase = TermBase()
    termbase.add(Term("c", "th", "อนาคต", "preferred"))
    (hit,) = TermMatcher(termbase, "th").find("เราสร้างอนาคตร่วมกัน")
    assert hit.text == "อนาคต"


def test_a_line_break_inside_a_paragraph_reads_as_a_space() -> None:
    import glossalign

    text = "เราต้องร่วมกันสร้างอนาคต\nและแบ่งปันความรู้\nความร่วมมือเป็นประโยชน์ต่อทุกประเทศ\n"
    segments = glossalign.segment(text=text, lang="th")
    assert [s.text for s in segments] == ["เราต้องร่วมกันสร้างอนาคต และแบ่งปันความรู้",
                                          "ความร่วมมือเป็นประโยชน์ต่อทุกประเทศ"]
    assert (segments[1].line, segments[1].column) == (3, 1)
