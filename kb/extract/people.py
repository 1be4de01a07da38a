"""People: real named persons in a text, with the role the text gives them ("Chủ tịch UBND tỉnh
Nguyễn Văn Phương", "ông Bạch Chơn Đông, Phó Giám đốc Sở Nội vụ", signer blocks), in one canonical
spelling per person. Regex-based: a family-name table, honorifics, a title lexicon and stop lists."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kb.extract.agencies import AgencyContext, body_at
from kb.extract.header import Header
from kb.extract.lexicon import (
    CAP_RUN,
    FUNCTION_CAPS,
    LOWER,
    TRANSLITERATED_NAME,
    UPPER,
    VIETNAMESE_LETTERS,
    Run,
    Spans,
    alternation,
    canonical_org_words,
    cap_runs,
    cut_at_function_word,
    foreign_word,
    load_json,
    proper_case,
    word_matches,
)
from kb.extract.places import (
    PROVINCE_FORMS,
    district_prefix,
    lookup_place_prefix,
    province_alias_at,
    province_info,
)
from kb.extract.roles import signer_role
from kb.extract.titles import (
    BARE_TITLES,
    GOV_TITLE_RE,
    TITLE_ALT,
    TITLE_AT,
    TITLE_LOWER_END,
    TITLE_LOWER_RE,
    TITLE_MODIFIERS,
    TITLE_RE,
    TITLES,
    title_casing,
)
from kb.models import Person
from kb.text.normalize import lower_same_length, spelling_key

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

_SURNAMES = load_json("surnames.json")
COMMON_SURNAMES = frozenset(_SURNAMES["common"])
SURNAMES = COMMON_SURNAMES | frozenset(_SURNAMES["other"])
ETHNIC_FIRST = frozenset(_SURNAMES["ethnic_prefixes"])
NOT_NAMES = frozenset(_SURNAMES["not_names"])
_NAME_STARTS = SURNAMES | ETHNIC_FIRST
# The minority name starts that are no place's first word ("A Lưới", "Ya Ly", "Kơ Nia" are places).
_MINORITY_FAMILY_STARTS = ETHNIC_FIRST - {"A", "Ya", "Kơ"}

_FOREIGN = load_json("foreign.json")
FOREIGN_GIVEN = frozenset(_FOREIGN["given_names"])
_PARTICLES = frozenset(_FOREIGN["particles"])
# Countries and organisations written right before a name ("Đại sứ Mỹ tại Việt Nam | Ted Osius").
_NAME_PREFIXES = frozenset(_FOREIGN["countries"]) | NOT_NAMES | {
    "Hollywood", "Bollywood", "Hong Kong", "Hồng Kông", "Đài Loan", "Ma Cao", "Macau",
    "Kremlin", "Điện Kremlin", "Fed", "FED", "Nhà Trắng", "Lầu Năm Góc",
}  # "tài tử Hollywood | Leonardo DiCaprio", "người phát ngôn Điện Kremlin | Dmitry Peskov"

_ROLES = load_json("roles.json")
# Status words ("hành khách", "đại gia") introduce a name like honorifics, but only a family name or a
# foreign-looking name after them: "nhân viên Thảo Cầm Viên" is a zoo.
_STATUS_WORDS = frozenset(_ROLES["status_words"])
_STATUS_WORDS |= {w.replace("sĩ", "sỹ") for w in _STATUS_WORDS if "sĩ" in w}  # "liệt sỹ", "nghị sỹ"
_HONORIFICS: dict[str, str | None] = {k.lower(): v for k, v in _ROLES["honorifics"].items()} | dict.fromkeys(
    _STATUS_WORDS
)
# "bác sỹ", "nghị sỹ", "liệt sỹ": the other spelling of "sĩ", as common in the press; the role keeps it.
_HONORIFICS |= {
    k.replace("sĩ", "sỹ"): v.replace("sĩ", "sỹ") if v else v for k, v in _HONORIFICS.items() if "sĩ" in k
}
_HONORIFIC_MAX_WORDS = max(len(k.split()) for k in _HONORIFICS)
_HONORIFIC_LAST_WORDS = frozenset(k.split()[-1].rstrip(".") for k in _HONORIFICS)
# Honorifics that give a role, written as an apposition: ", tài xế xe tải", " – cầu thủ".
_ROLE_HONORIFIC_AT = re.compile(
    "(?i)(" + alternation([k for k, v in _HONORIFICS.items() if v]) + r")(?![\w])"
)
_DIRECTIONS = frozenset("Nam Bắc Tây Đông".split())
_GIVEN_NAME_COUNTRIES = frozenset({"Jordan", "Georgia", "Chad"})  # "Jordan Pickford" is a name
_COUNTRY_SHORT = frozenset({"Saudi", "Arab Saudi", "Ả Rập Saudi", "Ả-rập Xê-út"})  # short forms the press uses
_COUNTRIES = frozenset(_FOREIGN["countries"])
_COUNTRY_FORMS = _COUNTRIES | _COUNTRY_SHORT
_CAP_HONORIFICS = frozenset("Ông Bà Anh Chị Em Cô Chú Cháu Cụ Bé Thầy Ngài Blogger Sir".split())
# Lower-case words that end a role phrase: verbs, prepositions, time words.
_ROLE_STOP = frozenset(
    """cho đã đang sẽ vừa mới là được bị có không chưa về với tại trong trên theo từ đến để khi thì mà
    nhưng nên vì do cùng cũng vẫn đều phát nhấn khẳng yêu đề chỉ chủ trả chia ký trao tặng tiếp
    gửi đánh ghi bày nêu kêu mong hy lo thẳng ngay khẩn nói lưu giải xác thừa báo thăm
    tham dẫn làm nhận quyết ra đi lúc sáng chiều tối ngày hôm nay sau trước vào lên này đó bức
    ông bà anh chị vốn hiện từng lần lượt cũ mới đây đương sinh quê trú ở năm tuổi khi thay dự chúc mừng
    đọc giao kiểm trình nghe thôi hoan hưởng lời mời""".split()
)  # fmt: skip
# "Ban chỉ đạo", "Ban chỉ huy": a committee's kind, not the verbs "chỉ đạo" (directs) and "chỉ huy".
_STEERING = re.compile(r"[ (][Bb]an chỉ (?:đạo|huy)(?!\w)")
# Agency names with a comma inside, which must not end a role ("Bộ Văn hóa, Thể thao và Du lịch").
_COMMA_NAMES = re.compile(
    r"Văn hóa, Thể thao|Lao động, Thương binh|VH, TT|Văn hóa, Xã hội|Khoa học, Công nghệ|[Pp]hòng, chống"
    r"|Tài chính, Ngân sách|Văn hóa, Giáo dục, Thanh niên, Thiếu niên|Văn hóa, Giáo dục"  # National Assembly committees
)
# A role continues after " - " only into a body's name ("Chánh tòa Hình sự - Tòa án nhân dân tỉnh").
_ORG_HEADS = (
    "Tòa", "Sở", "Bộ", "UBND", "HĐND", "Công an", "Ban", "Văn phòng", "Trung tâm", "Chi cục", "Cục", "Phòng",
    "Thanh tra", "Viện", "Hội", "Liên đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Ủy ban", "MTTQ",
)  # fmt: skip
_BUSINESS = re.compile(
    r"(?i)công ty|\bcty\b|hđqt|hội đồng quản trị|tập đoàn|tổng công ty|doanh nghiệp|ngân hàng|\bctcp\b"
)
_GOV_ROLE = re.compile(
    r"(?i)ubnd|hđnd|ủy ban|tỉnh ủy|thành ủy|huyện ủy|quận ủy|đảng ủy|\bsở\b|(?<!cán )\bbộ\b|chính phủ|quốc hội|"
    r"thủ tướng|bí thư|công an|mttq|mặt trận|\bban\b|văn phòng|thanh tra|cục|tòa án|viện kiểm sát|"
    r"chủ tịch nước|trung ương|\bphòng\b|trung tâm|kiểm lâm|biên phòng|quân sự|đảng"
)

# First words that show a capitalised run is a body, a place or a sentence, not a person.
_NOT_NAME_FIRST = frozenset(
    """Sở Bộ Ban Phòng Ủy Cục Trung Công Hội Đoàn Đảng Nhà Trường Bệnh Viện Tòa Quốc Chính Nhân Thành
    Tỉnh Huyện Xã Phường Quận Thị Khu Cảng Sân Chợ Cầu Đường Phố Sông Núi Hồ Vịnh Đèo Đài Báo Tạp
    Thông Tổng Liên Chi Hạt Đồn Lữ Sư Kho Bảo Ngân Văn Mặt Việt Lào Thái Hàn Nhật Mỹ Pháp Đức Nga
    Anh Úc Tết Lễ Xuân Hè Thu Đông Giải Cúp Quỹ Dự Luật Nghị Quyết Chỉ Kế Thủ Phó Chủ Giám Bí Chánh
    Thứ Đại Thượng Thiếu Học Sinh Nguyên Theo Tin Ảnh Clip Video Kỳ Khóa Lớp Tập Tổ Đội Hệ Cơ Cổng
    Trang Mạng Web Facebook Zalo Vụ Nghĩa Hạ San Santa Los Las""".split()
)  # fmt: skip
# Words never found inside a person's name.
_NOT_NAME_WORDS = frozenset(
    "UBND HĐND Sở Bộ Phòng Cục Tỉnh Huyện Phường Quận Đảng Ủy Uỷ Bệnh Viện Tòa Ty Kho Báo Đài Luật Cảng "
    "TP TT Tp Địa Nhà".split()  # "Phan Thị Ngọc Hà | Địa chỉ", "Vũ Xuân Sáng | Nhà tôi ..."
)
_NOT_A_NAME_CONTEXT = re.compile("(?<![\\w])(?:" + alternation(_ROLES["not_a_name_context"]) + ")(?![\\w])")
# Words right before a capitalised run that make it a place or a thing named after a person.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:thôn|xóm|ấp|bản|làng|khu|tổ|đường|phố|phường|xã|quận|huyện|tỉnh|thành phố|thị trấn|thị xã|cầu|"
    r"sông|núi|chợ|trường|công ty|tàu|chùa|đền|đình|khu phố|hẻm|ngõ|ngách|góc|kiệt|đại lộ|quảng trường|xã đảo)"
    # "huyện miền núi A Lưới", "xã biên giới Ia Dom"
    r"(?: (?:miền núi|vùng cao|biên giới|ven biển|đảo|nghèo))?|"
    r"TP\.?|\d+[/\w]*|HMS|USS|"  # "tàu sân bay HMS Queen Elizabeth": a ship
    r"[Cc]ông ty|Trường|Đường|Phố|Cầu|Chợ)\s*$"
)
# A business, school or hospital name running up to the capitalised words: "Công ty TNHH TM XNK |
# Hoàng Gia Phát", "Trường THPT | Phan Đình Phùng", "Trường Đại học Y khoa | Phạm Ngọc Thạch".
_INSTITUTION_BEFORE = re.compile(
    r"(?:[Cc]ông ty|Cty|CTy|DNTN|HTX|[Dd]oanh nghiệp|[Tt]ập đoàn|[Nn]hà hàng|[Kk]hách sạn|[Cc]ửa hàng|[Hh]iệu|"
    r"[Tt]hương hiệu|Trường|[Tt]rường (?i:mầm non|tiểu học|THCS|THPT|PTTH|trung học|đại học|cao đẳng)|"
    r"Bệnh viện|BV|Đại học|ĐH|Học viện|Nhà văn hóa|Quỹ|Giải|Cúp|Văn phòng [Ll]uật sư|Văn phòng luật|Đoàn [Ll]uật sư)"
    r"(?: (?:[A-ZĐ][\w&.-]*|cổ phần|trách nhiệm hữu hạn|tư nhân|một thành viên|thương mại|dịch vụ|đầu tư|"
    r"xây dựng|sản xuất|xuất nhập khẩu|vận tải|du lịch|và|khoa|phạm|học|đa khoa|quốc tế|"
    r"phổ thông|cơ sở|chuyên|dân tộc nội trú|năng khiếu|bán trú|liên cấp)){0,8} ?$"
)
# Literal words one of which _INSTITUTION_BEFORE needs (a cheap test before the regex).
_INSTITUTION_WORDS = (
    "ông ty", "Cty", "CTy", "DNTN", "HTX", "oanh nghiệp", "ập đoàn", "hà hàng", "hách sạn", "ửa hàng",
    "iệu", "rường", "Bệnh viện", "BV", "Đại học", "ĐH", "Học viện", "Nhà văn hóa", "Quỹ", "Giải", "Cúp",
    "Văn phòng", "Đoàn",
)  # fmt: skip
_INSTITUTION_WORD = re.compile(alternation(_INSTITUTION_WORDS))
_PLACE_WORD_BEFORE = re.compile(r"(?:quận|huyện|xã|phường|tỉnh|phố|thị trấn|ủy) $")


def _institution_before(text: str, lo: int, hi: int) -> bool:
    """An institution's name runs from before `hi` up to it (see _INSTITUTION_BEFORE); not when its
    word is a place's syllable ("huyện Xuân Trường | Nguyễn Văn A", "huyện Trường Sa", "Thiệu Hóa")."""
    m = _INSTITUTION_BEFORE.search(text, lo, hi)
    if m is None:
        return False
    start = m.start()
    if start and text[start - 1].isalnum() or _PLACE_WORD_BEFORE.search(text, max(0, start - 11), start):
        return False
    if m.group(0).rstrip() == "Trường":  # "Xuân Trường", "Quảng Trường": a name's second syllable
        previous = text[max(0, start - 12) : start].split()
        return not (previous and previous[-1][:1].isupper() and previous[-1][-1:].isalpha())
    return True


# A title that ends with an admin word or a company word is followed by a place or company name.
_NEEDS_SPLIT = re.compile(
    r"(?:\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)"
    r"|\b(?:Công ty|công ty|CP|TNHH|MTV|Tập đoàn|HTX|Cty)|[Tt]rường|[Bb]ệnh viện)\s*$"
)

