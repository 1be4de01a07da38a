"""Searching the index: the orchestration of one search, from the box to the response.

query text -> parse (kb.search.parse) -> concepts (kb.search.query; question words set aside,
kb.search.questions) -> filters (kb.search.filters) -> full and partial matches and their order
(kb.search.ranking, phrases checked on positions by kb.search.phrases) -> facets over the full
matches (kb.search.facets) -> the shown page (kb.search.hits) -> did-you-mean (kb.search.suggest).

Thread safety: Whoosh searchers hold file handles and are not meant to be shared between threads,
so every thread gets its own searcher (threading.local). Each is reopened when the index on disk
changes (a new generation, or a rebuilt index switched in). What is derived from one index
version (facet columns, vocabulary, posting cache) is loaded or built once under a lock and then
only read; it is kept on disk next to the index (kb.search.derived), so a new process loads it.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as windex

from kb.models import FacetValue, SearchRequest, SearchResponse
from kb.search import query as qb
from kb.search.derived import Derived, VersionData
from kb.search.facets import FACET_NAMES, FacetColumns, facet_lists
from kb.search.filters import filter_mask
from kb.search.hits import build_hits
from kb.search.match import ConceptPattern
from kb.search.parse import ParsedQuery, Reduction, parse_query
from kb.search.phrases import PhraseCache, PhraseChecker
from kb.search.postings import PostingIndex
from kb.search.ranking import match_and_rank
from kb.search.suggest import phrase_suggestion, spelling_in_results, suggest
from kb.search.vocab import Vocabulary
from kb.search.whoosh_compat import index_generation
from kb.search.writer import INDEX_NAME
from kb.store import DocumentStore
from kb.text.normalize import normalize_text

WARM_TERMS = 400


@dataclass
class _Version:
    key: tuple
    ix: object
    derived: Derived | None = None
    data: VersionData | None = None
    vocab: Vocabulary | None = None
    postings: PostingIndex | None = None
    phrases: PhraseCache | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Plan:
    concepts: list[qb.Concept] = field(default_factory=list)  # the ones that match and rank
    required: list[qb.PhraseSpec] = field(default_factory=list)
    exclude: list[qb.PhraseSpec] = field(default_factory=list)
    suggestion: str | None = None
    message: str | None = None
    accented: bool = True
    reduction: Reduction = field(default_factory=Reduction)
    phrase_checker: PhraseChecker | None = None
    builder: qb.QueryBuilder | None = None

    @property
    def empty(self) -> bool:
        return not self.concepts and not self.required

    def patterns(self) -> list[ConceptPattern]:
        return [c.pattern for c in self.concepts] + [p.pattern for p in self.required]


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

    def _derived_files(self, v: _Version) -> Derived:
        # A reader of its own: building reads stored fields and terms while other threads read postings.
        return self._derived(v, "derived", lambda: Derived(Path(v.key[0]), v.ix.reader()))

    def version_data_of(self, v: _Version) -> VersionData:
        files = self._derived_files(v)
        return self._derived(v, "data", files.version)

    def facets_of(self, v: _Version, reader=None) -> FacetColumns:
        return self.version_data_of(v).columns

    def vocab_of(self, v: _Version, reader) -> Vocabulary:
        files = self._derived_files(v)
        return self._derived(v, "vocab", files.vocabulary)

    def postings_of(self, v: _Version, reader=None) -> PostingIndex:
        data = self.version_data_of(v)
        # One reader shared by all threads; PostingIndex serialises its reads (Whoosh readers seek).
        return self._derived(v, "postings", lambda: PostingIndex(v.ix.reader(), data.live, data.lengths))

    def warm_up(self) -> None:
        from kb.text.segment import _model

        _model()
        if not self.exists():
            return
        v, s = self.searcher()
        reader = s.reader()
        self.facets_of(v)
        self.vocab_of(v, reader)
        pidx = self.postings_of(v)
        # Common syllables and words have the longest posting lists: read them before users ask.
        pidx.preload("s", WARM_TERMS)
        pidx.preload("w", WARM_TERMS)

    # -- searching --------------------------------------------------------------------------------
    def _prepare(self, req: SearchRequest):
        """Searcher, parsed query, facet columns, plan and filter mask for one request."""
        v, s = self.searcher()
        parsed = parse_query(req.query)
        cols = self.facets_of(v)
        plan = self._plan(parsed, s, v)
        return v, s, parsed, cols, plan, filter_mask(req, parsed, cols, plan.reduction)

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
        fallen: list[qb.PhraseSpec] = []
        found = match_and_rank(self.postings_of(v), plan.phrase_checker, plan.concepts, plan.required, plan.exclude,
                               allowed, req, cols, offset + req.limit, self.store,
                               plan.reduction.unverified_phrases, fallen)
        if fallen:
            self._phrases_found_nowhere(req, plan, fallen, allowed)
        elif plan.suggestion and not plan.accented:
            plan.suggestion = spelling_in_results(parsed.text, plan.concepts, found.ranked[:10], cols,
                                                  self.store) or plan.suggestion
        hits = build_hits(found.ranked[offset : offset + req.limit], cols, plan.patterns(), found.complete,
                          self.store, req.snippets)
        facets = facet_lists(found.matched, cols) if req.facets else {}
        message = plan.message or ("invalid_filter" if plan.reduction.invalid_filters else None)
        return SearchResponse(query=req.query, total=int(found.matched.sum()), total_partial=int(found.extra.sum()),
                              took_ms=_ms(started), page=req.page, hits=hits, facets=facets,
                              suggestion=plan.suggestion, message=message, notice=plan.reduction.notice())

    def _phrases_found_nowhere(self, req: SearchRequest, plan: Plan, fallen: list[qb.PhraseSpec],
                               allowed: np.ndarray | None) -> None:
        """Quoted phrases no document holds were searched as words: say so, and offer the query
        with each phrase as the documents write it, when one syllable away."""
        plan.reduction.fallback_phrases.extend(p.label for p in fallen)
        plan.required = [p for p in plan.required if all(p is not f for f in fallen)]
        query = normalize_text(req.query)
        changed = False
        for p in fallen:
            fixed = phrase_suggestion(p.label, plan.phrase_checker, plan.builder, allowed)
            if fixed and f'"{p.label}"' in query:
                query = query.replace(f'"{p.label}"', f'"{fixed}"', 1)
                changed = True
        if changed:
            plan.suggestion = query

    def ranked_ids(self, req: SearchRequest) -> list[str]:
        """Every matching document id in result order (for export): the full matches (mode "all"),
        every match (mode "any")."""
        if not self.exists():
            return []
        v, s, _, cols, plan, allowed = self._prepare(req)
        if plan.empty and allowed is None:
            return []
        found = match_and_rank(self.postings_of(v), plan.phrase_checker, plan.concepts, plan.required, plan.exclude,
                               allowed, req, cols, None, self.store, plan.reduction.unverified_phrases, [],
                               with_extra=False)
        return [i for i in (cols.ids[d] for d in found.ranked) if i is not None]

    def _plan(self, parsed: ParsedQuery, s, v: _Version) -> Plan:
        reader = s.reader()
        plan = Plan(reduction=parsed.reduction)
        n = reader.doc_count_all()
        cache = self._derived(v, "phrases", lambda: PhraseCache(n))
        plan.phrase_checker = PhraseChecker(reader, self.postings_of(v), n, cache)
        builder = qb.QueryBuilder(s, lambda: self.vocab_of(v, reader), plan.phrase_checker.exists)
        plan.builder = builder
        plan.exclude = [x for x in (qb.phrase_spec(x, builder) for x in parsed.excluded) if x is not None]
        plan.required = [r for r in (qb.phrase_spec(p, builder) for p in parsed.phrases) if r is not None]
        if parsed.text.strip():
            qp = builder.plan(parsed.text, parsed.quoted)
            plan.concepts = qp.core
            plan.accented = qp.accented
            if not qp.concepts:
                plan.message = "no_terms"
            plan.suggestion = suggest(qp, builder)
            for label in qp.duplicates:
                plan.reduction.add_duplicate(label)
            plan.reduction.dropped_words[:0] = qp.dropped
        return plan

    def all_facet_values(self, facet: str) -> list[FacetValue]:
        if facet not in (*FACET_NAMES, "year"):
            raise KeyError(facet)
        if not self.exists():
            return []
        v, _ = self.searcher()
        cols = self.facets_of(v)
        everything = cols.live_mask()
        if facet == "year":
            return facet_lists(everything, cols)["year"]
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


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
