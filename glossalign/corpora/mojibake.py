"""Find and repair mojibake: UTF-8 text that was decoded with the wrong codec.

A suspicious run is a maximal run of characters that one wrong codec makes from non-ASCII
bytes. Re-encoding it with that codec must give strict UTF-8, and the decoded text must be
more plausible than the run in its context: odd neighbours, control or unassigned
characters, rare ideographs, words mixing scripts or alphabets, and scripts foreign to the
line all cost. ftfy supplies the sloppy codecs (undefined bytes kept as C1 controls, as
browsers do) and its mojibake ``badness`` patterns; the span search, the codecs ftfy does
not try (cp874, koi8-r, GBK, Shift-JIS) and the context scoring are ours, because ftfy
fixes whole strings and does not say where the damage is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)

from glossalign.corpora.mojibake_costs import (
    cost,
    is_forbidden,
    island_cost,
    script,
    word_cost,
)

__all__ = ["EncodingDamage", "find_encoding_damage", "repair_encoding_damage"]

_MIN_GAIN = 3.0
_SAME_LINE_BONUS = 2.0
_CONTEXT_CHARS = 80
_MAX_LAYERS = 3


@dataclass(frozen=True, slots=True)
class EncodingDamage:
    """One damaged run: ``text[start:end] == found`` should read ``repaired``."""

    start: int
    end: int
    found: str
    repaired: str
    codec: str


@dataclass(frozen=True, slots=True, eq=False)
class _Codec:
    name: str  # reported name of the wrong codec
    python: str  # codec that re-encodes the damaged run to its original bytes
    multibyte: bool
    # Western codecs map bytes to punctuation and accented letters, so a damaged run may sit
    # inside a word next to genuine accented letters; in letter-script codecs (Thai, Cyrillic,
    # Greek) a sub-run inside a word is almost always a coincidence of genuine text.
    split_in_words: bool


_CODECS = (
    _Codec("cp1252", "sloppy-windows-1252", False, True),
    _Codec("latin-1", "latin-1", False, True),
    _Codec("cp1250", "sloppy-windows-1250", False, True),
    _Codec("iso-8859-2", "iso-8859-2", False, True),
    _Codec("cp1254", "sloppy-windows-1254", False, True),
    _Codec("cp1251", "sloppy-windows-1251", False, False),
    _Codec("cp1253", "sloppy-windows-1253", False, False),
    _Codec("koi8-r", "koi8-r", False, False),
    _Codec("cp874", "sloppy-cp874", False, False),
    # Browsers decode "gbk" as GB18030, which keeps GBK's user-defined bytes as private-use
    # characters ("涓\ue15e浗" for 中国); cp932 is the Windows Shift-JIS.
    _Codec("gbk", "gb18030", True, False),
    _Codec("shift_jis", "cp932", True, False),
)
_PRIORITY = {codec.name: rank for rank, codec in enumerate(_CODECS)}
_UTF8_LEADS = range(0xC2, 0xF5)
_UTF8_MULTIBYTE_RE = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})+"
)


@dataclass(frozen=True, slots=True)
class _Tables:
    leads: frozenset[str]  # characters made from a byte that starts a UTF-8 sequence
    continuations: frozenset[str]  # single-byte codecs: ... from a UTF-8 continuation byte
    seed_re: re.Pattern[str]  # where mojibake of the codec must begin
    run_re: re.Pattern[str]  # a maximal run of characters the codec makes from high bytes


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    repaired: str
    codec: _Codec
    line: tuple[int, int]  # start and end of the candidate's line


def find_encoding_damage(text: str) -> list[EncodingDamage]:
    """Return the mojibake runs of ``text`` with their repairs, in text order."""
    if text.isascii():
        return []
    chars = set(text)
    newlines: list[int] | None = None
    accepted: list[tuple[float, _Candidate]] = []
    for codec in _CODECS:
        # Cheap pre-filter: the codec must make some character of the text from a UTF-8 lead
        # byte (and, if single-byte, one from a continuation byte right after it).
        tables = _tables(codec)
        if chars.isdisjoint(tables.leads) or (
            not codec.multibyte and chars.isdisjoint(tables.continuations)
        ):
            continue
        if tables.seed_re.search(text) is None:
            continue
        if newlines is None:
            newlines = [match.start() for match in re.finditer("\n", text)]
        candidates = list(_find_candidates(text, codec, tables.run_re, newlines))
        if candidates:
            accepted.extend(_accept_candidates(text, candidates))
    return [_to_damage(text, cand) for cand in _select(accepted)]


def repair_encoding_damage(text: str) -> str:
    """Return ``text`` with every run found by :func:`find_encoding_damage` repaired."""
    pieces = []
    position = 0
    for damage in find_encoding_damage(text):
        pieces += [text[position : damage.start], damage.repaired]
        position = damage.end
    pieces.append(text[position:])
    return "".join(pieces)


def _accept_candidates(
    text: str, candidates: list[_Candidate]
) -> Iterator[tuple[float, _Candidate]]:
    """Yield (gain, candidate) for the candidates of one codec (in text order) that pass."""
    starts = [cand.start for cand in candidates]
    ends = [cand.end for cand in candidates]

    def near(window: tuple[int, int]) -> list[_Candidate]:
        return candidates[bisect_right(ends, window[0]) : bisect_left(starts, window[1])]

    windows = [_window(cand) for cand in candidates]
    neighbours = [near(window) for window in windows]
    gains = [
        _plausibility_gain(text, cand, window, others, ())
        for cand, window, others in zip(candidates, windows, neighbours, strict=True)
    ]
    sure = {id(cand) for cand, gain in zip(candidates, gains, strict=True) if gain >= _MIN_GAIN}
    for cand, gain, window, others in zip(candidates, gains, windows, neighbours, strict=True):
        if gain < _MIN_GAIN and sure:
            # A line decoded wrongly once was decoded wrongly throughout, so sure repairs
            # nearby on the line vouch for the weaker ones of the same codec ("РІ" for "в").
            vouched = [other for other in others if id(other) in sure]
            if vouched:
                gain = _plausibility_gain(text, cand, window, others, vouched) + _SAME_LINE_BONUS
        if gain >= _MIN_GAIN:
            yield gain, cand


def _select(accepted: list[tuple[float, _Candidate]]) -> list[_Candidate]:
    """Keep non-overlapping candidates, in text order.

    Where codecs disagree on a run ("Ĺź" is "ż" in ISO-8859-2 but "ş" in cp1250), the codec
    whose repairs of the line fit one alphabet wins, then the one that repaired the most
    characters of the line, then the larger gain.
    """
    support: Counter[tuple[tuple[int, int], str]] = Counter()
    letters: dict[tuple[tuple[int, int], str], set[str]] = {}
    for _, cand in accepted:
        key = (cand.line, cand.codec.name)
        support[key] += cand.end - cand.start
        letters.setdefault(key, set()).update(cand.repaired)
    incoherent = {key: word_cost("".join(chars)) > 0 for key, chars in letters.items()}

    def rank(item: tuple[float, _Candidate]) -> tuple[bool, int, float, int]:
        key = (item[1].line, item[1].codec.name)
        return (incoherent[key], -support[key], -item[0], _PRIORITY[key[1]])

    chosen_starts: list[int] = []
    chosen: dict[int, _Candidate] = {}
    for _, cand in sorted(accepted, key=rank):
        index = bisect_left(chosen_starts, cand.start)
        before = chosen[chosen_starts[index - 1]] if index else None
        after = chosen[chosen_starts[index]] if index < len(chosen_starts) else None
        if (before is None or before.end <= cand.start) and (
            after is None or cand.end <= after.start
        ):
            chosen_starts.insert(index, cand.start)
            chosen[cand.start] = cand
    return [chosen[start] for start in chosen_starts]


def _to_damage(text: str, cand: _Candidate) -> EncodingDamage:
    found = text[cand.start : cand.end]
    return EncodingDamage(cand.start, cand.end, found, _peel_layers(cand.repaired), cand.codec.name)


def _peel_layers(repaired: str) -> str:
    """Undo mojibake applied more than once ("ÃƒÂ©" -> "Ã©" -> "é")."""
    for _ in range(_MAX_LAYERS):
        inner = find_encoding_damage(repaired)
        if len(inner) != 1 or (inner[0].start, inner[0].end) != (0, len(repaired)):
            break
        repaired = inner[0].repaired
    return repaired


# -- candidate search ------------------------------------------------------------------------


def _find_candidates(
    text: str, codec: _Codec, run_re: re.Pattern[str], newlines: list[int]
) -> Iterator[_Candidate]:
    for match in run_re.finditer(text):
        start, end = match.span()
        # A run cut short by a letter the codec lacks is a piece of genuine text.
        if not codec.split_in_words and not (_edge(text, start - 1) and _edge(text, end)):
            continue
        line_index = bisect_left(newlines, start)
        line = (
            newlines[line_index - 1] + 1 if line_index else 0,
            newlines[line_index] if line_index < len(newlines) else len(text),
        )
        run = match.group()
        for rel_start, rel_end, repaired in _decodable_spans(run, run.encode(codec.python), codec):
            found = run[rel_start:rel_end]
            shorter = len(repaired) <= len(found) if codec.multibyte else len(repaired) < len(found)
            if shorter and not any(is_forbidden(char) for char in repaired):
                yield _Candidate(start + rel_start, start + rel_end, repaired, codec, line)


def _edge(text: str, index: int) -> bool:
    """True unless ``text[index]`` is a non-ASCII letter."""
    return not 0 <= index < len(text) or text[index].isascii() or not text[index].isalpha()


def _decodable_spans(run: str, data: bytes, codec: _Codec) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, repaired) for the parts of ``run`` whose bytes are strict UTF-8."""
    if codec.multibyte:
        # Byte and character offsets differ here, so only a whole run is tried; mojibake
        # of this kind covers whole documents, not single words.
        try:
            yield 0, len(run), data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        return
    for match in _UTF8_MULTIBYTE_RE.finditer(data):
        start, end = match.span()  # one byte per character in a single-byte codec
        if codec.split_in_words or (_outside_word(run, start - 1) and _outside_word(run, end)):
            yield start, end, match.group().decode("utf-8")


