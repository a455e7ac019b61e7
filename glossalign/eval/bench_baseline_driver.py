"""Run one benchmark workload with another revision of glossalign (see ``bench_check``).

    PYTHONPATH=<old tree> python bench_baseline_driver.py WORKLOAD.json

Reads the workload (glossary terms, zh–en pairs, English sentences and terms), times the check
and the matcher with whatever ``glossalign`` is importable, and prints CPU seconds as JSON. Only
APIs that every revision since the matcher's first version has are used: ``TermMatcher.find``,
``check_alignment`` and ``Alignment.line_by_line``.
"""

from __future__ import annotations

import json
import sys
import time


def main(path: str) -> int:
    from glossalign.glossary.matcher import TermMatcher
    from glossalign.glossary.model import Term, TermBase
    from glossalign.pipeline.check import check_alignment
    from glossalign.stage_data import Alignment, Segment

    with open(path, encoding="utf-8") as handle:
        work = json.load(handle)
    termbase = TermBase.from_terms(Term(*row) for row in work["terms"])
    src = [Segment(zh, "zh", "src", i + 1) for i, (zh, _) in enumerate(work["pairs"])]
    tgt = [Segment(en, "en", "tgt", i + 1) for i, (_, en) in enumerate(work["pairs"])]
    check_alignment(Alignment.line_by_line(src[:200], tgt[:200]), termbase, "en", "zh")
    started = time.process_time()
    result = check_alignment(Alignment.line_by_line(src, tgt), termbase, "en", "zh")
    check_s = time.process_time() - started

    en_base = TermBase.from_terms(Term(f"t{i}", "en", text, "preferred")
                                  for i, text in enumerate(work["en_terms"]))
    matcher = TermMatcher(en_base, "en")
    sentences = work["sentences"]
    started = time.process_time()
    hits = sum(len(matcher.find(text, i)) for i, text in enumerate(sentences))
    match_s = time.process_time() - started
    json.dump({"check_s": check_s, "findings": len(result.findings), "match_s": match_s,
               "hits": hits}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
