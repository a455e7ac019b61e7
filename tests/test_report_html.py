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
from glossalign.pipeline.check import CheckResult, check_alignment, check_target
from glossalign.pipeline.report_html import (
    bead_marks,
    problem_beads,
    render_report,
    report_content_hash,
)
from glossalign.pipeline.report_json import check_report_json
from glossalign.stage_data import Alignment, Bead, Finding, Location, Segment, Severity

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
                                  "target_name": "doc.en.txt", "low_confidence": 0.5}
    options.update(kwargs)
    return render_report(result or sample_result(), **options)  # type: ignore[arg-type]


class _Page(HTMLParser):
    """What a browser would build from the file: elements with attributes, and script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag
                and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]

    def classes_of(self, tag: str) -> set[str]:
        return set(next(a for t, a in self.tags if t == tag)["class"].split())


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


def view_data(page: _Page) -> dict[str, object]:
    (index,) = [i for i, (_, a) in enumerate(
        [t for t in page.tags if t[0] == "script"]) if a.get("id") == "view-data"]
    return dict(json.loads(page.scripts[index]))


HOSTILE = [
    "<script>window.__xss = 1</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>window.__xss = 1</script><!--",
    "' onmouseover='alert(1)",
    "&lt;b&gt; &amp;amp; \u2028 \u2029 ]]> {{ 7*7 }}",
]


def test_translation_text_is_escaped_never_markup(result: CheckResult, page: _Page) -> None:
    html = render(result)
    assert SCRIPT not in html
    assert len(page.find("script")) == 3  # the JSON report, the view data, our own script
    assert "<title>Report &lt;test&gt;</title>" in html
    view = view_data(page)
    assert any(SCRIPT in text for text, _ in view["tgt"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("evil", HOSTILE)
def test_hostile_text_in_every_field_stays_text(evil: str) -> None:
    base = sample_result()
    alignment = base.alignment
    tgt = tuple(replace(s, text=s.text + evil) for s in alignment.tgt_segments)
    src = tuple(replace(s, text=evil + s.text) for s in alignment.src_segments)
    target = Location(evil, 7, 8, 5, 0, 4)
    finding = Finding("forbidden-term", Severity.ERROR, f"bad {evil}", concept=evil,
                      found=evil, suggestion=evil, target=target, bead=8,
                      details={"variants": [evil]})
    result = replace(base, alignment=replace(alignment, src_segments=src, tgt_segments=tgt),
                     findings=base.findings + (finding,), glossary_hash=evil)
    html = render(result, title=evil, source_name=evil, target_name=evil, glossary_path=evil)
    page = parse(html)
    assert page.find("img") == [] and len(page.find("script")) == 3
    assert "<script>window" not in html and "<img" not in html
    assert any(a.get("value") == evil for a in page.find("option"))  # the concept filter
    data = json.loads(page.scripts[0])
    assert data["findings"][-1]["concept"] == evil and data["glossary"]["path"] == evil
    assert view_data(page)["tgt"][8][0].endswith(evil)  # type: ignore[index]


def test_embedded_json_equals_the_json_report(result: CheckResult) -> None:
    page = parse(render(result, glossary_path="glossary.csv", concepts=5))
    (data_script,) = [a for a in page.find("script") if a.get("id") == "report-data"]
    assert data_script["type"] == "application/json"
    assert json.loads(page.scripts[0]) == check_report_json(result, "glossary.csv", 5)


def test_view_data_holds_sentences_beads_and_highlights(page: _Page) -> None:
    view = view_data(page)
    assert view["view_version"] == 1 and view["bilingual"] is True
    assert [t for t, _ in view["src"]] == SRC  # type: ignore[attr-defined]
    assert [line for _, line in view["tgt"]] == list(range(1, len(TGT) + 1))  # type: ignore
    assert view["beads"][6][:2] == [[7, 8, 9], [5]]  # type: ignore[index]
    spans = view["spans"]["tgt"]  # type: ignore[index]
    (deprecated,) = spans["0"]
    start, end, classes, findings, concept, status, term, title = deprecated
    assert (start, end, concept, status, term) == (0, 20, "ai", "deprecated",
                                                   "machine intelligence")
    assert set(classes.split()) == {"term", "term-deprecated", "flag", "rule-forbidden-term"}
    assert findings == [0] and "deprecated term" in title  # the finding's text: in the report
    (missing,) = view["spans"]["src"]["1"]  # type: ignore[index]
    assert "rule-missing-term" in missing[2] and missing[3] == [1]


def test_content_hash_follows_the_content_not_the_options(result: CheckResult) -> None:
    first = report_content_hash(result)
    assert first == report_content_hash(sample_result())
    assert first == report_content_hash(result, low_confidence=0.9)
    assert f'data-content-hash="{first}"' in render(result, glossary_path="elsewhere.csv")
    changed = replace(result, alignment=replace(result.alignment, tgt_segments=tuple(
        replace(s, text=s.text + "!") for s in result.alignment.tgt_segments)))
    assert report_content_hash(changed) != first


@pytest.mark.parametrize(("bead", "expected"), [
    (0, set()), (2, {"omission"}), (5, {"low-confidence"}), (6, {"unusual"}),
    (7, {"addition"}), (8, set()),
])
def test_bead_marks(bead: int, expected: set[str]) -> None:
    assert {m.css for m in bead_marks(BEADS[bead], 0.5)} == expected


@pytest.mark.parametrize(("score", "confidence", "threshold", "flagged"), [
    (-3.5, 0.9, -3.0, True),  # a low score flags the bead whatever the confidence says
    (-2.5, 0.9, -3.0, False),
    (-3.5, 0.9, None, False),  # no score threshold: confidence alone
    (0.0, 0.2, -3.0, True),  # the confidence threshold still flags
])
def test_low_confidence_by_score_or_confidence(score: float, confidence: float,
                                               threshold: float | None, flagged: bool) -> None:
    marks = bead_marks(Bead((0,), (0,), score, confidence), 0.5, True, threshold)
    assert any(m.css == "low-confidence" for m in marks) is flagged


def test_default_flags_by_score_only(result: CheckResult) -> None:
    alignment = result.alignment
    beads = (replace(alignment.beads[8], score=-4.0),) + alignment.beads[1:]
    low = replace(result, alignment=replace(alignment, beads=beads))
    html = render_report(low, title="t")  # library defaults: confidence off, score -3.5
    assert '<span data-count="low-confidence">1</span>' in html
    assert "bead score below -3.5" in html
    assert 0 in problem_beads(low) and 5 not in problem_beads(low)


def test_unusual_omission_gets_both_marks() -> None:
    assert {m.css for m in bead_marks(Bead((2, 3), (), 0.5, 0.9), 0.5)} == {"omission", "unusual"}


@pytest.mark.parametrize(("threshold", "marked"), [(0.5, 1), (0.75, 3), (0.1, 0)])
def test_low_confidence_threshold(result: CheckResult, threshold: float, marked: int) -> None:
    html = render(result, low_confidence=threshold)
    assert f'<span data-count="low-confidence">{marked}</span>' in html
    assert view_data(parse(html))["threshold"] == threshold


def test_summary_numbers_and_filter_links(result: CheckResult) -> None:
    html = render(result)
    assert re.search(r'data-count="beads">10<', html)
    assert '<span data-count="problem-beads">7</span>' in html
    assert 'data-count="findings">5<' in html  # 3 term findings, 1 omission, 1 addition
    assert '<span data-count="src-segments">12</span>' in html
    for kind, count in {"1-1": 6, "1-0": 1, "0-1": 1, "2-1": 1, "3-1": 1}.items():
        assert f'<a href="#" data-filter="kind={kind}">{count}</a>' in html
    rows = dict(re.findall(r'<tr data-rule="([a-z-]+)">(.*?)</tr>', html))
    assert set(rows) == {"forbidden-term", "missing-term", "superseded-term", "omission",
                         "addition"}
    assert re.findall(r">(\d+)</(?:a|td)>", rows["superseded-term"]) == ["0", "1", "0", "1"]
    assert 'data-filter="rule=superseded-term&amp;severity=warning"' in rows["superseded-term"]
    assert result.glossary_hash in html
    assert problem_beads(result, 0.5) == [0, 1, 2, 3, 5, 6, 7]


def test_report_is_self_contained(result: CheckResult) -> None:
    html = render(result)
    assert "Content-Security-Policy" in html and "default-src &#39;none&#39;" in html
    for needle in ("<link", "@import", "url(", "http://", "https://", " src="):
        assert needle not in html
    assert "@media print" in html and "Noto Sans Thai" in html


def test_target_only_report_has_no_source_column() -> None:
    segments = [Segment("Machine intelligence rocks.", "en", "t.txt", 1),
                Segment("Plain text.", "en", "t.txt", 2)]
    result = check_target(segments, sample_termbase(), "en")
    page = parse(render(result))
    assert "target-only" in page.classes_of("body")
    assert view_data(page)["bilingual"] is False and view_data(page)["src"] == []
    assert problem_beads(result) == [0]


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
    output.parent.mkdir()  # outputs go into existing folders (a missing one is an error)
    base = ["report", "--source", str(source), "--src-lang", "zh", "--target", str(target),
            "--tgt-lang", "en", "--pairing", "lines", "-o", str(output)]
    assert _run_cli([*base, "--glossary", str(glossary)]) == 0
    page = parse(output.read_text(encoding="utf-8"))
    (deprecated,) = view_data(page)["spans"]["tgt"]["0"]  # type: ignore[index]
    assert "term-deprecated" in deprecated[2]
    assert view_data(page)["tgt"][1][0] == "<b>The</b> databaseâ€™s big."  # type: ignore
    assert json.loads(page.scripts[0])["glossary"]["path"] == str(glossary)
    assert _run_cli(base) == 0  # no glossary: no term checks, still a report
    page = parse(output.read_text(encoding="utf-8"))
    spans = view_data(page)["spans"]["tgt"]  # type: ignore[index]
    assert "0" not in spans
    (damage,) = spans["1"]  # mojibake is still found
    assert "rule-encoding-damage" in damage[2]
    assert "’" in json.loads(page.scripts[0])["findings"][damage[3][0]]["message"]
    assert _run_cli([*base[:-1], str(target)]) == 2  # refuses to overwrite an input
    assert target.read_text(encoding="utf-8").startswith("Machine intelligence")


def test_inline_codes_show_as_visible_marks(tmp_path: Path) -> None:
    """XLIFF tags reach the page as visible marks, one character each, never private-use codes."""
    demo = Path(__file__).resolve().parents[1] / "glossalign" / "corpora" / "data" / "demo"
    output = tmp_path / "report.html"
    assert _run_cli(["report", "--target", str(demo / "cyberspace.xlf"),
                     "--glossary", str(demo / "glossary.csv"), "-o", str(output)]) == 0
    data = view_data(parse(output.read_text(encoding="utf-8")))
    texts = [text for side in ("src", "tgt") for text, _line in data[side]]  # type: ignore
    assert not any(code in text for text in texts for code in "\ue101\ue102\ue103")
    assert any("⟨" in text and "⟩" in text for text in texts)
