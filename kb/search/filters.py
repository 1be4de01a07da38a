"""Filters of a search as a mask over the documents: facet values from the request and from the
box (agency:, person:, place:, type:, source:, year:), and dates.

A value that means nothing in this collection (year:abcd, year:3000-1, a document type no document
has) is not silently dropped and does not simply yield "nothing found": the filter is kept (so a
count never includes what the user filtered out) and a Vietnamese sentence names the filter and
the values it accepts (Reduction.invalid_filters, shown in the response's notice).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from kb.models import SearchRequest
from kb.search.facets import FacetColumns
from kb.search.parse import ParsedQuery, Reduction, parse_year

MAX_FILTER_VALUES = 16  # per facet, from the box and the request together
EXAMPLES = 8  # values named in the message for a facet with many values
LABELS = {"agency": "cơ quan", "person": "người", "place": "địa danh", "doc_type": "loại văn bản",
          "source": "nguồn", "year": "năm"}
BOX_NAMES = {"agency": "agency", "person": "person", "place": "place", "doc_type": "type", "source": "source",
             "year": "year"}
FEW_VALUES = 20  # a facet with at most this many values is listed whole in the message


def filter_mask(req: SearchRequest, parsed: ParsedQuery, cols: FacetColumns, reduction: Reduction) -> np.ndarray | None:
    """Documents allowed by every filter (None: no filter at all)."""
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
    mask: np.ndarray | None = None

    def narrow(m: np.ndarray) -> None:
        nonlocal mask
        mask = m if mask is None else mask & m

    for f, vals in wanted.items():
        if not vals:
            continue
        numbers: list[int] = []
        unknown: list[str] = []
        for val in vals:
            found = cols.resolve(f, val)
            if not found:
                unknown.append(val)
            numbers.extend(found)
        if unknown:
            reduction.invalid_filters.append(_unknown_values(f, unknown, parsed, cols))
        narrow(cols.docs_with(f, numbers) if numbers else np.zeros(cols.n, dtype=bool))
    years = list(req.year)
    for value in year_values[:MAX_FILTER_VALUES]:
        got = parse_year(value)
        if got is None:
            reduction.invalid_filters.append(_invalid_year(value, parsed, cols))
        else:
            years.extend(got)
    if years:
        year_mask = np.isin(cols.year, np.asarray(years, dtype=np.int32))
        if not (year_mask & cols.live_mask()).any():
            reduction.invalid_filters.append(_absent_years(years, cols))
        narrow(year_mask)
    elif year_values:
        narrow(np.zeros(cols.n, dtype=bool))  # "year:abc": nothing can match (and the notice says why)
    if req.date_from or req.date_to:
        lo = _date_int(req.date_from) if req.date_from else 1
        hi = _date_int(req.date_to) if req.date_to else 99999999
        narrow((cols.date >= lo) & (cols.date <= hi))
    return mask


def _name(facet: str, parsed: ParsedQuery) -> str:
    return parsed.filter_names.get(facet, BOX_NAMES[facet])


def _year_span(cols: FacetColumns) -> str:
    present = cols.year[(cols.year > 0) & cols.live_mask()]
    if not present.size:
        return "Kho chưa có văn bản nào ghi năm."
    lo, hi = int(present.min()), int(present.max())
    return f"Kho có văn bản của năm {lo}." if lo == hi else f"Kho có văn bản từ năm {lo} đến năm {hi}."


def _invalid_year(value: str, parsed: ParsedQuery, cols: FacetColumns) -> str:
    name = _name("year", parsed)
    return (f"Bộ lọc “{name}:{value}” không hợp lệ: năm phải là số có 4 chữ số ({name}:2017) hoặc một "
            f"khoảng năm ({name}:2015-2017). {_year_span(cols)}")


def _absent_years(years: list[int], cols: FacetColumns) -> str:
    shown = ", ".join(str(y) for y in sorted(set(years))[:5]) + ("…" if len(set(years)) > 5 else "")
    return f"Không có văn bản nào của năm {shown}. {_year_span(cols)}"


def _unknown_values(facet: str, unknown: list[str], parsed: ParsedQuery, cols: FacetColumns) -> str:
    label = LABELS[facet]
    name = _name(facet, parsed)
    typed = ", ".join(f"“{name}:{v}”" for v in unknown[:5]) + (f" và {len(unknown) - 5} giá trị khác"
                                                                  if len(unknown) > 5 else "")
    values = [v for v, _ in cols.count(facet, cols.live_mask())]
    head = f"Bộ lọc {typed}: không có {label} nào như vậy trong kho."
    if not values:
        return f"{head} Chưa có văn bản nào ghi {label}."
    if len(values) <= FEW_VALUES:
        return f"{head} Các giá trị có trong kho: {', '.join(values)}."
    return (f"{head} Ví dụ giá trị có trong kho: {', '.join(values[:EXAMPLES])} "
            f"(và {len(values) - EXAMPLES} giá trị khác).")


def _date_int(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day
