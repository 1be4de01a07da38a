"""Everything the web app relies on in Streamlit's frontend that Streamlit does not promise to keep.

Streamlit has no locale option: its own widget texts ("Drag and drop files here", "Press Enter to
submit form", "No results", aria-labels such as "Choose date" or "Next page") are English in the
JavaScript bundle. `boot_html()` returns a small static script (st.html(unsafe_allow_javascript=True),
our own code, no untrusted input) that

- sets <html lang="vi"> (screen readers read the page with a Vietnamese voice),
- makes the browser's language read as vi-VN for Streamlit's date picker (month and day names),
- replaces the English strings below, in text and in aria-label/title/placeholder/alt, whenever
  Streamlit renders them (a MutationObserver; only whole strings, never inside our Markdown/HTML).

`CSS` holds the layout rules that use Streamlit's `data-testid` names.

Relies on (checked by tests/test_ui_compat.py against the installed bundle, and in the browser by
tests/browser): the English strings in `UI_TEXT`/`UI_PATTERNS`, the data-testids in `CSS`, and
`st.html(..., unsafe_allow_javascript=True)` running a <script> in the page. Tested with
streamlit `TESTED_VERSION`; another version logs a warning (the app works, some texts may show in
English) until this module and its tests are checked against it.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import PackageNotFoundError, version

log = logging.getLogger(__name__)

TESTED_VERSION = "1.67"

# Streamlit's own strings -> Vietnamese, whole (trimmed) text or attribute value.
UI_TEXT: dict[str, str] = {
    # page frame
    "Skip to main content": "Bỏ qua, đến nội dung chính",
    "Sidebar": "Thanh bên",
    "Collapse sidebar": "Thu gọn thanh bên",
    "Expand sidebar": "Mở thanh bên",
    "App pages": "Các trang",
    "Main menu": "Trình đơn",
    "View less": "Thu gọn",
    "Running...": "Đang xử lý…",
    "Stop": "Dừng",
    "Connecting": "Đang kết nối",
    "Connecting to Streamlit server": "Đang kết nối tới máy chủ",
    "Unable to connect to Streamlit server": "Không kết nối được tới máy chủ",
    "Connection error": "Mất kết nối tới máy chủ",
    "Please wait...": "Vui lòng chờ…",
    "Close": "Đóng",
    "Dismiss": "Đóng",
    # forms and text inputs
    "Press Enter to submit form": "Nhấn Enter để gửi",
    "Press Enter to apply": "Nhấn Enter để áp dụng",
    "Show password": "Hiện mật khẩu",
    "Hide password": "Ẩn mật khẩu",
    # multiselect
    "No results": "Không có lựa chọn phù hợp",
    "Open": "Mở danh sách",
    "Selected values": "Các giá trị đã chọn",
    "Clear all": "Bỏ chọn tất cả",
    "Select all": "Chọn tất cả",
    # date input
    "Choose date": "Chọn ngày",
    "Clear date": "Xóa ngày",
    "Previous month": "Tháng trước",
    "Next month": "Tháng sau",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "Dùng các phím mũi tên để chuyển ngày, Enter để chọn, Esc để đóng.",
    # pagination
    "Pagination": "Phân trang",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    # file uploader
    "Drag and drop files here": "Kéo và thả tệp vào đây",
    "Drag and drop a file here": "Kéo và thả tệp vào đây",
    "Upload": "Chọn tệp",
    "Add files": "Thêm tệp",
    "file upload": "Chọn tệp để tải lên",
    "Error:": "Lỗi:",
    # element toolbars (charts)
    "Show data": "Xem dữ liệu",
    "Download as PNG": "Tải ảnh PNG",
    "Download as CSV": "Tải CSV",
    "Copy Vega-Lite spec": "Sao chép đặc tả biểu đồ",
    "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình",
    "Search": "Tìm",
    "Vega visualization": "Biểu đồ",
    "visualization": "biểu đồ",
    "Next": "Sau",
    "Previous": "Trước",
    "First available date": "Ngày sớm nhất có thể chọn",
    "Last available date": "Ngày muộn nhất có thể chọn",
    "Show suggestions": "Hiện gợi ý",
    "Suggestions": "Gợi ý",
    "Loading": "Đang tải",
    "Scrollable table": "Bảng cuộn được",
}

# (JavaScript regular expression over the whole trimmed string, replacement with $1...).
UI_PATTERNS: list[tuple[str, str]] = [
    (r"^(\d+) options? available\.$", "$1 lựa chọn."),
    (r"^Remove (.+)$", "Bỏ $1"),
    (r"^Page (\d+)$", "Trang $1"),
    (r"^([\d.]+) ?([KMG]?B) per file$", "Tối đa $1 $2 mỗi tệp"),
    (r"^File must be ([\d.]+) ?([KMG]?B) or smaller\.$", "Tệp phải nhỏ hơn hoặc bằng $1 $2."),
    (r"^day, (.+)$", "ngày, $1"),
    (r"^month, (.+)$", "tháng, $1"),
    (r"^year, (.+)$", "năm, $1"),
    (r"^Choose date, (.+)$", "Chọn ngày, $1"),
    (r"^Today, (.+) selected$", "Hôm nay, $1, đang chọn"),
    (r"^Today, (.+)$", "Hôm nay, $1"),
    (r"^Selected Date: (.+)$", "Ngày đã chọn: $1"),
    (r"^(.+?),? selected$", "$1, đã chọn"),
]

# Streamlit names a Material icon for screen readers as "<name> icon"; the button beside it has its
# own (translated) label, so an icon without a Vietnamese name here is named "biểu tượng".
ICON_NAMES: dict[str, str] = {
    "add": "thêm", "upload": "tải lên", "download": "tải xuống", "close": "đóng", "search": "tìm",
    "error": "lỗi", "delete": "xóa", "content_cut": "cắt bớt", "admin_panel_settings": "quản trị",
}

# Never rewritten: our own Markdown/HTML (document text, titles, labels), code blocks, table cells.
# Except in the file uploader, whose "Upload" button label Streamlit renders as Markdown.
_SKIP = '[data-testid="stMarkdownContainer"], [data-testid="stCode"], [data-testid="stTable"]'
_ALLOW = '[data-testid="stFileUploaderDropzone"]'
_ATTRS = ["aria-label", "title", "placeholder", "alt", "aria-roledescription", "aria-description"]

_SCRIPT = """
(() => {
  if (window.__kbVi) return;
  window.__kbVi = true;
  document.documentElement.lang = "vi";
  try {
    Object.defineProperty(navigator, "language", {get: () => "vi-VN", configurable: true});
    Object.defineProperty(navigator, "languages", {get: () => ["vi-VN", "vi"], configurable: true});
  } catch (e) { /* read-only in this browser: the date picker follows the browser's language */ }
  const EXACT = new Map(Object.entries(__TEXT__));
  const PATTERNS = __PATTERNS__.map(([p, r]) => [new RegExp(p), r]);
  const ATTRS = __ATTRS__;
  const SKIP = __SKIP__;
  const ALLOW = __ALLOW__;
  const ICONS = __ICONS__;
  const ICON = /^([a-z_]+) icon$/;
  const translate = (s) => {
    const t = s.trim();
    if (!t || t.length > 200) return null;
    let v = EXACT.get(t);
    const icon = v === undefined ? ICON.exec(t) : null;
    if (icon) v = ("biểu tượng " + (ICONS[icon[1]] || "")).trim();
    if (v === undefined) {
      for (const [re, rep] of PATTERNS) { if (re.test(t)) { v = t.replace(re, rep); break; } }
    }
    return v === undefined || v === t ? null : s.replace(t, v);
  };
  const skipped = (el) => !el || (el.closest(SKIP) !== null && el.closest(ALLOW) === null);
  const fixText = (node) => {
    if (skipped(node.parentElement)) return;
    const v = translate(node.nodeValue);
    if (v !== null) node.nodeValue = v;
  };
  const fixAttrs = (el) => {
    for (const a of ATTRS) {
      const s = el.getAttribute(a);
      if (!s) continue;
      const v = translate(s);
      if (v !== null) el.setAttribute(a, v);
    }
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (!skipped(root)) fixAttrs(root);
    for (const el of root.querySelectorAll("*")) if (!skipped(el)) fixAttrs(el);
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = texts.nextNode())) fixText(n);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") fixText(r.target);
      else if (r.type === "attributes") { if (!skipped(r.target)) fixAttrs(r.target); }
      else r.addedNodes.forEach(walk);
    }
  }).observe(document.documentElement,
             {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS});
  walk(document.body);
})();
"""


def boot_script() -> str:
    """The translation script, with the string tables filled in (JSON, so no escaping issues)."""
    return (_SCRIPT.replace("__TEXT__", json.dumps(UI_TEXT, ensure_ascii=False))
            .replace("__PATTERNS__", json.dumps(UI_PATTERNS, ensure_ascii=False))
            .replace("__ATTRS__", json.dumps(_ATTRS))
            .replace("__SKIP__", json.dumps(_SKIP))
            .replace("__ALLOW__", json.dumps(_ALLOW))
            .replace("__ICONS__", json.dumps(ICON_NAMES, ensure_ascii=False)))


def boot_html() -> str:
    return f"<script>{boot_script()}</script>"


BOOT_KEY = "kb-boot"  # the container holding the script; hidden by CSS

# Layout. The header is fixed (3.75rem): the first heading must start below it at every width.
CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-bottom: 3rem; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-left: 1rem; padding-right: 1rem; }
}
[data-testid="stMain"] h1 { font-size: 1.75rem; line-height: 1.3; padding: .25rem 0 .6rem 0; }
[data-testid="stMain"] h2 { font-size: 1.35rem; line-height: 1.35; }
[data-testid="stMain"] h3 { font-size: 1.12rem; line-height: 1.4; }
.st-key-kb-boot { display: none; }
[data-testid="stDecoration"], footer { display: none; }
/* Streamlit fades captions with opacity .6: 2.9:1 on white, WCAG AA asks 4.5:1. Its styles load after ours. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a5361 !important; }
[data-testid="stCaptionContainer"] code { color: #1f2733 !important; }
[data-testid="stMain"] { overflow-x: hidden; }
/* A file the uploader refuses (too large) keeps its reason in a hidden alert and a hover tooltip: show it
   beside the name. */
[data-testid="stFileChip"][aria-invalid="true"] { flex-wrap: wrap; height: auto !important; max-width: 100%; }
[data-testid="stFileChip"][aria-invalid="true"] > [role="alert"] {
  position: static !important; clip: auto !important; width: auto !important; height: auto !important;
  overflow: visible !important; white-space: normal !important; flex-basis: 100%; margin: .15rem 0 0 0 !important;
  color: #a3001b; font-size: .8rem; line-height: 1.3; }
/* Long file names and ids wrap: a table that scrolls sideways is out of reach for the keyboard. */
[data-testid="stTable"] td, [data-testid="stTable"] th { overflow-wrap: anywhere; word-break: break-word; }
</style>
"""

# On the results page the collapsed sidebar holds the filters: its button says so in words.
SIDEBAR_BUTTON_LABEL_CSS = """
<style>
[data-testid="stExpandSidebarButton"]::after { content: "Bộ lọc"; margin-left: .3rem; font-size: 1rem;
  font-weight: 600; color: #1a56c4; }
</style>
"""


def check_version() -> str | None:
    """A warning when the installed streamlit is not the version this module was checked against."""
    try:
        installed = version("streamlit")
    except PackageNotFoundError:
        return None
    if ".".join(installed.split(".")[:2]) != TESTED_VERSION:
        message = (f"streamlit {installed} is installed; kb/ui/streamlit_compat.py was checked against "
                   f"{TESTED_VERSION}.x: some Streamlit texts may show in English until it is checked again "
                   "(run tests/test_ui_compat.py and the browser tests).")
        log.warning(message)
        return message
    return None
