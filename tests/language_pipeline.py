"""One language's real sentences through segment -> align -> check -> score (shared by the
tests/test_language_<code>.py files: a new language adds a case and calls :func:`run_pipeline`).

A case is a three-sentence paragraph in the language, its translation in another language (the
source), and a glossary with one preferred and one deprecated term in the language. The
paragraph's first sentence holds the preferred term (inflected, with particles or clitics as the
language writes them), the second the deprecated one; the third holds no term.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import glossalign
from glossalign.languages import get_profile


@dataclass(frozen=True)
class LanguageCase:
    lang: str  # the tag as a user writes it
    sentences: tuple[str, str, str]  # the paragraph, sentence by sentence
    preferred: tuple[str, str]  # (glossary term, its surface in sentence 1)
    deprecated: tuple[str, str]  # (glossary term, its surface in sentence 2)
    source: tuple[str, str, str]  # the translation the paragraph is checked against
    source_term: str  # the concept's term in the source language
    hypothesis_edit: tuple[str, str]  # (old, new): the reference made into a worse hypothesis
    src_lang: str = "en"

    @property
    def paragraph(self) -> str:
        return get_profile(self.lang).sentence_joiner.join(self.sentences)

    def glossary_csv(self) -> str:
        rows = ["concept,lang,term,status",
                f"shared-future,{self.src_lang},{self.source_term},preferred",
                f"shared-future,{self.lang},{self.preferred[0]},preferred",
                f"shared-future,{self.lang},{self.deprecated[0]},deprecated"]
        return "\n".join(rows) + "\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run_pipeline(case: LanguageCase, tmp_path: Path) -> None:
    """Every stage on the case's paragraph, with assertions a broken language profile fails."""
    glossary = _write(tmp_path / "glossary.csv", case.glossary_csv())
    source = _write(tmp_path / "source.txt",
                    get_profile(case.src_lang).sentence_joiner.join(case.source) + "\n")
    target = _write(tmp_path / "target.txt", case.paragraph + "\n")

    segments = glossalign.segment(text=case.paragraph, lang=case.lang)
    assert [s.text for s in segments] == list(case.sentences)

    # Without glossary anchors: on three sentences, a deprecated rendering anchored to the same
    # source term pulls two sentences into one 2-2 bead; the aligner's own units must suffice.
    alignment = glossalign.align(source, target, src_lang=case.src_lang, tgt_lang=case.lang)
    assert [(b.src, b.tgt) for b in alignment.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]

    result = glossalign.check(target, glossary=glossary, tgt_lang=case.lang, source=source,
                              src_lang=case.src_lang)
    first_hits = [(h.status, h.text) for h in result.tgt_hits[0]]
    assert ("preferred", case.preferred[1]) in first_hits
    forbidden = [f for f in result.findings if f.rule == "forbidden-term"]
    assert [f.found for f in forbidden] == [case.deprecated[1]]
    assert not result.tgt_hits[2]

    old, new = case.hypothesis_edit
    assert old in case.sentences[0]
    reference = _write(tmp_path / "reference.txt", "\n".join(case.sentences) + "\n")
    hypothesis = _write(tmp_path / "hypothesis.txt",
                        "\n".join([case.sentences[0].replace(old, new), *case.sentences[1:]]))
    source_lines = _write(tmp_path / "source-lines.txt", "\n".join(case.source) + "\n")
    report = glossalign.score(hypothesis, reference, tgt_lang=case.lang, source=source_lines,
                              src_lang=case.src_lang, glossary=glossary)
    scores = report.hypotheses[0]
    assert 0 < scores.corpus["bleu"].score < 100
    assert f"tok:{get_profile(case.lang).bleu_tokenizer}" in scores.corpus["bleu"].signature
    assert scores.terminology is not None