_BYLINE_AFTER = re.compile(
    r"\s*(?:\((?:TTXVN|VOV|VNA|TTO|Dân trí|Báo[^)]*|[^)]{0,25}\.(?:vn|VN|net|com))\)|/TTXVN|-\s*$|$)"
)
_BYLINE_BEFORE = re.compile(
    r"(?i)(?:ảnh|tin|bài|tin, ảnh|bài, ảnh|video|clip|theo|nguồn|thực hiện|nhóm pv)\s*:?\s*$"
)
# An age or an address right after a name: "(SN 1988", ", 45 tuổi", "(trú Vĩnh Hòa", ", ngụ quận 11".
_AGE_AFTER = re.compile(
    r"\s*[,(]\s*(?:\d{1,3}\s*tuổi|SN|sinh năm|sinh ngày|s\.\s?\d{4}|\d{4}\)|trú|ngụ|thường trú|tạm trú)(?!\w)"
)
_LIST_GLUE = re.compile(
    r"\s*(?:\([^()]{0,120}\))?\s*(?:,|;|và|cùng|với)\s*(?:các\s+)?(?:ông|bà|anh|chị|đồng chí)?\s*:?\s*"
)
_LIST_INTRO = re.compile(
    rf"(?i)((?:(?:{'|'.join(TITLE_MODIFIERS)})\s+)?(?:{TITLE_ALT})[^.;:()\n]{{0,60}}?)"
    r"(?:,?\s+(?:gồm(?: có)?|là)\s*(?:các\s+)?(?:ông|bà|đồng chí|đ/c)?(?:,?\s*bà)?\s*:?|\s*:)\s*$"
)
# How an apposition is attached to a name. "direct" and "paren" give the role the text assigns;
# "predicate" ("... là / làm Chủ tịch UBND xã") is weaker than a title written before the name.
_OPENERS = [
    ("direct", re.compile(r"\s*(?:,|-|–|:)\s*(?:(?:hiện|đang|hiện đang|vốn|từng)\s+)?(?:là\s+|giữ chức(?: vụ)?\s+)?")),
    ("paren", re.compile(r"\s*\(\s*(?:(?:\d{1,3}\s*tuổi|SN:?\s*\d{4}|sinh năm\s*\d{4})\s*[,;-]\s*)?(?:là\s+)?")),
    (
        "predicate",
        re.compile(
            r"\s+(?:hiện|đang|hiện đang|vẫn|vốn|từng|hiện giữ chức|giữ chức(?: vụ)?|được cử)?\s*(?:là|làm)\s+"
            r"|\s+(?:hiện giữ chức|giữ chức(?: vụ)?|thôi giữ chức(?: vụ)?)\s+"
            # Appointment wording: "được bổ nhiệm (lại) giữ chức", "được bầu làm", "đến nhận nhiệm vụ là".
            r"|\s+(?:vừa |đã )?được (?:bổ nhiệm|bầu|điều động|phân công|cử|giao|đề bạt)(?: lại| có thời hạn| tạm thời)?"
            r"\s+(?:giữ chức(?: vụ)?|làm|là|vào chức(?: vụ)?|đảm nhiệm(?: chức(?: vụ)?)?)\s+"
            r"|\s+(?:đến |về )?nhận nhiệm vụ (?:mới )?(?:là|làm)\s+|\s+lên làm\s+"
        ),
    ),
]
# Written between a name and its apposition: "(SN 1959)", ", sinh ngày 24/4/1975", ", 46 tuổi".
_SKIP_AFTER_NAME = re.compile(
    r"\s*\([^()]{1,90}\)"
    r"|\s*,\s*(?:SN|sinh năm|sinh ngày|\d{1,3}\s*tuổi|quê|trú|ngụ|quốc tịch|dân tộc)[^,;()]{0,60}"
    r"(?=[,(]|\s+(?:là|làm)\s)"
)
_SEGMENT_SEPARATOR = re.compile(r"\s*(?:,|;|kiêm)\s*")
_FEW_WORDS = re.compile(r"(?:[^\s,;.()]+\s+){1,2}")
_SHORT_SEGMENT = re.compile(r"([^,;.()]{1,30}),\s*")
_NAME_IN_SEGMENT = re.compile(rf"(?i)\b(?:ông|bà|anh|chị)\b|[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+")
_WORD = re.compile(rf"[{UPPER}{LOWER}\w&'./-]+")
_DOTTED = re.compile(r"(?:TP|Tp|TX|TT|[A-ZĐ])\.")
_DOTTED_BEFORE = re.compile(r"(?:TP|Tp|TX|TT)$")
_TRAILING_JOINER = re.compile(r"\s+(?:và|của|cùng|kiêm|như|là|với|gồm)$")
_ARTICLE_TAIL = re.compile(rf" (?:al|el)-[{UPPER}][{LOWER}]+(?![\w-])")
# "Kim Jong-un", "Ameerah Al-Taweel", "Prayut Chan-o-cha"
_HYPHEN_TAIL = re.compile(rf"(?:-[{UPPER}]?[{LOWER}]+)+(?![\w-])")
# Korean names romanised: "Kye Chun-yong", "Ri Yong-ho" (not "Li-băng", "Ả-rập": Vietnamese spellings).
_LOWER_HYPHEN_TAIL = re.compile(r"-[a-z]{2,}(?![\w-])")
_HYPHENATED_FAMILY_NAMES = frozenset(_FOREIGN["hyphenated_family_names"])


def _korean_style(text: str, words: list[str], end: int) -> bool:
    """An East Asian family name first and a lower-case hyphenated part after the run: "Kye Chun-yong"."""
    return words[0] in _HYPHENATED_FAMILY_NAMES and _LOWER_HYPHEN_TAIL.match(text, end) is not None


def _name_tail(text: str, end: int) -> re.Match[str] | None:
    """A hyphenated last part of a name: lower case ("Jong-un"), or capitalised and foreign ("Al-Taweel",
    not "Trang-Trưởng phòng", a title glued to the name)."""
    m = _HYPHEN_TAIL.match(text, end)
    if m is not None and m.group(0)[1].islower() and _VIETNAMESE_LETTERS.search(m.group(0)):
        return None  # "Hà Văn Tiên-nguyên Trưởng phòng": a Vietnamese word ("former") glued by a dash
    if m is None or m.group(0)[1].islower() or foreign_word(m.group(0)[1:]):
        return m
    return None
# Words that refer to a person by the given name alone: "ông Hưng", "chị Lan", "đồng chí Thắng".
_GIVEN_NAME_HONORIFICS = (
    "ông", "bà", "anh", "chị", "em", "cháu", "cô", "chú", "Ông", "Bà", "Anh", "Chị", "Em", "Cháu", "Cô", "Chú",
    "đồng chí",
)  # fmt: skip
_GIVEN_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}]+")
_FILLER_HONORIFICS = ("ông", "bà", "đồng chí", "đ/c", "anh", "chị")
_KIN_HONORIFICS = frozenset(w.lower() for w in _CAP_HONORIFICS) | {"đồng chí"}


def _given_name_referred(text: str, word: str) -> bool:
    """True when the text calls someone by this given name after an honorific ("ông Hưng"). The name's
    few occurrences are checked one by one, which is faster than scanning the text for every honorific."""
    if not _GIVEN_NAME_WORD.fullmatch(word):
        return False
    needle = " " + word
    i = text.find(needle)
    while i >= 0:
        end = i + len(needle)
        if (end == len(text) or not (text[end].isalnum() or text[end] == "_")) and text.endswith(
            _GIVEN_NAME_HONORIFICS, 0, i
        ):
            return True
        i = text.find(needle, i + 1)
    return False


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str  # canonical
    surface: str
    role: str | None
    evidence: str  # honorific / title / apposition / age / list / weak / signer
    role_end: int = 0
    role_is_predicate: bool = False  # "... được bổ nhiệm giữ chức X": weaker than an apposition


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    words: list[str]
    evidence: str
    role_before: str | None = None
    honorific_role: str | None = None
    after_country: bool = False  # a title and a country come first: "Ngoại trưởng Hàn Quốc | Yun Byung-se"
    listed_place: bool = False  # an item of a list of streets, schools or places ("các tuyến phố: ...")
    # The run started with the name of the body the title holds, split off before the person's name:
    # "Giám đốc Bệnh viện Bạch Mai | Nguyễn Quốc Anh" (the hospital's name is not this name's context).
    after_body_name: bool = False


@dataclass(slots=True)
class _Found:
    name: str
    first: int
    roles: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    signer_role: str | None = None
    predicate_roles: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def canonical_name(surface: str) -> str:
    """Proper casing per syllable, keeping an upper-case letter after an apostrophe ("H'Drai") and the
    lower-case particles of foreign names ("Kevin de Bruyne")."""
    raw = surface.split(" ")
    if len(raw) >= 3 and raw[0] == raw[1] and raw[0] in SURNAMES:
        raw = raw[1:]  # "ông Bùi Bùi Xuân Cường": a family name typed twice
        surface = " ".join(raw)
    name = proper_case(surface)
    if raw[-1].startswith(("al-", "el-")):  # "Bashar al-Assad"
        return " ".join([*canonical_name(" ".join(raw[:-1])).split(" "), raw[-1]]) if len(raw) > 1 else surface
    if len(raw) < 3 or _PARTICLES.isdisjoint(raw):
        return name
    words = name.split(" ")
    if len(words) != len(raw):
        return name
    last = len(raw) - 1
    return " ".join(
        r if 0 < i < last and r in _PARTICLES else w for i, (r, w) in enumerate(zip(raw, words, strict=True))
    )


def _is_place_name(name: str) -> bool:
    known = lookup_place_prefix(name)
    return known is not None and known[1] == len(name)


_VIETNAMESE_LETTERS = VIETNAMESE_LETTERS
# Last words of capitalised runs that name events, clubs, media, companies or places, not people.
_NOT_FOREIGN_NAME_LAST = frozenset(
    """League Cup City United FC Club Airways Airlines Force One Times Post Mail News Street Park Stadium
    Trafford Games Awards Prize Group Inc Corp Company Bank Motors Tower Bridge House Hotel Resort Mall
    Center Centre Tour Open Championship Premier Madrid Milan Munich Juventus Arsenal Chelsea Liverpool
    Everton Barcelona Utd Square Island Islands Airport Road Avenue Channel Street Express Network
    Online Today Herald Journal Tribune Guardian Telegraph Star Sun Fox CNN BBC Foundation Institute
    University College School Hospital Council Committee Agency Party Army Navy Corps Media World
    Cruise Cruises Reuters Bloomberg Facebook Google Twitter Apple Samsung Toyota Honda Boeing Angeles York
    Jersey Kong Washington Zealand Arabia Emirates Kingdom States Africa America Bay Valley Beach Hills Lake
    Economics Capital Partners Research Holdings Securities Investments Analytics Wizards Celtics Lakers
    Warriors Cavaliers Rockets Knicks Bulls Slam Masters Hotspur Albion Wanderers Rovers Garros International
    River Sea Gulf Potter Liga Serie Bundesliga Ligue Galaxy Cruiser Note Pro Plus Max Mini Edition
    Mega Amsterdam Zagreb Paris London Berlin Moscow Tokyo Seoul Lisbon Rome Vienna Prague Kiev Istanbul
    Room Office Palace Energy Oil Gas Motor Pharma Strait Canal Mandab Sports Sport Dortmund Leverkusen
    Bowl Arena Festival Show Studio Studios Records Entertainment Music Magazine Daily Weekly Interest Ham Brom
    Model Manila Rod Carolina Team Store Bar Wales Global Queen Beauty Patriots Intelligence Stars Vigo Bang
    Saint-Germain Sinmun Bull Gol Kids Secret Snapdragon Penh Insider Fortuner Lab Nou Balon Petroleum
    Telecom""".split()
)
# English words of places, teams, shows and stores, never in a person's name ("West Ham", "North
# Carolina", "Miss Global", "App Store", "Dream Team", "National Interest").
_NOT_FOREIGN_NAME_WORDS = frozenset("Dream App Play Touch Street Resorts National".split())
_NOT_FOREIGN_NAME_FIRST = frozenset("West East North South New Miss Mister".split())  # ("Kanye West" is a name)
# Brands and products: a run with one of these words is not a person ("Samsung Galaxy", "Land Cruiser").
_BRAND_WORDS = frozenset(
    """Samsung Apple iPhone iPad Galaxy Toyota Honda Ford Lexus Mercedes Mercedes-Benz BMW Audi Porsche
    Hyundai Kia Mazda Nissan Mitsubishi Suzuki Yamaha Land Range Rover Camry Cruiser Vios Ferrari
    Lamborghini Rolls-Royce Bentley Chevrolet Volkswagen Nokia Xiaomi Oppo Huawei Sony LG Microsoft
    Windows Android Google Facebook Youtube YouTube Uber Grab Airbus Boeing Vietjet Jetstar Vietlott Jackpot
    Dinamo Borussia Schiphol The Bundesliga Maps Parisien Figaro Monde Canard Enchaîné Enchaine Libération""".split()
)


# Brands that never start a person's name ("Ford", "Honda", "Suzuki" do: Harrison Ford, Keisuke Honda).
_BRAND_FIRST = frozenset(
    """Microsoft Samsung Apple Google Facebook Youtube YouTube Uber Grab Airbus Boeing Vietjet Jetstar Vietlott
    Nokia Xiaomi Oppo Huawei Sony LG Toyota Mercedes BMW Audi Porsche Hyundai Kia Mazda Nissan Mitsubishi Lexus
    Ferrari Lamborghini Bentley Chevrolet Volkswagen iPhone Windows Android""".split()
)


# Endings of business and place names written as one word ("Beachcamp", "Vinpearl Land").
_BUSINESS_SUFFIXES = (
    "camp", "resort", "beach", "land", "park", "mart", "house", "hotel", "tower", "mall", "city", "ville",
    "world", "group", "tech", "soft", "bank", "food", "farm", "garden", "club", "center", "centre", "port",
    "plaza", "home", "star", "net", "com",
)  # fmt: skip


def looks_foreign(words: list[str]) -> bool:
    """A capitalised run shaped like a foreign person's name: 2-4 words, one of them not Vietnamese,
    none spelled with Vietnamese letters, not ending with a club, media or company word."""
    if not 2 <= len(words) <= (4 if _ARABIC_WORDS.isdisjoint(words) else 5) or words[-1] in _NOT_FOREIGN_NAME_LAST:
        return False
    return _foreign_run(" ".join(words))


_INITIAL = re.compile(r"[A-Z]\.")


@lru_cache(maxsize=8192)
def _foreign_run(run: str) -> bool:
    if run[run.rfind(" ") + 1 :].lower().endswith(_BUSINESS_SUFFIXES):
        return False
    if _VIETNAMESE_LETTERS.search(run.lower()):
        return False  # most runs of a Vietnamese text stop here
    words = run.split(" ")
    if words[0] in _NOT_FOREIGN_NAME_FIRST or len(words) == 2 and words[0] in _COUNTRIES and words[0] != "Jordan":
        return False  # "West Ham", "Miss Universe"; "Philippines Duterte" ("Jordan Pickford" is a name)
    if any(
        w in _NOT_NAME_FIRST or w in _BRAND_WORDS or w in _NOT_FOREIGN_NAME_WORDS
        or w.isupper() and not _INITIAL.fullmatch(w)
        for w in words
    ):
        return False
    return any(foreign_word(w) for w in words)


_MIDDLE_NAMES = frozenset({"Văn", "Thị"})
# The state's leading titles, joined to the post written after the name.
_TOP_TITLE = re.compile(
    r"(?:Phó )?Thủ tướng(?: Chính phủ)?|(?:Bộ|Thứ) trưởng(?: Bộ [^,;()]{2,40})?|Đại sứ|"
    r"(?:Phó )?Chủ tịch (?:nước|Quốc hội)|Tổng Bí thư"
)


def _looks_like_name(words: list[str], strong: bool) -> bool:
    """A family name first and 2-5 syllables; with strong evidence, 3+ syllables of any kind
    (foreign names) or a foreign spelling."""
    if len(words) < 2 or len(words) > 5 or any(w in _NOT_NAME_WORDS for w in words[:-1]):
        return False
    if words[-1] in _NOT_NAME_WORDS and (
        words[-1] not in _LEVEL_GIVEN_NAMES or words[-1] in _BODY_GIVEN_NAMES and len(words) < 3
    ):
        return False
    first = words[0]
    if first in _NOT_NAME_FIRST and first not in SURNAMES:
        return False
    if len(words) == 2 and first in _MIDDLE_NAMES:
        return False  # "Văn Toàn", "Thị Mai": a player's or a woman's short name, no family name
    if first in _NAME_STARTS:
        return True
    return strong and (len(words) >= 3 or looks_foreign(words))


def _has_name(text: str) -> bool:
    """A capitalised run that looks like a person's name (common family name first, not a place)."""
    for m in CAP_RUN.finditer(text):
        words = m.group(0).split(" ")
        if m.group(0) in NOT_NAMES:
            continue  # "Thủ tướng Hà Lan | Mark Rutte": a country, not a person between title and name
        if len(words) >= 2 and words[0] in COMMON_SURNAMES and not lookup_place_prefix(m.group(0)):
            return True
        if any(looks_foreign(words[i:]) for i in range(max(0, len(words) - 4), len(words) - 1)):
            return True  # "Thủ tướng Đức Angela Merkel"
        if len(words) >= 4 and any(
            words[i] in SURNAMES and not lookup_place_prefix(" ".join(words[i:]))
            for i in range(max(1, len(words) - 4), len(words) - 1)
        ):
            return True  # "nhà lãnh đạo Trung Quốc Tập Cận Bình"
    return False


def _starts_name(text: str, pos: int) -> bool:
    """A person's name (common family name, then a capitalised word, not a place) starts at `pos`."""
    m = CAP_RUN.match(text, pos)
    if m is None:
        return False
    words = m.group(0).split(" ")
    return len(words) >= 2 and words[0] in COMMON_SURNAMES and not lookup_place_prefix(m.group(0))


# "tại" + a country or an international body: "Đại sứ Việt Nam tại Hoa Kỳ", "Trưởng Phái đoàn ... tại Liên hợp quốc".
_COUNTRY_AFTER_AT = re.compile(
    " (?:" + alternation([*_COUNTRIES, *NOT_NAMES, "Việt Nam", "Liên hợp quốc", "LHQ"]) + r")(?![\w])"
)
_STATE_NAME = re.compile(r"nước (?:Cộng hòa xã hội chủ nghĩa|Cộng hoà xã hội chủ nghĩa|CHXHCN) Việt Nam ")


