"""CSV with a header row; the title and text columns are found by name or by content."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from kb.ingest.decode import decode_or_reason
from kb.ingest.readers.base import FIELD_ALIASES, Rejection, record_to_raw
from kb.models import RawDocument

EXTENSIONS = (".csv", ".tsv")

MAX_COLUMNS = 1000
MAX_FIELD = 10_000_000


def _guess_columns(header: list[str], rows: list[list[str]]) -> tuple[str | None, str | None]:
    """When no column is named like a title or a text, take the longest-valued column as text and
    the next longest as title."""
    lengths = []
    for i, name in enumerate(header):
        values = [r[i] for r in rows if i < len(r)]
        avg = sum(len(v) for v in values) / max(1, len(values))
        lengths.append((avg, name))
    lengths.sort(reverse=True)
    text = lengths[0][1] if lengths and lengths[0][0] >= 20 else None
    title = lengths[1][1] if len(lengths) > 1 else None
    return title, text


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    content, reason = decode_or_reason(data)
    if content is None:
        yield Rejection(origin, reason or "")
        return
    csv.field_size_limit(MAX_FIELD)
    sample = content[:4096]
    delimiter = "\t" if origin.lower().endswith(".tsv") or sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejection(origin, "Tệp CSV rỗng.")
        return
    except csv.Error as exc:
        yield Rejection(origin, f"CSV không hợp lệ: {exc}.")
        return
    if len(header) > MAX_COLUMNS:
        yield Rejection(origin, f"CSV có {len(header)} cột, vượt giới hạn {MAX_COLUMNS} cột.")
        return
    header = [h.strip() for h in header]
    known = {a for aliases in (FIELD_ALIASES["title"], FIELD_ALIASES["text"]) for a in aliases}
    try:
        rows = list(reader)
    except csv.Error as exc:
        yield Rejection(origin, f"CSV không hợp lệ ở dòng {reader.line_num}: {exc}.")
        return
    rename: dict[str, str] = {}
    lowered = {h.lower() for h in header}
    if not lowered & set(FIELD_ALIASES["text"]):
        title_col, text_col = _guess_columns(header, rows)
        if text_col is None:
            yield Rejection(
                origin,
                "CSV không có cột nội dung (đặt tên cột là \"text\" hoặc \"noi_dung\").",
            )
            return
        rename[text_col] = "text"
        if title_col and not lowered & known:
            rename[title_col] = "title"
    for lineno, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        record = {rename.get(h, h): (row[i] if i < len(row) else "") for i, h in enumerate(header)}
        yield record_to_raw(record, f"{origin}:{lineno}")
