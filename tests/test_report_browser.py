"""The HTML report in a real headless Chromium: no script injection, highlights, filter, keys.

Needs Debian's ``chromium`` and ``chromium-driver`` packages and the ``selenium`` package; the
test is skipped when any of them is missing. Selenium is pointed at /usr/bin/chromedriver so that
selenium-manager never downloads anything.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_html import CLEAN_BEADS, SCRIPT, render  # tests/ is on sys.path under pytest

pytestmark = pytest.mark.browser

CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium = _chromium()
    if chromium is None or not CHROMEDRIVER.is_file():
        pytest.skip("chromium and /usr/bin/chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1400,1300",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(), encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def page(driver: Any, report_url: str) -> Any:
    driver.get(report_url)
    return driver


def _by() -> Any:
    from selenium.webdriver.common.by import By

    return By


def visible_beads(driver: Any) -> list[str]:
    beads = driver.find_elements(_by().CSS_SELECTOR, "tbody.bead")
    return [b.get_attribute("id") for b in beads if b.is_displayed()]


def press(driver: Any, key: str) -> str:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()
    return str(driver.switch_to.active_element.get_attribute("id"))


def test_script_in_the_translation_is_shown_not_run(page: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert page.execute_script("return window.__xss") is None
    target = page.find_element(_by().CSS_SELECTOR, "#bead-4 td.tgt .text")
    assert SCRIPT in target.text
    assert page.execute_script("return document.querySelectorAll('td.tgt script').length") == 0


def test_highlights_carry_status_and_finding_classes(page: Any) -> None:
    by = _by()
    forbidden = page.find_element(by.CSS_SELECTOR, "#bead-0 td.tgt mark.term-deprecated")
    assert forbidden.text == "Machine intelligence"
    assert "rule-forbidden-term" in forbidden.get_attribute("class")
    assert "Artificial intelligence" in forbidden.get_attribute("title")
    missing = page.find_element(by.CSS_SELECTOR, "#bead-1 td.src mark.rule-missing-term")
    assert missing.text == "机器学习"
    superseded = page.find_element(by.CSS_SELECTOR, "#bead-3 td.tgt mark.term-superseded")
    assert superseded.text == "data bank"
    omission = page.find_element(by.ID, "bead-2")
    assert "omission" in omission.get_attribute("class").split()
    assert "OMISSION" in omission.find_element(by.CSS_SELECTOR, ".badge-omission").text.upper()
    assert page.find_elements(by.CSS_SELECTOR, "#bead-8 mark.term-deprecated") == []


def test_problem_filter_hides_clean_beads_and_restores_them(page: Any) -> None:
    every = visible_beads(page)
    assert len(every) == 10
    checkbox = page.find_element(_by().ID, "only-problems")
    checkbox.click()
    problems = visible_beads(page)
    assert problems == [f"bead-{i}" for i in range(10) if i not in CLEAN_BEADS]
    checkbox.click()
    assert visible_beads(page) == every


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
    assert "1 of 7" in page.find_element(_by().ID, "position").text


def test_clicking_a_highlight_opens_the_details_panel_and_screenshot(page: Any) -> None:
    by = _by()
    panel = page.find_element(by.ID, "details")
    assert not panel.is_displayed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "report.png"))
    page.find_element(by.CSS_SELECTOR, "#bead-0 mark.term-deprecated").click()
    assert panel.is_displayed()
    assert "forbidden-term" in panel.text and "Artificial intelligence" in panel.text
    assert "machine intelligence" in panel.text  # the glossary's spelling of the hit
    page.execute_script("window.scrollTo(0, 0)")
    page.save_screenshot(str(ARTIFACTS / "report-details.png"))
    press(page, "\ue00c")  # Escape
    assert not panel.is_displayed()
