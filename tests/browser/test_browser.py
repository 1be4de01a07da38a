"""The app in a real browser: Debian chromium + Playwright against `streamlit run app.py`.

Screenshots go to tests/artifacts/ (git-ignored). The main ones are copied to docs/screenshots/ only
when KB_PUBLISH_SCREENSHOTS=1 (`make screenshots`): a test run never rewrites tracked files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
import ui_fixtures
from browser_helpers import (
    SEARCH_BOX,
    choose_facet,
    hit_titles,
    login_admin,
    open_url,
    search,
    settle,
    shoot,
    total_shown,
)

pytestmark = pytest.mark.browser


def _csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# -- flows ----------------------------------------------------------------------------------------------
def test_search_without_diacritics_shows_highlighted_accented_results(server, page, artifacts):
    open_url(page, server)
    page.locator(SEARCH_BOX).wait_for()
    search(page, "chu tich ubnd tinh quang nam")
    assert "q=chu+tich+ubnd+tinh+quang+nam" in page.url
    assert total_shown(page) > 0
    marks = [m.lower() for m in page.locator(".kb-hit mark").all_inner_texts()]
    assert any("tịch" in m for m in marks) and any("quảng" in m for m in marks), marks
    assert "Quảng Nam" in page.locator(".kb-hit").first.inner_text()
    shoot(page, artifacts, "search.png", publish=True)


def test_partial_matches_under_their_heading_and_the_any_word_toggle(server, page, artifacts):
    open_url(page, server)
    search(page, "hội nghị Nghệ An")
    full = total_shown(page)
    count = page.locator(".kb-count").first.inner_text()
    assert "kết quả khớp đủ các từ" in count and "kết quả khớp một phần" in count, count
    heading = page.get_by_role("heading", name="Kết quả khớp một phần")
    assert heading.is_visible()
    # The heading comes after the full matches: exactly `full` results above it.
    above = page.evaluate("""() => {
        const h = [...document.querySelectorAll('h3')].find(e => e.textContent.includes('Kết quả khớp một phần'));
        return [...document.querySelectorAll('.kb-hit')].filter(
            x => h.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_PRECEDING).length; }""")
    assert above == full
    shoot(page, artifacts, "partial.png")
    page.get_by_text("Khớp bất kỳ từ nào").click()
    page.wait_for_url(re.compile(r"match=any"), timeout=30_000)
    settle(page)
    assert total_shown(page) > full
    assert "chứa ít nhất một từ" in page.locator(".kb-count").first.inner_text()
    assert page.get_by_role("heading", name="Kết quả khớp một phần").count() == 0


def test_facet_then_same_view_from_copied_url(server, page, context, artifacts):
    open_url(page, f"{server}/?q=ubnd")
    before = total_shown(page)
    picked = choose_facet(page, "Năm")
    year, count = re.match(r"(\d{4}) \((\d+)\)", picked).groups()
    page.wait_for_url(re.compile(rf"year={year}"), timeout=30_000)
    settle(page)
    after = total_shown(page)
    assert after == int(count) and after < before
    assert page.get_by_role("button", name=re.compile(rf"Năm: {year}")).is_visible()
    titles = hit_titles(page)
    shoot(page, artifacts, "facets.png", publish=True)

    # The URL alone reproduces the view in a new page (new Streamlit session).
    other = context.new_page()
    open_url(other, page.url)
    assert total_shown(other) == after
    assert hit_titles(other) == titles
    assert other.locator(SEARCH_BOX).input_value() == "ubnd"

    # Removing the chip widens the results again.
    page.get_by_role("button", name=re.compile(rf"Năm: {year}")).click()
    page.wait_for_url(lambda url: "year=" not in url, timeout=30_000)
    settle(page)
    assert total_shown(page) == before


def test_open_document_and_share_its_url(server, page, context, artifacts):
    open_url(page, f"{server}/?q=chu+tich+ubnd+tinh+quang+nam")
    first = page.locator(".kb-hit-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    assert page.locator(".kb-doc-title").inner_text().strip() == title.strip()
    assert page.locator(".kb-doc-text mark").count() > 0
    assert page.locator(".kb-meta-box").get_by_text("Mã văn bản").is_visible()
    assert page.get_by_text("Văn bản liên quan").is_visible()
    shoot(page, artifacts, "document.png", publish=True)

    other = context.new_page()
    open_url(other, page.url)
    assert other.locator(".kb-doc-title").inner_text().strip() == title.strip()
    assert other.locator(".kb-doc-text mark").count() == page.locator(".kb-doc-text mark").count()

    page.get_by_role("button", name="← Quay lại kết quả tìm kiếm").click()
    page.wait_for_url(lambda url: "doc=" not in url, timeout=30_000)
    settle(page)
    assert hit_titles(page)[0] == title


def test_overview_and_csv_export(server, page, artifacts):
    open_url(page, f"{server}/?q=ubnd")
    total = total_shown(page)
    page.get_by_role("tab", name="Tổng quan").click()
    page.wait_for_url(re.compile(r"tab=tong-quan"), timeout=30_000)
    settle(page)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 3
    assert page.get_by_text(f"Xuất {total} kết quả:").is_visible()
    page.set_viewport_size({"width": 1400, "height": 1500})  # the whole overview in one picture
    settle(page)
    time.sleep(0.5)
    shoot(page, artifacts, "overview.png", publish=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile("Tải CSV")).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    path = artifacts / "export.csv"
    download.save_as(str(path))
    rows = _csv_rows(path)
    assert len(rows) == total > 10  # every match, not only the first page
    assert {"id", "title", "date", "year", "agencies", "people", "doc_type", "doc_number", "url"} <= set(rows[0])
    assert all(r["id"] for r in rows)


def test_export_from_the_results_view_with_its_count_and_types(server, page, artifacts):
    open_url(page, f"{server}/?q=ubnd&sort=newest")
    total = total_shown(page)
    menu = page.get_by_role("button", name=f"Xuất {total} kết quả")
    menu.click()
    page.get_by_text(f"toàn bộ {total} văn bản khớp").wait_for(timeout=10_000)
    shoot(page, artifacts, "export-menu.png")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Tải CSV").click()
    path = artifacts / "export-results.csv"
    info.value.save_as(str(path))
    rows = _csv_rows(path)
    assert len(rows) == total
    years = [r["year"] for r in rows]
    assert all(re.fullmatch(r"(\d{4})?", y) for y in years), years  # 2019, never 2019.0
    assert any(years)
    assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", r["date"]) for r in rows)
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated, reverse=True)  # the view's order (newest first)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Tải JSON").click()
    data = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert data["total"] == total and [d["id"] for d in data["documents"]] == [r["id"] for r in rows]
    assert all(d["year"] is None or isinstance(d["year"], int) for d in data["documents"])


def test_xss_titles_show_as_text_and_run_nothing(server, page, dialogs, artifacts):
    open_url(page, f"{server}/?q={ui_fixtures.XSS_WORD}")
    titles = hit_titles(page)
    assert ui_fixtures.XSS_SCRIPT_TITLE in titles
    assert ui_fixtures.XSS_IMG_TITLE in titles
    assert page.get_by_text(ui_fixtures.XSS_SCRIPT_TITLE, exact=True).first.is_visible()
    for sel in ("script", "img", "iframe", "svg"):
        assert page.locator(f".kb-hit {sel}").count() == 0, sel
    page.locator(".kb-hit-title a", has_text=ui_fixtures.XSS_SCRIPT_TITLE).click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    assert page.locator(".kb-doc-title").inner_text().strip() == ui_fixtures.XSS_SCRIPT_TITLE
    assert "<img src=x onerror=alert(2)>" in page.locator(".kb-doc-text").inner_text()
    for sel in ("script", "img", "iframe", "svg", "a[href^='javascript']"):
        assert page.locator(f".kb-doc-text {sel}").count() == 0, sel
    time.sleep(0.5)  # give a would-be onerror handler time to fire
    shoot(page, artifacts, "xss.png")
    assert dialogs == []


def test_an_html_query_gets_no_suggestion_that_repeats_it(server, page):
    open_url(page, f"{server}/?q=%3Cimg+src%3Dx+onerror%3Dalert%282%29%3E")
    assert page.locator(SEARCH_BOX).input_value() == "<img src=x onerror=alert(2)>"
    assert page.get_by_text("Có phải bạn muốn tìm").count() == 0


def test_pasting_an_over_long_query_keeps_its_beginning_and_says_so(server, page, artifacts):
    open_url(page, server)
    long_query = ("kế hoạch chuyển đổi số tỉnh Thừa Thiên Huế năm 2023 " * 15).strip()
    assert len(long_query) > 700
    box = page.locator(SEARCH_BOX)
    box.fill(long_query)  # one insertion, like a paste
    assert box.input_value() == long_query  # nothing dropped in the box itself
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=30_000)
    settle(page)
    notice = page.get_by_text("vượt giới hạn 500 ký tự")
    assert notice.is_visible()
    assert f"dài {len(long_query):,} ký tự".replace(",", ".") in notice.inner_text()
    assert page.locator(SEARCH_BOX).input_value() == long_query[:500].strip()
    shoot(page, artifacts, "long-query.png")


def test_admin_asks_for_a_password(server, page, artifacts):
    open_url(page, f"{server}/quan-tri")
    password = page.locator("input[type='password']")
    password.wait_for(timeout=30_000)
    assert page.get_by_text("Vui lòng nhập mật khẩu").is_visible()
    assert page.locator("[data-testid='stFileUploader']").count() == 0
    password.fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    settle(page)
    assert page.get_by_text("Mật khẩu không đúng").is_visible()
    password.fill(ui_fixtures.ADMIN_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("[data-testid='stFileUploader']").wait_for(timeout=30_000)
    settle(page)
    shoot(page, artifacts, "admin.png", publish=True)


def _stat(page, label: str) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return int(metric.locator("[data-testid='stMetricValue']").inner_text().replace(".", ""))


def test_admin_upload_refreshes_counters_and_search_and_explains_refusals(server, page, context, artifacts):
    login_admin(page, server)
    before = _stat(page, "Văn bản trong kho")
    body = "Thông báo lịch trực zzbrowserupload\n\nVăn phòng thông báo lịch trực zzbrowserupload tháng 6.\n"
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([
        {"name": "lich-truc.txt", "mimeType": "text/plain", "buffer": body.encode()},
        {"name": "anh-chup.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"\0" * 64},
    ])
    page.get_by_role("button", name="Bỏ anh-chup.png").wait_for(timeout=30_000)
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("Đã nạp xong 2 tệp").wait_for(timeout=60_000)
    settle(page)
    # Counters are fresh at once, without a reload.
    assert _stat(page, "Văn bản trong kho") == before + 1
    assert _stat(page, "Đã lập chỉ mục") == before + 1
    refused = page.locator("[data-testid='stAlertContentError']").inner_text()
    assert "anh-chup.png: Định dạng tệp không được hỗ trợ" in refused
    shoot(page, artifacts, "admin-upload.png")
    # The search page of the same browser finds the new document at once.
    other = context.new_page()
    open_url(other, f"{server}/?q=zzbrowserupload")
    assert total_shown(other) == 1


def test_admin_reads_older_metadata_again_from_the_reindex_section(server, browser_index_dir, page, artifacts):
    import sqlite3

    # Three documents as an older version stored them: no record of the rules that read them.
    with sqlite3.connect(browser_index_dir / "store.sqlite3") as conn:
        for doc_id, doc in conn.execute("SELECT id, doc FROM documents ORDER BY id LIMIT 3").fetchall():
            ann = {k: v for k, v in json.loads(doc).items() if k != "extractor"}
            conn.execute("UPDATE documents SET doc=? WHERE id=?", (json.dumps(ann, ensure_ascii=False), doc_id))
    login_admin(page, server)
    page.get_by_text("3 văn bản có siêu dữ liệu").wait_for(timeout=30_000)  # above the tabs, seen at once
    page.get_by_role("tab", name="Lập chỉ mục lại").click()
    box = page.get_by_role("checkbox", name="Đọc lại siêu dữ liệu bằng quy tắc trích xuất hiện tại")
    assert box.is_checked()
    box.scroll_into_view_if_needed()
    shoot(page, artifacts, "admin-reextract.png")
    page.get_by_role("button", name="Lập chỉ mục lại từ kho").click()
    page.get_by_text("Đã đọc lại siêu dữ liệu của 3 văn bản").wait_for(timeout=120_000)
    settle(page)
    assert page.get_by_text("văn bản có siêu dữ liệu (người").count() == 0  # nothing left to read again
    assert not page.get_by_role("checkbox", name="Đọc lại siêu dữ liệu bằng quy tắc trích xuất hiện tại").is_checked()
    shoot(page, artifacts, "admin-reextract-done.png")
