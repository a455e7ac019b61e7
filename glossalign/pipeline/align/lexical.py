"""The offline lexical scorer: dictionary coverage of both sides of a bead.

For a bead, every content unit on either side counts as *matched* when the other side offers a
translation of it (through the lexicon, an identical anchor token, a cognate or a pair learnt
from the document). The similarity is the idf-weighted share of matched units::

    sim = (matched source units + matched target units) / (all units + smoothing)

Units are counted per occurrence and offers as a set, so the score of a merged bead is computed on
the concatenation, as Bertalign does with embeddings. Scores for a block of cells are one dense
matrix product over the block's shared vocabulary, never an n x m matrix.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from glossalign.pipeline.align.config import AlignConfig
from glossalign.pipeline.align.features import (
    DocumentKeys,
    KeyLists,
    document_keys,
    unit_keys_of_word,
)
from glossalign.pipeline.align.learn import learn_id_pairs
from glossalign.pipeline.align.lexicon import Lexicon
from glossalign.pipeline.align.similarity import BeadIds, invalid_span_mask
from glossalign.pipeline.align.sparse import (
    SparseSide,
    beads_similarity,
    dense_pair,
    expand_ranges,
    span_sums,
)

log = logging.getLogger(__name__)
Partners = dict[str, set[int]]
_COLUMN_BLOCK = 256  # target cells scored at once by spans_similarity


class LexicalScorer:
    """Offline scorer: bilingual lexicon + anchors + cognates + a learnt dictionary."""

    def __init__(self, lexicon: Lexicon | None = None, config: AlignConfig | None = None) -> None:
        self.lexicon = lexicon
        self.config = config or AlignConfig()

    def bind(self, src_texts: Sequence[str], tgt_texts: Sequence[str], src_lang: str,
             tgt_lang: str) -> BoundLexical:
        lexicon = self.lexicon if self.lexicon is not None else Lexicon(src_lang, tgt_lang)
        forward, backward = lexicon.oriented(src_lang, tgt_lang)
        cfg = self.config
        # Each side's table right after its keys: the keys' 32-bit arrays are freed before the
        # other side's keys are collected.
        src_table = _SideTable.of(document_keys(
            src_texts, src_lang, tgt_lang, dictionary_words=forward.keys(),
            cognate_prefix=cfg.cognate_prefix, punctuation=cfg.punctuation))
        tgt_table = _SideTable.of(document_keys(
            tgt_texts, tgt_lang, src_lang, dictionary_words=backward.keys(),
            cognate_prefix=cfg.cognate_prefix, punctuation=cfg.punctuation))
        src_partners = _partners(src_table, forward, tgt_table)
        tgt_partners = _partners(tgt_table, backward, src_table)
        return BoundLexical(src_table, tgt_table, src_partners, tgt_partners, cfg)


@dataclass(frozen=True, slots=True)
class _SideTable:
    """One side's keys with its unit vocabulary (unit -> column) and idf weights.

    ``keys.units`` holds each unit occurrence's *column* (16-bit where the vocabulary fits), not
    its name id: the name ids are not needed once the table is built, and a second array over
    every unit occurrence of a book stayed for the whole run. Lookup ids are 16-bit where the
    names fit."""

    keys: DocumentKeys
    vocab: dict[str, int]
    weights: np.ndarray

    @property
    def unit_columns(self) -> np.ndarray:
        """The column of each unit occurrence, in text order (CSR over ``keys.units.ptr``)."""
        return self.keys.units.ids

    @classmethod
    def of(cls, keys: DocumentKeys) -> _SideTable:
        unit_ids = keys.units.ids
        distinct = np.unique(unit_ids)
        column_of = np.full(len(keys.names), 0, dtype=_column_type(len(distinct)))
        column_of[distinct] = np.arange(len(distinct))
        unit_columns = column_of[unit_ids]
        counts = np.zeros(len(distinct), dtype=np.float64)
        for _, _, ids, _ in _distinct_units(keys.units.ptr, unit_columns, max(len(distinct), 1)):
            counts += np.bincount(ids, minlength=len(distinct))
        n = max(len(keys), 1)
        weights = np.log((n + 1.0) / (counts + 0.5)) if len(distinct) else np.zeros(0)
        vocab = {keys.names[k]: c for c, k in enumerate(distinct.tolist())}
        lookups = KeyLists(keys.lookups.ptr,
                           keys.lookups.ids.astype(_column_type(len(keys.names)), copy=False))
        columns = replace(keys, units=KeyLists(keys.units.ptr, unit_columns), lookups=lookups)
        return cls(columns, vocab, np.maximum(weights, 0.1))

    def lookups(self) -> set[str]:
        names = self.keys.names
        return {names[k] for k in np.unique(self.keys.lookups.ids).tolist()}

    def bead_columns(self, beads: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Unit columns of each bead's sentences, per occurrence in text order (CSR, int32).

        Beads of a DP path list each sentence once, in text order: their columns are then
        selected with a byte mask over the unit occurrences (64-bit owner and position arrays
        over every unit of the book were a learning round's peak)."""
        bead_sizes = np.fromiter((len(bead) for bead in beads), dtype=np.int64, count=len(beads))
        sentences = np.fromiter((i for bead in beads for i in bead), dtype=np.int64,
                                count=int(bead_sizes.sum()))
        ptr = self.keys.units.ptr
        lengths = np.diff(ptr)[sentences]
        bead_of = np.repeat(np.arange(len(beads)), bead_sizes)
        sizes = np.bincount(bead_of, weights=lengths, minlength=len(beads)).astype(np.int64)
        bead_ptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        if len(sentences) and (np.diff(sentences) > 0).all():
            chosen = np.zeros(len(ptr) - 1, dtype=bool)
            chosen[sentences] = True
            return bead_ptr, self.unit_columns[np.repeat(chosen, np.diff(ptr))]
        _, columns = expand_ranges(ptr, self.unit_columns, sentences, sentences + 1)
        return bead_ptr, columns


