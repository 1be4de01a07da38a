"""Searching the index: query -> hits, facets over the whole result set, snippets, suggestions.

Thread safety: Whoosh searchers hold file handles and are not meant to be shared between threads,
so every thread gets its own searcher (threading.local). Each is reopened when the index on disk
changes (new generation, or a rebuilt index switched in). What is derived from one index version
(facet columns, the vocabulary) is built once per version, under a lock, and then only read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex
from whoosh import query as wq

from kb.models import FacetValue, SearchHit, SearchRequest, SearchResponse
from kb.search import query as qb
from kb.search.highlight import highlight_all, snippet
from kb.search.match import ConceptPattern, DocText, QueryMatcher, adjacent, spans_by_concept
from kb.search.parse import ParsedQuery, parse_query, parse_years
from kb.search.vocab import Vocabulary
from kb.search.writer import INDEX_NAME
from kb.store import DocumentStore
from kb.text.normalize import fold_accents

FACET_NAMES = ("agency", "person", "place", "doc_type", "source")
FACET_LIMIT = 30
# Re-ranking weights over the normalised BM25 score (which lies in 0..1).
COVERAGE_WEIGHT = 3.0  # share of the query's concepts in the document: all words beat some
TITLE_WEIGHT = 0.6
PAIR_WEIGHT = 0.8  # neighbouring concepts next to each other
PHRASE_WEIGHT = 0.5  # every concept next to the next one
RERANK_CHARS = 8000  # evidence for re-ranking comes from the title and the start of the text


@dataclass
class FacetColumns:
    """Per-document facet values of one index version, and value -> documents maps for filters."""

    ids: dict[int, str] = field(default_factory=dict)
    values: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    postings: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    year: dict[int, int] = field(default_factory=dict)
    date: dict[int, int] = field(default_factory=dict)

    @classmethod
    def load(cls, reader) -> FacetColumns:
        cols = cls(values={f: {} for f in FACET_NAMES}, postings={f: {} for f in (*FACET_NAMES, "year")})
        for docnum, stored in reader.iter_docs():
            cols.ids[docnum] = stored["id"]
            data = json.loads(stored.get("facets") or "{}")
            for f in FACET_NAMES:
                vals = data.get(f) or []
                if vals:
                    cols.values[f][docnum] = vals
                    for v in vals:
                        cols.postings[f].setdefault(v, set()).add(docnum)
            if data.get("year"):
                cols.year[docnum] = data["year"]
                cols.postings["year"].setdefault(str(data["year"]), set()).add(docnum)
            cols.date[docnum] = data.get("date") or 0
        return cols

    def resolve(self, facet: str, wanted: str) -> list[str]:
        """Facet values a user's filter means: exact value, else values containing it (folded)."""
        table = self.postings.get(facet, {})
        if wanted in table:
            return [wanted]
        key = fold_accents(wanted).lower().strip()
        return [v for v in table if key and key in fold_accents(v).lower()]


