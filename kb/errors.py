"""Typed errors that the CLI, the web app and scripts tell apart, with a Vietnamese message each.

Storage failures (full disk, read-only media, missing permissions, a damaged file) are not the
user's input being wrong: they get their own type and exit status so that cron jobs can tell
"fix the disk" from "fix the file".
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import NoReturn


class KbError(RuntimeError):
    """Base of the errors the product reports to a person (the message is Vietnamese)."""


class WriterBusy(KbError):
    """Another process is writing to this knowledge base."""


class IngestWorkerError(KbError):
    """An ingest worker process died or failed; what it had committed is kept."""


class StaleData(KbError):
    """Derived data (stored segmentation, index layout) was made by another version; the message
    says which `kb reindex` form brings it up to date."""


class StorageError(KbError):
    """The disk refused a read or write: full, read-only, no permission, or a damaged file.

    `kind` is one of "full", "readonly", "permission", "damaged", "io".
    """

    def __init__(self, kind: str, path: str | Path | None, detail: str, stored: int | None = None):
        self.kind = kind
        self.path = str(path) if path is not None else None
        self.detail = detail
        self.stored = stored
        super().__init__(self._message())

    def _message(self) -> str:
        where = f" ({self.path})" if self.path else ""
        what = {
            "full": f"Ổ đĩa đã đầy, không ghi được vào kho dữ liệu{where}. Hãy giải phóng dung lượng rồi chạy "
            "lại lệnh; sau đó chạy `kb verify --repair` để đồng bộ chỉ mục.",
            "readonly": f"Kho dữ liệu nằm trên vùng chỉ đọc{where}: không ghi được. Tìm kiếm và xem văn bản vẫn "
            "dùng được; để nạp hoặc sửa, hãy dùng một thư mục ghi được (--index).",
            "permission": f"Không có quyền ghi vào kho dữ liệu{where}. Hãy kiểm tra quyền của thư mục rồi chạy "
            "lại lệnh.",
            "damaged": f"Tệp dữ liệu bị hỏng{where}. Hãy khôi phục từ bản sao lưu (`kb restore`).",
            "io": f"Lỗi đọc/ghi đĩa{where}. Hãy kiểm tra ổ đĩa rồi chạy lại lệnh.",
        }[self.kind]
        if self.stored:
            what += f" Đã lưu an toàn {self.stored} văn bản trước khi lỗi."
        return f"{what} (Chi tiết: {self.detail})"


_ERRNO_KIND = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EROFS: "readonly",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EIO: "io",
}


def storage_kind(exc: BaseException) -> str | None:
    """The kind of storage failure `exc` is, or None when it is not one."""
    if isinstance(exc, StorageError):
        return exc.kind
    if isinstance(exc, OSError) and exc.errno in _ERRNO_KIND:
        return _ERRNO_KIND[exc.errno]
    if isinstance(exc, sqlite3.DatabaseError):
        msg = str(exc).lower()
        if "disk is full" in msg or "database or disk is full" in msg:
            return "full"
        if "readonly" in msg or "read-only" in msg:
            return "readonly"
        if "unable to open" in msg:
            return "permission"
        if "malformed" in msg or "not a database" in msg:
            return "damaged"
        if "disk i/o" in msg:
            return "io"
    return None


def as_storage_error(exc: BaseException, path: str | Path | None, stored: int | None = None) -> StorageError | None:
    """`exc` as a StorageError naming `path`, or None when it is not a storage failure."""
    if isinstance(exc, StorageError):
        if stored and not exc.stored:
            return StorageError(exc.kind, exc.path or path, exc.detail, stored)
        return exc
    kind = storage_kind(exc)
    if kind is None:
        return None
    where = getattr(exc, "filename", None) or path
    return StorageError(kind, where, f"{type(exc).__name__}: {exc}", stored)


def reraise(exc: BaseException, path: str | Path | None, stored: int | None = None) -> NoReturn:
    """Re-raise `exc` (from an except block): as a StorageError when it is a storage failure."""
    err = as_storage_error(exc, path, stored)
    if err is not None and err is not exc:
        raise err from exc
    raise exc
