"""App entry: page config, styles, Vietnamese for Streamlit's own texts, navigation between the search
page and the admin page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kb.ui import streamlit_compat

PAGES_DIR = Path(__file__).resolve().parent / "pages"
APP_TITLE = "Tra cứu thông báo tỉnh"

CSS = """
<style>
mark { background: #ffe58a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.kb-hit { padding: .55rem 0 .8rem 0; border-bottom: 1px solid rgba(128,128,128,.2); }
.kb-hit-title { font-size: 1.12rem; font-weight: 600; line-height: 1.35; margin-bottom: .15rem; }
.kb-hit-title a { text-decoration: none; }
.kb-hit-title a:hover { text-decoration: underline; }
.kb-meta { color: #5f6b7a; font-size: .86rem; margin-bottom: .25rem; }
.kb-snippet { font-size: .95rem; line-height: 1.5; margin: .2rem 0 .35rem 0; }
.kb-chips { display: flex; flex-wrap: wrap; gap: .3rem; }
.kb-chip { display: inline-block; border-radius: .8rem; padding: .05rem .6rem; font-size: .8rem;
           border: 1px solid rgba(128,128,128,.25); background: rgba(128,128,128,.08); }
.kb-chip-agency { background: #e8f0fe; border-color: #c6d8fb; color: #1a3f8f; }
.kb-chip-person { background: #e6f4ea; border-color: #bfe3c9; color: #14532d; }
.kb-chip-place { background: #f3effa; border-color: #ddd3f0; color: #4c2f7a; }
.kb-chip-detail { color: #3d4654; }
a.kb-chip-link { text-decoration: none; }
a.kb-chip-link:hover { text-decoration: underline; }
.kb-chip-person .kb-chip-detail { color: #3d6a4e; }
.kb-count { color: #4a5361; font-size: .9rem; }
.kb-hit, .kb-hit-title, .kb-snippet, .kb-meta { overflow-wrap: anywhere; }
.kb-doc-text { line-height: 1.65; font-size: 1rem; padding: .5rem 0; overflow-wrap: anywhere; }
.kb-meta-box { border: 1px solid rgba(128,128,128,.2); border-radius: .5rem; padding: .4rem .8rem; }
.kb-field { padding: .35rem 0; border-bottom: 1px solid rgba(128,128,128,.12); }
.kb-field:last-child { border-bottom: none; }
.kb-field-label { color: #5f6b7a; font-size: .8rem; }
.kb-field-value { font-size: .95rem; overflow-wrap: anywhere; }
.kb-field-value .kb-chip { margin: .15rem .25rem .15rem 0; }
.kb-doc-title h2 { font-size: 1.65rem; line-height: 1.3; padding-top: .4rem; overflow-wrap: anywhere; }
.kb-help code { font-size: .85rem; }
.st-key-apply_suggestion button p { color: #1a56c4; font-weight: 600; font-style: italic; }
.st-key-apply_suggestion button:hover p { text-decoration: underline; }
.kb-related { padding: .35rem 0; border-bottom: 1px solid rgba(128,128,128,.15); }
.kb-related a { text-decoration: none; font-weight: 500; }
</style>
"""


# An emoji favicon becomes a data: URL in the browser; a ":material/...:" one is fetched from Google's servers.
PAGE_ICON = "🔎"
streamlit_compat.check_version()  # once per process: a warning in the log for an untested streamlit


def run() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon=PAGE_ICON, layout="wide")
    st.html(CSS + streamlit_compat.CSS)
    with st.container(key=streamlit_compat.BOOT_KEY):
        st.html(streamlit_compat.boot_html(), unsafe_allow_javascript=True)
    pages = [
        st.Page(PAGES_DIR / "search.py", title="Tìm kiếm", icon=":material/search:", url_path="tim-kiem", default=True),
        st.Page(PAGES_DIR / "who.py", title="Ai giữ chức vụ", icon=":material/badge:", url_path="chuc-vu"),
        st.Page(PAGES_DIR / "person.py", title="Người", icon=":material/person:", url_path="nguoi"),
        st.Page(PAGES_DIR / "agency.py", title="Cơ quan", icon=":material/account_balance:", url_path="co-quan"),
        st.Page(PAGES_DIR / "admin.py", title="Quản trị", icon=":material/admin_panel_settings:", url_path="quan-tri"),
    ]
    st.navigation(pages).run()
