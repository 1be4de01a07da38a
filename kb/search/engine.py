"""Searching the index: query -> hits, facets over the whole result set, snippets, suggestions.

Thread safety: Whoosh searchers hold file handles and are not meant to be shared between threads,
so every thread gets its own searcher (threading.local). Each is reopened when the index on disk
changes (a new generation, or a rebuilt index switched in). What is derived from one index
version (facet columns, vocabulary, posting cache) is built once under a lock and then only read.

Ranking: BM25 over every matching document (kb.search.postings), plus a strong bonus for the share
of the query's concepts a document contains (all words beat some); then the best RERANK_DEPTH are
re-ranked by evidence in the text: neighbouring concepts together, the whole query as a phrase,
matches in the title.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as windex

from kb.models import FacetValue, SearchHit, SearchRequest, SearchResponse
from kb.search import query as qb
from kb.search.highlight import highlight_all, snippet
from kb.search.match import ConceptPattern, DocText, QueryMatcher, adjacent, spans_by_concept
from kb.search.parse import ParsedQuery, Reduction, parse_query, parse_years
from kb.search.postings import PostingIndex
from kb.search.vocab import Vocabulary
from kb.search.whoosh_compat import index_generation
from kb.search.writer import INDEX_NAME
from kb.store import DocumentStore
from kb.text.normalize import canonical_case, fold_accents

FACET_NAMES = ("agency", "person", "place", "doc_type", "source")
FACET_LIMIT = 30
COVERAGE_WEIGHT = 3.0  # share of the query's concepts in the document: all words beat some
TITLE_WEIGHT = 0.6
PAIR_WEIGHT = 0.8  # neighbouring concepts next to each other
PHRASE_WEIGHT = 0.5  # every concept next to the next one
SEEN_WEIGHT = 1.0  # each concept written as in the query (not only its syllables scattered)
RERANK_DEPTH = 40
WARM_TERMS = 400
RERANK_CHARS = 3000  # evidence for re-ranking: the title and the lead, where news puts the facts
# Documents whose word positions are read to check one phrase: the best ranked first. Reading them
# costs a few microseconds a document; a phrase of common words ("và của các") is in most of them.
MAX_PHRASE_CHECKS = 20000
# Position lists (one term in one document) read for all the phrases of one request together.
MAX_POSITION_READS = 100_000
MAX_FILTER_VALUES = 16  # per facet, from the box and the request together


@dataclass
class FacetColumns:
    """Per-document facet values of one index version, as compressed rows for fast counting."""

    n: int
    ids: list[str | None]
    names: dict[str, list[str]]  # facet -> value names
    lookup: dict[str, dict[str, int]]  # facet -> value -> value number
    ptr: dict[str, np.ndarray]  # facet -> row offsets (n + 1)
    vals: dict[str, np.ndarray]  # facet -> value numbers, row after row
    year: np.ndarray
    date: np.ndarray
    _folded_names: dict[str, list[str]] = field(default_factory=dict)  # for resolve(), built on first use

    @classmethod
    def load(cls, reader) -> FacetColumns:
        n = reader.doc_count_all()
        ids: list[str | None] = [None] * n
        names: dict[str, list[str]] = {f: [] for f in FACET_NAMES}
        lookup: dict[str, dict[str, int]] = {f: {} for f in FACET_NAMES}
        rows: dict[str, list[list[int]]] = {f: [[] for _ in range(n)] for f in FACET_NAMES}
        year = np.zeros(n, dtype=np.int32)
        date = np.zeros(n, dtype=np.int32)
        for docnum, stored in reader.iter_docs():
            ids[docnum] = stored["id"]
            data = json.loads(stored.get("facets") or "{}")
            for f in FACET_NAMES:
                for v in data.get(f) or ():
                    k = lookup[f].get(v)
                    if k is None:
                        k = lookup[f][v] = len(names[f])
                        names[f].append(v)
                    rows[f][docnum].append(k)
            year[docnum] = data.get("year") or 0
            date[docnum] = data.get("date") or 0
        ptr, vals = {}, {}
        for f in FACET_NAMES:
            lengths = np.fromiter((len(r) for r in rows[f]), dtype=np.int64, count=n)
            ptr[f] = np.concatenate([[0], np.cumsum(lengths)])
            vals[f] = np.fromiter((v for r in rows[f] for v in r), dtype=np.int64, count=int(lengths.sum()))
        return cls(n, ids, names, lookup, ptr, vals, year, date)

    def docs_with(self, facet: str, value_numbers: list[int]) -> np.ndarray:
        """Boolean mask of documents having any of the values."""
        wanted = np.zeros(len(self.names[facet]) + 1, dtype=bool)
        wanted[value_numbers] = True
        owners = np.repeat(np.arange(self.n), np.diff(self.ptr[facet]))
        mask = np.zeros(self.n, dtype=bool)
        mask[owners[wanted[self.vals[facet]]]] = True
        return mask

    def count(self, facet: str, mask: np.ndarray, limit: int | None = None) -> list[tuple[str, int]]:
        """(value, documents) for values present under `mask`, most frequent first (ties: first
        seen first); with `limit`, only the first `limit` of that list, found without sorting or
        listing the rest (a person facet has tens of thousands of values)."""
        lengths = np.diff(self.ptr[facet])
        selected = np.repeat(mask, lengths)
        counts = np.bincount(self.vals[facet][selected], minlength=len(self.names[facet]))
        present = np.flatnonzero(counts)
        if limit is not None and present.size > limit:
            # The limit-th largest count; everything above it, then the first values equal to it.
            threshold = -np.partition(-counts[present], limit - 1)[limit - 1]
            above = present[counts[present] > threshold]
            tied = present[counts[present] == threshold][: limit - above.size]
            present = np.concatenate([above, tied])
        order = present[np.lexsort((present, -counts[present]))]
        names = self.names[facet]
        return [(names[i], int(counts[i])) for i in order]

    def resolve(self, facet: str, wanted: str) -> list[int]:
        """Value numbers a user's filter means: the exact value, else values containing it (folded)."""
        if facet == "year":
            return []
        table = self.lookup.get(facet, {})
        if wanted in table:
            return [table[wanted]]
        key = fold_accents(wanted).lower().strip()
        if not key:
            return []
        folded = self._folded_names.get(facet)
        if folded is None:
            folded = self._folded_names[facet] = [fold_accents(v).lower() for v in self.names.get(facet, [])]
        return [k for k, v in enumerate(folded) if key in v]


