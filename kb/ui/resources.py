"""The KnowledgeBase, opened once per process and index directory (st.cache_resource)."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from kb.api import KnowledgeBase
from kb.config import Settings

log = logging.getLogger(__name__)


def index_dir() -> str:
    return str(Path(Settings().index_dir).expanduser().resolve())


@st.cache_resource(show_spinner="Đang mở kho dữ liệu…")
def _open(path: str) -> KnowledgeBase:
    kb = KnowledgeBase(path)
    if kb.has_index():
        try:
            kb.warm_up()
        except Exception:  # noqa: BLE001 - warming up is an optimisation; searching still works
            log.exception("warm-up failed for %s", path)
    return kb


def get_kb() -> KnowledgeBase | None:
    """The shared KnowledgeBase for this process, or None (with a message shown) if it cannot be opened."""
    path = index_dir()
    try:
        return _open(path)
    except Exception:  # noqa: BLE001 - the page shows a message instead of a stack trace
        log.exception("cannot open knowledge base at %s", path)
        st.error(
            "Không mở được kho dữ liệu. Hãy kiểm tra biến môi trường KB_INDEX_DIR "
            "(thư mục chứa chỉ mục) và quyền đọc/ghi thư mục đó."
        )
        return None


def data_version(kb: KnowledgeBase) -> str:
    """Changes whenever documents are added, changed or deleted (a cache key for derived data)."""
    try:
        return kb.data_version()
    except Exception:  # noqa: BLE001 - an unreadable store just means no caching
        return f"{kb.root}|?"
