"""Sentence splitting and document segmentation with exact file positions."""

from __future__ import annotations

import random
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


MONOLOGUE_ZH = ("他说：“我今天去了市场，买了很多东西。"
                "然后我回家了，做了晚饭。晚上我看了一会儿书。”")
QUOTE_CASES = [
    # Long quotations (monologues) are split at their sentence ends; the closing mark and a
    # following speech tag stay with the last quoted sentence.
    ("zh", MONOLOGUE_ZH + "她点了点头。",
     ["他说：“我今天去了市场，买了很多东西。", "然后我回家了，做了晚饭。", "晚上我看了一会儿书。”",
      "她点了点头。"]),
    ("zh", "「我今天去了市场，买了很多东西。然后我回家了，做了晚饭。晚上我看了一会儿书。」她说。",
     ["「我今天去了市场，买了很多东西。", "然后我回家了，做了晚饭。", "晚上我看了一会儿书。」",
      "她说。"]),
    ("en", "“I went to the market and bought bread. Then I came home. Then I slept for an hour. "
           "Then I woke up,” she said. He nodded.",
     ["“I went to the market and bought bread.", "Then I came home.",
      "Then I slept for an hour.", "Then I woke up,” she said.", "He nodded."]),
    ("en", 'He said: "I went to the market and bought bread. Then I came home and cooked." '
           "She nodded.",
     ['He said: "I went to the market and bought bread.', 'Then I came home and cooked."',
      "She nodded."]),
    ("de", "Er sagte: „Ich ging auf den Markt und kaufte Brot. Dann kam ich nach Hause.“ "
           "Sie nickte.",
     ["Er sagte: „Ich ging auf den Markt und kaufte Brot.", "Dann kam ich nach Hause.“",
      "Sie nickte."]),
    ("de", "Er sagte: »Ich ging auf den Markt und kaufte Brot. Dann kam ich nach Hause.« "
           "Sie nickte.",
     ["Er sagte: »Ich ging auf den Markt und kaufte Brot.", "Dann kam ich nach Hause.«",
      "Sie nickte."]),
    ("fr", "Il dit : « Je suis allé au marché et j'ai acheté du pain. Puis je suis rentré. » "
           "Elle hocha la tête.",
     ["Il dit : « Je suis allé au marché et j'ai acheté du pain.", "Puis je suis rentré. »",
      "Elle hocha la tête."]),
    # Short quoted speech stays whole.
    ("zh", "“好的。”他说。", ["“好的。”", "他说。"]),
    ("zh", "他说：“好的。走吧。”然后走了。", ["他说：“好的。走吧。”", "然后走了。"]),
    ("en", '"Yes. No. Maybe." she said. Then she left.',
     ['"Yes. No. Maybe." she said.', "Then she left."]),
    ("fr", "« Oui. Non. » Elle partit.", ["« Oui. Non. »", "Elle partit."]),
    ("de", "„Ja. Nein.“ Sie ging.", ["„Ja. Nein.“", "Sie ging."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), QUOTE_CASES)
def test_quotations(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_long_quotation_splitting_can_be_switched_off() -> None:
    text = MONOLOGUE_ZH + "她点了点头。"
    spans = split_sentences(text, "zh", long_quote_chars=None)
    assert [text[a:b] for a, b in spans] == [text[:text.index("她")], "她点了点头。"]


def _generated_english(sentence_count: int) -> list[str]:
    """Varied English sentences: abbreviations, numbers, quotations, dialogue."""
    rng = random.Random(7)
    words = ("the of report council member said new policy rules market people city river "
             "night morning plan data system cloud village road").split()
    templates = [
        "Dr. {A} met Mr. {B} at 5 p.m. on Friday near the {w} {w}.",
        "The U.S. {w} grew 3.5 percent in the {w} of {w}.",
        '"Are you coming to the {w}?" she asked.',
        "“I saw the {w} and the {w}. Then I went home. Then I read the {w} report. "
        "Then I slept,” he said.",
        "{A} wrote about the {w} {w} {w}, e.g. the {w}, and then stopped!",
        "Why did the {w} {w} fail again?",
        "It was the {w} {w} of the {w} (see p. 12 and the {w}).",
    ]
    out = []
    for _ in range(sentence_count):
        template = rng.choice(templates)
        out.append(template.replace("{A}", rng.choice(["Smith", "Jones", "Li", "Müller"]))
                   .replace("{B}", rng.choice(["Brown", "Wang", "Dupont"]))
                   .replace("{w}", "{}").format(*(rng.choice(words) for _ in range(6))))
    return out


def test_window_cuts_equal_one_call_on_the_whole_paragraph() -> None:
    text = " ".join(_generated_english(400))
    whole = split_sentences(text, "en", window=None)
    for window in (300, 1000):
        assert split_sentences(text, "en", window=window) == whole


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_megabyte_line_gives_the_sentences_of_the_same_text_in_lines(lang: str) -> None:
    if lang == "en":
        pieces, joiner = _generated_english(16000), " "
    else:
        pieces = [MONOLOGUE_ZH, "她点了点头。", "“好的。”他说。", "价格是3．5元（注意。）",
                  "真的吗？！是的……好。"]
        pieces, joiner = [pieces[k % len(pieces)] for k in range(25000)], ""
    one_line = joiner.join(pieces)
    assert len(one_line.encode("utf-8")) > 1_000_000
    # the same text as many lines: a paragraph per 50 pieces (each piece ends a sentence)
    in_lines = "\n\n".join(joiner.join(pieces[k:k + 50]) for k in range(0, len(pieces), 50))
    long = [s.text for s in segment_text(one_line, lang)]
    lines = [s.text for s in segment_text(in_lines, lang)]
    assert long == lines
    assert len(long) > len(pieces)


def test_text_without_sentence_ends_is_cut_at_spaces() -> None:
    text = " ".join(f"word{k}" for k in range(20000))  # 150 kB, no sentence end
    spans = split_sentences(text, "en")
    assert len(spans) > 1
    assert " ".join(text[a:b] for a, b in spans) == text
    assert all(text[a - 1] == " " for a, _ in spans[1:])


def test_french_stray_closing_guillemet_opens_nothing() -> None:
    """In French » only closes: a stray one must not pair with the next « and hide the sentence
    ends between them (German »…« still pairs)."""
    text = "Il parle » encore. Puis il part. Il revient. « Oui. »"
    assert sentences(text, "fr") == ["Il parle » encore.", "Puis il part.", "Il revient.",
                                     "« Oui. »"]
    assert sentences("Er sagte »Ja. Nein.« Dann ging er.", "de") == [
        "Er sagte »Ja. Nein.«", "Dann ging er."]