@dataclass
class _Version:
    key: tuple
    ix: object
    facets: FacetColumns | None = None
    vocab: Vocabulary | None = None
    postings: PostingIndex | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Plan:
    concepts: list[qb.Concept] = field(default_factory=list)
    required: list[qb.PhraseSpec] = field(default_factory=list)
    exclude: list[qb.PhraseSpec] = field(default_factory=list)
    suggestion: str | None = None
    message: str | None = None
    accented: bool = True
    reduction: Reduction = field(default_factory=Reduction)
    phrase_checker: PhraseChecker | None = None

    @property
    def empty(self) -> bool:
        return not self.concepts and not self.required

    def patterns(self) -> list[ConceptPattern]:
        return [c.pattern for c in self.concepts] + [p.pattern for p in self.required]


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

    def __init__(self, reader, pidx: PostingIndex, n: int):
        self.leaves = list(reader.leaf_readers())
        self.pidx = pidx
        self.n = n
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
                reads = sum(1 for term in slots[k] for d in docs.tolist() if d not in self._positions.get(term, ()))
                if reads > self.budget:
                    unchecked[docs] = True
                    docs = docs[:0]
                    break
                self.budget -= reads
                doc_ids, pos = self._read(slots[k], docs)
                ok = pos >= k
                keys = doc_ids[ok] * self._STRIDE + (pos[ok] - k)
                if len(slots[k]) > 1:  # one term's keys are already sorted and distinct
                    keys = np.unique(keys)
                starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
                docs = np.unique(starts // self._STRIDE)
                if not docs.size:
                    break
        found[docs] = True
        return found, unchecked

    def exists(self, sylls: tuple[str, ...]) -> bool:
        found, unchecked = self.matches([(x,) for x in sylls])
        return bool(found.any() or unchecked.any())

    def _read(self, slot: tuple[str, ...], docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Flat (document, position) arrays of the slot's terms in `docs` (sorted), in order of
        document and then position for a one-term slot."""
        doc_flat: list[int] = []
        pos_flat: list[int] = []
        wanted = docs.tolist()
        for term in slot:
            cache = self._positions.setdefault(term, {})
            missing = [d for d in wanted if d not in cache]
            if missing:
                self._read_term(term, missing, cache)
            for d in wanted:
                p = cache[d]
                if p:
                    doc_flat += [d] * len(p)
                    pos_flat += p
        return np.asarray(doc_flat, dtype=np.int64), np.asarray(pos_flat, dtype=np.int64)

    def _read_term(self, term: str, docs: list[int], cache: dict[int, list[int]]) -> None:
        for d in docs:
            cache[d] = []
        for leaf, offset in self.leaves:
            local = [d - offset for d in docs if offset <= d < offset + leaf.doc_count_all()]
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


class SearchEngine:
    def __init__(self, index_path: Path, store: DocumentStore):
        self.path = Path(index_path)
        self.store = store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._version: _Version | None = None

    # -- index versions and per-thread searchers ---------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists() and windex.exists_in(str(self.path), indexname=INDEX_NAME)

    def _disk_key(self) -> tuple:
        real = self.path.resolve()
        return (str(real), os.stat(real).st_ino, index_generation(real, INDEX_NAME))

    def _current_version(self) -> _Version:
        key = self._disk_key()
        v = self._version
        if v is None or v.key != key:
            with self._lock:
                v = self._version
                if v is None or v.key != key:
                    v = _Version(key, windex.open_dir(key[0], indexname=INDEX_NAME))
                    self._version = v
        return v

    def searcher(self):
        """This thread's searcher on the current index version."""
        v = self._current_version()
        cached = getattr(self._local, "cached", None)
        if cached is not None and cached[0] is v:
            return v, cached[1]
        if cached is not None:
            try:
                cached[1].close()
            except Exception:  # noqa: BLE001 - an old searcher's files may already be gone
                pass
        s = v.ix.searcher()
        self._local.cached = (v, s)
        return v, s

    def _derived(self, v: _Version, attr: str, build):
        value = getattr(v, attr)
        if value is None:
            with v.lock:
                value = getattr(v, attr)
                if value is None:
                    value = build()
                    setattr(v, attr, value)
        return value

    def facets_of(self, v: _Version, reader) -> FacetColumns:
        return self._derived(v, "facets", lambda: FacetColumns.load(reader))

    def vocab_of(self, v: _Version, reader) -> Vocabulary:
        return self._derived(v, "vocab", lambda: Vocabulary(reader))

    def postings_of(self, v: _Version, reader) -> PostingIndex:
        # One reader shared by all threads; PostingIndex serialises its reads (Whoosh readers seek).
        return self._derived(v, "postings", lambda: PostingIndex(v.ix.reader()))

    def warm_up(self) -> None:
        from kb.text.segment import _model

        _model()
        if not self.exists():
            return
        v, s = self.searcher()
        reader = s.reader()
        self.facets_of(v, reader)
        self.vocab_of(v, reader)
        pidx = self.postings_of(v, reader)
        pidx.lengths("w")
        pidx.lengths("s")
        # Common syllables and words have the longest posting lists: read them before users ask.
        pidx.preload("s", WARM_TERMS)
        pidx.preload("w", WARM_TERMS)

    # -- searching --------------------------------------------------------------------------------
    def _prepare(self, req: SearchRequest):
        """Searcher, parsed query, facet columns, plan and filter mask for one request."""
        v, s = self.searcher()
        parsed = parse_query(req.query)
        cols = self.facets_of(v, s.reader())
        plan = self._plan(parsed, s, v)
        return v, s, parsed, cols, plan, self._filter_mask(req, parsed, cols, plan.reduction)

    def search(self, req: SearchRequest) -> SearchResponse:
        # A writer may commit (and delete the files of merged segments or an old generation)
        # between the moment this thread picked an index version and the moment it opens one of
        # its files: then start again on the new version.
        for _ in range(2):
            try:
                return self._search(req)
            except FileNotFoundError:
                self._forget_version()
        return self._search(req)

    def _forget_version(self) -> None:
        with self._lock:
            self._version = None
        self._local.cached = None
        time.sleep(0.05)

    def _search(self, req: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        if not self.exists():
            return SearchResponse(query=req.query, total=0, took_ms=0.0, page=req.page, message="no_index")
        v, s, parsed, cols, plan, allowed = self._prepare(req)
        if plan.empty and allowed is None:
            return SearchResponse(query=req.query, total=0, took_ms=_ms(started), page=req.page,
                                  message=plan.message, suggestion=plan.suggestion,
                                  notice=plan.reduction.notice())
        offset = (req.page - 1) * req.limit
        matched, ranked = self._match_and_rank(s, v, plan, allowed, req, cols, offset + req.limit)
        if plan.suggestion and not plan.accented:
            plan.suggestion = self._spelling_in_results(parsed.text, plan, ranked[:10], cols) or plan.suggestion
        hits = self._hits(ranked[offset : offset + req.limit], cols, plan, req.snippets)
        facets = self._facets(matched, cols) if req.facets else {}
        return SearchResponse(query=req.query, total=int(matched.sum()), took_ms=_ms(started), page=req.page,
                              hits=hits, facets=facets, suggestion=plan.suggestion, message=plan.message,
                              notice=plan.reduction.notice())

    def ranked_ids(self, req: SearchRequest) -> list[str]:
        """Every matching document id in result order (for export)."""
        if not self.exists():
            return []
        v, s, _, cols, plan, allowed = self._prepare(req)
        if plan.empty and allowed is None:
            return []
        _, ranked = self._match_and_rank(s, v, plan, allowed, req, cols, None)
        return [i for i in (cols.ids[d] for d in ranked) if i is not None]

    def _filter_mask(self, req: SearchRequest, parsed: ParsedQuery, cols: FacetColumns,
                     reduction: Reduction) -> np.ndarray | None:
        wanted: dict[str, list[str]] = {"agency": list(req.agency), "person": list(req.person),
                                        "place": list(req.place), "doc_type": list(req.doc_type),
                                        "source": list(req.source)}
        for f, vals in parsed.filters.items():
            if f != "year":
                wanted.setdefault(f, []).extend(vals)
        # Each value not found as such is looked for inside every value of its facet: bounded.
        for f, vals in wanted.items():
            distinct = list(dict.fromkeys(vals))
            wanted[f] = distinct[:MAX_FILTER_VALUES]
            reduction.dropped_filters.extend(f"{f}:{x}" for x in distinct[MAX_FILTER_VALUES:])
        year_values = list(dict.fromkeys(parsed.filters.get("year", [])))
        reduction.dropped_filters.extend(f"year:{x}" for x in year_values[MAX_FILTER_VALUES:])
        years = list(req.year) + parse_years(year_values[:MAX_FILTER_VALUES])
        mask: np.ndarray | None = None

        def narrow(m: np.ndarray) -> None:
            nonlocal mask
            mask = m if mask is None else mask & m

        for f, vals in wanted.items():
            if vals:
                numbers = [k for val in vals for k in cols.resolve(f, val)]
                narrow(cols.docs_with(f, numbers) if numbers else np.zeros(cols.n, dtype=bool))
        if years:
            narrow(np.isin(cols.year, np.asarray(years, dtype=np.int32)))
        elif "year" in parsed.filters:
            narrow(np.zeros(cols.n, dtype=bool))  # "year:abc": nothing can match
        if req.date_from or req.date_to:
            lo = _date_int(req.date_from) if req.date_from else 1
            hi = _date_int(req.date_to) if req.date_to else 99999999
            narrow((cols.date >= lo) & (cols.date <= hi))
        return mask

    def _plan(self, parsed: ParsedQuery, s, v: _Version) -> Plan:
        reader = s.reader()
        plan = Plan(reduction=parsed.reduction)
        plan.phrase_checker = PhraseChecker(reader, self.postings_of(v, reader), reader.doc_count_all())
        builder = qb.QueryBuilder(s, lambda: self.vocab_of(v, reader), plan.phrase_checker.exists)
        plan.exclude = [x for x in (qb.phrase_spec(x, builder) for x in parsed.excluded) if x is not None]
        plan.required = [r for r in (qb.phrase_spec(p, builder) for p in parsed.phrases) if r is not None]
        if parsed.text.strip():
            qp = builder.plan(parsed.text)
            plan.concepts = qp.core
            plan.accented = qp.accented
            if not qp.concepts:
                plan.message = "no_terms"
            plan.suggestion = self._suggest(qp, builder)
            for label in qp.duplicates:
                plan.reduction.add_duplicate(label)
            plan.reduction.dropped_words[:0] = qp.dropped
        return plan

    @staticmethod
    def _suggest(qp: qb.QueryPlan, builder: qb.QueryBuilder) -> str | None:
        """Accented spelling for an unaccented query; corrected syllables for unknown ones."""
        words: list[str] = []
        changed = False
        for c in qp.concepts:
            label = " ".join(c.syllables)
            if c.suggestion and c.suggestion.lower() != label:
                words.append(c.suggestion)
                changed = True
                continue
            if not c.docnum and len(c.syllables) == 1 and not builder.df("s", c.syllables[0]):
                fixed = builder.vocab.correct(c.syllables[0])
                if fixed:
                    words.append(fixed)
                    changed = True
                    continue
            words.append(label)
        return " ".join(words) if changed else None

    def _spelling_in_results(self, text: str, plan: Plan, top: list[int], cols: FacetColumns) -> str | None:
        """How the best matching documents write an unaccented query: each concept takes the
        accented form it has most often there ("chuyen doi so" -> "chuyển đổi số", not "sở")."""
        if not top or not plan.concepts:
            return None
        docs = self.store.get_many([cols.ids[d] for d in top if cols.ids[d] is not None])
        matcher = QueryMatcher([c.pattern for c in plan.concepts])
        counts: list[dict[str, float]] = [{} for _ in plan.concepts]
        capitalised: list[dict[str, float]] = [{} for _ in plan.concepts]
        shown: dict[str, str] = {}
        for ann in docs.values():
            for part in (ann.title, ann.text[:RERANK_CHARS]):
                found = matcher.find_all(DocText(part, True))
                for i, (a, b, k) in enumerate(found):
                    surface = part[a:b]
                    key = surface.lower()
                    if fold_accents(key).split() != list(plan.concepts[k].syllables):
                        continue  # another written form (UBND for "uy ban nhan dan"): not a spelling
                    # A form standing next to its neighbour in the query counts most ("UBND tỉnh").
                    near = (i > 0 and found[i - 1][2] == k - 1 and a - found[i - 1][1] <= 2) or (
                        i + 1 < len(found) and found[i + 1][2] == k + 1 and found[i + 1][0] - b <= 2)
                    weight = 20.0 if near else 1.0
                    counts[k][key] = counts[k].get(key, 0.0) + weight
                    if surface[:1].isupper():
                        capitalised[k][key] = capitalised[k].get(key, 0.0) + weight
                        if surface.isupper() and (" " in surface or len(surface) > 5):
                            surface = canonical_case(surface)  # a header in capitals: "QUẢNG NAM"
                        if not shown.get(key) or shown[key].isupper():
                            shown[key] = surface
        words = []
        for c, seen, caps in zip(plan.concepts, counts, capitalised, strict=True):
            if not seen:
                words.append(c.suggestion or " ".join(c.syllables))
                continue
            key = max(seen.items(), key=lambda kv: kv[1])[0]
            words.append(shown.get(key, key) if caps.get(key, 0.0) >= 0.6 * seen[key] else key)
        out = " ".join(words)
        typed = " ".join(x for c in plan.concepts for x in c.syllables)
        if fold_accents(out).lower() != fold_accents(typed).lower() or out.lower() == text.lower():
            return None
        return out

    def _match_and_rank(self, s, v: _Version, plan: Plan, allowed: np.ndarray | None, req: SearchRequest,
                        cols: FacetColumns, top: int | None) -> tuple[np.ndarray, list[int]]:
        """Mask of every matching document (totals, facets) and the ranking of the first `top`."""
        pidx = self.postings_of(v, s.reader())
        n = cols.n
        matched = pidx.live[:n].copy() if allowed is None else (allowed & pidx.live[:n])
        score = np.zeros(n, dtype=np.float32)
        covered = np.zeros(n, dtype=np.float32)
        any_concept = np.zeros(n, dtype=bool)
        idf_total = 0.0
        if plan.concepts:
            live = max(1, pidx.live_count)
            for c in plan.concepts:
                cscore, cmask = _concept_scores(pidx, c, n, plan)
                score += cscore
                # Coverage weighs each concept by its rarity: missing "Quảng Nam" costs more than
                # missing "tỉnh".
                idf = float(np.log(1.0 + live / max(1, int(cmask.sum()))))
                covered += idf * cmask
                idf_total += idf
                any_concept |= cmask
            matched &= any_concept
        self._apply_phrases(plan, matched, _priority(req, plan, score, cols.date[:n]))
        docs = np.flatnonzero(matched)
        if req.sort in ("newest", "oldest") or not plan.concepts:
            dates = cols.date[docs]
            if req.sort == "oldest":
                order = np.lexsort((docs, np.where(dates > 0, dates, 99999999)))
            else:
                order = np.lexsort((-docs, -dates))
            ranked = docs[order]
            return matched, (ranked if top is None else ranked[:top]).tolist()
        best = float(score[docs].max()) if docs.size else 1.0
        value = score[docs] / (best or 1.0) + COVERAGE_WEIGHT * covered[docs] / (idf_total or 1.0)
        order = np.argsort(-value, kind="stable")
        depth = max(RERANK_DEPTH, (top or 0) + 20)
        head = docs[order[:depth]]
        reranked = self._rerank([(float(value[i]), int(d)) for i, d in zip(order[:depth], head, strict=True)],
                                plan, cols)
        ranked = reranked + docs[order[depth:]].tolist()
        return matched, ranked if top is None else ranked[:top]

    @staticmethod
    def _apply_phrases(plan: Plan, matched: np.ndarray, priority: np.ndarray) -> None:
        """Narrow `matched` in place to documents with every quoted phrase and no excluded one."""
        checker = plan.phrase_checker
        if checker is None:
            return
        # The rarest phrase first: what it leaves is all the next one has to check.
        rarity = {id(p): int(np.logical_and.reduce([checker.slot_mask(x) for x in p.slots]).sum())
                  for p in plan.required}
        for p in sorted(plan.required, key=lambda p: rarity[id(p)]):
            found, unchecked = checker.matches(p.slots, matched, priority)
            matched &= found
            if unchecked.any():
                plan.reduction.unverified_phrases.append(p.label)
        for x in plan.exclude:
            if not matched.any():
                break
            found, unchecked = checker.matches(x.slots, matched, priority)
            # Unchecked documents hold every word of the excluded phrase: left out as well.
            matched &= ~(found | unchecked)
            if unchecked.any():
                plan.reduction.unverified_phrases.append(x.label)

    def _rerank(self, scored: list[tuple[float, int]], plan: Plan, cols: FacetColumns) -> list[int]:
        """Order the best candidates by evidence a reader sees: neighbouring concepts together, the
        whole query as a phrase, the concepts in the title."""
        concepts = plan.concepts
        n = len(concepts)
        if len(scored) < 2 or not n:
            return [d for _, d in scored]
        docs = self.store.get_many([cols.ids[d] for _, d in scored if cols.ids[d] is not None])
        matcher = QueryMatcher([c.pattern for c in concepts])
        out = []
        for value, d in scored:
            ann = docs.get(cols.ids[d] or "")
            if ann is None:
                out.append((value, d))
                continue
            title = DocText(ann.title, matcher.needs_folded)
            body = DocText(ann.text[:RERANK_CHARS], matcher.needs_folded)
            in_title = spans_by_concept(matcher.find_all(title), n)
            in_body = spans_by_concept(matcher.find_all(body), n)
            title_cov = sum(1 for t in in_title if t) / n
            seen = sum(1 for t, b in zip(in_title, in_body, strict=True) if t or b) / n
            pairs = 0
            for k in range(n - 1):
                if adjacent(in_title[k], in_title[k + 1], title.text) or adjacent(in_body[k], in_body[k + 1], body.text):
                    pairs += 1
            bonus = TITLE_WEIGHT * title_cov + SEEN_WEIGHT * seen
            if n > 1:
                bonus += PAIR_WEIGHT * pairs / (n - 1) + (PHRASE_WEIGHT if pairs == n - 1 else 0.0)
            out.append((value + bonus, d))
        out.sort(key=lambda x: -x[0])
        return [d for _, d in out]

    def _hits(self, docnums: list[int], cols: FacetColumns, plan: Plan, with_snippets: bool) -> list[SearchHit]:
        ids = [i for i in (cols.ids[d] for d in docnums) if i is not None]
        docs = self.store.get_many(ids)
        patterns = plan.patterns()
        hits: list[SearchHit] = []
        for rank, doc_id in enumerate(ids):
            ann = docs.get(doc_id)
            if ann is None:  # in the index but deleted from the store a moment ago
                continue
            hits.append(
                SearchHit(
                    id=ann.id, title=ann.title, date=ann.date, year=ann.year, agencies=ann.agencies,
                    people=ann.people, doc_type=ann.doc_type, doc_number=ann.doc_number, source=ann.source,
                    url=ann.url, score=float(len(ids) - rank), places=ann.places,
                    snippet=snippet(ann.text, patterns) if with_snippets else "",
                    title_html=highlight_all(ann.title, patterns) if with_snippets else "",
                )
            )
        return hits

    def _facets(self, matched: np.ndarray, cols: FacetColumns) -> dict[str, list[FacetValue]]:
        out: dict[str, list[FacetValue]] = {}
        for f in FACET_NAMES:
            out[f] = [FacetValue(value=v, count=c) for v, c in cols.count(f, matched, FACET_LIMIT)]
        years = cols.year[matched]
        values, counts = np.unique(years[years > 0], return_counts=True)
        out["year"] = [FacetValue(value=str(int(y)), count=int(c)) for y, c in sorted(zip(values, counts, strict=False),
                                                                                       reverse=True)]
        return out

    def all_facet_values(self, facet: str) -> list[FacetValue]:
        if facet not in (*FACET_NAMES, "year"):
            raise KeyError(facet)
        if not self.exists():
            return []
        v, s = self.searcher()
        cols = self.facets_of(v, s.reader())
        everything = np.zeros(cols.n, dtype=bool)
        everything[[d for d, i in enumerate(cols.ids) if i is not None]] = True
        if facet == "year":
            return self._facets(everything, cols)["year"]
        return [FacetValue(value=val, count=c) for val, c in cols.count(facet, everything)]

    def highlight_patterns(self, query: str) -> list[ConceptPattern]:
        if not self.exists():
            return []
        v, s = self.searcher()
        return self._plan(parse_query(query), s, v).patterns()

    def related(self, doc_id: str, seg_text: str, limit: int = 5) -> list[str]:
        if not self.exists():
            return []
        v, s = self.searcher()
        docnum = s.document_number(id=doc_id)
        if docnum is None:
            return []
        try:
            results = s.more_like(docnum, "w", text=seg_text, top=limit, numterms=12)
        except Exception:  # noqa: BLE001 - related documents are a nicety
            return []
        return [r["id"] for r in results]

    def close(self) -> None:
        cached = getattr(self._local, "cached", None)
        if cached is not None:
            cached[1].close()
            self._local.cached = None


def _concept_scores(pidx: PostingIndex, c: qb.Concept, n: int, plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """BM25 of one concept over all documents (sum over its alternatives) and where it matches."""
    cscore = np.zeros(n, dtype=np.float32)
    cmask = np.zeros(n, dtype=bool)
    for alt in c.alts:
        ascore = np.zeros(n, dtype=np.float32)
        amask: np.ndarray | None = None
        for slot in alt.slots:
            smask = np.zeros(n, dtype=bool)
            for field_name, term, weight in slot:
                ids, sc = pidx.bm25(field_name, term)
                if ids.size:
                    ids = ids[ids < n]
                    ascore[ids] += weight * sc[: ids.size]
                    smask[ids] = True
            amask = smask if amask is None else amask & smask
        if amask is None:
            continue
        if alt.phrase is not None and amask.any() and plan.phrase_checker is not None:
            found, unchecked = plan.phrase_checker.matches([(x,) for x in alt.phrase], amask, ascore)
            amask &= found
            if unchecked.any():
                plan.reduction.unverified_phrases.append(" ".join(alt.phrase))
        if len(alt.slots) > 1:
            ascore[~amask] = 0.0
        cscore += ascore
        cmask |= amask
    return cscore, cmask


def _priority(req: SearchRequest, plan: Plan, score: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Higher for documents shown first: which ones a bounded phrase check looks at."""
    if req.sort == "oldest":
        return -np.where(dates > 0, dates, 99999999).astype(np.float64)
    if req.sort == "newest" or not plan.concepts:
        return dates.astype(np.float64)
    return score


def _date_int(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
