"""Plain text and Markdown: the first non-empty line is the title, the rest is the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.ingest.decode import decode_or_reason
from kb.ingest.readers.base import Rejection
from kb.models import RawDocument

EXTENSIONS = (".txt", ".md", ".markdown")

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    content, reason = decode_or_reason(data)
    if content is None:
        yield Rejection(origin, reason or "")
        return
    lines = content.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        yield Rejection(origin, "Tệp rỗng: không có dòng chữ nào.")
        return
    title = _MD_HEADING.sub("", lines[first]).strip()
    body = "\n".join(lines[first + 1 :]).strip()
    yield RawDocument(title=title, text=body or title, origin=origin)
