# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled inner loops of the term matcher (see :mod:`glossalign.glossary.matcher`).

:class:`HitMaker` turns automaton rows into hits (unspaced scripts: Chinese, Japanese).
:class:`SpacedScanner` does what the pure-Python ``TermMatcher._find_spaced`` does, same hits,
without a Python object per word: it reads each text's characters, classifies them as
``textparts.CHAR_TABLE`` does (word character, clause boundary, gap), hashes each part (a word
with the boundaries touching it) as it goes and looks it up in its own table of part -> (key
character, lead trim, trail trim). Only a part never seen before goes to Python (``key_of``), so
each word type is stemmed once. The key characters of a batch of texts, a filler between texts,
go through one Aho-Corasick call, and each match becomes a ``TermHit`` built directly as a tuple
of the named-tuple type.

Hits hold only strings and integers, so they cannot be part of a reference cycle: they are
untracked by the garbage collector from the start (CPython untracks such tuples itself, but
only after walking them in a collection; on hit-dense text those walks cost more than the
matching). The part table is shared by the calls of one matcher; what a call builds (its key
string and word offsets) is its own, since the automaton call releases the GIL.
"""

import gc

from cpython.long cimport PyLong_AsSsize_t, PyLong_FromSsize_t
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF
from libc.stdint cimport int32_t, uint32_t, uint64_t
from libc.string cimport memcpy, memset

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

cdef extern from *:
    """
    static inline void glossalign_decref(PyObject* o) { Py_DECREF(o); }
    """
    void _decref "glossalign_decref"(PyObject* o)

cdef enum:  # what CHAR_TABLE makes of a character
    UNKNOWN = 0
    KEEP = 1
    BOUNDARY_CLASS = 2
    GAP = 3

cdef Py_ssize_t _OFFSETS = 4096  # offsets below this come from a table of ints
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


cdef void* _grown(void* block, Py_ssize_t size) except NULL:
    cdef void* grown = PyMem_Realloc(block, size)
    if grown == NULL:
        raise MemoryError()
    return grown


cdef class _Work:
    """One call's buffers: the part being read, and per key character its text and span."""

    cdef ucs4* scratch
    cdef Py_ssize_t scratch_capacity
    cdef ucs4* keys
    cdef int32_t* word_text
    cdef Py_ssize_t* word_start
    cdef Py_ssize_t* word_end
    cdef Py_ssize_t words, capacity

    def __dealloc__(self):
        PyMem_Free(self.scratch)
        PyMem_Free(self.keys)
        PyMem_Free(self.word_text)
        PyMem_Free(self.word_start)
        PyMem_Free(self.word_end)

    cdef void reserve_scratch(self, Py_ssize_t needed) except *:
        cdef Py_ssize_t capacity = max(needed, 2 * self.scratch_capacity, 64)
        self.scratch = <ucs4*>_grown(self.scratch, capacity * sizeof(ucs4))
        self.scratch_capacity = capacity

    cdef void append(self, ucs4 key, int32_t text, Py_ssize_t start,
                     Py_ssize_t end) except *:
        cdef Py_ssize_t capacity
        if self.words == self.capacity:
            capacity = max(2 * self.capacity, 1024)
            self.keys = <ucs4*>_grown(self.keys, capacity * sizeof(ucs4))
            self.word_text = <int32_t*>_grown(self.word_text, capacity * sizeof(int32_t))
            self.word_start = <Py_ssize_t*>_grown(self.word_start,
                                                  capacity * sizeof(Py_ssize_t))
            self.word_end = <Py_ssize_t*>_grown(self.word_end, capacity * sizeof(Py_ssize_t))
            self.capacity = capacity
        self.keys[self.words] = key
        self.word_text[self.words] = text
        self.word_start[self.words] = start
        self.word_end[self.words] = end
        self.words += 1


