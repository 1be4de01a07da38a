"""JSON Lines, plain or gzip-compressed: one announcement per line; a bad line is rejected alone."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator

from kb.ingest.readers.base import Rejection, record_to_raw
from kb.models import RawDocument

EXTENSIONS = (".jsonl", ".jsonl.gz", ".ndjson")


def _lines(data: bytes) -> Iterator[bytes]:
    if data[:2] == b"\x1f\x8b":
        yield from gzip.GzipFile(fileobj=io.BytesIO(data))
    else:
        yield from io.BytesIO(data)


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    lineno = 0
    try:
        for lineno, raw in enumerate(_lines(data), 1):  # noqa: B007 - lineno used after the loop
            line = raw.strip()
            if not line:
                continue
            where = f"{origin}:{lineno}"
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield Rejection(where, f"Dòng {lineno}: không phải văn bản UTF-8.")
                continue
            except RecursionError:
                yield Rejection(where, f"Dòng {lineno}: JSON lồng nhau quá sâu.")
                continue
            except json.JSONDecodeError as exc:
                yield Rejection(where, f"Dòng {lineno}: JSON không hợp lệ ở cột {exc.colno} (thiếu hoặc thừa dấu ngoặc, dấu phẩy, dấu nháy).")
                continue
            yield record_to_raw(record, where)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(origin, f"Tệp nén gzip bị hỏng sau dòng {lineno}: {exc}.")
