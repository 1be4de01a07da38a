"""Citation links in a real browser (Debian chromium + Playwright): a document's "Văn bản được dẫn
chiếu" section links to the cited document, whose view lists the first one under "Được dẫn chiếu bởi"."""

from __future__ import annotations

import re

import pytest
from browser_helpers import open_url, settle, shoot

pytestmark = pytest.mark.browser

CITING = "tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"
CITED = "qd-14-2019-quang-nam-quy-che-khai-thac-cat"


def test_following_a_citation_opens_the_cited_document_which_lists_the_citing_one(server, page, artifacts):
    open_url(page, f"{server}/?doc={CITING}")
    page.get_by_role("heading", name="Văn bản được dẫn chiếu").wait_for(timeout=60_000)
    cites = page.locator(".kb-cites")
    # A number the collection does not hold is plain text; the one it holds is a link.
    assert "Nghị định 36/2020/NĐ-CP" in cites.inner_text() and "chưa có trong kho" in cites.inner_text()
    link = cites.get_by_role("link", name="Quyết định 14/2019/QĐ-UBND")
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(rf"[?&]doc={CITED}"), timeout=30_000)
    page.get_by_role("heading", name="Được dẫn chiếu bởi").wait_for(timeout=60_000)
    settle(page)
    assert page.locator(".kb-doc-title").inner_text().startswith("Quyết định 14/2019/QĐ-UBND")
    back = page.locator(".kb-cited-by-list").get_by_role("link", name="Thông báo 402/TB-STNMT")
    assert back.count() == 1
    page.locator(".kb-cited-by-list").scroll_into_view_if_needed()
    shoot(page, artifacts, "citations.png")
    back.click()
    page.wait_for_url(re.compile(rf"[?&]doc={CITING}"), timeout=30_000)
    page.get_by_role("heading", name="Văn bản được dẫn chiếu").wait_for(timeout=60_000)
