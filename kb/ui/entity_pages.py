"""Entity pages: a person (url "nguoi?name="), a body ("co-quan?name="), and the office-holder question
("chuc-vu?office=&year="). Each page's state is its URL, so it can be shared; each links back to a
search filtered on the entity."""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from kb.api import KnowledgeBase
from kb.ui import render, resources
from kb.ui.labels import APP_HEADING, vn_number
from kb.ui.links import agency_href, doc_href, person_href, search_href, who_href

log = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_PARAM_CHARS = 300

ENTITY_CSS = """
<style>
table.kb-table { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.kb-table th { text-align: left; color: #5f6b7a; font-weight: 600; border-bottom: 1px solid rgba(128,128,128,.3);
                    padding: .3rem .5rem; }
table.kb-table td { border-bottom: 1px solid rgba(128,128,128,.15); padding: .3rem .5rem; vertical-align: top; }
</style>
"""


# -- URL parameters (untrusted) --------------------------------------------------------------------------------
def _param(key: str) -> str:
    values = st.query_params.get_all(key)
    return " ".join((values[-1] if values else "").split())[:MAX_PARAM_CHARS]


def _page_param() -> int:
    raw = _param("page")
    return min(int(raw), 10_000) if raw.isdigit() and int(raw) > 0 else 1


def _year_param() -> int | None:
    raw = _param("year")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


# -- pure HTML builders ----------------------------------------------------------------------------------------
def _span_text(first: str | None, last: str | None) -> tuple[str, str]:
    return (_vn(first), _vn(last))