def _after_state_name(text: str, pos: int) -> int:
    """Past the state's formal name at `pos` ("nước Cộng hòa xã hội chủ nghĩa Việt Nam "), if it is there."""
    m = _STATE_NAME.match(text, pos)
    return m.end() if m is not None else pos


# A count, "các" or "gồm" before an occupation and the first name of a list ("Hai tiền đạo | A và B").
_PLURAL_OCCUPATION_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:các|những|hai|ba|bốn|sáu|bảy|tám|chín|mười|\d{1,2}|gồm|gồm có) (?:[^\W\d]+ ){1,3}$"
)


def _plural_title_before(text: str, start: int, role: str) -> bool:
    """The title before the name at `start` is plural: "các Phó Thủ tướng | Trương Hòa Bình, ..."."""
    before = text[max(0, start - len(role) - 8) : start].rstrip()
    return before.endswith(role) and before[: len(before) - len(role)].rstrip().lower().endswith(("các", "hai", "ba"))


def _next_person_at(text: str, pos: int) -> bool:
    """A Vietnamese name (see _starts_name) or a foreign one with a known given name starts at `pos`."""
    if _starts_name(text, pos):
        return True
    m = CAP_RUN.match(text, pos)
    return m is not None and " " in m.group(0) and m.group(0).split(" ", 1)[0] in FOREIGN_GIVEN


def _split_locality(words: list[str], forced: bool = False, commune: bool = False) -> int:
    """Where a person's name starts in a run like "Quảng Ninh Nguyễn Đức Long": 0 when the run is
    the name; -1 when a locality or company name was required (the title ended with "xã",
    "Công ty") and no name follows it."""
    run = " ".join(words)
    district = district_prefix(run)
    if district is not None:
        size = district.count(" ") + 1
        if size == len(words):
            # "Phó Chủ tịch UBND huyện Nam Trà My | cho biết": the district's name, not "Nam | Trà My"
            return -1 if forced else 0
        if 2 <= len(words) - size <= 4 and words[size] in _NAME_STARTS:
            return size  # "huyện Đức Phổ | Nguyễn Văn Hải": not the country "Đức" before "Phổ Nguyễn ..."
    if words[0] in _MINORITY_FAMILY_STARTS and 3 <= len(words) <= 5 and (words[0] not in ("Y", "H") or len(words) >= 4):
        return 0  # "Bộ trưởng Bộ Y tế | Y Thanh Hà Niê Kđăm", "Ksor Phước Hà": one name, not "Y Thanh | Hà ..."
    for n in (2, 1):  # "Ngoại trưởng | Hàn Quốc Yun Byung-se": a country first, then the name
        if 2 <= len(words) - n <= 4 and (" ".join(words[:n]) in NOT_NAMES or n == 1 and words[0] in _COUNTRIES):
            if not (len(words) - n == 4 and words[-3] in COMMON_SURNAMES and words[n] in SURNAMES):
                return n  # (not "Bệnh viện Đa khoa | Đức Giang | Đặng Văn Bình": the country's name in a place's)
    # After "phường", "xã", "thị trấn" a name is the commune's ("Phó Chủ tịch UBND phường Lê Thanh Nghị",
    # "Trưởng Công an phường Nguyễn Cư Trinh"): in the 2017 news no title there leaves the commune out.
    if words[0] in SURNAMES and not _is_place_name(" ".join(words[:2])) and not commune:
        if (not forced and len(words) <= 4) or (words[0] in COMMON_SURNAMES and 3 <= len(words) <= 4):
            return 0
    known = lookup_place_prefix(run)
    if known is not None and known[1] < len(run):
        rest = run[known[1] :].strip().split(" ")
        if 2 <= len(rest) <= 4 and rest[0] in _NAME_STARTS or (
            4 <= len(rest) <= 5 and rest[0] in _MINORITY_FAMILY_STARTS
        ):
            return len(words) - len(rest)  # "Quảng Ninh | Nguyễn Đức Long", "Đắk Lắk | Y Thanh Hà Niê Kđăm"
    best, best_score = 0, -1
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if 2 <= len(rest) <= 4 and words[i] in SURNAMES and not (
            commune and (words[i] not in COMMON_SURNAMES or len(rest) < 3)  # "phường Lê | Thanh Nghị"
        ):
            score = (2 if words[i] in COMMON_SURNAMES else 1) + (1 if len(rest) == 3 else 0)
            if score > best_score:
                best, best_score = i, score
    return -1 if forced and best == 0 else best


_TITLE_FIRST_WORDS = frozenset(t.split(" ")[0].lower() for t in (*TITLES, *TITLE_MODIFIERS))


_LOWER_WORD_AT = re.compile(rf" [{LOWER}]")


def _cut_run(text: str, start: int, words: list[str]) -> list[str]:
    """Cut a run where a name ends: at a sentence word glued on by a missing full stop ("Hồ Văn Núi
    | Theo ..."), another honorific, a body word or a title ("Nguyễn Văn Hùng | Phó Chủ tịch")."""
    kept = cut_at_function_word(" ".join(words)).split(" ")
    for i in range(1, len(kept)):
        if kept[i] in ("Ông", "Bà"):
            return kept[:i]
    if len(kept) < len(words):
        return kept
    pos = start
    for i, word in enumerate(words):
        if i >= 2 and (
            word in _NOT_NAME_WORDS and not (word in _LEVEL_GIVEN_NAMES and i == len(words) - 1)
            or (word.lower() in _TITLE_FIRST_WORDS and _title_goes_on(text, pos))
            or word == "Báo" and _LOWER_WORD_AT.match(text, pos + len(word)) is not None  # "Báo chí", "Báo cáo"
            or word == "Công" and _POLICE_AT.match(text, pos) is not None  # "Lưu Tổng Đức | Công an quận X tạm giữ"
        ):
            return words[:i]
        pos += len(word) + 1
    return words


_POLICE_AT = re.compile(rf"Công an (?:tỉnh|thành phố|TP|quận|huyện|thị xã|phường|xã|thị trấn|[{UPPER}])")


# Level and body words that are given names too: last in a run, with no place or name after them, they
# end a person's name ("ông Nguyễn Văn Huyện, Tổng cục trưởng", "ông Vũ Văn Viện, Giám đốc Sở GTVT").
_LEVEL_GIVEN_NAMES = frozenset({"Huyện", "Tỉnh", "Phường", "Quận", "Viện", "Đài", "Báo"})
# Only after a family and a middle name: "Bùi Viện" is a street ("ông Trần Mạnh Báo, Tổng giám đốc").
_BODY_GIVEN_NAMES = frozenset({"Viện", "Đài", "Báo"})


def _title_goes_on(text: str, pos: int) -> bool:
    """A title starts at `pos` and is more than a name's last syllable: "Lê Tiến Trưởng, Tổng giám
    đốc" ends with a given name, "Nguyễn Văn Hùng Phó Chủ tịch" with a title."""
    m = TITLE_RE.match(text, pos)
    if m is None:
        return False
    return " " in m.group(0).strip() or text[m.end() : m.end() + 1] not in (",", ";", ")", ".", "")


def _not_a_name_context(text: str, start: int, reach: int = 60, named_apart: bool = False) -> bool:
    """A street, school, prize... word earlier in the same clause (within `reach` characters): the
    name is not a person. With `named_apart`, a word followed by another capitalised name before this
    one ("huyện Ea H'Leo) và vợ là | X") names that place, not this name."""
    window = text[max(0, start - 80) : start]
    clause = window[max(window.rfind(ch) for ch in ".;:!?\n") + 1 :][-reach:]
    # "cầu thủ" (a player) is not "cầu" (a bridge).
    found = list(_NOT_A_NAME_CONTEXT.finditer(lower_same_length(clause).replace("cầu thủ", "cầu_thủ")))
    if not found:
        return False
    if named_apart:
        between = clause[found[-1].end() :]
        return not any(w[:1].isupper() for w in between.split())
    return True


def _byline(text: str, cand: _Candidate) -> bool:
    """A reporter's or photographer's credit rather than a person in the story."""
    if _BYLINE_BEFORE.search(text[max(0, cand.start - 25) : cand.start]):
        return True
    if not text[cand.end :].strip(" .)\n") and text[: cand.start].rstrip().endswith((".", "!", "?", '"', "”", ")")):
        return True  # "... sàm sỡ bé. Trần Tuấn": the name that ends the text is the reporter's
    after = text[cand.end : cand.end + 40]
    if _BYLINE_AFTER.match(after) and (len(text) - cand.end < 60 or after.lstrip().startswith("(")):
        return True
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line_end = line_end if line_end >= 0 else len(text)
    if line_start == 0 or line_end - line_start > 80:
        return False
    line = text[line_start:line_end]
    return len(line.split()) <= 7 and not TITLE_RE.search(line)  # a short line of its own: a credit


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


def _mid_sentence(before: str) -> bool:
    """Whether text ending with `before` stops mid-sentence (no full stop, title bar or line break)."""
    stripped = before.rstrip(" ")
    return bool(stripped) and stripped[-1] not in ".!?:|\n\"“”'‘’"


def _honorific_before(text: str, start: int, status: bool = True) -> tuple[bool, str | None]:
    """Whether an honorific ends right before `start` ("ông ", "Đại tá ", "PGS.TS. "), and its role;
    status words ("hành khách ") count only when `status` is true."""
    left = text[max(0, start - 40) : start].rstrip(" :")
    if not left:
        return False, None
    last = left.rsplit(None, 1)[-1]
    if last in _MODIFIER_LAST_WORDS or last in _COUNTRY_LAST_WORDS:
        modifier = _OCCUPATION_MODIFIER.search(left)
        if modifier is not None:  # "HLV kỳ cựu | Lê Thụy Hải", "HLV người Pháp | X": the occupation's
            found, role = _honorific_before(text, max(0, start - 40) + modifier.start() + 1, status)
            if found and role is not None:
                return True, role
            # else: no occupation before it; "huyền thoại | X" may be an honorific by itself
    if last.lower().rstrip(".") not in _HONORIFIC_LAST_WORDS:
        return False, None  # most names: no honorific ends with the word before them
    words = left.split()
    for n in range(min(_HONORIFIC_MAX_WORDS, len(words)), 0, -1):
        written = " ".join(words[-n:])
        key = written.lower().rstrip(".")
        if key in _HONORIFICS:
            before = left[: len(left) - len(written)]
            if key in _STATUS_WORDS and (not status or not written.islower() and _mid_sentence(before)):
                continue  # "Đội Cảnh sát giao thông Bàn Cờ": a body's name; "vợ chồng X": try "chồng"
            if written.endswith(".") and written.islower():
                continue  # "sàm sỡ bé. | Trần Tuấn": a sentence ended; only "TS.", "PGS.TS." take a dot
            if before and (before[-1].isalnum() or before[-1] in "/."):
                continue
            if before.endswith(("nhóm ", "Nhóm ")) and key not in _KIN_HONORIFICS:
                return False, None  # "nhóm họa sỹ Tân Hà Nội": a group's name ("nhóm bà X" is hers)
            role = _HONORIFICS[key]
            if role is not None:
                end = max(0, start - 40) + len(before)
                role = _occupations_before(text[max(0, end - 60) : end], role)
            return True, role
    return False, None


# Words that describe a person between an occupation and the name ("HLV kỳ cựu | Lê Thụy Hải",
# "ca sĩ trẻ | X", "HLV người Pháp | X"): the occupation before them is the role.
_OCCUPATION_MODIFIERS = (
    "trẻ", "trẻ tuổi", "nổi tiếng", "xinh đẹp", "gạo cội", "kỳ cựu", "lão làng", "nhí", "hàng đầu",
    "huyền thoại", "chủ lực", "điển trai", "quá cố", "lừng danh", "tài năng", "tài hoa",
)
_MODIFIER_LAST_WORDS = frozenset(m.rsplit(" ", 1)[-1] for m in _OCCUPATION_MODIFIERS)
_COUNTRY_LAST_WORDS = frozenset(c.rsplit(" ", 1)[-1] for c in _COUNTRIES)
_OCCUPATION_MODIFIER = re.compile(
    r" (?:" + "|".join(_OCCUPATION_MODIFIERS) + "|(?:người|gốc) (?:" + "|".join(sorted(_COUNTRIES, key=len, reverse=True))
    + "))$"
)
_OCCUPATION_JOIN = re.compile(r"(?:,| kiêm) $")


def _occupations_before(before: str, role: str) -> str:
    """The occupations listed before the last one, as written: "Ca sĩ, diễn viên kiêm | nhà sản xuất"."""
    while (join := _OCCUPATION_JOIN.search(before)) is not None:
        words = before[: join.start()].split()
        for n in range(min(_HONORIFIC_MAX_WORDS, len(words)), 0, -1):
            written = " ".join(words[-n:])
            if _HONORIFICS.get(written.lower()) is not None:
                role = f"{written}{join.group(0)}{role}"
                before = before[: join.start() - len(written)]
                break
        else:
            break
    return role


# "UBND P.Hải Cảng", "Công an Q.1": a level abbreviated with a dot after a body's head.
_DOTTED_LEVEL = re.compile(rf"(?:(?<=UBND )|(?<=HĐND )|(?<=Công an ))([PQX])\.\s?(?=[{UPPER}\d])")
_DOTTED_LEVELS = {"P": "phường ", "Q": "quận ", "X": "xã "}


_ROLE_ACRONYM = re.compile(rf" \([{UPPER}&-]{{2,10}}\)(?= )")
# A province written with a hyphenated abbreviation after its level word ("tỉnh TT-Huế", "tỉnh BR-VT").
_PROVINCE_ABBREVIATION = re.compile(rf"(?<=tỉnh )[{UPPER}]{{1,3}}-[{UPPER}][{LOWER}]*(?![\w-])")


def _full_province(m: re.Match[str]) -> str:
    known = province_alias_at(m.group(0), 0)
    return known[0] if known is not None and known[1] == len(m.group(0)) else m.group(0)


def _clean_role(role: str) -> str | None:
    """Canonical role text: UBND/HĐND/TP rewritten, dangling joiners dropped, the title in its usual
    casing ("phó thủ tướng" -> "Phó Thủ tướng"; "nguyên" stays lower case)."""
    role = canonical_org_words(role.strip(" ,;:-–"))
    role = _DOTTED_LEVEL.sub(lambda m: _DOTTED_LEVELS[m.group(1)], role)
    if "(" in role:  # "Sở Giáo dục - Đào tạo (GD-ĐT) thành phố": the body's acronym
        role = _ROLE_ACRONYM.sub("", role)
    if "-" in role:  # "PGĐ Sở Nội vụ tỉnh TT-Huế": the province's name in full
        role = _PROVINCE_ABBREVIATION.sub(_full_province, role)
    role = _TRAILING_JOINER.sub("", role).strip(" ,;:-–")
    if role.endswith(" Sheikh"):  # "Quốc vương Qatar Sheikh | X": the style belongs to neither
        role = role.removesuffix(" Sheikh")
    if role.endswith(" nước này"):  # "Bộ trưởng Tài chính (của) nước này | X": the country named before
        role = role.removesuffix(" nước này").removesuffix(" của")
    if not role:
        return None
    m = GOV_TITLE_RE.match(role)
    if m is None:
        return role
    modifier, _, title = m.group(0).partition(" ")
    if modifier.lower() not in TITLE_MODIFIERS:
        modifier, title = "", m.group(0)
    cased = title_casing(title)
    prefix = f"{modifier.lower()} " if modifier else ""
    return prefix + cased + role[m.end() :]


# A title's last word that also starts a body's name ("Trưởng Ban", "Phó trưởng Phòng").
_HEAD_WORD_END = re.compile(r" (?:Ban|Phòng)$")


