"""The registry of pair and document formats: chosen by extension, verified by content.

A format is one module that subclasses :class:`PairFormat` and decorates it with
:func:`register`; :func:`format_for` picks one for a path and :func:`read_bilingual` reads it.
Every registered format passes ``tests/test_format_contract.py`` (write → read gives the same
units; bad input raises :class:`~glossalign.errors.GlossalignError`).

A bilingual file's segments are its units, already aligned: source segment ``i`` pairs with
target segment ``i``. ``fix`` writes the same format back through :meth:`PairFormat.write_back`,
touching only the targets that changed.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

from glossalign.corpora.readers import decode_utf8
from glossalign.errors import InputError, UsageError, reading
from glossalign.languages.bcp47 import same_language
from glossalign.safe_io import atomic_write_bytes
from glossalign.stage_data import Alignment, Bead, Segment
from glossalign.stdio import is_stdio, stdin_bytes

logger = logging.getLogger(__name__)

# Imported on first use so that ``glossalign --help`` loads none of them.
BUILTIN_MODULES = ("glossalign.corpora.plain", "glossalign.corpora.tmx",
                   "glossalign.corpora.xliff", "glossalign.corpora.po")
SNIFF_BYTES = 4096
REVIEW_NOTE = "glossalign: terminology corrected; please review"


@dataclass(frozen=True, slots=True)
class BilingualFile:
    """A file's units as aligned segments, with the languages the file declares (if any)."""

    format: str
    path: str
    alignment: Alignment
    src_lang: str | None
    tgt_lang: str | None
    skipped: int = 0  # units left out: untranslated, or marked not to translate

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [self.alignment.bead_texts(bead) for bead in self.alignment.beads]


class PairFormat:
    """One file format; subclasses fill in the class attributes and the methods they support."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    bilingual: ClassVar[bool] = True  # False: one side only (plain text)
    declares_languages: ClassVar[bool] = False
    # False for formats whose sniff accepts almost any text (plain text, TSV): they are chosen
    # by extension only, never by content alone.
    strong_signature: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        """Whether the first bytes of a file look like this format."""
        raise NotImplementedError

    def read(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> BilingualFile:
        raise NotImplementedError

    def write(self, document: BilingualFile, path: Path) -> None:
        """A new file holding ``document``'s units (for conversion and the contract test)."""
        raise NotImplementedError

    def write_back(self, original: Path, targets: Mapping[int, str], output: Path) -> int:
        """``original`` with target segment ``i`` replaced by ``targets[i]``, written to
        ``output``; changed units are marked for review. Returns how many units changed."""
        raise NotImplementedError


_REGISTRY: dict[str, PairFormat] = {}
_loaded = False
F = TypeVar("F", bound=type[PairFormat])


def register(cls: F) -> F:
    """Class decorator: make a format known to the registry under ``cls.name``."""
    if not cls.name or not cls.extensions:
        raise TypeError(f"{cls.__name__} needs a name and extensions")
    _REGISTRY[cls.name] = cls()
    return cls


def registered_formats() -> dict[str, PairFormat]:
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True
    return dict(_REGISTRY)


def get_format(name: str) -> PairFormat:
    formats = registered_formats()
    if name not in formats:
        raise UsageError(f"unknown format {name!r} (known: {', '.join(formats)})")
    return formats[name]


def read_head(path: Path) -> bytes:
    if is_stdio(path):
        return stdin_bytes()[:SNIFF_BYTES]
    with reading(path), path.open("rb") as stream:
        return stream.read(SNIFF_BYTES)


