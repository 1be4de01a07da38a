"""People: real named persons in a text, with the role the text gives them ("Chủ tịch UBND tỉnh
Nguyễn Văn Phương", "ông Bạch Chơn Đông, Phó Giám đốc Sở Nội vụ", signer blocks), in one canonical
spelling per person. Regex-based: a surname table, honorifics, a title lexicon and stop lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.extract.header import Header
from kb.extract.lexicon import (
    CAP_RUN,
    FUNCTION_CAPS,
    LOWER,
    UPPER,
    Run,
    Spans,
    alternation,
    canonical_org_words,
    cut_at_function_word,
    load_json,
    word_matches,
)
from kb.extract.places import lookup_place_prefix
from kb.models import Person
from kb.text.normalize import lower_same_length

_SURNAMES = load_json("surnames.json")
COMMON_SURNAMES = frozenset(_SURNAMES["common"])
SURNAMES = frozenset(_SURNAMES["common"]) | frozenset(_SURNAMES["other"])
ETHNIC_FIRST = frozenset(_SURNAMES["ethnic_prefixes"])
_NAME_STARTS = SURNAMES | ETHNIC_FIRST
NOT_NAMES = frozenset(_SURNAMES["not_names"])

# Honorifics and descriptions that introduce a name. The value is the role they give, if any.
_HONORIFIC_ROLES: dict[str, str | None] = {
    "ông": None, "bà": None, "anh": None, "chị": None, "em": None, "cô": None, "chú": None, "cháu": None,
    "cụ": None, "bé": None, "thầy": None, "ngài": None, "đồng chí": None, "đ/c": None, "các ông": None,
    "các bà": None, "các đồng chí": None, "các anh": None, "các chị": None, "hai ông": None,
    "bị can": None, "bị cáo": None, "đối tượng": None, "nghi phạm": None, "nghi can": None,
    "nạn nhân": None, "bệnh nhân": None, "bệnh nhi": None, "vợ": None, "chồng": None, "con trai": None,
    "con gái": None, "hàng xóm": None, "người dân": None, "thanh niên": None, "cô gái": None,
    "chủ hộ": None, "chủ nhà": None, "tử tù": None, "phạm nhân": None, "GS": None, "PGS": None,
    "TS": None, "ThS": None, "BS": None, "PGS.TS": None, "GS.TS": None, "TS.BS": None, "NSND": None,
    "NSƯT": None, "nghệ sĩ": None, "nhạc sĩ": None, "họa sĩ": None, "nhà thơ": None, "nhà văn": None,
    "giáo sư": None, "tiến sĩ": None, "thạc sĩ": None, "kỹ sư": None, "Đại tá": None, "Thượng tá": None,
    "Trung tá": None, "Thiếu tá": None, "Đại úy": None, "Thượng úy": None, "Trung úy": None,
    "Thiếu úy": None, "Thiếu tướng": None, "Trung tướng": None, "Thượng tướng": None, "Đại tướng": None,
    "Hòa thượng": None, "Thượng tọa": None, "Đại đức": None, "linh mục": None, "mục sư": None,
    "tài xế": "tài xế", "lái xe": "lái xe", "thuyền trưởng": "thuyền trưởng", "ngư dân": "ngư dân",
    "cử tri": "cử tri", "học sinh": "học sinh", "sinh viên": "sinh viên", "công an viên": "công an viên",
    "luật sư": "luật sư", "bác sĩ": "bác sĩ", "phóng viên": "phóng viên", "nhà báo": "nhà báo",
    "giáo viên": "giáo viên", "cô giáo": "giáo viên", "thầy giáo": "giáo viên", "nông dân": "nông dân",
    "công nhân": "công nhân", "điều dưỡng": "điều dưỡng", "chủ tàu": "chủ tàu", "doanh nhân": "doanh nhân",
    "kiểm lâm viên": "kiểm lâm viên", "chiến sĩ": "chiến sĩ", "cán bộ": "cán bộ", "trung sĩ": None,
    "thượng sĩ": None, "hạ sĩ": None, "binh nhất": None, "binh nhì": None, "Tổng Bí thư": "Tổng Bí thư",
}  # fmt: skip
_HONORIFIC_ALT = alternation(_HONORIFIC_ROLES)
_HONORIFIC_LOWER = {k.lower(): v for k, v in _HONORIFIC_ROLES.items()}
_HONORIFIC_MAX_WORDS = max(len(k.split()) for k in _HONORIFIC_ROLES)


def _honorific_before(text: str, start: int) -> tuple[bool, str | None]:
    """Whether an honorific ends right before `start` ("ông ", "Đại tá ", "PGS.TS. "), and its role."""
    left = text[max(0, start - 40) : start].rstrip(" :")
    words = left.split()
    for n in range(min(_HONORIFIC_MAX_WORDS, len(words)), 0, -1):
        key = " ".join(words[-n:]).lower().rstrip(".")
        if key in _HONORIFIC_LOWER:
            before = left[: len(left) - len(" ".join(words[-n:]))]
            if before and (before[-1].isalnum() or before[-1] in "/."):
                continue
            return True, _HONORIFIC_LOWER[key]
    return False, None
_CAP_HONORIFICS = {"Ông", "Bà", "Anh", "Chị", "Em", "Cô", "Chú", "Cháu", "Cụ", "Bé", "Thầy", "Ngài"}

# Titles that make a role, in lower case; matched case-insensitively.
_GOV_TITLES = [
    "chủ tịch nước", "phó chủ tịch nước", "tổng bí thư", "thủ tướng", "phó thủ tướng", "bộ trưởng",
    "thứ trưởng", "chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "giám đốc", "phó giám đốc",
    "tổng giám đốc", "phó tổng giám đốc", "chánh văn phòng", "phó chánh văn phòng", "chánh thanh tra",
    "phó chánh thanh tra", "tổng thanh tra", "phó tổng thanh tra", "chánh án", "phó chánh án", "chánh tòa",
    "viện trưởng", "phó viện trưởng", "trưởng ban", "phó trưởng ban", "phó ban", "trưởng phòng",
    "phó trưởng phòng", "phó phòng", "trưởng công an", "phó trưởng công an", "trưởng đoàn",
    "phó trưởng đoàn", "cục trưởng", "phó cục trưởng", "tổng cục trưởng", "phó tổng cục trưởng",
    "chi cục trưởng", "phó chi cục trưởng", "vụ trưởng", "phó vụ trưởng", "hạt trưởng", "hạt phó",
    "đồn trưởng", "chỉ huy trưởng", "chỉ huy phó", "chính ủy", "tư lệnh", "phó tư lệnh", "thủ trưởng",
    "người phát ngôn", "ủy viên", "chủ nhiệm", "phó chủ nhiệm", "đại biểu quốc hội", "đại biểu",
    "trưởng thôn", "trưởng bản", "trưởng ấp", "trưởng khu phố", "thẩm phán", "kiểm sát viên",
    "điều tra viên", "thanh tra viên", "chuyên viên", "hiệu trưởng", "phó hiệu trưởng", "trưởng khoa",
    "đội trưởng", "đội phó", "tổ trưởng", "tổ phó", "trạm trưởng", "trưởng trạm", "tổng biên tập",
    "phó tổng biên tập", "thường trực", "trưởng", "phó", "thành ủy viên", "tỉnh ủy viên", "huyện ủy viên",
    "đảng ủy viên", "chủ tịch hđqt", "trưởng đại diện", "người đứng đầu", "tổng thư ký",
]  # fmt: skip
_OTHER_TITLES = ["kế toán", "thủ quỹ", "đại diện", "chủ đầu tư", "chủ doanh nghiệp", "quản lý", "nhân viên"]
_TITLE_ALT = alternation(_GOV_TITLES + _OTHER_TITLES)
TITLE_RE = re.compile(rf"(?i)(?<![\w])(?:(?:nguyên|quyền|tân)\s+)?(?:{_TITLE_ALT})(?![\w])")
# The same titles, case-sensitive, for text that has been lower-cased (much faster than IGNORECASE).
_TITLE_LOWER_RE = re.compile(
    "(?:"
    + alternation([*_GOV_TITLES, *_OTHER_TITLES] + [f"{p} {t}" for p in ("nguyên", "quyền", "tân") for t in _GOV_TITLES])
    + r")(?![\w])"
)
_TITLE_AT = re.compile(rf"(?i)(?:(?:nguyên|quyền|tân)\s+)?(?:{_TITLE_ALT})(?![\w])")
_BARE_TITLES = {"trưởng", "phó", "thường trực", "đại diện", "quản lý", "nhân viên", "chủ tịch", "phó chủ tịch"}

# Stop words that end a role phrase (verbs, prepositions, time words).
_ROLE_STOP = frozenset(
    """cho đã đang sẽ vừa mới là được bị có không chưa về với tại trong trên theo từ đến để khi thì mà
    nhưng nên vì do cùng cũng vẫn đều phát nhấn khẳng yêu đề chỉ chủ trả chia ký trao tặng tiếp
    gửi đánh ghi bày nêu kêu mong hy lo thẳng ngay khẩn nói lưu giải xác thừa báo thăm
    tham dẫn làm nhận quyết ra đi lúc sáng chiều tối ngày hôm nay sau trước vào lên này đó bức
    ông bà anh chị vốn hiện từng lần lượt cũ mới đây đương sinh quê trú ở năm tuổi khi""".split()
)  # fmt: skip
_BUSINESS = re.compile(r"(?i)công ty|\bcty\b|hđqt|hội đồng quản trị|tập đoàn|tổng công ty|doanh nghiệp|ngân hàng|\bctcp\b")
_GOV_ROLE = re.compile(
    r"(?i)ubnd|hđnd|ủy ban|tỉnh ủy|thành ủy|huyện ủy|quận ủy|đảng ủy|\bsở\b|\bbộ\b|chính phủ|quốc hội|"
    r"thủ tướng|bí thư|công an|mttq|mặt trận|\bban\b|văn phòng|thanh tra|cục|tòa án|viện kiểm sát|"
    r"chủ tịch nước|trung ương|\bphòng\b|trung tâm|kiểm lâm|biên phòng|quân sự|đảng"
)
_COMMA_NAMES = re.compile(
    r"Văn hóa, Thể thao|Lao động, Thương binh|VH, TT|Văn hóa, Xã hội|Khoa học, Công nghệ|[Pp]hòng, chống"
)

# First words that show a capitalised run is a body or a place, not a person.
_NOT_NAME_FIRST = frozenset(
    """Sở Bộ Ban Phòng Ủy Cục Trung Công Hội Đoàn Đảng Nhà Trường Bệnh Viện Tòa Quốc Chính Nhân Thành
    Tỉnh Huyện Xã Phường Quận Thị Khu Cảng Sân Chợ Cầu Đường Phố Sông Núi Hồ Vịnh Đèo Đài Báo Tạp
    Thông Tổng Liên Chi Hạt Đồn Lữ Sư Kho Bảo Ngân Văn Mặt Việt Lào Thái Trung Hàn Nhật Mỹ Pháp Đức
    Nga Anh Úc Tết Lễ Xuân Hè Thu Đông Giải Cúp Quỹ Dự Luật Nghị Quyết Chỉ Kế Thủ Phó Chủ Giám Bí
    Chánh Thứ Tổng Đại Thượng Thiếu Học Sinh Nguyên Theo Tin Ảnh Clip Video Kỳ Khóa Lớp Tập Tổ Đội
    Hệ Cơ Cổng Trang Mạng Web Facebook Zalo Vụ Nghĩa Hạ Thượng""".split()
)  # fmt: skip
_NOT_NAME_WORDS = frozenset(
    """UBND HĐND Sở Bộ Phòng Cục Tỉnh Huyện Phường Quận Đảng Ủy Uỷ Bệnh Viện Tòa Ty Kho Báo Đài
    Luật Cảng TP TT""".split()
)  # fmt: skip
_HYPHEN_TAIL = re.compile(rf"-[{LOWER}]+(?![\w-])")
# Names that are also in the place table but are far more often people.
_PLACE_LIKE_NAMES = frozenset()
_STREET_WORDS = re.compile(
    "(?<![\\w])(?:"
    + alternation(
        ["đường", "phố", "tuyến", "cầu", "hẻm", "ngõ", "kiệt", "quảng trường", "công viên", "trường", "giải", "quỹ",
         "tượng đài", "nhà lưu niệm", "khu lưu niệm", "đền", "lăng", "mang tên", "tên là", "phường", "xã", "quận",
         "huyện", "thị trấn", "thị xã", "thành phố", "tỉnh", "tàu", "chương trình", "tác phẩm", "cuốn", "bài hát",
         "ca khúc", "phim", "sách", "đại lộ", "lớp", "học bổng", "bến", "chợ", "ấp", "thôn", "bản", "hội",
         "festival", "lễ hội", "chiến dịch", "giống", "nhãn hiệu", "thương hiệu", "công ty", "doanh nghiệp",
         "dntn", "cửa hàng", "khách sạn", "nhà hàng", "siêu thị", "bệnh viện", "trung tâm", "tập đoàn"]
    )
    + ")(?![\\w])"
)


def _street_context(text: str, start: int) -> bool:
    """A street, school, prize... word earlier in the same clause: the name is not a person."""
    window = text[max(0, start - 80) : start]
    clause = window[max(window.rfind(ch) for ch in ".;:!?\n") + 1 :]
    return _STREET_WORDS.search(lower_same_length(clause[-60:])) is not None


_BYLINE_AFTER = re.compile(r"^\s*(?:\((?:TTXVN|VOV|VNA|TTO|Dân trí|Báo[^)]*|[^)]{0,25}\.(?:vn|VN|net|com))\)|/TTXVN|-\s*$|$)")
_BYLINE_BEFORE = re.compile(r"(?i)(?:ảnh|tin|bài|tin, ảnh|bài, ảnh|video|clip|theo|nguồn|thực hiện|nhóm pv)\s*:?\s*$")
_AGE_AFTER = re.compile(r"\s*[,(]\s*(?:\d{1,3}\s*tuổi|SN|sinh năm|sinh ngày|s\.\s?\d{4}|\d{4}\))")
_LIST_GLUE = re.compile(r"^\s*(?:\([^()]{0,120}\))?\s*(?:,|;|và|cùng|với)\s*(?:các\s+)?(?:ông|bà|anh|chị|đồng chí)?\s*:?\s*$")
_LIST_INTRO = re.compile(
    rf"(?i)((?:{_TITLE_ALT})[^.;:()\n]{{0,60}}?),?\s+(?:gồm(?: có)?|là)\s*(?:các\s+)?"
    r"(?:ông|bà|đồng chí|đ/c)?(?:,?\s*bà)?\s*:?\s*$"
)
_ORG_HEADS = (
    "Tòa", "Sở", "Bộ", "UBND", "HĐND", "Công an", "Ban", "Văn phòng", "Trung tâm", "Chi cục", "Cục", "Phòng",
    "Thanh tra", "Viện", "Hội", "Liên đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Ủy ban", "MTTQ",
)  # fmt: skip
# How an apposition is attached to a name. "direct" and "paren" give the role the text assigns;
# "predicate" ("... là / làm Chủ tịch UBND xã") is weaker than a title written before the name.
_OPENERS = [
    ("direct", re.compile(r"\s*(?:,|-|–|:)\s*(?:(?:hiện|đang|hiện đang|vốn|từng)\s+)?(?:là\s+)?")),
    ("paren", re.compile(r"\s*\(\s*(?:(?:\d{1,3}\s*tuổi|SN:?\s*\d{4}|sinh năm\s*\d{4})\s*[,;-]\s*)?")),
    (
        "predicate",
        re.compile(
            r"\s+(?:hiện|đang|hiện đang|vẫn|vốn|từng|hiện giữ chức|giữ chức(?: vụ)?|được cử)?\s*(?:là|làm)\s+"
            r"|\s+(?:hiện giữ chức|giữ chức(?: vụ)?)\s+"
        ),
    ),
]
# Things written between a name and its apposition: "(SN 1959)", ", sinh ngày 24/4/1975", ", 46 tuổi".
_SKIP_AFTER_NAME = re.compile(
    r"\s*\([^()]{1,90}\)"
    r"|\s*,\s*(?:SN|sinh năm|sinh ngày|\d{1,3}\s*tuổi|quê|trú|ngụ|quốc tịch|dân tộc)[^,;()]{0,60}(?=[,(]|\s+(?:là|làm)\s)"
)
# A title that ends with an admin word or a company word is followed by a place or company name.
_NEEDS_SPLIT = re.compile(
    r"(?:\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)|\b(?:Công ty|công ty|CP|TNHH|MTV|Tập đoàn|HTX|Cty)"
    r"|[Tt]rường|[Bb]ệnh viện)\s*$"
)
# Words right before a capitalised run that make it a place or a thing named after a person.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:thôn|xóm|ấp|bản|làng|khu|tổ|đường|phố|phường|xã|quận|huyện|tỉnh|thành phố|thị trấn|thị xã|cầu|"
    r"sông|núi|chợ|trường|công ty|tàu|chùa|đền|đình|khu phố|hẻm|ngõ|kiệt|đại lộ|quảng trường|xã đảo)|TP\.?|"
    r"[Cc]ông ty|Trường|Đường|Phố|Cầu|Chợ)\s*$"
)
_NAME_IN_SEGMENT = re.compile(rf"(?i)\b(?:ông|bà|anh|chị)\b|[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+")
_WORD = re.compile(rf"[{UPPER}{LOWER}\w&'./-]+")
_GIVEN_REF_RE = re.compile(
    rf"(?:ông|bà|anh|chị|em|cháu|cô|chú|Ông|Bà|Anh|Chị|Em|Cháu|Cô|Chú|đồng chí) ([{UPPER}][{LOWER}]+)(?![\w])"
)


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str  # canonical
    surface: str
    role: str | None
    evidence: str
    role_end: int = 0


@dataclass(slots=True)
class _Found:
    name: str
    roles: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    first: int = 0
    signer_role: str | None = None


def canonical_name(surface: str) -> str:
    """Proper casing per syllable, keeping an upper case letter after an apostrophe ("H'Drai")."""
    words = []
    for word in surface.split():
        if word.isupper() and len(word) > 1:
            word = word[0] + word[1:].lower()
            word = re.sub(r"'(\w)", lambda m: "'" + m.group(1).upper(), word)
        elif word[:1].islower():
            word = word[:1].upper() + word[1:]
        words.append(word)
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


def _clean_role(role: str) -> str | None:
    role = canonical_org_words(role.strip(" ,;:-–"))
    role = re.sub(r"\s+(?:và|của|cùng|kiêm)$", "", role).strip(" ,;:-–")
    if not role:
        return None
    first = role.split(" ")[0].lower()
    if first in ("nguyên", "quyền", "tân") or role.lower().startswith(tuple(_GOV_TITLES)):
        role = role[0].upper() + role[1:] if first not in ("nguyên",) else role
    return role


def _role_phrase(text: str, start: int, limit: int = 160) -> tuple[str, int]:
    """The role phrase that starts with a title at `start`: up to a delimiter or a stop word."""
    title = _TITLE_AT.match(text, start)
    end = title.end() if title else start
    words = 0
    stop = min(len(text), start + limit)
    while end < stop and words < 18:
        comma = _COMMA_NAMES.match(text, end)
        if comma is not None:
            end = comma.end()
            words += 2
            continue
        ch = text[end]
        if ch in ",;.:()\n\"!?":
            if ch == "." and re.match(r"(?:TP|Tp|TX|TT)$", text[max(start, end - 2) : end]):
                end += 1
                continue
            break
        if ch == " ":
            nxt = text[end + 1 : end + 2]
            if text.startswith((" - ", " – "), end):
                after = text[end + 3 : end + 30]
                if not after.startswith(_ORG_HEADS):
                    break
                end += 3
                continue
            m = _WORD.match(text, end + 1)
            word = m.group(0) if m else ""
            if word in _ROLE_STOP or (word == "và" and not text[end + 4 : end + 5].isupper()):
                break
            if word.lower() in ("ông", "bà") or nxt == "":
                break
            end += 1
            continue
        m = _WORD.match(text, end)
        if m is None:
            break
        end = m.end()
        words += 1
        if m.group(0).endswith(".") and not re.fullmatch(r"(?:TP|Tp|TX|TT|[A-ZĐ])\.", m.group(0)):
            end -= 1
            break
    return text[start:end], end


def _skip_to_title(text: str, cursor: int) -> int | None:
    """Where the next title starts: at `cursor`, a few words in ("tập sự Phó Vụ trưởng"), or after
    a short segment without a title or a name ("Hàm Vụ phó, ...")."""
    for _ in range(3):
        if _TITLE_AT.match(text, cursor):
            return cursor
        near = re.match(r"(?:[^\s,;.()]+\s+){1,2}", text[cursor : cursor + 30])
        if near and not any(w in _ROLE_STOP for w in near.group(0).split()):
            if _TITLE_AT.match(text, cursor + near.end()):
                return cursor + near.end()
        seg = re.match(r"([^,;.()]{1,30}),\s*", text[cursor:])
        if seg is None or seg.group(1).count(" ") > 4 or _NAME_IN_SEGMENT.search(seg.group(1)):
            return None
        cursor += seg.end()
    return None


def _segments(text: str, cursor: int) -> tuple[list[str], int]:
    """Role phrases from `cursor` on, separated by commas or "kiêm"."""
    roles: list[str] = []
    end = cursor
    while len(roles) < 6:
        start = _skip_to_title(text, cursor) if not roles else cursor if _TITLE_AT.match(text, cursor) else None
        if start is None:
            break
        phrase, phrase_end = _role_phrase(text, start)
        if phrase.lower().strip() in ("trưởng", "phó", "đại diện", "thường trực"):
            break
        roles.append(phrase)
        end = phrase_end
        nxt = re.match(r"\s*(?:,|;|kiêm)\s*", text[phrase_end:])
        if nxt is None:
            break
        cursor = phrase_end + nxt.end()
    return roles, end


def _appositive_roles(text: str, pos: int) -> tuple[list[str], int, str]:
    """Roles written after a name: ", Phó Giám đốc Sở Y tế, ...", " - Chủ tịch ...", " (Chủ tịch)",
    " (51 tuổi, Giám đốc ...)", " ... là Chủ tịch UBND xã". Returns (roles, end, kind)."""
    starts = [pos]
    skip = _SKIP_AFTER_NAME.match(text, pos)
    if skip is not None:
        starts.append(skip.end())
    for start in starts:
        for kind, opener in _OPENERS:
            m = opener.match(text, start)
            if m is None:
                continue
            roles, end = _segments(text, m.end())
            if not roles:
                continue
            if kind == "paren":
                close = text.find(")", end)
                end = close + 1 if 0 <= close - end < 80 else end
            return roles, end, kind
    return [], pos, ""


_GOV_TITLE_START = re.compile(rf"(?i)(?:(?:nguyên|quyền|tân)\s+)?(?:{alternation(_GOV_TITLES)})(?![\w])")


def _is_gov_title(role: str) -> bool:
    return bool(_GOV_TITLE_START.match(role) or _GOV_ROLE.search(role))


def _choose_role(roles: list[str]) -> str | None:
    """The most specific government role of an apposition: the last government role, else the last
    role that is not a business one, else the last."""
    cleaned = [r for r in (_clean_role(role) for role in roles) if r]
    if not cleaned:
        return None
    for role in reversed(cleaned):
        if _GOV_ROLE.search(role) and not _BUSINESS.search(role):
            return role
    for role in reversed(cleaned):
        if not _BUSINESS.search(role):
            return role
    return cleaned[-1]


_FILLER_HONORIFICS = ("ông", "bà", "đồng chí", "đ/c", "anh", "chị")


def _strip_filler(window: str) -> str:
    """The text before a name without the words that join it to a title: ", ông", " là bà", " của ông"."""
    core = window.rstrip()
    for word in _FILLER_HONORIFICS:
        if core.endswith(" " + word):
            core = core[: -len(word)].rstrip()
            for joiner in ("là", "của"):
                if core.endswith(" " + joiner):
                    core = core[: -len(joiner)].rstrip()
            return core.rstrip(",").rstrip()
    return core


def _has_name(text: str) -> bool:
    """A capitalised run that looks like a person's name (family name first, not a place)."""
    for m in CAP_RUN.finditer(text):
        words = m.group(0).split(" ")
        if len(words) >= 2 and words[0] in COMMON_SURNAMES and not lookup_place_prefix(m.group(0)):
            return True
    return False