def _word_units(lang_table: _SideTable) -> Callable[[str], list[int]]:
    """Ids of the units a lexicon word of this side stands for (cached per word)."""
    cache: dict[str, list[int]] = {}
    vocab, lang = lang_table.vocab, lang_table.keys.lang

    def units(word: str) -> list[int]:
        ids = cache.get(word)
        if ids is None:
            ids = [vocab[u] for u in unit_keys_of_word(word, lang) if u in vocab]
            cache[word] = ids
        return ids

    return units


def _partners(own: _SideTable, translations: Mapping[str, Collection[str]],
              other: _SideTable) -> Partners:
    """For each lookup key of ``own``: ids of ``other``'s units it can match (lexicon, identical
    key, shared cognate key). Only translations that occur in the other text count, so a common
    word does not offer every character some rare dictionary word of it contains."""
    units_of = _word_units(other)
    present = other.lookups()
    by_cognate: dict[str, list[int]] = defaultdict(list)
    for unit, shared in other.keys.cognates.items():
        if unit in other.vocab:
            by_cognate[shared].append(other.vocab[unit])
    table: Partners = {}
    for key in own.lookups():
        ids: set[int] = set()
        for word in translations.get(key, ()):
            if word in present:
                ids.update(units_of(word))
        if key in other.vocab:
            ids.add(other.vocab[key])
        cognate = own.keys.cognates.get(key)
        if cognate is not None:
            ids.update(by_cognate.get(cognate, ()))
        if ids:
            table[key] = ids
    return table


def _with_learnt(partners: Partners, learnt: Mapping[str, set[str]],
                 other_vocab: Mapping[str, int]) -> Partners:
    if not learnt:
        return partners
    merged = {k: set(v) for k, v in partners.items()}
    for key, words in learnt.items():
        ids = {other_vocab[w] for w in words if w in other_vocab}
        if ids:
            merged.setdefault(key, set()).update(ids)
    return merged


