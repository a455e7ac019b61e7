"""Sentence splitting and document segmentation with exact file positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.corpora.sentences import split_sentences
from glossalign.errors import InputError
from glossalign.pipeline.segment import segment_file, segment_text


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


CASES = [
    # Chinese: the quote stays whole and the closing quote stays with its sentence.
    ("zh", "他说：“好的。”然后走了。", ["他说：“好的。”", "然后走了。"]),
    ("zh", "“我来了。你呢？”他问。", ["“我来了。你呢？”", "他问。"]),
    ("zh", "真的吗？！是的……好。", ["真的吗？！", "是的……", "好。"]),
    ("zh", "第一句；第二句。", ["第一句；", "第二句。"]),
    ("zh", "（注意。）下一句。", ["（注意。）", "下一句。"]),
    ("zh", "《红楼梦》很长。价格是3．5元。", ["《红楼梦》很长。", "价格是3．5元。"]),
    ("zh", "他说：“好的。”，然后走了。", ["他说：“好的。”，然后走了。"]),
    ("ja", "彼は「こんにちは。」と言った。次の文です。",
     ["彼は「こんにちは。」と言った。", "次の文です。"]),
    # English: abbreviations, decimals, initials, quotes.
    ("en", "Mr. Smith met Dr. Jones at 5 p.m. on Friday. They talked.",
     ["Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "They talked."]),
    ("en", "The U.S. economy grew 3.5 percent. Analysts were surprised.",
     ["The U.S. economy grew 3.5 percent.", "Analysts were surprised."]),
    ("en", "J. R. R. Tolkien wrote The Hobbit. It sold well.",
     ["J. R. R. Tolkien wrote The Hobbit.", "It sold well."]),
    ("en", "Use e.g. apples. Next one.", ["Use e.g. apples.", "Next one."]),
    ("en", '"Are you coming?" she asked. "Yes."', ['"Are you coming?" she asked.', '"Yes."']),
    # pysbd's faults, corrected: a number after an abbreviation.
    ("fr", "Voir p. 12 et suiv. pour plus. Fin.", ["Voir p. 12 et suiv. pour plus.", "Fin."]),
    ("de", "Am 9. September 1988 ging er los. Dr. Müller kam z. B. spät.",
     ["Am 9. September 1988 ging er los.", "Dr. Müller kam z. B. spät."]),
    # Rule splitter for languages pysbd lacks: ordinals, abbreviations, initials.
    ("is", "Þetta er 9. september. Hann kom kl. 5 í dag. Dr. Jón kom.",
     ["Þetta er 9. september.", "Hann kom kl. 5 í dag.", "Dr. Jón kom."]),
    ("sv", "Se s. 12 och t.ex. detta. Nästa mening! Och sen?",
     ["Se s. 12 och t.ex. detta.", "Nästa mening!", "Och sen?"]),
    ("fi", "Hän on J. K. Virtanen. Hinta on 3.5 euroa.",
     ["Hän on J. K. Virtanen.", "Hinta on 3.5 euroa."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  Hello there.   General Kenobi!  "
    assert split_sentences(text, "en") == [(2, 14), (17, 32)]
    assert split_sentences("   ", "zh") == []


def test_paragraphs_and_positions_spaced() -> None:
    text = "Mr. Smith went home. He was\n  tired. Yes!\n\n\n  New paragraph here.\n"
    segs = segment_text(text, "en", path="doc.txt")
    assert [s.text for s in segs] == ["Mr. Smith went home.", "He was   tired.", "Yes!",
                                      "New paragraph here."]
    assert [(s.line, s.column, s.paragraph) for s in segs] == [(1, 1, 0), (1, 22, 0), (2, 10, 0),
                                                                (5, 3, 1)]
    wrapped = segs[1]
    assert wrapped.line_starts == (7,)
    assert wrapped.position(0) == (1, 22)
    assert wrapped.position(wrapped.text.index("tired")) == (2, 3)
    assert all(s.path == "doc.txt" for s in segs)


def test_positions_unspaced_line_break_is_dropped() -> None:
    segs = segment_text("他说：“好的。”然后走\n了。你好！\n\n第二段。", "zh")
    assert [s.text for s in segs] == ["他说：“好的。”", "然后走了。", "你好！", "第二段。"]
    assert [(s.line, s.column, s.paragraph) for s in segs] == [(1, 1, 0), (1, 9, 0), (2, 3, 0),
                                                                (4, 1, 1)]
    assert segs[1].line_starts == (3,)
    assert segs[1].position(3) == (2, 1)  # 了 starts line 2


def test_presegmented_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("\ufeff  first line \r\n\r\nsecond\r\nthird\n", encoding="utf-8")
    segs = segment_file(path, "en", presegmented=True)
    assert [(s.text, s.line, s.column, s.paragraph) for s in segs] == [
        ("first line", 1, 3, 0), ("second", 3, 1, 1), ("third", 4, 1, 1)]


def test_file_errors_name_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.txt"):
        segment_file(tmp_path / "missing.txt", "en")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("ok line\nsecond \xe9 line\n".encode("latin-1"))
    with pytest.raises(InputError) as err:
        segment_file(bad, "en")
    assert err.value.line == 2 and err.value.path == str(bad)
    assert "column 8" in err.value.message


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    content = b"One. Two.\n\nThree.\n"
    path.write_bytes(content)
    assert len(segment_file(path, "en")) == 3
    assert path.read_bytes() == content
