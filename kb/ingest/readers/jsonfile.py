"""JSON: one object, or a list of objects, each one announcement."""

from __future__ import annotations

import json
from collections.abc import Iterator

from kb.ingest.decode import decode_or_reason
from kb.ingest.readers.base import Rejection, record_to_raw
from kb.models import RawDocument

EXTENSIONS = (".json",)


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    content, reason = decode_or_reason(data)
    if content is None:
        yield Rejection(origin, reason or "")
        return
    try:
        parsed = json.loads(content)
    except RecursionError:
        yield Rejection(origin, "JSON lồng nhau quá sâu, không đọc được.")
        return
    except json.JSONDecodeError as exc:
        yield Rejection(origin, f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno} (thiếu hoặc thừa dấu ngoặc, dấu phẩy, dấu nháy).")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        yield Rejection(origin, "Tệp JSON không có bản ghi nào.")
    for i, record in enumerate(records, 1):
        yield record_to_raw(record, f"{origin}#{i}" if isinstance(parsed, list) else origin)
