"""Vectorised BM25 over Whoosh's posting lists, for OR queries over common Vietnamese syllables.

Whoosh scores a query by walking nested matchers in pure Python, one posting at a time: fine for
rare terms, but a query like "chu tich ubnd tinh" matches most of a 30k-document archive and took
seconds. Here each term's postings are read once per index version from Whoosh's own posting
blocks into numpy arrays (cached), and a query is scored with array operations over all documents:
every match is scored, so totals and facets are exact, in a few milliseconds.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np

from kb.search.whoosh_compat import read_leaf_postings

K1 = 1.2
B = 0.75
CACHE_BYTES = 96 * 1024 * 1024
LENGTH_NORMALISED = frozenset({"w", "s"})


class PostingIndex:
    """Per index version: live documents, field lengths, and a byte-bounded cache of postings."""

    def __init__(self, reader, live: np.ndarray | None = None, lengths: dict[str, np.ndarray] | None = None):
        """`live` and field `lengths` may come from the version's derived files (kb.search.derived);
        otherwise they are read from the reader."""
        self.reader = reader
        self.n = reader.doc_count_all()
        if live is None:
            live = np.zeros(self.n, dtype=bool)
            for d in reader.all_doc_ids():
                live[d] = True
        self.live = live
        self.live_count = int(self.live.sum())
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        for field, arr in (lengths or {}).items():
            self._lengths[field] = self._with_average(arr)
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cache_bytes = 0
        self._lock = threading.Lock()
        # The reader's files are shared by every thread and read with seek(): one reader at a time.
        self._read_lock = threading.Lock()
        self._leaves = list(reader.leaf_readers())

    def lengths(self, field: str) -> tuple[np.ndarray, float]:
        got = self._lengths.get(field)
        if got is None:
            with self._read_lock:
                arr = np.fromiter((self.reader.doc_field_length(d, field, 0) for d in range(self.n)),
                                  dtype=np.float32, count=self.n)
            got = self._with_average(np.nan_to_num(arr, nan=0.0, posinf=0.0, neginf=0.0))
            with self._lock:
                self._lengths[field] = got
        return got

    def _with_average(self, arr: np.ndarray) -> tuple[np.ndarray, float]:
        live_lengths = arr[self.live]
        avg = float(live_lengths.mean()) if live_lengths.size else 1.0
        return arr, avg or 1.0

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a term, live documents only."""
        key = (field, term)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        with self._read_lock:
            ids, tf = self._read(field, term)
        if ids.size:
            keep = self.live[ids]
            ids, tf = ids[keep], tf[keep]
        with self._lock:
            self._cache[key] = (ids, tf)
            self._cache_bytes += ids.nbytes + tf.nbytes
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, (old_ids, old_tf) = self._cache.popitem(last=False)
                self._cache_bytes -= old_ids.nbytes + old_tf.nbytes
        return ids, tf

    def _read(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        id_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        for leaf, offset in self._leaves:
            if (field, term) not in leaf:
                continue
            got = read_leaf_postings(leaf, field, term)
            if got is None:
                continue
            id_parts.append(got[0] + offset)
            tf_parts.append(got[1])
        if not id_parts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        return np.concatenate(id_parts), np.concatenate(tf_parts)

    def preload(self, field: str, count: int) -> None:
        """Read the postings of the `count` most frequent terms of a field: the expensive ones."""
        with self._read_lock:
            top = sorted(((info.doc_frequency(), term) for term, info in self.reader.iter_field(field)),
                         reverse=True)[:count]
        for _, term in top:
            self.postings(field, term.decode("utf-8") if isinstance(term, bytes) else term)

    def doc_frequency(self, field: str, term: str) -> int:
        return int(self.postings(field, term)[0].size)

    def bm25(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, BM25 score of this term in each)."""
        ids, tf = self.postings(field, term)
        if not ids.size:
            return ids, tf
        df = ids.size
        idf = math.log(1.0 + (self.live_count - df + 0.5) / (df + 0.5))
        if field not in LENGTH_NORMALISED:  # keyword fields: present or not
            return ids, np.full(ids.size, idf, dtype=np.float32)
        lengths, avg = self.lengths(field)
        norm = K1 * (1.0 - B + B * lengths[ids] / avg)
        return ids, (idf * tf * (K1 + 1.0) / (tf + norm)).astype(np.float32)
