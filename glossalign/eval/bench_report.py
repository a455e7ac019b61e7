"""Benchmark: the editor's report on a long document, against the previous report, in one run.

    python -m glossalign.eval.bench_report [--beads 10000] [--loads 3] [--no-browser]

The demo corpus (zh source, MT English) is repeated until it has ``--beads`` sentence pairs and
aligned for real; the check runs on that alignment and both report generators render it: ours
and the baseline, the generator as it was before the workbench (commit ``037a824``, read from git;
the baseline columns are left out when git or that commit is not at hand). Generation is CPU time.

Page timings come from headless Chromium (the flags of the browser tests) through selenium, read
from the page with ``performance.now()``: *interactive* is the later of the load event and the
first contentful paint (median of ``--loads`` loads); a key press or filter change is timed from
dispatching the event to the end of the forced style and layout that follows (20 presses, 12
filter changes; the targets are judged on the 90th percentile). These are wall times in a shared
VM, so the table gives the baseline's numbers from the same run beside ours.

The low-confidence flag is measured against gold alignments (Text+Berg de-fr, ParIce en-is and
the demo's two gold files): the flag's precision (flagged beads that are really wrong) per
threshold. A threshold is chosen on the dev split only (F0.5) and reported on the test split.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from glossalign.corpora.demo import demo_path
from glossalign.eval.align_score import BeadPair, read_gold
from glossalign.eval.flag_precision import (
    CONFIDENCE_THRESHOLDS,
    SCORE_THRESHOLDS,
    best_threshold,
    flag_score,
)
from glossalign.eval.table_output import emit
from glossalign.glossary.io import read_glossary
from glossalign.pipeline.align import align_segments
from glossalign.pipeline.check import CheckResult, check_alignment
from glossalign.pipeline.report_html import render_report
from glossalign.pipeline.report_view import DEFAULT_UNSURE_SCORE
from glossalign.stage_data import Alignment, Bead, Segment

LEGACY_COMMIT = "037a824"
LEGACY_FILES = ("glossalign/pipeline/report_html.py", "glossalign/pipeline/templates/report.js",
                "glossalign/pipeline/templates/report.css",
                "glossalign/pipeline/templates/report.html.j2")
REPO = Path(__file__).resolve().parents[2]
GOLD = REPO.parent / "shared" / "eval" / "align"
TARGETS = {"interactive_ms": 1500.0, "key_ms": 50.0, "filter_ms": 50.0, "extra_s": 3.0}
Renderer = Callable[..., str]


def tiled_demo(beads: int) -> tuple[list[Segment], list[Segment]]:
    """The demo's zh and MT en sentences, repeated until about ``beads`` pairs (one per line)."""
    src = demo_path("zh.txt").read_text(encoding="utf-8").splitlines()
    tgt = demo_path("en-mt.txt").read_text(encoding="utf-8").splitlines()
    gold_beads = len(read_gold(demo_path("zh-en-mt.align")))
    repeats = math.ceil(beads / gold_beads)
    return ([Segment(t, "zh", "zh.txt", k + 1) for k, t in enumerate(src * repeats)],
            [Segment(t, "en", "en.txt", k + 1) for k, t in enumerate(tgt * repeats)])


def first_beads(alignment: Alignment, count: int) -> Alignment:
    """The first ``count`` beads and the sentences they cover (beads are in document order)."""
    kept = alignment.beads[:count]
    src_end = max((i + 1 for b in kept for i in b.src), default=0)
    tgt_end = max((i + 1 for b in kept for i in b.tgt), default=0)
    return Alignment(alignment.src_segments[:src_end], alignment.tgt_segments[:tgt_end], kept)


def legacy_renderer() -> Renderer | None:
    """The report generator of ``LEGACY_COMMIT``, loaded from git into a scratch folder."""
    scratch = Path(tempfile.mkdtemp(prefix="glossalign-legacy-report-"))
    try:
        for name in LEGACY_FILES:
            text = subprocess.run(["git", "-C", str(REPO), "show", f"{LEGACY_COMMIT}:{name}"],
                                  check=True, capture_output=True, text=True).stdout
            (scratch / Path(name).name).write_text(text, encoding="utf-8")
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_file_location("glossalign_legacy_report",
                                                  scratch / "report_html.py")
    if spec is None or spec.loader is None:
        return None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(str(scratch)), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    setattr(module, "_asset", lambda name: (scratch / name).read_text(encoding="utf-8"))  # noqa: B010
    setattr(module, "_environment", lambda: environment)  # noqa: B010
    renderer: Renderer = module.render_report
    return renderer


