"""Sidebar filters: facet multi-selects with counts for the current query, a date range, clear-all."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kb.api import KnowledgeBase
from kb.models import FacetValue, SearchResponse
from kb.ui import state as ui_state
from kb.ui import streamlit_compat
from kb.ui.labels import FACET_LABELS, vn_date
from kb.ui.state import FACET_PARAMS, ViewState

MIN_DATE = dt.date(1945, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def facet_counts(kb: KnowledgeBase, state: ViewState, resp: SearchResponse) -> dict[str, list[FacetValue]]:
    """Counts per facet value for the sidebar (see KnowledgeBase.facet_counts)."""
    try:
        return kb.facet_counts(state.to_request(), resp)
    except Exception:  # noqa: BLE001 - keep the counts of the main search
        return dict(resp.facets)


def options_for(values: list[FacetValue], selected: tuple[str, ...]) -> tuple[list[str], dict[str, int]]:
    """Options in count order, with selected values kept even when the current query has none of them."""
    counts = {v.value: v.count for v in values}
    options = [v.value for v in values]
    options += [s for s in selected if s not in counts]
    return options, counts


def _on_facet(facet: str, key: str) -> None:
    chosen = [str(v) for v in st.session_state.get(key) or []]
    ui_state.write(ui_state.read().with_facet(facet, chosen))


def _on_dates(from_key: str, to_key: str) -> None:
    start, end = st.session_state.get(from_key), st.session_state.get(to_key)
    if start and end and start > end:
        start, end = end, start
    ui_state.write(ui_state.read().with_dates(start, end))


def _clear_all() -> None:
    ui_state.write(ui_state.read().without_filters())


def remove_filter(facet: str, value: str) -> None:
    ui_state.write(ui_state.read().without_filter(facet, value))


def clear_dates() -> None:
    ui_state.write(ui_state.read().with_dates(None, None))


def render_sidebar(kb: KnowledgeBase, state: ViewState, resp: SearchResponse) -> None:
    sig = state.signature()
    st.html(streamlit_compat.SIDEBAR_BUTTON_LABEL_CSS)
    st.header("Bộ lọc")
    counts = facet_counts(kb, state, resp)
    for facet in FACET_PARAMS:
        selected = state.filters.get(facet, ())
        options, numbers = options_for(counts.get(facet, []), selected)
        if not options:
            continue
        key = f"facet_{facet}_{sig}"
        st.multiselect(
            FACET_LABELS[facet],
            options,
            default=list(selected),
            format_func=lambda v, n=numbers: f"{v} ({n.get(v, 0)})",
            key=key,
            on_change=_on_facet,
            args=(facet, key),
            placeholder="Chọn…",
            select_all=False,
        )
    st.markdown("**Khoảng thời gian**")
    from_key, to_key = f"date_from_{sig}", f"date_to_{sig}"
    st.date_input("Từ ngày", value=state.date_from, min_value=MIN_DATE, max_value=MAX_DATE, format="DD/MM/YYYY",
                  key=from_key, on_change=_on_dates, args=(from_key, to_key))
    st.date_input("Đến ngày", value=state.date_to, min_value=MIN_DATE, max_value=MAX_DATE, format="DD/MM/YYYY",
                  key=to_key, on_change=_on_dates, args=(from_key, to_key))
    st.button("Xóa tất cả bộ lọc", key="clear_filters_sidebar", on_click=_clear_all, disabled=not state.has_filters,
              width="stretch")


def date_chip_label(state: ViewState) -> str | None:
    if state.date_from and state.date_to:
        return f"{vn_date(state.date_from)} – {vn_date(state.date_to)}"
    if state.date_from:
        return f"từ {vn_date(state.date_from)}"
    if state.date_to:
        return f"đến {vn_date(state.date_to)}"
    return None
