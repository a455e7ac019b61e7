"""Propose a glossary from aligned text: recurring source terms and how they were translated.

1. Source candidates: word n-grams (1..``max_words``) inside one clause whose first and last word
   are not stop words of the language (its profile's ``stop_words``; for Chinese, jieba words
   joined without spaces), counted once per bead; ranked by C-value (Frantzi et al. 2000),
   which discounts an n-gram by the longer candidates it mostly occurs inside ("shared future"
   inside "community with a shared future").
2. Target renderings: the target n-grams of the beads holding the source term, scored by the
   Dice coefficient of the two bead sets (2·both / (source + target)); the best one is the
   proposed rendering, its Dice the pair's confidence.
3. Consistency: for each bead with the source term, the proposed rendering if its target has
   it, else that target's most associated n-gram (a variant); the variants with counts and the
   source lines where they occur.

A frequency-only baseline (``method="frequency"``: most frequent source n-grams, most frequent
co-occurring target n-gram) is kept for the benchmark. Everything is counted by hand: the
statistics are a few dictionaries, and no term-extraction library installs offline.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glossalign.glossary.model import Term, TermBase
from glossalign.languages import LanguageProfile, get_profile
from glossalign.stage_data import Alignment

_CLAUSE = re.compile(r"[.?!,;:()\[\]{}\"“”«»。？！，；：（）、《》「」『』【】…—]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LONGER_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Rendering:
    text: str
    count: int  # beads whose target uses it
    lines: tuple[int, ...]  # source lines of the first few such beads
    beads: tuple[int, ...] = ()  # those beads, as indices into the alignment's beads


@dataclass(frozen=True, slots=True)
class MinedPair:
    source: str
    target: str
    confidence: float  # Dice of the source term and its rendering over the beads, 0..1
    source_count: int  # beads holding the source term
    consistency: float  # share of those beads whose target uses ``target``
    variants: tuple[Rendering, ...]  # the proposed rendering first

    def note(self) -> str:
        """The evidence, for the glossary's note column."""
        shown = "; ".join(f"“{v.text}” ×{v.count} (lines {', '.join(map(str, v.lines))})"
                          for v in self.variants)
        return (f"mined: confidence {self.confidence:.2f}; source term in {self.source_count} "
                f"segments, rendered this way in {self.consistency:.0%}; variants: {shown}")


@dataclass
class _Side:
    """The term-like n-grams of each bead of one side, and in how many beads each occurs."""

    grams: list[set[str]]
    freq: Counter[str]


def mine_glossary(alignment: Alignment, src_lang: str, tgt_lang: str, *, max_terms: int = 500,
                  min_count: int = 2, max_words: int = 4,
                  method: str = "association") -> list[MinedPair]:
    """Proposed (source term, target rendering) pairs, best first."""
    src_texts, tgt_texts, lines = _bead_texts(alignment)
    src = _side(src_texts, src_lang, max_words)
    tgt = _side(tgt_texts, tgt_lang, max_words + 1)
    candidates = [gram for gram, count in src.freq.items() if count >= min_count]
    if method == "frequency":
        ranked = sorted(candidates, key=lambda g: (-src.freq[g], g))
    elif method == "association":
        cvalues = _c_values(candidates, src.freq, " " if get_profile(src_lang).spaced else "")
        # C-value 0: the n-gram never occurs outside longer candidates ("supply" in "supply
        # chain"), so it is not a term of its own.
        ranked = sorted((g for g in candidates if cvalues[g] > 0), key=lambda g: (-cvalues[g], g))
    else:
        raise ValueError(f"unknown mining method {method!r}")
    beads_of: dict[str, list[int]] = defaultdict(list)
    wanted = set(ranked[: max_terms * 3])
    for index, grams in enumerate(src.grams):
        for gram in grams & wanted:
            beads_of[gram].append(index)
    pairs = []
    for gram in ranked[: max_terms * 3]:
        pair = _render(gram, beads_of[gram], tgt, lines, method)
        if pair is not None:
            pairs.append(pair)
    if method == "association":
        pairs.sort(key=lambda p: -p.confidence * math.log2(1 + p.source_count))
    return pairs[:max_terms]


