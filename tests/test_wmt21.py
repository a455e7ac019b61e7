"""WMT 2021 terminology metrics: SGML reader, TERm, matching rules, and the published numbers."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from glossalign.errors import InputError
from glossalign.eval.score_report import score_documents
from glossalign.eval.term_edit import term_weighted_ter
from glossalign.eval.wmt21 import make_stem, wmt21_scores
from glossalign.eval.wmt21_metrics import (
    ScoredTerm,
    context_words,
    exact_match_hits,
    segment_window_overlap,
    term_positions,
)
from glossalign.eval.wmt21_sgml import SgmlTerm, read_sgml

# The reference scorer's own output on its sample data (terminology_evaluation README).
PUBLISHED = {
    "exact_match": 0.8590455049944506,
    "window_overlap_2": 0.29693757867032844,
    "window_overlap_3": 0.2907071747339513,
    "one_minus_term": 0.5976316319523398,
}
PUBLISHED_BLEU = 45.33867641150976
PUBLISHED_EXACT_HITS = 759
TERM_COUNT = 901

TERM_TAG = '<term id="5" type="src_original_and_tgt_original" src="dry cough" tgt="toux sèche">'
SRC_SGM = """<srcset setid="t" srclang="any">
<doc sysid="ref" docid="D1" genre="terminology" origlang="en">
<p>
<seg id="1"> the TERM_TAG dry cough </term> is bad </seg>
<seg id="2"> no terms &amp; here </seg>
</p>
</doc>
</srcset>
""".replace("TERM_TAG", TERM_TAG)
REF_SGM = """<refset setid="t" srclang="any" trglang="fr">
<doc sysid="ref" docid="D1" genre="terminology" origlang="en">
<p>
<seg id="1"> la TERM_TAG toux sèche </term> est mauvaise </seg>
<seg id="2"> pas de termes &amp; ici </seg>
</p>
</doc>
</refset>
""".replace("TERM_TAG", TERM_TAG)
HYP_SGM = """<tstset trglang="fr" setid="t" srclang="any">
<doc sysid="sys" docid="D1" genre="terminology" origlang="en">
<p>
<seg id="1"> la toux sèche est mauvaise</seg>
<seg id="2"> pas de termes &amp; ici</seg>
</p>
</doc>
</tstset>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- SGML reader -----------------------------------------------------------------------------


def test_read_sgml_terms_and_text(tmp_path: Path) -> None:
    ref = read_sgml(_write(tmp_path, "ref.sgm", REF_SGM))
    assert ref.kind == "refset"
    first, second = ref.segments
    assert first.key == ("D1", "1") and first.line == 4
    assert first.text == "la toux sèche est mauvaise"
    (term,) = first.terms
    assert (term.surface, term.start, term.end) == ("toux sèche", 1, 3)
    assert term.tgt_variants == ("toux sèche",) and term.src == "dry cough"
    assert second.text == "pas de termes & ici" and second.terms == ()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('<seg id="1"> a <term src="x" tgt="y"> b </seg>', "not closed"),
        ('<seg id="1"> a </term> b </seg>', "without an opening"),
        ('<seg id="1"> <term src="x" tgt="y"> <term src="x" tgt="y"> b </term></term> </seg>',
         "nested"),
        ('<seg> a </seg>', "without an id"),
        ('<seg id="1"> a <term src="x"> b </term> </seg>', "tgt"),
        ('<seg id="1"> a <b> b </b> </seg>', "unexpected <b>"),
        ('<seg id="1"> a b', "complete"),
    ],
)
def test_bad_sgml_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, "bad.sgm", f'<refset>\n<doc docid="D">\n{line}\n</doc>\n')
    with pytest.raises(InputError, match=message) as caught:
        read_sgml(path)
    assert caught.value.line == 3 and caught.value.path == str(path)


def test_bad_bytes_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "bytes.sgm"
    path.write_bytes(b'<seg id="1"> ok </seg>\n<seg id="2"> \xff </seg>\n')
    with pytest.raises(InputError, match="UTF-8") as caught:
        read_sgml(path)
    assert caught.value.line == 2
    dup = _write(tmp_path, "dup.sgm", '<seg id="1"> a </seg>\n<seg id="1"> b </seg>\n')
    with pytest.raises(InputError, match="duplicate"):
        read_sgml(dup)
    with pytest.raises(InputError, match="no <seg>"):
        read_sgml(_write(tmp_path, "empty.sgm", "<refset>\n</refset>\n"))