def cpu(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    value = function()
    return value, time.process_time() - start


def generate(beads: int, folder: Path) -> dict[str, Any]:
    """Align, check and render both pages; CPU seconds and file sizes."""
    src, tgt = tiled_demo(beads)
    termbase = read_glossary(demo_path("glossary.csv"))
    alignment, align_s = cpu(lambda: align_segments(
        src, tgt, "zh", "en", term_pairs=termbase.term_pairs("zh", "en")))
    alignment = first_beads(alignment, beads)
    result, check_s = cpu(lambda: check_alignment(alignment, termbase, "en", "zh"))
    out: dict[str, Any] = {"beads": len(alignment.beads), "align_s": align_s, "check_s": check_s,
                           "findings": len(result.findings),
                           "text_bytes": sum(len(s.text.encode()) for s in
                                             alignment.src_segments + alignment.tgt_segments)}
    renderers: list[tuple[str, Renderer | None]] = [("ours", render_report),
                                                    ("baseline", legacy_renderer())]
    for name, renderer in renderers:
        if renderer is None:
            continue
        html, seconds = cpu(lambda r=renderer: render(r, result))  # type: ignore[misc]
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        out[name] = {"render_s": seconds, "bytes": path.stat().st_size, "path": path}
    return out


def render(renderer: Renderer, result: CheckResult) -> str:
    return renderer(result, title="bench", source_name="zh.txt", target_name="en.txt")


INTERACTIVE_JS = """
var nav = performance.getEntriesByType('navigation')[0];
var paint = performance.getEntriesByName('first-contentful-paint')[0];
return Math.max(nav.loadEventEnd, paint ? paint.startTime : 0);
"""
KEYS_JS = """
var keys = arguments[0], done = arguments[arguments.length - 1], times = [], i = 0;
function next() {
  if (i >= keys.length) { done(times); return; }
  var t0 = performance.now();
  document.body.dispatchEvent(new KeyboardEvent('keydown', {key: keys[i], bubbles: true}));
  document.body.getBoundingClientRect().height;
  times.push(performance.now() - t0);
  i++;
  requestAnimationFrame(function () { setTimeout(next, 0); });
}
next();
"""
FILTERS_JS = """
var specs = arguments[0], done = arguments[arguments.length - 1], times = [], i = 0;
function next() {
  if (i >= specs.length) { done(times); return; }
  var el = document.getElementById(specs[i][0]), t0 = performance.now();
  if (el.type === 'checkbox') { el.checked = specs[i][1]; } else { el.value = specs[i][1]; }
  el.dispatchEvent(new Event(el.type === 'search' ? 'input' : 'change', {bubbles: true}));
  document.body.getBoundingClientRect().height;
  times.push(performance.now() - t0);
  i++;
  requestAnimationFrame(function () { setTimeout(next, 0); });
}
next();
"""
OUR_FILTERS = [("f-rule", "missing-term"), ("f-rule", ""), ("f-severity", "error"),
               ("f-severity", ""), ("only-problems", True), ("only-problems", False),
               ("f-kind", "1-0"), ("f-kind", ""), ("f-search", "network"), ("f-search", ""),
               ("f-confidence", "low"), ("f-confidence", "")]
BASELINE_FILTERS = [("only-problems", True), ("only-problems", False)] * 6


def browser_timings(driver: Any, path: Path, loads: int, filters: Sequence[Any]) -> dict[str, Any]:
    interactive = []
    for _ in range(loads):
        driver.get("about:blank")
        driver.get(path.as_uri())
        interactive.append(float(driver.execute_script(INTERACTIVE_JS)))
    keys = driver.execute_async_script(KEYS_JS, ["j"] * 10 + ["k"] * 10)
    changes = driver.execute_async_script(FILTERS_JS, [list(f) for f in filters])
    return {"interactive_ms": statistics.median(interactive),
            "key_ms": statistics.median(keys), "key_p90_ms": percentile(keys, 0.9),
            "key_max_ms": max(keys), "filter_ms": statistics.median(changes),
            "filter_p90_ms": percentile(changes, 0.9), "filter_max_ms": max(changes)}


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_browser(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1400,1300",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(300)
    driver.set_page_load_timeout(300)
    return driver


def gold_documents(split: str) -> list[tuple[list[Bead], list[BeadPair]]]:
    """(our beads, gold beads) per document; dev: the first half of each set, test: the rest."""
    from glossalign.eval.bench_align import load_set
    from glossalign.pipeline.align.lexicon import default_lexicon

    documents = []
    for name in ("textberg", "parice"):
        docs = list(load_set(name, GOLD))
        half = docs[: len(docs) // 2] if split == "dev" else docs[len(docs) // 2:]
        for doc in half:
            src = [Segment(t, doc.src_lang, line=k + 1) for k, t in enumerate(doc.src)]
            tgt = [Segment(t, doc.tgt_lang, line=k + 1) for k, t in enumerate(doc.tgt)]
            lexicon = default_lexicon(doc.src_lang, doc.tgt_lang)
            beads = align_segments(src, tgt, doc.src_lang, doc.tgt_lang, lexicon=lexicon).beads
            documents.append((list(beads), list(doc.gold)))
    if split == "test":
        termbase = read_glossary(demo_path("glossary.csv"))
        src_lines = demo_path("zh.txt").read_text(encoding="utf-8").splitlines()
        for name in ("en-mt", "en-ref"):
            tgt_lines = demo_path(f"{name}.txt").read_text(encoding="utf-8").splitlines()
            beads = align_segments([Segment(t, "zh", line=k + 1) for k, t in enumerate(src_lines)],
                                   [Segment(t, "en", line=k + 1) for k, t in enumerate(tgt_lines)],
                                   "zh", "en", term_pairs=termbase.term_pairs("zh", "en")).beads
            documents.append((list(beads), read_gold(demo_path(f"zh-{name}.align"))))
    return documents


def flag_table() -> list[str]:
    dev, test = gold_documents("dev"), gold_documents("test")
    lines = ["| flag | dev flagged | dev precision | dev recall | test flagged | "
             "test precision | test recall |", "|---|---|---|---|---|---|---|"]
    chosen = {}
    for by, thresholds in (("confidence", CONFIDENCE_THRESHOLDS), ("score", SCORE_THRESHOLDS)):
        dev_scores = [flag_score(dev, t, by) for t in thresholds]
        test_scores = [flag_score(test, t, by) for t in thresholds]
        chosen[by] = best_threshold(dev_scores).threshold
        for d, t in zip(dev_scores, test_scores, strict=True):
            mark = " (best F0.5 on dev)" if d.threshold == chosen[by] else ""
            lines.append(f"| {by} < {d.threshold:g}{mark} | {d.flagged} | {d.precision:.3f} | "
                         f"{d.recall:.3f} | {t.flagged} | {t.precision:.3f} | {t.recall:.3f} |")
    dev_rate, test_rate = flag_score(dev, 0.0).error_rate, flag_score(test, 0.0).error_rate
    report_flag = flag_score(test, DEFAULT_UNSURE_SCORE, "score")
    lines += ["", f"Wrong beads (not exactly gold): dev {dev_rate:.3f}, test {test_rate:.3f} of "
              "all beads (the precision of flagging at random).",
              f"The report flags score < {DEFAULT_UNSURE_SCORE:g} (chosen on dev: "
              f"{chosen['score']:g}); on test its precision is {report_flag.precision:.3f} "
              f"({report_flag.flagged} flagged), {report_flag.precision / test_rate:.1f}x the "
              "base rate."]
    return lines


def verdict(name: str, value: float, target: float, unit: str) -> str:
    state = "met" if value <= target else f"not met (by {value - target:.1f} {unit})"
    return f"- {name}: {value:.1f} {unit} vs target <= {target:.0f} {unit}: {state}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beads", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-flags", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        gen = generate(args.beads, folder)
        emit(f"# Report benchmark: demo zh->en-mt repeated to {gen['beads']} beads "
              f"({gen['findings']} findings), {platform.machine()}, Python "
              f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}")
        emit(f"Load average before the browser runs: {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs (page timings are wall time: other jobs slow them).")
        pages: dict[str, dict[str, Any]] = {}
        if not args.no_browser:
            driver = start_browser(folder / "profile")
            try:
                for name, filters in (("ours", OUR_FILTERS), ("baseline", BASELINE_FILTERS)):
                    if name in gen:
                        pages[name] = browser_timings(driver, gen[name]["path"], args.loads,
                                                      filters)
            finally:
                driver.quit()
        emit("\n".join(result_lines(gen, pages)))
    if not args.no_flags:
        emit("\n## Low-confidence flag against gold alignments\n")
        emit("\n".join(flag_table()))
    return 0


def triple(page: dict[str, Any], name: str) -> str:
    return ", ".join(f"{page[f'{name}_{stat}ms']:.1f}" for stat in ("", "p90_", "max_"))


def result_lines(gen: dict[str, Any], pages: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["", f"Alignment of the repeated document: {gen['align_s']:.2f} CPU s; check: "
             f"{gen['check_s']:.2f} CPU s; text: {gen['text_bytes'] / 1e6:.2f} MB UTF-8.", "",
             "| page | render CPU s | file MB | file / text | interactive ms | j/k ms (median, "
             "p90, max) | filter ms (median, p90, max) |", "|---|---|---|---|---|---|---|"]
    for name in ("ours", "baseline"):
        if name not in gen:
            continue
        page = pages.get(name)
        timing = ("| — | — | — |" if page is None else
                  f"| {page['interactive_ms']:.0f} | {triple(page, 'key')} | "
                  f"{triple(page, 'filter')} |")
        lines.append(f"| {name} | {gen[name]['render_s']:.2f} | {gen[name]['bytes'] / 1e6:.2f} | "
                     f"{gen[name]['bytes'] / gen['text_bytes']:.1f}x {timing}")
    lines += ["", "Targets:"]
    lines.append(verdict("generation beyond the alignment (check + page)",
                         gen["check_s"] + gen["ours"]["render_s"], TARGETS["extra_s"], "CPU s"))
    ours = pages.get("ours")
    if ours is not None:
        lines.append(verdict("open and interactive", ours["interactive_ms"],
                             TARGETS["interactive_ms"], "ms"))
        lines.append(verdict("j/k (90th percentile of 20 presses)", ours["key_p90_ms"],
                             TARGETS["key_ms"], "ms"))
        lines.append(verdict("filter change (90th percentile of 12)", ours["filter_p90_ms"],
                             TARGETS["filter_ms"], "ms"))
    return lines


if __name__ == "__main__":
    sys.exit(main())
