"""TMX export: written with translate-toolkit, read back by translate-toolkit and by our reader."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from glossalign.corpora.tmx import aligned_pairs, read_tmx_pairs, sentence_joiner, write_tmx
from glossalign.errors import GlossalignError
from glossalign.stage_data import Alignment, Bead, Segment

SRC = ["研究与开发 & <测试>。", "“人工智能”很重要。", "这是第二句。", "这句被漏译了。",
       "数据库很大。"]
TGT = ["R&D & <testing>.", 'AI is "important".', "It's the research & development team.",
       "The database is large.", "It is big.", "An added sentence."]
BEADS = (
    Bead((0,), (0,)),  # 1-1 with &, < and >
    Bead((1, 2), (1,)),  # 2-1: Chinese sentences joined without a space
    Bead((3,), ()),  # omission: no unit
    Bead((4,), (3, 4)),  # 1-2: English sentences joined with a space
    Bead((), (5,)),  # addition: no unit
    Bead((), (2,)),  # a target-only bead left out too
)
EXPECTED = [
    ("研究与开发 & <测试>。", "R&D & <testing>."),
    ("“人工智能”很重要。这是第二句。", 'AI is "important".'),
    ("数据库很大。", "The database is large. It is big."),
]


def make_alignment(src_lang: str = "zh", tgt_lang: str = "en") -> Alignment:
    src = tuple(Segment(t, src_lang, "zh.txt", i + 1) for i, t in enumerate(SRC))
    tgt = tuple(Segment(t, tgt_lang, "en.txt", i + 1) for i, t in enumerate(TGT))
    return Alignment(src, tgt, BEADS)


@pytest.fixture
def tmx_path(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "memory.tmx"
    path.parent.mkdir()
    assert write_tmx(make_alignment(), path, "zh", "en") == len(EXPECTED)
    return path


def test_translate_toolkit_reads_back_the_pairs(tmx_path: Path) -> None:
    with tmx_path.open("rb") as handle:
        store = tmxfile(handle, sourcelanguage="zh", targetlanguage="en")
    assert [(u.source, u.gettarget("en")) for u in store.units] == EXPECTED


def test_our_reader_reads_back_the_same_pairs(tmx_path: Path) -> None:
    alignment = read_tmx_pairs(tmx_path, "zh", "en")
    pairs = [alignment.bead_texts(bead) for bead in alignment.beads]
    assert pairs == EXPECTED
    assert all(seg.line > 1 for seg in alignment.src_segments)


def test_file_is_utf8_tmx_14_with_our_header(tmx_path: Path) -> None:
    data = tmx_path.read_bytes()
    assert "人工智能".encode() in data  # characters, not character references
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert header.get("srclang") == "zh"
    assert header.get("creationtool") == "glossalign"
    assert header.get("o-tmf") and header.get("segtype") == "sentence"
    assert len(root.findall("body/tu")) == len(EXPECTED)
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")]
    assert langs == ["zh", "en"] * len(EXPECTED)


def test_creation_tool_and_region_codes(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(make_alignment("zh-CN", "en-GB"), path, "zh-CN", "en-GB", creation_tool="mytool")
    header = etree.parse(str(path)).getroot().find("header")
    assert header is not None and header.get("creationtool") == "mytool"
    pairs = read_tmx_pairs(path, "zh", "en")
    assert [pairs.bead_texts(b) for b in pairs.beads] == EXPECTED


@pytest.mark.parametrize(("lang", "joiner"), [("zh", ""), ("zh-TW", ""), ("ja", ""),
                                              ("en", " "), ("de", " ")])
def test_sentence_joiner(lang: str, joiner: str) -> None:
    assert sentence_joiner(lang) == joiner


def test_joining_follows_the_language_not_the_side() -> None:
    pairs = aligned_pairs(make_alignment("en", "zh"), "en", "zh")
    assert pairs[1] == ("“人工智能”很重要。 这是第二句。", 'AI is "important".')
    assert pairs[2] == ("数据库很大。", "The database is large.It is big.")


def test_control_characters_are_removed_with_a_warning(tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    src = (Segment("好\x01的", "zh", "zh.txt", 7),)
    tgt = (Segment("fine", "en", "en.txt", 7),)
    path = tmp_path / "memory.tmx"
    with caplog.at_level(logging.WARNING, logger="glossalign.corpora.tmx"):
        write_tmx(Alignment(src, tgt, (Bead((0,), (0,)),)), path, "zh", "en")
    assert "zh.txt:7" in caplog.text
    alignment = read_tmx_pairs(path, "zh", "en")
    assert alignment.bead_texts(alignment.beads[0]) == ("好的", "fine")


def test_unwritable_path_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(GlossalignError, match="cannot write"):
        write_tmx(make_alignment(), blocker / "memory.tmx", "zh", "en")
