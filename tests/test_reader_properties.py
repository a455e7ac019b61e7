"""Property tests: every reader, given arbitrary bytes, returns a result or raises the one error
family (:class:`~glossalign.errors.GlossalignError`), never another exception.

Besides raw bytes, each reader gets text built from its own format's pieces (tags, quotes,
delimiters, entities, odd encodings), so examples reach past the first syntax check.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossalign.corpora.formats import registered_formats
from glossalign.corpora.readers import read_lines
from glossalign.errors import GlossalignError
from glossalign.glossary.formats import extensions as glossary_extensions
from glossalign.glossary.io import read_glossary
from glossalign.glossary.validate import validate_glossary
from glossalign.pipeline.batch.manifest import open_manifest

EXAMPLES = 150
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

XML_PIECES = ['<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>',
              "<!DOCTYPE x [", '<!ENTITY e "v">', "]>", "&e;", "&amp;", "&#0;", "&#xD800;",
              "<tmx>", "</tmx>", '<tmx version="1.4">', "<header/>", '<header srclang="zh"/>',
              "<body>", "</body>", "<tu>", "</tu>", '<tuv xml:lang="zh">', '<tuv lang="en">',
              "</tuv>", "<seg>", "</seg>", "<bpt i='1'>", "</bpt>", "<ph/>", "<xliff>",
              '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
              '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
              'srcLang="zh" trgLang="en">', "</xliff>", '<file source-language="zh" '
              'target-language="en">', "</file>", '<trans-unit id="1">', "</trans-unit>",
              '<unit id="u">', "</unit>", "<segment>", "</segment>", "<source>", "</source>",
              "<target>", "</target>", "<g id='1'>", "</g>", "<x/>", "<tbx>", "</tbx>",
              '<tbx style="dca" xmlns="urn:iso:std:iso:30042:ed:3.0">', "<martif>", "</martif>",
              "<text>", "</text>", '<conceptEntry id="c1">', "</conceptEntry>", "<termEntry>",
              '<langSec xml:lang="en">', "</langSec>", '<langSet lang="zh">', "<termSec>",
              "</termSec>", "<tig>", "<term>", "</term>", '<termNote type="administrativeStatus">',
              "preferredTerm-admn-sts", "deprecatedTerm-admn-sts", "</termNote>", "<note>",
              "网络", "cyber", " ", "\n", "\r\n", "\t", "\x00", "\ufeff", "\u2028", "é"]
TABLE_PIECES = ["concept", "lang", "term", "status", "note", ",", ";", "\t", '"', '""', "\n",
                "\r\n", "\r", "preferred", "deprecated", "admitted", "superseded", "bogus", "zh",
                "en", "pt_BR", "x-klingon", "网络空间", "cyberspace", " ", "\x00", "\ufeff", "#",
                "=", "…", "\u2028", "é"]
PO_PIECES = ['msgid ""', 'msgstr ""', 'msgid "网络"', 'msgstr "cyber"', "msgctxt", "msgid_plural",
             "msgstr[0]", '"Language: en\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
             "#, fuzzy", "#~ ", "#:", '"', "\\", "\\n", "\n", " ", "\x00", "é"]
JSONL_PIECES = ['{"id": "d1"', '"src_lang": "zh"', '"tgt_lang": "en"', '"source": "数据。"',
                '"hypothesis": "Data."', '"reference": "Data."', '"source_path": "../x"',
                '"id": null', '"id": 7', "}", "{", "[", "]", ",", ":", "\n", '"', "\\u0000",
                "NaN", "1e999", " ", "\x00"]
CSV_MANIFEST_PIECES = ["id", "src_lang", "tgt_lang", "source", "hypothesis", "reference",
                       "source_path", ",", '"', "\n", "d1", "zh", "en", "数据。", "Data.", "\x00"]


def pieces_text(pieces: list[str]) -> st.SearchStrategy[bytes]:
    joined = st.lists(st.sampled_from(pieces), max_size=60).map("".join)
    return joined.flatmap(lambda text: st.sampled_from([
        text.encode("utf-8"), text.encode("utf-8", "surrogatepass"),
        text.encode("utf-16", "surrogatepass"), text.encode("latin-1", "replace")]))


def inputs(pieces: list[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=3000), pieces_text(pieces))


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="glossalign-props-") as folder:
        yield Path(folder)


def result_or_glossalign_error(read: Callable[[Path], Any], path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        result = read(path)
        if isinstance(result, Iterator):
            list(result)
    except GlossalignError as error:
        assert error.one_line()  # the CLI prints this line: it must exist and be one line
        assert "\n" not in error.one_line()


@PROPERTY
@given(data=inputs(TABLE_PIECES + ["Hello.", "。"]))
def test_text_reader(scratch: Path, data: bytes) -> None:
    result_or_glossalign_error(lambda p: read_lines(p, "en"), scratch / "doc.txt", data)


FORMAT_PIECES = {"tmx": XML_PIECES, "xliff": XML_PIECES, "xlf": XML_PIECES, "po": PO_PIECES}


@pytest.mark.parametrize("name", sorted(registered_formats()))
def test_every_registered_pair_format(scratch: Path, name: str) -> None:
    fmt = registered_formats()[name]
    suffix = fmt.extensions[0] if fmt.extensions else f".{name}"
    pieces = FORMAT_PIECES.get(suffix.lstrip("."), TABLE_PIECES)

    @PROPERTY
    @given(data=inputs(pieces))
    def reads(data: bytes) -> None:
        result_or_glossalign_error(lambda p: fmt.read(p, "zh", "en"), scratch / f"f{suffix}",
                                   data)

    reads()


ZIP_PIECES = ["PK\x03\x04", "PK\x05\x06", "[Content_Types].xml", "xl/worksheets/sheet1.xml",
              "<worksheet>", "<sheetData>", "<row>", "<c t=\"s\">", "<v>0</v>", "\x00", " "]
GLOSSARY_PIECES = {".tbx": XML_PIECES, ".xml": XML_PIECES, ".xlsx": ZIP_PIECES}


@pytest.mark.parametrize("suffix", sorted(glossary_extensions()))
def test_glossary_readers_and_validator(scratch: Path, suffix: str) -> None:
    """Every registered glossary format (long and one-column-per-language tables, TBX, XLSX)."""
    pieces = GLOSSARY_PIECES.get(suffix, TABLE_PIECES)

    @PROPERTY
    @given(data=inputs(pieces))
    def reads(data: bytes) -> None:
        path = scratch / f"glossary{suffix}"
        result_or_glossalign_error(read_glossary, path, data)
        result_or_glossalign_error(validate_glossary, path, data)

    reads()


def _read_manifest(path: Path) -> int:
    with open_manifest(path) as manifest:
        return sum(len(batch["id"]) for batch in manifest.batches(64))


@pytest.mark.parametrize(("suffix", "pieces"), [
    (".jsonl", JSONL_PIECES), (".csv", CSV_MANIFEST_PIECES), (".parquet", ["PAR1", "\x00"])])
def test_batch_manifest_reader(scratch: Path, suffix: str, pieces: list[str]) -> None:
    # A manifest becomes an Arrow dataset (a second or so each): fewer examples.
    @settings(max_examples=30, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(data=inputs(pieces))
    def reads(data: bytes) -> None:
        result_or_glossalign_error(_read_manifest, scratch / f"manifest{suffix}", data)

    reads()
