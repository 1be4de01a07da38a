"""Nothing leaves the machine: a whole session (search, filter, document, overview and export, admin
login and upload) asks only the app's own host for anything (no fonts, scripts, images or telemetry
from elsewhere), and the browser console shows no failed lookup of a foreign name."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_helpers import choose_facet, foreign, login_admin, open_url, search, settle

pytestmark = pytest.mark.browser


def test_a_whole_session_talks_only_to_the_app(server, page, context, requests_made, console_errors, artifacts):
    open_url(page, server)
    search(page, "chu tich ubnd tinh quang nam")
    choose_facet(page, "Năm")
    page.locator(".kb-hit-title a").first.click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    open_url(page, f"{server}/?q=ubnd&tab=tong-quan")
    page.locator("[data-testid='stVegaLiteChart']").nth(2).wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000):
        page.get_by_role("button", name="Tải CSV").click()
    login_admin(page, server)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([
        {"name": "rieng-tu.txt", "mimeType": "text/plain",
         "buffer": "Thông báo zzprivacy\n\nNội dung kiểm thử zzprivacy.".encode()}])
    page.get_by_role("button", name="Bỏ rieng-tu.txt").wait_for(timeout=30_000)
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("Đã nạp xong 1 tệp").wait_for(timeout=60_000)
    page.get_by_role("tab", name="Nhật ký nạp").click()
    settle(page)

    hosts = sorted({urlsplit(u).netloc or urlsplit(u).scheme for u in requests_made})
    (artifacts / "requests.txt").write_text("\n".join(sorted(set(requests_made))) + "\n", encoding="utf-8")
    assert len(requests_made) > 20  # the recorder saw the session
    assert foreign(requests_made, server) == [], hosts
    assert hosts == [urlsplit(server).netloc] or set(hosts) <= {urlsplit(server).netloc, "data"}, hosts
    failed_lookups = [m for m in console_errors if "ERR_NAME_NOT_RESOLVED" in m or "metrics" in m.lower()]
    assert failed_lookups == [], failed_lookups


def test_the_favicon_is_inline_not_fetched(server, page):
    open_url(page, server)
    icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href || ''")
    assert icon.startswith("data:image/svg+xml"), icon
