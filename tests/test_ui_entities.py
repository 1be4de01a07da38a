"""Entity pages driven through AppTest against the sample-corpus test index (tests/ui_fixtures.py):
the person page, the agency page, the office-holder form, and clickable chips under results."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote_plus

import pytest
from streamlit.testing.v1 import AppTest
from ui_fixtures import APP, session_index

from kb.ui import render

TIMEOUT = 90
PERSON_PAGE, AGENCY_PAGE, WHO_PAGE = "kb/ui/pages/person.py", "kb/ui/pages/agency.py", "kb/ui/pages/who.py"


@pytest.fixture(scope="session")
def ui_index_dir(tmp_path_factory) -> Path:
    return session_index(tmp_path_factory)


@pytest.fixture
def app_env(ui_index_dir, monkeypatch) -> Path:
    monkeypatch.setenv("KB_INDEX_DIR", str(ui_index_dir))
    monkeypatch.delenv("KB_ADMIN_PASSWORD_HASH", raising=False)
    return ui_index_dir


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    run(at)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return run(at)


def html_blocks(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.allow_html]


def table_rows(block: str) -> list[list[str]]:
    """Cell texts of an HTML table, header row first."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", block):
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", tr)])
    return rows


def hrefs(block: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', block)]


def test_person_page_shows_roles_table_documents_and_a_link_back_to_search(app_env):
    at = open_page(PERSON_PAGE, name="ho dang khoi")
    assert any("Hồ Đăng Khôi" in m.value for m in at.markdown if not m.allow_html)
    tables = [b for b in html_blocks(at) if "kb-table" in b]
    assert tables, "no roles table"
    rows = table_rows(tables[0])
    assert rows[0] == ["Chức vụ", "Cơ quan", "Từ", "Đến", "Số văn bản"]
    assert ["Chủ tịch", "UBND tỉnh Thừa Thiên Huế"] == rows[1][:2]
    assert rows[1][2] <= rows[1][3] or "/" in rows[1][2]  # dd/mm/yyyy from and to
    # The documents naming him, linked to the document view, with his name marked in the snippet.
    hits = [b for b in html_blocks(at) if 'class="kb-hit"' in b]
    assert len(hits) == 4
    assert all(any(h.startswith("./?doc=") for h in hrefs(b)) for b in hits)
    assert any("<mark>Hồ Đăng Khôi</mark>" in b for b in hits)
    back = [h for b in html_blocks(at) for h in hrefs(b) if h.startswith("./?person=")]
    assert back and parse_qs(back[0][3:])["person"] == ["Hồ Đăng Khôi"]
    assert all(render.unsafe_html(b) == [] for b in html_blocks(at))


def test_unknown_person_says_so_in_vietnamese(app_env):
    at = open_page(PERSON_PAGE, name="Không Có Người Này")
    assert any("Không tìm thấy người nào" in w.value for w in at.warning)


def test_agency_page_shows_counts_and_who_held_the_offices(app_env):
    at = open_page(AGENCY_PAGE, name="UBND tinh Thua Thien Hue")
    assert any(m.value == "UBND tỉnh Thừa Thiên Huế" for m in at.markdown if not m.allow_html) or any(
        "UBND tỉnh Thừa Thiên Huế" in m.value for m in at.markdown)
    assert [m.label for m in at.metric] == ["Văn bản ban hành", "Văn bản nhắc đến", "Chỉ được dẫn chiếu"]
    assert int(at.metric[0].value) >= 1
    holders = next(b for b in html_blocks(at) if "kb-table" in b and "Người" in b)
    rows = table_rows(holders)
    assert rows[0] == ["Chức vụ", "Người", "Từ", "Đến", "Số văn bản"]
    chu_tich = [r[1] for r in rows[1:] if r[0] == "Chủ tịch UBND tỉnh Thừa Thiên Huế"]
    assert "Hồ Đăng Khôi" in chu_tich
    person_links = [h for h in hrefs(holders) if h.startswith("nguoi?")]
    assert person_links
    # Who signed what it issued: the signature blocks' names, as chips linking to their pages.
    assert "Người ký văn bản ban hành" in [m.value.lstrip("# ") for m in at.markdown if not m.allow_html]
    signers = next(b for b in html_blocks(at) if "kb-chips" in b and "Hồ Đăng Khôi" in b)
    assert any(h.startswith("nguoi?") for h in hrefs(signers))


def test_office_holder_form_answers_with_the_people_and_their_documents(app_env):
    at = open_page(WHO_PAGE)
    at.text_input(key="who_office").input("chu tich ubnd tinh TT-Hue")
    at.number_input(key="who_year").set_value(2022)
    at.button[0].click()
    run(at)
    assert at.query_params["office"] == ["chu tich ubnd tinh TT-Hue"] or at.query_params["office"] == "chu tich ubnd tinh TT-Hue"
    headings = [m.value for m in at.markdown if not m.allow_html]
    assert any("Chủ tịch UBND tỉnh Thừa Thiên Huế năm 2022" in h for h in headings)
    holders = [b for b in html_blocks(at) if "kb-who-holder" in b]
    assert len(holders) == 1 and "Hồ Đăng Khôi" in holders[0]
    docs = [b for b in html_blocks(at) if 'class="kb-hit"' in b]
    assert docs and all("./?doc=" in b for b in docs)


def test_office_holder_found_nowhere_offers_similar_offices(app_env):
    at = open_page(WHO_PAGE, office="Chủ tịch UBND")
    assert any("Không có văn bản nào ghi nhận chức vụ" in w.value for w in at.warning)
    similar = [h for b in html_blocks(at) for h in hrefs(b) if h.startswith("chuc-vu?")]
    assert any("Th%E1%BB%ABa+Thi%C3%AAn+Hu%E1%BA%BF" in h or "Thừa Thiên Huế" in unquote_plus(h) for h in similar)


def test_person_and_agency_chips_under_results_open_the_entity_pages(app_env):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["q"] = "Hồ Đăng Khôi"
    run(at)
    hits = [b for b in html_blocks(at) if 'class="kb-hit"' in b]
    assert hits
    chip_links = [h for b in hits for h in hrefs(b) if h.startswith(("nguoi?", "co-quan?"))]
    person = [unquote_plus(h) for h in chip_links if h.startswith("nguoi?")]
    assert any("name=Hồ Đăng Khôi" in h and "doc=" in h for h in person)
    assert any(h.startswith("co-quan?") for h in chip_links)
    assert all(render.unsafe_html(b) == [] for b in hits)


def test_an_ambiguous_name_lists_the_people_who_share_it(app_env, monkeypatch):
    from kb.api import KnowledgeBase

    def shared_name(self, name, province=None, page=1, limit=10, in_document=None):
        return {"status": "ambiguous", "query": name, "candidates": [
            {"id": "trần văn nam@Bình Dương", "name": "Trần Văn Nam", "province": "Bình Dương", "documents": 3,
             "roles": ["Bí thư Tỉnh ủy Bình Dương"]},
            {"id": "trần văn nam@Đắk Lắk", "name": "Trần Văn Nam", "province": "Đắk Lắk", "documents": 1,
             "roles": ["Giám đốc Sở Tài chính tỉnh Đắk Lắk"]}]}

    monkeypatch.setattr(KnowledgeBase, "person", shared_name)
    at = open_page(PERSON_PAGE, name="tran van nam")
    assert any("nhiều người" in w.value for w in at.warning)
    links = [unquote_plus(h) for b in html_blocks(at) for h in hrefs(b) if h.startswith("nguoi?")]
    assert links == ["nguoi?name=trần văn nam@Bình Dương", "nguoi?name=trần văn nam@Đắk Lắk"]
    assert any("Bí thư Tỉnh ủy Bình Dương" in b for b in html_blocks(at))


def test_an_entity_chip_is_an_escaped_link_to_a_page_of_the_app():
    from kb.ui import links

    chip = render.chip("<b>Lê Văn Hòa</b>", "person", "Giám đốc", href=links.person_href("<b>Lê Văn Hòa</b>", "d-1"))
    assert chip.startswith('<a href="nguoi?name=') and "&lt;b&gt;Lê Văn Hòa&lt;/b&gt;" in chip
    assert render.unsafe_html(chip) == []
    assert render.unsafe_html(render.link(links.search_href("person", ["A", "B"]), "x")) == []
    for bad in ("javascript:alert(1)", "//evil.example/nguoi?x", "nguoi-gia?name=x", "data:text/html,nguoi?"):
        assert render.unsafe_html(render.link(bad, "x")) != [], bad


def test_place_chips_filter_the_search_on_the_place_and_the_count_agrees(app_env):
    from kb.api import KnowledgeBase
    from kb.models import SearchRequest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["q"] = "UBND tỉnh"
    run(at)
    hits = [b for b in html_blocks(at) if 'class="kb-hit"' in b]
    place_links = [h for b in hits for h in re.findall(r'<a href="([^"]*)"[^>]*class="kb-chip kb-chip-place', b)]
    assert place_links, "no place chip is a link"
    href = html.unescape(place_links[0])
    assert href.startswith("./?")
    place = parse_qs(href.split("?", 1)[1])["place"][0]

    filtered = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    filtered.query_params["place"] = place
    run(filtered)
    shown = None
    for block in html_blocks(filtered):
        m = re.search(r'class="kb-count">([\d.]+) kết quả', html.unescape(block))
        if m:
            shown = int(m.group(1).replace(".", ""))
    kb = KnowledgeBase(app_env)
    expected = kb.search(SearchRequest(place=[place])).total
    everything = kb.stats()["documents"]
    assert shown == expected
    assert 0 < expected < everything  # the filter was applied, not ignored


def test_the_issuer_in_the_document_view_links_to_its_page():
    from kb.models import Announcement
    from kb.ui.document_page import metadata_rows

    ann = Announcement(id="d-1", title="T", text="x", issuer="UBND tỉnh Quảng Nam", places=["Hội An"])
    rows = dict(metadata_rows(ann))
    assert [unquote_plus(h) for h in hrefs(rows["Cơ quan ban hành"])] == ["co-quan?name=UBND tỉnh Quảng Nam"]
    assert [unquote_plus(h) for h in hrefs(rows["Địa danh"])] == ["./?place=Hội An"]
    assert all(render.unsafe_html(v) == [] for v in rows.values())


def test_the_search_link_of_a_shared_name_says_it_includes_the_namesake(app_env, monkeypatch):
    from kb.api import KnowledgeBase

    real = KnowledgeBase.person

    def shared(self, name, province=None, page=1, limit=10, in_document=None):
        found = real(self, name, province=province, page=page, limit=limit, in_document=in_document)
        found.update(ambiguous=True, same_name=[{"id": "hồ đăng khôi@Bình Dương", "name": "Hồ Đăng Khôi",
                                                 "province": "Bình Dương", "documents": 1, "roles": []}])
        return found

    plain = open_page(PERSON_PAGE, name="ho dang khoi")
    assert any(">Tìm các văn bản này<" in b for b in html_blocks(plain))
    monkeypatch.setattr(KnowledgeBase, "person", shared)
    at = open_page(PERSON_PAGE, name="ho dang khoi")
    assert any(">Tìm các văn bản có tên này (gồm cả người cùng tên)<" in b for b in html_blocks(at))
    assert any("cùng tên" in w.value for w in at.warning)
