"""The view lives in the URL: query, filters, sort, page, open document, tab.

`ViewState` is a pure value (parse from / write to query parameters, turn into a SearchRequest);
`read()` and `write()` connect it to st.query_params. Everything from the URL is untrusted and is
validated here: bad values fall back to defaults instead of raising.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from kb.models import SearchRequest

PAGE_SIZE = 10
MAX_QUERY_CHARS = 500
MAX_FILTER_VALUES = 20
SORTS = ("relevance", "newest", "oldest")
TABS = ("ket-qua", "tong-quan")
MATCHES = ("all", "any")  # every word of the query (full matches first), or any of them
# Facet name (kb.models) -> URL parameter.
FACET_PARAMS: dict[str, str] = {
    "agency": "agency",
    "person": "person",
    "doc_type": "type",
    "year": "year",
    "place": "place",
    "source": "source",
}


@dataclass(frozen=True)
class ViewState:
    q: str = ""
    page: int = 1
    sort: str = "relevance"
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    doc: str | None = None
    tab: str = "ket-qua"
    match: str = "all"

    # -- URL ----------------------------------------------------------------------------------------
    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> ViewState:
        """From query parameters: a mapping of str -> str | list[str] (repeated keys)."""

        def all_of(key: str) -> list[str]:
            value = params.get(key)
            if value is None:
                return []
            values = [value] if isinstance(value, str) else list(value)
            return [str(v) for v in values]

        def one(key: str) -> str:
            values = all_of(key)
            return values[-1] if values else ""

        filters: dict[str, tuple[str, ...]] = {}
        for facet, param in FACET_PARAMS.items():
            values = _clean_values(all_of(param))
            if facet == "year":
                values = [v for v in values if v.isdigit() and len(v) == 4]
            if values:
                filters[facet] = tuple(values)
        sort = one("sort")
        tab = one("tab")
        match = one("match")
        doc = one("doc").strip()
        return cls(
            q=one("q").strip()[:MAX_QUERY_CHARS],
            page=_page(one("page")),
            sort=sort if sort in SORTS else "relevance",
            filters=filters,
            date_from=_date(one("from")),
            date_to=_date(one("to")),
            doc=doc[:300] or None,
            tab=tab if tab in TABS else "ket-qua",
            match=match if match in MATCHES else "all",
        )

    def to_params(self) -> dict[str, str | list[str]]:
        """Query parameters, defaults left out so shared URLs stay short."""
        out: dict[str, str | list[str]] = {}
        if self.q:
            out["q"] = self.q
        for facet, param in FACET_PARAMS.items():
            values = self.filters.get(facet)
            if values:
                out[param] = list(values)
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.sort != "relevance":
            out["sort"] = self.sort
        if self.match != "all":
            out["match"] = self.match
        if self.page > 1:
            out["page"] = str(self.page)
        if self.tab != "ket-qua":
            out["tab"] = self.tab
        if self.doc:
            out["doc"] = self.doc
        return out

    def query_string(self) -> str:
        """"?q=...&agency=..." for links (relative to the search page)."""
        params = self.to_params()
        return "?" + urlencode(params, doseq=True) if params else "?"

    def signature(self) -> str:
        """Short hash of the state, used in widget keys so widgets are rebuilt from the URL on change."""
        return hashlib.sha1(self.query_string().encode()).hexdigest()[:10]

    # -- changes (all return new states) --------------------------------------------------------------
    def with_query(self, q: str) -> ViewState:
        return replace(self, q=q.strip()[:MAX_QUERY_CHARS], page=1, doc=None)

    def with_facet(self, facet: str, values: list[str]) -> ViewState:
        filters = dict(self.filters)
        cleaned = _clean_values(values)
        if cleaned:
            filters[facet] = tuple(cleaned)
        else:
            filters.pop(facet, None)
        return replace(self, filters=filters, page=1, doc=None)

    def without_filter(self, facet: str, value: str) -> ViewState:
        return self.with_facet(facet, [v for v in self.filters.get(facet, ()) if v != value])

    def with_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> ViewState:
        return replace(self, date_from=date_from, date_to=date_to, page=1, doc=None)

    def without_filters(self) -> ViewState:
        return replace(self, filters={}, date_from=None, date_to=None, page=1, doc=None)

    def with_sort(self, sort: str) -> ViewState:
        return replace(self, sort=sort if sort in SORTS else "relevance", page=1)

    def with_match(self, match: str) -> ViewState:
        return replace(self, match=match if match in MATCHES else "all", page=1)

    def with_page(self, page: int) -> ViewState:
        return replace(self, page=max(1, int(page)))

    def with_doc(self, doc: str | None) -> ViewState:
        return replace(self, doc=doc)

    def with_tab(self, tab: str) -> ViewState:
        return replace(self, tab=tab if tab in TABS else "ket-qua")

    # -- questions ------------------------------------------------------------------------------------
    @property
    def has_filters(self) -> bool:
        return bool(self.filters or self.date_from or self.date_to)

    @property
    def is_blank(self) -> bool:
        """Nothing asked yet: show the start page."""
        return not self.q and not self.has_filters

    def active_filters(self) -> list[tuple[str, str]]:
        return [(facet, v) for facet in FACET_PARAMS for v in self.filters.get(facet, ())]

    def to_request(self, *, limit: int = PAGE_SIZE, page: int | None = None, facets: bool = True,
                   snippets: bool = True) -> SearchRequest:
        f = {k: list(v) for k, v in self.filters.items()}
        return SearchRequest(
            query=self.q,
            page=page or self.page,
            limit=limit,
            sort=self.sort,  # type: ignore[arg-type]
            agency=f.get("agency", []),
            person=f.get("person", []),
            place=f.get("place", []),
            doc_type=f.get("doc_type", []),
            source=f.get("source", []),
            year=[int(y) for y in f.get("year", [])],
            date_from=self.date_from,
            date_to=self.date_to,
            snippets=snippets,
            facets=facets,
            match=self.match,  # type: ignore[arg-type]
        )


def _clean_values(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = " ".join(str(v).split())[:200]
        if v and v not in out:
            out.append(v)
    return out[:MAX_FILTER_VALUES]


def _page(value: str) -> int:
    try:
        return min(max(1, int(value)), 10_000)
    except ValueError:
        return 1


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None


# -- Streamlit glue ------------------------------------------------------------------------------------
def read() -> ViewState:
    import streamlit as st

    qp = st.query_params
    return ViewState.from_params({key: qp.get_all(key) for key in qp})


def write(state: ViewState) -> None:
    """Replace the URL's query parameters by `state` (use inside callbacks; the rerun reads it back)."""
    import streamlit as st

    st.query_params.from_dict(state.to_params())
