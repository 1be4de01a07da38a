"""Entity pages in a real browser (Debian chromium + Playwright): a person chip under a result opens
the person page with its roles table; the agency page; the office-holder form's answer."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browser_helpers import open_url, search, settle, shoot

pytestmark = pytest.mark.browser


def _table_rows(page, table) -> list[list[str]]:
    return [[c.strip() for c in row.locator("th, td").all_inner_texts()] for row in table.locator("tr").all()]


def test_a_person_chip_opens_the_person_page_with_roles(server, page, artifacts):
    open_url(page, server)
    search(page, "Hồ Đăng Khôi")
    chip = page.locator(".kb-hit a.kb-chip-person", has_text="Hồ Đăng Khôi").first
    chip.click()
    page.wait_for_url(re.compile(r"/nguoi\?name="), timeout=30_000)
    page.wait_for_selector("table.kb-table", timeout=60_000)
    settle(page)
    assert page.get_by_role("heading", name="Hồ Đăng Khôi").is_visible()
    rows = _table_rows(page, page.locator("table.kb-table").first)
    assert rows[0] == ["Chức vụ", "Cơ quan", "Từ", "Đến", "Số văn bản"]
    assert ["Chủ tịch", "UBND tỉnh Thừa Thiên Huế"] in [r[:2] for r in rows[1:]]
    assert page.locator(".kb-hit mark", has_text="Hồ Đăng Khôi").count() >= 1
    shoot(page, artifacts, "person.png")
    # Back to a search filtered on the person.
    page.get_by_role("link", name="Tìm các văn bản này").click()
    page.wait_for_url(re.compile(r"person=H"), timeout=30_000)
    settle(page)
    assert page.locator(".kb-hit").count() >= 1


def test_agency_page_lists_office_holders(server, page, artifacts):
    open_url(page, f"{server}/co-quan?name={quote('UBND tỉnh Thừa Thiên Huế')}")
    page.wait_for_selector("table.kb-table", timeout=60_000)
    assert page.get_by_role("heading", name="UBND tỉnh Thừa Thiên Huế").is_visible()
    assert page.get_by_text("Văn bản ban hành").first.is_visible()
    holders = next(t for t in page.locator("table.kb-table").all() if "Người" in t.inner_text())
    rows = _table_rows(page, holders)
    assert ["Chủ tịch UBND tỉnh Thừa Thiên Huế", "Hồ Đăng Khôi"] in [r[:2] for r in rows[1:]]
    shoot(page, artifacts, "agency.png")
    # A holder's name opens the person page.
    holders.get_by_role("link", name="Hồ Đăng Khôi").first.click()
    page.wait_for_url(re.compile(r"/nguoi\?name="), timeout=30_000)
    page.wait_for_selector("table.kb-table", timeout=60_000)
    assert page.get_by_role("heading", name="Hồ Đăng Khôi").is_visible()


def test_office_holder_form_answers_in_the_page(server, page, artifacts):
    open_url(page, f"{server}/chuc-vu")
    page.get_by_label("Chức vụ", exact=True).fill("chu tich ubnd tinh TT-Hue")
    page.get_by_label("Năm (không bắt buộc)").fill("2022")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(re.compile(r"office="), timeout=30_000)
    page.wait_for_selector(".kb-who-holder", timeout=60_000)
    settle(page)
    assert page.get_by_role("heading", name="Chủ tịch UBND tỉnh Thừa Thiên Huế năm 2022").is_visible()
    holders = page.locator(".kb-who-holder").all_inner_texts()
    assert len(holders) == 1 and "Hồ Đăng Khôi" in holders[0]
    assert page.locator(".kb-hit-title a").count() >= 1
    shoot(page, artifacts, "who.png")


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""


def test_axe_finds_nothing_serious_on_the_entity_pages(server, page, axe_path):
    for url in (f"{server}/nguoi?name={quote('Hồ Đăng Khôi')}", f"{server}/co-quan?name={quote('UBND tỉnh Thừa Thiên Huế')}",
                f"{server}/chuc-vu?office={quote('Chủ tịch UBND tỉnh Thừa Thiên Huế')}"):
        open_url(page, url)
        page.wait_for_selector(".kb-hit", timeout=60_000)
        settle(page)
        page.add_script_tag(path=str(axe_path))
        assert page.evaluate(AXE_RUN) == [], url
