"""Export of every match of a search (kb.export) as CSV, JSON and Excel, and the download buttons that
offer it from the results view and the overview.

Types are kept in every format: `year` is an integer (empty when unknown), `date` an ISO date
(a real date cell in Excel), lists are joined with "; " in CSV/Excel and stay lists in JSON. The files
are built only when a button is clicked (deferred st.download_button data).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import json

import pandas as pd
import streamlit as st

from kb.api import KnowledgeBase
from kb.models import Announcement, SearchRequest
from kb.ui.labels import vn_number
from kb.ui.state import ViewState

EXPORT_COLUMNS = ["id", "title", "date", "year", "doc_type", "doc_number", "issuer", "agencies", "people",
                  "places", "source", "url"]
TEXT_COLUMNS = [c for c in EXPORT_COLUMNS if c not in ("date", "year")]
FILE_STEM = "ket-qua-tim-kiem"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MISSING = ("Chưa xuất được tệp Excel vì máy chủ chưa cài gói `xlsxwriter` (người quản trị cài bằng "
                "`pip install xlsxwriter`). Tệp CSV mở được bằng Excel.")
# A spreadsheet runs a cell that starts with one of these as a formula; CSV cells get a leading "'".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def flat_row(r: dict) -> dict:
    """One record with its list columns joined for spreadsheets."""
    row = dict(r)
    row["agencies"] = "; ".join(r["agencies"])
    row["people"] = "; ".join(_person_label(p) for p in r["people"])
    row["places"] = "; ".join(r["places"])
    return row


def to_frame(records: list[dict]) -> pd.DataFrame:
    """One row per document; `year` as a nullable integer (never 2019.0), `date` as ISO text."""
    frame = pd.DataFrame([flat_row(r) for r in records], columns=EXPORT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(records: list[dict]) -> bytes:
    # UTF-8 with BOM so spreadsheet programs read the Vietnamese letters correctly.
    frame = to_frame(records)
    for col in TEXT_COLUMNS:
        frame[col] = frame[col].map(_inert)
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_json(records: list[dict], query: str) -> bytes:
    return json.dumps({"query": query, "total": len(records), "documents": records}, ensure_ascii=False,
                      indent=1).encode("utf-8")


def xlsx_available() -> bool:
    return importlib.util.find_spec("xlsxwriter") is not None


def to_xlsx(records: list[dict]) -> bytes:
    """An Excel workbook: integer years, date cells shown as yyyy-mm-dd, every other cell as text
    (never a formula, whatever a title starts with). Needs the xlsxwriter package."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Kết quả")
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, EXPORT_COLUMNS, bold)
    for i, r in enumerate(records, start=1):
        row = flat_row(r)
        for j, col in enumerate(EXPORT_COLUMNS):
            value = row[col]
            if value is None or value == "":
                continue
            if col == "year":
                sheet.write_number(i, j, int(value))
            elif col == "date":
                sheet.write_datetime(i, j, dt.datetime.combine(dt.date.fromisoformat(value), dt.time()), date_format)
            else:
                sheet.write_string(i, j, str(value))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(records)), len(EXPORT_COLUMNS) - 1)
    for j, width in enumerate([28, 60, 12, 6, 16, 18, 30, 40, 40, 24, 20, 40]):
        sheet.set_column(j, j, width)
    book.close()
    return out.getvalue()


# -- building on click -------------------------------------------------------------------------------------
def export_request(state: ViewState) -> SearchRequest:
    """Every match of the view's search (page, snippets and facets do not matter for an export)."""
    return state.to_request(page=1, snippets=False, facets=False)


def records_for(kb: KnowledgeBase, request: SearchRequest) -> list[dict]:
    return [record(a) for a in kb.export(request)]


def _build(kind: str, kb: KnowledgeBase, request_json: str, query: str) -> bytes:
    records = records_for(kb, SearchRequest.model_validate_json(request_json))
    if kind == "csv":
        return to_csv(records)
    if kind == "json":
        return to_json(records, query)
    return to_xlsx(records)


def _buttons(kb: KnowledgeBase, state: ViewState, total: int, key: str) -> None:
    request_json = export_request(state).model_dump_json()
    for kind, label, mime in (("csv", "CSV", "text/csv"), ("xlsx", "Excel (.xlsx)", XLSX_MIME),
                              ("json", "JSON", "application/json")):
        unavailable = kind == "xlsx" and not xlsx_available()
        st.download_button(
            f"Tải {label}",
            functools.partial(_build, kind, kb, request_json, state.q),
            file_name=f"{FILE_STEM}.{kind}",
            mime=mime,
            key=f"{key}_{kind}",
            on_click="ignore",
            icon=":material/download:",
            disabled=unavailable,
            help=XLSX_MISSING if unavailable else f"Toàn bộ {vn_number(total)} văn bản khớp, kèm siêu dữ liệu.",
        )


def render_buttons(kb: KnowledgeBase, state: ViewState, total: int, key: str) -> None:
    """"Xuất N kết quả:" and one button per format; each file is built when its button is clicked."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"{key}_bar"):
        st.markdown(f"**Xuất {vn_number(total)} kết quả:**")
        _buttons(kb, state, total, key)
    if not xlsx_available():
        st.caption(XLSX_MISSING)


def render_menu(kb: KnowledgeBase, state: ViewState, total: int, key: str) -> None:
    """The same buttons behind one "Xuất N kết quả" button (the results view, where room is short)."""
    with st.popover(f"Xuất {vn_number(total)} kết quả", icon=":material/download:", key=f"{key}_menu"):
        st.markdown(f"Tải **toàn bộ {vn_number(total)} văn bản khớp** với tìm kiếm này, kèm siêu dữ liệu "
                    "(CSV và Excel cho bảng tính, JSON cho lập trình).")
        _buttons(kb, state, total, key)
        if not xlsx_available():
            st.caption(XLSX_MISSING)
