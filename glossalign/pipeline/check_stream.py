"""Target-only check of a large file in constant memory per line.

:func:`check_target_file` reads the file lazily, a block of lines at a time, matches terms and runs
the per-segment rules on each block, and keeps of each block only its findings (spilled to a
temporary file) and, for the document-wide ``inconsistent-term`` rule, a compact record of every
term occurrence (five integers). Fingerprints, the baseline and ignore entries are applied to
each finding as it is made. When the file is read, the findings come back in exactly the order
and with exactly the content that the in-memory check (:func:`~glossalign.pipeline.run_check.
run_check`) gives on the whole file: the spilled findings, already in document order, merged
with the document-wide findings, each built only when it is written.

What grows with the input: the spill file on disk and 40 bytes per term occurrence (the locations
that ``inconsistent-term`` lists). What does not: the text, the segments, the hits, the findings.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from glossalign.corpora.readers import decode_utf8
from glossalign.errors import reading
from glossalign.glossary.checks import (
    RULES,
    CheckContext,
    Rendering,
    Rule,
    finding_order,
    inconsistent_finding,
    run_rules,
)
from glossalign.glossary.fingerprints import fill_fingerprints
from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import TermBase
from glossalign.pipeline.check import gc_paused, match_terms, matcher_for
from glossalign.pipeline.triage import IgnoreEntry, Triage, fingerprint
from glossalign.stage_data import Alignment, Bead, Finding, Location, Segment, Severity, TermHit
from glossalign.stdio import is_stdio, stdin_stream

_BLOCK_LINES = 2000
_BLOCK_CHARS = 1 << 20
_STREAMED_DOCUMENT_RULES = frozenset({"inconsistent-term"})
SortKey = tuple[int, int, int, str]


def can_stream(rules: Iterable[Rule]) -> bool:
    """Whether every document-wide rule among ``rules`` has a streaming form here."""
    return all(not r.document_wide or r.id in _STREAMED_DOCUMENT_RULES for r in rules)


def iter_lines(path: str | Path, lang: str) -> Iterator[Segment]:
    """One segment per line, read lazily: the same segments as ``readers.read_lines``."""
    path = Path(path)
    with reading(path):
        # stdin is read as it comes, and left open: it is not ours to close
        handle = nullcontext(stdin_stream()) if is_stdio(path) else path.open("rb")
    number = 0
    with handle as stream:
        for raw in stream:
            text = _decode(raw, path, number + 1)
            if number == 0:
                text = text.removeprefix("\ufeff")
            for line in text.rstrip("\n").removesuffix("\r").split("\r"):
                number += 1  # a lone CR ends a line too, as read_text treats it
                yield Segment(line, lang, str(path), number)


def _decode(raw: bytes, path: Path, line: int) -> str:
    return decode_utf8(raw, path, first_line=line)


def _blocks(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    block: list[Segment] = []
    chars = 0
    for segment in segments:
        block.append(segment)
        chars += len(segment.text)
        if len(block) >= _BLOCK_LINES or chars >= _BLOCK_CHARS:
            yield block
            block, chars = [], 0
    if block:
        yield block


@dataclass(slots=True)
class _Variant:
    """One spelling of one concept: its first occurrence and where every occurrence is."""

    term: str
    status: str
    found: str
    target: Location
    bead: int | None
    segment_text: str  # of the first occurrence: the finding's fingerprint hashes it
    places: array[int] = field(default_factory=lambda: array("q"))  # line, column, seg, start, end


class _RenderingTracker:
    """Compact record of term occurrences for the streaming ``inconsistent-term`` rule."""

    def __init__(self) -> None:
        self._concepts: dict[str, dict[str, _Variant]] = {}
        self._folded: dict[str, str] = {}  # glossary spelling -> casefolded, once per spelling

    def add(self, hit: TermHit, block: list[Segment], index: int, bead: int | None) -> None:
        """Record ``hit``, found in ``block[hit.segment]``, segment ``index`` of the file."""
        line, column = block[hit.segment].position(hit.start)
        variants = self._concepts.get(hit.concept)
        if variants is None:
            variants = self._concepts[hit.concept] = {}
        key = self._folded.get(hit.term)
        if key is None:
            key = self._folded[hit.term] = hit.term.casefold()
        variant = variants.get(key)
        if variant is None:
            target = replace(Location.of(block, hit.segment, hit.start, hit.end), segment=index)
            variant = _Variant(hit.term, hit.status, hit.text, target, bead,
                               block[hit.segment].text)
            variants[key] = variant
        variant.places.extend((line, column, index, hit.start, hit.end))

    def findings(self, termbase: TermBase, tgt_lang: str, severity: Severity
                 ) -> list[tuple[Finding, Callable[[], Finding]]]:
        """Each finding's outline (no message, no details: what sorting, fingerprints and
        ignore entries look at) and its builder: a finding is built only when it is written."""
        out = []
        for concept, variants in self._concepts.items():
            if len(variants) < 2:
                continue
            ordered = sorted(variants.values(), key=lambda v: (-len(v.places), v.target.segment))
            second = min(ordered[1:], key=lambda v: v.target.segment)
            outline = Finding("inconsistent-term", severity, "", concept=concept,
                              found=second.found, target=second.target)
            local = Alignment((), (Segment(second.segment_text, tgt_lang),), ())
            outline = replace(outline, fingerprint=fingerprint(
                replace(outline, target=replace(second.target, segment=0)), local))
            build = _builder(concept, list(variants.values()), termbase, tgt_lang, outline)
            out.append((outline, build))
        out.sort(key=lambda item: finding_order(item[0]))
        return out


def _builder(concept: str, variants: list[_Variant], termbase: TermBase, tgt_lang: str,
             outline: Finding) -> Callable[[], Finding]:
    def build() -> Finding:
        renderings = [Rendering(v.term, v.status, v.found, v.target.segment, v.target, v.bead,
                                _Locations(v.places)) for v in variants]
        finding = inconsistent_finding(concept, renderings, termbase, tgt_lang)
        return replace(finding, severity=outline.severity, fingerprint=outline.fingerprint)
    return build


class _Locations(list[dict[str, object]]):
    """The locations of one rendering, made one at a time as they are read or written.

    A list subclass (empty underneath) so that the JSON encoder writes it as a list: ``len`` and
    iteration read the compact array, and a concept found a million times never exists as a
    million dicts at once.
    """

    def __init__(self, places: array[int]):
        super().__init__()
        self._places = places

    def __len__(self) -> int:
        return len(self._places) // 5

    def __iter__(self) -> Iterator[dict[str, object]]:
        places = self._places
        for k in range(0, len(places), 5):
            yield {"line": places[k], "column": places[k + 1], "segment": places[k + 2],
                   "start": places[k + 3], "end": places[k + 4]}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and list(iter(self)) == list(iter(other))

    __hash__ = None


@dataclass
class StreamedCheck:
    """A finished streaming check: counts now, findings (once) in document order."""

    tgt_lang: str
    rules: tuple[Rule, ...]
    glossary_hash: str
    segments: int = 0
    beads: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    triage: StreamTriage = field(default_factory=lambda: StreamTriage(Counter(), ()))
    _spill: IO[bytes] | None = None
    _spilled: int = 0
    _document: list[tuple[SortKey, Callable[[], Finding]]] = field(default_factory=list)

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(n and Severity(s).rank >= threshold for s, n in self.by_severity.items())

    def findings(self) -> Iterator[Finding]:
        """Every finding, sorted as ``run_rules`` sorts them; the spill file is closed after."""
        document = ((key, build) for key, build in self._document)
        merged = heapq.merge(self._read_spill(), document, key=lambda item: item[0])
        try:
            for _, build in merged:
                yield build()
        finally:
            self.close()

    def _read_spill(self) -> Iterator[tuple[SortKey, Callable[[], Finding]]]:
        if self._spill is None:
            return
        self._spill.seek(0)
        for _ in range(self._spilled):
            finding: Finding = pickle.load(self._spill)
            yield finding_order(finding), _returning(finding)

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None


@dataclass
class StreamTriage:
    """Baseline and ignore entries applied one finding at a time, as :func:`triage` does.

    Applying them block by block gives the same result as on the whole list: a baseline is
    counted per fingerprint, a fingerprint includes the rule, and all of one rule's findings
    arrive in document order (per block, or all document-wide ones at the end).
    """

    remaining: Counter[str]
    ignores: tuple[IgnoreEntry, ...]
    baselined: int = 0
    ignored: int = 0
    used: set[int] = field(default_factory=set)

    def keep(self, finding: Finding) -> bool:
        if self.remaining[finding.fingerprint] > 0:
            self.remaining[finding.fingerprint] -= 1
            self.baselined += 1
            return False
        hit = next((i for i, e in enumerate(self.ignores) if e.matches(finding)), None)
        if hit is None:
            return True
        self.used.add(hit)
        self.ignored += 1
        return False

    def summary(self) -> Triage:
        unused = tuple(e for i, e in enumerate(self.ignores) if i not in self.used)
        return Triage((), self.baselined, self.ignored, unused)


def _returning(finding: Finding) -> Callable[[], Finding]:
    return lambda: finding


def check_target_file(path: str | Path, termbase: TermBase, tgt_lang: str,
                      rules: tuple[Rule, ...] = RULES,
                      triage: StreamTriage | None = None) -> StreamedCheck:
    """Check a translation file line by line (target-only mode), reading it once, lazily."""
    return check_target_segments(iter_lines(path, tgt_lang), termbase, tgt_lang, rules, triage)


def check_target_segments(segments: Iterable[Segment], termbase: TermBase, tgt_lang: str,
                          rules: tuple[Rule, ...] = RULES,
                          triage: StreamTriage | None = None) -> StreamedCheck:
    """Like :func:`~glossalign.pipeline.check.check_target` followed by :func:`triage`, but the
    segments may be a lazy stream (see the module)."""
    if not can_stream(rules):
        raise ValueError("a document-wide rule has no streaming form")
    result = StreamedCheck(tgt_lang, rules, termbase.content_hash())
    if triage is not None:
        result.triage = triage
    result._spill = tempfile.TemporaryFile(prefix="glossalign-findings-")
    segment_rules = tuple(r for r in rules if not r.document_wide and not r.needs_source)
    tracker = _RenderingTracker() if any(r.document_wide for r in rules) else None
    matcher = matcher_for(termbase, tgt_lang)
    try:
        for block in _blocks(segments):
            _check_block(block, result, termbase, segment_rules, tracker, matcher)
    except BaseException:
        result.close()
        raise
    if tracker is not None:
        _add_document_findings(result, tracker, termbase, rules)
    return result


def _check_block(block: list[Segment], result: StreamedCheck, termbase: TermBase,
                 rules: tuple[Rule, ...], tracker: _RenderingTracker | None,
                 matcher: TermMatcher) -> None:
    first_segment, first_bead = result.segments, result.beads
    local_beads = [i for i, seg in enumerate(block) if seg.text.strip()]
    alignment = Alignment((), tuple(block), tuple(Bead((), (i,)) for i in local_beads))
    with gc_paused():
        hits = match_terms(block, matcher)
        ctx = CheckContext.build(alignment, termbase, result.tgt_lang, None, (), hits)
        findings = fill_fingerprints(run_rules(ctx, rules), alignment)
    assert result._spill is not None
    for finding in findings:
        finding = _shift(finding, first_segment, first_bead)
        if not result.triage.keep(finding):
            continue
        pickle.dump(finding, result._spill, pickle.HIGHEST_PROTOCOL)
        result._spilled += 1
        result.by_severity[finding.severity.value] += 1
        result.by_rule[finding.rule] += 1
    if tracker is not None:
        for local, seg_hits in enumerate(hits):
            bead = ctx.tgt_beads.get(local)
            for hit in seg_hits:
                tracker.add(hit, block, first_segment + local,
                            None if bead is None else first_bead + bead)
    result.segments += len(block)
    result.beads += len(local_beads)


def _shift(finding: Finding, segments: int, beads: int) -> Finding:
    """A block's finding with segment and bead numbers counted from the start of the file."""
    # Field by field rather than dataclasses.replace, which inspects the class on every call:
    # this runs once per finding of a file.
    f, target = finding, finding.target
    if target is not None:
        t = target
        target = Location(t.path, t.segment + segments, t.line, t.column, t.start, t.end,
                          t.end_line, t.end_column, t.unit)
    bead = f.bead + beads if f.bead is not None else None
    return Finding(f.rule, f.severity, f.message, f.concept, f.found, f.suggestion, f.source,
                   target, bead, f.details, f.fingerprint)


def _add_document_findings(result: StreamedCheck, tracker: _RenderingTracker,
                           termbase: TermBase, rules: tuple[Rule, ...]) -> None:
    [rule] = [r for r in rules if r.id == "inconsistent-term"]
    kept = []
    for outline, build in tracker.findings(termbase, result.tgt_lang, rule.severity):
        if result.triage.keep(outline):
            kept.append((finding_order(outline), build))
            result.by_severity[rule.severity.value] += 1
            result.by_rule[rule.id] += 1
    result._document = kept