def _outside_word(run: str, index: int) -> bool:
    return not 0 <= index < len(run) or not unicodedata.category(run[index]).startswith(("L", "M"))


@functools.cache
def _tables(codec: _Codec) -> _Tables:
    sequences = [bytes([byte]) for byte in range(0x80, 0x100)]
    if codec.multibyte:
        sequences += [
            bytes([lead, trail]) for lead in range(0x81, 0xFF) for trail in range(0x40, 0xFF)
        ]
    chars = set()
    for sequence in sequences:
        try:
            char = sequence.decode(codec.python)
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and not char.isascii():
            chars.add(char)
    first_bytes = {char: char.encode(codec.python)[0] for char in chars}
    leads = frozenset(char for char, byte in first_bytes.items() if byte in _UTF8_LEADS)
    continuations = frozenset(char for char, byte in first_bytes.items() if byte < 0xC0)
    # In a single-byte codec a UTF-8 sequence becomes two or more characters, lead first.
    seed = f"[{_char_class(leads)}]"
    if not codec.multibyte:
        seed += f"[{_char_class(continuations)}]"
    run = f"[{_char_class(frozenset(chars))}]" + ("+" if codec.multibyte else "{2,}")
    return _Tables(leads, continuations, re.compile(seed), re.compile(run))


