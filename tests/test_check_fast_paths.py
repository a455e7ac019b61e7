"""The check's fast paths give what the plain computations give (issue #11: check speed).

Each shortcut taken for speed has a slow, obvious twin: fingerprints made by the rules vs.
``fingerprint()`` of the finished finding, a field-by-field copy vs. ``dataclasses.replace``,
memoised suggestions vs. one per hit, ``Location.of`` without bisection vs. ``Segment.position``,
the bead text test without joining, NFKC by pieces vs. ``unicodedata.normalize``.
"""

from __future__ import annotations

import gc
import sys
import unicodedata
from dataclasses import fields, replace
from pathlib import Path

import pytest

from glossalign.alignment_plausibility import _has_text
from glossalign.glossary.fingerprints import fingerprint, with_fingerprint
from glossalign.glossary.model import Term, TermBase
from glossalign.languages.nfkc import nfkc
from glossalign.pipeline.check import check_alignment, check_target, gc_paused, load_rules
from glossalign.stage_data import Alignment, Bead, Finding, Location, Segment, Severity

BASE = TermBase.from_terms([
    Term("cyber", "zh", "网络空间", "preferred"),
    Term("cyber", "en", "cyberspace", "preferred"),
    Term("cyber", "en", "network space", "deprecated"),
    Term("wic", "zh", "世界互联网大会", "preferred"),
    Term("wic", "en", "World Internet Conference", "preferred"),
    Term("wic", "en", "World Interconnection Conference", "superseded"),
    Term("gov", "zh", "治理", "preferred"),
    Term("gov", "en", "governance", "preferred"),
])

LONG = "filler words here " * 700  # past the 10,000 characters where a segment key is hashed
ZH = ["网络空间治理。", "世界互联网大会，网络空间。", "治理和网络空间。", "网络空间。"]
EN = ["Network space governance.", "The World Interconnection Conference: NETWORK SPACE.",
      LONG + "network space and cyberspace", "the network spaces"]


def _alignment() -> Alignment:
    src = [Segment(t, "zh", "doc.zh", i + 1) for i, t in enumerate(ZH)]
    tgt = [Segment(t, "en", "doc.en", 10 * i + 1, line_starts=(5,) if i == 1 else ())
           for i, t in enumerate(EN)]
    return Alignment(tuple(src), tuple(tgt), (Bead((0,), (0,)), Bead((1,), (1,)),
                                              Bead((2, 3), (2,)), Bead((), (3,))))


def test_fingerprints_made_by_the_rules_are_those_of_the_finished_findings() -> None:
    alignment = _alignment()
    result = check_alignment(alignment, BASE, "en", "zh")
    rules = {f.rule for f in result.findings}
    assert {"forbidden-term", "superseded-term", "missing-term", "inconsistent-term",
            "addition"} <= rules
    for finding in result.findings:
        assert finding.fingerprint == fingerprint(finding, alignment), finding


def test_regraded_rules_keep_the_fingerprints(tmp_path: Path) -> None:
    config = tmp_path / "rules.toml"
    config.write_text('[rules]\nforbidden-term = "info"\nmissing-term = "warning"\n',
                      encoding="utf-8")
    alignment = _alignment()
    regraded = check_alignment(alignment, BASE, "en", "zh", load_rules(config))
    plain = check_alignment(alignment, BASE, "en", "zh")
    assert [f.fingerprint for f in regraded.findings] == [f.fingerprint for f in plain.findings]
    assert {f.severity for f in regraded.findings if f.rule == "forbidden-term"} == {
        Severity.INFO}


def test_with_fingerprint_copies_every_field() -> None:
    values = {"severity": Severity.WARNING, "source": Location("a", 1, 2, 3, 4, 5),
              "target": Location("b", 6, 7, 8, 9, 10), "bead": 11, "details": {"k": 1}}
    finding = Finding(**{f.name: values.get(f.name, f"value of {f.name}")
                         for f in fields(Finding)})
    assert with_fingerprint(finding, "0123") == replace(finding, fingerprint="0123")


def test_suggestions_follow_the_case_of_each_hit() -> None:
    segments = [Segment(t, "en") for t in ("network space", "Network space", "NETWORK SPACE",
                                           "network space")]
    result = check_target(segments, BASE, "en")
    assert [f.suggestion for f in result.findings if f.rule == "forbidden-term"] == [
        "cyberspace", "Cyberspace", "CYBERSPACE", "cyberspace"]


@pytest.mark.parametrize("line_starts, start, end", [
    ((), 0, 0), ((), 3, 9), ((4,), 2, 3), ((4,), 2, 6), ((4, 8), 9, 11), ((4, 8), 4, 8)])