def _role_phrase(text: str, start: int, limit: int = 160) -> tuple[str, int]:
    """The role phrase that starts with a title at `start`: the title and the body's name after it
    ("Phó Chủ tịch UBND tỉnh | dự ..."), else up to a delimiter or a stop word."""
    title = TITLE_AT.match(text, start)
    end = title.end() if title else start
    if title is not None:
        body_end = _body_after_title(text, end)
        if body_end is None and text.startswith(" cục ", end) and text[end + 5 : end + 6].isupper():
            # "Cục trưởng cục Chống tham nhũng": the body's head written in lower case
            body = body_at(AgencyContext(text[: end + 1] + "C" + text[end + 2 :], None, []), end + 1)
            body_end = body.end if body is not None else None
        if body_end is None and text.endswith(" ban", start, end) and text[end + 1 : end + 2].isupper():
            # "Trưởng ban | Quản lý dự án đầu tư xây dựng huyện X": the board, in lower case inside the title
            body = body_at(AgencyContext(text, None, []), start)
            body_end = body.end if body is not None and body.end > end else None
        head = _HEAD_WORD_END.search(text, start, end)
        if body_end is None and head is not None:
            # The title's last word starts the body's name: "Trưởng | Ban Tổ chức Trung ương".
            body = body_at(AgencyContext(text, None, []), head.start() + 1)
            body_end = body.end if body is not None and body.end > end else None
        if body_end is not None:
            at = _COUNTRY_AFTER_AT.match(text, body_end + 4) if text.startswith(" tại", body_end) else None
            if at is not None:
                body_end = at.end()  # "Đại sứ Việt Nam | tại Hoa Kỳ"
            return text[start:body_end], body_end
    words = 0
    stop = min(len(text), start + limit)
    while end < stop and words < 18:
        comma = _COMMA_NAMES.match(text, end)
        if comma is not None:
            end, words = comma.end(), words + 2
            continue
        ch = text[end]
        if ch in ',;.:()\n"!?':
            if ch == "." and _DOTTED_BEFORE.search(text, max(start, end - 2), end):
                end += 1
                continue
            break
        if ch == " ":
            if text.startswith((" - ", " – "), end):
                if not text.startswith(_ORG_HEADS, end + 3) and not (
                    _FIELD_BEFORE.search(text, max(start, end - 12), end) and _FIELD_AFTER.match(text, end + 3)
                ):
                    break
                end += 3
                continue
            m = _WORD.match(text, end + 1)
            word = m.group(0) if m else ""
            if word == "ký" and text[max(start, end - 4) : end].lower().endswith("thư"):
                end += 1  # "Tổng thư ký": the title's last syllable, not the verb "ký"
                continue
            if word == "tại" and _COUNTRY_AFTER_AT.match(text, end + 4):
                end += 1  # "Đại sứ Việt Nam tại | Hoa Kỳ": where the post is, part of the title
                continue
            if word.endswith((".", "…")) and word.rstrip(".…") in _ROLE_STOP:
                break  # "Giám đốc Cty lữ hành Hanoitourist | nói."
            if not word or word in _ROLE_STOP and not _STEERING.match(text, end - 4) or word in FUNCTION_CAPS or (
                word.lower() in ("ông", "bà")
            ) or text.startswith(" nhiệm kỳ ", end):
                break  # "Bí thư Thành ủy | nhiệm kỳ 2015-2020": the term is not part of the title
            next_person = word in COMMON_SURNAMES and _starts_name(text, end + 1)
            if next_person and not _AFTER_LEVEL.search(text, start, end) and not (
                word == "Đoàn" and _DOAN_COMPOUND.match(text, end + 6)  # "Ủy viên | Đoàn Chủ tịch MTTQ": a body
            ):
                break  # the title of the next person in a list: "..., Trưởng Ban X Phạm Minh Chính"
            if word[:1].isupper() and _foreign_name_at(text, end + 1):
                break  # "Thủ tướng Đức | Angela Merkel": a foreign leader's name after the title
            if word == "và" and (not text[end + 4 : end + 5].isupper() or _starts_name(text, end + 4)):
                break
            end += 1
            continue
        m = _WORD.match(text, end)
        if m is None:
            break
        end, words = m.end(), words + 1
        if m.group(0).endswith((".", "…")) and not _DOTTED.fullmatch(m.group(0)):
            end -= len(m.group(0)) - len(m.group(0).rstrip(".…"))  # "Chính phủ..." ends at "phủ"
            break
    return text[start:end], end


# An office named by two fields joined with a dash, in lower case: "Phó Phòng tài chính - | kế toán",
# "Trưởng Phòng tổ chức - | hành chính" (the dash goes on into the office's name).
_OFFICE_FIELDS = "tài chính|kế toán|tổ chức|hành chính|kế hoạch|tổng hợp|quản trị|nhân sự|đào tạo|vật tư|thiết bị|pháp chế"
_FIELD_BEFORE = re.compile(rf"(?<![\w])(?:{_OFFICE_FIELDS})$")
_FIELD_AFTER = re.compile(rf"(?:{_OFFICE_FIELDS})(?![\w])")


# An administrative word ending the text: the capitalised words after it name a place ("xã | Đồng Tâm").
_AFTER_LEVEL = re.compile(r"(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?)$")
_TITLE_QUALIFIER = re.compile(r" (?:[Tt]hường trực|[Pp]hụ trách|[Tt]hứ nhất)(?= )")
_ORG_CONTINUATION = re.compile(r" [-–] (?=" + "|".join(_ORG_HEADS) + ")")


def _body_after_title(text: str, pos: int) -> int | None:
    """Where a role ends when a body's name follows its title: after the body's name, and after the
    name of the body it belongs to when written after a dash ("Chánh tòa Hình sự - Tòa án ...")."""
    qualifier = _TITLE_QUALIFIER.match(text, pos)
    if qualifier is not None:
        pos = qualifier.end()
    if text[pos : pos + 1] != " ":
        return None
    ctx = AgencyContext(text, None, [])
    body = body_at(ctx, pos + 1)
    if body is None:
        return None
    end = body.end
    for _ in range(2):
        dash = _ORG_CONTINUATION.match(text, end)
        parent = body_at(ctx, dash.end()) if dash is not None else None
        if parent is None:
            break
        end = parent.end
    return end


# Kin and aides written before a title in an apposition: the title is the other person's ("bà X, Phu nhân |
# Chủ tịch Thượng viện", "ông X, con trai | Chủ tịch UBND tỉnh").
_KIN_WORDS = frozenset(
    "phu nhân|vợ|chồng|con|con trai|con gái|con rể|con dâu|cha|bố|mẹ|anh trai|em trai|chị gái|em gái|cháu|"
    "cháu trai|cháu gái|thư ký|thư ký riêng|trợ lý|trợ lí|cố vấn".split("|")
)
# Before a title and a name, these make the name the spouse's or the aide's ("Phu nhân Tổng thống Mỹ |
# Melania Trump", "Trợ lý Tổng thống Mỹ | Kellyanne Conway"); other kin, and "của", leave it the title
# holder's ("em trai Bí thư Tỉnh ủy Yên Bái | Phạm Thị Thanh Trà", "cố vấn của Tổng thống | Donald Trump").
_SPOUSE_OR_AIDE_BEFORE = re.compile(r"(?i)(?<!\w)(?:phu nhân|thư ký|thư ký riêng|trợ lý|trợ lí|cố vấn) $")
_KIN_ROLE = re.compile(r"(?i)phu nhân ")  # a spouse's: no role of her own


def _skip_to_title(text: str, cursor: int) -> int | None:
    """Where the next title starts: at `cursor`, a word or two in ("tập sự Phó Vụ trưởng"), or after
    a short segment without a title or a name ("Hàm Vụ phó, ...")."""
    for _ in range(3):
        if TITLE_AT.match(text, cursor):
            return cursor
        near = _FEW_WORDS.match(text, cursor, cursor + 30)
        if near and near.group(0).rstrip().lower().removesuffix(" của") in _KIN_WORDS:
            return None  # "bà X, Phu nhân | Chủ tịch Thượng viện": the title is someone else's
        if near and not any(w in _ROLE_STOP for w in near.group(0).split()):
            if TITLE_AT.match(text, near.end()):
                return near.end()
        segment = _SHORT_SEGMENT.match(text, cursor)
        if segment is None or segment.group(1).count(" ") > 4 or _NAME_IN_SEGMENT.search(segment.group(1)):
            return None
        cursor = segment.end()
    return None


def _segments(text: str, cursor: int) -> tuple[list[str], int]:
    """Role phrases from `cursor` on, separated by commas or "kiêm" (kept on the phrase after it)."""
    roles: list[str] = []
    joint = ""
    end = cursor
    while len(roles) < 6:
        if roles:
            start = cursor if TITLE_AT.match(text, cursor) else None
        else:
            start = _skip_to_title(text, cursor)
        if start is None:
            break
        phrase, phrase_end = _role_phrase(text, start)
        bare = phrase.lower().strip() in BARE_TITLES
        if bare and not roles:
            separator = _SEGMENT_SEPARATOR.match(text, phrase_end)
            if separator is not None and TITLE_RE.search(text, separator.end(), separator.end() + 40):
                cursor = separator.end()  # "Hàm Vụ phó, | tập sự Phó Vụ trưởng Vụ Tổ chức cán bộ"
                continue
        if bare or _starts_name(text, phrase_end + 1) or _foreign_name_at(text, phrase_end + 1):
            break  # a bare title, or the title of someone else named next
        end = phrase_end
        for _ in range(2):  # "Trưởng phòng Tổ chức cán bộ, | Sở Y tế tỉnh Nghệ An": the parent body after a comma
            parent = _parent_body_after(text, end)
            if parent is None:
                break
            phrase, end = f"{phrase}, {text[parent[0] : parent[1]]}", parent[1]
        roles.append(joint + phrase)
        separator = _SEGMENT_SEPARATOR.match(text, end)
        if separator is None:
            break
        joint = "kiêm " if "kiêm" in separator.group(0) else ""
        cursor = separator.end()
    return roles, end


# What may follow a parent body written after a role and a comma: the end of the apposition or the verb
# of the clause ("Chánh tòa Hình sự, TAND tỉnh Bắc Ninh | sẽ ngồi ghế chủ tọa"), not another name or "và".
_PARENT_BODY_CLOSED = re.compile(rf"\s*(?:[,;.:()\n]|$|[-–]\s)| (?!và )[{LOWER}]")


def _parent_body_after(text: str, pos: int) -> tuple[int, int] | None:
    """The body a role belongs to, written after it and a comma ("Cục trưởng Cục Thú y, | Bộ NN&PTNT
    cho hay"): its span, or None when no body follows or the body opens a clause of its own."""
    if not text.startswith(", ", pos) or not text[pos + 2 : pos + 3].isupper() or TITLE_AT.match(text, pos + 2):
        return None
    body = body_at(AgencyContext(text, None, []), pos + 2)
    if body is None or _PARENT_BODY_CLOSED.match(text, body.end) is None:
        return None
    return pos + 2, body.end


# What can start an apposition; most names are followed by none of it.
_MAY_OPEN = re.compile(
    r"\s*[,(:–-]|\s+(?:hiện|đang|vẫn|vốn|từng|giữ|thôi|là|làm|được|vừa|đã|đến|về|nhận|lên)(?![\w])"
)


def _appositive_roles(text: str, pos: int) -> tuple[list[str], int, str]:
    """Roles written after a name: ", Phó Giám đốc Sở Y tế, ...", " - Chủ tịch ...", " (Chủ tịch)",
    " (51 tuổi, Giám đốc ...)", " ... là Chủ tịch UBND xã". Returns (roles, end, opener kind)."""
    if _MAY_OPEN.match(text, pos) is None:
        return [], pos, ""
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
    opener = _OPENERS[0][1].match(text, pos)
    occupation = _ROLE_HONORIFIC_AT.match(text, opener.end()) if opener is not None else None
    if occupation is not None and not _CLAUSE_AFTER_OCCUPATION.match(text, occupation.end()):
        # "Chanathip Songkrasin – cầu thủ ...", "ông X, tài xế xe tải"; not "X, trọng tài thứ 4 là ông Y"
        roles, end = [_HONORIFICS[occupation.group(1).lower()] or ""], occupation.end()
        separator = _SEGMENT_SEPARATOR.match(text, end)
        if separator is not None and TITLE_AT.match(text, separator.end()):
            more, more_end = _segments(text, separator.end())  # "ông X, Thượng nghị sỹ, | Chủ tịch Thượng viện"
            if more:
                roles, end = roles + more, more_end
        return roles, end, "direct"
    paren = _OPENERS[1][1].match(text, pos)
    occupation = _ROLE_HONORIFIC_AT.match(text, paren.end()) if paren is not None else None
    if occupation is not None:  # "cô giáo Dương Thị Chung (giáo viên Trường Mầm non xã Phú Sơn, ...)"
        close = text.find(")", occupation.end(), occupation.end() + 80)
        if close > 0 and "(" not in text[occupation.end() : close]:
            return [text[occupation.start() : close].strip()], close + 1, "paren"
    body = _body_apposition(text, pos)
    if body is not None:
        return [text[body[0] : body[1]]], body[1], "direct"
    return [], pos, ""


# An occupation that starts another clause: "Richard West và Stuart Burt, trọng tài thứ 4 là ông Kevin Friend".
_CLAUSE_AFTER_OCCUPATION = re.compile(r"[^,.;:()\n]{0,25}?\slà\s")
_AFTER_BODY_ROLE = re.compile(r"\s*(?:[,;.)]|cho biết|nói|khẳng định|thông tin)")


def _body_apposition(text: str, pos: int) -> tuple[int, int] | None:
    """A body written as a person's role: "Ông Bùi Minh Trẩm, Công an xã Quy Hậu, cho biết"."""
    m = _OPENERS[0][1].match(text, pos)
    if m is None or text[m.end() - 1 : m.end()] != " " or not text[m.end() : m.end() + 1].isupper():
        return None
    end = _body_after_title(text, m.end() - 1)
    if end is None or _AFTER_BODY_ROLE.match(text, end) is None:
        return None
    return m.end(), end


def _is_gov_role(role: str) -> bool:
    return bool(GOV_TITLE_RE.match(role) or _GOV_ROLE.search(role))


def _choose_role(roles: list[str]) -> str | None:
    """Every role of one apposition kept together, as written: "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh",
    "Hiệu phó kiêm quản lý trường ..."."""
    out = ""
    for role in roles:
        joint = " kiêm " if role.startswith("kiêm ") else ", "
        cleaned = _clean_role(role.removeprefix("kiêm "))
        if cleaned:
            out = f"{out}{joint}{cleaned}" if out else cleaned
    return out or None


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


_TRAILING_BRACKET = re.compile(r" ?\(([^()\n]{1,60})\)$")
# What a bracket between a title and a name may hold: the body the title belongs to (kept in the role),
# or a place, a country or the body's acronym (left out).
_BRACKET_BODY = re.compile(r"(?:Sở|Bộ|UBND|HĐND|Thanh tra|Công an|Cục|Tổng cục|Ban|Văn phòng|Viện|Tỉnh ủy|Thành ủy) ")
_BRACKET_ACRONYM = re.compile(rf"[{UPPER}][{UPPER}&.-]{{1,9}}")


