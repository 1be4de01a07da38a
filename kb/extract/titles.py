"""The title vocabulary of roles ("Phó Chủ tịch", "Giám đốc", "Bộ trưởng", "HLV") as regexes, shared
by people extraction (where a role starts) and agency extraction (where a body's name ends)."""

from __future__ import annotations

import re

from kb.extract.lexicon import alternation, load_json

_ROLES = load_json("roles.json")
GOV_TITLES: list[str] = _ROLES["government_titles"]
TITLES: list[str] = GOV_TITLES + _ROLES["other_titles"]
TITLE_MODIFIERS = ("nguyên", "cựu", "quyền", "tân")  # former (twice), acting, newly appointed
_MODIFIER = "(?:" + "|".join(TITLE_MODIFIERS) + r")\s+"

TITLE_ALT = alternation(TITLES)
TITLE_RE = re.compile(rf"(?i)(?<![\w])(?:{_MODIFIER})?(?:{TITLE_ALT})(?![\w])")
GOV_TITLE_RE = re.compile(rf"(?i)(?:{_MODIFIER})?(?:{alternation(GOV_TITLES)})(?![\w])")
TITLE_AT = re.compile(rf"(?i)(?:{_MODIFIER})?(?:{TITLE_ALT})(?![\w])")
# The same titles, case-sensitive, for lower-cased text (much faster to scan than IGNORECASE).
TITLE_LOWER_RE = re.compile(
    "(?:" + alternation(TITLES + [f"{m} {t}" for m in TITLE_MODIFIERS for t in GOV_TITLES]) + r")(?![\w])"
)
# A title that ends the (lower-cased) text: "... bộ trưởng| - Chủ nhiệm".
TITLE_LOWER_END = re.compile(
    r"(?<![\w])(?:" + alternation(TITLES + [f"{m} {t}" for m in TITLE_MODIFIERS for t in GOV_TITLES]) + r")$"
)
# Usual casing of frequent titles; other titles get a capital first letter. ("Trưởng ban" is left out:
# its second word usually starts the body's name, "Trưởng Ban Tổ chức Trung ương".)
_TITLE_CASING = {
    t.lower(): t
    for t in (
        "Thủ tướng", "Phó Thủ tướng", "Tổng Bí thư", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch",
        "Chủ tịch nước", "Phó Chủ tịch nước", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc",
        "Phó Tổng Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra",
        "Phó Chánh Thanh tra", "Bộ trưởng", "Thứ trưởng", "Chủ nhiệm", "Phó Chủ nhiệm", "Cục trưởng",
        "Phó Cục trưởng", "Viện trưởng", "Phó Viện trưởng", "Chánh án", "Phó Chánh án", "Tổng Thanh tra",
        "Phó Tổng Thanh tra", "Tổng cục trưởng", "Chi cục trưởng", "Tổng thống", "Phó Tổng thống",
        "Ủy viên Bộ Chính trị", "Ủy viên Trung ương Đảng", "Thường trực",
    )
}  # fmt: skip
# Titles too vague to be a role on their own.
BARE_TITLES = frozenset(["trưởng", "phó", "thường trực", "đại diện", "quản lý", "nhân viên"])


def title_casing(title: str) -> str:
    """The usual spelling of a title ("phó thủ tướng" -> "Phó Thủ tướng"), else a capital first letter."""
    return _TITLE_CASING.get(title.lower(), title[0].upper() + title[1:])
