"""Layout at 390, 1400 and 1920 px: the title and every heading fully visible below the fixed header,
no Streamlit developer toolbar, menu or footer, no horizontal scrolling, and on a phone the search box,
the results and the filters within reach. Screenshots: tests/artifacts/layout-<page>-<width>.png."""

from __future__ import annotations

import re

import pytest
from browser_helpers import SEARCH_BOX, WIDTHS, login_admin, open_sidebar, open_url, settle, shoot

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param({"width": w, "height": 900}, id=f"{w}px") for w in WIDTHS]

# For each heading in the main area: is the point just inside its top edge covered by something else
# (the fixed header)? Its top must also be below the header, and its text must not be cut sideways.
HEADINGS = """() => {
  const header = document.querySelector('[data-testid="stHeader"]');
  const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
  const out = [];
  for (const h of document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2, '
                                            + '[data-testid="stMain"] h3')) {
    const r = h.getBoundingClientRect();
    if (r.width === 0 || r.bottom < 0 || r.top + 4 > window.innerHeight) continue;
    const probe = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + 3);
    out.push({text: h.innerText.trim().slice(0, 40), top: r.top, headerBottom,
              covered: !(probe && (h.contains(probe) || probe.contains(h))),
              clipped: h.scrollWidth > h.clientWidth + 1});
  }
  return out;
}"""
OVERFLOW = """() => ({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
                 width: window.innerWidth})"""


def check_layout(page, where: str) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")
    headings = page.evaluate(HEADINGS)
    assert headings, f"no heading on {where}"
    for h in headings:
        assert h["top"] >= h["headerBottom"] - 0.5, f"{where}: heading under the header: {h}"
        assert not h["covered"], f"{where}: heading covered: {h}"
        assert not h["clipped"], f"{where}: heading cut: {h}"
    sizes = page.evaluate(OVERFLOW)
    assert sizes["doc"] <= sizes["width"] and sizes["body"] <= sizes["width"], f"{where}: horizontal scroll {sizes}"
    for testid in ("stAppDeployButton", "stMainMenu", "stToolbarActions"):
        assert page.locator(f"[data-testid='{testid}']").count() == 0, f"{where}: {testid} shown"
    assert not page.locator("footer").is_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)
def test_every_page_fits_the_screen_with_visible_headings(server, page, viewport, artifacts):
    width = viewport["width"]
    open_url(page, f"{server}/?q=chu+tich+ubnd+tinh+quang+nam")
    check_layout(page, f"search at {width}px")
    shoot(page, artifacts, f"layout-search-{width}.png")

    page.locator(".kb-hit-title a").first.click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    check_layout(page, f"document at {width}px")
    shoot(page, artifacts, f"layout-document-{width}.png")

    open_url(page, f"{server}/?q=ubnd&tab=tong-quan")
    page.locator("[data-testid='stVegaLiteChart']").nth(2).wait_for(timeout=30_000)
    settle(page)
    check_layout(page, f"overview at {width}px")
    shoot(page, artifacts, f"layout-overview-{width}.png")

    login_admin(page, server)
    check_layout(page, f"admin at {width}px")
    shoot(page, artifacts, f"layout-admin-{width}.png")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], indirect=True, ids=["390px"])
def test_on_a_phone_search_results_and_filters_are_within_reach(server, page, artifacts):
    open_url(page, server)
    box = page.locator(SEARCH_BOX)
    assert box.is_visible()
    b = box.bounding_box()
    assert b["x"] >= 0 and b["x"] + b["width"] <= 390
    box.fill("ubnd")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=30_000)
    settle(page)
    first = page.locator(".kb-hit-title a").first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    # The collapsed sidebar's button says it holds the filters.
    button = page.locator("[data-testid='stExpandSidebarButton']")
    assert button.is_visible()
    label = page.evaluate("() => getComputedStyle(document.querySelector("
                          "'[data-testid=stExpandSidebarButton]'), '::after').content")
    assert label == '"Bộ lọc"'
    shoot(page, artifacts, "phone-results.png")
    open_sidebar(page)
    year = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Năm").first
    year.scroll_into_view_if_needed()
    assert year.is_visible()
    y = year.bounding_box()
    assert y["x"] >= 0 and y["x"] + y["width"] <= 390
    shoot(page, artifacts, "phone-filters.png")
    sizes = page.evaluate(OVERFLOW)
    assert sizes["doc"] <= sizes["width"] and sizes["body"] <= sizes["width"], sizes