def _role_before(text: str, start: int, lowered_text: str) -> str | None:
    """A title written right before a name: "Chủ tịch UBND tỉnh Quảng Nam | Nguyễn Văn A",
    "Giám đốc Sở Y tế, ông | X", "cách chức Chi cục trưởng ... của ông | X". The role may still
    lack the locality glued to the name. `lowered_text` is the text lower-cased, same length."""
    base = max(0, start - 160)
    if TITLE_LOWER_RE.search(lowered_text, base, start) is None:
        return None  # most names: no title in the 160 characters before them
    core = _strip_filler(text[base:start])
    if "\n" in text[base + len(core) : start]:
        return None  # the title ends the headline; the name starts the article
    lowered = lowered_text[base : base + len(core)]
    if TITLE_LOWER_RE.search(lowered) is None:
        return None
    bracket = _TRAILING_BRACKET.search(core) if core.endswith(")") else None
    if bracket is not None:
        # "Chủ tịch UBND huyện Mỹ Đức (Hà Nội) | X", "Trưởng phòng GD Mầm non (Sở GD&ĐT Hà Nội), bà | X":
        # the title before the bracket; the bracket stays in the role unless it only places the body.
        inside = bracket.group(1).strip()
        kept = _BRACKET_BODY.match(inside) is not None
        if not (kept or _is_place_name(inside) or inside in _COUNTRIES or _BRACKET_ACRONYM.fullmatch(inside)):
            return None  # neither a parent body nor a place, a country or an acronym ("(FBI)")
        role = _role_before(text, base + bracket.start(), lowered_text)
        return f"{role} ({inside})" if role and kept else role
    masked = _COMMA_NAMES.sub(lambda m: m.group(0).replace(",", " "), core)  # "Sở Văn hóa, Thể thao ..."
    if "." in masked:  # "Bí thư Thành ủy TP.HCM | X": no sentence ends there
        masked = _ABBREVIATION_DOT.sub(lambda m: m.group(0)[:-1] + " ", masked)
    cut = max(masked.rfind(ch) for ch in ',;.:()\n"')
    for separator in (" - ", " – "):
        i = core.rfind(separator)
        if i > cut and not TITLE_LOWER_END.search(lowered, cut + 1, i) and not _whole_role(
            text, lowered_text, base + cut + 1, (base + i, base + len(core))
        ):
            # unless "Bộ trưởng - Chủ nhiệm ..." (one role with a dash), "Ủy viên Bộ Chính trị - Phó Thủ
            # tướng | X" (a whole role before the dash, the same person's) or a dash inside the body's name
            cut = i + len(separator) - 1
    parent = _parent_segment_role(text, base, core, lowered, cut, lowered_text)
    if parent is not None:
        return parent
    # "và", "cùng", "với" join two people ("Giám đốc Sở và | ông X") or sit inside a body's name
    # ("Bộ Nông nghiệp và Phát triển nông thôn"): the cut after them is tried first.
    if core.endswith((" và", " cùng", " với")):
        return None  # "ông A, Giám đốc Sở Y tế và (ông) | B": the title is A's; B is the next person
    joint = max(core.rfind(separator) for separator in (" và ", " cùng ", " với "))
    cuts = (core.index(" ", joint + 1), cut) if joint > cut else (cut,)
    separated = "," in text[base + len(core) : start]  # "Bí thư Thành ủy, anh | X"
    for cut in cuts:
        role = _title_in_segment(text, base, core, lowered, cut)
        spouse = _SPOUSE_OR_AIDE_BEFORE.search(core, 0, len(core) - len(role)) if role else None
        if spouse is not None:  # "Phu nhân Tổng thống Mỹ | Melania Trump": the title is her husband's
            return core[spouse.start() :]
        if role is not None:
            if role and separated and _OWNER_BEFORE.search(core[: len(core) - len(role)]):
                return None  # "chuyến thị sát của Bí thư Thành ủy, anh | Phạm Văn": the trip's, not X's
            return role or None
    return None


def _parent_segment_role(
    text: str, base: int, core: str, lowered: str, cut: int, lowered_text: str
) -> str | None:
    """A role whose parent body follows it after a comma, the name after both: "Phó Vụ trưởng Vụ Hợp
    tác quốc tế, | Bộ Giáo dục và Đào tạo | Phạm Chí Cường" (the parent is part of the role, as after
    a name). None unless the last segment is exactly one body and a title with its own body ends the
    segment before it."""
    if cut < 0 or core[cut] != "," or not core.startswith(" ", cut + 1) or TITLE_LOWER_RE.search(lowered, cut + 1):
        return None
    body = body_at(AgencyContext(text, None, []), base + cut + 2)
    if body is None or body.end != base + len(core):
        return None
    earlier = _role_before(text, base + cut, lowered_text)
    if not earlier or TITLE_LOWER_RE.fullmatch(earlier.lower()):  # a bare title has no body to join
        return None
    return f"{earlier}, {core[cut + 2 :]}"


# The dot of an abbreviated level glued to a name ("TP.HCM", "Tp.Vinh", "Q.1", "TX.Sơn Tây").
_ABBREVIATION_DOT = re.compile(rf"\b(TP|Tp|TX|TT|Q|P|T)\.(?=[{UPPER}\d])|\b(TP|Tp|TX)\.(?= [{UPPER}])")  # "TP. Hồ Chí Minh"


# A title after these words belongs to what comes before ("chuyến thị sát của Bí thư Thành ủy").
# "Theo (ông|đại biểu ...) X, ...": what follows the comma is what X said, unless the role closes.
_REPORTED_BEFORE = re.compile(r"(?:^|[.!?…\n,;:]\s*|\s-\s)Theo (?:[^\s,.;:]+ ){0,3}$")
_APPOSITION_CLOSED = re.compile(r"\s*(?:[,;.:()\n]|$|[-–]\s|cho biết|nói|khẳng định|nhấn mạnh|cho rằng|chia sẻ|thông tin|nhận định)")
_OWNER_BEFORE = re.compile(r"(?i)(?<!\w)(?:của|với|cho) $")


def _whole_role(text: str, lowered_text: str, start: int, ends: tuple[int, int]) -> bool:
    """The first title after `start` begins a role that ends at one of `ends`: a title alone, or a title
    and the body after it ("có Ủy viên Bộ Chính trị | - ...", "Bộ trưởng Bộ Văn hóa - Thể thao và Du lịch | X")."""
    found = TITLE_LOWER_RE.search(lowered_text, start, ends[0])
    title = TITLE_AT.match(text, found.start()) if found is not None else None
    return title is not None and (title.end() in ends or _body_after_title(text, title.end()) in ends)


def _title_in_segment(text: str, base: int, core: str, lowered: str, cut: int) -> str | None:
    """The role that starts at a title after `cut` and runs up to the name ("" for a bare title)."""
    segment, segment_lower = core[cut + 1 :], lowered[cut + 1 :]
    for m in word_matches(TITLE_LOWER_RE, segment_lower):
        between = segment[m.end() :]
        if not _plain_gap(between, segment_lower[: m.end()].endswith("ban")):
            # Stop words may sit inside the body's name ("Bộ trưởng Bộ Ngoại giao | X").
            title_end = base + cut + 1 + m.end()
            body_end = _body_after_title(text, title_end) if between[:1] == " " else None
            if body_end is not None and text.startswith(" Việt Nam", body_end):
                body_end += len(" Việt Nam")  # "Người phát ngôn Bộ Ngoại giao Việt Nam | Lê Hải Bình"
            if body_end is None or body_end < base + len(core):
                continue
        role = segment[m.start() :].strip()
        if role.lower().startswith("quyền ") and segment[: m.start()].lower().endswith("chính "):
            role = role[len("quyền ") :]  # "chính quyền | Tổng thống Mỹ": the administration, not "acting"
        if role.lower() in BARE_TITLES:
            return ""
        if not segment[: m.start()].strip():
            role = _earlier_roles(core, lowered, cut) + role
        return role
    return None


def _plain_gap(between: str, after_ban: bool = False) -> bool:
    """Words between a title and a name that keep them together: no verb or preposition ("tại" only
    before a place: "Đại sứ Việt Nam tại Mỹ | X") and no other person's name. `after_ban`: the title
    ends with "Ban" ("Trưởng Ban | chỉ đạo"), whose kind may follow in lower case."""
    words = between.split()
    for i, word in enumerate(words):
        if word == "giao" and i and words[i - 1] == "Ngoại":
            continue  # "Bộ trưởng Ngoại giao Nga | X": a ministry's field, not the verb
        if word == "chủ" and words[i + 1 : i + 2] == ["nghĩa"] and words[max(0, i - 2) : i] == ["xã", "hội"]:
            continue  # "Thủ tướng Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam | X": the state's name
        if word == "chỉ" and (words[i - 1] in ("Ban", "ban") if i else after_ban) and (
            words[i + 1 : i + 2] in (["đạo"], ["huy"])
        ):
            continue  # "Trưởng Ban chỉ đạo | X": a steering committee, not the verb "chỉ đạo"
        if word == "báo" and i and words[i - 1] == "Tình" or word == "này" and i and words[i - 1] == "nước":
            continue  # "Bộ trưởng Tình báo Iran | X", "Ngoại trưởng nước này | X" ("this country's")
        if word in _ROLE_STOP and not (word == "tại" and i + 1 < len(words) and words[i + 1][:1].isupper()):
            return False
    return not _has_name(between)


# Words before a title that make it another person's: the one reported to ("làm việc với" is not: the
# titles after it are the person's own, "làm việc với Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ X").
_ADDRESSEE_BEFORE = re.compile(r"(?i)(?<!\w)(?:báo cáo|trình|gửi)(?: với| lên)? $")


def _earlier_roles(core: str, lowered: str, cut: int) -> str:
    """Titles listed before a role with commas, kept with it: "Bộ trưởng, | Chủ nhiệm Văn phòng Chính
    phủ X", "Ủy viên Bộ Chính trị, | Phó Thủ tướng X". Stops at a segment that is not a title or that
    follows another person's name (that title is theirs)."""
    prefix = ""
    for _ in range(3):
        if cut < 0 or core[cut] != ",":
            break
        start = max(core.rfind(ch, 0, cut) for ch in ',;.:()\n"') + 1
        for separator in (" - ", " – ", " và ", " cùng ", " với "):
            i = core.rfind(separator, 0, cut)
            if i >= 0 and i + len(separator) > start:
                start = i + len(separator)
        segment = core[start:cut]
        for m in word_matches(TITLE_LOWER_RE, lowered[start:cut]):
            tail = segment[m.start() :].strip()
            words = tail.split()
            after_title = segment[m.end() :].split()  # "Tổng Thư ký": "ký" is part of the title
            if len(words) <= 12 and not any(w in _ROLE_STOP for w in after_title) and not _has_name(tail):
                break
        else:
            break
        if _ADDRESSEE_BEFORE.search(core[: start + m.start()]):
            break  # "Báo cáo với | Bí thư Thành ủy, | Phó Giám đốc Sở X": the title of whom one reports to
        if _ON_BEHALF_BEFORE.search(segment, 0, m.start()) or _TRANSLITERATED.search(tail):
            break  # "thừa ủy quyền của Thủ tướng Chính phủ, | Bộ trưởng X": the title is the other person's
        if segment[: m.start()].strip():
            return f"{tail}, {prefix}"  # "do Ủy viên Bộ Chính trị, ...": the chain starts at the title
        if _ends_with_name(core[:start]):
            break
        prefix = f"{tail}, {prefix}"
        cut = start - 1
    return prefix


# Words after which a title is someone else's than the name that follows the list: on whose behalf,
# before whom, whose proposal ("thay mặt Thủ tướng, | Bộ trưởng X", "giải trình trước Thủ tướng, ...").
_ON_BEHALF_BEFORE = re.compile(
    r"(?i)(?:ủy quyền(?: của)?|uỷ quyền(?: của)?|thay mặt|thừa lệnh|trước|đề xuất của|so sánh của) $"
)
_TRANSLITERATED = re.compile(TRANSLITERATED_NAME)


def _ends_with_name(text: str) -> bool:
    """True when a person's name ends the text ("ông Nguyễn Văn A, ")."""
    m = re.search(rf"((?:[{UPPER}][{LOWER}]+ ){{1,3}}[{UPPER}][{LOWER}]+)\W*$", text[-60:])
    if m is None:
        return False
    words = m.group(1).split(" ")
    return words[0] in COMMON_SURNAMES or any(looks_foreign(words[i:]) for i in range(len(words) - 1))


def _pick_role(roles: list[str], signer_role: str | None) -> str | None:
    """The role of a person named several times: the signer block's, else the first government
    role (or a longer form of it given later), else the first role."""
    if signer_role:
        return signer_role
    if not roles:
        return None
    pool = [r for r in roles if _GOV_ROLE.search(r) and not _BUSINESS.search(r)] or roles
    chosen = pool[0]
    for role in pool[1:]:
        if role.casefold().startswith(chosen.casefold() + " ") or _adds_roles(role, chosen) or (
            len(role) > len(chosen) and _without_head(role) == _without_head(chosen)
        ):
            chosen = role
    return chosen


_HEAD_AFTER_TITLE = re.compile(r"^((?:[Pp]hó )?(?:Bộ trưởng|Thứ trưởng|Giám đốc|giám đốc)) (?:Bộ|Sở) ")


def _without_head(role: str) -> str:
    """A role without the body's head word after its title: "Bộ trưởng Bộ KH-ĐT" and "Bộ trưởng KH-ĐT"
    are one role (the longer form is kept)."""
    return _HEAD_AFTER_TITLE.sub(r"\1 ", role).casefold()


def _adds_roles(role: str, chosen: str) -> bool:
    """`role` lists more titles than `chosen`, one of them `chosen` or a longer form of it: "Ủy viên
    Bộ Chính trị, Bí thư Thành ủy TP.HCM" after "Bí thư Thành ủy TP.HCM"."""
    parts = [p.strip().casefold() for p in _ROLE_PARTS.split(role)]
    key = chosen.casefold()
    same = [p == key or p.startswith(key + " ") for p in parts]
    if len(parts) < 2 or _ROLE_PARTS.search(chosen) or sum(same) != 1:
        return False
    # Only party memberships are added: other titles in one mention are often another person's.
    return all(hit or p.startswith(_MEMBERSHIPS) for p, hit in zip(parts, same, strict=True))


_MEMBERSHIPS = ("ủy viên ", "uỷ viên ", "bí thư trung ương", "phó bí thư ")
_ROLE_PARTS = re.compile(r",| [-–] ")  # "Ủy viên Bộ Chính trị - Bí thư Thành ủy": titles joined by a dash too


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


_PREFIX_FIRST_WORDS = frozenset(
    name.split(" ")[0] for name in (*_NAME_PREFIXES, *PROVINCE_FORMS)
)


def _leading_prefix(words: list[str]) -> int:
    """How many leading words of a capitalised run name a country, an organisation or a province
    written right before a person: "Mỹ | Phạm Quang Vinh", "Việt Nam | Ted Osius", "Liên Hợp Quốc |
    Nguyễn Phương Nga", "Nga | Vladimir Putin"."""
    for i in range(min(3, len(words) - 2)):
        if words[i] == "Sheikh":  # "Quốc vương Qatar Sheikh | Tamim bin Hamad Al Thani": a style, not a name
            return i + 1
    for i in range(len(words) - 2):
        if words[i] in _NOT_FOREIGN_NAME_LAST and looks_foreign(words[i + 1 :]):
            return i + 1  # "dự Champions League | Jurgen Klopp là ...": a missing full stop
    for k in (3, 2, 1) if words[0] in _PREFIX_FIRST_WORDS else ():
        if len(words) - k < 2:
            continue
        head, rest = " ".join(words[:k]), words[k:]
        if head not in _NAME_PREFIXES:
            known = lookup_place_prefix(head)
            if known is None or known[1] != len(head) or province_info(known[0]) is None:
                continue
        if (rest[0] in COMMON_SURNAMES and len(rest) <= 4) or rest[0] in FOREIGN_GIVEN or looks_foreign(rest):
            return k
        if (province_info(head) is not None or head in _NAME_PREFIXES) and rest[0] in SURNAMES and len(rest) == 3:
            return k  # "Sở Giáo dục và Đào tạo Hà Nội | Chử Xuân Dũng", "Hong Kong | Lưu Gia Linh": in full
    if not _VIETNAMESE_LETTERS.search(words[-1].lower()):
        # "Thủ tướng Đức | Angela Merkel": a Vietnamese-spelled word before a foreign name.
        for k in (1, 2):
            if len(words) > k + 1 and _VIETNAMESE_LETTERS.search(" ".join(words[:k]).lower()) and looks_foreign(
                words[k:]
            ):
                return k
    return 0


def _commune_named_before(text: str, pos: int, level: str, run: str) -> bool:
    """Another commune of that level is named in the 400 characters before `pos` ("Về xã Khánh Lộc ...,
    Chủ tịch UBND xã | Mai Khắc Tám cho biết"): a title ending with the level then leaves the name out."""
    i = text.rfind(f"{level} ", max(0, pos - 400), max(0, pos))
    while i >= 0:
        after = i + len(level) + 1
        if text[after : after + 1].isupper() and (i == 0 or not text[i - 1].isalnum()):
            return not text.startswith(run, after)
        i = text.rfind(f"{level} ", max(0, pos - 400), i)
    return False


# A level word right before a run, for _district_after_level ("Huyện ủy", "Thị ủy" too), and the
# literal endings one of which it needs (a cheap test before the regex).
_LEVEL_BEFORE_RUN = re.compile(r"(?<!\w)(?:quận|huyện|thị xã|thành phố|TP\.?|tỉnh|[Hh]uyện ủy|[Qq]uận ủy|[Tt]hị ủy) $")
_LEVEL_ENDINGS = ("quận ", "huyện ", "thị xã ", "thành phố ", "TP ", "TP. ", "tỉnh ", " ủy ")


def _district_after_level(text: str, run: Run) -> int:
    """The number of words of a district's name that starts the run right after a level word
    ("huyện | Ba Vì Nguyễn Văn A" gives 2); 0 when none."""
    if not text.endswith(_LEVEL_ENDINGS, max(0, run.start - 12), run.start):
        return 0  # most runs: no level word before them (a C-level test before the regex)
    if not _LEVEL_BEFORE_RUN.search(text, max(0, run.start - 12), run.start):
        return 0
    district = district_prefix(run.text)
    return district.count(" ") + 1 if district is not None else 0


