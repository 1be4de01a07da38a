"""The app in a real browser: Debian chromium + Playwright against `streamlit run app.py`.

Screenshots go to tests/artifacts/ (git-ignored). The main ones are copied to docs/screenshots/ only
when KB_PUBLISH_SCREENSHOTS=1 (`make screenshots`): a test run never rewrites tracked files.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import time
from pathlib import Path

import pytest
import ui_fixtures

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = ui_fixtures.ROOT / "docs" / "screenshots"
BUSY = ("() => !!document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"], "
        "[data-testid=\"stSkeleton\"], [data-stale=\"true\"]')")
SEARCH_BOX = "input[placeholder^='Nhập từ khóa']"


# -- helpers ----------------------------------------------------------------------------------------------
def settle(page, timeout: float = 30.0) -> None:
    """Wait until Streamlit has finished the current run and the page stopped changing."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 4:
        if time.monotonic() > deadline:
            raise AssertionError("the app did not become idle")
        quiet = 0 if page.evaluate(BUSY) else quiet + 1
        time.sleep(0.15)


def open_url(page, url: str) -> None:
    page.goto(url)
    settle(page, timeout=60)


def total_shown(page) -> int:
    text = page.locator(".kb-count").first.inner_text(timeout=30_000)
    m = re.match(r"([\d.]+) kết quả \(\d+ ms\)", text)
    assert m, text
    return int(m.group(1).replace(".", ""))


def hit_titles(page) -> list[str]:
    return page.locator(".kb-hit-title a").all_inner_texts()


def shoot(page, artifacts: Path, name: str, publish: bool = False) -> None:
    path = artifacts / name
    page.screenshot(path=str(path), full_page=False)
    if publish and os.environ.get("KB_PUBLISH_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / name)


def search(page, query: str) -> None:
    box = page.locator(SEARCH_BOX)
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=30_000)
    settle(page)


def choose_facet(page, label: str, option_prefix: str | None = None) -> str:
    """Open the sidebar multiselect `label` and pick an option (the first one, or one starting with a prefix)."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text=label).first
    box.locator("input").click()
    options = page.locator("[role='option']")
    options.first.wait_for(timeout=10_000)
    option = options.filter(has_text=option_prefix).first if option_prefix else options.first
    text = option.inner_text()
    option.click()
    page.keyboard.press("Escape")
    settle(page)
    return text


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
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == total > 10  # every match, not only the first page
    assert {"id", "title", "date", "agencies", "people", "doc_type", "doc_number", "url"} <= set(rows[0])
    assert all(r["id"] for r in rows)


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