# -- TERm ------------------------------------------------------------------------------------


def _oracle_ter(hyp: list[str], ref: list[str], terms: set[int], term_cost: float = 2.0) -> float:
    """Plain-Python pyter-style TER with weighted reference tokens: the slow definition."""
    costs = [term_cost if j in terms else 1.0 for j in range(len(ref))]

    def distance(words: list[str]) -> float:
        previous = [0.0, *itertools.accumulate(costs)]
        for word in words:
            row = [previous[0] + 1]
            for j, ref_word in enumerate(ref, start=1):
                row.append(min(previous[j] + 1, row[j - 1] + costs[j - 1],
                               previous[j - 1] + (0 if word == ref_word else costs[j - 1])))
            previous = row
        return previous[-1]

    shifts = 0
    while True:
        current = distance(hyp)
        options = []
        for i, j in itertools.product(range(len(hyp)), range(len(ref))):
            if i == j or hyp[i] != ref[j]:
                continue
            length = 1
            while i + length < len(hyp) and j + length < len(ref) and \
                    hyp[i + length] == ref[j + length]:
                length += 1
            moved = hyp[:i] + hyp[i + length:]
            moved[j:j] = hyp[i:i + length]
            options.append((current - distance(moved), moved))
        if not options or max(options)[0] <= 0:
            return (shifts + current) / len(ref)
        shifts, hyp = shifts + 1, max(options)[1]


def test_term_ter_matches_the_slow_definition() -> None:
    rng = random.Random(4)
    vocabulary = list("abcdef")
    for _ in range(300):
        hyp = [rng.choice(vocabulary) for _ in range(rng.randint(0, 8))]
        ref = [rng.choice(vocabulary) for _ in range(rng.randint(1, 8))]
        terms = set(rng.sample(range(len(ref)), rng.randint(0, len(ref))))
        assert term_weighted_ter(hyp, ref, terms) == pytest.approx(_oracle_ter(hyp, ref, terms))


def test_term_ter_known_values() -> None:
    ref = "SAUDI ARABIA denied THIS WEEK information published in the AMERICAN new york times"
    hyp = "THIS WEEK THE SAUDIS denied information published in the new york times"
    assert term_weighted_ter(hyp.split(), ref.split()) == pytest.approx(4 / 13)  # pyter's 0.308
    assert term_weighted_ter("a b x".split(), "a b c".split(), {2}) == pytest.approx(2 / 3)
    assert term_weighted_ter("a b x".split(), "a b c".split(), {0}) == pytest.approx(1 / 3)
    assert term_weighted_ter("a b".split(), "a b c".split(), {2}) == pytest.approx(2 / 3)
    assert term_weighted_ter([], []) == 0.0 and term_weighted_ter(["a"], []) == 1.0


# -- matching rules --------------------------------------------------------------------------


def _term(renderings: tuple[str, ...], surface: str = "", positions: tuple[int, ...] = (0,),
          lemma: bool = False) -> ScoredTerm:
    return ScoredTerm(renderings, surface or renderings[0], positions, not lemma, lemma)


def test_exact_match_uses_each_position_once_and_stems_last() -> None:
    stem, _ = make_stem("fr")
    hyp = "les symptômes et le symptôme de la toux".split()
    terms = [_term(("symptômes",)), _term(("symptômes",)), _term(("toux sèche", "toux"))]
    # The second "symptômes" has no free exact occurrence; its stem matches "symptôme".
    assert exact_match_hits(hyp, terms, stem) == (2, 1)
    assert exact_match_hits(hyp, terms, None) == (2, 0)
    # A term with no rendering anywhere is a miss.
    assert exact_match_hits(hyp, [_term(("fièvre",))], stem) == (0, 0)


def test_exact_match_claims_one_occurrence_per_rendering() -> None:
    # As the reference scorer: a term takes the first free occurrence of each rendering found,
    # so the first term takes both positions here and the second term finds nothing left.
    hyp = "tension et tension artérielle".split()
    terms = [_term(("tension", "tension artérielle")), _term(("tension",))]
    assert exact_match_hits(hyp, terms, None) == (1, 0)
    # Here both renderings of the first term start at 0, so the second term gets position 3.
    hyp = "tension artérielle et tension".split()
    assert exact_match_hits(hyp, terms, None) == (2, 0)


