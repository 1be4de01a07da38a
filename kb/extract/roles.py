"""Role vocabulary of signature blocks: "KT. PHÓ CHỦ TỊCH" under an issuer -> a role in title case.

Its own module so that people extraction and agency extraction both use it without importing
each other.
"""

from __future__ import annotations

import re

from kb.extract.lexicon import alternation


def signer_role(title: str, issuer: str | None) -> str:
    """Role text for a signer block: "PHÓ CHỦ TỊCH" under "UBND tỉnh Quảng Nam" ->
    "Phó Chủ tịch UBND tỉnh Quảng Nam"; "CHÁNH VĂN PHÒNG" under "Văn phòng UBND tỉnh X" ->
    "Chánh Văn phòng UBND tỉnh X"."""
    role = _title_case_role(title)
    if not issuer:
        return role
    for head in ("Văn phòng", "Ban", "Sở", "Trung tâm", "Chi cục", "Cục", "Thanh tra"):
        if role.endswith(head) and issuer.startswith(head):
            return f"{role}{issuer[len(head) :]}"
    return f"{role} {issuer}"


_ROLE_WORDS = {
    "CHỦ TỊCH": "Chủ tịch", "PHÓ": "Phó", "GIÁM ĐỐC": "Giám đốc", "CHÁNH VĂN PHÒNG": "Chánh Văn phòng",
    "BÍ THƯ": "Bí thư", "TRƯỞNG BAN": "Trưởng ban", "CỤC TRƯỞNG": "Cục trưởng",
    "CHI CỤC TRƯỞNG": "Chi cục trưởng",
    "CHÁNH THANH TRA": "Chánh Thanh tra", "BỘ TRƯỞNG": "Bộ trưởng", "THỨ TRƯỞNG": "Thứ trưởng",
    "THỦ TƯỚNG": "Thủ tướng", "CHỦ NHIỆM": "Chủ nhiệm", "TRƯỞNG PHÒNG": "Trưởng phòng", "QUYỀN": "Quyền",
    "TỔNG": "Tổng", "HIỆU TRƯỞNG": "Hiệu trưởng", "VIỆN TRƯỞNG": "Viện trưởng", "CHÁNH ÁN": "Chánh án",
    "TRƯỞNG CÔNG AN": "Trưởng Công an", "CHỈ HUY TRƯỞNG": "Chỉ huy trưởng", "TƯ LỆNH": "Tư lệnh",
    "CHÍNH ỦY": "Chính ủy", "VỤ TRƯỞNG": "Vụ trưởng", "TRƯỞNG ĐOÀN": "Trưởng đoàn",
}  # fmt: skip
_ROLE_WORD_RE = re.compile(r"(?<![\w])(" + alternation(_ROLE_WORDS) + r")(?![\w])")
_SIGNING_PREFIX = re.compile(r"^(?:KT|TM|TL|TUQ|Q|T/M|T/L|K/T)\s*[./]\s*")


def _title_case_role(title: str) -> str:
    """ "KT. PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"."""
    out = _ROLE_WORD_RE.sub(lambda m: _ROLE_WORDS[m.group(1)], _SIGNING_PREFIX.sub("", title.strip()))
    return out.lower().capitalize() if out.isupper() else out