def _vn(iso: str | None) -> str:
    """ISO date (or a bare year) as Vietnamese writes it; "—" when unknown."""
    if not iso:
        return "—"
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def table_html(headers: list[str], rows: list[list[str]], css: str = "kb-table") -> str:
    """`rows` hold safe HTML cells (render.text / render.link output)."""
    head = "".join(f"<th>{render.text(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return render.block(f'<table class="{css}"><tbody><tr>{head}</tr>{body}</tbody></table>', "kb-table-wrap")


def roles_table_html(roles: list[dict]) -> str:
    rows = []
    for r in roles:
        agency = render.link(agency_href(r["agency"]), render.text(r["agency"])) if r["agency"] else "—"
        first, last = _span_text(r["from"], r["to"])
        rows.append([render.link(who_href(r["office"]), render.text(r["role"])), agency, render.text(first),
                     render.text(last), render.text(vn_number(r["documents"]))])
    return table_html(["Chức vụ", "Cơ quan", "Từ", "Đến", "Số văn bản"], rows)


def holders_table_html(rows_in: list[dict]) -> str:
    rows = []
    for r in rows_in:
        first, last = _span_text(r["from"], r["to"])
        rows.append([render.link(who_href(r["role"]), render.text(r["role"])),
                     render.link(person_href(r["person_id"]), render.text(r["person"])),
                     render.text(first), render.text(last), render.text(vn_number(r["documents"]))])
    return table_html(["Chức vụ", "Người", "Từ", "Đến", "Số văn bản"], rows)


def doc_item_html(item: dict, extra: str = "") -> str:
    title = render.text(item["title"]) or "(không có tiêu đề)"
    meta = " · ".join(x for x in (_vn(item.get("date")) if item.get("date") else (str(item["year"]) if item.get("year")
                                                                                 else ""),
                                  item.get("doc_type") or "", extra) if x)
    parts = [f'<div class="kb-hit-title">{render.link(doc_href(item["id"]), title)}</div>']
    if meta:
        parts.append(f'<div class="kb-meta">{render.text(meta)}</div>')
    if item.get("snippet"):
        parts.append(f'<div class="kb-snippet">{render.marked(item["snippet"])}</div>')
    return render.block("".join(parts), "kb-hit")


def candidates_html(candidates: list[dict]) -> str:
    items = []
    for c in candidates:
        where = f" ({c['province']})" if c.get("province") else " (chưa rõ tỉnh)"
        roles = f" — {', '.join(c['roles'])}" if c.get("roles") else ""
        label = render.text(f"{c['name']}{where}")
        meta = render.text(f"{vn_number(c['documents'])} văn bản{roles}")
        items.append(f'<div class="kb-related">{render.link(person_href(c["id"]), label)}'
                     f'<div class="kb-meta">{meta}</div></div>')
    return render.block("".join(items), "kb-candidates")


def _kb() -> KnowledgeBase | None:
    st.html(ENTITY_CSS)
    st.markdown(f"# {APP_HEADING}")
    return resources.get_kb()


def _pager(total: int, page: int, key: str) -> None:
    pages = max(1, -(-total // PAGE_SIZE))
    if pages > 1:
        st.pagination(pages, default=min(page, pages), key=key, on_change=_on_page, args=(key,))


def _on_page(key: str) -> None:
    st.query_params["page"] = str(int(st.session_state.get(key) or 1))


# -- person ----------------------------------------------------------------------------------------------------
def person_page() -> None:
    kb = _kb()
    name = _param("name")
    if kb is None:
        return
    if not name:
        st.info("Chọn một người từ kết quả tìm kiếm, hoặc mở trang theo đường dẫn nguoi?name=Tên người.")
        return
    try:
        page = kb.person(name, province=_param("province") or None, page=_page_param(), limit=PAGE_SIZE,
                         in_document=_param("doc") or None)
    except Exception:  # noqa: BLE001 - the user sees a message, the log keeps the details
        log.exception("person page failed for %r", name)
        st.error("Không tải được trang này. Hãy thử lại sau.")
        return
    if page["status"] == "ambiguous":
        st.markdown(f"## {render.label(name)}")
        st.warning("Tên này ứng với nhiều người (cùng tên, giữ chức vụ ở các tỉnh khác nhau). Chọn một người:")
        st.markdown(candidates_html(page["candidates"]), unsafe_allow_html=True)
        return
    if page["status"] != "found":
        st.warning(f"Không tìm thấy người nào tên “{render.label(name)}” trong kho.")
        if page["candidates"]:
            st.markdown("Tên gần giống:")
            st.markdown(candidates_html(page["candidates"]), unsafe_allow_html=True)
        return
    where = f" ({page['province']})" if page["province"] else ""
    st.markdown(f"## {render.label(page['name'] + where)}")
    docs = page["documents"]
    st.markdown(render.block(
        render.text(f"Được nhắc đến trong {vn_number(docs['total'])} văn bản · ")
        + render.link(search_href("person", page["search"]["person"]),
                      # The search filters on the name: a namesake's documents come with it.
                      "Tìm các văn bản có tên này (gồm cả người cùng tên)" if page["ambiguous"]
                      else "Tìm các văn bản này"), "kb-count"),
        unsafe_allow_html=True)
    if len(page["variants"]) > 1:
        st.caption("Các cách viết: " + ", ".join(render.label(v) for v in page["variants"]))
    if page["ambiguous"]:
        st.warning("Có người khác cùng tên trong kho; trang này chỉ gồm các văn bản của người này. Người cùng tên:")
        st.markdown(candidates_html(page["same_name"]), unsafe_allow_html=True)
    st.markdown("### Chức vụ")
    if page["roles"]:
        st.markdown(roles_table_html(page["roles"]), unsafe_allow_html=True)
    else:
        st.caption("Chưa có văn bản nào ghi chức vụ của người này.")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown("### Văn bản nhắc đến")
        for item in docs["items"]:
            st.markdown(doc_item_html(item, item.get("role") or ""), unsafe_allow_html=True)
        _pager(docs["total"], docs["page"], "person_page_no")
    with right:
        st.markdown("### Theo thời gian")
        if page["timeline"]:
            st.bar_chart({t["period"]: t["count"] for t in page["timeline"]}, x_label="Tháng",
                         y_label="Số văn bản", height=220)
        if page["undated"]:
            st.caption(f"{vn_number(page['undated'])} văn bản không rõ ngày.")
        st.markdown("### Người thường được nhắc cùng")
        st.markdown(render.block("".join(
            render.chip(p["name"], "person", str(p["count"]), href=person_href(p["id"]))
            for p in page["related_people"]) or render.text("—"), "kb-chips"), unsafe_allow_html=True)
        st.markdown("### Cơ quan thường được nhắc cùng")
        st.markdown(render.block("".join(
            render.chip(a["name"], "agency", str(a["count"]), href=agency_href(a["name"]))
            for a in page["related_agencies"]) or render.text("—"), "kb-chips"), unsafe_allow_html=True)


# -- agency ----------------------------------------------------------------------------------------------------
def agency_page() -> None:
    kb = _kb()
    name = _param("name")
    if kb is None:
        return
    if not name:
        st.info("Chọn một cơ quan từ kết quả tìm kiếm, hoặc mở trang theo đường dẫn co-quan?name=Tên cơ quan.")
        return
    try:
        page = kb.agency(name, page=_page_param(), limit=PAGE_SIZE)
    except Exception:  # noqa: BLE001
        log.exception("agency page failed for %r", name)
        st.error("Không tải được trang này. Hãy thử lại sau.")
        return
    if page["status"] != "found":
        if page["status"] == "ambiguous":
            st.warning(f"Có nhiều cơ quan khớp với “{render.label(name)}”. Chọn một cơ quan:")
        else:
            st.warning(f"Không tìm thấy cơ quan “{render.label(name)}” trong kho.")
        items = "".join(f'<div class="kb-related">{render.link(agency_href(c["name"]), render.text(c["name"]))}</div>'
                        for c in page["candidates"])
        if items:
            st.markdown(render.block(items, "kb-candidates"), unsafe_allow_html=True)
        return
    st.markdown(f"## {render.label(page['name'])}")
    st.markdown(render.block(render.link(search_href("agency", page["search"]["agency"]),
                                         "Tìm các văn bản của cơ quan này"), "kb-count"), unsafe_allow_html=True)
    c1, c2, c3 = st.columns(3)
    c1.metric("Văn bản ban hành", vn_number(page["issued"]))
    c2.metric("Văn bản nhắc đến", vn_number(page["mentioned"]))
    c3.metric("Chỉ được dẫn chiếu", vn_number(page["cited"]))
    st.markdown("### Người giữ chức vụ")
    if page["office_holders"]:
        st.markdown(holders_table_html(page["office_holders"]), unsafe_allow_html=True)
    else:
        st.caption("Chưa có văn bản nào ghi người giữ chức vụ của cơ quan này.")
    if page["signers"]:
        st.markdown("### Người ký văn bản ban hành")
        st.markdown(render.block("".join(
            render.chip(s["person"], "person", str(s["documents"]), href=person_href(s["person_id"]))
            for s in page["signers"]), "kb-chips"), unsafe_allow_html=True)
    left, right = st.columns([3, 2], gap="large")
    labels = {"issued": "ban hành", "mentioned": "nhắc đến", "cited": "dẫn chiếu"}
    with left:
        st.markdown("### Văn bản")
        docs = page["documents"]
        for item in docs["items"]:
            st.markdown(doc_item_html(item, labels[item["relation"]]), unsafe_allow_html=True)
        _pager(docs["total"], docs["page"], "agency_page_no")
    with right:
        st.markdown("### Loại văn bản theo năm")
        rows = [[render.text(str(r["year"]) if r["year"] else "Không rõ năm"), render.text(r["doc_type"]),
                 render.text(vn_number(r["count"]))] for r in page["doc_types_by_year"]]
        st.markdown(table_html(["Năm", "Loại", "Số văn bản"], rows), unsafe_allow_html=True)


# -- office holders --------------------------------------------------------------------------------------------
def _submit_who() -> None:
    office = " ".join(str(st.session_state.get("who_office") or "").split())[:MAX_PARAM_CHARS]
    year = st.session_state.get("who_year")
    params = {"office": office}
    if year:
        params["year"] = str(int(year))
    st.query_params.from_dict(params)


def who_page() -> None:
    kb = _kb()
    office, year = _param("office"), _year_param()
    st.markdown("## Ai giữ chức vụ")
    with st.form("who_form", border=False, enter_to_submit=True):
        c1, c2, c3 = st.columns([6, 2, 1], vertical_alignment="bottom")
        c1.text_input("Chức vụ", value=office, key="who_office",
                      placeholder="Ví dụ: Chủ tịch UBND tỉnh Thừa Thiên Huế (viết tắt, không dấu đều được)")
        c2.number_input("Năm (không bắt buộc)", min_value=1900, max_value=2100, value=year, step=1, key="who_year",
                        placeholder="mọi năm")
        c3.form_submit_button("Tra cứu", type="primary", on_click=_submit_who, width="stretch")
    if kb is None or not office:
        return
    try:
        answer = kb.who(office, year=year)
    except Exception:  # noqa: BLE001
        log.exception("office-holder question failed for %r", office)
        st.error("Không tra cứu được. Hãy thử lại sau.")
        return
    period = f" năm {year}" if year else ""
    if answer["status"] == "not_found":
        st.warning(f"Không có văn bản nào ghi nhận chức vụ “{render.label(office)}”.")
        if answer["similar"]:
            st.markdown("Chức vụ gần giống:")
            st.markdown(render.block("".join(
                f'<div class="kb-related">{render.link(who_href(s["office"], year), render.text(s["office"]))}'
                f'<div class="kb-meta">{render.text(vn_number(s["documents"]) + " văn bản")}</div></div>'
                for s in answer["similar"]), "kb-candidates"), unsafe_allow_html=True)
        return
    st.markdown(f"### {render.label(answer['office'] + period)}")
    if not answer["holders"]:
        st.info(f"Không có văn bản nào{period} ghi nhận người giữ chức vụ này"
                + (f" ({vn_number(answer['undated_excluded'])} văn bản không rõ ngày không được tính)."
                   if answer["undated_excluded"] else "."))
        return
    for h in answer["holders"]:
        first, last = _span_text(h["from"], h["to"])
        where = f" ({h['province']})" if h.get("province") else ""
        st.markdown(render.block(
            render.link(person_href(h["person_id"]), render.text(h["name"] + where))
            + render.text(f" · từ {first} đến {last} · {vn_number(h['count'])} văn bản"), "kb-who-holder"),
            unsafe_allow_html=True)
        for item in h["documents"]:
            st.markdown(doc_item_html(item), unsafe_allow_html=True)