# A foreign name written the Vietnamese way before the name in brackets: "Đô-nan Trăm (", "An-tô-ni-ô Gu-tê-rết (".
_TRANSLITERATION_BEFORE = re.compile(
    rf"(?<![^\s.])(?:[{UPPER}]\. ?)?[{UPPER}][{LOWER}]*(?:-[{LOWER}]+)+ (?:[{UPPER}][{LOWER}]*(?:-[{LOWER}]+)* ){{0,3}}\($"
)
# The word before it, with the one before that: a given name of one syllable ("Mỹ Rếch | Ti-lơ-xơn") unless
# it ends a country's name ("Hoa Kỳ | Đô-nan Trăm", "Anh | Tê-rê-xa Mây").
_WORD_BEFORE_SPELLED = re.compile(rf"((?:[{UPPER}][{LOWER}]* ){{0,2}})([{UPPER}][{LOWER}]*) $")


def _spelled_name_start(text: str, start: int) -> int | None:
    """Where a transliterated name ends right before `start` (its original in brackets) begins."""
    spelled = _TRANSLITERATION_BEFORE.search(text, max(0, start - 60), start)
    if spelled is None:
        return None
    word = _WORD_BEFORE_SPELLED.search(text, max(0, spelled.start() - 30), spelled.start())
    if word is None:
        return spelled.start()
    before = word.group(1).split()
    if any(" ".join([*before[i:], word.group(2)]) in _NAME_PREFIXES for i in range(len(before) + 1)):
        return spelled.start()  # "Thổ Nhĩ Kỳ | Tay-íp Éc-đô-gan"
    return word.start(2)


def _candidates(text: str, runs: list[Run]) -> list[_Candidate]:
    """Capitalised runs that may hold a name, with the evidence found before them."""
    out: list[_Candidate] = []
    lowered_text = lower_same_length(text)
    for run in runs:
        words, start = run.words, run.start
        evidence, honorific_role = "", None
        # A district's name after its level keeps its words: "huyện Ba Vì", "thành phố Thủ Dầu Một",
        # "huyện Cô Tô" (no sentence word "Vì", "Một", no honorific "Cô").
        district = _district_after_level(text, run)
        if district == 0 and (words[0] in FUNCTION_CAPS or words[0] == "Ư" and text.endswith("T.", 0, start)):
            start += len(words[0]) + 1  # "Theo | X"; "Ban Tuyên giáo T.| Ư Võ Văn Thưởng": "T.Ư" is "Trung ương"
            words = words[1:]
        if district == 0 and words[0] in _CAP_HONORIFICS and len(words) > 1 and not (
            words[0] == "Bà" and words[1] == "Rịa"  # "Bà Rịa Vũng Tàu": the province, no honorific
        ):
            start += len(words[0]) + 1
            words = words[1:]
            evidence = "honorific"
        run_start, prefix = start, ""
        if len(words) <= 4 and words[-1] not in _COUNTRIES and words[0] not in _GIVEN_NAME_COUNTRIES and (
            " ".join(words[:-1]) in _COUNTRY_FORMS
        ):
            continue  # "Quốc vương Saudi Arabia | Salman": a country and a single name, no full name to list
        if len(words) > 2:
            if not FUNCTION_CAPS.isdisjoint(words[district:] if district else words):
                # "Nguyễn Thị Kim Tiến | Với ..."
                words = words[:district] + cut_at_function_word(" ".join(words[district:])).split(" ")
            drop = _leading_prefix(words)
            if drop:
                prefix = " ".join(words[:drop])
                start += len(prefix) + 1
                words = words[drop:]
                if prefix.endswith("Sheikh"):
                    evidence = "honorific"  # "người đồng cấp Qatar Sheikh | Mohammed bin ...": a style
        no_family_name = _NAME_STARTS.isdisjoint(words)
        # A lower-case hyphenated last part marks a Korean-style name: "Kye Chun-yong", "Ri Yong-ho".
        foreign = no_family_name and (looks_foreign(words) or _korean_style(text, words, run.end))
        if no_family_name and len(words) < 3 and not foreign:
            continue  # not a Vietnamese name; a foreign one needs three words or a foreign spelling
        if not evidence and _is_place_name(" ".join(words)) and not text.endswith(_NAMESAKE_TITLES, 0, start):
            continue  # "Hà Nội", "Quảng Nam": a place (see _titled_namesake for "Chủ tịch Hồ Chí Minh")
        if not evidence:
            status = words[0] in COMMON_SURNAMES or foreign
            found, honorific_role = _honorific_before(text, start, status)
            if not found and (prefix in _NAME_PREFIXES or province_info(prefix)):  # "diễn viên Hong Kong | Lưu"
                found, honorific_role = _honorific_before(text, run_start, status)
            evidence = "honorific" if found else ""
        if no_family_name and not evidence and not foreign:
            continue
        role_before = (
            _role_before(text, start, lowered_text) if evidence != "honorific" or honorific_role is None else None
        )
        if role_before is None and text.endswith(" (", 0, start):
            spelled = _spelled_name_start(text, start)
            if spelled is not None:  # "Tổng thống Hoa Kỳ Đô-nan Trăm | (Donald Trump)": the title before both
                role_before = _role_before(text, spelled, lowered_text)
        after_country = prefix in NOT_NAMES or prefix in _COUNTRIES  # "Chủ tịch Trung Quốc | Tập Cận Bình"
        # "Giám đốc Bệnh viện Đà Nẵng | X" (not "Chủ tịch Trung Quốc | Tập Cận Bình": a country)
        after_body_name = bool(prefix) and role_before is not None and province_info(prefix) is not None
        if role_before and evidence != "honorific":
            commune = role_before.endswith((" phường", " xã", " thị trấn")) and not _commune_named_before(
                text, start - len(role_before), role_before.rsplit(" ", 1)[-1], " ".join(words)
            )
            first = _split_locality(words, bool(_NEEDS_SPLIT.search(role_before)), commune)
            if first < 0:
                continue
            if first:
                after_country = " ".join(words[:first]) in NOT_NAMES or first == 1 and words[0] in _COUNTRIES
                # (a company's name ends with syllables a name starts with: "Cty CP Kim Toàn", "Bông Sen Vàng")
                after_body_name = not after_country and words[first] in COMMON_SURNAMES and 3 <= len(words) - first <= 4
                role_before = f"{role_before} {' '.join(words[:first])}"
                start += len(" ".join(words[:first])) + 1
                words = words[first:]
            evidence = "title"
        words = _cut_run(text, start, words)
        end = start + len(" ".join(words))
        out.append(_Candidate(
            start, end, words, evidence or "weak", role_before, honorific_role, after_country,
            after_body_name=after_body_name,
        ))
    return out


def find_people(
    text: str, header: Header | None = None, issuer: str | None = None, runs: list[Run] | None = None
) -> list[PersonMention]:
    """Person mentions in a normalised text, in order; each carries the role given at that mention.
    `runs` are the text's capitalised runs when the caller has them already."""
    runs = _join_particles(text, runs if runs is not None else cap_runs(text))
    runs = [r for r in runs if " " in r.text]
    mentions: list[PersonMention] = []
    previous: PersonMention | None = None
    list_role: str | None = None
    given_names: dict[str, bool] = {}  # given name -> the text refers to someone by it
    not_people: set[str] = set()  # names that one mention shows to be a club or a brand
    candidates = _candidates(text, runs)
    _mark_title_less_lists(text, candidates)
    for index, cand in enumerate(candidates):
        evidence = cand.evidence
        if cand.after_body_name and previous is not None and previous.role_end and cand.start < previous.role_end:
            continue  # "Ngô Minh Xuân, Hiệu trưởng trường ĐH Y Khoa Phạm Ngọc Thạch,": in his role, the school's
        apposition, role_end, apposition_kind = _appositive_roles(text, cand.end)
        if apposition and apposition_kind == "direct" and text[role_end : role_end + 1] == " " and (
            _next_person_at(text, _after_state_name(text, role_end + 1))
        ):  # "Tổng thống Donald Trump, | Thủ tướng Chính phủ Nguyễn Xuân Phúc": the next person's title
            apposition, role_end, apposition_kind = [], cand.end, ""
        if apposition and index + 1 < len(candidates) and (following := candidates[index + 1]).role_before and (
            following.after_country and following.start < role_end
        ):  # "Thủ tướng Đức Angela Merkel, | Chủ tịch Trung Quốc Tập Cận Bình,": the title ends with the next name
            apposition, role_end, apposition_kind = [], cand.end, ""
        if apposition and apposition_kind == "direct" and _is_gov_role(apposition[0]) and _REPORTED_BEFORE.search(
            text, max(0, cand.start - 30), cand.start
        ):
            if not _APPOSITION_CLOSED.match(text, role_end):
                # "Theo đại biểu X, Bí thư Tỉnh ủy Yên Bái phải chỉ đạo": the reported clause's subject
                apposition, role_end, apposition_kind = [], cand.end, ""
        glued = previous is not None and _LIST_GLUE.fullmatch(
            text, previous.role_end or previous.end, cand.start
        )
        window = text[max(0, cand.start - 120) : cand.start]
        tail = window[-30:]
        intro = (
            _LIST_INTRO.search(window) if ("gồm" in tail or " là " in tail[-14:] or ":" in tail[-4:]) else None
        )
        if intro is not None and not _introduces_list(text, cand.start - len(window), intro):
            intro = None  # "Chủ tịch UBND xã X, cho biết danh tính các nạn nhân là ...": not their role
        if intro is not None:
            item_role = _clean_role(intro.group(1))
        else:
            item_role = list_role if glued else None
            occupation = _OCCUPATION_LIST_INTRO.search(tail) if ":" in tail[-4:] or "gồm" in tail else None
            if occupation is not None:  # "4 cầu thủ trên hàng công gồm:"
                intro, item_role = occupation, _HONORIFICS[occupation.group(1).lower()]
        if evidence == "weak":
            if apposition and apposition_kind != "predicate" and (
                _is_gov_role(apposition[0])
                or len(cand.words) >= 3 and cand.words[0] in COMMON_SURNAMES and TITLE_AT.match(apposition[0])
            ):  # "Vũ Phương Nam, Kế toán trưởng PVTEX": any title after a Vietnamese full name
                evidence = "apposition"
            elif _AGE_AFTER.match(text, cand.end):
                evidence = "age"
            elif glued or intro is not None:
                evidence = "list"
            elif looks_foreign(cand.words) and _referred_back(text, cand.words[-1]):
                evidence = "referred"  # "Jurgen Klopp ... ông Klopp", or the full name repeated
            elif _foreign_name_evidence(text, cand):
                evidence = "foreign"
            elif _vietnamese_name_evidence(text, cand.words, by_middle_name=not cand.listed_place):
                evidence = "name"
            elif _speaks(text, cand):
                evidence = "name"  # "nhà nghiên cứu văn hóa dân gian Trần Hữu Sơn cho biết"
        if evidence == "weak":
            # No evidence: keep the name only if the text refers back to it ("ông Hưng").
            last = cand.words[-1]
            if last not in given_names:
                given_names[last] = _given_name_referred(text, last)
            if not given_names[last] or _not_a_name_context(text, cand.start):
                continue
        if not _looks_like_name(cand.words, evidence != "weak") and not (
            cand.after_country and len(cand.words) >= 2
            or evidence != "weak" and len(cand.words) == 2 and _korean_style(text, cand.words, cand.end)
        ):  # "ông Kye Chun-yong": two syllables and a hyphenated third
            continue
        if cand.words[0] in _DIRECTIONS and cand.words[-1] in _COUNTRIES:
            continue  # "Tây Nam Syria", "Bắc Iraq": a region
        if cand.words[0] in _BRAND_FIRST:
            continue  # "Microsoft Châu Á", "Samsung Việt Nam": a company's branch
        initial = cand.words[-1]
        hidden = text[cand.end : cand.end + 1] == "." or initial in _HIDDEN_INITIALS
        if (len(initial) == 1 and hidden or initial in _HIDDEN_DIGRAPHS) and not looks_foreign(cand.words):
            continue  # "em Nguyễn H.G", "chị Nguyễn Thị L": a name the press hides ("Nguyễn Thị Như Ý" is one)
        name = canonical_name(" ".join(cand.words))
        if name in NOT_NAMES or (_is_place_name(name) and not _titled_namesake(cand)):
            continue
        if evidence != "honorific" and len(cand.words) == 2 and _named_as_place(text, name):
            continue  # "địa bàn Ninh Kiều" in a text that writes "quận Ninh Kiều": the district
        if cand.words[0] == "Đoàn" and (
            name[len("Đoàn ") :] in NOT_NAMES or name == "Đoàn Việt Nam"
            or len(cand.words) == 2 and _DOAN_COMPOUND.match(text, cand.end - len(cand.words[1]))
        ):
            continue  # "Đoàn Chủ tịch MTTQ", "Đoàn Thanh niên", "Đoàn Cấp cao", "Đoàn Việt Nam": a body or a delegation
        if (
            evidence not in ("honorific", "title")
            and cand.words[0] in ("Đoàn", "Hồ")
            and len(cand.words) >= 3
            and _is_place_name(" ".join(cand.words[1:]))
        ):
            continue  # "(Đoàn Hưng Yên)": a delegation, not a family name before a place
        hyphen = _name_tail(text, cand.end)
        if hyphen is not None:  # "Kim Jong-un", "Ameerah Al-Taweel"
            name += hyphen.group(0)
            cand.end = hyphen.end()
        article = _ARTICLE_TAIL.match(text, cand.end) if " bin " in name or looks_foreign(cand.words) else None
        if article is not None:  # "Ali bin Fetais al-Marri"
            name += article.group(0)
            cand.end = article.end()
        if evidence in _WEAKER and _NAMED_THING_BEFORE.search(text, max(0, cand.start - 14), cand.start):
            not_people.add(name)  # every mention of "CLB Consadole Sapporo" is the club
            continue
        # "đường Nguyễn Thị Minh Khai"; a name with "Thị" (only given to people) is not a street when the
        # place word of its clause has its own name already ("trú tại huyện Ea H'Leo) và vợ là ...").
        if evidence == "name" and _not_a_name_context(text, cand.start, named_apart=cand.words[1:2] == ["Thị"]):
            continue
        if evidence in ("referred", "foreign") and _CLUB_CONTEXT.search(
            lower_same_length(text[max(0, cand.start - 60) : cand.start])
        ):
            continue  # "trong màu áo Consadole Sapporo"
        window = text[max(0, cand.start - 90) : cand.start]
        if (
            not cand.after_body_name and _INSTITUTION_WORD.search(window)
            and _institution_before(text, max(0, cand.start - 90), cand.start)
        ):
            continue  # "Công ty TNHH TM XNK Hoàng Gia Phát", "Trường THPT Phan Đình Phùng"
        if text.endswith(("di tích ", "danh thắng "), 0, cand.start):
            continue  # "Ban quản lý hai di tích Hoàng Thành Thăng Long": a site, whatever came before
        if evidence not in ("honorific", "title") and _PLACE_BEFORE.search(
            text, max(0, cand.start - 30), cand.start
        ):
            if evidence in _WEAKER and (_ADMIN_BEFORE.search(text, max(0, cand.start - 30), cand.start)
                                        or text.endswith(("HMS ", "USS "), 0, cand.start)):
                not_people.add(name)  # "xã Đồng Tâm": the bare "ở Đồng Tâm" of the title is the place too
            continue
        if evidence != "honorific" and _byline(text, cand):
            continue
        if apposition and cand.role_before and apposition[0].lower().startswith("đại diện"):
            apposition = []  # "..., đại diện Ủy ban X" after a titled name: the next item of a list
        role = _choose_role(apposition) if apposition and apposition_kind != "predicate" else None
        before = _clean_role(cand.role_before) if cand.role_before else None
        if before and _KIN_ROLE.match(before):
            before = None
        if before and previous is not None and previous.name in before:
            before = None  # "Theo Giám đốc Bệnh viện Thanh Nhàn Đào Quang Minh, chị | X": his title, not hers
        if (
            role and before and _TOP_TITLE.fullmatch(before) and _is_gov_role(role)
            and before.lower() not in role.lower() and not _TOP_TITLE.match(role)  # "..., Thủ tướng Belarus": the next one's
        ):
            # "Phó Thủ tướng X, Trưởng Ban chỉ đạo ...", "Thứ trưởng Bộ GD&ĐT X - Trưởng ban chỉ đạo thi ...":
            # a state leader's title right before the name and the post after it, kept together
            mark = text[cand.end : cand.end + 3].lstrip(" ")[:1]
            role = f"{before} {mark} {role}" if mark in ("-", "–") else f"{before}, {role}"
        if role and not before and cand.honorific_role in _POSTS_BEFORE_NAME and not role.startswith(
            cand.honorific_role
        ):  # "Thẩm phán X, Chánh tòa Hình sự, TAND tỉnh Bắc Ninh": the post and the title after the name
            role = f"{cand.honorific_role[:1].upper()}{cand.honorific_role[1:]}, {role}"
        role = role or before
        predicate = role is None and bool(apposition)
        role = role or (_choose_role(apposition) if apposition else None)
        role = role or cand.honorific_role or item_role
        mention = PersonMention(
            cand.start, cand.end, name, text[cand.start : cand.end], role, evidence, role_end, predicate
        )
        mentions.append(mention)
        if item_role is None and cand.role_before and _plural_title_before(text, cand.start, cand.role_before):
            item_role = role  # "các Phó Thủ tướng A, | B, C": the title is each one's
        elif item_role is None and cand.honorific_role and role == cand.honorific_role and (
            _PLURAL_OCCUPATION_BEFORE.search(text, max(0, cand.start - 40), cand.start)
        ):
            item_role = role  # "các cầu thủ A, | B và C", "gồm luật sư A, | B": each one's occupation
        previous, list_role = mention, item_role
    if not_people:
        mentions = [m for m in mentions if m.name not in not_people or m.evidence not in _WEAKER]
    mentions = [m for m in mentions if not (_in_locality_slot(text, m) and _written_as_place(text, m.name))]
    _roles_in_turn(text, mentions)
    mentions += _roles_by_family_name(text, mentions)
    if header is not None and header.signer is not None:
        signer = header.signer
        role = signer_role(signer.title, issuer)
        mentions.append(
            PersonMention(signer.start, signer.end, canonical_name(signer.name), signer.name, role, "signer")
        )
    return mentions


