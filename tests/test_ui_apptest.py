"""The Streamlit app driven through streamlit.testing (AppTest), against a test index built from the
sample corpus plus hostile documents (tests/ui_fixtures.py)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_fixtures import (
    ADMIN_PASSWORD,
    APP,
    XSS_IMG_TITLE,
    XSS_SCRIPT_TITLE,
    XSS_WORD,
    admin_hash,
    copy_index,
    session_index,
    xss_ids,
)

TIMEOUT = 90
ADMIN_PAGE = "kb/ui/pages/admin.py"
MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
HREF_DOC = re.compile(r'href="[^"]*[?&]amp;doc=([^"&]+)"|href="[^"]*[?&]doc=([^"&]+)"')


# -- helpers ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def ui_index_dir(tmp_path_factory) -> Path:
    return session_index(tmp_path_factory)


@pytest.fixture
def ui_index_copy(ui_index_dir, tmp_path) -> Path:
    return copy_index(ui_index_dir, tmp_path / "kb-copy")


@pytest.fixture
def app_env(ui_index_dir, monkeypatch) -> Path:
    monkeypatch.setenv("KB_INDEX_DIR", str(ui_index_dir))
    monkeypatch.delenv("KB_ADMIN_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("KB_MAX_UPLOAD_MB", raising=False)
    return ui_index_dir


def open_app(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_blocks(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.allow_html]


def hit_blocks(at: AppTest) -> list[str]:
    return [v for v in html_blocks(at) if 'class="kb-hit"' in v]


def hit_ids(at: AppTest) -> list[str]:
    from urllib.parse import unquote_plus

    ids = []
    for block in hit_blocks(at):
        m = re.search(r'<a href="([^"]*)"', block)
        assert m, block
        href = m.group(1).replace("&amp;", "&").replace("&#43;", "+").replace("&#58;", ":")
        ids.append(unquote_plus(href.split("doc=", 1)[1].split("&", 1)[0]))
    return ids


def shown_total(at: AppTest) -> int:
    for v in html_blocks(at):
        m = re.search(r'class="kb-count">([\d.]+) kết quả', html.unescape(v))
        if m:
            return int(m.group(1).replace(".", ""))
    raise AssertionError("no result count on the page")


def marks(at: AppTest) -> list[str]:
    return [m for v in hit_blocks(at) for m in MARK.findall(v)]


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return found[0]


def multiselect(at: AppTest, label: str):
    found = [m for m in at.sidebar.multiselect if m.label == label]
    assert found, f"no facet {label!r}; facets: {[m.label for m in at.sidebar.multiselect]}"
    return found[0]


def facet_options(ms) -> dict[str, int]:
    """'2023 (5)' -> {'2023': 5}"""
    out = {}
    for opt in ms.options:
        value, count = opt.rsplit(" (", 1)
        out[value] = int(count.rstrip(")"))
    return out


def api(index_dir: Path):
    from kb.api import KnowledgeBase

    return KnowledgeBase(index_dir)


def search_by_typing(at: AppTest, query: str) -> AppTest:
    at.text_input[0].input(query)
    button(at, "Tìm").click()
    return rerun(at)


# -- search ---------------------------------------------------------------------------------------------------
def test_start_page_shows_examples_and_help(app_env):
    at = open_app()
    labels = [b.label for b in at.button]
    assert any("chu tich ubnd tinh" in label for label in labels)
    assert any("Cú pháp" in e.label or "Cách viết" in e.label for e in at.expander)
    assert "agency:" in " ".join(m.value for m in at.markdown)
    assert not hit_blocks(at)
    # An example applies on click.
    next(b for b in at.button if "chu tich ubnd tinh" in b.label).click()
    rerun(at)
    assert at.query_params.get("q", "").startswith("chu tich ubnd tinh")
    assert hit_blocks(at)


def test_query_without_diacritics_finds_accented_results(app_env):
    at = open_app()
    search_by_typing(at, "chu tich ubnd tinh quang nam")
    assert at.query_params["q"] == "chu tich ubnd tinh quang nam"
    total = shown_total(at)
    assert total > 0 and len(hit_blocks(at)) == min(10, total)
    found = " ".join(marks(at)).lower()
    assert "tịch" in found and "quảng" in found, found  # accented words highlighted for an unaccented query
    assert "Quảng Nam" in hit_blocks(at)[0]
    expected = api(app_env).search("chu tich ubnd tinh quang nam")
    assert total == expected.total
    assert hit_ids(at) == [h.id for h in expected.hits]


def test_facet_filters_results_and_chip_removes_it(app_env):
    at = open_app(q="ubnd")
    total = shown_total(at)
    years = facet_options(multiselect(at, "Năm"))
    year, count = min(((y, c) for y, c in years.items() if c < total), key=lambda x: x[1])
    multiselect(at, "Năm").select(year)
    rerun(at)
    assert at.query_params.get("year") == year
    assert shown_total(at) == count
    for doc_id in hit_ids(at):
        assert api(app_env).get(doc_id).year == int(year)
    # The active filter shows as a removable chip.
    chip = button(at, f"Năm: {year}")
    chip.click()
    rerun(at)
    assert "year" not in at.query_params
    assert shown_total(at) == total


def test_two_facets_and_clear_all(app_env):
    at = open_app(q="ubnd")
    total = shown_total(at)
    types = facet_options(multiselect(at, "Loại văn bản"))
    doc_type = max(types, key=types.get)
    multiselect(at, "Loại văn bản").select(doc_type)
    rerun(at)
    assert shown_total(at) == types[doc_type]
    years = facet_options(multiselect(at, "Năm"))
    year = next(iter(years))
    multiselect(at, "Năm").select(year)
    rerun(at)
    assert at.query_params.get("type") == doc_type and at.query_params.get("year") == year
    assert shown_total(at) == years[year]
    button(at, "Xóa tất cả bộ lọc").click()
    rerun(at)
    assert "type" not in at.query_params and "year" not in at.query_params
    assert shown_total(at) == total


def test_date_range_filter(app_env):
    import datetime as dt

    from kb.models import SearchRequest

    at = open_app(q="ubnd", **{"from": "2022-01-01", "to": "2023-12-31"})
    expected = api(app_env).search(SearchRequest(query="ubnd", date_from=dt.date(2022, 1, 1),
                                                 date_to=dt.date(2023, 12, 31)))
    assert 0 < shown_total(at) == expected.total
    assert any("01/01/2022" in b.label for b in at.button)  # the date range as a removable chip
    for doc_id in hit_ids(at):
        d = api(app_env).get(doc_id).date
        assert d is not None and dt.date(2022, 1, 1) <= d <= dt.date(2023, 12, 31)


def test_sort_and_pagination_go_to_the_url(app_env):
    at = open_app(q="ubnd")
    first_page = hit_ids(at)
    at.pagination[0].select(2)
    rerun(at)
    assert at.query_params.get("page") == "2"
    assert hit_ids(at) and set(hit_ids(at)).isdisjoint(first_page)
    at.segmented_control[0].set_value("newest")
    rerun(at)
    assert at.query_params.get("sort") == "newest" and "page" not in at.query_params
    dates = [api(app_env).get(i).date for i in hit_ids(at)]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)


def test_url_state_reproduces_the_view(app_env):
    from kb.models import SearchRequest

    kb = api(app_env)
    base = kb.search(SearchRequest(query="ubnd"))
    doc_type = base.facets["doc_type"][0].value
    params = {"q": "ubnd", "type": doc_type, "sort": "oldest", "page": "2"}
    expected = kb.search(SearchRequest(query="ubnd", doc_type=[doc_type], sort="oldest", page=2))
    at = open_app(**params)
    assert at.text_input[0].value == "ubnd"
    assert at.segmented_control[0].value == "oldest"
    assert multiselect(at, "Loại văn bản").value == [doc_type]
    assert shown_total(at) == expected.total
    if expected.total > 10:
        assert at.pagination[0].value == 2
    assert hit_ids(at) == [h.id for h in expected.hits]
    # A second "browser" with the same URL sees the same thing.
    again = open_app(**params)
    assert hit_ids(again) == hit_ids(at)


def test_document_view_from_url_and_back(app_env):
    at = open_app(q="chu tich ubnd tinh quang nam")
    doc_id = hit_ids(at)[0]
    ann = api(app_env).get(doc_id)
    at = open_app(q="chu tich ubnd tinh quang nam", doc=doc_id)
    blocks = html_blocks(at)
    text_block = next(v for v in blocks if 'class="kb-doc-text"' in v)
    assert "<mark>" in text_block  # the query's matches highlighted in the full text
    meta = next(v for v in blocks if "kb-meta-box" in v)
    assert "Mã văn bản" in meta and doc_id in meta
    for person in ann.people[:3]:
        assert person.name in html.unescape(meta)
    for agency in ann.agencies[:3]:
        assert agency in html.unescape(meta)
    assert any("Văn bản liên quan" in m.value for m in at.markdown)
    related = next((v for v in blocks if "kb-related-list" in v), "")
    assert "doc=" in related
    button(at, "← Quay lại kết quả tìm kiếm").click()
    rerun(at)
    assert "doc" not in at.query_params and at.query_params["q"] == "chu tich ubnd tinh quang nam"
    assert hit_ids(at)[0] == doc_id


def test_unknown_document_in_url(app_env):
    at = open_app(q="ubnd", doc="khong-co-van-ban-nay")
    assert any("Không tìm thấy văn bản này" in w.value for w in at.warning)


def test_suggestion_shown_and_applied(app_env):
    expected = api(app_env).search("chuyen doi so").suggestion
    assert expected, "the API gives no suggestion for an unaccented query"
    at = open_app(q="chuyen doi so")
    assert any("Có phải bạn muốn tìm" in m.value for m in at.markdown)
    suggestion = next(b for b in at.button if b.key == "apply_suggestion")
    assert suggestion.label.replace("\\", "") == expected
    suggestion.click()
    rerun(at)
    assert at.query_params["q"] == expected
    assert at.text_input[0].value == expected
    assert not [b for b in at.button if b.key == "apply_suggestion"]  # nothing left to suggest


def test_a_suggestion_that_only_respaces_the_query_is_not_offered(app_env, monkeypatch):
    from kb.api import KnowledgeBase

    search = KnowledgeBase.search

    def echoing(self, req):  # an API answer whose "suggestion" is the query with other spacing and case
        resp = search(self, req)
        return resp.model_copy(update={"suggestion": "img src X onerror alert 2"})

    monkeypatch.setattr(KnowledgeBase, "search", echoing)
    at = open_app(q="<img src=x onerror=alert(2)>")
    assert not [b for b in at.button if b.key == "apply_suggestion"]
    assert not any("Có phải bạn muốn tìm" in m.value for m in at.markdown)
    at = open_app(q="img onerror")  # a suggestion that changes the words is still offered
    assert [b for b in at.button if b.key == "apply_suggestion"]


def test_missing_index_message(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_INDEX_DIR", str(tmp_path / "no-index-here"))
    for params in ({}, {"q": "chu tich"}, {"q": "chu tich", "doc": "abc"}):
        at = open_app(**params)
        text = " ".join(i.value for i in at.info) + " ".join(w.value for w in at.warning)
        assert "Chưa có chỉ mục" in text or "Không tìm thấy văn bản này" in text, params
        assert not at.exception and not at.error


def test_empty_result_message(app_env):
    at = open_app(q="qwxzjv")
    assert any("Không tìm thấy văn bản nào" in w.value for w in at.warning)
    assert not hit_blocks(at) and not at.exception and not at.error


def _count_text(at: AppTest) -> str:
    for v in html_blocks(at):
        m = re.search(r'class="kb-count">([^<]*)<', html.unescape(v))
        if m:
            return m.group(1)
    raise AssertionError("no result count on the page")


def test_partial_matches_come_under_their_own_heading_and_are_counted_apart(app_env):
    from kb.models import SearchRequest

    query = "hội nghị Nghệ An"
    expected = api(app_env).search(SearchRequest(query=query))
    assert 0 < expected.total < 10 < expected.total + expected.total_partial  # the case this test is about
    at = open_app(q=query)
    assert shown_total(at) == expected.total
    assert f"{expected.total_partial} kết quả khớp một phần" in _count_text(at)
    headings = [m.value for m in at.markdown if "Kết quả khớp một phần" in m.value]
    assert headings == ["### Kết quả khớp một phần"]
    # The heading sits between the last full match and the first partial one.
    order = [("heading" if "Kết quả khớp một phần" in m.value else "hit") for m in at.markdown
             if "Kết quả khớp một phần" in m.value or 'class="kb-hit"' in m.value]
    assert order.index("heading") == expected.total
    assert hit_ids(at) == [h.id for h in expected.hits]
    # Pages run over full and partial matches; the export offers the full matches only.
    assert any(f"toàn bộ {expected.total} văn bản khớp" in m.value for m in at.markdown)


def test_only_partial_matches_say_so_and_still_list_them(app_env):
    from kb.models import SearchRequest

    query = "sạt lở qwxzjv"
    expected = api(app_env).search(SearchRequest(query=query))
    assert expected.total == 0 and expected.total_partial > 0
    at = open_app(q=query)
    warnings = " ".join(w.value for w in at.warning)
    assert "Không có văn bản nào chứa đủ mọi từ" in warnings
    assert f"Có {expected.total_partial} văn bản khớp một phần" in warnings
    assert "Không tìm thấy văn bản nào" not in warnings
    assert hit_ids(at) == [h.id for h in expected.hits]
    assert not any("toàn bộ" in m.value for m in at.markdown)  # no export: no document holds every word


def test_any_word_toggle_goes_to_the_url_and_counts_every_match(app_env):
    from kb.models import SearchRequest

    query = "hội nghị Nghệ An"
    any_words = api(app_env).search(SearchRequest(query=query, match="any"))
    at = open_app(q=query)
    toggle = next(t for t in at.toggle if t.label == "Khớp bất kỳ từ nào")
    assert toggle.value is False
    toggle.set_value(True)
    rerun(at)
    assert at.query_params.get("match") == "any"
    assert shown_total(at) == any_words.total
    assert "chứa ít nhất một từ" in _count_text(at)
    assert not [m for m in at.markdown if "Kết quả khớp một phần" in m.value]
    assert hit_ids(at) == [h.id for h in any_words.hits]
    # The shared link reproduces it.
    assert hit_ids(open_app(q=query, match="any")) == hit_ids(at)


def test_an_invalid_filter_names_the_filter_and_what_it_accepts(app_env):
    at = open_app(q="sạt lở year:abcd")
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")  # markdown escapes
    assert "year:abcd" in warnings and "4 chữ số" in warnings
    assert "Không tìm thấy văn bản nào" not in warnings
    assert "invalid_filter" not in " ".join(m.value for m in (*at.info, *at.warning, *at.markdown))


def test_a_quoted_phrase_found_nowhere_is_searched_as_words_with_a_notice(app_env):
    from kb.models import SearchRequest

    query = '"Nghệ An hội nghị"'
    expected = api(app_env).search(SearchRequest(query=query))
    assert expected.notice and (expected.total or expected.total_partial)
    at = open_app(q=query)
    assert any("Không văn bản nào chứa nguyên cụm từ" in i.value for i in at.info)
    assert hit_ids(at) == [h.id for h in expected.hits]


def test_unusable_query_message(app_env):
    at = open_app(q="!!! ??? ...")
    assert any("Không dùng được truy vấn" in w.value for w in at.warning)
    at = open_app(q="year:abc")
    assert any("không hợp lệ" in w.value for w in at.warning)
    assert not at.exception and not at.error


def test_hostile_url_parameters_do_not_break_the_page(app_env):
    at = open_app(q="ubnd", page="-3", sort="drop table", year=["abc", "2023"], to="not-a-date", tab="x")
    assert shown_total(at) > 0
    assert not at.error


# -- safety -------------------------------------------------------------------------------------------------
def _assert_inert(at: AppTest) -> None:
    from kb.ui.render import has_unsafe_html

    for value in html_blocks(at):
        low = value.lower()
        for tag in ("<script", "<img", "<iframe", "<svg", "javascript:"):
            assert tag not in low, value
        assert not has_unsafe_html(value), value


def test_xss_titles_are_shown_as_text(app_env):
    at = open_app(q=XSS_WORD)
    _assert_inert(at)
    joined = " ".join(hit_blocks(at))
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in joined.replace("<mark>", "").replace("</mark>", "")
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in joined.replace("<mark>", "").replace("</mark>", "")
    ids = xss_ids(app_env)
    assert set(ids) == {XSS_SCRIPT_TITLE, XSS_IMG_TITLE}
    for doc_id in ids.values():
        view = open_app(q=XSS_WORD, doc=doc_id)
        _assert_inert(view)
        assert any("kb-doc-title" in v and "&lt;" in v for v in html_blocks(view))


def test_overview_tab_charts_and_exports(app_env):
    from kb.models import SearchRequest

    at = open_app(q="ubnd", tab="tong-quan")
    total = api(app_env).search(SearchRequest(query="ubnd")).total
    metric = next(m for m in at.metric if m.label == "Văn bản khớp")
    assert int(metric.value.replace(".", "")) == total
    assert {d.label for d in at.download_button} >= {"Tải CSV", "Tải JSON", "Tải Excel (.xlsx)"}
    assert any(f"Xuất {total} kết quả" in m.value for m in at.markdown)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3  # timeline, people, agencies
    # Each chart describes itself in Vietnamese for screen readers (Vega's English descriptions are off).
    specs = [json.loads(c.proto.spec) for c in charts]
    assert all(spec["description"].startswith("Biểu đồ cột") and spec["mark"]["aria"] is False for spec in specs)


def test_results_view_offers_the_export_with_its_count(app_env):
    at = open_app(q="ubnd")
    total = shown_total(at)
    menus = [p.proto.popover.label for p in at.get("popover")]
    assert f"Xuất {total} kết quả" in menus, menus
    keys = {d.key for d in at.download_button}
    assert {"results_export_csv", "results_export_json", "results_export_xlsx"} <= keys


def test_excel_export_without_xlsxwriter_says_what_to_install(app_env, monkeypatch):
    from kb.ui import export

    monkeypatch.setattr(export, "xlsx_available", lambda: False)
    at = open_app(q="ubnd")
    excel = next(d for d in at.download_button if d.key == "results_export_xlsx")
    assert excel.disabled
    assert any("xlsxwriter" in c.value for c in at.caption)
    csv_button = next(d for d in at.download_button if d.key == "results_export_csv")
    assert not csv_button.disabled


def test_overview_export_has_every_match(app_env):
    import csv
    import io

    from kb.models import SearchRequest
    from kb.ui import export

    kb = api(app_env)
    req = SearchRequest(query="ubnd")
    total = kb.search(req).total
    records = export.records_for(kb, req)
    assert len(records) == total > 10  # all matches, not one page
    rows = list(csv.DictReader(io.StringIO(export.to_csv(records).decode("utf-8-sig"))))
    assert len(rows) == total and list(rows[0]) == export.EXPORT_COLUMNS
    assert all(r["year"] == "" or re.fullmatch(r"\d{4}", r["year"]) for r in rows), [r["year"] for r in rows]
    assert all(r["date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in rows)
    data = json.loads(export.to_json(records, "ubnd"))
    assert data["total"] == total and data["documents"][0]["id"] == rows[0]["id"]


# -- clear behaviour ----------------------------------------------------------------------------------------
LONG_QUERY = ("UBND tỉnh Quảng Nam thông báo kết quả tuyển dụng công chức năm 2024 " * 12).strip()


def test_an_over_long_typed_query_is_cut_with_a_message(app_env):
    assert len(LONG_QUERY) > 600
    at = open_app()
    search_by_typing(at, LONG_QUERY)
    assert at.query_params["q"] == LONG_QUERY[:500].strip()
    assert at.text_input[0].value == LONG_QUERY[:500].strip()
    notices = [w.value for w in at.warning if "vượt giới hạn" in w.value]
    assert notices and f"dài {len(LONG_QUERY)} ký tự" in notices[0] and "500 ký tự đầu" in notices[0]
    assert not at.error and not at.exception
    # The message is about that search only: it is gone on the next run.
    rerun(at)
    assert not [w for w in at.warning if "vượt giới hạn" in w.value]


def test_an_over_long_query_in_a_link_is_cut_with_a_message(app_env):
    at = open_app(q=LONG_QUERY)
    assert at.text_input[0].value == LONG_QUERY[:500].strip()
    assert any("vượt giới hạn" in w.value for w in at.warning)


def test_a_short_query_has_no_cut_message(app_env):
    at = open_app(q="chu tich ubnd")
    assert not [w for w in at.warning if "vượt giới hạn" in w.value]


# -- admin ------------------------------------------------------------------------------------------------------
def open_admin(**secrets: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets.update(secrets)
    rerun(at)
    at.switch_page(ADMIN_PAGE)
    return rerun(at)


def login(at: AppTest, password: str) -> AppTest:
    at.text_input(key="admin_password").input(password)
    button(at, "Đăng nhập").click()
    return rerun(at)


@pytest.fixture
def fresh_limiter():
    from kb.ui.admin_page import limiter

    limiter.clear()
    yield
    limiter.clear()


def test_admin_disabled_without_configured_hash(app_env, fresh_limiter):
    at = open_admin()
    assert any("chưa cấu hình mật khẩu" in w.value for w in at.warning)
    assert any("pbkdf2_hmac" in c.value for c in at.code)  # the command that prints a hash
    assert not [t for t in at.text_input if t.key == "admin_password"]
    assert not at.file_uploader


def test_admin_disabled_with_malformed_hash(app_env, fresh_limiter, monkeypatch):
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", "plaintext-password")
    at = open_admin()
    assert any("sai định dạng" in e.value for e in at.error)
    assert not [t for t in at.text_input if t.key == "admin_password"]


def test_admin_refuses_without_login(app_env, fresh_limiter, monkeypatch):
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = open_admin()
    assert at.text_input(key="admin_password")
    assert not at.file_uploader and not at.metric
    login(at, "sai-mat-khau")
    assert any("Mật khẩu không đúng" in e.value for e in at.error)
    assert not at.file_uploader


def test_admin_login_with_env_hash(app_env, fresh_limiter, monkeypatch):
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = login(open_admin(), ADMIN_PASSWORD)
    assert at.file_uploader
    stats = {m.label: m.value for m in at.metric}
    assert int(stats["Văn bản trong kho"].replace(".", "")) == api(app_env).stats()["documents"]
    assert any(d.label == "Tải nhật ký (CSV)" for d in at.download_button)
    button(at, "Đăng xuất").click()
    rerun(at)
    assert not at.file_uploader and at.text_input(key="admin_password")


def test_admin_login_with_streamlit_secret(app_env, fresh_limiter):
    at = login(open_admin(admin_password_hash=admin_hash()), ADMIN_PASSWORD)
    assert at.file_uploader


def test_admin_login_rate_limited(app_env, fresh_limiter, monkeypatch):
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = open_admin()
    for _ in range(5):
        login(at, "doan-mo")
    assert any("sai quá nhiều lần" in e.value for e in at.error)
    # The form is gone while the limit holds; reloading does not bring it back.
    rerun(at)
    assert not [t for t in at.text_input if t.key == "admin_password"]
    assert not at.file_uploader
    assert any("sai quá nhiều lần" in e.value for e in at.error)
    # Another session gets in with the right password (the global budget is larger).
    assert login(open_admin(), ADMIN_PASSWORD).file_uploader


def stat(at: AppTest, label: str) -> int:
    return int(next(m for m in at.metric if m.label == label).value.replace(".", ""))


def test_admin_upload_delete_and_reindex_refresh_the_counters_at_once(ui_index_copy, fresh_limiter, monkeypatch):
    monkeypatch.setenv("KB_INDEX_DIR", str(ui_index_copy))
    monkeypatch.setenv("KB_MAX_UPLOAD_MB", "1")
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = login(open_admin(), ADMIN_PASSWORD)
    before = stat(at, "Văn bản trong kho")
    body = "Thông báo về lịch tiếp công dân tháng 5\n\nUBND tỉnh Quảng Nam thông báo lịch tiếp dân zzuploadtest.\n"
    at.file_uploader[0].set_value([
        ("tai-len.txt", body.encode(), "text/plain"),
        ("qua-lon.txt", b"a" * (1024 * 1024 + 10), "text/plain"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png"),
    ])
    rerun(at)
    button(at, "Nạp vào kho").click()
    rerun(at)
    # The counters show the new document right away, without a reload.
    assert stat(at, "Văn bản trong kho") == before + 1
    assert stat(at, "Đã lập chỉ mục") == before + 1
    assert any("Đã nạp xong 3 tệp: 1 văn bản" in s.value for s in at.success)
    report = at.table[0].value
    by_file = dict(zip(report["Tệp"], report["Trạng thái"], strict=True))
    assert by_file == {"tai-len.txt": "Đã thêm", "qua-lon.txt": "Bị từ chối", "anh.png": "Bị từ chối"}
    # Each refused file with its Vietnamese reason beside its name.
    refused = " ".join(e.value for e in at.error)
    assert "**qua\\-lon\\.txt**: Tệp quá lớn" in refused, refused
    assert "**anh\\.png**: Định dạng tệp không được hỗ trợ" in refused, refused
    # The uploader starts empty again (no second ingest of the same files by accident).
    assert not at.file_uploader[0].value
    kb = api(ui_index_copy)
    assert kb.search("zzuploadtest").total == 1
    doc_id = kb.search("zzuploadtest").hits[0].id
    # A search in the same session finds it at once (facets and results are not cached stale).
    search_at = open_app(q="zzuploadtest")
    assert hit_ids(search_at) == [doc_id]
    # Delete it again: the counter goes back down in the same run.
    at.text_input(key="admin_delete_id").input(doc_id)
    rerun(at)
    at.checkbox(key="admin_delete_confirm").check()
    rerun(at)
    button(at, "Xóa").click()
    rerun(at)
    assert any("Đã xóa" in s.value for s in at.success)
    assert stat(at, "Văn bản trong kho") == before
    assert kb.search("zzuploadtest").total == 0
    assert at.text_input(key="admin_delete_id").value == ""
    button(at, "Lập chỉ mục lại từ kho").click()
    rerun(at)
    assert any(f"Đã lập chỉ mục lại {before}" in s.value.replace(".", "") for s in at.success)
    assert stat(at, "Đã lập chỉ mục") == before


def test_admin_reads_metadata_of_an_older_version_again(ui_index_copy, fresh_limiter, monkeypatch):
    import json
    import sqlite3

    with sqlite3.connect(ui_index_copy / "store.sqlite3") as conn:  # as an older version stored them
        rows = conn.execute("SELECT id, doc FROM documents LIMIT 5").fetchall()
        for doc_id, doc in rows:
            ann = {k: v for k, v in json.loads(doc).items() if k not in ("extractor", "hints")}
            conn.execute("UPDATE documents SET doc=? WHERE id=?", (json.dumps(ann, ensure_ascii=False), doc_id))
    monkeypatch.setenv("KB_INDEX_DIR", str(ui_index_copy))
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = login(open_admin(), ADMIN_PASSWORD)
    assert any(w.value.startswith("5 văn bản có siêu dữ liệu") for w in at.warning), [w.value for w in at.warning]
    assert at.checkbox(key="admin_reextract_5").value  # offered ticked while anything is out of date
    button(at, "Lập chỉ mục lại từ kho").click()
    rerun(at)
    assert any("Đã đọc lại siêu dữ liệu của 5 văn bản" in s.value for s in at.success), [s.value for s in at.success]
    assert not any("văn bản có siêu dữ liệu" in w.value for w in at.warning)
    assert not at.checkbox(key="admin_reextract_0").value
    assert api(ui_index_copy).outdated_metadata() == 0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_admin_session_expires_after_thirty_idle_minutes(app_env, fresh_limiter, monkeypatch):
    from kb.ui import admin_page

    clock = FakeClock()
    monkeypatch.setattr(admin_page, "clock", clock)
    monkeypatch.setenv("KB_ADMIN_PASSWORD_HASH", admin_hash())
    at = login(open_admin(), ADMIN_PASSWORD)
    assert at.file_uploader
    clock.now += 29 * 60  # still active: each visit starts the 30 minutes again
    rerun(at)
    assert at.file_uploader
    clock.now += 29 * 60
    rerun(at)
    assert at.file_uploader
    clock.now += 30 * 60 + 1
    rerun(at)
    assert not at.file_uploader and not at.metric
    assert any("hết hạn" in w.value and "30 phút" in w.value for w in at.warning)
    assert at.text_input(key="admin_password")
    assert login(at, ADMIN_PASSWORD).file_uploader  # logging in again works
