"""Search page: the box, results with highlights, sort, pagination, suggestion, active filters, the
overview tab; the document view when the URL names a document."""

from __future__ import annotations

import hashlib
import logging
import math

import streamlit as st

from kb.api import KnowledgeBase, worth_suggesting
from kb.models import SearchHit, SearchResponse
from kb.ui import document_page, export, facets, links, overview, render, resources
from kb.ui import state as ui_state
from kb.ui.labels import (
    APP_HEADING,
    FACET_LABELS,
    INVALID_FILTER,
    NO_INDEX,
    NO_TERMS,
    SEARCH_FAILED,
    SORT_LABELS,
    TAB_LABELS,
    query_cut_notice,
    vn_date,
    vn_number,
)
from kb.ui.state import MAX_QUERY_CHARS, PAGE_SIZE, SORTS, ViewState

log = logging.getLogger(__name__)

EXAMPLES: list[tuple[str, str]] = [
    ("chu tich ubnd tinh quang nam", "gõ không dấu vẫn tìm được"),
    ("chuyển đổi số", "một chủ đề"),
    ('"hành chính công" year:2025', "cụm từ chính xác, lọc theo năm"),
    ("sạt lở -Đam Rông", "loại trừ một từ"),
    ('person:"Ngô Thành Trung"', "lọc theo người"),
    ("1673/QĐ-UBND", "số hiệu văn bản"),
]

HELP = """
- Gõ từ khóa **có dấu hoặc không dấu**: `quyet dinh bo nhiem` cũng tìm được *quyết định bổ nhiệm*.
- Đặt cụm từ trong ngoặc kép để tìm **đúng cụm**: `"chuyển đổi số"`.
- Thêm dấu trừ trước từ để **loại trừ**: `tuyển dụng -giáo viên`.
- Lọc theo trường: `agency:` (cơ quan), `person:` (người), `year:` (năm, ví dụ `year:2023` hoặc `year:2021-2023`),
  `type:` (loại văn bản), `place:` (địa danh). Ví dụ: `type:"Kế hoạch" place:"Đà Nẵng"`.
- Chữ viết tắt được hiểu theo cả hai chiều: `UBND` = *Ủy ban nhân dân*, `HĐND`, `TP.HCM`, `GD&ĐT`…
- Số hiệu văn bản viết kiểu nào cũng được: `1673/QĐ-UBND`, `1673/QD-UBND`, `QĐ 1673`.
"""


QUERY_CUT_KEY = "query_cut_from"  # session state: length of a typed query that was cut, shown once


# -- callbacks (run before the rerun; they only change the URL) ------------------------------------------
def _submit(key: str) -> None:
    typed = str(st.session_state.get(key) or "").strip()
    if len(typed) > MAX_QUERY_CHARS:
        st.session_state[QUERY_CUT_KEY] = len(typed)
    ui_state.write(ui_state.read().with_query(typed))


def _apply_query(q: str) -> None:
    ui_state.write(ui_state.read().with_query(q))


def _on_sort(key: str) -> None:
    ui_state.write(ui_state.read().with_sort(st.session_state.get(key) or "relevance"))


def _on_page(key: str) -> None:
    ui_state.write(ui_state.read().with_page(int(st.session_state.get(key) or 1)))


def _on_tab() -> None:
    label = st.session_state.get("view_tab")
    tab = next((k for k, v in TAB_LABELS.items() if v == label), "ket-qua")
    ui_state.write(ui_state.read().with_tab(tab))


def _on_match(key: str) -> None:
    ui_state.write(ui_state.read().with_match("any" if st.session_state.get(key) else "all"))


def _go_home() -> None:
    ui_state.write(ViewState())


# -- pure HTML builders ----------------------------------------------------------------------------------
def hit_html(hit: SearchHit, state: ViewState) -> str:
    """One result as safe HTML: linked title (with <mark>), metadata line, snippet, chips."""
    title = render.marked(hit.title_html) or render.text(hit.title) or "(không có tiêu đề)"
    parts = [f'<div class="kb-hit-title">{render.link(state.with_doc(hit.id).query_string(), title)}</div>']
    meta = [render.text(x) for x in (vn_date(hit.date) or (str(hit.year) if hit.year else ""),
                                      _doc_label(hit.doc_type, hit.doc_number), hit.source) if x]
    if meta:
        parts.append(f'<div class="kb-meta">{" · ".join(meta)}</div>')
    if hit.snippet:
        parts.append(f'<div class="kb-snippet">{render.marked(hit.snippet)}</div>')
    chips = [render.chip(a, "agency", href=links.agency_href(a)) for a in hit.agencies[:4]]
    chips += [render.chip(p.name, "person", p.role, href=links.person_href(p.name, hit.id)) for p in hit.people[:5]]
    chips += [render.chip(p, "place", href=links.place_href(p)) for p in hit.places[:3]]
    if chips:
        parts.append(f'<div class="kb-chips">{"".join(chips)}</div>')
    return render.block("".join(parts), "kb-hit")


