"""``score --html``: the scoring report, checked as a file and in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report_decisions import run_cli
from test_report_html import parse

EVIL = '<script>window.__xss = 1</script>"><img src=x onerror=alert(1)>'
SOURCE = ["人工智能正在改变世界。", "数据库存储了所有记录。", "今天天气很好。", "我们明天见。",
          "机器学习需要数据。", "模型很好。"]
REFERENCE = ["Artificial intelligence is changing the world.",
             "The database stores every record.", "The weather is fine today.",
             "See you tomorrow.", "Machine learning needs data.", "The model is good."]
FIRST = ["Artificial intelligence changes the world.", "The data bank stores all records.",
         "Weather good today.", f"See you tomorrow {EVIL}.", "Machine learning needs data.",
         "Model is good."]
SECOND = ["Machine intelligence is changing the world.", "The database stores every record.",
          "The weather is fine today.", "See you tomorrow.", "It needs data.",
          "The model is good."]
GLOSSARY = ("concept,lang,term,status\n"
            "ai,zh,人工智能,preferred\nai,en,artificial intelligence,preferred\n"
            "ai,en,machine intelligence,deprecated\n"
            "db,zh,数据库,preferred\ndb,en,database,preferred\ndb,en,data bank,superseded\n"
            "ml,zh,机器学习,preferred\nml,en,machine learning,preferred\n"
            "evil,zh,模型,preferred\nevil,en,model,preferred\n")


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return {"src": write(tmp_path / "src.zh", SOURCE), "ref": write(tmp_path / "ref.en", REFERENCE),
            "first": write(tmp_path / f"first{EVIL[:8]}.en", FIRST),
            "second": write(tmp_path / "second.en", SECOND), "glossary": glossary}


def score_html(files: dict[str, Path], out: Path, *systems: str) -> str:
    args = ["score", "--ref", str(files["ref"]), "--tgt-lang", "en", "--src", str(files["src"]),
            "--src-lang", "zh", "-g", str(files["glossary"]), "--html", str(out)]
    for system in systems:
        args += ["--hyp", str(files[system])]
    assert run_cli(args) == 0
    return out.read_text(encoding="utf-8")


def test_two_systems_page(files: dict[str, Path], tmp_path: Path) -> None:
    html = score_html(files, tmp_path / "score.html", "first", "second")
    page = parse(html)
    assert page.find("script") == [] and page.find("img") == []
    assert EVIL not in html and "&lt;script&gt;window.__xss" in html
    assert "script-src &#39;none&#39;" in html
    for needle in ("<link", "url(", "http://", "https://"):  # " src=" is in the escaped text
        assert needle not in html
    corpus = re.search(r'<section id="corpus">(.*?)</section>', html, re.S)
    assert corpus is not None and len(re.findall(r'class="ci">\[', corpus.group(1))) == 6
    assert "paired bootstrap" in html and "approximate randomization" in html
    assert len(page.find("svg")) == 3 and len(page.find("rect")) > 6
    concepts = [a["data-concept"] for a in page.find("tr") if "data-concept" in a]
    assert concepts == ["ai", "db", "evil", "ml"]
    rows = [int(a["data-segment"]) for a in page.find("tr") if "data-segment" in a]
    assert sorted(rows) == [1, 2, 3, 4, 5, 6]
    assert rows[0] in (1, 5)  # the second system's worst losses come first
    marks = [a["class"] for a in page.find("mark")]
    assert "term-deprecated" in marks and "term-ok" in marks and "term-superseded" in marks


def test_one_system_still_gets_intervals(files: dict[str, Path], tmp_path: Path) -> None:
    html = score_html(files, tmp_path / "one.html", "second")
    assert len(re.findall(r'class="ci">\[', html)) == 3
    assert 'id="compare"' not in html and 'id="significance"' not in html


def test_html_output_may_not_be_an_input(files: dict[str, Path]) -> None:
    args = ["score", "--ref", str(files["ref"]), "--hyp", str(files["second"]), "--tgt-lang",
            "en", "--html", str(files["ref"])]
    assert run_cli(args) == 2
    assert files["ref"].read_text(encoding="utf-8").startswith("Artificial intelligence")


@pytest.mark.browser
def test_score_page_in_chromium(files: dict[str, Path], tmp_path: Path) -> None:
    from test_report_browser import ARTIFACTS, start_chromium

    html = tmp_path / "score.html"
    score_html(files, html, "first", "second")
    driver = start_chromium(tmp_path / "profile")
    try:
        driver.get(html.as_uri())
        assert driver.execute_script("return window.__xss") is None
        plots = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('svg.hist'),"
            " function (s) { return s.getBoundingClientRect().height; })")
        assert len(plots) == 3 and min(plots) > 50
        cell = driver.execute_script(
            "return document.querySelector('tr[data-segment=\"4\"] td:nth-child(5)').textContent")
        assert EVIL in cell  # shown as text
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "score-report.png"))
    finally:
        driver.quit()
