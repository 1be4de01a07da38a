"""What every reader shares: the record shape it yields and the per-record rejection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.models import RawDocument

# Field names a record may use for each property, in any of the spellings seen in the wild.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "ma", "mã", "ma_van_ban", "key"),
    "title": ("title", "tieu_de", "tiêu đề", "tieu de", "tiêu_đề", "headline", "ten", "tên", "trich_yeu"),
    "text": ("text", "noi_dung", "nội dung", "noi dung", "nội_dung", "content", "body", "article"),
    "date": ("date", "ngay", "ngày", "published", "published_at", "ngay_ban_hanh", "ngày ban hành"),
    "url": ("url", "link", "href", "duong_dan"),
    "source": ("source", "nguon", "nguồn"),
    "agency": ("agency", "co_quan", "cơ quan", "co quan", "cơ_quan", "issuer", "don_vi"),
}


@dataclass(slots=True)
class Rejection:
    """One input (or one record of it) that cannot be ingested, and why."""

    origin: str
    reason: str


def _key(name: str) -> str:
    return name.strip().lower()


def record_to_raw(record: dict[str, Any], origin: str) -> RawDocument | Rejection:
    """Map a JSON/CSV record onto a RawDocument; unknown fields go to `extra`."""
    if not isinstance(record, dict):
        return Rejection(origin, "Bản ghi không phải một đối tượng JSON (cần dạng {\"title\": ..., \"text\": ...}).")
    by_key = {_key(str(k)): k for k in record}
    values: dict[str, Any] = {}
    used: set[str] = set()
    for field, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            original = by_key.get(alias)
            if original is not None and record[original] not in (None, ""):
                values[field] = record[original]
                used.add(original)
                break
    extra = {str(k): v for k, v in record.items() if k not in used}
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejection(origin, "Bản ghi không có nội dung văn bản (trường \"text\" hoặc \"noi_dung\" trống).")
    def as_str(v: Any) -> str | None:
        return None if v is None else str(v)
    return RawDocument(
        id=as_str(values.get("id")),
        title=as_str(values.get("title")) or "",
        text=text,
        date=as_str(values.get("date")),
        url=as_str(values.get("url")),
        source=as_str(values.get("source")),
        agency=as_str(values.get("agency")),
        extra=extra,
        origin=origin,
    )