def _char_class(chars: frozenset[str]) -> str:
    """Compress a character set into the body of a regex character class."""
    ranges: list[list[int]] = []
    for point in sorted(map(ord, chars)):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


# -- plausibility ----------------------------------------------------------------------------


def _plausibility_gain(
    text: str,
    cand: _Candidate,
    window: tuple[int, int],
    near: Sequence[_Candidate],
    vouched: Sequence[_Candidate],
) -> float:
    """How much more plausible the repaired text is than the found text, in its context.

    The found run is judged against the letters of its line; the repair against the letters
    outside the ``near`` runs of the same codec, since a wrongly decoded line is wrong
    throughout. Vouched runs (sure repairs) count as their repairs in both contexts.
    """
    found = text[cand.start : cand.end]
    left, right = text[max(0, cand.start - 2) : cand.start], text[cand.end : cand.end + 2]
    # Other runs of a single-byte codec are suspect too, so they are no context; an ideograph
    # run is so often genuine that it is ("跂跂 跂跂 [qi2 qi2]" is a dictionary entry).
    suspects = [cand] if cand.codec.multibyte else list(near)
    found_context = _letter_scripts(text, window, [*suspects, *vouched])
    repaired_context = _letter_scripts(text, window, near)
    for other in vouched:
        vouched_scripts = [script(char) for char in other.repaired if char.isalpha()]
        found_context += vouched_scripts
        repaired_context += vouched_scripts
    word_start, word_end = _word_bounds(text, cand)
    found_cost = cost(left + found + right) + island_cost(found, found_context)
    found_cost += word_cost(text[word_start:word_end])
    repaired_word = text[word_start : cand.start] + cand.repaired + text[cand.end : word_end]
    repaired_cost = cost(left + cand.repaired + right) + word_cost(repaired_word)
    repaired_cost += island_cost(cand.repaired, repaired_context)
    return _evidence(cand) + found_cost - repaired_cost


def _evidence(cand: _Candidate) -> float:
    """Each UTF-8 continuation byte is a coincidence that genuine text seldom produces."""
    if cand.codec.multibyte:
        # Genuine GBK or Shift-JIS text looks like UTF-8 far more often than Latin text does,
        # and repeats ("啪啪啪" -> "žžž") are one coincidence, not several.
        return float(len({char for char in cand.repaired if not char.isascii()}))
    return float(sum(len(char.encode()) - 1 for char in cand.repaired))


def _window(cand: _Candidate) -> tuple[int, int]:
    return max(cand.line[0], cand.start - _CONTEXT_CHARS), min(
        cand.line[1], cand.end + _CONTEXT_CHARS
    )


def _letter_scripts(text: str, window: tuple[int, int], skip: Sequence[_Candidate]) -> list[str]:
    """The script of each letter in the window, leaving out the skipped runs."""
    skipped = {index for cand in skip for index in range(cand.start, cand.end)}
    return [
        script(text[index])
        for index in range(*window)
        if text[index].isalpha() and index not in skipped
    ]


def _word_bounds(text: str, cand: _Candidate) -> tuple[int, int]:
    """The whitespace-delimited word around the candidate, at most 20 characters each side."""
    start, end = cand.start, cand.end
    while start > max(0, cand.start - 20) and not text[start - 1].isspace():
        start -= 1
    while end < min(len(text), cand.end + 20) and not text[end].isspace():
        end += 1
    return start, end
