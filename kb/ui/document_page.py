"""Document view: full text with the query's matches highlighted, all metadata, related documents,
and the way back to the same result page."""

from __future__ import annotations

import logging

import streamlit as st

from kb.api import KnowledgeBase
from kb.models import Announcement, SearchHit
from kb.ui import citations_view, links, render
from kb.ui import state as ui_state
from kb.ui.labels import vn_date
from kb.ui.state import ViewState

log = logging.getLogger(__name__)
RELATED_LIMIT = 5


def _back() -> None:
    ui_state.write(ui_state.read().with_doc(None))


def metadata_rows(ann: Announcement) -> list[tuple[str, str]]:
    """(label, safe HTML) pairs for every piece of metadata the document has."""
    rows: list[tuple[str, str]] = []

    def add(label: str, value_html: str) -> None:
        if value_html:
            rows.append((label, value_html))

    add("Ngày", render.text(vn_date(ann.date) or (str(ann.year) if ann.year else "")))
    add("Loại văn bản", render.text(ann.doc_type))
    add("Số hiệu", render.text(ann.doc_number))
    add("Cơ quan ban hành", render.chip(ann.issuer, "agency", href=links.agency_href(ann.issuer)) if ann.issuer else "")
    add("Cơ quan", "".join(render.chip(a, "agency", href=links.agency_href(a)) for a in ann.agencies))
    add("Người", "".join(render.chip(p.name, "person", p.role, href=links.person_href(p.name, ann.id))
                         for p in ann.people))
    add("Địa danh", "".join(render.chip(p, "place", href=links.place_href(p)) for p in ann.places))
    if ann.years_mentioned:
        add("Năm được nhắc đến", render.text(", ".join(str(y) for y in ann.years_mentioned)))
    add("Nguồn", render.text(ann.source))
    url = render.safe_url(ann.url)
    if url:
        add("Liên kết gốc", render.link(url, render.text(url), external=True))
    elif ann.url:
        add("Liên kết gốc", render.text(ann.url))
    add("Mã văn bản", render.text(ann.id))
    return rows


def metadata_html(ann: Announcement) -> str:
    body = "".join(
        f'<div class="kb-field"><div class="kb-field-label">{render.text(k)}</div>'
        f'<div class="kb-field-value">{v}</div></div>'
        for k, v in metadata_rows(ann)
    )
    return render.block(body, "kb-meta-box")


def related_html(hits: list[SearchHit], state: ViewState) -> str:
    items = []
    for h in hits:
        meta = " · ".join(x for x in (vn_date(h.date) or (str(h.year) if h.year else ""), h.doc_type or "") if x)
        title = render.text(h.title) or "(không có tiêu đề)"
        items.append(
            f'<div class="kb-related">{render.link(state.with_doc(h.id).query_string(), title)}'
            f'<div class="kb-meta">{render.text(meta)}</div></div>'
        )
    return render.block("".join(items), "kb-related-list")


def render_document(kb: KnowledgeBase, state: ViewState) -> None:
    doc_id = state.doc or ""
    ann = kb.get(doc_id)
    if ann is None:
        st.warning("Không tìm thấy văn bản này. Có thể văn bản đã bị xóa khỏi kho hoặc đường dẫn bị sai.")
        return
    st.markdown(render.block(f"<h2>{render.text(ann.title) or '(không có tiêu đề)'}</h2>", "kb-doc-title"),
                unsafe_allow_html=True)
    main, side = st.columns([5, 3], gap="large")
    with main:
        try:
            body = kb.highlight_document(doc_id, state.q) if state.q else ""
        except Exception:  # noqa: BLE001 - fall back to the plain text
            log.exception("highlighting failed for %s", doc_id)
            body = ""
        text_html = render.marked(body) if body else render.text(ann.text)
        st.markdown(render.block(text_html, "kb-doc-text"), unsafe_allow_html=True)
    with side:
        st.markdown("### Thông tin văn bản")
        st.markdown(metadata_html(ann), unsafe_allow_html=True)
        render_citations(kb, doc_id, state)
        st.markdown("### Văn bản liên quan")
        try:
            related = kb.related(doc_id, limit=RELATED_LIMIT)
        except Exception:  # noqa: BLE001 - related documents are optional
            log.exception("related failed for %s", doc_id)
            related = []
        if related:
            st.markdown(related_html(related, state), unsafe_allow_html=True)
        else:
            st.caption("Không tìm thấy văn bản liên quan.")


def render_citations(kb: KnowledgeBase, doc_id: str, state: ViewState) -> None:
    """The numbers the document cites and the documents citing it (each section only when it has any)."""
    try:
        found = kb.citations(doc_id)
    except Exception:  # noqa: BLE001 - citations are optional
        log.exception("citations failed for %s", doc_id)
        return
    if found is None:
        return
    if found.cites:
        st.markdown(f"### {citations_view.CITES_HEADING}")
        st.markdown(citations_view.cites_html(found.cites, state), unsafe_allow_html=True)
    if found.cited_by:
        st.markdown(f"### {citations_view.CITED_BY_HEADING}")
        st.markdown(citations_view.cited_by_html(found.cited_by, state), unsafe_allow_html=True)


def show(kb: KnowledgeBase, state: ViewState) -> None:
    label = "← Quay lại kết quả tìm kiếm" if not state.is_blank else "← Về trang tìm kiếm"
    st.button(label, key="back_to_results", on_click=_back)
    render_document(kb, state)
