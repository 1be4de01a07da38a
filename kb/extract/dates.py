"""Dates: the document date from a metadata hint, the formal date line or a news dateline (only
with a full year: never guessed), and the distinct years a text mentions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from kb.extract.header import Header, find_date_line
from kb.extract.lexicon import alternation

DateSource = Literal["metadata", "date_line", "dateline"]

MIN_YEAR, MAX_YEAR = 1945, 2100

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_VI_LONG = re.compile(r"(?i)^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$")
_TIME_OF_DAY = (
    "(?:"
    + alternation(
        "Sáng|Chiều|Tối|Trưa|Đêm|Rạng sáng|Sáng sớm|Chiều tối|Tối muộn|Khuya|Ngày|Hôm nay|Hôm qua|Trong ngày|"
        "Cuối ngày|Đầu giờ sáng|Chiều qua|Sáng qua|Sáng nay|Chiều nay|Tối qua|Tối nay".split("|")
    )
    + ")"
)
_DATELINE = re.compile(
    rf"^(?:\([^()\n]{{1,40}}\)\s*[-–:]?\s*|[A-ZĐÀ-Ỹ .]{{2,30}}\s*[-–]\s*)?{_TIME_OF_DAY}"
    r"(?:\s+(?:nay|qua|hôm nay|hôm qua))?\s*(?:\([^)]{0,20}\)\s*)?(?:ngày\s+)?"
    r"(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)
_YEAR = re.compile(r"(?:19|20|21)(?<![\d.,\w][12][0-9])\d\d(?![\d\w]|[.,]\d)")
_YEAR_NOT_AFTER = re.compile(
    r"\s*(?:người|tỷ|triệu|nghìn|ngàn|đồng|USD|m|km|ha|con|hộ|lượt|trường hợp|học sinh|ca|tấn|kg|"
    r"m2|m3|mét|chiếc|căn|xe|cây|lít|phút|giây|giờ|ngày|tháng|điểm|suất|việc|em|cán bộ|đơn|hồ sơ|bản|"
    r"cuốn|trang|km2|vụ|lần|doanh nghiệp|dự án|cơ sở|sản phẩm|mẫu|phần|thí sinh|sinh viên|đại biểu|"
    r"vé|liều|mũi|giường|phòng|căn hộ|lô|thửa|cặp|hécta|héc ta)\b"
)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_hint(hint: str | None) -> dt.date | None:
    """A date given as metadata: ISO ("2022-03-12", with or without a time), dd/mm/yyyy or
    "12 tháng 3 năm 2022". Anything else gives None."""
    if not hint:
        return None
    for pattern, order in ((_ISO, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy"), (_VI_LONG, "dmy")):
        m = pattern.match(hint)
        if m:
            a, b, c = (int(x) for x in m.groups()[:3])
            return safe_date(a, b, c) if order == "ymd" else safe_date(c, b, a)
    return None


def _date_line(text: str, header: Header | None) -> dt.date | None:
    if header is not None and header.date is not None:
        return safe_date(*header.date)
    line = find_date_line(text)
    return safe_date(*line.date) if line is not None and line.starts_line else None


def _dateline(text: str) -> dt.date | None:
    for paragraph in text.split("\n", 3)[:3]:
        m = _DATELINE.match(paragraph.strip())
        if m:
            if m.group(1):
                return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return safe_date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    return None


def document_date(
    text: str, header: Header | None = None, hint: str | None = None
) -> tuple[dt.date | None, DateSource | None]:
    """The document's date and where it came from; (None, None) when the text does not say."""
    date = parse_date_hint(hint)
    if date is not None:
        return date, "metadata"
    date = _date_line(text, header)
    if date is not None:
        return date, "date_line"
    date = _dateline(text)
    if date is not None:
        return date, "dateline"
    return None, None


def years_mentioned(text: str) -> list[int]:
    """Distinct years 1945..2100 written as four digits, ascending ("2.017" and "2017 người" are not)."""
    years: set[int] = set()
    for m in _YEAR.finditer(text):
        year = int(m.group(0))
        if not MIN_YEAR <= year <= MAX_YEAR:
            continue
        if _YEAR_NOT_AFTER.match(text, m.end()):
            continue
        years.add(year)
    return sorted(years)
