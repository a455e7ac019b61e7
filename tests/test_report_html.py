"""The HTML alignment report, checked without a browser: escaping, marks, summary, embedded JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossalign.cli import main
from glossalign.errors import UsageError
from glossalign.glossary.model import Term, TermBase
from glossalign.models import Alignment, Bead, Finding, Location, Segment, Severity
from glossalign.pipeline.check import CheckResult, check_alignment, check_target
from glossalign.pipeline.report_html import Span, problem_beads, render_report
from glossalign.pipeline.report_json import check_report_json

SCRIPT = "<script>window.__xss = 1; alert(1)</script>"

SRC = [
    "人工智能正在改变世界。",  # 0: target uses the deprecated "machine intelligence"
    "机器学习需要大量数据。",  # 1: target leaves out "machine learning"
    "这句话没有被翻译。",  # 2: omitted (1-0)
    "数据库存储了所有记录。",  # 3: superseded "data bank"
    "第一句。",  # 4, 5: a 2-1 bead
    "第二句。",
    "模型很好。",  # 6: low-confidence 1-1
    "甲。",  # 7, 8, 9: an unusual 3-1 bead
    "乙。",
    "丙。",
    "今天天气很好。",  # 10, 11: clean 1-1 beads
    "我们明天见。",
]
TGT = [
    "Machine intelligence is changing the world.",
    "It needs a lot of data.",
    "The data bank stores every record.",
    f"First and second sentences, with {SCRIPT} & “quotes”.",
    "The model is good.",
    "A, B and C.",
    "An added sentence nobody wrote.",  # 6: an addition (0-1)
    "The weather is fine today.",
    "See you tomorrow.",
]
BEADS = [
    Bead((0,), (0,), 0.1, 0.95),
    Bead((1,), (1,), 0.2, 0.9),
    Bead((2,), (), 0.5, 0.8),
    Bead((3,), (2,), 0.1, 0.97),
    Bead((4, 5), (3,), 0.3, 0.7),
    Bead((6,), (4,), 0.9, 0.2),
    Bead((7, 8, 9), (5,), 0.4, 0.6),
    Bead((), (6,), 0.5, 0.85),
    Bead((10,), (7,), 0.1, 0.99),
    Bead((11,), (8,), 0.1, 0.98),
]
CLEAN_BEADS = {4, 8, 9}


def sample_termbase() -> TermBase:
    return TermBase.from_terms([
        Term("ai", "zh", "人工智能", "preferred"),
        Term("ai", "en", "artificial intelligence", "preferred"),
        Term("ai", "en", "machine intelligence", "deprecated"),
        Term("ml", "zh", "机器学习", "preferred"),
        Term("ml", "en", "machine learning", "preferred"),
        Term("db", "zh", "数据库", "preferred"),
        Term("db", "en", "database", "preferred"),
        Term("db", "en", "data bank", "superseded"),
        Term("model", "zh", "模型", "preferred"),
        Term("model", "en", "model", "preferred"),
    ])


def sample_alignment() -> Alignment:
    src = tuple(Segment(t, "zh", "doc.zh.txt", i + 1) for i, t in enumerate(SRC))
    tgt = tuple(Segment(t, "en", "doc.en.txt", i + 1) for i, t in enumerate(TGT))
    return Alignment(src, tgt, tuple(BEADS))


def sample_result() -> CheckResult:
    return check_alignment(sample_alignment(), sample_termbase(), "en", "zh")


def render(result: CheckResult | None = None, **kwargs: object) -> str:
    options: dict[str, object] = {"title": "Report <test>", "source_name": "doc.zh.txt",
                                  "target_name": "doc.en.txt"}
    options.update(kwargs)
    return render_report(result or sample_result(), **options)  # type: ignore[arg-type]


class _Page(HTMLParser):
    """What a browser would build: elements with attributes, and the text inside each bead."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self._open_ids: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "tbody" and "id" in attributes:
            self._open_ids.append(attributes["id"])
            self.text_by_id[attributes["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "tbody" and self._open_ids:
            self._open_ids.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        for element_id in self._open_ids:
            self.text_by_id[element_id] += data

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag
                and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]

    def classes(self, element_id: str) -> set[str]:
        return set(next(a for _, a in self.tags if a.get("id") == element_id)["class"].split())


def text_marks(page: _Page, css_class: str) -> list[dict[str, str]]:
    """Highlights inside sentences (the legend's samples carry no data-findings)."""
    return [a for a in page.find("mark")
            if "data-findings" in a and css_class in a["class"].split()]


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return sample_result()


@pytest.fixture(scope="module")
def page(result: CheckResult) -> _Page:
    return parse(render(result))


def test_translation_text_is_escaped_never_markup(result: CheckResult, page: _Page) -> None:
    html = render(result)
    assert SCRIPT not in html
    assert "&lt;script&gt;window.__xss = 1; alert(1)&lt;/script&gt;" in html
    assert SCRIPT in page.text_by_id["bead-4"]
    assert len(page.find("script")) == 2  # the embedded JSON and our own script only
    assert "<title>Report &lt;test&gt;</title>" in html


def test_attribute_text_cannot_break_out() -> None:
    evil = '"><img src=x onerror=alert(1)>'
    base = sample_result()
    target = Location("doc.en.txt", 7, 8, 5, 4, 11)
    finding = Finding("forbidden-term", Severity.ERROR, f"bad {evil}", concept=evil,
                      found="weather", suggestion=evil, target=target, bead=8)
    page = parse(render(replace(base, findings=base.findings + (finding,))))
    assert page.find("img") == []
    marks = text_marks(page, "rule-forbidden-term")
    assert any(evil in a["title"] for a in marks)


def test_json_cannot_close_its_script_element() -> None:
    base = sample_result()
    evil = "</script><script>window.__xss = 1</script><!--"
    finding = Finding("encoding-damage", Severity.ERROR, evil, found=evil)
    result = replace(base, findings=base.findings + (finding,))
    page = parse(render(result))
    assert len(page.find("script")) == 2
    assert json.loads(page.scripts[0])["findings"][-1]["message"] == evil


def test_embedded_json_equals_the_json_report(result: CheckResult) -> None:
    page = parse(render(result, glossary_path="glossary.csv", concepts=5))
    (data_script,) = [a for a in page.find("script") if a.get("id") == "report-data"]
    assert data_script["type"] == "application/json"
    assert json.loads(page.scripts[0]) == check_report_json(result, "glossary.csv", 5)


@pytest.mark.parametrize(("bead", "expected", "absent"), [
    (0, {"kind-1-1", "has-findings", "sev-error", "problem"}, {"omission", "low-confidence"}),
    (1, {"kind-1-1", "sev-error", "problem"}, {"omission"}),
    (2, {"kind-1-0", "omission", "problem"}, {"addition", "unusual", "has-findings"}),
    (3, {"kind-1-1", "sev-warning", "problem"}, {"sev-error"}),
    (4, {"kind-2-1"}, {"problem", "unusual", "low-confidence"}),
    (5, {"kind-1-1", "low-confidence", "problem"}, {"has-findings"}),
    (6, {"kind-3-1", "unusual", "problem"}, {"omission"}),
    (7, {"kind-0-1", "addition", "problem"}, {"omission", "unusual"}),
    (8, {"kind-1-1"}, {"problem"}),
])
def test_bead_classes_mark_each_kind(page: _Page, bead: int, expected: set[str],
                                     absent: set[str]) -> None:
    classes = page.classes(f"bead-{bead}")
    assert expected <= classes
    assert not absent & classes


def test_unusual_omission_gets_both_marks() -> None:
    alignment = sample_alignment()
    beads = alignment.beads[:2] + (Bead((2, 3), (), 0.5, 0.9),) + alignment.beads[4:]
    result = check_alignment(replace(alignment, beads=beads), sample_termbase(), "en", "zh")
    assert {"kind-2-0", "omission", "unusual"} <= parse(render(result)).classes("bead-2")


def test_highlights_by_status_with_finding_and_suggestion(page: _Page) -> None:
    deprecated = text_marks(page, "term-deprecated")
    assert len(deprecated) == 1
    assert "rule-forbidden-term" in deprecated[0]["class"]
    assert "Artificial intelligence" in deprecated[0]["title"]
    assert deprecated[0]["data-findings"] == "0"
    assert deprecated[0]["data-term"] == "machine intelligence"
    superseded = text_marks(page, "term-superseded")
    assert len(superseded) == 1 and "database" in superseded[0]["title"]
    preferred = text_marks(page, "term-preferred")
    assert [a["data-concept"] for a in preferred] == ["model"]
    missing = text_marks(page, "rule-missing-term")
    assert len(missing) == 1 and "machine learning" in missing[0]["title"]


def test_encoding_damage_is_highlighted() -> None:
    base = sample_result()
    target = Location("doc.en.txt", 8, 9, 5, 4, 12)  # "you tomo" of "See you tomorrow."
    damage = Finding("encoding-damage", Severity.ERROR, "looks like mojibake", found="you tomo",
                     suggestion="fixed", target=target, bead=9)
    page = parse(render(replace(base, findings=base.findings + (damage,))))
    marks = text_marks(page, "rule-encoding-damage")
    assert len(marks) == 1 and marks[0]["data-findings"] == "3"
    assert {"has-findings", "sev-error", "problem"} <= page.classes("bead-9")
    assert "See you tomorrow." in page.text_by_id["bead-9"]


def test_overlapping_spans_split_text_without_losing_characters() -> None:
    spans = [Span(0, 5, ("a",), ("first",)), Span(3, 8, ("b",), ("second",), (2,))]
    pieces = split_pieces("abcdefghij", spans)
    assert "".join(p.text for p in pieces) == "abcdefghij"
    assert [(p.text, p.classes) for p in pieces] == [
        ("abc", "a"), ("de", "a b"), ("fgh", "b"), ("ij", "")]
    assert pieces[1].title == "first\nsecond" and pieces[1].findings == "2"


@pytest.mark.parametrize(("threshold", "marked"), [(0.5, [5]), (0.75, [4, 5, 6]), (0.1, [])])
def test_low_confidence_threshold(result: CheckResult, threshold: float,
                                  marked: list[int]) -> None:
    page = parse(render(result, low_confidence=threshold))
    low = [i for i in range(len(BEADS)) if "low-confidence" in page.classes(f"bead-{i}")]
    assert low == marked
    counts = {a["data-count"] for a in page.find("span") if "data-count" in a}
    assert "low-confidence" in counts
    html = render(result, low_confidence=threshold)
    assert f'<span data-count="low-confidence">{len(marked)}</span>' in html


def test_summary_numbers(result: CheckResult) -> None:
    html = render(result)
    assert re.search(r'data-count="beads">10<', html)
    assert '<span data-count="problem-beads">7</span>' in html
    assert 'data-count="findings">3<' in html
    assert '<span data-count="src-segments">12</span>' in html
    for kind, count in {"1-1": 6, "1-0": 1, "0-1": 1, "2-1": 1, "3-1": 1}.items():
        assert f'<td data-kind="{kind}">{count}</td>' in html
    rows = dict(re.findall(r'<tr data-rule="([a-z-]+)">(.*?)</tr>', html))
    assert set(rows) == {"forbidden-term", "missing-term", "superseded-term"}
    assert re.findall(r"<td>(\d+)</td>", rows["superseded-term"]) == ["0", "1", "0", "1"]
    assert result.glossary_hash in html
    assert problem_beads(result) == [0, 1, 2, 3, 5, 6, 7]


def test_report_is_self_contained(result: CheckResult) -> None:
    html = render(result)
    assert "Content-Security-Policy" in html and "default-src &#39;none&#39;" in html
    for needle in ("<link", "@import", "url(", "http://", "https://", " src="):
        assert needle not in html


def test_target_only_report_has_no_source_column() -> None:
    segments = [Segment("Machine intelligence rocks.", "en", "t.txt", 1),
                Segment("Plain text.", "en", "t.txt", 2)]
    result = check_target(segments, sample_termbase(), "en")
    page = parse(render(result))
    assert page.find("td", **{"class": "src"}) == []
    assert "addition" not in page.classes("bead-1") and "problem" not in page.classes("bead-1")
    assert "problem" in page.classes("bead-0")


def test_threshold_out_of_range_is_a_usage_error(result: CheckResult) -> None:
    with pytest.raises(UsageError):
        render(result, low_confidence=1.5)


def _run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return int(exit_info.value.code or 0)


def test_cli_writes_the_report(tmp_path: Path) -> None:
    source, target = tmp_path / "zh.txt", tmp_path / "en.txt"
    source.write_text("人工智能很重要。\n数据库很大。\n", encoding="utf-8")
    target.write_text("Machine intelligence matters.\n<b>The</b> databaseâ€™s big.\n",
                      encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("concept,lang,term,status\n"
                        "ai,zh,人工智能,preferred\nai,en,artificial intelligence,preferred\n"
                        "ai,en,machine intelligence,deprecated\n", encoding="utf-8")
    output = tmp_path / "out" / "report.html"
    base = ["report", "--source", str(source), "--src-lang", "zh", "--target", str(target),
            "--tgt-lang", "en", "--pairing", "lines", "-o", str(output)]
    assert _run_cli([*base, "--glossary", str(glossary)]) == 0
    page = parse(output.read_text(encoding="utf-8"))
    assert len(text_marks(page, "term-deprecated")) == 1
    assert "<b>The</b> databaseâ€™s big." in page.text_by_id["bead-1"]
    assert json.loads(page.scripts[0])["glossary"]["path"] == str(glossary)
    assert _run_cli(base) == 0  # no glossary: no term checks, still a report
    page = parse(output.read_text(encoding="utf-8"))
    assert text_marks(page, "term") == []
    (damage,) = text_marks(page, "rule-encoding-damage")  # mojibake is still found
    assert "’" in damage["title"]
    assert _run_cli([*base[:-1], str(target)]) == 2  # refuses to overwrite an input
    assert target.read_text(encoding="utf-8").startswith("Machine intelligence")