def _role_before(text: str, start: int) -> tuple[str | None, bool]:
    """A title written right before a name: "Chủ tịch UBND tỉnh Quảng Nam | Nguyễn Văn A",
    "Giám đốc Sở Y tế, ông | X", "cách chức Chi cục trưởng ... của ông | X".

    Returns (role, found); the role may still need the locality that is glued to the name."""
    window_start = max(0, start - 160)
    window = text[window_start:start]
    core = _strip_filler(window)
    lowered = lower_same_length(core)
    if _TITLE_LOWER_RE.search(lowered) is None:
        return None, False
    cut = max(core.rfind(ch) for ch in ",;.:()\n\"")
    for sep in (" - ", " – ", " và ", " cùng ", " với "):
        i = core.rfind(sep)
        if i > cut:
            cut = i + len(sep) - 1
    segment = core[cut + 1 :] if cut >= 0 else core
    segment_lower = lowered[cut + 1 :] if cut >= 0 else lowered
    for m in word_matches(_TITLE_LOWER_RE, segment_lower):
        between = segment[m.end() :]
        if any(w in _ROLE_STOP for w in between.split()) or _has_name(between):
            continue
        role = segment[m.start() :].strip()
        if role.lower() in _BARE_TITLES - {"chủ tịch", "phó chủ tịch"}:
            return None, False
        return role, True
    return None, False


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def _is_surname(word: str) -> bool:
    return word in SURNAMES or word in ETHNIC_FIRST


