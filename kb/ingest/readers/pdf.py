"""PDF with a text layer (pypdf). A scanned PDF (images only) is rejected with that reason."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from kb.ingest.readers.base import Rejection
from kb.models import RawDocument

EXTENSIONS = (".pdf",)
MAX_PAGES = 2000
MIN_CHARS = 40

logging.getLogger("pypdf").setLevel(logging.ERROR)


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        yield Rejection(origin, "Tệp .pdf không hợp lệ (thiếu phần đầu %PDF).")
        return
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            yield Rejection(origin, "PDF có mật khẩu bảo vệ; hãy gỡ mật khẩu rồi nạp lại.")
            return
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            yield Rejection(origin, f"PDF có {len(pages)} trang, vượt giới hạn {MAX_PAGES} trang.")
            return
        texts = [(page.extract_text() or "") for page in pages]
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        yield Rejection(origin, f"Tệp PDF bị hỏng, không đọc được ({type(exc).__name__}).")
        return
    body = "\n".join(t.strip() for t in texts).strip()
    if len(body) < MIN_CHARS:
        yield Rejection(
            origin,
            "PDF không có lớp văn bản (có lẽ là bản scan ảnh). Hãy nhận dạng chữ (OCR) trước rồi nạp lại.",
        )
        return
    title = next((line.strip() for line in body.splitlines() if line.strip()), "")
    yield RawDocument(title=title[:300], text=body, origin=origin)