cdef class HitMaker:
    """``TermHit``s from automaton rows, straight into a matcher's per-text results."""

    cdef object lang, hit_type, more_terms
    cdef list concepts, terms, statuses, offsets
    cdef bytes shared

    def __init__(self, list concepts, list terms, list statuses, lang, bytes shared,
                 more_terms, hit_type):
        """``shared[i]`` is 1 when pattern i stands for several terms; ``more_terms(i, hit)``
        gives their hits."""
        if not len(concepts) == len(terms) == len(statuses) == len(shared):
            raise ValueError("one concept, term, status and shared flag per pattern")
        self.concepts, self.terms, self.statuses = concepts, terms, statuses
        self.lang, self.shared, self.more_terms, self.hit_type = lang, shared, more_terms, hit_type
        self.offsets = list(range(_OFFSETS))

    def hits_from_rows(self, list found, list texts, Py_ssize_t separator,
                       Py_ssize_t first_segment, list results, Py_ssize_t first_result):
        """Rows (pattern, start, end) over ``texts`` joined by ``separator`` characters, in
        text order, as hits in ``results[first_result + i]`` for ``texts[i]``."""
        cdef Py_ssize_t count = PyList_GET_SIZE(found), m, pattern, start, end
        cdef Py_ssize_t index = 0, base = 0, limit
        cdef PyObject* row
        cdef const unsigned char* shared = self.shared
        cdef list hits = []
        if not texts:
            return
        limit = PyUnicode_GET_LENGTH(<object>PyList_GET_ITEM(texts, 0))
        segment = PyLong_FromSsize_t(first_segment)
        for m in range(count):
            row = PyList_GET_ITEM(found, m)
            pattern = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 0))
            start = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 1))
            end = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 2))
            if start >= limit:  # a later text: a match never holds a separator
                if hits:
                    _store(results, first_result + index, hits)
                    hits = []
                while start >= limit:
                    index += 1
                    if index >= PyList_GET_SIZE(texts):
                        raise ValueError("a row past the last text")
                    base = limit + separator
                    limit = base + PyUnicode_GET_LENGTH(<object>PyList_GET_ITEM(texts, index))
                segment = PyLong_FromSsize_t(first_segment + index)
            hit = self._hit(pattern, segment, start - base, end - base,
                            <object>PyList_GET_ITEM(texts, index))
            hits.append(hit)
            if shared[pattern]:
                hits.extend(self.more_terms(pattern, hit))
        if hits:
            _store(results, first_result + index, hits)

    cdef object _hit(self, Py_ssize_t pattern, object segment, Py_ssize_t start,
                     Py_ssize_t end, object text):
        """A ``TermHit``, allocated as the named tuple's type and never GC-tracked."""
        cdef PyObject* made = (<_TypeWithAlloc*>self.hit_type).tp_alloc(
            <PyTypeObject*>self.hit_type, 8)
        if made == NULL:
            raise MemoryError()
        hit = <object>made
        _decref(made)  # tp_alloc's reference: ``hit`` holds its own
        _set(hit, 0, <object>PyList_GET_ITEM(self.concepts, pattern))
        _set(hit, 1, self.lang)
        _set(hit, 2, <object>PyList_GET_ITEM(self.terms, pattern))
        _set(hit, 3, <object>PyList_GET_ITEM(self.statuses, pattern))
        _set(hit, 4, segment)
        _set(hit, 5, self._offset(start))
        _set(hit, 6, self._offset(end))
        _set(hit, 7, PyUnicode_Substring(text, start, end))
        if PyObject_GC_IsTracked(hit):
            PyObject_GC_UnTrack(made)
        return hit

    cdef inline object _offset(self, Py_ssize_t value):
        """An offset as a Python int, from a table for the common ones (no allocation)."""
        if 0 <= value < _OFFSETS:
            return <object>PyList_GET_ITEM(self.offsets, value)
        return PyLong_FromSsize_t(value)


