"""The document view's citation sections through streamlit.testing (AppTest): "Văn bản được dẫn chiếu"
(linked when the cited document is in the collection) and "Được dẫn chiếu bởi" (linked titles),
escaped like every other untrusted text."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from streamlit.testing.v1 import AppTest
from ui_fixtures import APP, copy_index, session_index

from kb.ui.render import has_unsafe_html

TIMEOUT = 90
CITING = "tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"
CITED = "qd-14-2019-quang-nam-quy-che-khai-thac-cat"
HOSTILE_TITLE = "<img src=x onerror=alert(7)> Thông báo dẫn chiếu thử"


@pytest.fixture(scope="session")
def ui_index_dir(tmp_path_factory) -> Path:
    return session_index(tmp_path_factory)


def open_doc(index_dir: Path, monkeypatch, doc: str) -> AppTest:
    monkeypatch.setenv("KB_INDEX_DIR", str(index_dir))
    monkeypatch.delenv("KB_ADMIN_PASSWORD_HASH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["doc"] = doc
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headings(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("### ")]


def block(at: AppTest, css: str) -> str:
    found = [m.value for m in at.markdown if m.allow_html and f'class="{css}"' in m.value]
    assert len(found) == 1, [m.value[:80] for m in at.markdown]
    return found[0]


def linked_ids(fragment: str) -> list[str]:
    hrefs = re.findall(r'<a href="([^"]*)"', fragment)
    return [unquote_plus(h.replace("&amp;", "&").split("doc=", 1)[1].split("&", 1)[0]) for h in hrefs]


def test_cited_numbers_are_listed_and_linked_when_the_collection_holds_them(ui_index_dir, monkeypatch):
    at = open_doc(ui_index_dir, monkeypatch, CITING)
    assert "### Văn bản được dẫn chiếu" in headings(at)
    assert "### Được dẫn chiếu bởi" not in headings(at)  # nothing in the collection cites this notice
    cites = block(at, "kb-cites")
    assert linked_ids(cites) == [CITED]  # 14/2019/QĐ-UBND is in the collection, 36/2020/NĐ-CP is not
    text = html.unescape(cites)
    assert "Quyết định 14/2019/QĐ-UBND" in text and "Nghị định 36/2020/NĐ-CP" in text
    assert "chưa có trong kho" in text
    assert not has_unsafe_html(cites)


def test_citing_documents_are_listed_with_linked_titles(ui_index_dir, monkeypatch):
    at = open_doc(ui_index_dir, monkeypatch, CITED)
    assert "### Được dẫn chiếu bởi" in headings(at)
    cited_by = block(at, "kb-cited-by-list")
    assert linked_ids(cited_by) == [CITING]
    assert "Thông báo 402/TB-STNMT" in html.unescape(cited_by)
    # Sections come after the metadata and before the related documents.
    order = headings(at)
    assert order.index("### Thông tin văn bản") < order.index("### Văn bản được dẫn chiếu") < order.index(
        "### Được dẫn chiếu bởi") < order.index("### Văn bản liên quan")


def test_document_citing_nothing_shows_no_citation_section(ui_index_dir, monkeypatch):
    at = open_doc(ui_index_dir, monkeypatch, "tin-can-tho-2022-doi-thoai-doanh-nghiep")
    assert not {"### Văn bản được dẫn chiếu", "### Được dẫn chiếu bởi"} & set(headings(at))


def test_hostile_citing_title_is_shown_as_text(ui_index_dir, tmp_path, monkeypatch):
    from kb.api import KnowledgeBase

    index = copy_index(ui_index_dir, tmp_path / "kb-copy")
    kb = KnowledgeBase(index)
    text = f"{HOSTILE_TITLE}\n\nThực hiện Quyết định số 14/2019/QĐ-UBND của UBND tỉnh Quảng Nam, Sở thông báo.\n"
    report = kb.ingest_bytes("hostile-citing.txt", text.encode())
    assert report.count("added") == 1, report.items
    kb.store.close()
    kb.engine.close()
    at = open_doc(index, monkeypatch, CITED)
    cited_by = block(at, "kb-cited-by-list")
    assert len(linked_ids(cited_by)) == 2
    assert "&lt;img src=x onerror=alert&#40;7&#41;&gt;" in cited_by
    assert "<img" not in cited_by and not has_unsafe_html(cited_by)
