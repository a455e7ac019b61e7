"""Term matchers to measure ours against, on the same sentences and terms, in the same run.

- raw Aho-Corasick: the terms, lowercased, searched in the lowercased text (``ahocorasick_rs``,
  batches of sentences joined by newlines): no word boundaries, no stemming: the floor.
- flashtext ``KeywordProcessor``: whole words, case-insensitive, no stemming.
- spaCy ``PhraseMatcher`` on a blank English pipeline with ``attr="LOWER"``: tokenised, no
  stemming (lemmas would need a trained pipeline, which cannot be downloaded here).
- ours: :class:`TermMatcher.find_many` (stemming, boundaries, articles, contractions), on the
  compiled path when it is built, and on its pure-Python path (same hits) for comparison.

Each ``run_*`` returns (CPU seconds, hits); building is timed apart by :func:`build`.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from glossalign.glossary.matcher import TermMatcher
from glossalign.glossary.model import Term, TermBase

_BATCH = 5_000  # sentences per raw automaton call (ours batches by size, about the same)


@dataclass(frozen=True)
class Built:
    name: str
    matcher: Any
    seconds: float
    peak_mb: float | None


def termbase_of(terms: Sequence[str]) -> TermBase:
    return TermBase.from_terms(Term(f"t{i}", "en", text, "preferred")
                               for i, text in enumerate(terms))


def build_ours(terms: Sequence[str]) -> Any:
    return TermMatcher(termbase_of(terms), "en")


def build_ours_python(terms: Sequence[str]) -> Any:
    return TermMatcher(termbase_of(terms), "en", compiled=False)


def build_raw(terms: Sequence[str]) -> Any:
    from ahocorasick_rs import AhoCorasick

    return AhoCorasick([t.lower() for t in terms])


def build_flashtext(terms: Sequence[str]) -> Any:
    from flashtext import KeywordProcessor

    processor = KeywordProcessor()
    for term in terms:
        processor.add_keyword(term)
    return processor


def build_spacy(terms: Sequence[str]) -> Any:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TERM", [nlp.make_doc(term) for term in terms])
    return nlp, matcher


BUILDERS: dict[str, Callable[[Sequence[str]], Any]] = {
    "raw Aho-Corasick (lowercased)": build_raw,
    "flashtext": build_flashtext,
    "spaCy PhraseMatcher (LOWER)": build_spacy,
    "glossalign TermMatcher": build_ours,
    "glossalign TermMatcher, pure-Python path": build_ours_python,
}


def build(name: str, terms: Sequence[str], measure_memory: bool = False) -> Built:
    """A matcher built from ``terms``: CPU seconds, and the peak Python memory if asked."""
    if measure_memory:
        tracemalloc.start()
    started = time.process_time()
    matcher = BUILDERS[name](terms)
    seconds = time.process_time() - started
    peak = None
    if measure_memory:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return Built(name, matcher, seconds, peak)


def run(built: Built, sentences: Sequence[str]) -> tuple[float, int]:
    """(CPU seconds, hits) for matching every sentence."""
    runner = RUNNERS[built.name]
    started = time.process_time()
    hits = runner(built.matcher, sentences)
    return time.process_time() - started, hits


def _run_raw(automaton: Any, sentences: Sequence[str]) -> int:
    hits = 0
    for i in range(0, len(sentences), _BATCH):
        text = "\n".join(sentences[i:i + _BATCH]).lower()
        hits += len(automaton.find_matches_as_indexes(text))
    return hits


def _run_flashtext(processor: Any, sentences: Sequence[str]) -> int:
    extract = processor.extract_keywords
    return sum(len(extract(sentence)) for sentence in sentences)


def _run_spacy(pipeline: Any, sentences: Sequence[str]) -> int:
    nlp, matcher = pipeline
    return sum(len(matcher(nlp.make_doc(sentence))) for sentence in sentences)


def _run_ours(matcher: TermMatcher, sentences: Sequence[str]) -> int:
    # In batches whose hits are dropped once counted, as the other runners drop theirs: hits
    # kept alive for the whole corpus would charge the garbage collector to us alone.
    return sum(sum(map(len, matcher.find_many(sentences[i:i + _BATCH])))
               for i in range(0, len(sentences), _BATCH))


RUNNERS: dict[str, Callable[[Any, Sequence[str]], int]] = {
    "raw Aho-Corasick (lowercased)": _run_raw,
    "flashtext": _run_flashtext,
    "spaCy PhraseMatcher (LOWER)": _run_spacy,
    "glossalign TermMatcher": _run_ours,
    "glossalign TermMatcher, pure-Python path": _run_ours,
}
