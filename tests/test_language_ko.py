"""Korean: spaced phrases with particles attached ("공동체는" matches "공동체")."""

from __future__ import annotations

from pathlib import Path

import pytest
from language_pipeline import LanguageCase, run_pipeline

from glossalign.errors import UsageError
from glossalign.eval.metrics import corpus_scores
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase
from glossalign.languages.ko import KoreanProfile, strip_particle

CASE = LanguageCase(
    lang="ko-KR",
    sentences=("우리는 인류 운명 공동체를 함께 건설해야 한다.",
               "숙명 공동체는 오래된 번역어이다.",
               "협력은 세계 모든 나라에 이롭다."),
    preferred=("인류 운명 공동체", "인류 운명 공동체"),
    deprecated=("숙명 공동체", "숙명 공동체"),
    source=("Together we must build a community with a shared future for mankind.",
            "Community of fate is an old rendering.",
            "Cooperation benefits every country in the world."),
    source_term="community with a shared future for mankind",
    hypothesis_edit=("함께", "같이"),
)


def test_korean_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import mecab_ko  # noqa: F401
    except ImportError:
        # ko-mecab BLEU needs sacrebleu[ko]; without it the profile's choice is refused, and
        # the rest of the pipeline is tested with character BLEU chosen knowingly.
        with pytest.raises(UsageError, match="sacrebleu\\[ko\\]"):
            corpus_scores(["가"], [["가"]], "ko")
        monkeypatch.setattr(KoreanProfile, "bleu_tokenizer", "char")
    run_pipeline(CASE, tmp_path)


@pytest.mark.parametrize(("word", "stem"), [
    ("공동체는", "공동체"), ("공동체를", "공동체"), ("공동체의", "공동체"),
    ("공동체에서", "공동체"), ("공동체에서는", "공동체"), ("공동체이다", "공동체"),
    ("공동체입니다", "공동체"),
    ("국가", "국가"),  # ends in 가 but is a noun: two syllables stay
    ("국가가", "국가"), ("제도", "제도"), ("나라", "나라"), ("협력", "협력"),
])
def test_particles_are_stripped(word: str, stem: str) -> None:
    assert strip_particle(word) == stem


@pytest.mark.parametrize(("text", "found"), [
    ("공동체는 중요하다.", "공동체"),
    ("지역 공동체를 위하여", "공동체"),
    ("공동체에서는 모두가 평등하다.", "공동체"),
])
def test_term_found_with_particles_which_stay_outside_the_span(text: str, found: str) -> None:
    termbase = TermBase()
    termbase.add(Term("c", "ko", "공동체", "preferred"))
    (hit,) = TermMatcher(termbase, "ko").find(text)
    assert hit.text == found
