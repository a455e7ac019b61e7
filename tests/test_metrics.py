"""sacrebleu metrics per target language, the score report, and their error paths."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

import glossalign
from glossalign.errors import InputError, UsageError
from glossalign.eval.metrics import (
    bleu_tokenizer,
    corpus_scores,
    glossalign_signature,
    sentence_scores,
)
from glossalign.eval.score_report import read_text_lines, score_documents

EN_HYPS = [
    "The cat sat on the mat.",
    "A quick brown fox jumps over the dog.",
    "He did not go to the market today.",
]
EN_REFS = [
    "The cat is sitting on the mat.",
    "The quick brown fox jumped over the lazy dog.",
    "He didn't go to the market today.",
]
EN_REFS_2 = [
    "A cat sat on the mat.",
    "A fast brown fox jumps over a dog.",
    "Today he did not go to the market.",
]
ZH_HYPS = ["我们今天去公园散步。", "这个模型的翻译质量很好。"]
ZH_REFS = ["今天我们去公园散步了。", "这个模型翻译的质量非常好。"]
JA_HYPS = ["私は学校に行きます。", "今日は天気がいいです。"]
JA_REFS = ["私は学校へ行きます。", "今日はいい天気です。"]

# (hypotheses, reference streams, target language, BLEU tokenizer, Asian TER)
CORPUS_CASES = [
    (EN_HYPS, [EN_REFS], "en", "13a", False),
    (EN_HYPS, [EN_REFS, EN_REFS_2], "en-GB", "13a", False),
    (ZH_HYPS, [ZH_REFS], "zh-CN", "zh", True),
]


def _sacrebleu_direct(hyps, refs, tokenize, asian):
    ter = TER(normalized=True, asian_support=True) if asian else TER()
    return {
        "bleu": BLEU(tokenize=tokenize).corpus_score(hyps, refs).score,
        "chrf++": CHRF(word_order=2).corpus_score(hyps, refs).score,
        "ter": ter.corpus_score(hyps, refs).score,
    }


@pytest.mark.parametrize(("hyps", "refs", "lang", "tokenize", "asian"), CORPUS_CASES)
def test_corpus_scores_equal_sacrebleu(hyps, refs, lang, tokenize, asian) -> None:
    expected = _sacrebleu_direct(hyps, refs, tokenize, asian)
    results = corpus_scores(hyps, refs, lang)
    assert {key: result.score for key, result in results.items()} == expected
    assert f"tok:{tokenize}" in results["bleu"].signature
    assert f"nrefs:{len(refs)}" in results["bleu"].signature
    assert "nw:2" in results["chrf++"].signature


def test_multi_reference_changes_the_score() -> None:
    single = corpus_scores(EN_HYPS, [EN_REFS], "en")["bleu"].score
    double = corpus_scores(EN_HYPS, [EN_REFS, EN_REFS_2], "en")["bleu"].score
    assert double > single


def test_chinese_bleu_uses_zh_tokenizer() -> None:
    zh = corpus_scores(ZH_HYPS, [ZH_REFS], "zh")["bleu"].score
    assert zh == pytest.approx(BLEU(tokenize="zh").corpus_score(ZH_HYPS, [ZH_REFS]).score)
    assert zh != pytest.approx(BLEU(tokenize="13a").corpus_score(ZH_HYPS, [ZH_REFS]).score)


def test_chinese_ter_needs_asian_support() -> None:
    ter = corpus_scores(ZH_HYPS, [ZH_REFS], "zh")["ter"]
    without_asian = TER(normalized=True).corpus_score(ZH_HYPS, [ZH_REFS]).score
    assert ter.score != pytest.approx(without_asian)
    assert "asian:yes" in ter.signature and "norm:yes" in ter.signature


def test_bleu_details_match_sacrebleu() -> None:
    result = corpus_scores(EN_HYPS, [EN_REFS], "en")["bleu"]
    direct = BLEU().corpus_score(EN_HYPS, [EN_REFS])
    assert [result.details[f"precision_{n}"] for n in range(1, 5)] == direct.precisions
    assert result.details["brevity_penalty"] == direct.bp
    assert result.details["sys_len"] == direct.sys_len
    assert result.details["ref_len"] == direct.ref_len
    assert corpus_scores(EN_HYPS, [EN_REFS], "en")["ter"].details["num_edits"] > 0


def test_sentence_scores_equal_sacrebleu_per_segment() -> None:
    rows = sentence_scores(EN_HYPS, [EN_REFS, EN_REFS_2], "en")
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(word_order=2), TER()
    for index, row in enumerate(rows):
        refs = [EN_REFS[index], EN_REFS_2[index]]
        assert row["bleu"] == bleu.sentence_score(EN_HYPS[index], refs).score
        assert row["chrf++"] == chrf.sentence_score(EN_HYPS[index], refs).score
        assert row["ter"] == ter.sentence_score(EN_HYPS[index], refs).score


def test_japanese_uses_mecab_when_installed() -> None:
    pytest.importorskip("MeCab")
    pytest.importorskip("ipadic")
    results = corpus_scores(JA_HYPS, [JA_REFS], "ja")
    assert "tok:ja-mecab" in results["bleu"].signature
    expected = BLEU(tokenize="ja-mecab").corpus_score(JA_HYPS, [JA_REFS]).score
    assert results["bleu"].score == expected
    assert "asian:yes" in results["ter"].signature


def test_japanese_without_mecab_asks_for_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "MeCab", None)  # makes `import MeCab` fail
    with pytest.raises(UsageError, match=r"pip install 'glossalign\[ja\]'"):
        corpus_scores(JA_HYPS, [JA_REFS], "ja")
    with pytest.raises(UsageError, match="ja-mecab"):
        bleu_tokenizer("ja-JP")


def test_korean_without_mecab_ko_asks_for_it_and_char_is_explicit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "mecab_ko", None)
    with pytest.raises(UsageError, match=r"sacrebleu\[ko\]"):
        corpus_scores(["안녕 하세요"], [["안녕하세요"]], "ko")
    results = corpus_scores(["안녕 하세요"], [["안녕하세요"]], "ko", bleu_tokenize="char")
    assert "tok:char" in results["bleu"].signature


def test_mismatched_line_counts_name_the_files() -> None:
    with pytest.raises(InputError, match=r"hyp\.txt has 3 lines but ref\.txt has 2"):
        corpus_scores(EN_HYPS, [EN_REFS[:2]], "en", hyp_name="hyp.txt", ref_names=["ref.txt"])
    with pytest.raises(InputError, match="reference 2 has 1"):
        sentence_scores(EN_HYPS, [EN_REFS, EN_REFS[:1]], "en")


def test_glossalign_signature() -> None:
    signature = glossalign_signature("abc123", {"aligner": "vecalign"})
    assert signature.startswith(f"glossalign:{glossalign.__version__}|glossary:abc123|sacrebleu:")
    assert signature.endswith("|aligner:vecalign")
    assert "glossary:none" in glossalign_signature(None)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_score_report_for_two_hypotheses(tmp_path: Path) -> None:
    ref = _write(tmp_path / "ref.en", EN_REFS)
    good = _write(tmp_path / "good.en", EN_REFS_2)
    base = _write(tmp_path / "base.en", EN_HYPS)
    src = _write(tmp_path / "src.de", ["Die Katze.", "Der Fuchs.", "Der Markt."])
    calls: list[tuple[list[str], list[str]]] = []

    def term_metrics(src_lines: list[str], hyp_lines: list[str]) -> dict[str, float]:
        calls.append((src_lines, hyp_lines))
        return {"term_accuracy": 0.5}

    report = score_documents(
        [base, good], [ref], "en", src_path=src, src_lang="de",
        glossary_hash="feed", term_metrics=term_metrics,
    )
    data = json.loads(json.dumps(report.to_json()))
    assert data["schema_version"] == 1
    assert "glossary:feed" in data["signature"]
    first = data["hypotheses"][0]
    assert first["corpus"]["bleu"]["score"] == BLEU().corpus_score(EN_HYPS, [EN_REFS]).score
    assert len(first["segments"]) == 3 and set(first["segments"][0]) == {"bleu", "chrf++", "ter"}
    assert first["terminology"] == {"term_accuracy": 0.5}
    assert calls[0] == (read_text_lines(src), EN_HYPS)
    assert {test["test"] for test in data["significance"]} == {"bs", "ar"}
    assert "exact_match" not in data
    text = report.to_text()
    assert "base.en" in text and "p=" in text and "tok:13a" in text


def test_score_report_errors(tmp_path: Path) -> None:
    ref = _write(tmp_path / "ref.en", EN_REFS)
    short = _write(tmp_path / "short.en", EN_HYPS[:2])
    with pytest.raises(InputError, match="short.en has 2 lines but .*ref.en has 3"):
        score_documents([short], [ref], "en")
    bad = tmp_path / "bad.en"
    bad.write_bytes(b"fine\nnot \xff utf-8\nfine\n")
    with pytest.raises(InputError) as caught:
        score_documents([bad], [ref], "en")
    assert caught.value.line == 2 and caught.value.path == str(bad)
    with pytest.raises(UsageError, match="source"):
        score_documents([ref], [ref], "en", term_metrics=lambda s, h: {})
    with pytest.raises(UsageError, match=".sgm"):
        score_documents([tmp_path / "hyp.sgm"], [ref], "en")


def test_empty_hypothesis_is_an_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.en"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty.en has no lines"):
        score_documents([empty], [empty], "en")