# Posts written before a name as an honorific and kept before the titles written after it (military and
# police ranks are not roles; occupations after a name are handled with the apposition).
_POSTS_BEFORE_NAME = frozenset(
    "thẩm phán|hội thẩm|kiểm sát viên|điều tra viên|chấp hành viên|thanh tra viên|thượng nghị sĩ|hạ nghị sĩ|"
    "thượng nghị sỹ|hạ nghị sỹ|nghị sĩ|nghị sỹ".split("|")
)
# The titles taken from before a family name alone: a state post and at most its country or body
# ("Tổng thống Nga", "cựu Giám đốc FBI"), nothing longer.
_SHORT_TITLE = re.compile(
    rf"(?:(?:[Cc]ựu|[Nn]guyên|[Tt]ân) )?(?:Phó )?(?:Tổng thống|Thủ tướng|Ngoại trưởng|Bộ trưởng|Chủ tịch|Giám đốc|"
    rf"Thống đốc|Tổng thư ký|Đại sứ|Thẩm phán|Thượng nghị sĩ|Tỉnh trưởng|Thị trưởng)(?: [{UPPER}][\w-]*){{0,3}}"
)
# The last words of the titles above and of the honorifics: the word before a family name must be one.
_TITLE_OR_HONORIFIC_ENDS = _HONORIFIC_LAST_WORDS | {
    w.lower() for w in "thống tướng trưởng đốc tịch ký sứ phán sĩ sỹ HLV".split()
}


def _title_word_before(word: str) -> bool:
    """A title's or an honorific's last word, or a body's acronym ("Giám đốc FBI | Comey")."""
    return word.lower() in _TITLE_OR_HONORIFIC_ENDS or len(word) > 1 and word.isupper()


# A capitalised word that is no title right before a family name: part of another name ("Mỹ James").
_CAPITALISED_WORD_BEFORE = re.compile(rf"(?<![\w-])(?!(?:HLV|Tổng|Thủ|Bộ|Ngoại|Chủ|Phó|Giám|Đại|Ông|Bà)\b)[{UPPER}][{LOWER}]+ $")


def _roles_by_family_name(text: str, mentions: list[PersonMention]) -> list[PersonMention]:
    """Roles written before a foreign person's family name alone ("HLV Klopp", "Tổng thống Trump") when
    no mention of the full name gives one: a role-only mention for each such person."""
    with_role = {m.name for m in mentions if m.role}
    names = {m.name for m in mentions if m.name not in with_role and " " in m.name}
    if not names:
        return []
    family = {}
    for name in names:
        words = name.split(" ")
        if looks_foreign(words):
            family.setdefault(words[-1], []).append(name)
    if not family:
        return []
    lowered_text = None
    spans = Spans([(m.start, m.end) for m in mentions])
    out: list[PersonMention] = []
    for last, owners in family.items():
        if len(owners) != 1 or any(m.name != owners[0] and m.name.endswith(" " + last) for m in mentions):
            continue  # two people of that family name: whose title it is, the text must say
        pos = text.find(last)
        while pos >= 0:
            end = pos + len(last)
            if (
                pos > 1 and text[pos - 1] == " " and not text[end : end + 1].isalnum()
                and _title_word_before(text[text.rfind(" ", 0, pos - 1) + 1 : pos - 1])
                and not spans.overlaps(pos, end)  # the family name inside a full name ("Zinedine | Zidane")
                and not _CAPITALISED_WORD_BEFORE.search(text, max(0, pos - 30), pos)
            ):
                found, role = _honorific_before(text, pos)
                if not found or role is None:
                    if lowered_text is None:
                        lowered_text = lower_same_length(text)
                    role = _role_before(text, pos, lowered_text)
                    role = _clean_role(role) if role and _SHORT_TITLE.fullmatch(role) else None
                if role and not role.startswith("đại diện"):  # "đại diện Jorge Mendes": whose agent
                    out.append(PersonMention(pos, end, owners[0], last, role, "referred"))
                    break
            pos = text.find(last, end)
    return out


# A last "syllable" of one plain letter: an initial standing for a hidden name ("Ý", "Á" are names).
_HIDDEN_INITIALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_HIDDEN_DIGRAPHS = frozenset("Th Tr Ch Nh Ng Ph Kh Gi Qu Gh".split())  # "Phan Thị Th.": a hidden name too
# Words before a name that also fit a place: "người dân Đồng Tâm", "Bí thư huyện ủy A Lưới".
_COLLECTIVE_BEFORE = re.compile(r"(?i)(?:người dân|bà con|nhân dân) $")
_BODY_BEFORE = re.compile(r"(?i)(?:huyện|tỉnh|thành|quận|thị|đảng) ủy $")


def _in_locality_slot(text: str, mention: PersonMention) -> bool:
    """A mention whose evidence a place name would give as well: no title or honorific of a person, a
    collective ("người dân ..."), or the locality slot after a party committee."""
    before = text[max(0, mention.start - 12) : mention.start]
    if mention.evidence in _WEAKER or _COLLECTIVE_BEFORE.search(before):
        return True
    return mention.evidence == "title" and _BODY_BEFORE.search(before) is not None


# An administrative unit or a street right before a name: the name is that place's.
_ADMIN_BEFORE = re.compile(
    r"(?<!\w)(?:thôn|xóm|ấp|làng|(?<!tắc )(?<!kẹt )đường|phố|phường|(?<!bà )(?<!ông )xã|quận|huyện|tỉnh|thành phố|thị trấn|thị xã|"
    r"hẻm|ngõ|ngách|"
    r"kiệt|đại lộ|xã đảo)(?: (?:miền núi|vùng cao|biên giới|ven biển|đảo|nghèo))? $"
)


def _written_as_place(text: str, name: str) -> bool:
    """The text writes the name as a place somewhere ("xã Đồng Tâm", "huyện miền núi A Lưới")."""
    return _written_after(text, name, _ADMIN_BEFORE, 30)


def _written_after(text: str, name: str, before: re.Pattern[str], reach: int, whole: bool = False) -> bool:
    """Some occurrence of the name has a match of `before` ending right before it, within `reach`
    characters; with `whole`, an occurrence that a letter or digit continues does not count."""
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if before.search(text, max(0, i - reach), i) and not (whole and text[end : end + 1].isalnum()):
            return True
        i = text.find(name, end)
    return False


# Words right before a list that make its items streets, places or things named after people.
_LIST_NOT_PEOPLE_BEFORE = re.compile(
    r"(?:đường|phố|tuyến|ngõ|hẻm|cầu|các phường|các xã|các quận|các huyện|phường|xã|quận|huyện|trường|"
    r"giải|quỹ|tàu|di tích|danh thắng|Đường|Phố)\s*:?\s*$"
)
# A list of streets or places introduced further back: "một số tuyến phố thuộc các quận ... như: | Hoa
# Bằng, ...", "tại | Lê Đức Thọ và Lạc Long Quân"; and a list with a place among its items.
_STREETS_LIST_INTRO = re.compile(
    r"(?:(?:tuyến|đường|phố|ngõ|khu vực|địa bàn)[^.;:!?\n]{0,70}(?:như|gồm|là)\s*:?|(?<!\w)(?:tại|ở))\s*$"
)
_LIST_ITEM = re.compile(rf"[{UPPER}][\w'-]*(?: [{UPPER}][\w'-]*){{0,3}}")


def _place_list_before(text: str, start: int) -> bool:
    """The list item at `start` follows items of a list of places or streets: one of the items before
    it is a place ("Hoa Bằng, Cầu Giấy, ..., | Tôn Thất Tùng"), or the list's introduction is
    ("một số tuyến phố ... như: Hoa Bằng, ...", "tại | Lê Đức Thọ và Lạc Long Quân")."""
    pos = start
    for _ in range(12):
        if _STREETS_LIST_INTRO.search(text, max(0, pos - 90), pos):
            return True
        sep = _LIST_SEPARATOR_BEFORE.search(text, max(0, pos - 8), pos)
        if sep is None:
            return False
        item_end = sep.start()
        item_start = max(text.rfind(" ", 0, max(0, item_end - 40)), 0)
        item = _LIST_ITEM.search(text, item_start, item_end)
        while item is not None and item.end() != item_end:
            item = _LIST_ITEM.search(text, item.end(), item_end)
        if item is None:
            return False
        if _is_place_name(item.group(0)) or _street_item(item.group(0).split(" ")):
            return True
        pos = item.start()
    return False


def _street_item(words: list[str]) -> bool:
    """"Đường Nguyễn Kiệm", "Phố Huế": a street written with its word capitalised at a list's head
    ("Đường Nghệ Hân", a family name "Đường" before a given name, is a person)."""
    return len(words) >= 2 and words[0] in ("Đường", "Phố") and (words[1] in SURNAMES or len(words) == 2)


_LIST_SEPARATOR_BEFORE = re.compile(r"(?:,| và) $")
_LIST_SEPARATOR = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*và|,|;|và)\s*")


_PARTICLE_GAP = re.compile(" (?:" + "|".join(sorted(_PARTICLES)) + ")(?: (?:la|le|der|den|los))? ")
# The same gap with the capital of the next run after it: "di", "da", "la" are also Vietnamese words
# ("di chuyển", "da"): the plain gap is found in 1,429 of 5,989 sample texts, this one in 141.
_PARTICLE_GAP_BEFORE_NAME = re.compile(_PARTICLE_GAP.pattern + f"(?=[{UPPER}])")
_INITIAL_DOT = re.compile(r" [A-Z]\. [A-Z]")  # "George W. Bush"
# A compound given name's second part and the family name after it: "Jean| -Claude Juncker", "-Yves Le Drian".
_COMPOUND_GIVEN_TAIL = re.compile(rf"-[{UPPER}][{LOWER}]+(?: (?:le |la |de |van |von )?[{UPPER}][{LOWER}]+){{1,2}}(?![\w-])")
_COMPOUND_GIVEN = re.compile(rf"-[{UPPER}][{LOWER}]+ [{UPPER}]")  # a literal first: a fast scan
# The same gaps as plain strings, for a set look-up before the pattern.
_PARTICLE_GAPS = frozenset(_PARTICLES) | {f"{p} {q}" for p in _PARTICLES for q in ("la", "le", "der", "den", "los")}


# "bin", "ibn" join an Arabic name's parts whatever the given name ("Tamim bin Hamad Al Thani"):
# no Vietnamese word is spelled so.
_ARABIC_GAPS = frozenset({"bin", "ibn"})
_ARABIC_WORDS = _ARABIC_GAPS | {"Bin"}  # "Tamim Bin Hamad Al Thani": one capitalised run of five words


# Words before a foreign name that show the run after them is a person's name ("ông Staffan de Mistura").
_PARTICLE_HONORIFICS = ("ông ", "bà ", "Ông ", "Bà ", "thống ", "tướng ", "trưởng ", "sứ ", "tịch ")


def _join_particles(text: str, runs: list[Run]) -> list[Run]:
    """Runs joined across the lower-case particles of foreign names: "Kevin | de | Bruyne", "Otto |
    von | Bismarck", "Robin | van | Persie", when a foreign first name comes before the particle.
    Only runs that end with such a name are looked at: the check costs a set look-up per run."""
    if not (
        _PARTICLE_GAP_BEFORE_NAME.search(text) or _INITIAL_DOT.search(text) or " al-" in text or " el-" in text
        or _COMPOUND_GIVEN.search(text)
    ):
        return runs  # most texts: nothing to join, found by three scans instead of a loop over the runs
    out: list[Run] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        gap = text[run.end + 1 : runs[i + 1].start - 1] if i + 1 < len(runs) else ""
        if (
            gap in _PARTICLE_GAPS  # " de ", " van der ": checked first
            and (
                run.text[run.text.rfind(" ") + 1 :] in FOREIGN_GIVEN
                or (text.endswith(_PARTICLE_HONORIFICS, 0, run.start) or gap in _ARABIC_GAPS)
                and not _VIETNAMESE_LETTERS.search(run.text.lower())
            )
        ):
            after = runs[i + 1]
            if (
                _PARTICLE_GAP.fullmatch(text, run.end, after.start)
                and after.text.count(" ") <= (2 if gap in _ARABIC_GAPS else 1)  # "bin | Hamad Al Thani"
                and not _VIETNAMESE_LETTERS.search(after.text.lower())
            ):  # "(Thủ tướng Đức) Otto | von | Bismarck", not "Café de Olla", "Correio da Manha"
                out.append(Run(run.start, after.end, text[run.start : after.end]))
                i += 2
                continue
        if (
            i + 1 < len(runs)
            and run.text[-2:-1] == " "  # a last word of one letter, checked before splitting the run
            and run.text.split(" ")[-2] in FOREIGN_GIVEN
            and text.startswith(". ", run.end)
            and run.end + 2 == runs[i + 1].start
            and not _VIETNAMESE_LETTERS.search(runs[i + 1].text.lower())
        ):  # "George W | . | Bush", "John F | . | Kennedy": a middle initial inside a foreign name
            after = runs[i + 1]
            out.append(Run(run.start, after.end, text[run.start : after.end]))
            i += 2
            continue
        if text.startswith("-", run.end) and run.text[run.text.rfind(" ") + 1 :] in FOREIGN_GIVEN:
            compound = _COMPOUND_GIVEN_TAIL.match(text, run.end)
            if compound is not None and not _VIETNAMESE_LETTERS.search(compound.group(0).lower()):
                # "Jean | -Claude Juncker", "Karl | -Heinz Weigang": a compound given name and the family name
                run = Run(run.start, compound.end(), text[run.start : compound.end()])
                while i + 1 < len(runs) and runs[i + 1].start < run.end:
                    i += 1  # "Le Drian" of "Jean-Yves Le Drian" is inside the joined run
        if text.startswith((" al-", " el-"), run.end):
            article = _ARTICLE_TAIL.match(text, run.end)
            if article is not None:  # "Bashar | al-Assad": the Arabic article starts the family name
                run = Run(run.start, article.end(), text[run.start : article.end()])
        out.append(run)
        i += 1
    return out


