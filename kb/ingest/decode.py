"""Bytes to text: BOMs, UTF-8, UTF-16, legacy code pages; binary input is refused with a reason."""

from __future__ import annotations

import codecs
import re
import unicodedata


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
    # Legacy font encodings (TCVN3, VNI) are byte-for-byte Latin text: read that way, they are
    # recognised by legacy_encoding() and refused with their name, never indexed as garbage.
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = data.decode("latin-1")
    if legacy_encoding(latin):
        return latin
    # Windows-1258 writes Vietnamese with combining tone marks; when composing them gives real
    # Vietnamese letters, that was the code page.
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
        letters = sum(1 for c in text if c.isalpha()) or 1
        if _vietnamese_letters(text) / letters > 0.05:
            return text
    except UnicodeDecodeError:
        pass
    return latin


# Legacy Vietnamese font encodings show up, once read as Windows code pages, as Latin-1 symbols
# glued to letters: TCVN3/ABC writes "Thõa Thiªn HuÕ" / "¸" for á, VNI writes "Vieät Nam" and
# "ñ" for đ. Real Unicode Vietnamese has precomposed letters instead.
_TCVN3_MARKS = set("¸µ¶·¹¨©ª«¬®¾»¼½")  # symbols that TCVN3 uses for vowels; never inside real words
_VNI_PAIRS = ("aø", "aù", "aû", "aõ", "aï", "eá", "eà", "eå", "eä", "eâ", "oá", "oà", "oå", "oä", "oã", "öô", "öø",
              "öù", "ôø", "ôù", "ieä", "öôø", "uoä", "ñ")


# Letters that Unicode Vietnamese has and Latin-1 (where legacy encodings land) has not.
_VIETNAMESE_LETTER = re.compile("[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def _vietnamese_letters(text: str) -> int:
    return len(_VIETNAMESE_LETTER.findall(text))


def legacy_encoding(text: str) -> str | None:
    """The name of a legacy Vietnamese encoding the text seems to be in, or None."""
    sample = text[:20000]
    vietnamese = _vietnamese_letters(sample)
    if vietnamese > 0.02 * len(sample):  # letters <= characters: the ratio test below passes too
        return None
    letters = len(_ANY_LETTER.findall(sample))
    if letters < 40 or vietnamese / letters > 0.02:
        return None
    words = sample.split()
    if not words:
        return None
    lowered = sample.lower()
    vni = sum(lowered.count(p) for p in _VNI_PAIRS)
    if vni / len(words) > 0.08:
        return "VNI"
    tcvn = sum(1 for w in words if any(c in _TCVN3_MARKS for c in w))
    if tcvn / len(words) > 0.15:
        return "TCVN3 (ABC)"
    return None


def legacy_reason(name: str) -> str:
    return (
        f"Văn bản dùng bảng mã {name} cũ, không phải Unicode. Hãy chuyển mã sang Unicode "
        "(ví dụ bằng công cụ chuyển mã của Unikey) rồi nạp lại."
    )


def decode_or_reason(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason): the first step of every text-based reader."""
    try:
        return decode_bytes(data), None
    except DecodeError as exc:
        return None, str(exc)