cdef class SpacedScanner(HitMaker):
    """The spaced-script matching of one ``TermMatcher``: part table, automaton, hits."""

    cdef object key_of, char_table, automaton
    cdef unsigned char classes[65536]
    cdef Entry* table
    cdef Py_ssize_t capacity, used, limit
    cdef ucs4* pool
    cdef Py_ssize_t pool_size, pool_capacity

    def __cinit__(self):
        self.table = NULL
        self.pool = NULL

    def __init__(self, key_of, char_table, automaton, list concepts, list terms,
                 list statuses, lang, bytes shared, more_terms, hit_type, Py_ssize_t limit):
        """``key_of(part) -> (key code point, lead trim, trail trim)``; the rest as for
        :class:`HitMaker`."""
        super().__init__(concepts, terms, statuses, lang, shared, more_terms, hit_type)
        self.key_of, self.char_table, self.automaton = key_of, char_table, automaton
        self.limit = limit
        memset(self.classes, UNKNOWN, sizeof(self.classes))
        self._reset_table()

    def __dealloc__(self):
        PyMem_Free(self.table)
        PyMem_Free(self.pool)

    # -- the part table -------------------------------------------------------------------

    cdef void _reset_table(self) except *:
        # The new blocks first: out of memory, the old table stays whole.
        cdef Entry* table = <Entry*>_grown(NULL, 1024 * sizeof(Entry))
        cdef ucs4* pool = <ucs4*>PyMem_Malloc(4096 * sizeof(ucs4))
        if pool == NULL:
            PyMem_Free(table)
            raise MemoryError()
        PyMem_Free(self.table)
        PyMem_Free(self.pool)
        self.table, self.pool = table, pool
        memset(self.table, 0, 1024 * sizeof(Entry))
        self.capacity, self.used = 1024, 0
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

    cdef Entry* _lookup(self, const ucs4* part, Py_ssize_t length,
                        uint64_t hash) except NULL:
        """The entry of a part (its translated characters), made by ``key_of`` if new."""
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t slot = <Py_ssize_t>(hash & <uint64_t>mask)
        cdef Entry* entry
        while True:
            entry = &self.table[slot]
            if entry.length == 0:
                return self._add(part, length, hash)
            if entry.hash == hash and entry.length == length and _same(
                    self.pool + entry.offset, part, length):
                return entry
            slot = (slot + 1) & mask

    cdef Entry* _add(self, const ucs4* part, Py_ssize_t length, uint64_t hash) except NULL:
        # key_of runs Python code: another thread may use the table meanwhile, so the slot is
        # found afresh after it (a part added twice is harmless: lookups stop at the first).
        code, lead, trail = self.key_of(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, part,
                                                                  length))
        if self.used >= self.limit:  # bounded like the Python path's caches: start afresh
            self._reset_table()
        if 2 * (self.used + 1) > self.capacity:
            self._grow_table()
        cdef Py_ssize_t capacity = self.pool_capacity
        if self.pool_size + length > capacity:
            while capacity < self.pool_size + length:
                capacity *= 2
            self.pool = <ucs4*>_grown(self.pool, capacity * sizeof(ucs4))
            self.pool_capacity = capacity
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t slot = <Py_ssize_t>(hash & <uint64_t>mask)
        while self.table[slot].length:
            slot = (slot + 1) & mask
        cdef Entry* entry = &self.table[slot]
        memcpy(self.pool + self.pool_size, part, length * sizeof(ucs4))
        entry.hash, entry.offset, entry.length = hash, self.pool_size, length
        entry.code, entry.lead, entry.trail = code, lead, trail
        self.pool_size += length
        self.used += 1
        return entry

    # -- keying -----------------------------------------------------------------------------

    cdef inline long _translate(self, ucs4 ch) except -1:
        """What ``CHAR_TABLE`` makes of a character: itself, a boundary or a space."""
        cdef unsigned char cls
        if ch < 65536:
            cls = self.classes[ch]
            if cls == UNKNOWN:
                cls = self.classes[ch] = self._classify(ch)
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

    cdef void _key_text(self, _Work work, str text, int32_t index) except *:
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
                if length == work.scratch_capacity:
                    work.reserve_scratch(length + 1)
                work.scratch[length] = ch
                length += 1
                hash = (hash ^ ch) * FNV_PRIME
                i += 1
                if i == n:
                    break
                ch = <ucs4>self._translate(PyUnicode_READ(kind, data, i))
                if ch == SPACE:
                    break
            entry = self._lookup(work.scratch, length, hash)
            work.append(entry.code, index, start + entry.lead, i - entry.trail)

    # -- matching ---------------------------------------------------------------------------

    def find_many(self, list texts, Py_ssize_t first_segment, list results,
                  Py_ssize_t batch_chars):
        """Fill ``results[i]`` with the hits of ``texts[i]`` (a tuple; left alone if none)."""
        cdef Py_ssize_t n = PyList_GET_SIZE(texts), i, lo = 0, size = 0
        if len(results) != n:
            raise ValueError("results must have one slot per text")
        cdef _Work work = _Work()
        for i in range(n):
            text = <object>PyList_GET_ITEM(texts, i)
            if not isinstance(text, str):
                raise TypeError(f"text {i} is {type(text).__name__}, not str")
            size += PyUnicode_GET_LENGTH(text)
            if size >= batch_chars or i == n - 1:
                # The automaton's rows are the only objects made here that the garbage
                # collector tracks; collections triggered by them would find nothing to free.
                enabled = gc.isenabled()
                gc.disable()
                try:
                    self._find_batch(work, texts, lo, i + 1, first_segment, results)
                finally:
                    if enabled:
                        gc.enable()
                lo, size = i + 1, 0

    cdef void _find_batch(self, _Work work, list texts, Py_ssize_t lo, Py_ssize_t hi,
                          Py_ssize_t first_segment, list results) except *:
        cdef Py_ssize_t i
        work.words = 0
        for i in range(lo, hi):
            if i > lo:  # a filler between texts: no match runs from one into the next
                work.append(0, <int32_t>i, 0, 0)
            self._key_text(work, <str><object>PyList_GET_ITEM(texts, i), <int32_t>i)
        if work.words == 0:
            return
        keyed = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, work.keys, work.words)
        found = self.automaton.find_matches_as_indexes(keyed)
        if found:
            self._make_hits(work, <list>found, texts, first_segment, results)

    cdef void _make_hits(self, _Work work, list found, list texts, Py_ssize_t first_segment,
                         list results) except *:
        cdef Py_ssize_t count = PyList_GET_SIZE(found), m, pattern, first, last
        cdef int32_t text_index, current = -1
        cdef PyObject* row
        cdef const unsigned char* shared = self.shared
        cdef list hits = []
        segment = text = None
        for m in range(count):
            row = PyList_GET_ITEM(found, m)
            pattern = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 0))
            first = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 1))
            last = PyLong_AsSsize_t(<object>PyTuple_GET_ITEM(row, 2)) - 1
            text_index = work.word_text[first]
            if text_index != current:
                if hits:
                    _store(results, current, hits)
                    hits = []
                current = text_index
                segment = PyLong_FromSsize_t(first_segment + text_index)  # one per text
                text = <object>PyList_GET_ITEM(texts, text_index)
            hit = self._hit(pattern, segment, work.word_start[first], work.word_end[last], text)
            hits.append(hit)
            if shared[pattern]:
                hits.extend(self.more_terms(pattern, hit))
        if hits:
            _store(results, current, hits)


cdef void _store(list results, int32_t index, list hits) except *:
    grouped = tuple(hits)
    if PyObject_GC_IsTracked(grouped):
        PyObject_GC_UnTrack(<PyObject*>grouped)  # holds hits only, which hold no container
    results[index] = grouped


cdef inline void _set(object container, Py_ssize_t i, object value):
    Py_INCREF(value)  # PyTuple_SET_ITEM steals a reference
    PyTuple_SET_ITEM(container, i, value)


cdef inline bint _same(const ucs4* a, const ucs4* b, Py_ssize_t length):
    cdef Py_ssize_t i
    for i in range(length):
        if a[i] != b[i]:
            return False
    return True
