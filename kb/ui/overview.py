"""Overview for journalists: timeline and top people/agencies of the current search, and export of
every match (kb.ui.export)."""

from __future__ import annotations

from collections import Counter

import altair as alt
import pandas as pd
import streamlit as st

from kb.api import KnowledgeBase
from kb.models import SearchRequest
from kb.ui import export, resources
from kb.ui.labels import vn_number
from kb.ui.state import ViewState

TOP_N = 10


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def export_records(_kb: KnowledgeBase, version: str, request_json: str) -> list[dict]:
    """Every match of a search as export records; cached per search and data version."""
    return export.records_for(_kb, SearchRequest.model_validate_json(request_json))


def timeline_frame(records: list[dict], by: str) -> pd.DataFrame:
    """Documents per month ("YYYY-MM") or per year; documents without a date are left out."""
    keys: Counter[str] = Counter()
    for r in records:
        if by == "month" and r["date"]:
            keys[r["date"][:7]] += 1
        elif by == "year" and (r["year"] or r["date"]):
            keys[str(r["year"] or r["date"][:4])] += 1
    frame = pd.DataFrame(sorted(keys.items()), columns=["period", "count"])
    if by == "month" and not frame.empty:
        frame["period"] = pd.to_datetime(frame["period"] + "-01")
    return frame


def top_frame(records: list[dict], field: str, n: int = TOP_N) -> pd.DataFrame:
    """The most frequent people (by name) or agencies: number of matching documents naming them."""
    counts: Counter[str] = Counter()
    for r in records:
        names = {p["name"] for p in r["people"]} if field == "people" else set(r[field])
        counts.update(names)
    return pd.DataFrame(counts.most_common(n), columns=["name", "count"])


def _timeline_chart(frame: pd.DataFrame, by: str) -> alt.Chart:
    if by == "month":
        x = alt.X("period:T", title="Tháng", axis=alt.Axis(format="%m/%Y", aria=False))
        tooltip = [alt.Tooltip("period:T", title="Tháng", format="%m/%Y"), alt.Tooltip("count:Q", title="Số văn bản")]
        span = f"{frame['period'].min():%m/%Y} – {frame['period'].max():%m/%Y}"
    else:
        x = alt.X("period:O", title="Năm", axis=alt.Axis(labelAngle=0, aria=False))
        tooltip = [alt.Tooltip("period:O", title="Năm"), alt.Tooltip("count:Q", title="Số văn bản")]
        span = f"{frame['period'].min()} – {frame['period'].max()}"
    unit = "tháng" if by == "month" else "năm"
    description = (f"Biểu đồ cột: số văn bản khớp theo {unit}, {span}; nhiều nhất "
                   f"{vn_number(int(frame['count'].max()))} văn bản trong một {unit}.")
    return (
        alt.Chart(frame, description=description)
        .mark_bar(color="#3b6fd4", aria=False)
        .encode(x=x, y=alt.Y("count:Q", title="Số văn bản", axis=alt.Axis(tickMinStep=1, aria=False)),
                tooltip=tooltip)
        .properties(height=240)
    )


def _bar_chart(frame: pd.DataFrame, title: str, color: str) -> alt.Chart:
    listed = "; ".join(f"{name}: {count}" for name, count in frame.itertuples(index=False))
    return (
        alt.Chart(frame, description=f"Biểu đồ cột, số văn bản theo {title.lower()}: {listed}.")
        .mark_bar(color=color, aria=False)
        .encode(
            x=alt.X("count:Q", title="Số văn bản", axis=alt.Axis(tickMinStep=1, aria=False)),
            y=alt.Y("name:N", sort="-x", title=None,
                    axis=alt.Axis(labelLimit=260, labelOverlap=False, labelFontSize=12, aria=False)),
            tooltip=[alt.Tooltip("name:N", title=title), alt.Tooltip("count:Q", title="Số văn bản")],
        )
        .properties(height=max(120, 30 * len(frame)))
    )


def show(kb: KnowledgeBase, state: ViewState) -> None:
    request = export.export_request(state)
    with st.spinner("Đang tổng hợp toàn bộ kết quả…"):
        records = export_records(kb, resources.data_version(kb), request.model_dump_json())
    if not records:
        st.info("Không có văn bản nào để tổng hợp cho tìm kiếm này.")
        return
    dated = [r for r in records if r["date"]]
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Văn bản khớp", vn_number(len(records)))
    if dated:
        first, last = min(r["date"] for r in dated), max(r["date"] for r in dated)
        m2.metric("Khoảng thời gian", f"{first[:4]}–{last[:4]}" if first[:4] != last[:4] else first[:4])
    m3.metric("Người được nêu tên", vn_number(len({p["name"] for r in records for p in r["people"]})))
    m4.metric("Cơ quan", vn_number(len({a for r in records for a in r["agencies"]})))

    export.render_buttons(kb, state, len(records), key="overview_export")

    st.header("Dòng thời gian")
    by = st.segmented_control("Gộp theo", ["month", "year"], default="month", required=True, key="timeline_by",
                              format_func=lambda v: "Tháng" if v == "month" else "Năm")
    frame = timeline_frame(records, by or "month")
    if frame.empty:
        st.caption("Các văn bản khớp không có ngày tháng.")
    else:
        st.altair_chart(_timeline_chart(frame, by or "month"), width="stretch")
    if len(dated) < len(records):
        st.caption(f"{vn_number(len(records) - len(dated))} văn bản không xác định được ngày nên không có trên biểu đồ.")

    left, right = st.columns(2)
    with left:
        _top_panel(records, "people", "Người được nhắc đến nhiều nhất", "Người", "#2f8f5b",
                   "Không có tên người trong các văn bản khớp.")
    with right:
        _top_panel(records, "agencies", "Cơ quan xuất hiện nhiều nhất", "Cơ quan", "#3b6fd4",
                   "Không có cơ quan trong các văn bản khớp.")


def _top_panel(records: list[dict], field: str, heading: str, label: str, color: str, empty: str) -> None:
    """One bar chart of the most frequent values of a field among the matches."""
    st.header(heading)
    frame = top_frame(records, field)
    if frame.empty:
        st.caption(empty)
    else:
        st.altair_chart(_bar_chart(frame, label, color), width="stretch", height=max(120, 30 * len(frame)))
