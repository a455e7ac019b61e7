# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled inner loop of the spaced-script term matcher (see :mod:`glossalign.glossary.matcher`).

It does what the pure-Python path of ``TermMatcher._find_spaced`` does, with the same results,
without a Python object per word: it reads each text's characters, classifies them as
``textparts.CHAR_TABLE`` does (word character, clause boundary, gap), hashes each part (a word
with the boundaries touching it) as it goes and looks the part up in its own hash table of
part -> (key character, lead trim, trail trim). Only a part never seen before goes to Python
(``key_of``), so each word type is stemmed once. The key characters of a batch of texts, a
filler between texts, go through one Aho-Corasick call, and each match becomes a ``TermHit``
built directly as a tuple of the named-tuple type.

Hits hold only strings and integers, so they cannot be part of a reference cycle: they are
untracked by the garbage collector from the start (CPython untracks such tuples itself, but
only after walking them in a collection; on hit-dense text those walks cost more than the
matching).
"""

import gc

from cpython.long cimport PyLong_AsSsize_t, PyLong_FromSsize_t
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF
from libc.stdint cimport int32_t, uint32_t, uint64_t
from libc.string cimport memset

ctypedef uint32_t ucs4  # a code point (not Cython's Py_UCS4, which converts to a str)

cdef extern from "Python.h":
    int PyUnicode_READY(object o) except -1
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)
    uint32_t PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)
    int PyUnicode_4BYTE_KIND
    PyObject* PyList_GET_ITEM(object o, Py_ssize_t i)
    Py_ssize_t PyList_GET_SIZE(object o)
    PyObject* PyTuple_GET_ITEM(PyObject* o, Py_ssize_t i)
    void PyTuple_SET_ITEM(object o, Py_ssize_t i, object v)
    void PyObject_GC_UnTrack(void* o)
    int PyObject_GC_IsTracked(object o)
    ctypedef PyObject* (*allocfunc)(PyTypeObject*, Py_ssize_t)
    ctypedef struct _TypeWithAlloc "PyTypeObject":
        allocfunc tp_alloc

cdef enum:
    UNKNOWN = 0
    KEEP = 1
    BOUNDARY_CLASS = 2
    GAP = 3

cdef ucs4 SPACE = 0x20
cdef ucs4 BOUNDARY = 0x01
cdef uint64_t FNV_OFFSET = 1469598103934665603ULL
cdef uint64_t FNV_PRIME = 1099511628211ULL

cdef struct Entry:
    uint64_t hash
    Py_ssize_t offset  # of the part's translated characters in the pool
    Py_ssize_t length  # 0: empty slot
    ucs4 code
    int32_t lead
    int32_t trail


cdef class SpacedScanner:
    """The spaced-script matching of one ``TermMatcher``: keys, automaton, hit fields."""

    cdef object key_of, char_table, automaton, lang, hit_type, more_terms
    cdef list concepts, terms, statuses
    cdef bytes shared
    cdef unsigned char classes[65536]
    cdef Entry* table
    cdef Py_ssize_t capacity, used, limit
    cdef ucs4* pool
    cdef Py_ssize_t pool_size, pool_capacity
    cdef ucs4* scratch
    cdef Py_ssize_t scratch_capacity
    # per key character of the batch being scanned: text index, hit start, hit end
    cdef ucs4* keys
    cdef int32_t* word_text
    cdef Py_ssize_t* word_start
    cdef Py_ssize_t* word_end
    cdef Py_ssize_t words, words_capacity

    def __cinit__(self):
        self.table = NULL
        self.pool = NULL
        self.scratch = NULL
        self.keys = NULL
        self.word_text = NULL
        self.word_start = NULL
        self.word_end = NULL

    def __init__(self, key_of, char_table, automaton, list concepts, list terms,
                 list statuses, lang, bytes shared, more_terms, hit_type, Py_ssize_t limit):
        """``key_of(part) -> (key code point, lead trim, trail trim)``; ``shared[i]`` is 1 when
        pattern i stands for several terms, and ``more_terms(i, hit)`` gives their hits."""
        self.key_of = key_of
        self.char_table = char_table
        self.automaton = automaton
        self.concepts, self.terms, self.statuses = concepts, terms, statuses
        self.lang = lang
        self.shared = shared
        self.more_terms = more_terms
        self.hit_type = hit_type
        self.limit = limit
        memset(self.classes, UNKNOWN, sizeof(self.classes))
        self._reset_table(1024)
        self.scratch_capacity = 256
        self.scratch = <ucs4*>PyMem_Malloc(self.scratch_capacity * sizeof(ucs4))
        self.words_capacity = 0
        self._reserve_words(4096)
        if self.scratch == NULL:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.table)
        PyMem_Free(self.pool)
        PyMem_Free(self.scratch)
        PyMem_Free(self.keys)
        PyMem_Free(self.word_text)
        PyMem_Free(self.word_start)
        PyMem_Free(self.word_end)

    # -- the part table ---------------------------------------------------------------------

    cdef void _reset_table(self, Py_ssize_t capacity) except *:
        PyMem_Free(self.table)
        PyMem_Free(self.pool)
        self.table = <Entry*>PyMem_Malloc(capacity * sizeof(Entry))
        self.pool = <ucs4*>PyMem_Malloc(4096 * sizeof(ucs4))
        if self.table == NULL or self.pool == NULL:
            raise MemoryError()
        memset(self.table, 0, capacity * sizeof(Entry))
        self.capacity, self.used = capacity, 0
        self.pool_size, self.pool_capacity = 0, 4096

    cdef void _grow_table(self) except *:
        cdef Entry* old = self.table
        cdef Py_ssize_t old_capacity = self.capacity, i, slot
        cdef Py_ssize_t mask = 2 * old_capacity - 1
        self.table = <Entry*>PyMem_Malloc(2 * old_capacity * sizeof(Entry))
        if self.table == NULL:
            self.table = old
            raise MemoryError()
        memset(self.table, 0, 2 * old_capacity * sizeof(Entry))
        self.capacity = 2 * old_capacity
        for i in range(old_capacity):
            if old[i].length:
                slot = <Py_ssize_t>(old[i].hash & <uint64_t>mask)
                while self.table[slot].length:
                    slot = (slot + 1) & mask
                self.table[slot] = old[i]
        PyMem_Free(old)

    cdef Entry* _lookup(self, uint64_t hash, Py_ssize_t length) except NULL:
        """The entry of the part in ``scratch[:length]``, made (by ``key_of``) if new."""
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t slot = <Py_ssize_t>(hash & <uint64_t>mask)
        cdef Entry* entry
        while True:
            entry = &self.table[slot]
            if entry.length == 0:
                break
            if entry.hash == hash and entry.length == length and _same(
                    self.pool + entry.offset, self.scratch, length):
                return entry
            slot = (slot + 1) & mask
        return self._add(hash, length)

    cdef Entry* _add(self, uint64_t hash, Py_ssize_t length) except NULL:
        part = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self.scratch, length)
        code, lead, trail = self.key_of(part)
        if self.used >= self.limit:  # bounded like the Python path's caches: start afresh
            self._reset_table(1024)
        if 2 * (self.used + 1) > self.capacity:
            self._grow_table()
        cdef Py_ssize_t needed = self.pool_size + length
        cdef Py_ssize_t new_capacity = self.pool_capacity
        cdef ucs4* pool
        if needed > self.pool_capacity:
            while new_capacity < needed:
                new_capacity *= 2
            pool = <ucs4*>PyMem_Realloc(self.pool, new_capacity * sizeof(ucs4))
            if pool == NULL:
                raise MemoryError()
            self.pool, self.pool_capacity = pool, new_capacity
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t slot = <Py_ssize_t>(hash & <uint64_t>mask)
        while self.table[slot].length:
            slot = (slot + 1) & mask
        cdef Entry* entry = &self.table[slot]
        cdef Py_ssize_t i
        for i in range(length):
            self.pool[self.pool_size + i] = self.scratch[i]
        entry.hash, entry.offset, entry.length = hash, self.pool_size, length
        entry.code, entry.lead, entry.trail = code, lead, trail
        self.pool_size += length
        self.used += 1
        return entry

    # -- characters ---------------------------------------------------------------------------

    cdef inline long _translate(self, ucs4 ch) except -1:
        """What ``CHAR_TABLE`` makes of a character: itself, a boundary or a space."""
        cdef unsigned char cls
        if ch < 65536:
            cls = self.classes[ch]
            if cls == UNKNOWN:
                cls = self._classify(ch)
                self.classes[ch] = cls
        else:
            cls = self._classify(ch)
        if cls == KEEP:
            return ch
        return BOUNDARY if cls == BOUNDARY_CLASS else SPACE

    cdef unsigned char _classify(self, ucs4 ch) except 0:
        cdef long mapped = self.char_table[<long>ch]
        if mapped == SPACE:
            return GAP
        if mapped == ch:
            return KEEP
        if mapped == BOUNDARY:
            return BOUNDARY_CLASS
        raise ValueError(f"unexpected translation of U+{<long>ch:04X}")

    cdef void _reserve_words(self, Py_ssize_t needed) except *:
        if needed <= self.words_capacity:
            return
        cdef Py_ssize_t capacity = max(needed, 2 * self.words_capacity)
        cdef void* keys = PyMem_Realloc(self.keys, capacity * sizeof(ucs4))
        if keys != NULL:
            self.keys = <ucs4*>keys
        cdef void* texts = PyMem_Realloc(self.word_text, capacity * sizeof(int32_t))
        if texts != NULL:
            self.word_text = <int32_t*>texts
        cdef void* starts = PyMem_Realloc(self.word_start, capacity * sizeof(Py_ssize_t))
        if starts != NULL:
            self.word_start = <Py_ssize_t*>starts
        cdef void* ends = PyMem_Realloc(self.word_end, capacity * sizeof(Py_ssize_t))
        if ends != NULL:
            self.word_end = <Py_ssize_t*>ends
        if keys == NULL or texts == NULL or starts == NULL or ends == NULL:
            raise MemoryError()
        self.words_capacity = capacity

    cdef void _reserve_scratch(self, Py_ssize_t needed) except *:
        if needed <= self.scratch_capacity:
            return
        cdef Py_ssize_t capacity = max(needed, 2 * self.scratch_capacity)
        cdef void* grown = PyMem_Realloc(self.scratch, capacity * sizeof(ucs4))
        if grown == NULL:
            raise MemoryError()
        self.scratch, self.scratch_capacity = <ucs4*>grown, capacity

    cdef void _key_text(self, str text, int32_t index) except *:
        """Append the key characters of one text's parts, with their hit offsets."""
        PyUnicode_READY(text)
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, start, length
        cdef ucs4 ch
        cdef uint64_t hash
        cdef Entry* entry
        while i < n:
            ch = <ucs4>self._translate(PyUnicode_READ(kind, data, i))
            if ch == SPACE:
                i += 1
                continue
            start, length, hash = i, 0, FNV_OFFSET
            while True:
                if length == self.scratch_capacity:
                    self._reserve_scratch(length + 1)
                self.scratch[length] = ch
                length += 1
                hash = (hash ^ ch) * FNV_PRIME
                i += 1
                if i == n:
                    break
                ch = <ucs4>self._translate(PyUnicode_READ(kind, data, i))
                if ch == SPACE:
                    break
            entry = self._lookup(hash, length)
            if self.words == self.words_capacity:
                self._reserve_words(self.words + 1)
            self.keys[self.words] = entry.code
            self.word_text[self.words] = index
            self.word_start[self.words] = start + entry.lead
            self.word_end[self.words] = i - entry.trail
            self.words += 1

    # -- matching -----------------------------------------------------------------------------

    def find_many(self, list texts, Py_ssize_t first_segment, list results,
                  Py_ssize_t batch_chars):
        """Fill ``results[i]`` with the hits of ``texts[i]`` (a tuple; left alone if none)."""
        cdef Py_ssize_t n = PyList_GET_SIZE(texts), i, lo = 0, size = 0
        if len(results) != n:
            raise ValueError("results must have one slot per text")
        for i in range(n):
            text = <object>PyList_GET_ITEM(texts, i)
            if type(text) is not str:
                raise TypeError(f"text {i} is {type(text).__name__}, not str")
            size += PyUnicode_GET_LENGTH(text)
            if size >= batch_chars or i == n - 1:
                self._find_batch(texts, lo, i + 1, first_segment, results)
                lo, size = i + 1, 0

    cdef void _find_batch(self, list texts, Py_ssize_t lo, Py_ssize_t hi,
                          Py_ssize_t first_segment, list results) except *:
        # The automaton's rows are the only objects made here that the garbage collector
        # tracks; collections triggered by them would find nothing to free.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._match_batch(texts, lo, hi, first_segment, results)
        finally:
            if enabled:
                gc.enable()

    cdef void _match_batch(self, list texts, Py_ssize_t lo, Py_ssize_t hi,
                           Py_ssize_t first_segment, list results) except *:
        cdef Py_ssize_t i
        self.words = 0
        for i in range(lo, hi):
            if i > lo:  # a filler between texts: no match runs from one into the next
                if self.words == self.words_capacity:
                    self._reserve_words(self.words + 1)
                self.keys[self.words] = 0
                self.word_text[self.words] = <int32_t>i
                self.word_start[self.words] = 0
                self.word_end[self.words] = 0
                self.words += 1
            self._key_text(<str><object>PyList_GET_ITEM(texts, i), <int32_t>i)
        if self.words == 0:
            return
        keyed = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self.keys, self.words)
        found = self.automaton.find_matches_as_indexes(keyed)
        if found:
            self._make_hits(<list>found, texts, first_segment, results)

    cdef void _make_hits(self, list found, list texts, Py_ssize_t first_segment,
                         list results) except *:
        cdef Py_ssize_t count = PyList_GET_SIZE(found), m, pattern, first, last
        cdef Py_ssize_t start, end
        cdef int32_t text_index, current = -1
        cdef PyObject* row
        cdef const unsigned char* shared = self.shared
        cdef list hits = []
        for m in range(count):
            row = PyList_GET_ITEM(found, m)
            pattern = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 0))
            first = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 1))
            last = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 2)) - 1
            text_index = self.word_text[first]
            if text_index != current:
                if hits:
                    self._store(results, current, hits)
                    hits = []
                current = text_index
            start, end = self.word_start[first], self.word_end[last]
            text = <object>PyList_GET_ITEM(texts, text_index)
            hit = self._hit(pattern, first_segment + text_index, start, end,
                            PyUnicode_Substring(text, start, end))
            hits.append(hit)
            if shared[pattern]:
                hits.extend(self.more_terms(pattern, hit))
        if hits:
            self._store(results, current, hits)

    cdef object _hit(self, Py_ssize_t pattern, Py_ssize_t segment, Py_ssize_t start,
                     Py_ssize_t end, object surface):
        """A ``TermHit``, allocated as the named tuple's type and never GC-tracked."""
        cdef PyObject* made = (<_TypeWithAlloc*>self.hit_type).tp_alloc(
            <PyTypeObject*>self.hit_type, 8)
        if made == NULL:
            raise MemoryError()
        hit = <object>made
        _decref(made)  # tp_alloc's reference: ``hit`` holds its own
        _set(hit, 0, self.concepts[pattern])
        _set(hit, 1, self.lang)
        _set(hit, 2, self.terms[pattern])
        _set(hit, 3, self.statuses[pattern])
        _set(hit, 4, PyLong_FromSsize_t(segment))
        _set(hit, 5, PyLong_FromSsize_t(start))
        _set(hit, 6, PyLong_FromSsize_t(end))
        _set(hit, 7, surface)
        if PyObject_GC_IsTracked(hit):
            PyObject_GC_UnTrack(made)
        return hit

    cdef void _store(self, list results, int32_t index, list hits) except *:
        grouped = tuple(hits)
        if PyObject_GC_IsTracked(grouped):
            PyObject_GC_UnTrack(<PyObject*>grouped)  # holds untracked hits only
        results[index] = grouped


cdef extern from *:
    """
    static inline void glossalign_decref(PyObject* o) { Py_DECREF(o); }
    """
    void _decref "glossalign_decref"(PyObject* o)


cdef inline void _set(object container, Py_ssize_t i, object value):
    Py_INCREF(value)  # PyTuple_SET_ITEM steals a reference
    PyTuple_SET_ITEM(container, i, value)


cdef inline bint _same(const ucs4* a, const ucs4* b, Py_ssize_t length):
    cdef Py_ssize_t i
    for i in range(length):
        if a[i] != b[i]:
            return False
    return True
