"""Which documents hold a phrase, judged on the word positions of field "s" (quoted phrases,
excluded phrases, and the accepted forms of a query's concepts).

Reading positions costs a few microseconds a document and term, so every check is bounded: per
phrase at most MAX_PHRASE_CHECKS documents (the best ranked first), per request at most
MAX_POSITION_READS position lists. What is left unchecked is reported, never guessed. Results are
kept per index version (PhraseCache), so a phrase asked for again costs only new documents.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from kb.search.postings import PostingIndex

# Documents whose word positions are read to check one phrase: the best ranked first. Reading them
# costs a few microseconds a document; a phrase of common words ("và của các") is in most of them.
MAX_PHRASE_CHECKS = 20000
# Position lists (one term in one document) read for all the phrases of one request together.
MAX_POSITION_READS = 100_000
MAX_CACHED_PHRASES = 4096  # per index version (two packed bits a document each: 7.5 KB at 30k documents)


class PhraseCache:
    """Results of phrase checks on one index version, shared by its requests: for each phrase, the
    documents already checked and those found holding it (packed bits). A query asking for a
    phrase again ("chủ tịch" without the word "chủ_tịch", "công tác") reads positions only in
    documents not checked before. The least recently used phrases go beyond MAX_CACHED_PHRASES."""

    def __init__(self, n: int):
        self.n = n
        self._entries: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            got = self._entries.get(key)
            if got is None:
                return None
            self._entries.move_to_end(key)
        checked, found = got
        return (np.unpackbits(checked, count=self.n).astype(bool), np.unpackbits(found, count=self.n).astype(bool))

    def add(self, key: tuple, checked: np.ndarray, found: np.ndarray) -> None:
        if not checked.any():
            return
        with self._lock:
            old = self._entries.get(key)
            if old is not None:
                checked = checked | np.unpackbits(old[0], count=self.n).astype(bool)
                found = found | np.unpackbits(old[1], count=self.n).astype(bool)
            self._entries[key] = (np.packbits(checked), np.packbits(found))
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_CACHED_PHRASES:
                self._entries.popitem(last=False)


class PhraseChecker:
    """Which documents hold a phrase, judged on the word positions of field "s"; one per request.

    Whoosh's phrase query builds span objects in Python for every document holding all the words,
    and for common words ("và của các") that is nearly every document. Here the candidates come
    from the cached posting arrays (and the rest of the query), at most MAX_PHRASE_CHECKS of them,
    the best ranked, have their positions read, rarest word first, and the positions are compared
    as arrays. Words must stand next to each other in order, as in Whoosh's Phrase with slop=1.
    All the phrases of a request share a budget of MAX_POSITION_READS position lists.
    """

    _STRIDE = 1 << 32  # (document, start position) packed into one integer

    def __init__(self, reader, pidx: PostingIndex, n: int, cache: PhraseCache | None = None):
        self.leaves = [(leaf, offset, leaf.doc_count_all()) for leaf, offset in reader.leaf_readers()]
        self.pidx = pidx
        self.n = n
        self.cache = cache
        self._positions: dict[str, dict[int, list[int]]] = {}
        self._slot_masks: dict[tuple[str, ...], np.ndarray] = {}
        self.budget = MAX_POSITION_READS

    def slot_mask(self, slot: tuple[str, ...]) -> np.ndarray:
        """Documents holding any of the terms of one phrase position (do not change it: shared)."""
        mask = self._slot_masks.get(slot)
        if mask is None:
            mask = np.zeros(self.n, dtype=bool)
            for term in slot:
                ids, _ = self.pidx.postings("s", term)
                mask[ids[ids < self.n]] = True
            self._slot_masks[slot] = mask
        return mask

    def matches(self, slots: list[tuple[str, ...]], among: np.ndarray | None = None,
                priority: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(documents holding the phrase, documents holding all its words but left unchecked:
        more than MAX_PHRASE_CHECKS did, or the budget ran out; the highest `priority` first)."""
        limit = min(MAX_PHRASE_CHECKS, self.budget)
        cand = self.pidx.live[: self.n].copy() if among is None else among.copy()
        masks = [self.slot_mask(slot) for slot in slots]
        for m in masks:
            cand &= m
        key = tuple(slots)
        known = np.zeros(self.n, dtype=bool)
        cached = self.cache.get(key) if self.cache is not None and len(slots) > 1 else None
        if cached is not None:
            checked_before, found_before = cached
            known = cand & found_before
            cand &= ~checked_before
        docs = np.flatnonzero(cand)
        unchecked = np.zeros(self.n, dtype=bool)
        if len(slots) > 1 and docs.size > limit:  # one word needs no positions
            keep = docs[np.argsort(-priority[docs], kind="stable")[:limit]] if priority is not None else docs[:limit]
            unchecked[docs] = True
            unchecked[keep] = False
            docs = np.sort(keep)
        found = np.zeros(self.n, dtype=bool)
        if len(slots) > 1 and docs.size:
            starts: np.ndarray | None = None
            for k in sorted(range(len(slots)), key=lambda i: int(masks[i].sum())):
                # A term is read only where it occurs: a slot of accent variants ("tinh": tỉnh,
                # tình, tính) costs the postings of each variant, not every document per variant.
                wanted = {term: self._holding(term, docs) for term in slots[k]}
                reads = sum(1 for term, held in wanted.items() for d in held.tolist()
                            if d not in self._positions.get(term, ()))
                if reads > self.budget:
                    unchecked[docs] = True
                    docs = docs[:0]
                    break
                self.budget -= reads
                doc_ids, pos = self._read(wanted)
                ok = pos >= k
                keys = doc_ids[ok] * self._STRIDE + (pos[ok] - k)
                if len(slots[k]) > 1:  # one term's keys are already sorted and distinct
                    keys = np.unique(keys)
                starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
                docs = np.unique(starts // self._STRIDE)
                if not docs.size:
                    break
        found[docs] = True
        if self.cache is not None and len(slots) > 1:
            self.cache.add(key, cand & ~unchecked, found)
        return found | known, unchecked

    def exists(self, sylls: tuple[str, ...]) -> bool:
        found, unchecked = self.matches([(x,) for x in sylls])
        return bool(found.any() or unchecked.any())

    def _holding(self, term: str, docs: np.ndarray) -> np.ndarray:
        """The documents of `docs` (sorted) in which the term occurs."""
        ids, _ = self.pidx.postings("s", term)
        return docs[np.isin(docs, ids, assume_unique=True)] if ids.size else docs[:0]

    def _read(self, wanted: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Flat (document, position) arrays of each term in its documents (sorted), in order of
        document and then position for a one-term slot."""
        doc_flat: list[int] = []
        pos_flat: list[int] = []
        for term, held in wanted.items():
            docs = held.tolist()
            cache = self._positions.setdefault(term, {})
            missing = [d for d in docs if d not in cache]
            if missing:
                self._read_term(term, missing, cache)
            for d in docs:
                p = cache[d]
                if p:
                    doc_flat += [d] * len(p)
                    pos_flat += p
        return np.asarray(doc_flat, dtype=np.int64), np.asarray(pos_flat, dtype=np.int64)

    def _read_term(self, term: str, docs: list[int], cache: dict[int, list[int]]) -> None:
        for d in docs:
            cache[d] = []
        for leaf, offset, count in self.leaves:
            local = [d - offset for d in docs if offset <= d < offset + count]
            if not local:
                continue
            try:
                if ("s", term) not in leaf:
                    continue
                m = leaf.postings("s", term)
            except Exception:  # noqa: BLE001 - a field missing in an old segment: no positions there
                continue
            for d in local:
                if not m.is_active():
                    break
                if m.id() < d:
                    m.skip_to(d)
                    if not m.is_active():
                        break
                if m.id() == d:
                    cache[d + offset] = m.value_as("positions")