def _mark_title_less_lists(text: str, candidates: list[_Candidate]) -> None:
    """Names listed without titles ("Nguyễn Việt Hà, Nguyễn Phan Trung Kiên, Nguyễn Thị Loan và Trần
    Anh Thiết") are people when the items next to each other look like Vietnamese names: three items
    or more, or two of three syllables or more. A street or ward list ("đường Lê Lợi, Trần Phú") is
    left alone."""
    i = 0
    while i < len(candidates):
        group = [candidates[i]]
        while i + len(group) < len(candidates) and _LIST_SEPARATOR.fullmatch(
            text, group[-1].end, candidates[i + len(group)].start
        ):
            group.append(candidates[i + len(group)])
        i += len(group)
        if len(group) < 2:
            continue
        if (
            _LIST_NOT_PEOPLE_BEFORE.search(text, max(0, group[0].start - 25), group[0].start)
            or _place_list_before(text, group[0].start)
            or any(_street_item(c.words) for c in group)
        ):
            for c in group:  # "các tuyến phố: Hoàng Văn Thụ, Hoàng Hoa Thám, La Thành": streets
                c.listed_place = True
            continue
        segment: list[_Candidate] = []
        for c in [*group, None]:  # runs of items that look like names, split at any that does not
            if c is not None and not _is_place_name(" ".join(c.words)) and not _street_item(c.words) and (
                2 <= len(c.words) <= 4 and c.words[0] in COMMON_SURNAMES
                # a rarer or a minority family name in a list of three syllables or more: "Giàng Seo Phử",
                # "Y Thanh Hà Niê Kđăm", "Ksor Phước Hà"
                or 3 <= len(c.words) <= 5 and c.words[0] in _NAME_STARTS
                and (len(c.words) <= 4 or c.words[0] in ETHNIC_FIRST)
            ):
                segment.append(c)
                continue
            if len(segment) >= 3 or (len(segment) == 2 and all(len(s.words) >= 3 for s in segment)):
                for s in segment:
                    if s.evidence == "weak":
                        s.evidence = "list"
            segment = []
        foreign = [c for c in group if 2 <= len(c.words) <= 3 and _foreign_item(c.words)]
        if len(foreign) == len(group) and sum(c.words[0] in FOREIGN_GIVEN for c in foreign) >= 2:
            for c in foreign:  # "Keylor Navas, Dani Carvajal và Toni Kroos"
                if c.evidence == "weak":
                    c.evidence = "list"


def _foreign_item(words: list[str]) -> bool:
    """An item of a list that may be a foreign person's name: no Vietnamese letters, no country."""
    return not _VIETNAMESE_LETTERS.search(" ".join(words).lower()) and _COUNTRIES.isdisjoint(words)


_SPEECH_AFTER = re.compile(
    r",?\s*(?:cho biết|nói|chia sẻ|khẳng định|nhận định|tuyên bố|phát biểu|thừa nhận|bày tỏ|cho rằng|"
    r"nhấn mạnh|viết|kể)(?![\w])"
)
# A Vietnamese full name as the subject of a verb ("Nguyễn Trọng Đại sẽ kịp bình phục"): streets,
# schools and places are not.
_SUBJECT_AFTER = re.compile(r"\s+(?:sẽ|đã|đang|vừa|từng|cũng đã|cũng sẽ|chưa từng|tiếp tục)(?![\w])")


# Evidence from the name's shape or repetition only: another mention may show it is not a person.
_WEAKER = ("referred", "foreign", "name")
_CLUB_CONTEXT = re.compile(r"(?:clb|câu lạc bộ|đội bóng|màu áo|sân vận động|thương hiệu|nhãn hiệu)[^.;!?\n]*$")
# Words right before a name that make it a club or a brand wherever else it is written.
_NAMED_THING_BEFORE = re.compile(
    r"(?:CLB|[Cc]âu lạc bộ|đội bóng|thương hiệu|nhãn hiệu)(?: cũ| mới)? $"
)
_OCCUPATION_LIST_INTRO = re.compile(
    "(?i)(?<![\\w])(" + alternation([k for k, v in _HONORIFICS.items() if v]) + r")(?![\w])"
    r"[^.;:()\n]{0,60}?(?:,?\s+gồm(?: có)?|\s*:)\s*:?\s*$"
)


def _foreign_name_evidence(text: str, cand: _Candidate) -> bool:
    """A foreign person named once without a title: a common foreign first name ("Didier Drogba",
    "Max Verstappen"), a Korean given name with its hyphen ("Moon Jae-in"), or a foreign-spelled
    name that says something ("George Clarke ... nói")."""
    words = cand.words
    if not 2 <= len(words) <= 4 or _VIETNAMESE_LETTERS.search(" ".join(words).lower()):
        return False
    if words[-1] in _NOT_FOREIGN_NAME_LAST or not _BRAND_WORDS.isdisjoint(words):
        return False
    if words[0] in FOREIGN_GIVEN:
        return True
    if len(words) <= 3 and _name_tail(text, cand.end):
        return True
    return looks_foreign(words) and _SPEECH_AFTER.match(text, cand.end) is not None


_CAP_WORDS = re.compile(rf"[{UPPER}][\w-]*(?: [{UPPER}][\w-]*){{1,3}}(?![\w])")


def _foreign_name_at(text: str, pos: int) -> bool:
    """A foreign person's name (2-4 capitalised words, no Vietnamese letters) starts at `pos`."""
    m = _CAP_WORDS.match(text, pos)
    return m is not None and looks_foreign(m.group(0).split(" "))


def _speaks(text: str, cand: _Candidate) -> bool:
    """A Vietnamese full name (common family name, 3-4 syllables) that says something right after it
    ("... Trần Hữu Sơn cho biết"): streets, schools and places do not speak."""
    words = cand.words
    return (
        3 <= len(words) <= 4
        and words[0] in COMMON_SURNAMES
        and _LANDFORMS.isdisjoint(words)
        and (_SPEECH_AFTER.match(text, cand.end) is not None or (
            _SUBJECT_AFTER.match(text, cand.end) is not None
            and not _STREET_CONTEXT.search(text, max(0, cand.start - 80), cand.start)))
    )


# Streets named after people, listed at a crossing: "giao lộ Nguyễn Kiệm - Nguyễn Thái Sơn - Hoàng Minh
# Giám vừa khởi công" (the works started, not the person).
_STREET_CONTEXT = re.compile(r"(?:giao lộ|ngã tư|ngã ba|ngã năm|nút giao|vòng xoay|tuyến đường|đường|phố)\s|\s[-–]\s$")


# Words of lakes, mountains and other named things that start with a family name ("Hồ Núi Cốc").
_LANDFORMS = frozenset("Núi Sông Suối Đèo Hang Động Thác Đầm Đảo Hồ Cầu Chợ Bến".split())
# Middle names after the family name "Hồ" (no lake is named "Hồ Ngọc ...", "Hồ Đức ...").
_HO_MIDDLE_NAMES = frozenset(
    "Văn Ngọc Đức Minh Quang Thanh Hữu Xuân Anh Thị Hoàng Quốc Công Trọng Tấn Sĩ Sỹ Hải Hồng Kim".split()
)


_SCHOOL_KIND_BEFORE = re.compile(r"(?:chuyên|THPT|THCS) $")  # "THPT chuyên Lương Văn Chánh"


def _vietnamese_name_evidence(text: str, words: list[str], by_middle_name: bool = True) -> bool:
    """A Vietnamese full name with a family name first: with the middle name "Thị" (only given to
    people), or written in full more than once."""
    if not 3 <= len(words) <= 4 or words[0] not in SURNAMES:
        return False
    if not _LANDFORMS.isdisjoint(words[1:]) or words[0] in _LANDFORMS and not (
        words[1] == "Thị" or words[0] == "Hồ" and words[1] in _HO_MIDDLE_NAMES
    ):
        # "Hồ Tây Lớn", "Cầu Giấy Mới"; but "Hồ Thị Hòa" ("Thị" is only given to people) and "Hồ Ngọc Hà",
        # "Hồ Đức Phớc": "Hồ" is a family name before a middle name no lake or place starts with
        return False
    if words[1] == "Thị":
        return len(words[-1]) > 1  # not "Nguyễn Thị T", a name hidden by the press
    if words[0] not in COMMON_SURNAMES:
        return False
    name = " ".join(words)
    found: list[int] = []
    i = text.find(name)
    while i >= 0:
        found.append(i)
        i = text.find(name, i + len(name))
    # Never as an address or an institution's namesake ("phố Trần Hưng Đạo", "ngách 49 Huỳnh Thúc
    # Kháng", "trường Lương Văn Chánh"); then written in full twice, or with "Văn", given to men ("là
    # Nguyễn Văn Thái").
    if any(_PLACE_BEFORE.search(text, max(0, i - 20), i) or _institution_before(text, max(0, i - 40), i)
           or _SCHOOL_KIND_BEFORE.search(text, max(0, i - 8), i) for i in found):
        return False
    return len(found) >= 2 or by_middle_name and words[1] == "Văn" and len(words) == 3 and len(words[-1]) > 1


# The second word of a run "Đoàn X" with the lower-case word after it: a body's name, not a person's.
_DOAN_COMPOUND = re.compile(
    r"(?:Chủ tịch|Thanh niên|Cấp cao|Công tác|Thanh tra|Kiểm tra|Đại biểu|Luật sư|Giám sát)(?!\w)"
)
_NAMESAKE_TITLES = ("tịch ", "Bác ")


# An administrative level right before a name: "quận | Ninh Kiều" (not "bà xã", "ông xã": spouses).
_PLACE_LEVEL_BEFORE = re.compile(r"(?:^|[^\w])(?<!bà )(?<!ông )(?:quận|huyện|xã|phường|thị xã|thị trấn|tỉnh|thành phố|TP\.?) $")


def _named_as_place(text: str, name: str) -> bool:
    """The text writes the name after an administrative level somewhere ("quận Ninh Kiều")."""
    return _written_after(text, name, _PLACE_LEVEL_BEFORE, 14, whole=True)


def _titled_namesake(cand: _Candidate) -> bool:
    """A person who shares a place's name, written after a bare title: "viếng Chủ tịch Hồ Chí Minh"."""
    return (
        cand.role_before is not None
        and cand.role_before.strip().lower() in ("chủ tịch", "bác")
        and len(cand.words) == 3
        and cand.words[0] in SURNAMES
    )


def _referred_back(text: str, last_word: str) -> bool:
    """A foreign surname used again in the text ("ông Klopp", "Hamann nói") or the full name repeated."""
    return text.count(last_word) >= 2


def _introduces_list(text: str, offset: int, intro: re.Match[str]) -> bool:
    """True when the words before "gồm" / "là" are one role phrase ("3 Phó Chủ tịch UBND tỉnh gồm"),
    not a clause that merely contains a title ("Chủ tịch UBND xã X, cho biết danh tính ... là")."""
    phrase = intro.group(1)
    if "," in phrase:
        return False
    start = offset + intro.start(1)
    _, end = _role_phrase(text, start)
    return end >= offset + intro.end(1) - 1


_IN_TURN = re.compile(r"\s*,?\s*(?:lần lượt|theo thứ tự)\s+(?:là|giữ (?:các )?chức(?: vụ)?|làm|giữ)\s+")
_ROLE_JOINT = re.compile(r"\s*(?:,|;|và)\s*")


def _roles_in_turn(text: str, mentions: list[PersonMention]) -> None:
    """"A và B lần lượt là Chủ tịch và Phó Chủ tịch UBND xã X": each person gets their own role, and
    a bare title borrows the body named with the last one ("Chủ tịch UBND xã X")."""
    i = 0
    while i < len(mentions):
        group = [mentions[i]]
        while i + len(group) < len(mentions) and _LIST_GLUE.fullmatch(
            text, group[-1].end, mentions[i + len(group)].start
        ):
            group.append(mentions[i + len(group)])
        i += len(group)
        turn = _IN_TURN.match(text, group[-1].end) if len(group) > 1 else None
        if turn is None:
            continue
        roles: list[str] = []
        cursor = turn.end()
        while len(roles) < len(group):
            title = TITLE_AT.match(text, cursor)
            if title is None:
                break
            joint = _ROLE_JOINT.match(text, title.end())
            if joint is not None and TITLE_AT.match(text, joint.end()):
                phrase, end = text[cursor : title.end()], title.end()  # "Chủ tịch | và Phó Chủ tịch ..."
            else:
                phrase, end = _role_phrase(text, cursor)
            roles.append(phrase)
            joint = _ROLE_JOINT.match(text, end)
            if joint is None:
                break
            cursor = joint.end()
        if len(roles) != len(group):
            continue
        last_title = TITLE_AT.match(roles[-1])
        body = roles[-1][last_title.end() :] if last_title else ""
        for mention, role in zip(group, roles, strict=True):
            title = TITLE_AT.fullmatch(role.strip())
            mention.role = _clean_role(role + body if title is not None else role)


def merge_people(mentions: list[PersonMention]) -> list[Person]:
    """One Person per canonical name, in order of first mention, with every surface form seen."""
    found: dict[str, _Found] = {}
    for mention in mentions:
        entry = found.setdefault(spelling_key(mention.name), _Found(mention.name, mention.start))
        if mention.surface not in entry.surfaces:
            entry.surfaces.append(mention.surface)
        if mention.role and mention.evidence == "signer":
            entry.signer_role = mention.role
        elif mention.role and mention.role_is_predicate:
            entry.predicate_roles.append(mention.role)
        elif mention.role:
            entry.roles.append(mention.role)
    _merge_two_word_names(found, lambda short, name: name.endswith(" " + short))
    _merge_two_word_names(found, lambda short, name: name.startswith(short + " "))
    _merge_initialled(found)
    _merge_arabic_tails(found)
    return [
        Person(
            name=entry.name,
            role=_pick_role(entry.roles or entry.predicate_roles, entry.signer_role),
            surface_forms=entry.surfaces,
        )
        for entry in sorted(found.values(), key=lambda f: f.first)
    ]


def _absorb(target: _Found, entry: _Found) -> None:
    """Another way the text wrote `target`'s name: its roles and surface forms become target's."""
    target.roles.extend(entry.roles)
    target.predicate_roles.extend(entry.predicate_roles)
    target.surfaces.extend(s for s in entry.surfaces if s not in target.surfaces)
    target.signer_role = target.signer_role or entry.signer_role


def _merge_two_word_names(found: dict[str, _Found], part_of: Callable[[str, str], bool]) -> None:
    """A two-word name that is `part_of` the Vietnamese full name of exactly one other person found is
    that person: it ends it ("bà Mai Phương" after "Hồ Mai Phương") or starts it, cut short by a typo
    ("Đinh La thăng" after "Đinh La Thăng")."""
    full = [entry for entry in found.values() if entry.name.count(" ") >= 2 and entry.name.split(" ")[0] in SURNAMES]
    for key, entry in list(found.items()):
        if entry.name.count(" ") != 1:
            continue
        longer = [f for f in full if part_of(entry.name, f.name)]
        if len(longer) != 1:
            continue
        _absorb(longer[0], entry)
        del found[key]


def _merge_arabic_tails(found: dict[str, _Found]) -> None:
    """The last names of an Arabic full name found in the text are that person, written short
    ("Ngoại trưởng Al Thani" after "Mohammed bin Abdulrahman Al Thani"): absorbed when one full name
    ends so, dropped when several do (two Al Thani of the ruling family: which one is not said)."""
    full = [entry for entry in found.values() if not _ARABIC_WORDS.isdisjoint(entry.name.split(" "))]
    if not full:
        return
    for key, entry in list(found.items()):
        tail = " " + key
        longer = [f for f in full if f is not entry and spelling_key(f.name).endswith(tail)]
        if not longer:
            continue
        if len(longer) == 1:
            _absorb(longer[0], entry)
        del found[key]


_MIDDLE_INITIAL = re.compile(r" [A-Z]\.(?= )")


def _merge_initialled(found: dict[str, _Found]) -> None:
    """A name written with a middle initial is the same person as the name without it in the same text
    ("Donald J. Trump" ... "Donald Trump"): one person, under the plain form, which other texts use."""
    for key, entry in list(found.items()):
        plain = _MIDDLE_INITIAL.sub("", entry.name)
        target = found.get(spelling_key(plain)) if plain != entry.name else None
        if target is None:
            continue
        _absorb(target, entry)
        target.first = min(target.first, entry.first)
        del found[key]


def person_spans(mentions: list[PersonMention]) -> Spans:
    return Spans([(m.start, m.end) for m in mentions])