def _bead_texts(alignment: Alignment) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Texts of the beads with both sides, and (source line, bead index) of each."""
    src_texts, tgt_texts, where = [], [], []
    for index, bead in enumerate(alignment.beads):
        if not bead.src or not bead.tgt:
            continue
        src_texts.append(" ".join(alignment.src_segments[i].text for i in bead.src))
        tgt_texts.append(" ".join(alignment.tgt_segments[i].text for i in bead.tgt))
        where.append((alignment.src_segments[bead.src[0]].line or 0, index))
    return src_texts, tgt_texts, where


def _side(texts: Sequence[str], lang: str, max_words: int) -> _Side:
    profile = get_profile(lang)
    grams = [_grams(text, profile, max_words) for text in texts]
    freq: Counter[str] = Counter()
    for bead_grams in grams:
        freq.update(bead_grams)
    return _Side(grams, freq)


def _grams(text: str, profile: LanguageProfile, max_words: int) -> set[str]:
    """Term-like n-grams of one bead: no clause punctuation inside, no stop word at an edge."""
    found: set[str] = set()
    spaced, stops = profile.spaced, profile.stop_words
    joiner = " " if spaced else ""
    for clause in _CLAUSE.split(text):
        words = _clause_words(clause, profile)
        usable = [w not in stops and not w.isdigit() and (len(w) > 1 or not spaced)
                  for w in words]
        for n in range(1, max_words + 1):
            for i in range(len(words) - n + 1):
                if usable[i] and usable[i + n - 1]:
                    gram = joiner.join(words[i:i + n])
                    if spaced or len(gram) > 1:
                        found.add(gram)
    return found


def _clause_words(clause: str, profile: LanguageProfile) -> list[str]:
    """Spaced scripts: lower-cased words, hyphenated ones whole; unspaced: the profile's
    dictionary words when it mines by word (Chinese), else characters."""
    if profile.spaced:
        return [w.lower() for w in _WORD.findall(clause)]
    if profile.mines_word_tokens:
        return [t.text for t in profile.word_tokens(clause) if _HAN.search(t.text)
                or t.text.isalnum()]
    return [ch for ch in clause if not ch.isspace()]


def _c_values(candidates: list[str], freq: Counter[str], joiner: str) -> dict[str, float]:
    """C-value of each candidate: log2(words + 1) × (frequency − mean frequency of the longer
    candidates that contain it)."""
    known = set(candidates)
    nested_sum: Counter[str] = Counter()
    nested_count: Counter[str] = Counter()
    for gram in candidates:
        parts = gram.split(" ") if joiner else list(gram)
        for n in range(1, len(parts)):
            for i in range(len(parts) - n + 1):
                inner = joiner.join(parts[i:i + n])
                if inner in known and inner != gram:
                    nested_sum[inner] += freq[gram]
                    nested_count[inner] += 1
    values = {}
    for gram in candidates:
        words = gram.count(" ") + 1 if joiner else max(1, len(gram) // 2)
        nested = nested_sum[gram] / nested_count[gram] if nested_count[gram] else 0.0
        values[gram] = math.log2(words + 1) * (freq[gram] - nested)
    return values


def _render(gram: str, beads: list[int], tgt: _Side, lines: list[tuple[int, int]],
            method: str) -> MinedPair | None:
    together: Counter[str] = Counter()
    for index in beads:
        together.update(tgt.grams[index])
    if not together:
        return None
    count = len(beads)

    def dice(target: str) -> float:
        return 2 * together[target] / (count + tgt.freq[target])

    if method == "frequency":
        best = max(together, key=lambda t: (together[t], t.count(" "), t))
    else:
        best = max(together, key=lambda t: (round(dice(t), 3), t.count(" "), together[t], t))
        # A rendering's head alone ("chaîne") often scores a little above the whole rendering
        # ("chaîne d'approvisionnement"), which a variant spelling lacks: prefer the longer one
        # when it keeps most of the association.
        longer = [t for t in together if best in t and t != best
                  and dice(t) >= _LONGER_SHARE * dice(best)]
        if longer:
            best = max(longer, key=lambda t: (round(dice(t), 3), t.count(" "), t))
    consistency, variants = _variants(best, beads, tgt, lines, dice)
    return MinedPair(gram, best, round(dice(best), 3), count, consistency, variants)


def _variants(best: str, beads: list[int], tgt: _Side, lines: list[tuple[int, int]],
              dice: Callable[[str], float]) -> tuple[float, tuple[Rendering, ...]]:
    """Which rendering each bead uses: the proposed one, or else the n-gram of its target most
    like a rendering of the term (not part of the proposed one, nor holding it)."""
    used: dict[str, list[tuple[int, int]]] = defaultdict(list)
    best_words = set(best.split())
    for index in beads:
        grams = tgt.grams[index]
        if best in grams:
            used[best].append(lines[index])
            continue
        others = [t for t in grams if t not in best and best not in t]
        if others:
            # A variant usually keeps part of the rendering ("chaîne logistique" for "chaîne
            # d'approvisionnement"); among those, and then the rest, the most associated.
            used[max(others, key=lambda t: (not best_words.isdisjoint(t.split()),
                                            round(dice(t), 3), -t.count(" "), t))].append(
                lines[index])
    variants = sorted(used.items(), key=lambda item: (item[0] != best, -len(item[1])))
    renderings = tuple(Rendering(text, len(at), tuple(line for line, _ in at[:3]),
                                 tuple(bead for _, bead in at)) for text, at in variants[:5])
    return len(used.get(best, ())) / len(beads), renderings


def mined_termbase(pairs: Sequence[MinedPair], src_lang: str, tgt_lang: str) -> TermBase:
    """The pairs as a term base: one concept each, both terms ``proposed``, evidence in notes."""
    terms = []
    for rank, pair in enumerate(pairs, 1):
        concept = f"mined-{rank}"
        terms.append(Term(concept, src_lang, pair.source, "proposed"))
        terms.append(Term(concept, tgt_lang, pair.target, "proposed", note=pair.note()))
    return TermBase.from_terms(terms)