def _split_locality(words: list[str], forced: bool = False) -> int:
    """Index where a person name starts in a run like "Quảng Ninh Nguyễn Đức Long": 0 when the run
    is the name, -1 when a locality was required (the title ended with "xã", "Công ty") and the run
    holds no name after it."""
    run = " ".join(words)
    if not forced and words[0] in SURNAMES and len(words) <= 4 and not _is_place_name(" ".join(words[:2])):
        return 0
    if forced and words[0] in COMMON_SURNAMES and 3 <= len(words) <= 4 and not _is_place_name(" ".join(words[:2])):
        return 0
    known = lookup_place_prefix(run)
    if known is not None and known[1] < len(run):
        rest = run[known[1] :].strip().split(" ")
        if 2 <= len(rest) <= 4 and _is_surname(rest[0]):
            return len(words) - len(rest)
    best, best_score = 0, -1
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if not (2 <= len(rest) <= 4) or words[i] not in SURNAMES:
            continue
        score = (2 if words[i] in COMMON_SURNAMES else 1) + (1 if len(rest) == 3 else 0)
        if score > best_score:
            best, best_score = i, score
    if forced and best == 0:
        return -1
    return best


def _cut_at_title(text: str, run: Run, words: list[str], first: int) -> list[str]:
    """Cut a run where a name ends: at a title ("Nguyễn Văn Hùng Phó | Chủ tịch"), a body word or a
    sentence word glued on by a missing full stop ("Hồ Văn Núi | Theo ...")."""
    positions = []
    pos = run.start
    for w in words:
        positions.append(pos)
        pos += len(w) + 1
    kept = cut_at_function_word(" ".join(words)).split(" ")
    for i in range(1, len(kept)):
        if kept[i] in ("Ông", "Bà"):
            kept = kept[:i]
            break
    if len(kept) < len(words):
        return kept
    for i in range(first + 1, len(words)):
        if i >= first + 2 and (words[i] in _NOT_NAME_WORDS or TITLE_RE.match(text, positions[i])):
            return words[:i]
    return words