def _doc_label(doc_type: str | None, number: str | None) -> str:
    if doc_type and number:
        return f"{doc_type} số {number}"
    return doc_type or (f"Số {number}" if number else "")


PARTIAL_HEADING = "Kết quả khớp một phần"
PARTIAL_NOTE = "Các văn bản dưới đây chỉ chứa một số từ của truy vấn (từ hiếm được tính nặng hơn)."
ANY_LABEL = "Khớp bất kỳ từ nào"
ANY_HELP = ("Bật: tìm văn bản chứa ít nhất một từ của truy vấn. Tắt (mặc định): chỉ đếm văn bản chứa đủ mọi từ, "
            "văn bản khớp một phần được xếp sau và đếm riêng.")


def count_line(resp: SearchResponse, match: str = "all") -> str:
    """"N kết quả": what facets, the timeline and export count; partial matches are counted apart."""
    took = f"({resp.took_ms:.0f} ms)"
    if match == "any":
        return f"{vn_number(resp.total)} kết quả chứa ít nhất một từ của truy vấn {took}"
    if not resp.total_partial:
        return f"{vn_number(resp.total)} kết quả {took}"
    return (f"{vn_number(resp.total)} kết quả khớp đủ các từ · "
            f"{vn_number(resp.total_partial)} kết quả khớp một phần {took}")


def result_pages(resp: SearchResponse) -> int:
    """Pages of results: full matches, then partial ones (mode "any" has no partial matches)."""
    return max(1, math.ceil((resp.total + resp.total_partial) / PAGE_SIZE))


# -- page parts --------------------------------------------------------------------------------------------
def _search_box(state: ViewState) -> None:
    key = f"q_{state.signature()}"
    # No max_chars: Streamlit drops a paste that is longer than the limit, leaving the box empty.
    # The query is cut in _submit instead, with a message.
    with st.form("search_form", border=False, enter_to_submit=True):
        c1, c2 = st.columns([8, 1], vertical_alignment="bottom")
        c1.text_input("Tìm kiếm", value=state.q, key=key, placeholder="Nhập từ khóa, tên người, cơ quan, số hiệu…",
                      label_visibility="collapsed")
        c2.form_submit_button("Tìm", type="primary", on_click=_submit, args=(key,), width="stretch")
    cut_from = st.session_state.pop(QUERY_CUT_KEY, None) or _url_query_length()
    if cut_from:
        st.warning(query_cut_notice(cut_from), icon=":material/content_cut:")


def _url_query_length() -> int | None:
    """Length of a query in the URL that was too long (a shared link); ViewState keeps its beginning."""
    values = st.query_params.get_all("q")
    raw = values[-1].strip() if values else ""
    return len(raw) if len(raw) > MAX_QUERY_CHARS else None


def _start_page() -> None:
    st.markdown("## Bắt đầu tìm kiếm")
    st.write("Tìm trong các thông báo, quyết định, kế hoạch, tin tức của chính quyền cấp tỉnh. Thử một ví dụ:")
    cols = st.columns(3)
    for i, (query, note) in enumerate(EXAMPLES):
        with cols[i % 3]:
            st.button(render.label(query), key=f"example_{i}", on_click=_apply_query, args=(query,),
                      help=note, width="stretch")
    with st.expander("Cách viết truy vấn", expanded=True):
        st.markdown(HELP)


def _search(kb: KnowledgeBase, state: ViewState) -> SearchResponse | None:
    try:
        return kb.search(state.to_request())
    except Exception:  # noqa: BLE001 - the user sees a message, the log keeps the details
        log.exception("search failed for %r", state.q)
        st.error(SEARCH_FAILED)
        return None


def _filter_key(facet: str, value: str) -> str:
    return f"rm_{facet}_{hashlib.sha1(value.encode()).hexdigest()[:8]}"


def _active_filters(state: ViewState) -> None:
    if not state.has_filters:
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown("Đang lọc:")
        for facet, value in state.active_filters():
            st.button(f"{FACET_LABELS[facet]}: {render.label(value)}", key=_filter_key(facet, value),
                      on_click=facets.remove_filter, args=(facet, value), help="Bỏ bộ lọc này",
                      icon=":material/close:", icon_position="right")
        dates = facets.date_chip_label(state)
        if dates:
            st.button(f"Ngày: {dates}", key="rm_dates", on_click=facets.clear_dates, help="Bỏ bộ lọc ngày",
                      icon=":material/close:", icon_position="right")
        st.button("Xóa tất cả bộ lọc", key="clear_filters_main", type="tertiary", on_click=facets._clear_all)


def _suggestion(state: ViewState, resp: SearchResponse) -> None:
    s = (resp.suggestion or "").strip()
    if not worth_suggesting(state.q, s):
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown("Có phải bạn muốn tìm:")
        st.button(render.label(s), key="apply_suggestion", type="tertiary", on_click=_apply_query, args=(s,),
                  help="Tìm với cách viết này")


