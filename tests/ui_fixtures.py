"""Shared fixtures for the UI tests (AppTest and browser): one test index per session.

The index holds the sample corpus plus two hostile documents whose titles are HTML, to check that
the app shows them as text. Test modules wrap these helpers in their own fixtures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
APP = ROOT / "app.py"

XSS_WORD = "xssprobe"
XSS_SCRIPT_TITLE = "<script>alert(1)</script>"
XSS_IMG_TITLE = "<img src=x onerror=alert(1)> Thông báo thử nghiệm"
XSS_DOCS: dict[str, bytes] = {
    "xss-script-title.txt": (
        f"{XSS_SCRIPT_TITLE}\n\nVăn bản kiểm thử {XSS_WORD}: UBND tỉnh Quảng Nam thông báo "
        "<img src=x onerror=alert(2)> và <a href=\"javascript:alert(3)\">liên kết</a> **đậm** [x](javascript:alert(4)).\n"
    ).encode(),
    "xss-img-title.txt": (
        f"{XSS_IMG_TITLE}\n\nNội dung {XSS_WORD} có thẻ <iframe src=\"https://example.com\"></iframe> "
        "và <svg onload=alert(5)>.\n"
    ).encode(),
}

# A password for the admin tests and its hash (few iterations: fast tests; real setups use 600000).
ADMIN_PASSWORD = "mat-khau-thu-nghiem"
ADMIN_SALT = "0123456789abcdef"


def admin_hash() -> str:
    from kb.ui.auth import hash_password

    return hash_password(ADMIN_PASSWORD, salt=ADMIN_SALT, iterations=1000)


def build_ui_index(root: Path) -> Path:
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(root)
    report = kb.ingest_paths([CORPUS], workers=1)
    assert report.count("added") >= 40, report.summary
    for name, data in XSS_DOCS.items():
        r = kb.ingest_bytes(name, data)
        assert r.count("added") == 1, r.items
    kb.store.close()
    kb.engine.close()
    return root


_built: dict[str, Path] = {}


def session_index(tmp_path_factory) -> Path:
    """The test index, built once per test process (AppTest and browser tests share it)."""
    if "index" not in _built:
        _built["index"] = build_ui_index(tmp_path_factory.mktemp("ui-kb"))
    return _built["index"]


def copy_index(src: Path, dest: Path) -> Path:
    """A private copy of the test index that a test may change."""
    shutil.copytree(src, dest, symlinks=True, ignore=shutil.ignore_patterns("write.lock"))
    return dest


def xss_ids(index_dir: Path) -> dict[str, str]:
    """Title -> document id of the hostile documents."""
    from kb.api import KnowledgeBase
    from kb.models import SearchRequest

    kb = KnowledgeBase(index_dir)
    hits = kb.search(SearchRequest(query=XSS_WORD, limit=10)).hits
    return {h.title: h.id for h in hits if h.title in (XSS_SCRIPT_TITLE, XSS_IMG_TITLE)}
