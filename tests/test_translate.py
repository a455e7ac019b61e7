"""Translation with glossary enforcement, on tiny random-weight models built from the demo corpus.

A random model never renders a glossary term by chance (checked below), so every preferred term
in the output is the work of the decoder constraints or of the post-repair, and the record must
say which.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from tiny_marian import build_demo_m2m100, build_demo_marian, demo_dir, demo_glossary  # noqa: E402

from glossalign.cli import main  # noqa: E402
from glossalign.corpora.readers import read_lines  # noqa: E402
from glossalign.errors import GlossalignError, UsageError  # noqa: E402
from glossalign.glossary.model import DISAPPROVED, TermBase  # noqa: E402
from glossalign.languages import get_profile  # noqa: E402
from glossalign.pipeline.check import matcher_for  # noqa: E402
from glossalign.pipeline.translate import (  # noqa: E402
    TranslationModel,
    TranslationResult,
    check_translation,
    load_model,
    translate_lines,
)
from glossalign.pipeline.translate.constraints import (  # noqa: E402
    RequiredTerm,
    surface_forms,
)
from glossalign.pipeline.translate.model_families import (  # noqa: E402
    flores_code,
    marian_target_token,
    model_family,
    prepare_languages,
)
from glossalign.pipeline.translate.processor import plan_row  # noqa: E402

MAX_NEW = 40


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    # Tiny matrices: thread hand-offs cost more than the arithmetic (15x slower with 2 threads).
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def marian(marian_dir: Path) -> TranslationModel:
    return load_model(marian_dir, device="cpu")


@pytest.fixture(scope="session")
def termbase() -> TermBase:
    return demo_glossary()


@pytest.fixture(scope="session")
def demo_lines() -> list:
    return read_lines(demo_dir() / "zh.txt", "zh")


@pytest.fixture(scope="session")
def enforced(marian: TranslationModel, termbase: TermBase, demo_lines: list) -> TranslationResult:
    return translate_lines(demo_lines, marian, src_lang="zh", tgt_lang="en", termbase=termbase,
                           max_new_tokens=MAX_NEW)


@pytest.fixture(scope="session")
def plain(marian: TranslationModel, demo_lines: list) -> TranslationResult:
    return translate_lines(demo_lines, marian, src_lang="zh", tgt_lang="en",
                           max_new_tokens=MAX_NEW)


def _source_concepts(text: str, termbase: TermBase) -> set[str]:
    concepts = {h.concept for h in matcher_for(termbase, "zh").find(text)}
    return {c for c in concepts if termbase.concepts[c].preferred("en") is not None}


def _has_preferred(text: str, concept: str, termbase: TermBase) -> bool:
    preferred = termbase.concepts[concept].preferred("en")
    assert preferred is not None
    return any(h.concept == concept and h.term == preferred.text
               for h in matcher_for(termbase, "en").find(text))


def test_loader_reads_a_local_marian_folder(marian: TranslationModel) -> None:
    assert marian.family == "marian"
    assert marian.device == "cpu"
    assert type(marian.tokenizer).__name__ == "MarianTokenizer"


def test_no_deprecated_rendering_in_any_output(enforced: TranslationResult,
                                               termbase: TermBase) -> None:
    matcher = matcher_for(termbase, "en")
    for output in enforced.outputs:
        bad = [h.text for h in matcher.find(output) if h.status in DISAPPROVED]
        assert not bad, output


def test_every_source_concept_gets_its_preferred_rendering(
        enforced: TranslationResult, termbase: TermBase, demo_lines: list) -> None:
    checked = 0
    for segment, output in zip(demo_lines, enforced.outputs, strict=True):
        for concept in _source_concepts(segment.text, termbase):
            assert _has_preferred(output, concept, termbase), (concept, output)
            checked += 1
    assert checked > 50  # the demo has ~100 concept occurrences


def test_the_random_model_alone_renders_almost_no_term(
        plain: TranslationResult, termbase: TermBase, demo_lines: list) -> None:
    pairs = [(c, out) for seg, out in zip(demo_lines, plain.outputs, strict=True)
             for c in _source_concepts(seg.text, termbase)]
    rendered = sum(_has_preferred(out, c, termbase) for c, out in pairs)
    assert rendered < 0.1 * len(pairs)


def test_check_of_the_output_has_no_forbidden_or_missing_term(
        enforced: TranslationResult, termbase: TermBase, demo_lines: list) -> None:
    result = check_translation([s.text for s in demo_lines], enforced.outputs, termbase, "zh",
                               "en")
    rules = {f.rule for f in result.findings}
    assert not rules & {"forbidden-term", "missing-term"}, [f.message for f in result.findings]


def test_the_record_matches_what_happened(enforced: TranslationResult,
                                          termbase: TermBase) -> None:
    matcher = matcher_for(termbase, "en")
    seen = set()
    for record in enforced.records:
        recorded = {c.concept for c in record.concepts if c.in_source}
        assert recorded == _source_concepts(record.source, termbase)
        raw_hits = matcher.find(record.raw_output)
        for concept in record.concepts:
            seen.add(concept.method)
            in_raw = _has_preferred(record.raw_output, concept.concept, termbase)
            bad_in_raw = [h.text for h in raw_hits
                          if h.concept == concept.concept and h.status in DISAPPROVED]
            assert _has_preferred(record.output, concept.concept, termbase)
            if concept.method == "decoder-constraint":
                assert in_raw and not bad_in_raw and not concept.repairs
            elif concept.method == "post-repair":
                assert bad_in_raw and [f for f, _ in concept.repairs] == bad_in_raw
            else:
                pytest.fail(f"unexpected method {concept.method}")
            if concept.in_source:
                disapproved = {t.text for t in termbase.concepts[concept.concept].terms_in("en")
                               if t.status in DISAPPROVED}
                assert set(concept.banned) == disapproved
        if record.raw_output == record.output:
            assert all(c.method != "post-repair" for c in record.concepts)
    assert "decoder-constraint" in seen


def test_blank_lines_stay_blank(enforced: TranslationResult, demo_lines: list) -> None:
    assert len(enforced.outputs) == len(demo_lines)
    for segment, output in zip(demo_lines, enforced.outputs, strict=True):
        assert bool(segment.text.strip()) == bool(output.strip())
    assert len(enforced.records) == sum(1 for s in demo_lines if s.text.strip())
    assert [r.line for r in enforced.records] == [s.line for s in demo_lines if s.text.strip()]


def test_without_a_glossary_no_record(plain: TranslationResult, demo_lines: list) -> None:
    assert len(plain.outputs) == len(demo_lines)
    assert plain.records == ()
    assert not plain.method_counts()


def test_a_too_small_budget_is_reported_unrepaired(marian: TranslationModel,
                                                   termbase: TermBase) -> None:
    line = "以5G、人工智能、大数据、云计算、物联网为代表的新一代信息技术日新月异。"
    result = translate_lines([line], marian, src_lang="zh", tgt_lang="en", termbase=termbase,
                             max_new_tokens=2, num_beams=1)
    methods = {c.concept: c.method for c in result.records[0].concepts if c.in_source}
    assert len(methods) == 4 and "unrepaired" in methods.values()
    for concept, method in methods.items():
        present = _has_preferred(result.outputs[0], concept, termbase)
        assert present == (method != "unrepaired")
    assert result.unrepaired == sum(m == "unrepaired" for m in methods.values())


def test_favour_mode_records_honestly(marian: TranslationModel, termbase: TermBase,
                                      demo_lines: list) -> None:
    result = translate_lines(demo_lines[:12], marian, src_lang="zh", tgt_lang="en",
                             termbase=termbase, max_new_tokens=MAX_NEW, num_beams=2,
                             mode="favour")
    for record in result.records:
        for concept in record.concepts:
            assert concept.method in ("bias", "post-repair", "unrepaired")
            present = _has_preferred(record.output, concept.concept, termbase)
            assert present == (concept.method != "unrepaired")


def test_greedy_and_beam_batches_enforce_alike(marian: TranslationModel, termbase: TermBase,
                                               demo_lines: list) -> None:
    lines = demo_lines[:10]
    for beams, batch in ((1, 3), (3, 10)):
        result = translate_lines(lines, marian, src_lang="zh", tgt_lang="en", termbase=termbase,
                                 max_new_tokens=MAX_NEW, num_beams=beams, batch_size=batch)
        assert result.unrepaired == 0


def test_constraints_stay_with_their_sentence(marian: TranslationModel,
                                             termbase: TermBase) -> None:
    with_terms = "网络空间是人类共同的家园，要弥合数字鸿沟。"
    without = "今天天气很好，我们一起去公园散步吧。"
    assert _source_concepts(with_terms, termbase) and not _source_concepts(without, termbase)
    def run(lines: list[str]) -> TranslationResult:
        return translate_lines(lines, marian, src_lang="zh", tgt_lang="en", termbase=termbase,
                               max_new_tokens=MAX_NEW, num_beams=1, batch_size=len(lines))

    together, alone = run([with_terms, without]), run([without])
    assert together.outputs[1] == alone.outputs[0]
    assert together.records[1].concepts == ()


def test_m2m100_family_uses_the_target_language_token(tmp_path: Path, termbase: TermBase,
                                                      demo_lines: list) -> None:
    tm = load_model(build_demo_m2m100(tmp_path / "m2m"), device="cpu")
    assert tm.family == "m2m100"
    plan = prepare_languages(tm, "zh", "en")
    assert plan.forced_bos_token_id == tm.tokenizer.get_lang_id("en")
    assert plan.content_start == 2
    lines = [s.text for s in demo_lines[:8]]
    result = translate_lines(lines, tm, src_lang="zh", tgt_lang="en", termbase=termbase,
                             max_new_tokens=30, num_beams=2)
    assert result.unrepaired == 0
    assert not any("__en__" in out for out in result.outputs)


def test_hub_id_offline_fails_fast_and_clearly() -> None:
    start = time.monotonic()
    with pytest.raises(GlossalignError, match="downloads are off"):
        load_model("Helsinki-NLP/opus-mt-zh-en", device="cpu")
    assert time.monotonic() - start < 10


def test_an_incomplete_folder_names_what_it_lacks(marian_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "config.json").write_bytes((marian_dir / "config.json").read_bytes())
    with pytest.raises(GlossalignError, match="missing weights .* tokenizer files"):
        load_model(tmp_path, device="cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_cuda_without_a_gpu_is_a_usage_error(marian_dir: Path) -> None:
    with pytest.raises(UsageError, match="no CUDA device"):
        load_model(marian_dir, device="cuda")


def test_cli_translate_writes_output_and_report(marian_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    demo = demo_dir()
    out, report = tmp_path / "out.en", tmp_path / "report.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["translate", "--model", str(marian_dir), "-s", str(demo / "zh.txt"),
              "--src-lang", "zh", "--tgt-lang", "en", "-g", str(demo / "glossary.csv"),
              "-o", str(out), "--report", str(report), "--max-new-tokens", "30",
              "--device", "cpu", "--num-beams", "2"])
    assert exit_info.value.code == 0
    lines = out.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == len(read_lines(demo / "zh.txt", "zh"))
    data = json.loads(report.read_text(encoding="utf-8"))
    first = next(s for s in data["sentences"] if s["concepts"])
    assert set(first) >= {"line", "source", "output", "concepts"}
    assert set(first["concepts"][0]) >= {"concept", "preferred", "method", "banned"}
    assert "lines written" in capsys.readouterr().err


def test_cli_translate_to_stdout(marian_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = demo_dir()
    with pytest.raises(SystemExit) as exit_info:
        main(["translate", "--model", str(marian_dir), "-s", str(demo / "zh.txt"),
              "--src-lang", "zh", "--tgt-lang", "en", "-o", "-", "--max-new-tokens", "10",
              "--device", "cpu", "--num-beams", "1", "-q"])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 0
    assert len(out.split("\n")[:-1]) == len(read_lines(demo / "zh.txt", "zh"))
    assert "lines written to -" in err


def test_cli_refuses_to_overwrite_input_and_offline_hub_ids(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    source = tmp_path / "in.zh"
    source.write_text("网络空间\n", encoding="utf-8")
    for argv in (["--model", str(tmp_path), "-o", str(source)],
                 ["--model", "Helsinki-NLP/opus-mt-zh-en", "-o", str(tmp_path / "o.txt")]):
        with pytest.raises(SystemExit) as exit_info:
            main(["translate", "-s", str(source), "--src-lang", "zh", "--tgt-lang", "en", *argv])
        assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "refusing to write over the input" in err and "downloads are off" in err
    assert source.read_text(encoding="utf-8") == "网络空间\n"


# --- units: language codes, families, constraint planning ---------------------------------

@pytest.mark.parametrize(("lang", "code"), [
    ("zh", "zho_Hans"), ("zh-CN", "zho_Hans"), ("zh-TW", "zho_Hant"), ("zh_Hant", "zho_Hant"),
    ("en", "eng_Latn"), ("fr", "fra_Latn"), ("ar", "arb_Arab"), ("fra_Latn", "fra_Latn"),
])
def test_flores_codes(lang: str, code: str) -> None:
    assert flores_code(lang) == code


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        flores_code("xx")


def test_marian_target_tokens() -> None:
    supported = [">>fra<<", ">>cmn_Hans<<", ">>cmn_Hant<<", ">>deu<<"]
    assert marian_target_token(supported, "fr") == ">>fra<<"
    assert marian_target_token(supported, "zh") == ">>cmn_Hans<<"
    assert marian_target_token(supported, "zh-TW") == ">>cmn_Hant<<"
    assert marian_target_token([], "fr") is None  # a bilingual model
    with pytest.raises(UsageError, match="no target token"):
        marian_target_token(supported, "ja")


def test_model_family() -> None:
    assert model_family("marian", "MarianTokenizer") == "marian"
    assert model_family("m2m_100", "M2M100Tokenizer") == "m2m100"
    assert model_family("m2m_100", "NllbTokenizerFast") == "nllb"
    assert model_family("nllb-moe", "NllbTokenizer") == "nllb"
    with pytest.raises(UsageError):
        model_family("t5", "T5Tokenizer")


class _FakeNllbTokenizer:
    unk_token_id = 3
    codes = {"zho_Hans": 10, "eng_Latn": 11}

    def __init__(self) -> None:
        self.src_lang = self.tgt_lang = ""

    def convert_tokens_to_ids(self, token: str) -> int:
        return self.codes.get(token, self.unk_token_id)


def test_nllb_languages_use_flores_codes() -> None:
    tokenizer = _FakeNllbTokenizer()
    plan = prepare_languages(TranslationModel(None, tokenizer, "nllb", "fake", "cpu"), "zh", "en")
    assert (tokenizer.src_lang, plan.forced_bos_token_id, plan.content_start) == ("zho_Hans", 11, 2)
    with pytest.raises(UsageError, match="no language token"):
        prepare_languages(TranslationModel(None, tokenizer, "nllb", "fake", "cpu"), "zh", "fr")


def test_english_forms() -> None:
    english_plural = get_profile("en").term_plural
    assert english_plural("digital divide") == "digital divides"
    assert english_plural("network policy") == "network policies"
    assert english_plural("cyber attach") == "cyber attaches"
    assert get_profile("zh").term_plural("网络空间") is None
    assert set(surface_forms("network space", "en")) >= {
        "network space", "Network space", "Network Space", "network spaces"}
    assert surface_forms("网络空间", "zh") == ["网络空间"]


TERM = RequiredTerm.make("c", "a b", forced=(5, 6), accepted=[(5, 6), (7,)])


@pytest.mark.parametrize(("generated", "slots", "continuations", "starts", "need", "ends"), [
    ([1, 2], 10, set(), {5}, 2, False),       # pending, plenty of room
    ([1, 5], 10, {6}, set(), 1, False),       # started: must continue
    ([1, 5], 0, set(), {5}, 2, False),        # started but no room: a fresh copy is owed
    ([5, 6, 1], 10, set(), set(), 0, False),  # rendered
    ([1, 7], 10, set(), set(), 0, True),      # rendered by another accepted spelling, just now
])
def test_plan_row(generated: list[int], slots: int, continuations: set[int], starts: set[int],
                  need: int, ends: bool) -> None:
    plan = plan_row(generated, [TERM], slots)
    assert plan.continuations == continuations
    assert plan.starts == starts
    assert plan.need == need
    assert plan.ends_term == ends
    assert plan.pending == (1 if need else 0)