def _message(resp: SearchResponse) -> bool:
    """Show the API's notes; True when they mean there is nothing else to show. `notice` is already
    Vietnamese (what was left out of the query, an invalid filter value, a phrase searched as words);
    `message` is a code, shown only through its Vietnamese text."""
    if resp.message == "invalid_filter" and not (resp.total or resp.total_partial):
        # The filter's own message (which value, what is accepted) instead of "nothing found".
        st.warning(render.label(resp.notice or INVALID_FILTER))
        return True
    if resp.notice:
        st.info(render.label(resp.notice), icon=":material/info:")
    if resp.message == "no_terms":
        st.warning(NO_TERMS)
        return resp.total == 0 and resp.total_partial == 0
    return False


def _only_partial(state: ViewState, resp: SearchResponse) -> None:
    what = f"“{render.label(state.q)}”" if state.q else "truy vấn"
    st.warning(f"Không có văn bản nào chứa đủ mọi từ của {what}. "
               f"Có {vn_number(resp.total_partial)} văn bản khớp một phần, xếp dưới đây.")


def _empty_result(state: ViewState) -> None:
    what = f"“{render.label(state.q)}”" if state.q else "các bộ lọc đang chọn"
    st.warning(f"Không tìm thấy văn bản nào phù hợp với {what}.")
    tips = ["Kiểm tra chính tả, hoặc gõ không dấu để hệ thống tự tìm cách viết có dấu.",
            "Dùng ít từ hơn hoặc từ khóa chung hơn."]
    if state.has_filters:
        tips.insert(0, "Bỏ bớt bộ lọc (hoặc bấm **Xóa tất cả bộ lọc**).")
    st.markdown("\n".join(f"- {t}" for t in tips))


def _results(kb: KnowledgeBase, state: ViewState, resp: SearchResponse) -> None:
    top = st.columns([3, 2], vertical_alignment="center")
    with top[0], st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.markdown(render.block(render.text(count_line(resp, state.match)), "kb-count"), unsafe_allow_html=True)
        if resp.total:
            export.render_menu(kb, state, resp.total, key="results_export")
    sort_key = f"sort_{state.signature()}"
    match_key = f"match_{state.signature()}"
    with top[1], st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.segmented_control("Sắp xếp", list(SORTS), default=state.sort, required=True,
                             format_func=SORT_LABELS.get, key=sort_key, on_change=_on_sort, args=(sort_key,),
                             label_visibility="collapsed")
        st.toggle(ANY_LABEL, value=state.match == "any", key=match_key, on_change=_on_match, args=(match_key,),
                  help=ANY_HELP)
    pages = result_pages(resp)
    if not resp.hits:
        st.info(f"Trang {state.page} không có kết quả (chỉ có {pages} trang).")
        st.button("Về trang 1", key="first_page", on_click=_apply_page, args=(1,))
        return
    headed = False
    for hit in resp.hits:
        if hit.match == "partial" and state.match == "all" and not headed:  # "any": one list by score
            st.markdown(f"### {PARTIAL_HEADING}")
            st.caption(PARTIAL_NOTE)
            headed = True
        st.markdown(hit_html(hit, state), unsafe_allow_html=True)
    if pages > 1:
        page_key = f"page_{state.signature()}"
        st.pagination(pages, default=min(state.page, pages), key=page_key, on_change=_on_page, args=(page_key,))


def _apply_page(page: int) -> None:
    ui_state.write(ui_state.read().with_page(page))


def _tabs(kb: KnowledgeBase, state: ViewState, resp: SearchResponse) -> None:
    results_tab, overview_tab = st.tabs(list(TAB_LABELS.values()), key="view_tab",
                                        default=TAB_LABELS[state.tab], on_change=_on_tab)
    if results_tab.open is not False:
        with results_tab:
            _results(kb, state, resp)
    if overview_tab.open:
        with overview_tab:
            overview.show(kb, state)


def page() -> None:
    state = ui_state.read()
    st.markdown(f"# {APP_HEADING}")
    _search_box(state)
    kb = resources.get_kb()
    if kb is None:
        return
    if state.doc:
        document_page.show(kb, state)
        return
    if not kb.has_index():
        st.info(NO_INDEX)
        return
    if state.is_blank:
        _start_page()
        return
    resp = _search(kb, state)
    if resp is None:
        return
    if resp.message == "no_index":
        st.info(NO_INDEX)
        return
    with st.sidebar:
        facets.render_sidebar(kb, state, resp)
    _active_filters(state)
    _suggestion(state, resp)
    if _message(resp):
        return
    if resp.total == 0 and resp.total_partial == 0:
        _empty_result(state)
        return
    if resp.total == 0:
        _only_partial(state, resp)
    _tabs(kb, state, resp)
