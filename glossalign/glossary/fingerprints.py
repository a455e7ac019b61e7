"""Finding fingerprints: 16 hex digits that say what a finding *is*, not where it is.

A fingerprint hashes the rule, the concept, the found text and the text of the finding's segment
(whitespace normalised), so it survives edits elsewhere in the file (see
:mod:`glossalign.pipeline.triage` for baselines and ignore files that use it). It lives here,
below the pipeline, so that the check rules can fingerprint a finding as they make it instead of
making every finding twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from glossalign.stage_data import Alignment, Finding, Location

# A segment longer than this (a whole long line) enters fingerprints as a digest of its text,
# computed once per segment: hashing its text for every finding made one long line quadratic.
# Shorter segments (all ordinary ones) keep their text, so their fingerprints are unchanged.
_LONG_SEGMENT = 10_000
SegmentKeys = dict[tuple[str, int], str]


def _segment_key(text: str) -> str:
    # Every white-space character but the space is unprintable: printable text with no double,
    # leading or trailing space is already normalised (most segments; no split and join).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        normalised = text
    else:
        normalised = " ".join(text.split())
    if len(normalised) <= _LONG_SEGMENT:
        return normalised
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def fingerprint_of(rule: str, concept: str | None, found: str | None, target: Location | None,
                   source: Location | None, alignment: Alignment,
                   keys: SegmentKeys | None = None) -> str:
    """The fingerprint of a finding with these fields (see :func:`fingerprint`)."""
    side: tuple[str, int] | None = None
    if target is not None and target.segment < len(alignment.tgt_segments):
        side = ("tgt", target.segment)
    elif source is not None and source.segment < len(alignment.src_segments):
        side = ("src", source.segment)
    segment_key = ""
    if side is not None:
        cached = keys.get(side) if keys is not None else None
        if cached is None:
            segments = alignment.tgt_segments if side[0] == "tgt" else alignment.src_segments
            cached = _segment_key(segments[side[1]].text)
            if keys is not None:
                keys[side] = cached
        segment_key = cached
    parts = (rule, concept or "", found or "", segment_key)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def fingerprint(finding: Finding, alignment: Alignment, keys: SegmentKeys | None = None) -> str:
    """16 hex digits from rule, concept, found text and the segment's text.

    ``keys`` caches each segment's part of the hash across the findings of one alignment.
    """
    return fingerprint_of(finding.rule, finding.concept, finding.found, finding.target,
                          finding.source, alignment, keys)


def with_fingerprint(finding: Finding, print_: str) -> Finding:
    """``replace(finding, fingerprint=print_)``, field by field: ``replace`` inspects the
    fields of the class on every call, a cost the check pays once per finding."""
    f = finding
    return Finding(f.rule, f.severity, f.message, f.concept, f.found, f.suggestion, f.source,
                   f.target, f.bead, f.details, print_)


def with_fingerprints(findings: Sequence[Finding], alignment: Alignment) -> tuple[Finding, ...]:
    """Every finding with its fingerprint (computed afresh)."""
    keys: SegmentKeys = {}
    return tuple(with_fingerprint(f, fingerprint(f, alignment, keys)) for f in findings)


def fill_fingerprints(findings: Sequence[Finding], alignment: Alignment) -> tuple[Finding, ...]:
    """Every finding with its fingerprint, computed only for those made without one (the rules
    that fingerprint their findings as they make them have done the rest)."""
    keys: SegmentKeys = {}
    return tuple(f if f.fingerprint else with_fingerprint(f, fingerprint(f, alignment, keys))
                 for f in findings)
