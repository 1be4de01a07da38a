"""Overview for journalists: timeline and top people/agencies of the current search, and export of
every match (kb.export) to CSV and JSON."""

from __future__ import annotations

import json
from collections import Counter

import altair as alt
import pandas as pd
import streamlit as st

from kb.api import KnowledgeBase
from kb.models import Announcement
from kb.ui import resources
from kb.ui.labels import vn_number
from kb.ui.state import ViewState

EXPORT_COLUMNS = ["id", "title", "date", "year", "doc_type", "doc_number", "issuer", "agencies", "people",
                  "places", "source", "url"]
TOP_N = 10


def record(ann: Announcement) -> dict:
    """Metadata of one document for export (lists joined with "; " in CSV, kept as lists in JSON)."""
    return {
        "id": ann.id,
        "title": ann.title,
        "date": ann.date.isoformat() if ann.date else None,
        "year": ann.year,
        "doc_type": ann.doc_type,
        "doc_number": ann.doc_number,
        "issuer": ann.issuer,
        "agencies": list(ann.agencies),
        "people": [{"name": p.name, "role": p.role} for p in ann.people],
        "places": list(ann.places),
        "source": ann.source,
        "url": ann.url,
    }


def _person_label(p: dict) -> str:
    return f"{p['name']} ({p['role']})" if p.get("role") else p["name"]


def to_frame(records: list[dict]) -> pd.DataFrame:
    """One row per document, list columns joined for spreadsheets."""
    rows = []
    for r in records:
        row = dict(r)
        row["agencies"] = "; ".join(r["agencies"])
        row["people"] = "; ".join(_person_label(p) for p in r["people"])
        row["places"] = "; ".join(r["places"])
        rows.append(row)
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def to_csv(records: list[dict]) -> bytes:
    # UTF-8 with BOM so spreadsheet programs read the Vietnamese letters correctly.
    return to_frame(records).to_csv(index=False).encode("utf-8-sig")


def to_json(records: list[dict], query: str) -> bytes:
    return json.dumps({"query": query, "total": len(records), "documents": records}, ensure_ascii=False,
                      indent=1).encode("utf-8")


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def export_records(_kb: KnowledgeBase, version: str, request_json: str) -> list[dict]:
    """Every match of a search as export records; cached per search and data version."""
    from kb.models import SearchRequest

    return [record(a) for a in _kb.export(SearchRequest.model_validate_json(request_json))]


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
        x = alt.X("period:T", title="Tháng", axis=alt.Axis(format="%m/%Y"))
        tooltip = [alt.Tooltip("period:T", title="Tháng", format="%m/%Y"), alt.Tooltip("count:Q", title="Số văn bản")]
    else:
        x = alt.X("period:O", title="Năm", axis=alt.Axis(labelAngle=0))
        tooltip = [alt.Tooltip("period:O", title="Năm"), alt.Tooltip("count:Q", title="Số văn bản")]
    return (
        alt.Chart(frame)
        .mark_bar(color="#3b6fd4")
        .encode(x=x, y=alt.Y("count:Q", title="Số văn bản", axis=alt.Axis(tickMinStep=1)), tooltip=tooltip)
        .properties(height=240)
    )


def _bar_chart(frame: pd.DataFrame, title: str, color: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar(color=color)
        .encode(
            x=alt.X("count:Q", title="Số văn bản", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("name:N", sort="-x", title=None,
                    axis=alt.Axis(labelLimit=260, labelOverlap=False, labelFontSize=12)),
            tooltip=[alt.Tooltip("name:N", title=title), alt.Tooltip("count:Q", title="Số văn bản")],
        )
        .properties(height=max(120, 30 * len(frame)))
    )


def show(kb: KnowledgeBase, state: ViewState) -> None:
    request = state.to_request(page=1, snippets=False, facets=False)
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

    _export_buttons(records, state)

    st.subheader("Dòng thời gian")
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
    st.subheader(heading)
    frame = top_frame(records, field)
    if frame.empty:
        st.caption(empty)
    else:
        st.altair_chart(_bar_chart(frame, label, color), width="stretch", height=max(120, 30 * len(frame)))


def _export_buttons(records: list[dict], state: ViewState) -> None:
    st.markdown(f"**Xuất dữ liệu** — toàn bộ {vn_number(len(records))} văn bản khớp, kèm siêu dữ liệu "
                "(CSV cho bảng tính, JSON cho lập trình).")
    row = st.container(horizontal=True)
    row.download_button("Tải CSV", to_csv(records), file_name="ket-qua-tim-kiem.csv", mime="text/csv",
                       key="export_csv", on_click="ignore", icon=":material/download:")
    row.download_button("Tải JSON", to_json(records, state.q), file_name="ket-qua-tim-kiem.json",
                       mime="application/json", key="export_json", on_click="ignore",
                       icon=":material/download:")