def format_for(path: str | Path, *, bilingual_only: bool = False,
               fallback: str | None = None) -> PairFormat:
    """The format of ``path``: the extension proposes, the content decides.

    An extension shared by several formats (``.xlf``: XLIFF 1.2 or 2.x) is settled by sniffing;
    content that does not fit the extension is an input error naming what it looks like.
    """
    path = Path(path)
    formats = [f for f in registered_formats().values() if f.bilingual or not bilingual_only]
    head = read_head(path)
    suffix = path.suffix.lower()
    by_extension = [f for f in formats if suffix in f.extensions]
    sniffed = [f for f in formats if f.sniff(head)]
    strong = [f for f in sniffed if f.strong_signature]
    for fmt in by_extension:
        if fmt in sniffed:
            return fmt
    if by_extension:
        _refuse_undecodable(head, path)
        names = " or ".join(f.name for f in by_extension)
        looks = f"; it looks like {strong[0].name}" if strong else ""
        raise InputError(f"the extension says {names} but the content is not{looks}", path)
    if strong:
        return strong[0]
    if fallback is not None and get_format(fallback) in sniffed:
        return get_format(fallback)
    known = sorted({ext for f in formats for ext in f.extensions})
    raise UsageError(f"cannot tell the format of {path.name}: use one of {', '.join(known)}",
                     path)


def _refuse_undecodable(head: bytes, path: Path) -> None:
    """When the content fails its extension's format because it is not UTF-8 (UTF-16, NUL
    bytes, a stray byte), say that, with the line, rather than "the content is not" the format."""
    if len(head) == SNIFF_BYTES:  # the head may end inside a character: keep whole lines only
        head = head[:head.rfind(b"\n") + 1]
    if head:
        decode_utf8(head, path)


def is_bilingual_file(path: str | Path) -> bool:
    """True for a file whose extension names a bilingual format (XLIFF, PO, TMX, TSV)."""
    suffix = Path(path).suffix.lower()
    return any(f.bilingual and suffix in f.extensions and suffix not in (".txt",)
               for f in registered_formats().values())


def read_bilingual(path: str | Path, src_lang: str | None = None,
                   tgt_lang: str | None = None) -> BilingualFile:
    """Read a bilingual file; languages it declares fill in those not given (a conflict is an
    error)."""
    path = Path(path)
    document = format_for(path, bilingual_only=True).read(path, src_lang, tgt_lang)
    if document.skipped:
        logger.info("%s: %d untranslated or locked units left out", path, document.skipped)
    return document


def resolve_language(declared: str | None, given: str | None, side: str,
                     path: str | Path) -> str | None:
    """The option's language when given, else the file's; a different language is an error.

    Regions are compared only when both carry one (``en`` fits ``en-US``, ``en-GB`` does not).
    """
    if declared and given and not _compatible(declared, given):
        raise UsageError(f"--{side}-lang {given} does not match the file's {side} language "
                         f"{declared}", path)
    return given or declared or None


def _compatible(first: str, second: str) -> bool:
    try:
        return same_language(first, second)
    except UsageError:  # not a BCP 47 tag: compare as written
        a = first.replace("_", "-").lower().split("-")
        b = second.replace("_", "-").lower().split("-")
        return a[0] == b[0] and (len(a) == 1 or len(b) == 1 or a == b)


def require_languages(src_lang: str | None, tgt_lang: str | None,
                      path: str | Path) -> tuple[str, str]:
    if not src_lang or not tgt_lang:
        missing = " and ".join(f"--{side}-lang" for side, lang in
                               (("src", src_lang), ("tgt", tgt_lang)) if not lang)
        raise UsageError(f"the file does not say its languages: give {missing}", path)
    return src_lang, tgt_lang


def copy_unchanged(original: Path, output: Path) -> None:
    """A file with nothing to change is written back byte for byte."""
    try:
        data = stdin_bytes() if is_stdio(original) else original.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", original) from None
    atomic_write_bytes(output, data)


def aligned(src: list[Segment], tgt: list[Segment]) -> Alignment:
    """Units as a one-to-one alignment."""
    beads = tuple(Bead((i,), (i,)) for i in range(len(src)))
    return Alignment(tuple(src), tuple(tgt), beads)
