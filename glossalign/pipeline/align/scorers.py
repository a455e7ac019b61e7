"""Registry of the aligner's sentence scorers, chosen by name: ``lexical``, ``use``, ``hf:<model>``.

A scorer is one module that calls :func:`register_scorer` when imported. The built-in ones are
imported only when their name is asked for (so ``lexical`` never loads an encoder, and nothing
loads at import); a third-party package registers its module under the ``glossalign.scorers``
entry-point group. Each entry says which languages it covers; :func:`make_scorer` falls back to
the lexical scorer, with a warning, when a pair is not covered.

Encoder scorers are combined with the lexical one (names, numbers, glossary anchors and the learnt
dictionary still count): see :mod:`glossalign.pipeline.align.combined`.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from glossalign.errors import UsageError
from glossalign.glossary.model import base_lang
from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.lexicon import Lexicon, default_lexicon
from glossalign.pipeline.align.similarity import SentenceScorer

log = logging.getLogger(__name__)
_ENTRY_POINT_GROUP = "glossalign.scorers"
_BUILTIN_MODULES = {
    "use": "glossalign.pipeline.align.use_scorer",
    "hf": "glossalign.pipeline.align.neural",
}


@dataclass(frozen=True, slots=True)
class ScorerRequest:
    """What a scorer factory may use: the pair, the lexical resources, the settings."""

    src_lang: str
    tgt_lang: str
    config: AlignConfig | None = None  # None: the chosen scorer's tuned settings
    lexicon: Lexicon | None = None
    term_pairs: tuple[tuple[str, str], ...] = ()
    argument: str | None = None  # the part after "name:" (a model id or folder for hf)
    # The settings of the lexical path (the caller's, else the defaults, without the scorer's
    # tuned ones): the two-pass encoder scorers run it first.
    first_pass_config: AlignConfig | None = None


@dataclass(frozen=True, slots=True)
class ScorerEntry:
    name: str
    summary: str
    build: Callable[[ScorerRequest], SentenceScorer]
    languages: frozenset[str] | None = None  # None: every language (or unknown: not checked)
    needs_argument: bool = False
    # AlignConfig settings this scorer was tuned with (on the dev splits), used when the caller
    # gives no config of its own.
    tuned: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChosenScorer:
    """What :func:`make_scorer` picked: the scorer, its name and the settings to align with."""

    name: str
    scorer: SentenceScorer
    config: AlignConfig


_registry: dict[str, ScorerEntry] = {}


def register_scorer(entry: ScorerEntry) -> None:
    """Make a scorer available under ``entry.name`` (a later registration replaces it)."""
    _registry[entry.name] = entry


def lexical_scorer(request: ScorerRequest) -> SentenceScorer:
    """The offline lexical scorer with the pair's bundled lexicon and the glossary's term pairs."""
    from glossalign.pipeline.align.lexical import LexicalScorer

    lexicon = (request.lexicon if request.lexicon is not None
               else default_lexicon(request.src_lang, request.tgt_lang))
    if request.term_pairs:
        lexicon = lexicon.merged(Lexicon.from_phrases(list(request.term_pairs),
                                                      request.src_lang, request.tgt_lang))
    return LexicalScorer(lexicon, request.config or AlignConfig())


def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for point in entry_points(group=_ENTRY_POINT_GROUP):
        if point.name not in _registry:
            try:
                point.load()
            except Exception as err:  # a broken plug-in must not break the built-in scorers
                log.warning("cannot load the scorer plug-in %s: %s", point.name, err)


def scorer_entry(name: str) -> ScorerEntry:
    """The registered entry for ``name`` (importing its module on first use)."""
    if name not in _registry and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    if name not in _registry:
        _load_plugins()
    if name not in _registry:
        raise UsageError(f"unknown scorer {name!r}; choose from {', '.join(scorer_names())}")
    return _registry[name]


def scorer_names() -> list[str]:
    """Names that :func:`make_scorer` accepts (``hf`` is written ``hf:<model>``)."""
    return sorted(set(_BUILTIN_MODULES) | set(_registry))


def _uncovered(entry: ScorerEntry, src_lang: str, tgt_lang: str) -> list[str]:
    if entry.languages is None:
        return []
    return [lang for lang in (src_lang, tgt_lang) if base_lang(lang) not in entry.languages]


def _settings(entry: ScorerEntry, config: AlignConfig | None) -> AlignConfig:
    if config is not None:
        return config
    return dataclasses.replace(AlignConfig(), **entry.tuned)  # type: ignore[arg-type]


def make_scorer(spec: str, request: ScorerRequest) -> ChosenScorer:
    """The scorer named by ``spec`` (``lexical``, ``use``, ``hf:<model id or folder>``).

    A pair the scorer does not cover falls back to ``lexical`` with a warning naming the language.
    """
    name, _, argument = spec.partition(":")
    entry = scorer_entry(name.strip())
    if entry.needs_argument and not argument.strip():
        raise UsageError(f"the {entry.name} scorer needs a model: {entry.name}:<model id or "
                         "folder>")
    missing = _uncovered(entry, request.src_lang, request.tgt_lang)
    if missing:
        log.warning("the %s scorer does not cover %s (it knows %s): aligning with the lexical "
                    "scorer instead", entry.name, " and ".join(repr(m) for m in missing),
                    ", ".join(sorted(entry.languages or ())))
        entry = scorer_entry("lexical")
    config = _settings(entry, request.config)
    scorer = entry.build(ScorerRequest(request.src_lang, request.tgt_lang, config,
                                       request.lexicon, request.term_pairs,
                                       argument.strip() or None,
                                       request.config or AlignConfig()))
    return ChosenScorer(entry.name, scorer, config)


def describe_scorers() -> list[tuple[str, str, str]]:
    """(name, summary, languages) of every scorer, for documentation and ``--help``."""
    rows = []
    for name in scorer_names():
        entry = scorer_entry(name)
        languages = "any" if entry.languages is None else ", ".join(sorted(entry.languages))
        rows.append((name, entry.summary, languages))
    return rows


register_scorer(ScorerEntry(
    "lexical", "length + dictionary (CC-CEDICT for zh-en) + anchors + learnt word pairs",
    lexical_scorer))
