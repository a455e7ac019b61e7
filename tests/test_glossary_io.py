"""Reading, writing and converting glossaries: CSV/TSV, TBX v3 (with and without namespace), v2."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from glossalign.errors import GlossalignError, GlossaryError, InputError, UsageError
from glossalign.glossary.io import convert_glossary, read_glossary, write_glossary
from glossalign.glossary.model import Term, TermBase
from glossalign.glossary.tbx import TBX_NS

DATA = Path(__file__).resolve().parent / "data" / "glossary"
CSV_EXAMPLE = DATA / "running_example.csv"
TBX_EXAMPLE = DATA / "running_example.tbx"
HEADER = "concept,lang,term,status,note\n"


def content(termbase: TermBase) -> list[tuple[str, str, str, str, str]]:
    """Everything that must survive a round trip, in order; lines excluded."""
    return [(t.concept, t.lang, t.text, t.status, t.note) for t in termbase.terms()]


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- CSV -------------------------------------------------------------------------------------


def test_read_csv_running_example() -> None:
    termbase = read_glossary(CSV_EXAMPLE)
    assert list(termbase.concepts) == ["cyber-community", "mankind-community"]
    assert termbase.source == str(CSV_EXAMPLE)
    cyber = termbase.concepts["cyber-community"]
    assert [(t.lang, t.status) for t in cyber.terms] == [
        ("zh-CN", "preferred"),
        ("zh-TW", "preferred"),
        ("en", "preferred"),
        ("en", "deprecated"),
    ]
    assert cyber.terms[1].text == "網路空間命運共同體"
    assert cyber.terms[2].note == "official rendering, since 2015"
    assert cyber.terms[3].note == 'avoid "destiny"'
    assert cyber.terms[0].line == 2
    statuses = {t.status for t in termbase.terms()}
    assert statuses == {"preferred", "admitted", "deprecated", "superseded"}


def test_csv_lines_count_quoted_newlines() -> None:
    terms = list(read_glossary(CSV_EXAMPLE).concepts["mankind-community"].terms)
    by_text = {t.text: t for t in terms}
    superseded = by_text["community of human destiny"]
    assert superseded.line == 11
    assert superseded.note == "used before 2013;\nreplaced in official texts"
    # the row after a two-line row starts two lines later
    assert by_text["community of common destiny"].line == 13


def test_forbidden_is_an_alias_of_deprecated(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.csv", HEADER + "c1,en,east wind,preferred,\nc1,en,orient wind,Forbidden,\n"
    )
    terms = list(read_glossary(path).terms())
    assert [t.status for t in terms] == ["preferred", "deprecated"]


def test_bom_extra_columns_and_column_order(tmp_path: Path) -> None:
    text = "\ufeffterm,status,lang,concept,source\nnet,preferred,en,c1,IATE\n"
    terms = list(read_glossary(write(tmp_path, "g.csv", text)).terms())
    assert terms == [Term("c1", "en", "net", "preferred", "", line=2)]


def test_tsv_reads_and_writes(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    write_glossary(read_glossary(CSV_EXAMPLE), tsv)
    assert tsv.read_text(encoding="utf-8").startswith("concept\tlang\tterm\tstatus\tnote\n")
    assert content(read_glossary(tsv)) == content(read_glossary(CSV_EXAMPLE))


def test_written_csv_is_minimal_utf8_with_newlines(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    write_glossary(read_glossary(CSV_EXAMPLE), out)
    data = out.read_bytes()
    assert b"\r\n" not in data
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data == CSV_EXAMPLE.read_bytes()


# --- TBX reading -----------------------------------------------------------------------------


def test_read_tbx_v3_with_namespace() -> None:
    termbase = read_glossary(TBX_EXAMPLE)
    assert list(termbase.concepts) == ["cyber-community", "mankind-community"]
    mankind = termbase.concepts["mankind-community"]
    assert [(t.text, t.status) for t in mankind.terms_in("en")] == [
        ("community with a shared future for mankind", "preferred"),
        ("community with a shared future for humanity", "admitted"),  # no status given
        ("community of human destiny", "superseded"),
    ]
    cyber = termbase.concepts["cyber-community"]
    assert cyber.terms[3].note == 'avoid "destiny"'
    assert cyber.terms[3].status == "deprecated"
    assert cyber.terms[0].line == line_of(TBX_EXAMPLE, "<term>网络空间命运共同体")
    assert cyber.terms[3].line == line_of(TBX_EXAMPLE, "<term>community of destiny in")


def test_read_tbx_v3_without_namespace() -> None:
    path = DATA / "no_namespace_v3.tbx"
    terms = list(read_glossary(path).terms())
    assert [(t.concept, t.lang, t.text, t.status) for t in terms] == [
        ("c1", "en", "term base", "preferred"),
        ("c1", "en", "termbank", "admitted"),
        ("c1", "zh-TW", "術語庫", "preferred"),
    ]
    assert terms[2].line == line_of(path, "術語庫")


def test_read_tbx_v2_tig_and_ntig() -> None:
    path = DATA / "martif_v2.tbx"
    terms = list(read_glossary(path).terms())
    assert [(t.concept, t.lang, t.text, t.status, t.note) for t in terms] == [
        ("cyber-community", "zh", "网络空间命运共同体", "preferred", ""),
        (
            "cyber-community",
            "en",
            "community with a shared future in cyberspace",
            "preferred",
            "official",
        ),
        (
            "cyber-community",
            "en",
            "community of destiny in cyberspace",
            "deprecated",
            "literal calque",
        ),
        ("mankind-community", "en", "community with a shared future for humanity", "admitted", ""),
        ("mankind-community", "en", "community of human destiny", "superseded", ""),
    ]
    assert terms[2].line == line_of(path, "<term>community of destiny in cyberspace")


@pytest.mark.parametrize("fixture", ["martif_v2.tbx", "running_example.tbx"])
def test_xml_extension_is_sniffed(tmp_path: Path, fixture: str) -> None:
    copy = write(tmp_path, "glossary.xml", (DATA / fixture).read_bytes())
    assert content(read_glossary(copy)) == content(read_glossary(DATA / fixture))


# --- TBX writing and round trips -------------------------------------------------------------


def test_csv_to_tbx_to_csv_is_lossless(tmp_path: Path) -> None:
    tbx, csv_again = tmp_path / "g.tbx", tmp_path / "g.csv"
    written = convert_glossary(CSV_EXAMPLE, tbx)
    assert content(written) == content(read_glossary(CSV_EXAMPLE))
    convert_glossary(tbx, csv_again)
    assert csv_again.read_bytes() == CSV_EXAMPLE.read_bytes()


def test_tbx_to_csv_to_tbx_is_lossless(tmp_path: Path) -> None:
    original = read_glossary(TBX_EXAMPLE)
    csv_path, tbx_path = tmp_path / "g.csv", tmp_path / "g.tbx"
    convert_glossary(TBX_EXAMPLE, csv_path)
    convert_glossary(csv_path, tbx_path)
    assert content(read_glossary(tbx_path)) == content(original)
    # and a written TBX comes back byte for byte
    csv2, tbx2 = tmp_path / "g2.csv", tmp_path / "g2.tbx"
    convert_glossary(tbx_path, csv2)
    convert_glossary(csv2, tbx2)
    assert tbx2.read_bytes() == tbx_path.read_bytes()


def test_written_tbx_is_v3_basic(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    write_glossary(read_glossary(CSV_EXAMPLE), out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n")
    root = etree.parse(str(out)).getroot()
    ns = {"t": TBX_NS}
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", ns) is not None
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert [e.get("id") for e in entries] == ["cyber-community", "mankind-community"]
    values = {n.text for n in root.iter(f"{{{TBX_NS}}}termNote")}
    assert values == {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    }
    assert "\n        <langSec" in text  # pretty-printed


def test_interleaved_languages_are_grouped_into_one_langsec(tmp_path: Path) -> None:
    src = write(
        tmp_path, "g.csv", HEADER + "c,en,a,preferred,\nc,de,b,preferred,\nc,en,c,admitted,\n"
    )
    out = tmp_path / "g.tbx"
    convert_glossary(src, out)
    assert [(t.lang, t.text) for t in read_glossary(out).terms()] == [
        ("en", "a"),
        ("en", "c"),
        ("de", "b"),
    ]


def test_concept_note_survives_tbx(tmp_path: Path) -> None:
    termbase = read_glossary(CSV_EXAMPLE)
    termbase.concepts["cyber-community"].note = "coined 2015"
    out = tmp_path / "g.tbx"
    write_glossary(termbase, out)
    assert read_glossary(out).concepts["cyber-community"].note == "coined 2015"


def test_control_character_cannot_be_written_as_tbx(tmp_path: Path) -> None:
    src = write(tmp_path, "g.csv", HEADER + "c,en,ok,preferred,\nc,en,bad\x0bterm,admitted,\n")
    with pytest.raises(GlossaryError) as info:
        convert_glossary(src, tmp_path / "g.tbx")
    assert "g.csv:2" in str(info.value)


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = write(tmp_path, "g.csv", CSV_EXAMPLE.read_bytes())
    before = src.read_bytes()
    for target in (src, tmp_path / "sub" / ".." / "g.csv"):
        with pytest.raises(UsageError):
            convert_glossary(src, target)
    assert src.read_bytes() == before


def test_write_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.txt"):
        write_glossary(read_glossary(CSV_EXAMPLE), tmp_path / "g.txt")


# --- bad input -------------------------------------------------------------------------------

BAD_INPUTS = [
    # name, content, error, line, fragment of the message
    ("cols.csv", "concept,lang,term\nc,en,x\n", GlossaryError, 1, "status"),
    ("fields.csv", HEADER + "c,en,x,preferred,\nc,en,y,preferred\n", GlossaryError, 3, "fields"),
    ("empty_term.csv", HEADER + "c,en,  ,preferred,\n", GlossaryError, 2, "empty term"),
    (
        "status.csv",
        HEADER + 'c,en,a,preferred,\nc,en,b,preferred,"x\ny"\nc,en,z,xyz,\n',
        GlossaryError,
        5,
        "unknown status 'xyz'",
    ),  # the row before spans lines 3-4
    ("no_status.csv", HEADER + "c,en,a,,\n", GlossaryError, 2, "missing status"),
    ("no_concept.csv", HEADER + ",en,a,preferred,\n", GlossaryError, 2, "concept"),
    ("no_lang.csv", HEADER + "c,,a,preferred,\n", GlossaryError, 2, "language"),
    ("quote.csv", HEADER + 'c,en,"a"b,preferred,\n', GlossaryError, 2, "malformed"),
    (
        "latin1.csv",
        (HEADER + "c,en,a,preferred,\nc,fr,caf\xe9,preferred,\n").encode("latin-1"),
        InputError,
        3,
        "not UTF-8 at line 3",
    ),
    ("tags.tbx", "<tbx>\n<text>\n<body></text></tbx>\n", GlossaryError, 3, "malformed XML"),
    (
        "latin1.tbx",
        "<tbx>\n<text>\n<body>caf\xe9</body></text></tbx>\n".encode("latin-1"),
        GlossaryError,
        3,
        "malformed XML",
    ),
    ("root.tbx", "<?xml version='1.0'?>\n<glossary/>\n", GlossaryError, 2, "<glossary>"),
    ("style.tbx", "<tbx style='xyz'>\n</tbx>\n", GlossaryError, 1, "xyz"),
    (
        "no_id.tbx",
        "<tbx><text><body><conceptEntry>\n<langSec xml:lang='en'><termSec>\n<term>a</term>"
        "</termSec></langSec></conceptEntry></body></text></tbx>",
        GlossaryError,
        3,
        "concept id",
    ),
    (
        "two_status.tbx",
        "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec>\n<term>a</term>\n"
        "<termNote type='administrativeStatus'>preferredTerm-admn-sts</termNote>\n"
        "<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote>"
        "</termSec></langSec></conceptEntry></body></text></tbx>",
        GlossaryError,
        2,
        "administrativeStatus",
    ),
    (
        "odd_status.tbx",
        "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec><term>a</term>\n"
        "<termNote type='administrativeStatus'>bogusTerm-admn-sts</termNote>"
        "</termSec></langSec></conceptEntry></body></text></tbx>",
        GlossaryError,
        1,
        "bogusTerm-admn-sts",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "error", "line", "fragment"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, data: str | bytes, error: type[Exception], line: int, fragment: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(error) as info:
        read_glossary(path)
    assert f"{path}:{line}:" in str(info.value)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("header_only.csv", HEADER),
        ("blank_rows.csv", HEADER + ",,,,\n\n"),
        ("no_entries.tbx", "<tbx><text><body/></text></tbx>"),
    ],
)
def test_empty_glossary(tmp_path: Path, name: str, data: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(GlossaryError, match="no terms") as info:
        read_glossary(path)
    assert str(path) in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such") as info:
        read_glossary(tmp_path / "absent.csv")
    assert "absent.csv" in str(info.value)
    (tmp_path / "dir.tbx").mkdir()
    with pytest.raises(InputError, match="directory"):
        read_glossary(tmp_path / "dir.tbx")


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="g.txt"):
        read_glossary(write(tmp_path, "g.txt", HEADER))


# --- hostile XML -----------------------------------------------------------------------------


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n' + "\n".join(entities) + "\n]>\n"
        "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec>"
        "<term>&lol9;</term></termSec></langSec></conceptEntry></body></text></tbx>\n"
    )


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    path = write(tmp_path, "lol.tbx", billion_laughs())
    start = time.perf_counter()
    with pytest.raises(GlossaryError) as info:
        read_glossary(path)
    assert time.perf_counter() - start < 2
    assert "lol.tbx" in str(info.value)
    assert "lollol" not in str(info.value)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "{url}">]>',
        '<!DOCTYPE tbx [<!ENTITY % p SYSTEM "{url}"> %p;]>',
        '<!DOCTYPE tbx SYSTEM "{url}">',
    ],
)
def test_external_entities_are_not_read(tmp_path: Path, doctype: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("S3CR3T-TOKEN", encoding="utf-8")
    body = "&xxe;" if "xxe" in doctype else "plain"
    tbx = (
        '<?xml version="1.0"?>\n' + doctype.format(url=secret.as_uri()) + "\n"
        "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec>\n"
        f"<term>{body}</term></termSec></langSec></conceptEntry></body></text></tbx>\n"
    )
    path = write(tmp_path, "xxe.tbx", tbx)
    try:
        termbase = read_glossary(path)
    except GlossalignError as exc:
        assert "S3CR3T" not in str(exc)
        assert "xxe.tbx:" in str(exc)
    else:
        assert body == "plain"
        assert [t.text for t in termbase.terms()] == ["plain"]
