"""Bytes to text: BOMs, UTF-8, UTF-16, legacy code pages; binary input is refused with a reason."""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, in Vietnamese."""


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16 text has NULs too; its BOM is handled before this check.
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control / len(sample) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to str, or raise DecodeError with a reason a person can act on."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("Tệp có dấu BOM UTF-16 nhưng nội dung không giải mã được.") from exc
    if len(data) >= 4 and data[1:2] == b"\x00" and data[3:4] == b"\x00" and data[0:1] != b"\x00":
        try:  # UTF-16-LE without BOM (mostly ASCII-range text)
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise DecodeError("Tệp nhị phân, không phải văn bản (chứa byte NUL hoặc ký tự điều khiển).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for legacy in ("cp1258", "cp1252"):
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        return text
    raise DecodeError(
        "Không nhận ra bảng mã của tệp (không phải UTF-8, UTF-16 hay Windows-1258). "
        "Hãy lưu lại tệp ở dạng UTF-8 rồi tải lên lại."
    )
