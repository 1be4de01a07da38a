"""User-facing Vietnamese labels shared by the pages."""

from __future__ import annotations

import datetime as dt
import math

FACET_LABELS: dict[str, str] = {
    "agency": "Cơ quan",
    "person": "Người",
    "doc_type": "Loại văn bản",
    "year": "Năm",
    "place": "Địa danh",
    "source": "Nguồn",
}

SORT_LABELS: dict[str, str] = {
    "relevance": "Liên quan nhất",
    "newest": "Mới nhất",
    "oldest": "Cũ nhất",
}

STATUS_LABELS: dict[str, str] = {
    "added": "Đã thêm",
    "updated": "Đã cập nhật",
    "unchanged": "Không đổi",
    "rejected": "Bị từ chối",
    "deleted": "Đã xóa",
}

TAB_LABELS: dict[str, str] = {"ket-qua": "Kết quả", "tong-quan": "Tổng quan"}

APP_HEADING = "Tra cứu thông báo của chính quyền cấp tỉnh"

NO_INDEX = (
    "Chưa có chỉ mục tìm kiếm nên chưa tìm được văn bản nào. Người quản trị cần nạp văn bản ở trang "
    "**Quản trị**, hoặc chạy lệnh `kb ingest corpus/` trên máy chủ."
)
NO_TERMS = (
    "Không dùng được truy vấn này: không còn từ nào để tìm sau khi bỏ dấu câu và ký hiệu. "
    "Hãy nhập từ khóa, ví dụ tên cơ quan, tên người hoặc số hiệu văn bản."
)
INVALID_FILTER = "Bộ lọc trong truy vấn không hợp lệ. Xem mục “Cách viết truy vấn” ở trang đầu để biết giá trị được chấp nhận."
SEARCH_FAILED = "Đã xảy ra lỗi khi tìm kiếm. Vui lòng thử lại hoặc diễn đạt truy vấn theo cách khác."


def query_cut_notice(length: int) -> str:
    from kb.ui.state import MAX_QUERY_CHARS

    return (f"Truy vấn dài {vn_number(length)} ký tự, vượt giới hạn {vn_number(MAX_QUERY_CHARS)} ký tự, nên chỉ "
            f"{vn_number(MAX_QUERY_CHARS)} ký tự đầu được dùng để tìm. Hãy rút gọn truy vấn nếu kết quả chưa đúng ý.")


def vn_number(n: int) -> str:
    """1234567 -> "1.234.567" (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


def vn_duration(seconds: float) -> str:
    """Whole seconds, rounded up, in Vietnamese: "45 giây", "2 phút", "1 phút 30 giây", "1 giờ 5 phút"."""
    total = max(1, math.ceil(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} giờ"] if hours else []
    if minutes:
        parts.append(f"{minutes} phút")
    if secs and not hours:
        parts.append(f"{secs} giây")
    return " ".join(parts) or "1 giây"


def vn_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def human_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024
    return f"{size:.1f} TB"
