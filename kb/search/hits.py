"""The shown page of a search: stored documents as SearchHit, with snippets and a highlighted
title for the page only (the rest of the matches are never read from the store)."""

from __future__ import annotations

import numpy as np

from kb.models import SearchHit
from kb.search.facets import FacetColumns
from kb.search.highlight import highlight_all, snippet
from kb.search.match import ConceptPattern


def build_hits(docnums: list[int], cols: FacetColumns, patterns: list[ConceptPattern], complete: np.ndarray,
               store, with_snippets: bool) -> list[SearchHit]:
    """One hit per document still in the store, in the given order; `complete` marks the
    documents holding every concept of the query (match "full")."""
    pairs = [(d, cols.ids[d]) for d in docnums if cols.ids[d] is not None]
    docs = store.get_many([i for _, i in pairs])
    hits: list[SearchHit] = []
    for rank, (d, doc_id) in enumerate(pairs):
        ann = docs.get(doc_id)
        if ann is None:  # in the index but deleted from the store a moment ago
            continue
        hits.append(
            SearchHit(
                id=ann.id, title=ann.title, date=ann.date, year=ann.year, agencies=ann.agencies,
                people=ann.people, doc_type=ann.doc_type, doc_number=ann.doc_number, source=ann.source,
                url=ann.url, score=float(len(pairs) - rank), places=ann.places,
                snippet=snippet(ann.text, patterns) if with_snippets else "",
                title_html=highlight_all(ann.title, patterns) if with_snippets else "",
                match="full" if complete[d] else "partial",
            )
        )
    return hits
