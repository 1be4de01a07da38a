"""Helpers shared by the browser tests: waiting for Streamlit, driving the search page, screenshots,
and reading what the page shows (texts, labels) for the language and accessibility checks."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import ui_fixtures

DOCS_SCREENSHOTS = ui_fixtures.ROOT / "docs" / "screenshots"
BUSY = ("() => !!document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"], "
        "[data-testid=\"stSkeleton\"], [data-stale=\"true\"]')")
SEARCH_BOX = "input[placeholder^='Nhập từ khóa']"
WIDTHS = (390, 1400, 1920)


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
    # Every page starts with its <h1>: before it, the first script run may not even have begun.
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    settle(page, timeout=60)


def total_shown(page) -> int:
    text = page.locator(".kb-count").first.inner_text(timeout=30_000)
    m = re.match(r"([\d.]+) kết quả", text)  # full matches; partial ones are counted after them
    assert m, text
    return int(m.group(1).replace(".", ""))


def hit_titles(page) -> list[str]:
    return page.locator(".kb-hit-title a").all_inner_texts()


def shoot(page, artifacts: Path, name: str, publish: bool = False, full_page: bool = False) -> Path:
    path = artifacts / name
    page.screenshot(path=str(path), full_page=full_page)
    if publish and os.environ.get("KB_PUBLISH_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / name)
    return path


def search(page, query: str) -> None:
    box = page.locator(SEARCH_BOX)
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=30_000)
    settle(page)


SIDEBAR_SHOWN = ("() => { const r = document.querySelector('[data-testid=stSidebar]').getBoundingClientRect();"
                 " return r.width > 0 && r.left >= 0; }")


def open_sidebar(page) -> None:
    """On a narrow screen the sidebar starts collapsed: open it with its header button."""
    if not page.evaluate(SIDEBAR_SHOWN):
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(SIDEBAR_SHOWN, timeout=10_000)  # the slide-in has ended


def choose_facet(page, label: str, option_prefix: str | None = None) -> str:
    """Open the sidebar multiselect `label` and pick an option (the first one, or one starting with a prefix)."""
    open_sidebar(page)
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


def login_admin(page, base_url: str) -> None:
    open_url(page, f"{base_url}/quan-tri")
    page.locator("input[type='password']").fill(ui_fixtures.ADMIN_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("[data-testid='stFileUploader']").wait_for(timeout=30_000)
    settle(page)


# Everything a user sees or a screen reader reads, outside the documents' own data (results, document
# text and metadata, table cells, code): visible text nodes and the accessible-name attributes.
# Material icons are ligature text ("search", "close") in an icon font, hidden from screen readers: left out.
SHOWN_STRINGS = """() => {
  const skip = (el) => !el || el.closest('.kb-hit, .kb-doc-text, .kb-doc-title, .kb-meta-box, .kb-related-list, '
      + 'code, pre, noscript, style, script, [data-testid="stIconMaterial"], [aria-hidden="true"], [data-testid="stTable"]');
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && (r.width > 0 || r.height > 0); };
  const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const t = n.nodeValue.trim();
    if (t && !skip(n.parentElement) && visible(n.parentElement)) out.push(t);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-roledescription]')) {
    if (skip(el) && !el.matches('[aria-label]')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push(v.trim());
    }
  }
  return out;
}"""

# English words of Streamlit's own interface (the check ignores key names such as Enter and Esc,
# formats such as CSV, JSON, Excel, and the query syntax's field names: agency:, person:, year:).
ENGLISH = {
    "add", "apply", "available", "browse", "choose", "clear", "close", "collapse", "connecting", "content",
    "copy", "data", "date", "day", "deploy", "dismiss", "download", "drag", "drop", "error", "expand", "file",
    "files", "form", "fullscreen", "hide", "limit", "main", "menu", "month", "must", "next", "no", "open",
    "option", "options", "page", "pages", "pagination", "password", "per", "press", "previous", "remove",
    "results", "running", "search", "select", "selected", "show", "sidebar", "skip", "smaller", "stop",
    "submit", "today", "upload", "values", "visualization",
}


def english_strings(page) -> list[str]:
    """The shown strings that contain an English word of Streamlit's interface."""
    found = []
    for s in page.evaluate(SHOWN_STRINGS):
        words = set(re.findall(r"[a-z]+", s.lower()))
        if words & ENGLISH:
            found.append(s)
    return sorted(set(found))


def foreign(urls: list[str], base_url: str) -> list[str]:
    """Requests to any host but the app's own (data: and blob: URLs never leave the browser)."""
    own = urlsplit(base_url).netloc
    return sorted({u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own})