@dataclass
class _Version:
    key: tuple
    ix: object
    facets: FacetColumns | None = None
    vocab: Vocabulary | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


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
        st = os.stat(self.path)
        gen = windex.version_in(str(self.path), indexname=INDEX_NAME)[1] if self.exists() else -1
        tocs = sorted(p.name for p in self.path.glob(f"_{INDEX_NAME}_*.toc"))
        return (st.st_ino, gen, tuple(tocs))

    def _current_version(self) -> _Version:
        key = self._disk_key()
        v = self._version
        if v is None or v.key != key:
            with self._lock:
                v = self._version
                if v is None or v.key != key:
                    v = _Version(key, windex.open_dir(str(self.path), indexname=INDEX_NAME))
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

    def facets_of(self, v: _Version, reader) -> FacetColumns:
        if v.facets is None:
            with v.lock:
                if v.facets is None:
                    v.facets = FacetColumns.load(reader)
        return v.facets

    def vocab_of(self, v: _Version, reader) -> Vocabulary:
        if v.vocab is None:
            with v.lock:
                if v.vocab is None:
                    v.vocab = Vocabulary(reader)
        return v.vocab

    def warm_up(self) -> None:
        v, s = self.searcher()
        self.facets_of(v, s.reader())
        self.vocab_of(v, s.reader())

    # -- searching --------------------------------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        parsed = parse_query(req.query)
        if not self.exists():
            return SearchResponse(query=req.query, total=0, took_ms=0.0, page=req.page, message="no_index")
        v, s = self.searcher()
        reader = s.reader()
        cols = self.facets_of(v, reader)
        allowed = self._filter_docs(req, parsed, cols)
        plan = self._plan(parsed, s, v)

        if plan.query is None and allowed is None:
            return SearchResponse(query=req.query, total=0, took_ms=_ms(started), page=req.page,
                                  message=plan.message)
        offset = (req.page - 1) * req.limit
        matched, ranked = self._match_and_rank(s, plan, allowed, req, cols, offset + req.limit)
        total = len(matched)
        page_docs = ranked[offset : offset + req.limit]
        hits = self._hits(page_docs, cols, plan, req.snippets)
        facets = self._facets(matched, cols) if req.facets else {}
        return SearchResponse(
            query=req.query,
            total=total,
            took_ms=_ms(started),
            page=req.page,
            hits=hits,
            facets=facets,
            suggestion=plan.suggestion,
            message=plan.message,
        )

    def ranked_ids(self, req: SearchRequest) -> list[str]:
        """Every matching document id in result order (for export)."""
        parsed = parse_query(req.query)
        if not self.exists():
            return []
        v, s = self.searcher()
        cols = self.facets_of(v, s.reader())
        allowed = self._filter_docs(req, parsed, cols)
        plan = self._plan(parsed, s, v)
        if plan.query is None and allowed is None:
            return []
        _, ranked = self._match_and_rank(s, plan, allowed, req, cols, None)
        return [cols.ids[d] for d in ranked if d in cols.ids]

    def _filter_docs(self, req: SearchRequest, parsed: ParsedQuery, cols: FacetColumns) -> set[int] | None:
        wanted: dict[str, list[str]] = {
            "agency": list(req.agency),
            "person": list(req.person),
            "place": list(req.place),
            "doc_type": list(req.doc_type),
            "source": list(req.source),
        }
        for f, vals in parsed.filters.items():
            if f != "year":
                wanted.setdefault(f, []).extend(vals)
        years = list(req.year) + parse_years(parsed.filters.get("year", []))
        allowed: set[int] | None = None

        def narrow(docs: set[int]) -> None:
            nonlocal allowed
            allowed = docs if allowed is None else allowed & docs

        for f, vals in wanted.items():
            if not vals:
                continue
            docs: set[int] = set()
            for val in vals:
                for resolved in cols.resolve(f, val):
                    docs |= cols.postings[f].get(resolved, set())
            narrow(docs)
        if years:
            docs = set()
            for y in years:
                docs |= cols.postings["year"].get(str(y), set())
            narrow(docs)
        if req.date_from or req.date_to:
            lo = _date_int(req.date_from) if req.date_from else 0
            hi = _date_int(req.date_to) if req.date_to else 99999999
            narrow({d for d, when in cols.date.items() if when and lo <= when <= hi})
        return allowed

    @dataclass
    class Plan:
        query: wq.Query | None = None  # scoring query; also decides which documents match
        exclude: wq.Query | None = None
        concepts: list[qb.Concept] = field(default_factory=list)
        required: list[ConceptPattern] = field(default_factory=list)
        suggestion: str | None = None
        message: str | None = None

        def patterns(self) -> list[ConceptPattern]:
            return [c.pattern for c in self.concepts if not c.stop] + self.required

    def _plan(self, parsed: ParsedQuery, s, v: _Version) -> SearchEngine.Plan:
        plan = SearchEngine.Plan()
        reader = s.reader()
        builder = qb.QueryBuilder(reader, lambda: self.vocab_of(v, reader))
        excluded = [q for q in (qb.phrase_query(x, builder) for x in parsed.excluded) if q is not None]
        if excluded:
            plan.exclude = wq.Or([q for q, _ in excluded]) if len(excluded) > 1 else excluded[0][0]
        if parsed.empty:
            return plan
        qp = builder.plan(parsed.text)
        main = qp.whoosh_query()
        if main is None:
            plan.message = "no_terms"
            return plan
        required = [q for q in (qb.phrase_query(p, builder) for p in parsed.phrases) if q is not None]
        plan.query = wq.And([main, *(q for q, _ in required)]) if required else main
        plan.required = [pat for _, pat in required]
        plan.concepts = qp.core
        plan.suggestion = self._suggest(qp, builder)
        return plan

    @staticmethod
    def _suggest(qp: qb.QueryPlan, builder: qb.QueryBuilder) -> str | None:
        """Accented spelling for an unaccented query; corrected syllables for unknown ones."""
        words: list[str] = []
        changed = False
        for c in qp.concepts:
            label = " ".join(c.syllables)
            if c.suggestion and c.suggestion != label:
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

    RERANK_DEPTH = 60

    def _match_and_rank(self, s, plan: Plan, allowed: set[int] | None, req: SearchRequest,
                        cols: FacetColumns, top: int | None) -> tuple[set[int], list[int]]:
        """Every matching document (for totals and facets) and the ranking of the first `top`.

        One Whoosh pass scores all matches; the best RERANK_DEPTH are then re-ranked."""
        mask = set(s.docs_for_query(plan.exclude)) if plan.exclude is not None else None
        if plan.query is None:
            matched = set(allowed or ()) - (mask or set())
            scored: list[tuple[float, int]] = []
        else:
            results = s.search(plan.query, limit=None, filter=allowed, mask=mask)
            scored = [(hit.score, hit.docnum) for hit in results]
            matched = {d for _, d in scored}
        if req.sort in ("newest", "oldest") or plan.query is None:
            newest = req.sort != "oldest"

            def key(d: int) -> tuple[int, int]:
                when = cols.date.get(d, 0)
                return (when if newest or when else 99999999, d)

            ordered = sorted(matched, key=key, reverse=newest)
            return matched, ordered if top is None else ordered[:top]
        depth = max(self.RERANK_DEPTH, (top or 0) + 20)
        ranked = self._rerank(scored[:depth], plan, cols) + [d for _, d in scored[depth:]]
        return matched, ranked if top is None else ranked[:top]

    def _rerank(self, scored: list[tuple[float, int]], plan: Plan, cols: FacetColumns) -> list[int]:
        """Order the best BM25 candidates by what a reader sees: every concept present first, then
        concepts standing together, the whole query as a phrase, the title matching."""
        concepts = plan.concepts
        if len(scored) < 2 or not concepts:
            return [d for _, d in scored]
        docs = self.store.get_many([cols.ids[d] for _, d in scored if d in cols.ids])
        best = scored[0][0] or 1.0
        n = len(concepts)
        matcher = QueryMatcher([c.pattern for c in concepts])
        out = []
        for score, d in scored:
            ann = docs.get(cols.ids.get(d, ""))
            if ann is None:
                out.append((score / best, d))
                continue
            title, body = DocText(ann.title), DocText(ann.text[:RERANK_CHARS])
            in_title = spans_by_concept(matcher.find_all(title), n)
            in_body = spans_by_concept(matcher.find_all(body), n)
            present = sum(1 for t, b in zip(in_title, in_body, strict=True) if t or b)
            title_cov = sum(1 for t in in_title if t) / n
            pairs = 0.0
            for k in range(n - 1):
                if adjacent(in_title[k], in_title[k + 1], title.text) or adjacent(in_body[k], in_body[k + 1], body.text):
                    pairs += 1
            pair_frac = pairs / (n - 1) if n > 1 else 0.0
            value = (
                score / best
                + COVERAGE_WEIGHT * present / n
                + TITLE_WEIGHT * title_cov
                + PAIR_WEIGHT * pair_frac
                + (PHRASE_WEIGHT if n > 1 and pairs == n - 1 else 0.0)
            )
            out.append((value, d))
        out.sort(key=lambda x: -x[0])
        return [d for _, d in out]

    def _hits(self, docnums: list[int], cols: FacetColumns, plan: Plan, with_snippets: bool) -> list[SearchHit]:
        ids = [cols.ids[d] for d in docnums if d in cols.ids]
        docs = self.store.get_many(ids)
        hits: list[SearchHit] = []
        for rank, doc_id in enumerate(ids):
            ann = docs.get(doc_id)
            if ann is None:  # in the index but deleted from the store a moment ago
                continue
            hits.append(
                SearchHit(
                    id=ann.id,
                    title=ann.title,
                    date=ann.date,
                    year=ann.year,
                    agencies=ann.agencies,
                    people=ann.people,
                    doc_type=ann.doc_type,
                    doc_number=ann.doc_number,
                    source=ann.source,
                    url=ann.url,
                    score=float(len(ids) - rank),
                    snippet=snippet(ann.text, plan.patterns()) if with_snippets else "",
                    title_html=highlight_all(ann.title, plan.patterns()) if with_snippets else "",
                    places=ann.places,
                )
            )
        return hits

    def _facets(self, matched: set[int], cols: FacetColumns) -> dict[str, list[FacetValue]]:
        out: dict[str, list[FacetValue]] = {}
        for f in FACET_NAMES:
            counter: Counter[str] = Counter()
            values = cols.values[f]
            for d in matched:
                vals = values.get(d)
                if vals:
                    counter.update(vals)
            out[f] = [FacetValue(value=v, count=c) for v, c in counter.most_common(FACET_LIMIT)]
        years: Counter[int] = Counter(cols.year[d] for d in matched if d in cols.year)
        out["year"] = [FacetValue(value=str(y), count=c) for y, c in sorted(years.items(), reverse=True)]
        return out

    def all_facet_values(self, facet: str) -> list[FacetValue]:
        if not self.exists():
            return []
        v, s = self.searcher()
        cols = self.facets_of(v, s.reader())
        if facet == "year":
            return [
                FacetValue(value=y, count=len(d))
                for y, d in sorted(cols.postings["year"].items(), reverse=True)
            ]
        table = cols.postings.get(facet)
        if table is None:
            raise KeyError(facet)
        return [FacetValue(value=val, count=len(d)) for val, d in sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    def highlight_patterns(self, query: str) -> list[ConceptPattern]:
        parsed = parse_query(query)
        if parsed.empty or not self.exists():
            return []
        v, s = self.searcher()
        return self._plan(parsed, s, v).patterns()

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


def _date_int(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
