"""The contract every registered pair/document format keeps (one test set, run for each).

write → read gives the same units and languages; the format is found by its extension and its
content; a fix written back touches only the changed target; bad input raises the one error
family, never anything else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossalign.corpora.formats import (
    BilingualFile,
    PairFormat,
    aligned,
    format_for,
    registered_formats,
)
from glossalign.errors import GlossalignError
from glossalign.stage_data import Segment

PAIRS = [("网络空间命运共同体", "cyberspace community with a shared future"),
         ("研究与开发 & <测试>", 'R&D & <testing> "quoted"'),
         ("第三句。", "The third sentence.")]
FORMATS = sorted(registered_formats())


def document(fmt: PairFormat) -> BilingualFile:
    src = [Segment(s, "zh", None, i + 1) for i, (s, _) in enumerate(PAIRS)]
    tgt = [Segment(t, "en", None, i + 1) for i, (_, t) in enumerate(PAIRS)]
    if not fmt.bilingual:
        src = []
        from glossalign.stage_data import Alignment, Bead

        alignment = Alignment((), tuple(tgt), tuple(Bead((), (i,)) for i in range(len(tgt))))
        return BilingualFile(fmt.name, "-", alignment, None, "en")
    return BilingualFile(fmt.name, "-", aligned(src, tgt), "zh", "en")


def written(fmt: PairFormat, folder: Path) -> Path:
    path = folder / f"units{fmt.extensions[0]}"
    fmt.write(document(fmt), path)
    return path


def read_back(fmt: PairFormat, path: Path) -> BilingualFile:
    langs = ("zh", "en") if fmt.bilingual and not fmt.declares_languages else (None, None)
    return fmt.read(path, *langs) if fmt.bilingual else fmt.read(path, None, "en")


def target_texts(doc: BilingualFile) -> list[str]:
    return [doc.alignment.tgt_segments[i].text for b in doc.alignment.beads for i in b.tgt]


@pytest.mark.parametrize("name", FORMATS)
def test_write_then_read_gives_the_same_units(name: str, tmp_path: Path) -> None:
    fmt = registered_formats()[name]
    back = read_back(fmt, written(fmt, tmp_path))
    assert target_texts(back) == [t for _, t in PAIRS]
    if fmt.bilingual:
        assert back.pairs == PAIRS
    if fmt.declares_languages:
        assert (back.src_lang, back.tgt_lang) == ("zh", "en")


@pytest.mark.parametrize("name", FORMATS)
def test_extension_and_content_choose_the_format(name: str, tmp_path: Path) -> None:
    fmt = registered_formats()[name]
    path = written(fmt, tmp_path)
    assert format_for(path) is fmt
    if fmt.strong_signature:  # recognised by content alone, whatever the file is called
        renamed = path.rename(tmp_path / "units.data")
        assert format_for(renamed) is fmt


@pytest.mark.parametrize("name", FORMATS)
def test_write_back_touches_only_the_changed_target(name: str, tmp_path: Path) -> None:
    fmt = registered_formats()[name]
    path = written(fmt, tmp_path)
    same = tmp_path / f"same{fmt.extensions[0]}"
    assert fmt.write_back(path, {}, same) == 0
    assert same.read_bytes() == path.read_bytes()
    changed = tmp_path / f"changed{fmt.extensions[0]}"
    assert fmt.write_back(path, {2: "The 3rd sentence."}, changed) == 1
    texts = target_texts(read_back(fmt, changed))
    assert texts == [PAIRS[0][1], PAIRS[1][1], "The 3rd sentence."]


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("damage", ["not-utf8", "truncated", "empty"])
def test_bad_input_raises_the_error_family(name: str, damage: str, tmp_path: Path) -> None:
    fmt = registered_formats()[name]
    path = written(fmt, tmp_path)
    data = path.read_bytes()
    bad = {"not-utf8": b"\xff\xfe" + data[2:] + b"\xc3\x28",
           "truncated": data[: len(data) * 2 // 3], "empty": b""}[damage]
    path.write_bytes(bad)
    try:
        read_back(fmt, path)
    except GlossalignError:
        return
    # A damaged file that still reads must give well-formed units, never a crash.
    assert damage in ("truncated", "empty")


def test_an_xliff_name_on_po_content_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "messages.xlf"
    path.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(GlossalignError, match="looks like po"):
        format_for(path)


def test_unknown_extension_and_content_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(GlossalignError, match="cannot tell the format"):
        format_for(path)
