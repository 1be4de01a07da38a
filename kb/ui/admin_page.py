"""Admin page (password protected): upload documents, delete one, rebuild the index, stats, ingest log.

After every change the page runs again at once (caches cleared), so counters, facets and results show
the new state; long operations show documents done / total and the time left; a session expires after
IDLE_SECONDS without a visit to this page (`clock` is replaced in tests)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from kb.api import IngestWorkerError, KnowledgeBase, StorageError, WriterBusy
from kb.config import Settings
from kb.models import IngestReport
from kb.ui import auth, render, resources
from kb.ui.labels import NO_INDEX, STATUS_LABELS, human_bytes, vn_duration, vn_number
from kb.ui.progress import ProgressEstimate

log = logging.getLogger(__name__)
SESSION_KEY = "admin_session_id"
LOGIN_KEY = "admin_logged_in_as"  # fingerprint of the hash the login was checked against
REPORT_KEY = "admin_last_report"
LAST_SEEN_KEY = "admin_last_seen"  # clock() of the last visit while logged in
FLASH_KEY = "admin_flash"  # (kind, message) shown once after the rerun that follows a change
UPLOADER_KEY = "admin_upload_round"  # a new uploader after each ingest (the list of files starts empty)
IDLE_SECONDS = 30 * 60
EXPIRED = ("Phiên quản trị đã hết hạn vì không có thao tác nào trong {minutes} phút. "
           "Vui lòng đăng nhập lại.")

clock: Callable[[], float] = time.monotonic


@st.cache_resource
def limiter(index_dir: str) -> auth.LoginThrottle:
    """The failed-login throttle of an index directory; its state is a file read on every attempt,
    so `kb admin unlock` reaches a running server."""
    return auth.throttle_for(Path(index_dir))


def _configured() -> tuple[str | None, str]:
    """(hash, where it came from). Read on every visit, so `kb admin set-password` needs no restart."""
    value = auth.read_password_hash(Path(resources.index_dir()))
    if value:
        return value, f"tệp `{auth.PASSWORD_FILE}` trong thư mục dữ liệu"
    value = Settings().admin_password_hash
    if value and value.strip():
        return value.strip(), "biến môi trường `KB_ADMIN_PASSWORD_HASH`"
    try:
        value = st.secrets.get("admin_password_hash")
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        value = None
    text = str(value).strip() if value else ""
    return text or None, "`.streamlit/secrets.toml`"


def configured_hash() -> str | None:
    """The admin password hash: `<index>/admin-password`, else env KB_ADMIN_PASSWORD_HASH,
    else st.secrets["admin_password_hash"]."""
    return _configured()[0]


def _fingerprint(encoded: str) -> str:
    return hashlib.sha256(encoded.encode()).hexdigest()


def _session_id() -> str:
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = secrets.token_hex(16)
    return st.session_state[SESSION_KEY]


def is_logged_in(encoded: str) -> bool:
    return st.session_state.get(LOGIN_KEY) == _fingerprint(encoded)


def _disabled_notice(malformed: bool, source: str = "") -> None:
    if malformed:
        st.error(f"Mật khẩu quản trị đã được cấu hình ({source}) nhưng sai định dạng, nên trang quản trị bị tắt.")
    else:
        st.warning("Trang quản trị đang tắt vì chưa cấu hình mật khẩu quản trị (không có mật khẩu mặc định).")
    st.markdown("Cách đơn giản nhất: trên máy chủ, chạy lệnh sau với thư mục dữ liệu mà ứng dụng đang dùng "
                "(lệnh hỏi mật khẩu hai lần rồi lưu mã băm vào thư mục đó). Trang này dùng mật khẩu mới ngay, "
                "không cần khởi động lại ứng dụng:")
    st.code("kb --index THƯ_MỤC_DỮ_LIỆU admin set-password", language="bash")
    st.markdown("Hoặc tạo mã băm của mật khẩu bằng lệnh sau (lệnh sẽ hỏi mật khẩu, rồi in ra mã băm):")
    st.code(auth.HASH_COMMAND, language="bash")
    st.markdown(
        "Sau đó đặt mã băm (dạng `pbkdf2_sha256$<số vòng>$<salt>$<mã hex>`) vào **một** trong hai nơi rồi khởi "
        "động lại ứng dụng:\n"
        "- biến môi trường `KB_ADMIN_PASSWORD_HASH` (đặt trong dấu nháy đơn vì có ký tự `$`), hoặc\n"
        '- tệp `.streamlit/secrets.toml`: `admin_password_hash = "pbkdf2_sha256$..."`.'
    )


def _client() -> auth.Client:
    """This browser session, with the peer address and user agent when Streamlit knows them
    (st.context.ip_address is None for localhost, and for a reverse proxy on the same machine)."""
    try:
        address = st.context.ip_address
        user_agent = st.context.headers.get("User-Agent")
    except Exception:  # noqa: BLE001 - no client context (tests, bare mode): the session id alone
        address = user_agent = None

    def text(value: object) -> str | None:  # AppTest's client context hands back mocks, not strings
        return value if isinstance(value, str) and value else None

    return auth.Client(_session_id(), text(address), text(user_agent))


def _throttled_notice(wait: float) -> None:
    st.error(f"Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {vn_duration(wait)}.")
    st.caption("Người quản trị máy chủ có thể gỡ giới hạn này bằng lệnh `kb admin unlock`.")


def _login_form(encoded: str) -> None:
    st.info("Trang này dành cho người quản trị. Vui lòng nhập mật khẩu.")
    index_dir = resources.index_dir()
    throttle = limiter(index_dir)
    client = _client()
    wait = throttle.retry_after(client)
    if wait > 0:
        _throttled_notice(wait)
        return
    with st.form("admin_login"):
        password = st.text_input("Mật khẩu", type="password", key="admin_password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if not submitted:
        return
    ok, wait = auth.attempt_login(password or "", encoded, throttle, client, auth.auth_log_for(Path(index_dir)))
    if ok:
        st.session_state[LOGIN_KEY] = _fingerprint(encoded)
        st.session_state[LAST_SEEN_KEY] = clock()
        st.rerun()
    if wait > 0:
        _throttled_notice(wait)
    else:
        st.error("Mật khẩu không đúng.")


def _logout() -> None:
    for key in (LOGIN_KEY, REPORT_KEY, LAST_SEEN_KEY, FLASH_KEY):
        st.session_state.pop(key, None)


def idle_expired(last_seen: float | None, now: float, limit: float = IDLE_SECONDS) -> bool:
    return last_seen is not None and now - last_seen > limit


def _still_active() -> bool:
    """False (and logged out) when the last visit is longer ago than IDLE_SECONDS; else notes this visit.
    Checked before any button of the page acts, so an expired session changes nothing."""
    now = clock()
    if idle_expired(st.session_state.get(LAST_SEEN_KEY), now):
        _logout()
        return False
    st.session_state[LAST_SEEN_KEY] = now
    return True


def _changed(kind: str, message: str) -> None:
    """After a change to the collection: drop derived data, then run the page again so the counters,
    facets and results read the new state; the message shows after the rerun."""
    st.cache_data.clear()
    st.session_state[FLASH_KEY] = (kind, message)
    st.rerun()


def _flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if kind == "success":
        st.success(message)
    elif kind == "warning":
        st.warning(message)


# -- logged in ------------------------------------------------------------------------------------------
def _row(origin: str, status: str, reason: str = "", doc_id: str = "", title: str = "") -> dict:
    return {"Tệp": origin, "Trạng thái": STATUS_LABELS.get(status, status), "Mã văn bản": doc_id,
            "Tiêu đề": title, "Lý do": reason}


def report_rows(report: IngestReport) -> list[dict]:
    return [_row(item.origin, item.status, item.reason or "", item.id or "", item.title or "")
            for item in report.items]


WORKER_DIED = ("Tiến trình xử lý dừng bất thường (có thể do thiếu bộ nhớ). Các văn bản đã lưu vẫn được giữ; "
               "hãy nạp lại tệp này.")


def ingest_files(kb: KnowledgeBase, files: list, progress=None) -> list[dict]:
    """Ingest uploaded files one by one; a file over the size limit is rejected without reading it.

    `progress(files_done, bytes_done, documents_done, current_name)` is called before each file and
    after each document."""
    rows: list[dict] = []
    limit = kb.settings.max_upload_bytes
    bytes_done = 0
    documents = 0

    def report(files_done: int, name: str) -> None:
        if progress is not None:
            progress(files_done, bytes_done, documents, name)

    for i, f in enumerate(files):
        report(i, f.name)
        size = getattr(f, "size", None)
        if size is not None and size > limit:
            rows.append(_row(f.name, "rejected", f"Tệp quá lớn ({human_bytes(size)}; tối đa {human_bytes(limit)})."))
            bytes_done += size
            continue

        def on_document(done: int, _total: int | None, _origin: str, index: int = i, name: str = f.name,
                        start: int = documents) -> None:
            nonlocal documents
            documents = start + done
            report(index, name)

        try:
            rows.extend(report_rows(kb.ingest_bytes(f.name, f.getvalue(), on_document)))
        except IngestWorkerError:
            rows.append(_row(f.name, "rejected", WORKER_DIED))
        except StorageError as exc:
            rows.append(_row(f.name, "rejected", str(exc)))
        bytes_done += size or 0
    report(len(files), "")
    return rows


def _summary(rows: list[dict]) -> str:
    counts = pd.Series([r["Trạng thái"] for r in rows]).value_counts()
    return " · ".join(f"**{render.label(k)}**: {v}" for k, v in counts.items())


def _rejections(rows: list[dict]) -> None:
    """Each refused file with its reason beside its name."""
    refused = [r for r in rows if r["Trạng thái"] == STATUS_LABELS["rejected"]]
    if refused:
        lines = [f"- **{render.label(r['Tệp'])}**: {render.label(r['Lý do'] or 'không rõ lý do')}" for r in refused]
        st.error("Không nạp được:\n" + "\n".join(lines), icon=":material/error:")


def _uploader_key() -> str:
    return f"admin_upload_{st.session_state.get(UPLOADER_KEY, 0)}"


def _upload_section(kb: KnowledgeBase) -> None:
    st.header("Nạp văn bản")
    st.caption(f"Định dạng: txt, md, html, json, jsonl(.gz), csv, docx, pdf. Mỗi tệp tối đa "
               f"{human_bytes(kb.settings.max_upload_bytes)}.")
    limit_mb = max(1, math.ceil(kb.settings.max_upload_bytes / (1024 * 1024)))
    files = st.file_uploader("Chọn tệp", accept_multiple_files=True, key=_uploader_key(), max_upload_size=limit_mb)
    if st.button("Nạp vào kho", type="primary", disabled=not files, key="admin_ingest"):
        files = list(files or [])
        total_bytes = sum(getattr(f, "size", 0) or 0 for f in files)
        bar = st.progress(0.0, text="Đang nạp…")
        estimate = ProgressEstimate(len(files), "tệp", clock=clock)

        def progress(files_done: int, bytes_done: int, documents: int, name: str) -> None:
            share = estimate.share(files_done, bytes_done, total_bytes)
            text = estimate.text(files_done, bytes_done, total_bytes) + f" · {vn_number(documents)} văn bản đã xử lý"
            if name:
                text += f" · đang nạp {render.label(name)}"
            bar.progress(share, text=text)

        try:
            rows = ingest_files(kb, files, progress)
        except WriterBusy:
            st.warning(_busy_message())
            return
        except StorageError as exc:
            st.error(str(exc))
            return
        except Exception:  # noqa: BLE001 - show a message, keep the details in the log
            log.exception("upload ingest failed")
            st.error("Nạp tệp thất bại do lỗi không mong muốn. Xem nhật ký máy chủ để biết chi tiết.")
            return
        st.session_state[REPORT_KEY] = rows
        st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1
        stored = sum(r["Trạng thái"] in (STATUS_LABELS["added"], STATUS_LABELS["updated"]) for r in rows)
        _changed("success", f"Đã nạp xong {vn_number(len(files))} tệp: {vn_number(stored)} văn bản được thêm "
                            "hoặc cập nhật. Số liệu và kết quả tìm kiếm đã được làm mới.")
    rows = st.session_state.get(REPORT_KEY)
    if rows:
        st.markdown(_summary(rows))
        _rejections(rows)
        _table(pd.DataFrame(rows), "Kết quả nạp từng tệp")


def _table(frame: pd.DataFrame, description: str) -> None:
    """A static table (plain HTML: read by screen readers, no English toolbar) in a box of fixed height,
    which Streamlit makes a focusable, named region, so its scrolling works with the keyboard too."""
    st.table(frame, hide_index=True, height=min(420, 40 + 36 * len(frame)), alt=description)


def _busy_message() -> str:
    return ("Một tiến trình khác đang ghi vào kho (nạp hoặc lập chỉ mục lại). "
            "Hãy đợi vài phút rồi thử lại.")


def _delete_section(kb: KnowledgeBase) -> None:
    st.header("Xóa văn bản")
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
            deleted = kb.delete(doc_id.strip())
        except WriterBusy:
            st.warning(_busy_message())
            return
        if not deleted:
            st.warning("Không có văn bản nào với mã này.")
            return
        for key in ("admin_delete_id", "admin_delete_confirm"):
            st.session_state.pop(key, None)
        _changed("success", f"Đã xóa văn bản {render.label(doc_id.strip())}.")


def _stats_section(kb: KnowledgeBase) -> int:
    """The counters; returns how many documents hold metadata read by older extraction rules."""
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
    outdated = int(stats.get("outdated_metadata", 0))
    if outdated:
        st.warning(f"{vn_number(outdated)} văn bản có siêu dữ liệu (người, cơ quan, chức vụ, địa danh) do quy tắc "
                   "trích xuất của phiên bản trước đọc, nên bộ lọc và số đếm của chúng có thể khác với văn bản "
                   "mới nạp. Mở thẻ «Lập chỉ mục lại» và bấm «Lập chỉ mục lại từ kho»: ô «Đọc lại siêu dữ liệu» "
                   "đã được chọn sẵn.")
    return outdated


def _index_section(kb: KnowledgeBase, outdated: int) -> None:
    st.header("Lập chỉ mục lại")
    st.caption("Dựng lại toàn bộ chỉ mục từ kho văn bản (không đọc lại tệp, không tách từ lại). "
               "Tìm kiếm vẫn chạy bình thường trong lúc dựng; chỉ mục mới được thay vào khi xong.")
    # Keyed by the count: once nothing is left to read again, a fresh box starts unticked.
    reextract = st.checkbox("Đọc lại siêu dữ liệu bằng quy tắc trích xuất hiện tại", value=bool(outdated),
                            key=f"admin_reextract_{outdated}",
                            help="Chỉ đọc lại các văn bản do phiên bản trước đọc; văn bản và tệp gốc không bị thay đổi.")
    if st.button("Lập chỉ mục lại từ kho", key="admin_reindex"):
        bar = st.progress(0.0, text="Đang lập chỉ mục lại…")
        estimate: ProgressEstimate | None = None

        def progress(done: int, total: int) -> None:
            nonlocal estimate
            if estimate is None or estimate.total != total:
                estimate = ProgressEstimate(total, "văn bản", clock=clock)
            bar.progress(min(1.0, done / max(1, total)), text="Đã lập chỉ mục " + estimate.text(done))

        try:
            n = kb.reindex(progress, reextract=reextract)
        except WriterBusy:
            st.warning(_busy_message())
            return
        except StorageError as exc:
            st.error(str(exc))
            return
        message = f"Đã lập chỉ mục lại {vn_number(n)} văn bản."
        done = kb.last_reextract
        if done is not None:
            message += (f" Đã đọc lại siêu dữ liệu của {vn_number(done.read)} văn bản "
                        f"({vn_number(done.changed)} văn bản có thay đổi).")
            if done.kept:
                shown = ", ".join(render.label(doc_id) for doc_id in done.kept[:10])
                message += (f" {vn_number(len(done.kept))} văn bản giữ siêu dữ liệu cũ vì không khôi phục được "
                            f"ngày hoặc cơ quan mà tệp gốc ghi kèm; hãy nạp lại tệp của chúng: {shown}"
                            + (", …" if len(done.kept) > 10 else ""))
        _changed("success", message)


def _short_time(value: str | None) -> str:
    """ISO time (UTC) -> "26/11/2026 18:45 (UTC)"."""
    if not value:
        return "chưa có"
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return t.strftime("%d/%m/%Y %H:%M") + (" (UTC)" if t.utcoffset() == dt.timedelta(0) else "")


LOG_COLUMNS = {"at": "Thời điểm", "origin": "Tệp", "status": "Trạng thái", "id": "Mã văn bản", "reason": "Lý do"}
LOG_SHOWN = 50


def _log_section(kb: KnowledgeBase) -> None:
    st.header("Nhật ký nạp")
    rows = kb.ingest_log()
    if not rows:
        st.caption("Nhật ký trống.")
        return
    frame = pd.DataFrame(rows, columns=list(LOG_COLUMNS))
    st.download_button("Tải nhật ký (CSV)", frame.to_csv(index=False).encode("utf-8-sig"),
                       file_name="nhat-ky-nap.csv", mime="text/csv", key="admin_log_csv", on_click="ignore",
                       icon=":material/download:")
    shown = frame.head(LOG_SHOWN).rename(columns=LOG_COLUMNS)
    shown["Trạng thái"] = shown["Trạng thái"].map(lambda s: STATUS_LABELS.get(s, s))
    st.caption(f"{vn_number(len(shown))} dòng mới nhất (tệp CSV có đủ {vn_number(len(frame))} dòng).")
    _table(shown, "Nhật ký nạp, dòng mới nhất trước")


def page() -> None:
    st.markdown("# Quản trị")
    encoded, source = _configured()
    if not encoded or auth.parse_hash(encoded) is None:
        _disabled_notice(malformed=bool(encoded), source=source)
        return
    if is_logged_in(encoded) and not _still_active():
        st.warning(EXPIRED.format(minutes=IDLE_SECONDS // 60))
    if not is_logged_in(encoded):
        _login_form(encoded)
        return
    kb = resources.get_kb()
    if kb is None:
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"Đã đăng nhập với quyền quản trị (tự đăng xuất sau {IDLE_SECONDS // 60} phút không thao tác).")
        st.button("Đăng xuất", key="admin_logout", on_click=_logout)
    outdated = _stats_section(kb)
    _flash()
    upload, delete, index, logs = st.tabs(["Nạp văn bản", "Xóa văn bản", "Lập chỉ mục lại", "Nhật ký nạp"],
                                          key="admin_tab")
    with upload:
        _upload_section(kb)
    with delete:
        _delete_section(kb)
    with index:
        _index_section(kb, outdated)
    with logs:
        _log_section(kb)
