"""XLIFF 1.2, XLIFF 2.0 and PO through the library and the CLI: units, languages, inline
markup, placeholders, plurals, untranslated units, and fixes written back in the same format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CliRunner
from lxml import etree
from translate.storage.pypo import pofile

from glossalign.corpora.formats import read_bilingual
from glossalign.corpora.inline import CLOSE, ISOLATED, OPEN, placeholder_spans
from glossalign.errors import GlossalignError, InputError

DATA = Path(__file__).parent / "data" / "formats"
SAMPLES = ["sample-1.2.xlf", "sample-2.0.xlf", "sample.po"]
GLOSSARY = """concept,lang,term,status,note
cyber,zh,网络空间,preferred,
cyber,en,cyberspace,preferred,
cyber,en,cyber space,deprecated,
save,en,save,preferred,
count,en,count,deprecated,
count,en,number,preferred,
"""
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(DATA, folder)
    return folder


UNITS = {
    "sample-1.2.xlf": ["1", "2", "4", "7"],
    "sample-2.0.xlf": ["u1", "u2/s1", "u2/s2", "u5"],
    "sample.po": ["网络空间命运共同体", "已保存%s的网络空间设置", "{count}个网络空间文件[0]",
                  "{count}个网络空间文件[1]", "%(name)s 的网络空间"],
}
SKIPPED = {"sample-1.2.xlf": 2, "sample-2.0.xlf": 1, "sample.po": 1}


@pytest.mark.parametrize("name", SAMPLES)
def test_units_languages_and_untranslated(name: str) -> None:
    document = read_bilingual(DATA / name)
    assert (document.src_lang, document.tgt_lang) == ("zh-CN", "en-US")
    assert [s.unit for s in document.alignment.tgt_segments] == UNITS[name]
    assert document.skipped == SKIPPED[name]  # untranslated and translate="no" units
    assert all(s.line > 1 for s in document.alignment.tgt_segments)


@pytest.mark.parametrize("name", ["sample-1.2.xlf", "sample-2.0.xlf"])
def test_inline_tags_become_protected_codes(name: str) -> None:
    target = read_bilingual(DATA / name).alignment.tgt_segments[1]
    assert target.text == f"Click {OPEN}Save{CLOSE} to keep the cyber space settings.{ISOLATED}"
    assert [target.text[a:b] for a, b in target.protected] == [OPEN, CLOSE, ISOLATED]


@pytest.mark.parametrize(("text", "placeholders"), [
    ("Saved %s of %d files", ["%s", "%d"]),
    ("%(name)s has %(count)d", ["%(name)s", "%(count)d"]),
    ("{count} files in {0} and {dir.name!r:>10}", ["{count}", "{0}", "{dir.name!r:>10}"]),
    ("%1$s by %2$s", ["%1$s", "%2$s"]),
    ("50% off", []),
    ("100%% sure", ["%%"]),
])
def test_placeholders(text: str, placeholders: list[str]) -> None:
    assert [text[a:b] for a, b in placeholder_spans(text)] == placeholders


def test_a_language_option_that_contradicts_the_file_is_an_error() -> None:
    with pytest.raises(GlossalignError, match="does not match"):
        read_bilingual(DATA / "sample-1.2.xlf", None, "de")
    assert read_bilingual(DATA / "sample-1.2.xlf", "zh", "en").tgt_lang == "en"


@pytest.mark.parametrize("name", SAMPLES)
def test_check_names_units_and_lines(cli: CliRunner, glossary: Path, name: str) -> None:
    code, out, err = cli(["check", "-g", str(glossary), "--target", str(DATA / name),
                          "--format", "json"])
    assert code == 1, err
    report = json.loads(out)
    assert report["languages"] == {"source": "zh-CN", "target": "en-US"}
    forbidden = [f for f in report["findings"] if f["rule"] == "forbidden-term"]
    assert forbidden and all(f["found"] == "cyber space" for f in forbidden)
    assert all(f["target"]["unit"] in UNITS[name] and f["target"]["line"] > 1
               for f in forbidden)
    # placeholders ({count}) and tags are never terms
    assert not [f for f in report["findings"] if f["concept"] == "count"]


def test_check_with_a_contradicting_language_exits_2(cli: CliRunner, glossary: Path) -> None:
    code, _, err = cli(["check", "-g", str(glossary), "--pairs", str(DATA / "sample.po"),
                        "--tgt-lang", "de"])
    assert code == 2 and "does not match" in err


@pytest.mark.parametrize("name", SAMPLES)
def test_fix_with_nothing_to_fix_is_byte_identical(cli: CliRunner, tmp_path: Path,
                                                   name: str) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text("concept,lang,term,status\nx,en,zebra,preferred\nx,en,zebu,deprecated\n",
                     encoding="utf-8")
    output = tmp_path / f"out-{name}"
    code, _, err = cli(["fix", "-g", str(clean), "--target", str(DATA / name), "-o", str(output)])
    assert code == 0, err
    assert output.read_bytes() == (DATA / name).read_bytes()


def _fix(cli: CliRunner, glossary: Path, samples: Path, name: str) -> Path:
    output = samples.parent / f"fixed-{name}"
    original = (samples / name).read_bytes()
    code, _, err = cli(["fix", "-g", str(glossary), "--target", str(samples / name),
                        "-o", str(output)])
    assert code == 0, err
    assert (samples / name).read_bytes() == original  # the input is never modified
    return output


def test_fix_xliff_12(cli: CliRunner, glossary: Path, samples: Path) -> None:
    output = _fix(cli, glossary, samples, "sample-1.2.xlf")
    before = etree.parse(str(samples / "sample-1.2.xlf")).getroot()
    after = etree.parse(str(output)).getroot()
    units = {u.get("id"): u for u in after.iter(f"{X12}trans-unit")}
    target = units["2"].find(f"{X12}target")
    assert target is not None and target.get("state") == "needs-review-translation"
    assert etree.tostring(target, encoding="unicode").split(">", 1)[1].startswith(
        'Click <g id="1">Save</g> to keep the cyberspace settings.<x id="2"/>')
    assert units["2"].findall(f"{X12}note")[-1].get("from") == "glossalign"
    assert units["4"].find(f"{X12}target").get("state") == "needs-review-translation"  # type: ignore[union-attr]
    assert units["4"].get("approved") == "no"  # a changed unit is no longer approved
    assert "<bpt id=\"1\">&lt;b&gt;</bpt>cyberspace<ept id=\"1\">&lt;/b&gt;</ept>" in \
        output.read_text(encoding="utf-8")
    assert ('<bx id="3"/>Rules<ex id="3"/> of the <mrk mtype="term">cyberspace</mrk>'
            in output.read_text(encoding="utf-8"))
    # unchanged units are exactly as they were
    for unit_id in ("1", "3", "5", "6"):
        old = next(u for u in before.iter(f"{X12}trans-unit") if u.get("id") == unit_id)
        assert etree.tostring(units[unit_id], method="c14n") == etree.tostring(old, method="c14n")


def test_fix_xliff_20(cli: CliRunner, glossary: Path, samples: Path) -> None:
    output = _fix(cli, glossary, samples, "sample-2.0.xlf")
    root = etree.parse(str(output)).getroot()
    unit = next(u for u in root.iter(f"{X20}unit") if u.get("id") == "u2")
    assert unit[0].tag == f"{X20}notes"  # notes stay the unit's first child
    assert [n.get("category") for n in unit[0]] == ["context", "glossalign"]
    first, second = unit.findall(f"{X20}segment")
    assert first.get("state") == "translated"
    assert second.get("state") is None  # untouched segment of the same unit
    text = output.read_text(encoding="utf-8")
    assert ('<target>Click <pc id="1">Save</pc> to keep the cyberspace settings.'
            '<ph id="2" dataRef="d1"/></target>') in text
    assert read_bilingual(output).skipped == 1
    assert ('<target><sc id="1"/>Rules<ec startRef="1"/> of the <mrk id="m1" type="term">'
            'cyberspace</mrk></target>') in text


def test_fix_po_marks_fuzzy_and_keeps_the_rest(cli: CliRunner, glossary: Path,
                                               samples: Path) -> None:
    output = _fix(cli, glossary, samples, "sample.po")
    store = pofile.parsestring(output.read_bytes())
    units = {u.getid(): u for u in store.units}
    assert units["已保存%s的网络空间设置"].isfuzzy()
    assert str(units["已保存%s的网络空间设置"].target) == "Saved the cyberspace settings of %s"
    plural = units["{count}个网络空间文件"]
    assert [str(s) for s in plural.target.strings] == ["{count} cyberspace file",
                                                       "{count} cyberspace files"]
    assert not units["网络空间命运共同体"].isfuzzy()
    before = (samples / "sample.po").read_text(encoding="utf-8").split("\n")
    after = output.read_text(encoding="utf-8").split("\n")
    assert before[:17] == after[:17]  # header and the untouched first entry, byte for byte
    assert after[-3:] == before[-3:]  # the obsolete entry is kept as it was


def test_the_readme_worked_example_on_the_bundled_xliff(cli: CliRunner, tmp_path: Path) -> None:
    from glossalign.corpora.demo import demo_path

    xliff, glossary = demo_path("cyberspace.xlf"), demo_path("glossary.csv")
    code, out, _ = cli(["check", "-g", str(glossary), "-t", str(xliff)])
    assert code == 1
    assert [line.split(": ", 1)[0].rsplit(":", 2)[-2:] for line in out.splitlines()[:2]] == [
        ["10", "18"], ["14", "5"]]
    assert "(unit title)" in out and "(unit p1)" in out and "2 findings: 2 errors" in out
    fixed = tmp_path / "cyberspace.fixed.xlf"
    code, _, _ = cli(["fix", "-g", str(glossary), "-t", str(xliff), "-o", str(fixed)])
    text = fixed.read_text(encoding="utf-8")
    assert code == 0 and text.count('state="needs-review-translation"') == 2
    assert '<g id="1">community with a shared future in cyberspace</g>' in text
    assert '<ph id="1">{year}</ph>' in text
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "(unit title)" in readme and "cyberspace.xlf:14:5" in readme


@pytest.mark.parametrize(("content", "message"), [
    ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh">'
     '<file id="f"><unit id="1"><segment><source>a</source><target>b</target></segment></unit>'
     '</file></xliff>', "give --tgt-lang"),
    ('<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source><target>b',
     "malformed XLIFF"),
])
def test_xliff_input_errors_are_one_line(cli: CliRunner, glossary: Path, tmp_path: Path,
                                         content: str, message: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    code, _, err = cli(["check", "-g", str(glossary), "-t", str(path)])
    assert code == 2 and message in err


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
        'source-language="zh" target-language="en" original="x"><body><trans-unit id="1">'
        '<source>a</source><target>&xxe; b</target></trans-unit></body></file></xliff>',
        encoding="utf-8")
    # refused, as in a TBX glossary: unexpanded, the reference would silently drop out of the text
    with pytest.raises(InputError, match="xxe.xlf:2: the DOCTYPE declares entities") as raised:
        read_bilingual(path)
    assert "root:" not in str(raised.value)