def test_reference_positions_follow_the_reference_scorer() -> None:
    tokens = "le a b c d e le".split()
    term = SgmlTerm("1", "src_original_and_tgt_original", "x", ("b c d",), "b c d", 2, 5)
    assert term_positions(tokens, term, "annotated") == (2, 3, 4)
    assert term_positions(tokens, term, "reference") == (2, 4)  # end-1 is skipped
    two = SgmlTerm("1", "", "x", ("e le",), "e le", 5, 7)
    assert term_positions(tokens, two, "reference") == (0,)  # first "le", start..end-2 empty


def test_window_overlap() -> None:
    assert context_words("a , b T c . d e".split(), 3, 3, 2) == ["b", "a", "c", "d"]
    ref = "x a b T c d y".split()
    hyp = "a b T c z".split()
    term = _term(("T",), positions=(3,))
    # Reference window {a, b, c, d}; the hypothesis shares a, b, c.
    assert segment_window_overlap(hyp, ref, [term], 2, None) == pytest.approx(3 / 4)
    assert segment_window_overlap("no match".split(), ref, [term], 2, None) == 0.0


# -- the whole metric ------------------------------------------------------------------------


def test_wmt21_scores_on_a_small_set(tmp_path: Path) -> None:
    src = _write(tmp_path, "src.sgm", SRC_SGM)
    ref = _write(tmp_path, "ref.sgm", REF_SGM)
    hyp = _write(tmp_path, "hyp.sgm", HYP_SGM)
    scores = wmt21_scores(src, ref, hyp, "fr")
    assert scores["exact_match"] == 1.0 and scores["term_count"] == 1
    # Reference positions of "toux sèche" are (2,): its reference window is "toux la | est
    # mauvaise", the hypothesis window "la | est mauvaise"; 3/4, averaged over both segments.
    assert scores["window_overlap_2"] == pytest.approx(0.375)
    annotated = wmt21_scores(src, ref, hyp, "fr", positions="annotated")
    assert annotated["window_overlap_2"] == pytest.approx(0.5)
    assert scores["one_minus_term"] == pytest.approx(1.0)
    assert scores["bleu"] == pytest.approx(100.0)
    report = score_documents([hyp], [ref], "fr", src_path=src)
    data = json.loads(json.dumps(report.to_json()))
    for key in ("exact_match", "window_overlap_2", "window_overlap_3", "one_minus_term", "bleu"):
        assert data[key] == scores[key]
    assert data["hypotheses"][0]["corpus"]["bleu"]["score"] == pytest.approx(100.0)


def test_wmt21_segment_mismatch(tmp_path: Path) -> None:
    src, ref = _write(tmp_path, "s.sgm", SRC_SGM), _write(tmp_path, "r.sgm", REF_SGM)
    hyp = _write(tmp_path, "h.sgm", HYP_SGM.replace('<seg id="2">', '<seg id="9">'))
    with pytest.raises(InputError, match="missing from"):
        wmt21_scores(src, ref, hyp, "fr")
    fewer = _write(tmp_path, "s2.sgm", SRC_SGM.replace("<term", "<x").replace("</term>", ""))
    with pytest.raises(InputError):
        wmt21_scores(fewer, ref, _write(tmp_path, "h2.sgm", HYP_SGM), "fr")


# -- the published numbers -------------------------------------------------------------------


@pytest.fixture(scope="module")
def wmt21_dev() -> dict[str, float | int | str]:
    folder = Path(__file__).resolve().parents[2] / "shared/eval/term/wmt21-en-fr-dev"
    if not folder.is_dir():
        pytest.skip("../shared is not available")
    return wmt21_scores(
        folder / "dev.en-fr.en.sgm",
        folder / "dev.en-fr.fr.sgm",
        folder / "en-fr.dev.txt.truecased.sgm",
        "fr",
    )


def test_wmt21_reproduces_the_published_numbers(wmt21_dev) -> None:
    assert round(float(wmt21_dev["bleu"]), 2) == round(PUBLISHED_BLEU, 2)
    assert wmt21_dev["bleu"] == pytest.approx(PUBLISHED_BLEU, abs=1e-9)
    assert wmt21_dev["term_count"] == TERM_COUNT
    assert wmt21_dev["exact_hits"] == PUBLISHED_EXACT_HITS
    assert 0 < int(wmt21_dev["lemma_hits"]) < 40
    for key, published in PUBLISHED.items():
        assert float(wmt21_dev[key]) == pytest.approx(published, abs=0.01), key
