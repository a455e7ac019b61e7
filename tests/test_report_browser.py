"""The HTML report in a real headless Chromium: escaping, highlights, filters, search, minimap,
keys, edits, undo, decisions, persistence, export and the round trip through ``apply``.

Needs Debian's ``chromium`` and ``chromium-driver`` packages and the ``selenium`` package; the
tests are skipped when any of them is missing. Selenium is pointed at /usr/bin/chromedriver so that
selenium-manager never downloads anything. Screenshots of the key states go to test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_decisions import TARGET, cli_args, inputs, run_cli  # noqa: F401 - fixture
from test_report_html import CLEAN_BEADS, SCRIPT, render  # tests/ is on sys.path under pytest

from glossalign.pipeline.check import check_alignment
from glossalign.pipeline.report_html import render_report
from glossalign.stage_data import Alignment, Bead, Segment

pytestmark = pytest.mark.browser

CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--window-size=1400,1300")


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def start_chromium(profile: Path, downloads: Path | None = None) -> Any:
    """A headless Chromium under selenium, or a pytest skip when either is missing."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium = chromium_binary()
    if chromium is None or not CHROMEDRIVER.is_file():
        pytest.skip("chromium and /usr/bin/chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    browser = start_chromium(tmp_path_factory.mktemp("chromium-profile"), downloads)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(), encoding="utf-8")
    return path.as_uri()


def open_fresh(driver: Any, url: str) -> Any:
    """The page with no saved decisions."""
    driver.get(url)
    driver.execute_script("window.localStorage.clear()")
    driver.get("about:blank")
    driver.get(url)
    return driver


@pytest.fixture
def page(driver: Any, report_url: str) -> Any:
    return open_fresh(driver, report_url)


def by() -> Any:
    from selenium.webdriver.common.by import By

    return By


def find(driver: Any, css: str) -> Any:
    return driver.find_element(by().CSS_SELECTOR, css)


def visible_beads(driver: Any) -> list[str]:
    """Ids of the bead rows on the page (asked in one script: rows are replaced while scrolling)."""
    return list(driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('.bead'),"
        " function (b) { return b.getClientRects().length > 0; })"
        ".map(function (b) { return b.id; });"))


