"""The document view's citation sections: the numbers a document cites ("Văn bản được dẫn chiếu"),
linked to the cited document when the collection holds it, and the documents citing it ("Được dẫn
chiếu bởi")."""

from __future__ import annotations

from kb.models import CitationLink, CitingDocument
from kb.ui import render
from kb.ui.labels import vn_date
from kb.ui.state import ViewState

CITES_HEADING = "Văn bản được dẫn chiếu"
CITED_BY_HEADING = "Được dẫn chiếu bởi"


def _cite_label(c: CitationLink) -> str:
    return " ".join(x for x in (c.doc_type, c.doc_number) if x)


def cites_html(cites: list[CitationLink], state: ViewState) -> str:
    """One line per cited number: a link to the cited document (with its title) when it is in the
    collection, else the number as plain text with its year and issuer as the text writes them."""
    items = []
    for c in cites:
        label = render.text(_cite_label(c))
        detail = ", ".join(x for x in (str(c.year) if c.year else "", c.issuer or "") if x)
        if c.id:
            head = render.link(state.with_doc(c.id).query_string(), label, css="kb-cite-link")
            sub = render.text(c.title or "")
        else:
            head = f'<span class="kb-cite-number">{label}</span>'
            sub = render.text(f"{detail} · chưa có trong kho" if detail else "chưa có trong kho")
        if c.id and detail:
            sub = render.text(detail) + (" · " + sub if sub else "")
        items.append(f'<div class="kb-cite">{head}<div class="kb-meta">{sub}</div></div>')
    return render.block("".join(items), "kb-cites")


def cited_by_html(docs: list[CitingDocument], state: ViewState) -> str:
    """One linked title per citing document, with its date, type and number."""
    items = []
    for d in docs:
        meta = " · ".join(x for x in (vn_date(d.date) or "", " ".join(y for y in (d.doc_type, d.doc_number) if y)) if x)
        title = render.text(d.title) or "(không có tiêu đề)"
        items.append(f'<div class="kb-cited-by">{render.link(state.with_doc(d.id).query_string(), title)}'
                     f'<div class="kb-meta">{render.text(meta)}</div></div>')
    return render.block("".join(items), "kb-cited-by-list")
