"""Every string the app shows or announces is Vietnamese, Streamlit's own widget texts included
(file uploader, form hint, multiselect, date picker, pagination, password field, chart toolbar);
dates show as dd/mm/yyyy; the page says it is Vietnamese (<html lang="vi">)."""

from __future__ import annotations

import re
import time

import pytest
from browser_helpers import SEARCH_BOX, english_strings, login_admin, open_sidebar, open_url, settle, shoot

pytestmark = pytest.mark.browser


def assert_vietnamese(page, where: str) -> None:
    assert page.evaluate("() => document.documentElement.lang") == "vi", where
    english = english_strings(page)
    assert english == [], f"English on {where}: {english}"


def test_search_page_and_its_widgets_speak_vietnamese(server, page, artifacts):
    open_url(page, server)
    assert_vietnamese(page, "the start page")
    page.locator(SEARCH_BOX).fill("chuyen doi")  # the form's "Press Enter" hint shows while typing
    page.get_by_text("Nhấn Enter để gửi").wait_for(timeout=10_000)
    assert_vietnamese(page, "the search box while typing")

    open_url(page, f"{server}/?q=ubnd&year=2022&year=2023&from=2022-01-01")
    assert page.get_by_role("navigation", name="Phân trang").is_visible()
    assert page.get_by_role("button", name="Trang sau").is_visible()
    assert_vietnamese(page, "the results with filters")

    # A filter box with text that matches nothing.
    year_box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Cơ quan")
    year_box.locator("input").click()
    page.keyboard.type("khongcogiday")
    page.get_by_text("Không có lựa chọn phù hợp").wait_for(timeout=10_000)
    assert_vietnamese(page, "a filter box without match")
    page.keyboard.press("Escape")

    # The calendar of a date filter.
    page.locator("[data-testid='stSidebar'] button[aria-label='Chọn ngày']").first.click()
    page.get_by_role("button", name="Tháng sau").wait_for(timeout=10_000)
    time.sleep(0.3)
    shoot(page, artifacts, "calendar.png")
    assert_vietnamese(page, "the date picker")
    page.keyboard.press("Escape")


@pytest.mark.parametrize("browser_locale", ["en-US"], indirect=True)
def test_an_english_browser_still_gets_a_vietnamese_page_and_calendar(server, page):
    open_url(page, f"{server}/?q=ubnd&from=2022-03-01")
    page.locator("[data-testid='stSidebar'] button[aria-label='Chọn ngày']").first.click()
    page.get_by_role("button", name="Tháng sau").wait_for(timeout=10_000)
    time.sleep(0.3)
    calendar = page.locator("[role='dialog'], [data-testid='stDateInputCalendar'], table").filter(has_text="T2").first
    assert calendar.is_visible()
    assert "March" not in page.locator("body").inner_text()
    assert_vietnamese(page, "the date picker in an English browser")


def test_dates_show_as_day_month_year(server, page):
    open_url(page, f"{server}/?q=ubnd&from=2022-01-01&to=2023-12-31")
    open_sidebar(page)
    fields = page.locator("[data-testid='stSidebar'] [data-testid='stDateInput']")
    shown = [re.sub(r"\s", "", t) for t in fields.all_inner_texts()]
    assert any("01/01/2022" in t for t in shown) and any("31/12/2023" in t for t in shown), shown
    assert page.get_by_role("button", name="Ngày: 01/01/2022 – 31/12/2023").is_visible()
    metas = page.locator(".kb-hit .kb-meta").all_inner_texts()
    dates = [m.split(" · ")[0] for m in metas]
    assert dates and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}|\d{4}", d) for d in dates), dates


def test_document_and_overview_speak_vietnamese(server, page):
    open_url(page, f"{server}/?q=chu+tich+ubnd+tinh+quang+nam")
    page.locator(".kb-hit-title a").first.click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    assert_vietnamese(page, "the document view")
    open_url(page, f"{server}/?q=ubnd&tab=tong-quan")
    page.locator("[data-testid='stVegaLiteChart']").nth(2).wait_for(timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart']").first.hover()  # shows the chart's toolbar
    time.sleep(0.3)
    assert_vietnamese(page, "the overview")


def test_admin_pages_speak_vietnamese(server, page, artifacts):
    open_url(page, f"{server}/quan-tri")
    page.locator("input[type='password']").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Hiện mật khẩu").count() == 1
    assert_vietnamese(page, "the admin login")
    login_admin(page, server)
    assert page.get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="Chọn tệp", exact=True).is_visible()
    assert page.get_by_text("Tối đa 1 MB mỗi tệp").is_visible()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([
        {"name": "qua-lon.txt", "mimeType": "text/plain", "buffer": b"a" * (1024 * 1024 + 100)},
        {"name": "nho.txt", "mimeType": "text/plain", "buffer": "Thông báo nhỏ\n\nNội dung.".encode()},
    ])
    reason = page.get_by_text("Tệp phải nhỏ hơn hoặc bằng 1.0 MB.")
    reason.wait_for(timeout=30_000)
    assert reason.bounding_box()["width"] > 100  # shown beside the file's name, not only to screen readers
    assert page.get_by_role("button", name="Thêm tệp").is_visible()
    # The small file still goes in.
    page.wait_for_function("() => [...document.querySelectorAll('button')].some("
                           "b => b.innerText.trim() === 'Nạp vào kho' && !b.disabled)", timeout=30_000)
    shoot(page, artifacts, "admin-uploader.png")
    assert_vietnamese(page, "the uploader with a refused file")
    for tab in ("Xóa văn bản", "Lập chỉ mục lại", "Nhật ký nạp"):
        page.get_by_role("tab", name=tab).click()
        time.sleep(0.5)
        assert_vietnamese(page, f"the admin tab {tab}")