def send(driver: Any, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def press(driver: Any, key: str) -> str:
    """Send a key; the id of the element that has the focus afterwards."""
    send(driver, key)
    return str(driver.switch_to.active_element.get_attribute("id"))


def reject_with_reason(driver: Any, reason: str) -> None:
    send(driver, "x")  # the page asks for a reason
    alert = driver.switch_to.alert
    alert.send_keys(reason)
    alert.accept()


def select(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(by().ID, element_id)).select_by_value(value)


def counts(driver: Any) -> str:
    return str(driver.find_element(by().ID, "counts").text)


def screenshot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_script_in_the_translation_is_shown_not_run(page: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert page.execute_script("return window.__xss") is None
    assert SCRIPT in find(page, "#bead-4 .tgt .text").text
    assert page.execute_script("return document.querySelectorAll('.tgt script').length") == 0
    assert find(page, "#bead-4 .tgt .text").get_attribute("dir") == "auto"


def test_highlights_marks_and_one_based_numbers(page: Any) -> None:
    forbidden = find(page, "#bead-0 .tgt mark.term-deprecated")
    assert forbidden.text == "Machine intelligence"
    assert "rule-forbidden-term" in str(forbidden.get_attribute("class"))
    assert "Artificial intelligence" in str(forbidden.get_attribute("title"))
    assert find(page, "#bead-1 .src mark.rule-missing-term").text == "机器学习"
    assert find(page, "#bead-3 .tgt mark.term-superseded").text == "data bank"
    omission = find(page, "#bead-2")
    assert "omission" in str(omission.get_attribute("class")).split()
    assert "OMISSION" in find(page, "#bead-2 .badge-omission").text.upper()
    assert page.find_elements(by().CSS_SELECTOR, "#bead-8 mark.term-deprecated") == []
    assert find(page, "#bead-0 .num").text == "1"  # bead numbers count from 1, as lines do
    assert [e.text for e in page.find_elements(by().CSS_SELECTOR, "#bead-6 .src .ln")] == [
        "8", "9", "10"]


def test_problem_filter_hides_clean_beads_and_restores_them(page: Any) -> None:
    every = visible_beads(page)
    assert len(every) == 10 and "10 of 10 beads" in counts(page)
    page.find_element(by().ID, "only-problems").click()
    assert visible_beads(page) == [f"bead-{i}" for i in range(10) if i not in CLEAN_BEADS]
    assert "7 of 10 beads, 5 findings" in counts(page)  # with the omission and the addition
    page.find_element(by().ID, "only-problems").click()
    assert visible_beads(page) == every


def test_filters_combine_and_the_fragment_keeps_the_view(page: Any, report_url: str) -> None:
    select(page, "f-severity", "error")
    assert visible_beads(page) == ["bead-0", "bead-1", "bead-2"]  # bead 2 is an omission
    select(page, "f-rule", "forbidden-term")
    assert visible_beads(page) == ["bead-0"] and "1 of 10 beads, 1 findings" in counts(page)
    select(page, "f-concept", "db")
    assert visible_beads(page) == []
    fragment = page.execute_script("return window.location.hash")
    assert "rule=forbidden-term" in fragment and "severity=error" in fragment
    page.get("about:blank")
    page.get(report_url + "#kind=3-1")
    assert visible_beads(page) == ["bead-6"]
    assert page.find_element(by().ID, "f-kind").get_attribute("value") == "3-1"
    page.find_element(by().ID, "clear-filters").click()
    assert len(visible_beads(page)) == 10


def test_summary_cells_are_filters(page: Any) -> None:
    find(page, '#summary a[data-filter="rule=superseded-term&severity=warning"]').click()
    assert visible_beads(page) == ["bead-3"]
    find(page, '#summary a[data-filter="kind=1-1"]').click()
    assert len(visible_beads(page)) == 6
    find(page, '#summary a[data-filter="confidence=low"]').click()
    assert visible_beads(page) == ["bead-5"]
    screenshot(page, "report-filtered")


def test_search_over_source_and_target(page: Any) -> None:
    box = page.find_element(by().ID, "f-search")
    box.send_keys("data bank")
    assert visible_beads(page) == ["bead-3"]
    box.clear()
    box.send_keys("乙")
    assert visible_beads(page) == ["bead-6"]
    assert "q=" in page.execute_script("return window.location.hash")


def test_keys_move_focus_between_problem_beads(page: Any) -> None:
    assert press(page, "j") == "bead-0"
    assert press(page, "j") == "bead-1"
    assert press(page, "j") == "bead-2"
    assert press(page, "k") == "bead-1"
    for _ in range(3):
        press(page, "n")
    assert press(page, "n") == "bead-6"  # bead 4 is clean: skipped
    assert press(page, "n") == "bead-7"
    assert press(page, "n") == "bead-0"  # wraps around past the clean beads 8 and 9
    assert "1 of 7" in page.find_element(by().ID, "position").text


def test_minimap_click_jumps_to_that_part_of_the_document(page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    minimap = page.find_element(by().ID, "minimap")
    height = minimap.size["height"]
    offset = int(height * 0.35) - height // 2  # selenium's offsets start at the centre
    ActionChains(page).move_to_element_with_offset(minimap, 0, offset).click().perform()
    assert page.switch_to.active_element.get_attribute("id") == "bead-3"
    drawn = page.execute_script(
        "var c = document.getElementById('minimap');"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i]) { n++; } } return n;")
    assert drawn > 0  # problems are painted on the strip


def test_details_panel_opens_beside_the_text_it_describes(page: Any) -> None:
    panel = page.find_element(by().ID, "details")
    assert not panel.is_displayed()
    screenshot(page, "report")
    mark = find(page, "#bead-0 mark.term-deprecated")
    mark.click()
    assert panel.is_displayed()
    assert "forbidden-term" in panel.text and "Artificial intelligence" in panel.text
    assert "machine intelligence" in panel.text  # the glossary's spelling of the hit
    overlap = page.execute_script(
        "var a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
        "return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || "
        "b.bottom <= a.top);", panel, find(page, "#bead-0 mark.term-deprecated"))
    assert not overlap
    screenshot(page, "report-details")
    press(page, "\ue00c")  # Escape
    assert not panel.is_displayed()


def test_edits_merge_move_confirm_undo_redo(page: Any) -> None:
    find(page, "#bead-1").click()
    press(page, "m")  # merge bead 2 (1-1) with bead 3 (1-0): a 2-1
    assert len(visible_beads(page)) == 9
    merged = find(page, "#bead-1")
    assert "kind-2-1" in str(merged.get_attribute("class")) and "EDITED" in merged.text.upper()
    press(page, "u")
    assert len(visible_beads(page)) == 10 and "kind-1-1" in str(
        find(page, "#bead-1").get_attribute("class"))
    press(page, "r")
    assert len(visible_beads(page)) == 9
    find(page, "#bead-5").click()  # the 3-1 bead, now sixth
    press(page, "]")  # its last source sentence goes to the next bead (the addition)
    assert "kind-2-1" in str(find(page, "#bead-5").get_attribute("class"))
    assert "kind-1-1" in str(find(page, "#bead-6").get_attribute("class"))
    assert press(page, "c") == "bead-5"  # the edited bead keeps the focus
    assert "confirmed" in str(find(page, "#bead-5").get_attribute("class")).split()
    find(page, "#bead-0").click()  # the toolbar's buttons edit the current bead
    find(page, ".toolbar button[data-edit=merge-next]").click()
    assert len(visible_beads(page)) == 8
    find(page, ".toolbar button[data-edit=move-tgt-next]").click()  # and split it again
    assert len(visible_beads(page)) == 8 and "kind-3-1" in str(
        find(page, "#bead-0").get_attribute("class"))
    press(page, "u")
    assert page.find_element(by().ID, "undo").is_enabled()
    screenshot(page, "report-edited")
    for _ in range(3):
        press(page, "u")
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(page).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
    assert len(visible_beads(page)) == 10
    assert not page.find_element(by().ID, "undo").is_enabled()


def test_decisions_persist_across_a_reload(page: Any, report_url: str) -> None:
    # a missing term has nothing in the translation to replace: it can be rejected, not accepted
    assert page.find_elements(by().CSS_SELECTOR, "#bead-1 button[data-decide=accept]") == []
    assert page.find_elements(by().CSS_SELECTOR, "#bead-1 button[data-decide=reject]")
    find(page, "#bead-0 button[data-decide=accept]").click()
    find(page, "#bead-3").click()
    reject_with_reason(page, "house style")
    select(page, "f-decision", "rejected")
    assert visible_beads(page) == ["bead-3"]
    assert "REJECTED: HOUSE STYLE" in find(page, "#bead-3 li.finding").text.upper()
    page.get("about:blank")
    page.get(report_url)
    assert "decision-accepted" in str(find(page, "#bead-0 li.finding").get_attribute("class"))
    assert "decision-rejected" in str(find(page, "#bead-3 li.finding").get_attribute("class"))
    exported = page.execute_script("return window.glossalignReport.decisions()")
    assert [(f["rule"], f["decision"], f["reason"]) for f in exported["findings"]] == [
        ("forbidden-term", "accepted", None), ("superseded-term", "rejected", "house style")]
    screenshot(page, "report-decisions")


def test_round_trip_browser_export_then_apply(driver: Any, downloads: Path, tmp_path: Path,
                                              inputs: dict[str, Path]) -> None:  # noqa: F811
    html = tmp_path / "report.html"
    assert run_cli(["report", *cli_args(inputs), "-o", str(html)]) == 0
    open_fresh(driver, html.as_uri())
    find(driver, "#bead-1").click()
    press(driver, "m")  # "First and second." + "Nothing here." really are one 2-2 bead
    press(driver, "c")
    find(driver, "#bead-0 button[data-decide=accept]").click()
    find(driver, "#bead-2").click()
    reject_with_reason(driver, "allowed here")
    for old in downloads.glob("*.json"):
        old.unlink()
    driver.find_element(by().ID, "export").click()
    deadline = time.monotonic() + 10
    while not list(downloads.glob("decisions-*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    (exported,) = downloads.glob("decisions-*.json")
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["schema"] == "glossalign-decisions" and document["schema_version"] == 1
    out = tmp_path / "applied"
    assert run_cli(["apply", "-d", str(exported), *cli_args(inputs), "-o", str(out),
                    "--accepted-by", "tester"]) == 0
    beads = (out / "alignment.beads").read_text(encoding="utf-8").splitlines()
    assert [line.rsplit(":", 1)[0] for line in beads] == ["[0]:[0]", "[1, 2]:[1, 2]", "[3]:[3]"]
    assert (out / "en.corrected.txt").read_text(encoding="utf-8") == TARGET.replace(
        "Machine intelligence", "Artificial intelligence")
    (entry,) = json.loads((out / "ignore.json").read_text(encoding="utf-8"))["ignore"]
    assert (entry["rule"], entry["reason"], entry["accepted-by"]) == (
        "superseded-term", "allowed here", "tester")


def long_result(beads: int) -> Any:
    src = tuple(Segment(f"第{i}句话。", "zh", "zh.txt", i + 1) for i in range(beads))
    tgt = tuple(Segment(f"Sentence number {i}.", "en", "en.txt", i + 1) for i in range(beads))
    links = tuple(Bead((i,), (i,), 0.1, 0.3 if i % 97 == 0 else 0.9) for i in range(beads))
    from test_report_html import sample_termbase

    return check_alignment(Alignment(src, tgt, links), sample_termbase(), "en", "zh")


def test_long_report_renders_only_what_is_on_screen(driver: Any, tmp_path: Path) -> None:
    path = tmp_path / "long.html"
    html = render_report(long_result(3000), title="long", low_confidence=0.5)
    path.write_text(html, encoding="utf-8")
    open_fresh(driver, path.as_uri())
    rendered = driver.execute_script("return document.querySelectorAll('.bead').length")
    assert 0 < rendered < 200
    for _ in range(5):
        press(driver, "k")  # backwards from the top: the last problems of the document
    assert driver.switch_to.active_element.get_attribute("id") == f"bead-{97 * 26}"
    assert find(driver, f"#bead-{97 * 26} .num").text == str(97 * 26 + 1)
    driver.find_element(by().ID, "f-search").send_keys("number 2999.")
    assert visible_beads(driver) == ["bead-2999"]


def test_print_stylesheet_hides_the_controls(page: Any) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not page.find_element(by().CSS_SELECTOR, ".toolbar").is_displayed()
        assert not page.find_element(by().ID, "minimap").is_displayed()
        assert find(page, "#bead-0 li.finding").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
