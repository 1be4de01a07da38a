"""Accessibility: axe-core (tests/browser/node_modules, from the npm registry) finds no serious or
critical violation on the search, document, overview and admin pages; every control has a
Vietnamese name; search, filters, results, sort, pages and the document work with the keyboard alone.

The axe results of every page go to tests/artifacts/axe-report.json (docs/accessibility.md
summarises them)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from browser_helpers import SEARCH_BOX, login_admin, open_url, settle

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary)}));
}"""
# Every focusable control and its accessible name (what a screen reader announces).
CONTROLS = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], '
            + '[role=combobox], [role=checkbox], [role=option], [tabindex]:not([tabindex="-1"])';
  const name = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(' ').map(id => document.getElementById(id)?.innerText || '').join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.labels && el.labels.length) return [...el.labels].map(l => l.innerText).join(' ').trim();
    return (el.innerText || el.getAttribute('title') || el.getAttribute('placeholder') || '').trim();
  };
  return [...document.querySelectorAll(sel)]
    .filter(el => el.getAttribute('tabindex') !== '-1' && !el.closest('[aria-hidden="true"]'))
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
    .map(el => ({tag: el.tagName, testid: el.closest('[data-testid]')?.dataset.testid || '', name: name(el)}));
}"""

_report: dict[str, list[dict]] = {}


@pytest.fixture(scope="module")
def axe_report(artifacts):
    yield _report
    summary = {page: dict(Counter(v["impact"] for v in violations)) for page, violations in _report.items()}
    (artifacts / "axe-report.json").write_text(
        json.dumps({"summary": summary, "violations": _report}, ensure_ascii=False, indent=1), encoding="utf-8")


def run_axe(page, axe_path, name: str, report: dict) -> list[dict]:
    settle(page)
    page.add_script_tag(path=str(axe_path))
    violations = page.evaluate(RUN_AXE)
    report[name] = violations
    return [v for v in violations if v["impact"] in BLOCKING]


def unnamed_controls(page) -> list[dict]:
    return [c for c in page.evaluate(CONTROLS) if not c["name"]]


def test_axe_finds_nothing_serious_on_the_search_and_document_pages(server, page, axe_path, axe_report):
    open_url(page, server)
    assert run_axe(page, axe_path, "start page", axe_report) == []
    open_url(page, f"{server}/?q=chu+tich+ubnd+tinh+quang+nam&year=2020&year=2021")
    assert run_axe(page, axe_path, "search results with filters", axe_report) == []
    assert unnamed_controls(page) == []
    page.get_by_role("button", name=re.compile(r"Xuất \d+ kết quả")).click()
    page.get_by_role("button", name="Tải CSV").wait_for(timeout=10_000)
    assert run_axe(page, axe_path, "export menu open", axe_report) == []
    page.keyboard.press("Escape")
    open_url(page, f"{server}/?q=chu+tich+ubnd+tinh+quang+nam")
    page.locator(".kb-hit-title a").first.click()
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    assert run_axe(page, axe_path, "document", axe_report) == []
    assert unnamed_controls(page) == []


def test_axe_finds_nothing_serious_on_the_overview(server, page, axe_path, axe_report):
    open_url(page, f"{server}/?q=ubnd&tab=tong-quan")
    page.locator("[data-testid='stVegaLiteChart']").nth(2).wait_for(timeout=30_000)
    assert run_axe(page, axe_path, "overview", axe_report) == []
    assert unnamed_controls(page) == []


def test_axe_finds_nothing_serious_on_the_admin_pages(server, page, axe_path, axe_report):
    open_url(page, f"{server}/quan-tri")
    assert run_axe(page, axe_path, "admin login", axe_report) == []
    login_admin(page, server)
    assert run_axe(page, axe_path, "admin: upload", axe_report) == []
    assert unnamed_controls(page) == []
    for tab in ("Xóa văn bản", "Lập chỉ mục lại", "Nhật ký nạp"):
        page.get_by_role("tab", name=tab).click()
        assert run_axe(page, axe_path, f"admin: {tab}", axe_report) == []


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], indirect=True, ids=["390px"])
def test_axe_finds_nothing_serious_on_a_phone(server, page, axe_path, axe_report):
    open_url(page, f"{server}/?q=ubnd")
    assert run_axe(page, axe_path, "search results at 390 px", axe_report) == []
    login_admin(page, server)
    page.get_by_role("tab", name="Nhật ký nạp").click()
    assert run_axe(page, axe_path, "admin: Nhật ký nạp at 390 px", axe_report) == []


# -- keyboard only ------------------------------------------------------------------------------------------
def tab_to(page, predicate: str, limit: int = 150, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches the JavaScript `predicate` (over `el`);
    returns what is focused then, with whether a focus indicator is drawn."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        found = page.evaluate(f"""() => {{
            const el = document.activeElement;
            if (!el || !({predicate})) return null;
            const s = getComputedStyle(el);
            return {{text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
                     ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}};
        }}""")
        if found:
            return found
    raise AssertionError(f"{predicate} never got the focus after {limit} presses of Tab")


def test_search_filters_results_and_document_with_the_keyboard_alone(server, page, artifacts):
    open_url(page, server)
    tab_to(page, "el.matches(\"input[placeholder^='Nhập từ khóa']\")")
    page.keyboard.type("ubnd")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=ubnd"), timeout=30_000)
    settle(page)

    # A filter: the "Năm" box, its first option with the arrow keys and Enter.
    tab_to(page, "el.closest('[data-testid=stMultiSelect]') && "
                 "el.closest('[data-testid=stMultiSelect]').innerText.startsWith('Năm')")
    page.keyboard.press("ArrowDown")
    page.locator("[role='option']").first.wait_for(timeout=10_000)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"[?&]year=\d{4}"), timeout=30_000)
    settle(page)

    # Sort by date: the sort buttons are one stop of Tab (the chosen one); the arrow keys move between them.
    tab_to(page, "el.innerText && el.innerText.trim() === 'Liên quan nhất'")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "Mới nhất"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=newest"), timeout=30_000)
    settle(page)

    # Open the first result; its focus is visible.
    link = tab_to(page, "el.matches('.kb-hit-title a')")
    assert link["ring"], "a focused result title shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]doc="), timeout=30_000)
    settle(page)
    assert page.locator(".kb-doc-title").inner_text().strip() == link["text"]

    # And back to the same results.
    tab_to(page, "el.tagName === 'BUTTON' && el.innerText.includes('Quay lại kết quả tìm kiếm')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "doc=" not in url and "sort=newest" in url and "year=" in url, timeout=30_000)
    settle(page)
    assert page.locator(".kb-hit-title a").first.inner_text().strip() == link["text"]


def test_pages_of_results_with_the_keyboard(server, page):
    open_url(page, f"{server}/?q=ubnd")
    tab_to(page, "el.getAttribute('aria-label') === 'Trang 2'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"page=2"), timeout=30_000)
    settle(page)
    assert page.locator(SEARCH_BOX).input_value() == "ubnd"