def _looks_like_name(words: list[str], strong: bool) -> bool:
    if not words or len(words) > 5:
        return False
    if any(w in _NOT_NAME_WORDS for w in words):
        return False
    first = words[0]
    if first in _NOT_NAME_FIRST and first not in SURNAMES:
        return False
    if len(words) == 1:
        return False
    if first in SURNAMES or first in ETHNIC_FIRST:
        return len(words) <= 5
    if strong:
        return len(words) >= 3 or any(c in "wfjz" for w in words for c in w.lower())
    return False


def _is_place_name(name: str) -> bool:
    known = lookup_place_prefix(name)
    return known is not None and known[1] == len(name)


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    words: list[str]
    evidence: str  # honorific / title / apposition / age / list / weak
    role_before: str | None = None
    honorific_role: str | None = None


def _candidates(text: str, runs: list[Run]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for run in runs:
        words = run.words
        start = run.start
        evidence = ""
        honorific_role: str | None = None
        if words[0] in FUNCTION_CAPS and len(words) > 2:
            start += len(words[0]) + 1
            words = words[1:]
        if words[0] in _CAP_HONORIFICS and len(words) > 1:
            start += len(words[0]) + 1
            words = words[1:]
            evidence = "honorific"
        no_surname = not any(w in _NAME_STARTS for w in words)
        if no_surname and len(words) < 3:
            continue  # no family name anywhere: not a Vietnamese name (foreign names need 3 words)
        if not evidence:
            found, honorific_role = _honorific_before(text, start)
            if found:
                evidence = "honorific"
        if no_surname and not evidence:
            continue
        role_before, has_title = (None, False)
        if evidence != "honorific" or honorific_role is None:
            role_before, has_title = _role_before(text, start)
        if has_title and evidence != "honorific":
            forced = bool(_NEEDS_SPLIT.search(role_before or ""))
            first = _split_locality(words, forced)
            if first < 0:
                continue
            if first:
                role_before = f"{role_before} {' '.join(words[:first])}".strip()
                start += len(" ".join(words[:first])) + 1
                words = words[first:]
            evidence = "title"
        words = _cut_at_title(text, Run(start, run.end, " ".join(words)), words, 0)
        if not words:
            continue
        end = start + len(" ".join(words))
        out.append(_Candidate(start, end, words, evidence or "weak", role_before, honorific_role))
    return out


def _byline(text: str, cand: _Candidate) -> bool:
    """A reporter's or photographer's credit rather than a person in the story."""
    after = text[cand.end : cand.end + 40]
    before = text[max(0, cand.start - 25) : cand.start]
    if _BYLINE_BEFORE.search(before):
        return True
    if _BYLINE_AFTER.match(after) and (len(text) - cand.end < 60 or after.lstrip().startswith("(")):
        return True
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line_end = line_end if line_end >= 0 else len(text)
    if line_end - line_start > 80 or line_start == 0:
        return False
    line = text[line_start:line_end]
    return len(line.split()) <= 7 and not TITLE_RE.search(line)


def find_people(text: str, header: Header | None = None, issuer: str | None = None) -> list[PersonMention]:
    """Person mentions in a normalised text, in order; each carries the role given at that mention."""
    from kb.extract.agencies import signer_role

    runs = [Run(m.start(), m.end(), m.group(0)) for m in CAP_RUN.finditer(text) if " " in m.group(0)]
    mentions: list[PersonMention] = []
    previous: PersonMention | None = None
    list_role: str | None = None
    given_refs: set[str] | None = None
    for cand in _candidates(text, runs):
        words = cand.words
        evidence = cand.evidence
        apposition, role_end, apposition_kind = _appositive_roles(text, cand.end)
        glued = previous is not None and _LIST_GLUE.match(text[previous.role_end or previous.end : cand.start])
        window = text[max(0, cand.start - 120) : cand.start]
        tail = window[-30:]
        intro = _LIST_INTRO.search(window) if ("gồm" in tail or " là " in tail[-14:]) else None
        if intro is not None:
            list_role = _clean_role(intro.group(1))
        elif not glued:
            list_role = None
        if evidence == "weak":
            if apposition and apposition_kind != "predicate" and _is_gov_title(apposition[0]):
                evidence = "apposition"
            elif _AGE_AFTER.match(text, cand.end):
                evidence = "age"
            elif glued or intro is not None:
                evidence = "list"
        strong = evidence in ("honorific", "title", "apposition", "age", "list")
        if not _looks_like_name(words, strong):
            continue
        name = canonical_name(" ".join(words))
        if name in NOT_NAMES or (_is_place_name(name) and name not in _PLACE_LIKE_NAMES):
            continue
        hyphen = _HYPHEN_TAIL.match(text, cand.end)
        if hyphen is not None:  # "Kim Jong-un"
            name += hyphen.group(0)
            cand.end = hyphen.end()
        if evidence == "weak":
            if _is_place_name(name) or _street_context(text, cand.start):
                continue
            if given_refs is None:
                given_refs = {m.group(1) for m in _GIVEN_REF_RE.finditer(text)}
            if words[-1] not in given_refs:
                continue
        if evidence in ("weak", "apposition", "age", "list") and _PLACE_BEFORE.search(text[max(0, cand.start - 20) : cand.start]):
            continue
        if evidence != "honorific" and _byline(text, cand):
            continue
        role = None
        if apposition and apposition_kind != "predicate":
            role = _choose_role(apposition)
        if role is None and cand.role_before:
            role = _clean_role(cand.role_before)
        if role is None and apposition:
            role = _choose_role(apposition)
        if role is None and cand.honorific_role:
            role = cand.honorific_role
        if role is None and list_role:
            role = list_role
        mention = PersonMention(cand.start, cand.end, name, text[cand.start : cand.end], role, evidence, role_end)
        mentions.append(mention)
        previous = mention
    if header is not None and header.signer is not None:
        signer = header.signer
        name = canonical_name(signer.name)
        role = signer_role(signer.title, issuer)
        mentions.append(PersonMention(signer.start, signer.end, name, signer.name, role, "signer", signer.end))
    return mentions


def merge_people(mentions: list[PersonMention]) -> list[Person]:
    """One Person per canonical name: the first government role (extended by a longer form of the
    same role when one is given later), every surface form seen."""
    found: dict[str, _Found] = {}
    for mention in mentions:
        key = mention.name.casefold()
        entry = found.get(key)
        if entry is None:
            entry = found[key] = _Found(mention.name, first=mention.start)
        if mention.surface not in entry.surfaces:
            entry.surfaces.append(mention.surface)
        if mention.role and mention.evidence == "signer":
            entry.signer_role = mention.role
        elif mention.role:
            entry.roles.append(mention.role)
    people: list[Person] = []
    for entry in sorted(found.values(), key=lambda f: f.first):
        role = _pick_role(entry.roles, entry.signer_role)
        people.append(Person(name=entry.name, role=role, surface_forms=entry.surfaces))
    return people


def _pick_role(roles: list[str], signer_role: str | None = None) -> str | None:
    if signer_role:
        return signer_role
    if not roles:
        return None
    gov = [r for r in roles if _GOV_ROLE.search(r) and not _BUSINESS.search(r)]
    pool = gov or roles
    chosen = pool[0]
    for role in pool[1:]:
        if role.casefold().startswith(chosen.casefold() + " "):
            chosen = role
    return chosen


def person_spans(mentions: list[PersonMention]) -> Spans:
    return Spans([(m.start, m.end) for m in mentions])
