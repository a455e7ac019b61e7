"""report, align and score read XLIFF/PO/TMX; --config reaches report, batch and demo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CliRunner

from glossalign.corpora.formats import read_bilingual

DATA = Path(__file__).parent / "data" / "formats"
GLOSSARY = """concept,lang,term,status
cyber,zh,网络空间,preferred
cyber,en,cyberspace,preferred
cyber,en,cyber space,deprecated
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_report_on_an_xliff_file(cli: CliRunner, glossary: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    code, out, err = cli(["report", "-g", str(glossary), "-t", str(DATA / "sample-2.0.xlf"),
                          "-o", str(output)])
    assert code == 0, err
    assert "4 beads, 3 with problems, 3 findings" in " ".join(out.split())
    assert "cyber space" in output.read_text(encoding="utf-8")


def test_report_config_re_grades_rules(cli: CliRunner, glossary: Path, tmp_path: Path) -> None:
    config = tmp_path / "glossalign.toml"
    config.write_text('[rules]\nforbidden-term = "off"\ninconsistent-term = "off"\n',
                      encoding="utf-8")
    code, out, err = cli(["report", "-g", str(glossary), "-t", str(DATA / "sample.po"),
                          "-o", str(tmp_path / "r.html"), "--config", str(config)])
    assert code == 0, err
    assert " 0 findings" in " ".join(out.split())


@pytest.mark.parametrize("command", [["demo", "-o", "{tmp}/demo"],
                                     ["batch", "{tmp}/manifest.jsonl", "-o", "{tmp}/out"]])
def test_config_with_an_unknown_table_is_an_error_everywhere(cli: CliRunner, tmp_path: Path,
                                                             command: list[str]) -> None:
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"id": "a", "src_lang": "zh", "tgt_lang": "en", "source": "网络空间",
                    "hypothesis": "cyber space", "reference": "cyberspace"}) + "\n",
        encoding="utf-8")
    config = tmp_path / "glossalign.toml"
    config.write_text("[rulez]\nx = 1\n", encoding="utf-8")
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    code, _, err = cli([*args, "--config", str(config)])
    assert code == 2 and "rulez" in err


def test_align_exports_units_in_another_format(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "units.xlf"
    code, _, err = cli(["align", "-t", str(DATA / "sample.po"), "--format", "xliff-1.2",
                        "-o", str(output)])
    assert code == 0, err
    document = read_bilingual(output)
    assert (document.src_lang, document.tgt_lang) == ("zh-CN", "en-US")
    assert document.pairs == read_bilingual(DATA / "sample.po").pairs
    code, out, _ = cli(["align", "-t", str(DATA / "sample-1.2.xlf"), "--format", "tsv"])
    assert code == 0 and out.count("\n") == 5  # header and four translated units
    assert "\tRules of the cyber space\t" in out  # inline codes are not written to TSV


def test_score_reads_targets_of_xliff_files(cli: CliRunner, tmp_path: Path) -> None:
    reference = tmp_path / "ref.xlf"
    shutil.copy(DATA / "sample-1.2.xlf", reference)
    code, out, err = cli(["score", "--hyp", str(DATA / "sample-1.2.xlf"), "--ref",
                          str(reference), "--tgt-lang", "en", "--format", "json"])
    assert code == 0, err
    corpus = json.loads(out)["hypotheses"][0]["corpus"]
    assert corpus["bleu"]["score"] == pytest.approx(100.0)
