"""Word documents (.docx): paragraphs and tables in order; the first non-empty paragraph (or the
document's title property) is the title."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from kb.ingest.readers.base import Rejection
from kb.ingest.readers.safezip import ZipLimitError, check_archive
from kb.models import RawDocument

EXTENSIONS = (".docx",)


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_archive(zf)
    except zipfile.BadZipFile:
        yield Rejection(origin, "Tệp .docx bị hỏng (không phải tệp Word hợp lệ).")
        return
    except ZipLimitError as exc:
        yield Rejection(origin, f"Tệp .docx bất thường: {exc}")
        return
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        yield Rejection(origin, f"Tệp .docx bị hỏng, không đọc được ({type(exc).__name__}).")
        return
    parts: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            parts.append(text)
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).strip())
                    parts.append("    ".join(c for c in cells if c))
    lines = [p.strip() for p in parts]
    body = "\n".join(lines).strip()
    if not body:
        yield Rejection(origin, "Tệp .docx không có chữ.")
        return
    title = (document.core_properties.title or "").strip() or next(line for line in lines if line)
    yield RawDocument(title=title, text=body, origin=origin)
