"""Admin page (password protected): upload documents, delete one, rebuild the index, stats, ingest log."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import secrets

import pandas as pd
import streamlit as st

from kb.api import KnowledgeBase, WriterBusy
from kb.config import Settings
from kb.ingest.pipeline import IngestWorkerError
from kb.models import IngestReport
from kb.ui import auth, render, resources
from kb.ui.labels import NO_INDEX, STATUS_LABELS, human_bytes, vn_number

log = logging.getLogger(__name__)
SESSION_KEY = "admin_session_id"
LOGIN_KEY = "admin_logged_in_as"  # fingerprint of the hash the login was checked against
REPORT_KEY = "admin_last_report"


@st.cache_resource
def limiter() -> auth.RateLimiter:
    """One failed-login limiter per process (shared by all sessions)."""
    return auth.RateLimiter()


def configured_hash() -> str | None:
    """The admin password hash: env KB_ADMIN_PASSWORD_HASH, else st.secrets["admin_password_hash"]."""
    value = Settings().admin_password_hash
    if not value:
        try:
            value = st.secrets.get("admin_password_hash")
        except Exception:  # noqa: BLE001 - no secrets file is the normal case
            value = None
    return str(value).strip() if value else None


def _fingerprint(encoded: str) -> str:
    return hashlib.sha256(encoded.encode()).hexdigest()


def _session_id() -> str:
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = secrets.token_hex(16)
    return st.session_state[SESSION_KEY]


def is_logged_in(encoded: str) -> bool:
    return st.session_state.get(LOGIN_KEY) == _fingerprint(encoded)


def _disabled_notice(malformed: bool) -> None:
    if malformed:
        st.error("Mật khẩu quản trị đã được cấu hình nhưng sai định dạng, nên trang quản trị bị tắt.")
    else:
        st.warning("Trang quản trị đang tắt vì chưa cấu hình mật khẩu quản trị (không có mật khẩu mặc định).")
    st.markdown(
        "Để bật trang này, tạo mã băm của mật khẩu bằng lệnh sau (lệnh sẽ hỏi mật khẩu, rồi in ra mã băm):"
    )
    st.code(auth.HASH_COMMAND, language="bash")
    st.markdown(
        "Sau đó đặt mã băm (dạng `pbkdf2_sha256$<số vòng>$<salt>$<mã hex>`) vào **một** trong hai nơi rồi khởi "
        "động lại ứng dụng:\n"
        "- biến môi trường `KB_ADMIN_PASSWORD_HASH` (đặt trong dấu nháy đơn vì có ký tự `$`), hoặc\n"
        '- tệp `.streamlit/secrets.toml`: `admin_password_hash = "pbkdf2_sha256$..."`.'
    )


def _login_form(encoded: str) -> None:
    st.info("Trang này dành cho người quản trị. Vui lòng nhập mật khẩu.")
    wait = limiter().retry_after(_session_id())
    if wait > 0:
        st.error(f"Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {_minutes(wait)}.")
        return
    with st.form("admin_login"):
        password = st.text_input("Mật khẩu", type="password", key="admin_password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if not submitted:
        return
    ok, wait = auth.attempt_login(password or "", encoded, limiter(), _session_id())
    if ok:
        st.session_state[LOGIN_KEY] = _fingerprint(encoded)
        st.rerun()
    if wait > 0:
        st.error(f"Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {_minutes(wait)}.")
    else:
        st.error("Mật khẩu không đúng.")


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} giây"
    return f"{max(1, round(seconds / 60))} phút"


def _logout() -> None:
    st.session_state.pop(LOGIN_KEY, None)
    st.session_state.pop(REPORT_KEY, None)


# -- logged in ------------------------------------------------------------------------------------------
def report_rows(report: IngestReport) -> list[dict]:
    return [
        {
            "Tệp": item.origin,
            "Trạng thái": STATUS_LABELS.get(item.status, item.status),
            "Mã văn bản": item.id or "",
            "Tiêu đề": item.title or "",
            "Lý do": item.reason or "",
        }
        for item in report.items
    ]


def ingest_files(kb: KnowledgeBase, files: list, progress=None) -> list[dict]:
    """Ingest uploaded files one by one; a file over the size limit is rejected without reading it."""
    rows: list[dict] = []
    limit = kb.settings.max_upload_bytes
    for i, f in enumerate(files):
        if progress is not None:
            progress(i, len(files), f.name)
        size = getattr(f, "size", None)
        if size is not None and size > limit:
            rows.append({"Tệp": f.name, "Trạng thái": STATUS_LABELS["rejected"], "Mã văn bản": "", "Tiêu đề": "",
                         "Lý do": f"Tệp quá lớn ({human_bytes(size)}; tối đa {human_bytes(limit)})."})
            continue
        try:
            rows.extend(report_rows(kb.ingest_bytes(f.name, f.getvalue())))
        except IngestWorkerError:
            rows.append({"Tệp": f.name, "Trạng thái": STATUS_LABELS["rejected"], "Mã văn bản": "", "Tiêu đề": "",
                         "Lý do": "Tiến trình xử lý dừng bất thường (có thể do thiếu bộ nhớ). Các văn bản đã lưu "
                                  "vẫn được giữ; hãy nạp lại tệp này."})
    if progress is not None:
        progress(len(files), len(files), "")
    return rows


def _upload_section(kb: KnowledgeBase) -> None:
    st.subheader("Nạp văn bản")
    st.caption(f"Định dạng: txt, md, html, json, jsonl(.gz), csv, docx, pdf. Mỗi tệp tối đa "
               f"{human_bytes(kb.settings.max_upload_bytes)}.")
    limit_mb = max(1, math.ceil(kb.settings.max_upload_bytes / (1024 * 1024)))
    files = st.file_uploader("Chọn tệp", accept_multiple_files=True, key="admin_upload", max_upload_size=limit_mb)
    if st.button("Nạp vào kho", type="primary", disabled=not files, key="admin_ingest"):
        bar = st.progress(0.0, text="Đang nạp…")

        def progress(done: int, total: int, name: str) -> None:
            text = f"Đang nạp {render.label(name)} ({done + 1}/{total})" if name else "Xong."
            bar.progress(done / max(1, total), text=text)

        try:
            st.session_state[REPORT_KEY] = ingest_files(kb, list(files or []), progress)
        except WriterBusy:
            st.warning(_busy_message())
        except Exception:  # noqa: BLE001 - show a message, keep the details in the log
            log.exception("upload ingest failed")
            st.error("Nạp tệp thất bại do lỗi không mong muốn. Xem nhật ký máy chủ để biết chi tiết.")
    rows = st.session_state.get(REPORT_KEY)
    if rows:
        counts = pd.Series([r["Trạng thái"] for r in rows]).value_counts()
        st.markdown(" · ".join(f"**{render.label(k)}**: {v}" for k, v in counts.items()))
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _busy_message() -> str:
    return ("Một tiến trình khác đang ghi vào kho (nạp hoặc lập chỉ mục lại). "
            "Hãy đợi vài phút rồi thử lại.")


def _delete_section(kb: KnowledgeBase) -> None:
    st.subheader("Xóa văn bản")
    doc_id = st.text_input("Mã văn bản", key="admin_delete_id", placeholder="ví dụ: tin-da-nang-2024-chuyen-doi-so")
    ann = kb.get(doc_id.strip()) if doc_id.strip() else None
    if doc_id.strip():
        if ann is None:
            st.caption("Không có văn bản nào với mã này.")
        else:
            st.caption(f"Sẽ xóa: {render.label(ann.title)}")
    confirm = st.checkbox("Tôi chắc chắn muốn xóa văn bản này", key="admin_delete_confirm")
    if st.button("Xóa", key="admin_delete", disabled=not (ann and confirm)):
        try:
            if kb.delete(doc_id.strip()):
                st.success(f"Đã xóa văn bản {render.label(doc_id.strip())}.")
            else:
                st.warning("Không có văn bản nào với mã này.")
        except WriterBusy:
            st.warning(_busy_message())


def _stats_section(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    c = st.columns(4)
    c[0].metric("Văn bản trong kho", vn_number(stats.get("documents", 0)))
    c[1].metric("Đã lập chỉ mục", vn_number(stats.get("indexed", 0)))
    c[2].metric("Dung lượng chỉ mục", human_bytes(stats.get("index_bytes")))
    c[3].metric("Dung lượng kho", human_bytes(stats.get("store_bytes")))
    if not kb.has_index():
        st.info(NO_INDEX)
    st.caption(f"Thay đổi gần nhất: {_short_time(stats.get('last_change'))} · "
               f"Thư mục dữ liệu: {render.label(stats.get('index_dir', ''))}")


def _index_section(kb: KnowledgeBase) -> None:
    st.subheader("Lập chỉ mục lại")
    st.caption("Dựng lại toàn bộ chỉ mục từ kho văn bản (không đọc lại tệp, không tách từ lại). "
               "Tìm kiếm vẫn chạy bình thường trong lúc dựng; chỉ mục mới được thay vào khi xong.")
    if st.button("Lập chỉ mục lại từ kho", key="admin_reindex"):
        bar = st.progress(0.0, text="Đang lập chỉ mục lại…")

        def progress(done: int, total: int) -> None:
            bar.progress(min(1.0, done / max(1, total)), text=f"Đã lập chỉ mục {done}/{total} văn bản")

        try:
            n = kb.reindex(progress)
            bar.progress(1.0, text="Xong.")
            st.success(f"Đã lập chỉ mục lại {vn_number(n)} văn bản.")
        except WriterBusy:
            st.warning(_busy_message())


def _short_time(value: str | None) -> str:
    """ISO time (UTC) -> "26/11/2026 18:45 (UTC)"."""
    if not value:
        return "chưa có"
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return t.strftime("%d/%m/%Y %H:%M") + (" (UTC)" if t.utcoffset() == dt.timedelta(0) else "")


def _log_section(kb: KnowledgeBase) -> None:
    st.subheader("Nhật ký nạp")
    rows = kb.store.read_log()
    if not rows:
        st.caption("Nhật ký trống.")
        return
    frame = pd.DataFrame(rows, columns=["at", "origin", "status", "id", "reason"])
    st.download_button("Tải nhật ký (CSV)", frame.to_csv(index=False).encode("utf-8-sig"),
                       file_name="nhat-ky-nap.csv", mime="text/csv", key="admin_log_csv", on_click="ignore",
                       icon=":material/download:")
    shown = frame.head(50).rename(columns={"at": "Thời điểm", "origin": "Tệp", "status": "Trạng thái",
                                           "id": "Mã văn bản", "reason": "Lý do"})
    shown["Trạng thái"] = shown["Trạng thái"].map(lambda s: STATUS_LABELS.get(s, s))
    st.dataframe(shown, hide_index=True, width="stretch")


def page() -> None:
    st.markdown("### Quản trị")
    encoded = configured_hash()
    if not encoded or auth.parse_hash(encoded) is None:
        _disabled_notice(malformed=bool(encoded))
        return
    if not is_logged_in(encoded):
        _login_form(encoded)
        return
    kb = resources.get_kb()
    if kb is None:
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption("Đã đăng nhập với quyền quản trị.")
        st.button("Đăng xuất", key="admin_logout", on_click=_logout)
    _stats_section(kb)
    upload, delete, index, logs = st.tabs(["Nạp văn bản", "Xóa văn bản", "Lập chỉ mục lại", "Nhật ký nạp"])
    with upload:
        _upload_section(kb)
    with delete:
        _delete_section(kb)
    with index:
        _index_section(kb)
    with logs:
        _log_section(kb)