def test_location_of_is_what_the_segment_positions_say(line_starts: tuple[int, ...],
                                                       start: int, end: int) -> None:
    segment = Segment("abc\ndef\nghij", "en", "f.txt", 7, 3, line_starts=line_starts,
                      unit="u1")
    location = Location.of([segment], 0, start, end)
    assert (location.line, location.column) == segment.position(start)
    assert (location.end_line, location.end_column) == segment.position(end)
    assert (location.path, location.unit, location.start, location.end) == (
        "f.txt", "u1", start, end)


@pytest.mark.parametrize("texts", [
    ("", ""), (" ", "\u3000"), ("\n", "x"), ("", "\x85"), ("\u200b", ""), ("a", " ")])
def test_bead_text_test_is_the_joined_text_stripped(texts: tuple[str, str]) -> None:
    src = (Segment(texts[0], "zh"), Segment(texts[1], "zh"))
    tgt = (Segment(texts[1], "en"),)
    alignment = Alignment(src, tgt, ())
    for bead in (Bead((0, 1), (0,)), Bead((0,), ()), Bead((), (0,)), Bead((1,), ())):
        joined_src, joined_tgt = alignment.bead_texts(bead)
        assert _has_text(alignment, bead) == bool(joined_src.strip() or joined_tgt.strip())


@pytest.mark.parametrize("text", [
    "", "网络空间", "网络空间，治理。", "ＡＢＣ１２３网络", "e\u0301字", "字\u0301\u0323", "字ｶﾞ字",
    "\uf900字\u2460", "가\u11a8字\u1100\u1161", "plain ascii", "ﬁ字ﬁ", "字" * 3 + "\u3000" * 2])
def test_nfkc_by_pieces_is_unicodedata_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_by_pieces_next_to_ideographs_for_every_code_point() -> None:
    # Each character between ideographs, after a combining mark and before one: the
    # contexts where normalising pieces on their own could differ from the whole.
    for block in range(0, sys.maxunicode + 1, 512):
        chars = [chr(c) for c in range(block, min(block + 512, sys.maxunicode + 1))
                 if not 0xD800 <= c < 0xE000]
        for text in ("字".join(chars), "\u0301字".join(chars), "字\u0301".join(chars),
                     "e".join(chars) + "字"):
            assert nfkc(text) == unicodedata.normalize("NFKC", text), hex(block)


def test_gc_paused_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()


def test_gc_paused_leaves_objects_the_caller_froze_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with gc_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_shifting_a_block_finding_changes_only_its_segment_and_bead() -> None:
    from glossalign.pipeline.check_stream import _shift

    values = {"severity": Severity.WARNING, "source": Location("a", 1, 2, 3, 4, 5),
              "target": Location("b", 6, 7, 8, 9, 10, 11, 12, "u"), "bead": 11,
              "details": {"k": 1}}
    finding = Finding(**{f.name: values.get(f.name, f"value of {f.name}")
                         for f in fields(Finding)})
    assert finding.target is not None
    assert _shift(finding, 100, 7) == replace(
        finding, target=replace(finding.target, segment=106), bead=18)


def test_every_white_space_character_but_the_space_is_unprintable() -> None:
    # fingerprints.py keeps a printable text with single inner spaces as its own segment key
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert spaces and all(not s.isprintable() for s in spaces if s != " ")


@pytest.mark.parametrize("text", [
    "", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u3000b", "网络 空间", "a\nb", "\xa0", "a b c"])
def test_segment_key_is_the_text_with_white_space_runs_made_one_space(text: str) -> None:
    from glossalign.glossary.fingerprints import _segment_key

    assert _segment_key(text) == " ".join(text.split())


def test_location_json_is_asdict() -> None:
    from dataclasses import asdict

    from glossalign.pipeline.report_json import location_json

    location = Location("p", 1, 2, 3, 4, 5, 6, 7, "u")
    assert location_json(location) == asdict(location)
    assert list(location_json(location) or {}) == list(asdict(location))
    assert location_json(None) is None


def test_the_remembered_glossary_hash_follows_additions() -> None:
    base = TermBase.from_terms([Term("a", "en", "alpha", "preferred")])
    first = base.content_hash()
    assert base.content_hash() == first
    base.add(Term("a", "en", "alfa", "deprecated"))
    fresh = TermBase.from_terms([Term("a", "en", "alpha", "preferred"),
                                 Term("a", "en", "alfa", "deprecated")])
    assert base.content_hash() == fresh.content_hash() != first


def test_a_replaced_context_does_not_share_the_memos() -> None:
    from glossalign.glossary.checks import CheckContext

    alignment = _alignment()
    ctx = CheckContext.build(alignment, BASE, "en", "zh", (), ())
    assert ctx.plausibility.beads == 4
    other = replace(ctx, alignment=Alignment(alignment.src_segments, alignment.tgt_segments,
                                             alignment.beads[:1]))
    assert other.plausibility.beads == 1