class BoundLexical:
    """The lexical scorer bound to one bitext (see the module docstring)."""

    def __init__(self, src: _SideTable, tgt: _SideTable, src_partners: Partners,
                 tgt_partners: Partners, config: AlignConfig,
                 learnt: Sequence[tuple[str, str]] = (),
                 base: tuple[SparseSide, SparseSide] | None = None) -> None:
        self.src_table, self.tgt_table = src, tgt
        self.base_partners = (src_partners, tgt_partners)
        self.config = config
        learnt_fwd: dict[str, set[str]] = defaultdict(set)
        learnt_bwd: dict[str, set[str]] = defaultdict(set)
        for s, t in learnt:
            learnt_fwd[s].add(t)
            learnt_bwd[t].add(s)
        self.offset = len(src.vocab)
        self.n_columns = len(src.vocab) + len(tgt.vocab)
        columns = _column_type(self.n_columns)
        self.base_sides: tuple[SparseSide, SparseSide] | None = None
        if config.matchable_mass_only:  # the units depend on the partners: build all again
            src_partners = _with_learnt(src_partners, learnt_fwd, tgt.vocab)
            tgt_partners = _with_learnt(tgt_partners, learnt_bwd, src.vocab)
            self.src = _build_side(src, 0, _matchable(tgt_partners, len(src.vocab)),
                                   src_partners, self.offset, columns)
            self.tgt = _build_side(tgt, self.offset, _matchable(src_partners, len(tgt.vocab)),
                                   tgt_partners, 0, columns)
            return
        # Learnt pairs only add offers: every round shares the base tables (the largest part
        # of the scorer's memory) and adds a small table of learnt offers.
        if base is None:
            base = (_build_side(src, 0, None, src_partners, self.offset, columns),
                    _build_side(tgt, self.offset, None, tgt_partners, 0, columns))
        self.base_sides = base
        # The base tables hold the partners' offers; later rounds only add learnt ones, so the
        # partner sets (megabytes of small objects for a book) are not kept.
        self.base_partners = ({}, {})
        self.src = _with_learnt_offers(base[0], src, _with_learnt({}, learnt_fwd, tgt.vocab),
                                       self.offset, columns)
        self.tgt = _with_learnt_offers(base[1], tgt, _with_learnt({}, learnt_bwd, src.vocab), 0,
                                       columns)

    def spans_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                         bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        """Scored ``_COLUMN_BLOCK`` target cells at a time: a dense block of a wide band (the
        first pass's) was the peak of the whole run's memory."""
        out = np.empty((len(bead_types), rows[1] - rows[0], cols[1] - cols[0]))
        for start in range(cols[0], cols[1], _COLUMN_BLOCK):
            stop = min(cols[1], start + _COLUMN_BLOCK)
            out[:, :, start - cols[0]:stop - cols[0]] = self._block_similarity(
                rows, (start, stop), bead_types)
        return out

    def _block_similarity(self, rows: tuple[int, int], cols: tuple[int, int],
                          bead_types: Sequence[tuple[int, int]]) -> np.ndarray:
        max_a = max(a for a, _ in bead_types)
        max_b = max(b for _, b in bead_types)
        src_lo, tgt_lo = max(0, rows[0] - max_a), max(0, cols[0] - max_b)
        src_hi, tgt_hi = max(src_lo, rows[1] - 1), max(tgt_lo, cols[1] - 1)
        src_dense, tgt_dense, columns = dense_pair(self.src, (src_lo, src_hi), self.tgt,
                                                   (tgt_lo, tgt_hi), self.n_columns)
        src_spans = span_sums(src_dense, self.src.mass_prefix, src_lo, columns >= self.offset,
                              rows, max_a)
        tgt_spans = span_sums(tgt_dense, self.tgt.mass_prefix, tgt_lo, columns < self.offset,
                              cols, max_b)
        out = np.empty((len(bead_types), rows[1] - rows[0], cols[1] - cols[0]))
        smoothing = self.config.similarity_smoothing
        for t, (a, b) in enumerate(bead_types):
            (s_vec, s_mass), (t_vec, t_mass) = src_spans[a - 1], tgt_spans[b - 1]
            matched = s_vec @ t_vec.T
            out[t] = matched / (s_mass[:, None] + t_mass[None, :] + smoothing)
            out[t][invalid_span_mask(rows, cols, a, b)] = np.nan
        return out

    def beads_similarity(self, beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
        return beads_similarity(self.src, self.tgt, beads, self.n_columns,
                                self.config.similarity_smoothing)

    def refine(self, beads: Sequence[BeadIds]) -> BoundLexical | None:
        """Re-bind with pairs learnt from confident beads (Hunalign's realign)."""
        cfg = self.config
        src_table, tgt_table = self.src_table, self.tgt_table
        column_pairs = learn_id_pairs(*src_table.bead_columns([src for src, _ in beads]),
                                      *tgt_table.bead_columns([tgt for _, tgt in beads]),
                                      min_count=cfg.learn_min_count, min_dice=cfg.learn_min_dice,
                                      keep_per_word=cfg.learn_partners)
        if not column_pairs:
            return None
        src_names, tgt_names = list(src_table.vocab), list(tgt_table.vocab)
        pairs = [(src_names[s], tgt_names[t]) for s, t in column_pairs]
        log.debug("learnt %d word pairs from %d beads", len(pairs), len(beads))
        return BoundLexical(self.src_table, self.tgt_table, *self.base_partners, cfg,
                            learnt=pairs, base=self.base_sides)


def _matchable(partners: Partners, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    for ids in partners.values():
        mask[list(ids)] = True
    return mask


def _column_type(n_columns: int) -> type[np.unsignedinteger[Any]] | type[np.int32]:
    """Column ids in 16 bits where they fit: the offer tables are the scorer's largest part."""
    return np.uint16 if n_columns <= 2**16 else np.int32


def _distinct_units(ptr: np.ndarray, columns: np.ndarray, width: int, block: int = 1024
                    ) -> Iterator[tuple[slice, np.ndarray, np.ndarray, np.ndarray]]:
    """For each ``block`` of sentences: (the block, sentence - block start, column, count)
    of each distinct unit of each sentence, in that order. Callers keep only their compact
    result per block (64-bit codes of every occurrence were the set-up's peak)."""
    for start in range(0, len(ptr) - 1, block):
        stop = min(start + block, len(ptr) - 1)
        owners = np.repeat(np.arange(stop - start, dtype=np.int64), np.diff(ptr[start:stop + 1]))
        codes, counts = np.unique(owners * width + columns[ptr[start]:ptr[stop]],
                                  return_counts=True)
        yield slice(start, stop), codes // width, codes % width, counts


def _build_side(table: _SideTable, unit_offset: int, matchable: np.ndarray | None,
                partners: Partners, offer_offset: int, columns: type[np.integer[Any]]
                ) -> SparseSide:
    keys, vocab = table.keys, table.vocab
    n, width = len(keys), max(len(vocab), 1)
    row_sizes, unit_cols, unit_vals = [], [], []
    mass = np.zeros(n, dtype=np.float64)
    for sentences, rows, ids, counts in _distinct_units(keys.units.ptr, table.unit_columns,
                                                        width):
        if matchable is not None:
            keep = matchable[ids]
            rows, ids, counts = rows[keep], ids[keep], counts[keep]
        values = table.weights[ids] * counts
        size = sentences.stop - sentences.start
        mass[sentences] = np.bincount(rows, weights=values, minlength=size)
        row_sizes.append(np.bincount(rows, minlength=size))
        unit_cols.append((ids + unit_offset).astype(columns))
        unit_vals.append(values.astype(np.float32))
    offer_ptr, offer_cols = _offer_table(keys, partners, offer_offset, columns)
    sizes = np.concatenate(row_sizes) if row_sizes else np.zeros(0, dtype=np.int64)
    return SparseSide(
        unit_ptr=np.concatenate(([0], np.cumsum(sizes))).astype(np.int64),
        unit_cols=np.concatenate(unit_cols) if unit_cols else np.zeros(0, dtype=columns),
        unit_vals=np.concatenate(unit_vals) if unit_vals else np.zeros(0, dtype=np.float32),
        offer_ptr=offer_ptr, offer_cols=offer_cols,
        mass=mass, mass_prefix=np.concatenate(([0.0], np.cumsum(mass))))


def _with_learnt_offers(side: SparseSide, table: _SideTable, learnt: Partners,
                        offset: int, columns: type[np.integer[Any]]) -> SparseSide:
    if not learnt:
        return side
    ptr, cols = _offer_table(table.keys, learnt, offset, columns)
    return replace(side, learnt_ptr=ptr, learnt_cols=cols)


def _offer_table(keys: DocumentKeys, partners: Partners, offset: int,
                 columns: type[np.integer[Any]], block: int = 256
                 ) -> tuple[np.ndarray, np.ndarray]:
    """CSR sentence -> distinct offered columns (the union of its lookups' partners).

    Built ``block`` sentences at a time: the raw expansion is many times the deduplicated table.
    """
    id_of = {name: k for k, name in enumerate(keys.names)}
    index = np.full(len(keys.names), -1, dtype=np.int64)
    index[[id_of[key] for key in partners]] = np.arange(len(partners))
    sizes = [len(ids) for ids in partners.values()]
    partner_ptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    partner_cols = np.fromiter((c for ids in partners.values() for c in ids), dtype=np.int64,
                               count=int(partner_ptr[-1]))
    width = int(partner_cols.max()) + 1 if len(partner_cols) else 1
    lookups = keys.lookups
    counts, offered = [], []
    for start in range(0, len(keys), block):
        stop = min(start + block, len(keys))
        first, last = lookups.ptr[start], lookups.ptr[stop]
        looked = index[lookups.ids[first:last]]
        owners = np.repeat(np.arange(stop - start), np.diff(lookups.ptr[start:stop + 1]))
        present = looked >= 0
        looked, owners = looked[present], owners[present]
        inner, cols = expand_ranges(partner_ptr, partner_cols, looked, looked + 1)
        codes = np.sort(owners[inner] * width + cols)
        if len(codes):
            codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
        counts.append(np.bincount(codes // width, minlength=stop - start))
        offered.append((codes % width + offset).astype(columns))
    ptr = np.concatenate(([0], np.cumsum(np.concatenate(counts)))) if counts else np.zeros(1)
    cols_all = np.concatenate(offered) if offered else np.zeros(0, dtype=columns)
    return ptr.astype(np.int64), cols_all
