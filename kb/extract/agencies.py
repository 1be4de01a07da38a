"""Agencies: government, party and public bodies named in a text, in one canonical form
("UBND tỉnh Quảng Nam", "Sở Y tế tỉnh Nghệ An", "Bộ Y tế"), with the locality filled in from the
document when the text leaves it out, and the issuing body of a formal document from its header."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from kb.extract.canonical import NAME_ABBREVIATIONS, canonical_agency
from kb.extract.citations import news_issuer, split_citations
from kb.extract.header import Header
from kb.extract.lexicon import (
    CAP_RUN,
    FUNCTION_CAPS,
    LOWER,
    SENTENCE_VERBS,
    TRANSLITERATED_NAME,
    UPPER,
    Spans,
    alternation,
    at_word_start,
    canonical_org_words,
    cased,
    cut_at_function_word,
    foreign_word,
    load_json,
    proper_case,
    word_matches,
)
from kb.extract.places import (
    FORMER_PROVINCES,
    MINORITY_FIRST_WORDS,
    PlaceMention,
    canonical_place,
    district_prefix,
    lookup_place_prefix,
    province_alias_at,
    province_info,
)
from kb.extract.titles import GOV_TITLE_RE, TITLE_AT

_DATA = load_json("agencies.json")
_COMMON_SURNAMES = frozenset(load_json("surnames.json")["common"])


_LOWER_AFTER_VA = re.compile(r"(?<= và )[A-ZĐ]")


def _lower(m: re.Match[str]) -> str:
    return m.group(0).lower()


def _variant_table(groups: dict[str, list[str]]) -> dict[str, str]:
    """Spelling -> canonical name; every " và " spelling also gets its " & " twin, and every hyphen
    its spaced or glued twin ("VH-TT", "VH - TT")."""
    table: dict[str, str] = {}
    for canonical, variants in groups.items():
        for variant in (canonical, *variants):
            spaced = re.sub(r"(?<! )-(?! )", " - ", variant)
            # "GD-ĐT", "GD - ĐT", and the half-spaced "GD- ĐT", "GD -ĐT" the press also types
            forms = {variant, variant.replace(" - ", "-"), spaced, spaced.replace(" - ", "- "), spaced.replace(" - ", " -")}
            if " Trung ương" in variant:  # "Ban Tuyên giáo TW", "Ban Kinh tế T.Ư", "Văn phòng TƯ Đảng"
                forms |= {f.replace(" Trung ương", f" {short}") for f in forms for short in ("TƯ", "TW", "T.Ư", "T.W")}
            # Case the press mixes: "Nông nghiệp và phát triển nông thôn", "Văn hóa- Thể thao và du lịch".
            if not variant.isupper():
                forms |= {f[0] + f[1:].lower() for f in forms} | {_LOWER_AFTER_VA.sub(_lower, f) for f in forms}
            for form in forms:
                table.setdefault(form, canonical)
                if " và " in form:
                    table.setdefault(form.replace(" và ", " & "), canonical)
    return table


_DEPARTMENTS = _variant_table(_DATA["departments"])
_MINISTRIES = {**_DEPARTMENTS, **_variant_table(_DATA["ministry_only"])}
def _head_word_cased(table: dict[str, str]) -> dict[str, str]:
    """The table with a second spelling of long names: the word after the head in the other case
    ("Cục quản lý Khám, chữa bệnh" as the press writes "Cục Quản lý Khám, chữa bệnh")."""
    extra: dict[str, str] = {}
    for form, canonical in table.items():
        words = form.split(" ")
        if len(words) >= 3 and words[1][:1].isalpha() and not words[1].isupper():
            second = words[1][0].swapcase() + words[1][1:]
            extra.setdefault(" ".join([words[0], second, *words[2:]]), canonical)
    return {**extra, **table}


_NATIONAL = _head_word_cased(_variant_table(_DATA["national"]))
_PUBLIC_CENTRES = tuple(_DATA["public_centres"])
_DEPARTMENTS_UPPER = {k.upper(): v for k, v in _DEPARTMENTS.items()}

_END = r"(?![\w&'])(?!-[A-ZĐ])"
# After "Sở" / "Bộ" the field is sometimes written in lower case ("Thanh tra Bộ nội vụ", "Sở y tế").
_DEPARTMENTS_LOWER = {k.lower(): v for k, v in _DEPARTMENTS.items() if not k.isupper() and k[0] != k[0].lower()}
_MINISTRIES_LOWER = {k.lower(): v for k, v in _MINISTRIES.items() if not k.isupper() and k[0] != k[0].lower()}
_DEPT_FIELDS = alternation({**_DEPARTMENTS, **_DEPARTMENTS_LOWER})
_DEPT_RE = re.compile(r"(?:Sở|SỞ)\s+(" + _DEPT_FIELDS + ")" + _END)
# Also in lower case, where only a title or a word of service before it is searched ("Giám đốc sở Tư pháp").
_DEPT_ANY_RE = re.compile(r"(?:Sở|SỞ|sở)\s+(" + _DEPT_FIELDS + ")" + _END)
_MINISTRY_RE = re.compile(r"(?:Bộ|BỘ)\s+(" + alternation({**_MINISTRIES, **_MINISTRIES_LOWER}) + ")" + _END)
_NATIONAL_RE = re.compile(r"(" + alternation(_NATIONAL) + ")" + _END)
# A minister named by the ministry's field alone ("Bộ trưởng Y tế", "Thứ trưởng Tài chính"): the ministry.
_MINISTER_RE = re.compile(r"(?:Bộ trưởng|Thứ trưởng) (" + alternation(_MINISTRIES) + ")" + _END)
_COUNCIL_RE = re.compile(
    "("
    + alternation(
        [
            "UBND",
            "HĐND",
            "Ủy ban nhân dân",
            "Ủy ban Nhân dân",
            "Uy ban nhân dân",
            "Hội đồng nhân dân",
            "Hội đồng Nhân dân",
            "ỦY BAN NHÂN DÂN",
            "HỘI ĐỒNG NHÂN DÂN",
        ]
    )
    + ")"
    + _END
)
_FRONT_RE = re.compile(
    "("
    + alternation(["Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ Quốc", "Ủy ban MTTQ", "UBMTTQ", "UB MTTQ",
                   "Mặt trận Tổ quốc", "Mặt trận Tổ Quốc", "MTTQ"])
    + ")( Việt Nam| VN|VN)?"
    + _END
)
_PARTY_RE = re.compile(
    "("
    + alternation(cased("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy") + ["TỈNH ỦY", "THÀNH ỦY"])
    + ")"
    + _END
)
_PARTY_LOCAL_RE = re.compile(r"(Đảng ủy|Đảng bộ)(?= )")  # "Đảng ủy Khối ...": _BLOC_RE after the head
# "CA" only before a level word: "CA quận 1", "CA huyện Đông Anh".
_POLICE_RE = re.compile(
    "(" + alternation(cased("công an")) + r"|CA(?= (?:tỉnh|thành phố|TP|quận|huyện|thị xã|thị trấn|phường|xã) ))(?= )"
)
_COURT_RE = re.compile(
    "("
    + alternation(
        [
            "Tòa án nhân dân",
            "Tòa án Nhân dân",
            "TAND",
            "Viện kiểm sát nhân dân",
            "Viện Kiểm sát nhân dân",
            "Viện Kiểm sát Nhân dân",
            "Viện KSND",
            "VKSND",
        ]
    )
    + r")(?= )"
    # "Tòa án tỉnh Vĩnh Long", "Tòa án TP Hà Nội": the people's court, named short before its locality
    + r"|(Tòa án)(?= (?:tỉnh|thành phố|TP|huyện|quận|thị xã) ?[A-ZĐ\d])"
    # "Viện Kiểm sát cùng cấp", "Viện kiểm sát huyện X": the people's procuracy, named short
    + r"|(Viện [Kk]iểm sát)(?= (?:cùng cấp|(?:tỉnh|thành phố|TP|huyện|quận|thị xã) ?[A-ZĐ\d]))"
)
_MILITARY_RE = re.compile(
    "("
    + alternation(
        ["Bộ Chỉ huy Quân sự", "Bộ CHQS", "Bộ Chỉ huy Bộ đội Biên phòng", "Bộ đội Biên phòng", "BĐBP"]
    )
    + ")(?= )"
)
_UNIT_RE = re.compile(
    "("
    + alternation(["Lữ đoàn", "Sư đoàn", "Trung đoàn", "Quân khu", "Hải đoàn", "Quân đoàn", "Hải đội",
                   "Vùng Cảnh sát biển", "Vùng"])
    + r") (\d{1,3})(?!\w)( (?:Hải quân|Biên phòng|Cảnh sát biển)(?!\w))?"
)
_BORDER_POST_RE = re.compile(
    "(" + alternation(["Đồn Biên phòng", "đồn Biên phòng", "Đồn biên phòng", "Đồn BĐBP", "đồn BĐBP"]) + ")(?= )"
)
# A post named after its border gate or with a name the gazetteer does not hold ("Đồn Biên phòng Cửa
# khẩu quốc tế Lao Bảo", "Đồn Biên phòng Pò Hèn"): at most three capitalised words.
_BORDER_POST_NAME = re.compile(
    rf" ((?:[Cc]ửa khẩu (?:[Qq]uốc tế |đảo )?)?[{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+){{0,2}})(?![\w-])"
)
# District offices for roads and dikes, named whole by their head ("Hạt Quản lý giao thông huyện Na Hang").
_ROAD_AND_DIKE_OFFICES = ("Hạt Quản lý giao thông", "Hạt quản lý giao thông", "Hạt Quản lý đê điều",
                          "Hạt quản lý đê điều", "Khu Quản lý giao thông đô thị", "Khu Quản lý Giao thông đô thị",
                          "Khu quản lý giao thông đô thị", "Khu Quản lý đường bộ", "Khu quản lý đường bộ")
_GENERIC_HEADS = (
    "Văn phòng", "Ban", "Trung tâm", "Chi cục", "Chi Cục", "Cục", "Tổng cục", "Tổng Cục", "Vụ", "Phòng", "Thanh tra",
    "Ủy ban", "UBKT", "UB", "Hội đồng", "Hạt Kiểm lâm", "Hạt kiểm lâm", "Cơ quan", "Kho bạc Nhà nước",
    "Kho bạc nhà nước", "Bảo hiểm xã hội", "BHXH", "Hội Liên hiệp Phụ nữ", "Hội LHPN", "Hội Nông dân",
    "Hội Cựu chiến binh", "Liên đoàn Lao động", "LĐLĐ", "Tỉnh Đoàn", "Thành Đoàn", "Huyện Đoàn",
    "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Quận Đoàn", "Quận đoàn", "Đoàn Đại biểu Quốc hội", "Đoàn ĐBQH",
    "Thường trực", "cơ quan",
    "đoàn Đại biểu Quốc hội", "đoàn ĐBQH", "Đoàn đại biểu Quốc hội", "đoàn đại biểu Quốc hội", "Viện", "Đội",
    "CQĐT", "CQCSĐT", "Trạm", "Trại tạm giam", "Trại giam", *_ROAD_AND_DIKE_OFFICES,
)  # fmt: skip
_GENERIC_RE = re.compile(r"(" + alternation(_GENERIC_HEADS) + r")(?= )")
# "phòng" / "văn phòng" in lower case after a title: "Trưởng phòng Tài nguyên nước".
_GENERIC_TITLED_RE = re.compile(
    "(?:" + alternation(["Trưởng", "trưởng", "Phó", "phó"]) + ") (phòng)(?= [A-ZĐ])(?! Phòng )"  # not "Trưởng phòng Phòng X"
    "|(?:" + alternation(["Chánh", "chánh"]) + ") (văn phòng)(?= )"
    # "Phó Chánh thanh tra tỉnh Quảng Ngãi": the inspectorate, written in lower case after its head's title
    "|(?:" + alternation(["Chánh", "chánh"]) + r") (thanh tra)(?= (?:Bộ|Sở|tỉnh|thành phố|TP|huyện|quận|thị xã|Chính phủ|Tổng cục) )"
    # "Trưởng ban Tổ chức Tỉnh ủy Quảng Nam", "Phó trưởng ban Kinh tế Trung ương": a party or council
    # board, written in lower case inside its head's title; "Trưởng ban Quản lý dự án ...": a state board
    # "Cục trưởng cục Chống tham nhũng": the department, in lower case after its head's title
    "|(?:" + alternation(["Cục trưởng", "cục trưởng", "Phó Cục trưởng", "Phó cục trưởng", "phó cục trưởng"])
    + r") (cục)(?= [A-ZĐ])"
    "|(?:" + alternation(["Trưởng", "trưởng", "Phó trưởng", "phó trưởng", "Phó Trưởng"]) + r") (ban)(?= (?:"
    + alternation(["Tổ chức", "Tuyên giáo", "Dân vận", "Kinh tế", "Nội chính", "Đối ngoại", "Dân tộc", "Pháp chế",
                   "Văn hóa", "Kiểm tra", "Quản lý", "An toàn giao thông", "Tiếp công dân"]) + r")(?![\w]))"
)
# Vietnam's missions abroad: "Đại sứ quán Việt Nam tại Hà Lan", "Tổng Lãnh sự quán Việt Nam tại Osaka".
_MISSION_RE = re.compile(
    rf"(Đại sứ quán|ĐSQ|Tổng Lãnh sự quán|Lãnh sự quán|Phái đoàn [Tt]hường trực|Phái đoàn) Việt Nam tại "
    rf"(Liên [Hh]ợp [Qq]uốc|LHQ|(?:Cộng h[òo]a (?:[Dd]ân chủ (?:[Nn]hân dân )?|[Xx]ã hội [Cc]hủ nghĩa |[Ll]iên bang )?)?"
    rf"[{UPPER}][\w-]*(?: [{UPPER}][\w-]*){{0,3}})"
)


def _mission(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    if m.group(1) == "Lãnh sự quán" and ctx.text.endswith("Tổng ", 0, m.start()):
        return None  # inside "Tổng Lãnh sự quán"
    kind = {"ĐSQ": "Đại sứ quán", "Phái đoàn thường trực": "Phái đoàn Thường trực"}.get(m.group(1), m.group(1))
    place = cut_at_function_word(m.group(2))
    if place in ("LHQ", "Liên Hợp Quốc", "Liên hợp Quốc"):  # "Phái đoàn Thường trực Việt Nam tại LHQ"
        return AgencyMention(m.start(), m.start(2) + len(place), f"{kind} Việt Nam tại Liên hợp quốc")
    for i in range(1, len(place)):  # "ĐSQ Việt Nam tại Hà Lan Thủ tướng ...": a sentence without its full stop
        if place[i - 1] == " " and TITLE_AT.match(ctx.text, m.start(2) + i):
            place = place[: i - 1]
            break
    return AgencyMention(m.start(), m.start(2) + len(place), f"{kind} Việt Nam tại {place}")


# A district office written in lower case with its field and level: "phòng GD&ĐT huyện Nghi Lộc".
_LOWER_OFFICE_RE = re.compile(
    r"(phòng) (?=(?:GD|Giáo dục|TN|Tài nguyên|Tài chính|Nội vụ|Y tế|Tư pháp|Văn hóa|Kinh tế|Lao động|"
    r"Nông nghiệp|Quản lý đô thị|Công Thương|LĐ|VH|NN)[\w&-]*(?: [\wĐđ&-]+){0,6} (?:huyện|quận|thị xã|thành phố) "
    r"|(?:Cảnh sát|CSGT|CSĐT|CSHS|CSKT|CSCĐ) )"  # a police division: "từ phòng Cảnh sát đường thủy, Công an tỉnh"
)

_LEVEL = (
    r"(?:[Tt]ỉnh|[Tt]hành phố|TP\.? ?|Tp\.? ?|[Hh]uyện|[Qq]uận|[Tt]hị xã|TX\.? ?|xã|phường|thị trấn|H\.|TT\.|Q\.|P\.|X\.)"
)
_LEVEL_RE = re.compile(rf"({_LEVEL})(?=[ {UPPER}]|$|[,.;:)])")
_LEVEL_CANON = {
    "tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã", "h.": "huyện", "tt.": "thị trấn",
    "q.": "quận", "p.": "phường", "x.": "xã",
}  # fmt: skip
_PLURAL_BEFORE = re.compile(r"(?:các|những|cấp) $")
_NUMBERED_LEVEL = re.compile(r"([Qq]uận|[Pp]hường|Q\.|P\.) ?(\d{1,2})(?![\w/])")
_PLURAL_AFTER = re.compile(r" (?:các|cấp|những|mỗi|từng|hai|ba|bốn|năm|\d+|và các)\b")
_THIS = re.compile(r" (?:này|nhà|bạn|đó)\b")

# Lower-case words that end an agency name: verbs, prepositions, determiners, time words.
_STOP_WORDS = frozenset(
    """cho của đã đang sẽ vừa mới là được bị có không chưa về với tại trong ngoài trên dưới theo từ đến
    để khi thì mà nhưng nên vì do bởi cùng cũng vẫn đều này đó ấy kia nào gì ngày năm tháng sáng chiều
    tối lúc hôm sau trước nhằm phải cần nếu như gồm thuộc trực chủ phối tổ yêu đề ban ký nơi
    tiếp xử triển quyết chỉ tham nhận vào ra lên xuống đi làm đưa gửi trả nói cho hay biết
    tăng giảm đạt cử lập họp đánh rà tuyên trao tặng khen phê xác mời ủng hướng bố thống nhất đồng
    vượt chịu liên lấy đòi buộc kêu mong hy nêu góp thăm viếng tìm ngăn chặn phân khẩn tiến vẫn xin rất
    trân kính luôn sẵn tiếp chân còn hoặc hay rồi lại qua tới bằng ở chúc nói khẳng nhấn cảm ngừng dừng tỏ mỗi
    ghi đây từng""".split()
)  # fmt: skip
# Lower-case words allowed right after a generic head ("Ban quản lý", "Chi cục kiểm lâm").
_LOWER_STARTS = (
    "quản lý", "cán sự", "chỉ huy", "thường vụ", "kiểm lâm", "thi đua", "tiếp công dân", "dân vận",
    "tuyên giáo", "nội chính", "cảnh sát", "an ninh", "điều tra", "y tế", "phục vụ", "công viên",
    "tài nguyên", "giáo dục", "kỹ thuật", "đê điều", "thủy lợi", "thuế", "hải quan", "quản lý thị trường",
    "CSĐT", "cảnh sát điều tra", "an ninh điều tra", "điều tra", "hành chính công",
    "bảo vệ", "chăn nuôi", "trồng trọt", "phát triển", "đăng ký đất đai", "đăng kí đất đai",
    "Giám sát, điều hành đô thị thông minh", "giám sát, điều hành đô thị thông minh", "thường trực",
    "khoa học kỹ thuật hình sự", "pháp y",
)  # fmt: skip
_LOWER_START_RE = re.compile("(?:" + alternation(_LOWER_STARTS) + r")(?![\w])")
_BAN_FIRST_OK = (
    "Quản lý", "quản lý", "Dân tộc", "Tôn giáo", "Thi đua", "thi đua", "Tiếp công dân", "Pháp chế",
    "Kinh tế", "Văn hóa", "Đô thị", "Dân vận", "Tuyên giáo", "Nội chính", "Bảo vệ", "An toàn",
    "Chỉ huy", "chỉ huy", "cán sự", "Cán sự", "QLDA", "Đối ngoại", "Tổ chức", "Thường vụ",
    "Chấp hành", "Kiểm tra", "Tiếp dân", "Quản trị",
)  # fmt: skip
_EXCLUDED_FIRST = {
    # Institutes that are not public bodies: beauty clinics, care homes; a procuracy is read as a court.
    "Viện": ("Thẩm", "Dưỡng", "Kiểm", "KSND", "VKSND", "Trưởng", "Phó"),
    "Ban": ("Giám", "Chỉ đạo", "chỉ đạo", "Tổ chức giải", "tổ chức", "Biên tập", "Điều hành", "Tổ chức Giải",
            "Tổ chức Lễ", "Tổ chức lễ", "Tổ chức Hội", "Tổ chức cuộc", "Tổ chức Cuộc", "Tổ chức chương",
            "Tổ chức Chương", "Tổ chức Liên", "Tổ chức Festival", "Tổ chức sự", "Tổ chức Tuần", "Tổ chức Ngày"),
    "Phòng": ("Khám", "Giao dịch", "Công chứng", "Thương mại", "Hát", "Tranh", "Cháy", "Họp", "Truyền",
              "Trưng", "Làm", "Cấp cứu", "Hồi", "Kho", "Tiếp", "Vé", "Chờ", "Thí", "Học", "Đọc", "Máy",
              "Tập", "Ngủ", "Khách", "Bệnh", "Mổ", "Xét", "Trà", "Net", "Gym", "Bầu"),  # "Phòng Bầu dục": Oval Office
    "Cơ quan": ("chức", "Chức", "nhà", "Nhà", "báo", "Báo", "chuyên", "Đảng", "Đại"),
    "cơ quan": (
        "chức", "nhà", "báo", "chuyên", "Đảng", "Đại", "Nhà", "liên", "chủ", "thường", "tố", "có", "công",
    ),
    "Ủy ban": ("nhân dân", "Nhân dân", "Mặt trận", "MTTQ", "Thường vụ", "Trung ương MTTQ", "Olympic", "T.Ư MTTQ",
               "TƯ MTTQ", "T.Ư Mặt trận", "Trung ương Mặt trận"),
    "UB": ("MTTQ", "ND"),
    "Hội đồng": ("nhân dân", "Nhân dân", "quản trị", "Quản trị", "thành viên", "Giám khảo", "giám khảo",
                 "Nhà", "Trường", "Hương"),
    "Văn phòng": ("Luật", "luật", "đại diện", "Đại diện", "công chứng", "Công chứng", "phẩm"),
    "Cục": ("Cảnh sát Liên bang", "An ninh Quốc gia Mỹ", "Trưởng", "trưởng", "Phó", "phó", "Điều tra liên bang",
            "Điều tra Liên bang", "Tình báo Trung ương Mỹ"),  # "Cục Trưởng": a title typed wrong; the FBI
    "Chi cục": ("Trưởng", "trưởng", "Phó", "phó"),  # "Chi cục Phó Chi cục ...": a deputy head's title
    "Chi Cục": ("Trưởng", "trưởng", "Phó", "phó"),
    "Tổng Cục": ("Trưởng", "trưởng", "Phó", "phó"),
    "Tổng cục": ("Trưởng", "trưởng", "Phó", "phó"),
    "Vụ": ("Trưởng", "trưởng", "Phó", "phó"),
    # Police and market-control teams; "Đội" with a number is read by _team.
    "Đội": ("Cảnh sát giao thông", "CSGT", "Cảnh sát hình sự", "CSHS", "Cảnh sát điều tra", "CSĐT",
            "Cảnh sát cơ động", "Cảnh sát kinh tế", "Cảnh sát môi trường", "Quản lý thị trường", "QLTT",
            "Kiểm lâm", "Cảnh sát PCCC", "Cảnh sát phòng cháy", "Kiểm soát Hải quan", "Kiểm soát hải quan",
            "Kiểm soát chống buôn lậu", "Kiểm soát ma túy", "Kiểm soát phòng, chống ma túy"),  # customs teams
    # Stations of a district's public services ("Trạm Chăn nuôi và Thú y huyện Y", "Trạm CSGT Diễn
    # Châu"); a commune's health station is not listed (the labelling conventions), nor are fuel, toll
    # and weather stations.
    "Trạm": ("Kiểm lâm", "Khuyến nông", "Chăn nuôi", "Thú y", "Bảo vệ thực vật", "Trồng trọt",
             "Cảnh sát giao thông", "CSGT", "Kiểm dịch", "Biên phòng"),
}  # fmt: skip
# "Đội" and "Trạm" start a body only with one of their kinds (above); "Đội" only with its parent after it.
_ALLOWED_FIRST = {"Đội": _EXCLUDED_FIRST.pop("Đội"), "Trạm": _EXCLUDED_FIRST.pop("Trạm")}
# Heads whose body needs a nested body, a locality or a known first word to count as an agency.
_NEEDS_ANCHOR = {
    "Văn phòng",
    "Thanh tra",
    "Ủy ban",
    "UBKT",
    "UB",
    "Cơ quan",
    "cơ quan",
    "CQĐT",
    "CQCSĐT",
    "Thường trực",
    "văn phòng",
    "Đội",
}
_PROVINCIAL_DEFAULT = {
    "Trung tâm", "Chi cục", "Chi Cục", "Ban", "Thanh tra", "Hạt Kiểm lâm", "Hạt kiểm lâm", "Kho bạc Nhà nước",
    "Kho bạc nhà nước", "Bảo hiểm xã hội", "BHXH", "Hội Liên hiệp Phụ nữ", "Hội LHPN", "Hội Nông dân",
    "Hội Cựu chiến binh", "Liên đoàn Lao động", "LĐLĐ", "Tỉnh Đoàn", "Tỉnh đoàn", "Đoàn Đại biểu Quốc hội",
    "Đoàn ĐBQH", "Hội đồng", "đoàn Đại biểu Quốc hội", "đoàn ĐBQH", "Đoàn đại biểu Quốc hội", "đoàn đại biểu Quốc hội",
}  # fmt: skip
# Heads that are a whole name by themselves ("Liên đoàn Lao động" + locality).
_COMPLETE_HEADS = {
    "Hạt Kiểm lâm", "Hạt kiểm lâm", "Kho bạc Nhà nước", "Kho bạc nhà nước", "Bảo hiểm xã hội", "BHXH",
    "Hội Liên hiệp Phụ nữ", "Hội LHPN", "Hội Nông dân", "Hội Cựu chiến binh", "Liên đoàn Lao động", "LĐLĐ",
    "Tỉnh Đoàn", "Thành Đoàn", "Huyện Đoàn", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Quận Đoàn", "Quận đoàn",
    "Đoàn Đại biểu Quốc hội", "Đoàn ĐBQH", "Thanh tra", "đoàn Đại biểu Quốc hội", "đoàn ĐBQH", "Đoàn đại biểu Quốc hội", "đoàn đại biểu Quốc hội",
    "Trại tạm giam", *_ROAD_AND_DIKE_OFFICES,
}  # fmt: skip
_HEAD_CANON = {
    "Hạt quản lý giao thông": "Hạt Quản lý giao thông", "Hạt quản lý đê điều": "Hạt Quản lý đê điều",
    "Khu Quản lý Giao thông đô thị": "Khu Quản lý giao thông đô thị",
    "Khu quản lý giao thông đô thị": "Khu Quản lý giao thông đô thị", "Khu quản lý đường bộ": "Khu Quản lý đường bộ",
    "UBKT": "Ủy ban Kiểm tra", "UB": "Ủy ban", "Chi Cục": "Chi cục", "Tổng Cục": "Tổng cục", "Hạt kiểm lâm": "Hạt Kiểm lâm",
    "Kho bạc nhà nước": "Kho bạc Nhà nước",
    "BHXH": "Bảo hiểm xã hội", "Hội LHPN": "Hội Liên hiệp Phụ nữ", "LĐLĐ": "Liên đoàn Lao động",
    "Tỉnh đoàn": "Tỉnh Đoàn", "Thành đoàn": "Thành Đoàn", "Huyện đoàn": "Huyện Đoàn", "Quận đoàn": "Quận Đoàn", "Đoàn ĐBQH": "Đoàn ĐBQH", "cơ quan": "Cơ quan",
    "đoàn ĐBQH": "Đoàn ĐBQH", "đoàn Đại biểu Quốc hội": "Đoàn Đại biểu Quốc hội",
    "Đoàn đại biểu Quốc hội": "Đoàn Đại biểu Quốc hội", "đoàn đại biểu Quốc hội": "Đoàn Đại biểu Quốc hội",
    "phòng": "Phòng", "văn phòng": "Văn phòng", "CQĐT": "Cơ quan điều tra", "CQCSĐT": "Cơ quan Cảnh sát điều tra",
}  # fmt: skip
_PUBLIC_CENTRES_LOWER = tuple(p.lower() for p in _PUBLIC_CENTRES)
_INVESTIGATION_STARTS = (
    "CSĐT",
    "Cảnh sát điều tra",
    "cảnh sát điều tra",
    "An ninh điều tra",
    "an ninh điều tra",
    "điều tra",
)
# Two-word verbs whose first word also starts names ("thực hiện" vs "vệ sinh thực phẩm").
_STOP_BIGRAMS = frozenset(
    bigram.strip()
    for bigram in """thực hiện|thực hành|tổ chức|chỉ đạo|phối hợp|kiểm tra|báo cáo|thông báo|ban hành|
    nhiệm kỳ|tham mưu|tiếp nhận|xử lý|giải thích|cho biết|thông tin|triển khai|quyết định|phát hiện|phát biểu|công bố|yêu cầu|đề nghị|đề xuất|
    giải trình|giải quyết|cắt cử|cử người|cung cấp|xác minh|đánh giá|rà soát|tuyên truyền|vận động|
    hướng dẫn|kiến nghị|phê duyệt|thẩm định|cấp phép|thu hồi|xem xét|làm việc|lập biên|giao cho|chủ trì|
    điều tra|khởi tố|bắt giữ|tạm giữ|bảo đảm|đảm bảo|theo dõi|tiếp tục|phát động|tập trung|khắc phục|cảnh báo|
    chịu trách|ra quân|tăng cường|tạo điều|tạo ra|cấp lần|cấp giấy|cấp mới|cấp đổi|đăng tải|công khai|
    thông qua|trình bày|gửi văn|xuất hiện|tiến hành|khuyến cáo|lưu ý|sơ kết|tổng kết|kiểm điểm|nhấn mạnh|
    thừa nhận|bày tỏ|nhận định|khẳng định|đưa ra|vào cuộc|lên tiếng|ra mắt|công nhận|
    đối với|thành lập|quan tâm|đặc biệt|chia sẻ|đoàn kết|nhập danh|huy động|đầu thú|thụ lý""".split("|")
)
# Bodies of other countries ("Cục Dự trữ Liên bang Mỹ", "Bộ Ngoại giao Trung Quốc" is caught by _END).
_FOREIGN = re.compile(
    r"(?<![\w])(?:Liên bang|Mỹ|Hoa Kỳ|Trung Quốc|Nga|Nhật Bản|Hàn Quốc|Triều Tiên|Pháp(?! (?:luật|chế|lý|y|lệnh))|Đức|Anh|Úc|Lào|"
    r"Campuchia|Thái Lan|Singapore|Ấn Độ|Philippines|Indonesia|Malaysia|châu Âu|Liên hợp quốc|LHQ)(?![\w])"
)
# First words of a ministry department's name ("Vụ Pháp luật"); "vụ Xuân" (a crop season) and "Vụ
# Quang" (a misspelt district) are not departments.
_VU_FIRST = frozenset(
    """Tổ Pháp Kế Tài Hợp Quan Khoa Nông Công Kinh Văn Giáo Thi Thư Tổng Quản Chính Đổi Địa Dân Bảo
    Đào Truyền Thông Môi Ngân Đầu Phát Xây Y Thể Gia Hành Lễ Hoạt Cải Tuyên Phòng Giám Thẩm An Kiểm Thị
    Khu Lao Vận Ngoại Quốc Tư Đối Hạ Tiền Sức Mỹ Châu Âu Dược Thống Dự Huấn
    Quy Đăng Việc Cơ Chế Hải Du Bình Người Trẻ Phổ Học Sinh Thanh Quân Nghiên Ứng Tin Điều Công""".split()
)
_FOREIGN_AFTER = re.compile(
    " (?:"
    + alternation(
        [n for n in load_json("foreign.json")["countries"]]
        + [n for n in load_json("surnames.json")["not_names"] if n != "Việt Nam" and not n.endswith("Bộ")]
    )
    + r")(?![\w])"
    + rf"| {TRANSLITERATED_NAME}"  # a country's name transliterated with hyphens ("Xy-ri")
    + r"| Cộng sản (?!Việt Nam)"  # "Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc"
    # Kinds of government Vietnam's is not: "Chính phủ đoàn kết dân tộc (GNA)", "Chính phủ lâm thời",
    # "Chính phủ mới của Pháp"
    + r"| (?:đoàn kết|lâm thời|liên bang|liên hiệp|quân sự|lưu vong|tự trị|mới của|mới ở)(?![\w])"
)
# Words that make the body after them part of a thing's name ("trái phiếu Chính phủ", a bond).
_NOT_A_BODY_BEFORE = (
    "trái phiếu ", "Trái phiếu ", "trái phiếu được ", "Trái phiếu được ",  # bonds, "... bảo lãnh"
    "Truyền hình ", "truyền hình ",  # "kênh Truyền hình Quốc hội": a TV channel
)  # fmt: skip
_TOKEN = re.compile(r"\s*([^\s,;:()\"\[\]]+)")
_DOTTED_ABBREVIATION = re.compile(r"(?:TP|Tp|TX|[A-ZĐ])\.")
_MAX_WORDS = 20


@dataclass(slots=True)
class AgencyMention:
    start: int
    end: int
    name: str
    national: bool = False
    standing: bool = False  # written for its standing committee ("TTTU": Thường trực Tỉnh ủy)
    membership: bool = False  # named by a member's title or its seat only: never the acting body


@dataclass(slots=True)
class AgencyContext:
    """What locality resolution needs to know about the document."""

    text: str
    province: str | None
    places: list[PlaceMention]
    person_spans: Spans = field(default_factory=Spans)
    ministries: list[tuple[int, str]] = field(default_factory=list)
    _by_admin: dict[str | None, list[PlaceMention]] | None = None

    def province_locality(self) -> str | None:
        info = province_info(self.province) if self.province else None
        return f"{info.admin_word} {info.name}" if info else None

    def nearest(self, admin: str, pos: int) -> PlaceMention | None:
        """The mention introduced by this admin word closest before `pos`, else the first after it."""
        if self._by_admin is None:
            self._by_admin = {}
            for mention in self.places:
                self._by_admin.setdefault(mention.admin, []).append(mention)
        group = self._by_admin.get(admin, [])
        if not group:
            return None
        i = bisect_left([p.start for p in group], pos)
        return group[i - 1] if i > 0 else group[0]

    def admin_of(self, name: str) -> str | None:
        for mention in self.places:
            if mention.name == name and mention.admin:
                return mention.admin
        return None


# --------------------------------------------------------------------------------------------
# Localities
# --------------------------------------------------------------------------------------------


def _canonical_level(word: str) -> str:
    word = word.strip().lower()
    return _LEVEL_CANON.get(word, word)


def _place_run(ctx: AgencyContext, pos: int) -> tuple[str, int] | None:
    """A place name (capitalised run) starting at `pos`: (canonical, end)."""
    alias = province_alias_at(ctx.text, pos)
    m = CAP_RUN.match(ctx.text, pos)
    if m is None:
        return alias
    run = cut_at_function_word(m.group(0), keep_names=False)
    if len(run) < len(m.group(0)) and (district := district_prefix(m.group(0))) and len(district) > len(run):
        run = district  # "huyện Ba Vì": a district whose name holds a sentence word
    if run.split(" ")[0] in FUNCTION_CAPS or run.split(" ")[0] in SENTENCE_VERBS:
        return alias
    known = lookup_place_prefix(run)
    district = district_prefix(run) if known is not None else None
    longer = district is not None and len(district) > known[1]
    if longer and pos + len(district) >= (alias or known)[1]:
        return district, pos + len(district)  # "huyện Gò Công Đông", not the town "Gò Công"
    if known is not None and (alias is None or pos + known[1] >= alias[1]):
        return known[0], pos + known[1]
    if alias is not None:
        return alias
    if TITLE_AT.match(ctx.text, pos):
        return None  # "Công an TP. | Bí thư ...": a title starts the next sentence, no place
    end = pos + len(run)
    person = ctx.person_spans.first_start(pos, end)
    if person is not None:
        end = person
    words = ctx.text[pos:end].strip().split(" ")[:4]
    for i in range(2, len(words) - 1):
        if words[i] in _COMMON_SURNAMES:
            words = words[:i]  # "xã Đồng Tâm | Nguyễn Tiến Triển": a name glued to the place
            break
    part = " ".join(words).strip()
    if not part:
        return None
    return proper_case(part), pos + len(part)


def _resolve_level(ctx: AgencyContext, level: str, pos: int) -> str:
    """A level written without its name ("UBND tỉnh") resolved from the document."""
    info = province_info(ctx.province) if ctx.province else None
    if level == "tỉnh":
        return f"tỉnh {info.name}" if info and not info.is_city else "tỉnh"
    if level == "thành phố" and info and info.is_city:
        return f"thành phố {info.name}"
    mention = ctx.nearest(level, pos)
    if mention is not None:
        return _level_and_name(level, mention.name)
    return level


def _named_before(ctx: AgencyContext, level: str, pos: int) -> str | None:
    """ "tỉnh này" (this province): the province (or city, district) named last before `pos`, which may
    not be the document's ("hai tàu ở tỉnh Phú Yên bị hỏng, UBND tỉnh này ...")."""
    mention = ctx.nearest(level, pos)
    if mention is None or mention.start >= pos:
        return None
    return _level_and_name(level, mention.name)


def _level_and_name(level: str, name: str) -> str:
    """ "quận" + "Quận 1" -> "quận 1"; "huyện" + "Chư Pah" -> "huyện Chư Pah"."""
    if name.lower().startswith(level + " ") and name.split(" ")[-1].isdigit():
        return name[0].lower() + name[1:]
    return f"{level} {name}"


_BARE_LEVELS = frozenset({"thành phố", "thị xã", "thị trấn"})
_ONE_WORD_LEVELS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường"})


def _level_and_place(locality: str) -> tuple[str, str]:
    """("thị xã", "Phổ Yên") from "thị xã Phổ Yên", ("huyện", "Sóc Sơn") from "huyện Sóc Sơn"; ("", the
    whole) when it starts with no level word."""
    words = locality.split(" ")
    if " ".join(words[:2]) in _BARE_LEVELS:
        return " ".join(words[:2]), " ".join(words[2:])
    if words[0] in _ONE_WORD_LEVELS:
        return words[0], " ".join(words[1:])
    return "", locality


def _named(locality: str | None) -> bool:
    """Whether a locality names its place ("huyện Sóc Sơn"), not only its level ("huyện", "thành phố")."""
    return locality is not None and " " in locality and locality not in _BARE_LEVELS


def _locality_at(ctx: AgencyContext, pos: int) -> tuple[str | None, int]:
    """A locality right after a body's name: "tỉnh Quảng Nam", "TP Hà Nội", "Bến Tre", "tỉnh này".

    Returns (canonical locality or None, end offset); a level without a name is resolved from the
    document ("huyện" -> the district mentioned last)."""
    text = ctx.text
    if pos >= len(text) or text[pos] != " ":
        return None, pos
    acronym = _ACRONYM_IN_BRACKETS.match(text, pos)
    if acronym is not None:  # "Tòa án nhân dân (TAND) tỉnh Đắk Lắk"
        pos = acronym.end()
    start = pos + 1
    alias = province_alias_at(text, start)
    if alias is not None:
        longer = lookup_place_prefix(text[start : start + 40].split(",")[0])
        if longer is None or start + longer[1] <= alias[1] or province_info(longer[0]):
            info = province_info(alias[0])
            return f"{info.admin_word} {alias[0]}" if info else alias[0], alias[1]
    if _PARTY_RE.match(text, start):
        return None, pos  # "Tỉnh ủy", "Huyện ủy": a party committee, not a locality
    numbered = _NUMBERED_LEVEL.match(text, start)
    if numbered is not None:
        return f"{_canonical_level(numbered.group(1))} {numbered.group(2)}", numbered.end()
    m = _LEVEL_RE.match(text, start)
    if m is not None:
        level = _canonical_level(m.group(1))
        after = m.end()
        name_start = after + 1 if text[after : after + 1] == " " else after
        place = _place_run(ctx, name_start) if name_start < len(text) and text[name_start].isupper() else None
        if place is not None and level == "tỉnh" and province_info(place[0]) is None and (
            place[0].split(" ", 1)[0] in _COMMON_SURNAMES and " " in place[0] and place[0] not in FORMER_PROVINCES
        ):
            place = None  # "PCT UBND tỉnh | Dương Tất Thắng": a person's name, no province is named so
        if place is not None:
            name, end = place
            if level in ("thành phố",) and province_info(name) and not province_info(name).is_city:
                return f"thành phố {name}", end
            return f"{level} {name}", end
        this = _THIS.match(text, after)
        if this is not None:
            named = _named_before(ctx, level, start) if this.group(0) == " này" else None
            return named or _resolve_level(ctx, level, start), this.end()
        following = text[after : after + 12]
        word = following.split()[0].rstrip(",.;:)") if following.split() else ""
        if level == "xã" and word == "hội":
            return None, pos  # "xã hội" (society), not a commune
        return _resolve_level(ctx, level, start), after
    return None, pos


# --------------------------------------------------------------------------------------------
# Specific bodies
# --------------------------------------------------------------------------------------------


def _council(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    head = canonical_org_words(m.group(1))
    if _PLURAL_AFTER.match(ctx.text, m.end()):
        return None
    locality, end = _locality_at(ctx, m.end())
    if locality is None:
        locality = ctx.province_locality()
    if not _named(locality):
        return None  # "UBND phường" with no ward named or mentioned: generic
    return AgencyMention(m.start(), end, f"{head} {locality}")


_COORDINATION = re.compile(r"(?:, | và | hoặc )(?=[a-zđ])")


def _coordinated(ctx: AgencyContext, mention: AgencyMention) -> list[AgencyMention]:
    """Localities listed after a council: "HĐND huyện Sóc Sơn, thị xã Sơn Tây" also names
    "HĐND thị xã Sơn Tây"."""
    head = mention.name.split(" ", 1)[0]
    extra: list[AgencyMention] = []
    end = mention.end
    while len(extra) < 8:
        joint = _COORDINATION.match(ctx.text, end)
        if joint is None or not _LEVEL_RE.match(ctx.text, joint.end()):
            break
        locality, loc_end = _locality_at(ctx, joint.end() - 1)
        if not _named(locality) or loc_end == joint.end() - 1:
            break
        level_end = _LEVEL_RE.match(ctx.text, joint.end()).end()
        if (
            ctx.text[level_end : level_end + 1] != " "
            or not ctx.text[level_end + 1 : level_end + 2].isupper()
        ):
            break  # a level word without its own name: not a listed locality
        previous = (extra[-1] if extra else mention).name.split(" ", 1)[1]
        if _rank(locality) > _rank(previous):
            break  # "UBND xã Ninh Sở, | huyện Thường Tín": the commune's address, not a second council
        extra.append(AgencyMention(joint.end(), loc_end, f"{head} {locality}"))
        end = loc_end
    return extra


# Administrative levels from the bottom: a locality after a lower one is its address.
_RANK = {"xã": 1, "phường": 1, "thị trấn": 1, "huyện": 2, "quận": 2, "thị xã": 2, "thành phố": 2, "tỉnh": 3}


def _rank(locality: str) -> int:
    """The rank of a locality's level ("thị xã Phổ Yên" -> 2); 0 when it has none."""
    return _RANK.get(_level_and_place(locality)[0], 0)


def _front(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    head = "UBMTTQ" if m.group(1).startswith(("Ủy", "UB")) else "MTTQ"
    vn = " Việt Nam"
    if _PLURAL_AFTER.match(ctx.text, m.end()):
        return None
    locality, end = _locality_at(ctx, m.end())
    if locality is None and ctx.text.startswith(" cùng cấp", m.end()):
        return None  # "UBMTTQ Việt Nam cùng cấp" of each district: not the national Front
    if locality is None:
        if m.group(2):
            return AgencyMention(m.start(), m.end(), "Ủy ban Trung ương MTTQ Việt Nam", national=True)
        return None  # "MTTQ Việt Nam" with no locality is the national Front; bare "MTTQ" is generic
    if not _named(locality):
        return None  # "UBMTTQVN tỉnh" where the document names no province: which one is unknown
    return AgencyMention(m.start(), end, f"{head}{vn} {locality}")


def _party(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | list[AgencyMention] | None:
    head = m.group(1).capitalize()
    if _LIST_OPENER.match(ctx.text, m.end()):  # "Bí thư Tỉnh ủy 4 tỉnh Quảng Ninh, Lạng Sơn, ..."
        return listed_bodies(ctx, head, m.end(), party=True) or None
    level = {
        "tỉnh ủy": "tỉnh",
        "thành ủy": "thành phố",
        "huyện ủy": "huyện",
        "quận ủy": "quận",
        "thị ủy": "thị xã",
    }[head.lower()]
    end = m.end()
    if _LEVEL_RE.match(ctx.text, end + 1):
        locality, loc_end = _locality_at(ctx, end)
        if _named(locality):
            if head == "Thành ủy" and locality.startswith("thành phố "):
                locality = locality[len("thành phố ") :]  # "Thành ủy Hà Nội", as "Tỉnh ủy Quảng Nam"
            return AgencyMention(m.start(), loc_end, f"{head} {locality}")
    numbered = _NUMBERED_LEVEL.match(ctx.text, end + 1) if head == "Quận ủy" else None
    if numbered is not None:  # "Quận ủy Q.9", "Quận ủy quận 9"
        return AgencyMention(m.start(), numbered.end(), f"{head} quận {numbered.group(2)}")
    if ctx.text[end : end + 1] == " " and end + 1 < len(ctx.text) and ctx.text[end + 1].isupper():
        place = _place_run(ctx, end + 1)
        if place is not None and not place[0].startswith(("Ủy", "Ban", "Đảng")) and not _LEVEL_RE.fullmatch(place[0]):
            return AgencyMention(m.start(), place[1], f"{head} {place[0]}")  # not "Thành ủy | TP nhiệm kỳ"
    if _PLURAL_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()) or m.group(1)[0].islower():
        return None  # "các huyện ủy, thành ủy, thị ủy": generic; a lower-case head needs its name
    resolved = _resolve_level(ctx, level, m.start())
    if resolved == level:
        return None
    return AgencyMention(m.start(), end, f"{head} {resolved[len(level) + 1 :]}")


# The party committee of a bloc of bodies: "Đảng ủy Khối các cơ quan tỉnh Kon Tum", "Đảng ủy khối
# Doanh nghiệp Trung ương".
_BLOC_RE = re.compile(r" (?:[Kk]hối) ((?:các )?[Cc]ơ quan|[Dd]oanh nghiệp|[Dd]ân chính [Đđ]ảng)(?= )")


def _party_bloc(ctx: AgencyContext, start: int, head: str, bloc: re.Match[str]) -> AgencyMention | None:
    kind = bloc.group(1)
    kind = kind[0].lower() + kind[1:]
    if ctx.text.startswith(" Trung ương", bloc.end()):
        return AgencyMention(start, bloc.end() + len(" Trung ương"), f"{head} Khối {kind} Trung ương", national=True)
    locality, end = _locality_at(ctx, bloc.end())
    return AgencyMention(start, end, f"{head} Khối {kind} {locality}") if _named(locality) else None


def _party_local(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    head = m.group(1)
    bloc = _BLOC_RE.match(ctx.text, m.end())
    if bloc is not None:
        return _party_bloc(ctx, m.start(), head, bloc)
    m2 = _LEVEL_RE.match(ctx.text, m.end() + 1)
    if m2 is None:
        # The party committee of a body: "Đảng ủy Công an tỉnh Quảng Ngãi", "Đảng bộ Quân sự tỉnh".
        police = _POLICE_RE.match(ctx.text, m.end() + 1) or _MILITARY_RE.match(ctx.text, m.end() + 1)
        body = None
        if police is not None:
            body = (_police if police.re is _POLICE_RE else _military)(ctx, police)
        else:  # "Đảng ủy Bộ Tài chính", "Đảng ủy trường ĐH Y khoa Phạm Ngọc Thạch", "Đảng bộ Bệnh viện ..."
            body = _party_s_body(ctx, m.end() + 1)
        return AgencyMention(m.start(), body.end, f"{head} {body.name}") if body is not None else None
    locality, end = _locality_at(ctx, m.end())
    if not _named(locality):
        return None
    return AgencyMention(m.start(), end, f"{head} {locality}")


def _party_s_body(ctx: AgencyContext, pos: int) -> AgencyMention | None:
    """The ministry, department or institution whose party committee is named before `pos`."""
    nested = _nested_at(ctx, pos)
    if nested is not None and nested.name.startswith(("Bộ ", "Sở ")):
        return nested
    m = _INSTITUTION_RE.match(ctx.text, pos)
    if m is None or m.group(1) not in ("Bệnh viện", "BV", "Trường", "trường", "Học viện"):
        return None
    body = _institution(ctx, m)
    return body if isinstance(body, AgencyMention) else None


_LISTED_LEVEL = re.compile(r"(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|TP|TX)(?![\w])")
_REGION_AT = re.compile(
    r"(?:(?:Đông |Tây )?(?:Nam|Bắc|Trung) [Bb]ộ|Tây Nguyên|Tây Bắc|Đông Bắc|Tây Nam|Nam Trung|Bắc Trung|ĐBSCL|"
    r"Đồng bằng sông Cửu Long|đồng bằng sông Cửu Long|miền|phía|khu vực|vùng)(?!\w)"
)
_LISTED_SHORT = {"TP": "thành phố", "TX": "thị xã"}  # "UBND các tỉnh, TP": a level written short after the first
# Between two items: a comma, "và", or a bare space between two levels ("các tỉnh thành phố").
_LIST_JOINT = re.compile(r", | và |; | (?=(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)(?![\w]))")
_CENTRAL_TAIL = re.compile(r" trực thuộc [Tt]rung ương")
_PROVINCES_AND_CITIES = re.compile(r"tỉnh,? thành(?![\w]| phố| [A-ZĐ])")
_LIST_OPENER = re.compile(r" (các|hai|ba|bốn|năm|2|3|4|5) (?=tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)")


def listed_bodies(ctx: AgencyContext, head: str, pos: int, party: bool = False) -> list[AgencyMention]:
    """Bodies of one kind listed after "các": "UBND các phường Thanh Trì, Lĩnh Nam, Yên Sở" gives one
    council per ward; "UBND các tỉnh, thành phố" (levels without names) is one collective body. A
    party committee takes the bare place ("Tỉnh ủy 4 tỉnh Quảng Ninh, Lạng Sơn" -> "Tỉnh ủy Lạng Sơn")
    and has no collective."""
    text = ctx.text
    opener = _LIST_OPENER.match(text, pos)
    if opener is None:
        return []
    counted = opener.group(1) != "các"  # "Công an hai xã Thạch Văn và Thạch Hội": each one named
    cursor = opener.end()
    level: str | None = None
    levels: list[str] = []
    found: list[AgencyMention] = []
    end = cursor
    named_last = False
    provinces_and_cities = _PROVINCES_AND_CITIES.match(text, cursor)
    if provinces_and_cities is not None:  # "UBND các tỉnh thành", short for "các tỉnh, thành phố"
        levels, end = ["tỉnh", "thành phố"], provinces_and_cities.end()
    while provinces_and_cities is None and len(found) < 12:
        lm = _LISTED_LEVEL.match(text, cursor)
        if lm is not None:
            level = _LISTED_SHORT.get(lm.group(1), lm.group(1))
            cursor = lm.end() + (1 if lm.group(1) in _LISTED_SHORT and text[lm.end() : lm.end() + 2] == ". " else 0)
            place = _place_run(ctx, cursor + 1) if text[cursor : cursor + 1] == " " else None
            if _REGION_AT.match(text, cursor + 1):
                return []  # "các tỉnh Nam bộ", "các tỉnh Tây Nguyên": a region's provinces, not named
            if place is None or not text[cursor + 1 : cursor + 2].isupper():
                if level not in levels:  # "các xã, phường, phường": one level once
                    levels.append(level)
                end = cursor
                named_last = False
            else:
                body = place[0] if party else _level_and_name(level, place[0])
                found.append(AgencyMention(cursor + 1, place[1], f"{head} {body}"))
                cursor = end = place[1]
                named_last = True
        elif level is not None and named_last and text[cursor : cursor + 1].isupper():
            # "các phường Thanh Trì, | Lĩnh Nam": the next name of the level; not after a bare level
            # ("các quận, huyện, thị xã, | Giám đốc các sở")
            place = _place_run(ctx, cursor)
            if place is None:
                break
            body = place[0] if party else _level_and_name(level, place[0])
            found.append(AgencyMention(cursor, place[1], f"{head} {body}"))
            cursor = end = place[1]
        else:
            break
        joint = _LIST_JOINT.match(text, cursor)
        if joint is None:
            break
        cursor = joint.end()
    if counted or party:
        return [] if levels else found
    tail = _CENTRAL_TAIL.match(text, end)
    if tail is not None:
        end = tail.end()
    if levels:
        found.insert(0, AgencyMention(pos - len(head), end, f"{head} các {', '.join(levels)}"))
        named = _COLON_LIST.match(text, end)
        if named is not None:  # "UBND các huyện, thị xã: Đại Lộc, Duy Xuyên, Điện Bàn": each one
            cursor = named.end()
            while len(found) < 13 and (place := _place_run(ctx, cursor)) is not None:
                name, cursor = place
                # The place's own level when the text gives it, else the one level listed (with "huyện,
                # thị xã" listed, "Điện Bàn" alone does not say which it is).
                level = ctx.admin_of(name) or (levels[0] if len(levels) == 1 else None)
                if level is not None and (lookup_place_prefix(name) or ctx.admin_of(name)):
                    found.append(AgencyMention(cursor - len(name), cursor, f"{head} {_level_and_name(level, name)}"))
                joint = _LIST_JOINT.match(text, cursor)
                if joint is None or not text[joint.end() : joint.end() + 1].isupper():
                    break
                cursor = joint.end()
    return found


_COLON_LIST = re.compile(r"\s?:\s*(?=[A-ZĐ])")


def _police(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    locality, end = _locality_at(ctx, m.end())
    if not _named(locality) or _PLURAL_AFTER.match(ctx.text, m.end()):
        return None  # "công an xã" with no commune named or mentioned: generic
    return AgencyMention(m.start(), end, f"Công an {locality}")


# The police of a place written short: "CATP Hà Nội", "CAQ Hoàn Kiếm", "CAH Sóc Sơn", "CAQ 1".
_POLICE_SHORT = {"CATP": "thành phố", "CAT": "tỉnh", "CAQ": "quận", "CAH": "huyện", "CATX": "thị xã", "CAP": "phường",
                 "CAX": "xã"}  # fmt: skip
_POLICE_SHORT_RE = re.compile("(" + alternation(_POLICE_SHORT) + r")(?= (?:[A-ZĐ]|\d{1,2}(?!\d))|(?![\w&'-]))")
_POLICE_NUMBER = re.compile(r" (\d{1,2})(?![\w/.,]\d)")  # "CAQ 1": a numbered district or ward


def _police_short(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    level = _POLICE_SHORT[m.group(1)]
    number = _POLICE_NUMBER.match(ctx.text, m.end(), m.end() + 4)
    if number is not None and level in ("quận", "phường"):
        return AgencyMention(m.start(), m.end() + len(number.group(0)), f"Công an {level} {number.group(1)}")
    if ctx.text.startswith(" HCM", m.end()) and not ctx.text[m.end() + 4 : m.end() + 5].isalnum():
        place: tuple[str, int] | None = ("Hồ Chí Minh", m.end() + 4)  # "CATP HCM"
    else:
        place = _place_run(ctx, m.end() + 1)
    if place is None:
        # "phòng CSGT CATP cho biết": the city (province, district) the document is about
        # ("báo CATP" is the newspaper)
        if ctx.text.endswith(("báo ", "Báo "), 0, m.start()) or level not in ("thành phố", "tỉnh", "quận", "huyện"):
            return None
        resolved = _resolve_level(ctx, level, m.start())
        return AgencyMention(m.start(), m.end(), f"Công an {resolved}") if resolved != level else None
    name, end = place
    return AgencyMention(m.start(), end, canonical_org_words(f"Công an {_level_and_name(level, name)}"))


# The fire police of a province, city or district: "Cảnh sát PCCC TP.HCM", "Cảnh sát Phòng cháy chữa
# cháy quận Gò Vấp", the former city departments "Sở Cảnh sát PCCC TP Cần Thơ".
_FIRE_POLICE_RE = re.compile(
    r"((?:Sở )?Cảnh sát (?:PCCC(?:&CNCH| ?& ?CNCH| và CNCH)?|PC&CC|[Pp]hòng cháy,? chữa cháy)"
    r"(?: và [Cc]ứu nạn,? cứu hộ| và CNCH)?)(?= )"
)
# A division or team whose name starts with the force's: "Phòng Cảnh sát PCCC huyện Nhà Bè" is read
# by the generic head "Phòng"; the force inside it is not a second body.
_FIRE_POLICE_INSIDE = ("Phòng ", "phòng ", "Đội ", "đội ", "Trung đội ", "Sở ", "Cục ", "Tổng cục ")


def _fire_police(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | list[AgencyMention] | None:
    if ctx.text.endswith(_FIRE_POLICE_INSIDE, 0, m.start()) or _PLURAL_AFTER.match(ctx.text, m.end()):
        return None
    locality, end = _locality_at(ctx, m.end())
    if not _named(locality):
        return None  # "lực lượng Cảnh sát PCCC" with no place: the service, not one body
    body = canonical_org_words(m.group(1))
    first = AgencyMention(m.start(), end, f"{body} {locality}")
    if locality is None or not locality.startswith(("tỉnh ", "thành phố ")):
        return first
    # "Cảnh sát PCCC Cần Thơ, TP.HCM và Hậu Giang": the force of each province listed after the first
    return [first, *_provinces_listed(ctx, body, end, after_first=True)]


_HIGH_COURT_SEAT = re.compile(r" tại ((?:TP\.? ?|thành phố )?[A-ZĐ][\w .]{1,20}?)(?=[,;)]|\. | [a-zđ]|$)")


def _court(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    raw = m.group(1) or m.group(2) or m.group(3)
    head = "Tòa án nhân dân" if raw.startswith(("Tòa", "TAND")) else "Viện Kiểm sát nhân dân"
    rest = ctx.text[m.end() : m.end() + 30]
    if rest.lower().startswith((" tối cao",)):
        return None  # national, found by the national table
    if rest.lower().startswith(" cấp cao"):
        end = m.end() + len(" cấp cao")
        tail = _HIGH_COURT_SEAT.match(ctx.text, end)
        seat = canonical_place(tail.group(1)) or tail.group(1) if tail else None
        if seat in ("Hồ Chí Minh", "Huế"):
            seat = f"thành phố {seat}"
        name = f"{head} cấp cao" + (f" tại {seat}" if seat else "")
        return AgencyMention(m.start(), tail.end() if tail else end, name)
    locality, end = _locality_at(ctx, m.end())
    if m.group(2) and not _vietnamese_locality(locality):
        return None  # "Tòa án thành phố Preston": a court abroad, named short
    if locality is None and ctx.text.startswith(" cùng cấp", m.end()):
        # "chuyển hồ sơ sang VKSND cùng cấp": the level of the police or court named before it.
        locality, end = _same_level(ctx, m.start()), m.end() + len(" cùng cấp")
    if locality is None:
        return None
    return AgencyMention(m.start(), end, f"{head} {locality}")


def _vietnamese_locality(locality: str | None) -> bool:
    """A locality whose name is a known province or district ("tỉnh Vĩnh Long", "huyện Đông Anh")."""
    if not _named(locality):
        return False
    name = _level_and_place(locality)[1]
    return province_info(name) is not None or district_prefix(name) == name  # not "Tòa án quận 9" (US)


_SAME_LEVEL_BODY = re.compile(r"(?:Công an|TAND|VKSND|Tòa án nhân dân|Viện KSND|Viện Kiểm sát nhân dân)(?= )")


def _same_level(ctx: AgencyContext, pos: int) -> str | None:
    """The locality of the last police force, court or procuracy named before `pos` with one."""
    found = None
    for m in _SAME_LEVEL_BODY.finditer(ctx.text, max(0, pos - 1500), pos):
        locality, _ = _locality_at(ctx, m.end())
        if _named(locality):
            found = locality
    return found


def _military(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    head = {"Bộ CHQS": "Bộ Chỉ huy Quân sự", "BĐBP": "Bộ đội Biên phòng"}.get(m.group(1), m.group(1))
    locality, end = _locality_at(ctx, m.end())
    if locality is None:
        locality = ctx.province_locality() if head.startswith("Bộ Chỉ huy") else None
        if locality is None:
            return None
    return AgencyMention(m.start(), end, f"{head} {locality}")


# The code of a police or security division written after its name: "(PC67)", "(PC08)", "(C03)".
_POLICE_CODE = re.compile(r"P[A-Z]\d{2,3}")
# A body's acronym in brackets before its locality: "Liên đoàn Lao động (LĐLĐ) TP.HCM".
_ACRONYM_IN_BRACKETS = re.compile(rf" \([{UPPER}&-]{{2,10}}\)(?= (?:tỉnh|thành phố|TP|huyện|quận|thị xã|[{UPPER}]))")
_UNIT_CODE = re.compile(r" (?:\((?:P[A-Z]|[ACKVXH]) ?\d{1,3}\)|(?:[-–] )?P[A-Z] ?\d{2,3})(?=[ ,])")
# A numbered team of the police, forest rangers or market control: "Đội CSGT số 7", "Đội Kiểm lâm cơ
# động số 2". Other "Đội ..." (task forces, ad-hoc teams) are not bodies.
_TEAM_RE = re.compile(r"(Đội) ((?:CSGT|CSCĐ|QLTT|[A-ZĐ][a-zà-ỹđ]+)(?: [\wà-ỹđĐ&-]+){0,6}?) số (\d{1,3})(?![\w/])")


# The first words of the kinds of numbered team that are public bodies: police, market control,
# inspection, rangers, customs, fire and rescue ("Đội Đo đạc số 1", a survey team, is not).
_TEAM_KINDS = ("CSGT", "CSCĐ", "CSHS", "CSKT", "CSĐT", "QLTT", "PCCC", "Cảnh sát", "Quản lý thị trường", "Thanh tra",
               "Kiểm lâm", "Kiểm soát", "Tuần tra", "Cứu hộ", "Cứu nạn", "Chữa cháy", "Phòng cháy", "Điều tra",
               "Trinh sát", "An ninh", "Hải quan", "Biên phòng", "Quản lý trật tự", "Thi hành án")  # fmt: skip


def _team(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    if any(word in _STOP_WORDS for word in m.group(2).split(" ")) or not m.group(2).startswith(_TEAM_KINDS):
        return None
    name = f"Đội {m.group(2)} số {m.group(3)}"
    # Its parent after a comma or dash: "Đội Quản lý thị trường số 5, Chi cục Quản lý thị trường Hà Nội".
    after = re.match(r"(?:,| -| –)? ", ctx.text[m.end() : m.end() + 3])
    parent = _parent_unit(ctx, m.end() + after.end()) if after is not None else None
    if parent is not None:
        return AgencyMention(m.start(), parent.end, canonical_org_words(f"{name} {parent.name}"), national=True)
    return AgencyMention(m.start(), m.end(), name, national=True)


def _parent_unit(ctx: AgencyContext, pos: int) -> AgencyMention | None:
    """A police force, a division of one, a market-control branch or a department's inspectorate starting
    at `pos`, with its place ("Đội Thanh tra giao thông số 1, | Thanh tra Sở GTVT TP.HCM")."""
    if not ctx.text.startswith(("Công an", "Phòng", "Chi cục Quản lý thị trường", "Thanh tra Sở"), pos):
        return None
    m = _GENERIC_RE.match(ctx.text, pos)
    mention = _generic(ctx, m) if m is not None else _nested_at(ctx, pos)
    return mention if isinstance(mention, AgencyMention) and mention.start == pos else None


_DELEGATION_RE = re.compile(r"([Đđ]oàn) (?=[A-ZĐ])")


def _delegation(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    """ "(Đoàn Hưng Yên)" in a National Assembly story: the province's delegation of deputies."""
    if m.group(1) == "đoàn" and ctx.text[m.start() - 1 : m.start()] != "(":
        return None  # "đoàn Hà Nội" in a sentence is any delegation; "(đoàn Vĩnh Phúc)" after a deputy
    province = province_alias_at(ctx.text, m.end())
    if province is None or ("Quốc hội" not in ctx.text and "ĐBQH" not in ctx.text):
        return None
    info = province_info(province[0])
    locality = f"{info.admin_word} {province[0]}" if info else province[0]
    return AgencyMention(m.start(), province[1], f"Đoàn Đại biểu Quốc hội {locality}")


def _unit(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    if m.group(1) == "Vùng" and m.group(3) is None:
        return None  # "Vùng 1", "Vùng 3" of a plan or a wage table; a navy region is "Vùng 3 Hải quân"
    name = f"{m.group(1)} {m.group(2)}{m.group(3) or ''}"
    if ctx.text.endswith("Bộ Tư lệnh ", 0, m.start()):  # "Bộ Tư lệnh Vùng 3 Hải quân"
        return AgencyMention(m.start() - len("Bộ Tư lệnh "), m.end(), f"Bộ Tư lệnh {name}", national=True)
    return AgencyMention(m.start(), m.end(), name, national=True)


def _border_post(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    gate = ctx.text.startswith((" Cửa khẩu ", " cửa khẩu "), m.end())
    place = _place_run(ctx, m.end() + 1) if m.end() + 1 < len(ctx.text) and not gate else None
    if place is None:
        named = _BORDER_POST_NAME.match(ctx.text, m.end())
        if named is None or named.group(1).split(" ")[0] in FUNCTION_CAPS:
            return None
        name = named.group(1)
        name = "Cửa khẩu" + name[len("Cửa khẩu") :] if name.lower().startswith("cửa khẩu") else name
        return AgencyMention(m.start(), named.end(), f"Đồn Biên phòng {name}")
    return AgencyMention(m.start(), place[1], f"Đồn Biên phòng {place[0]}")


def _department(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | list[AgencyMention] | None:
    dept = _DEPARTMENTS.get(m.group(1)) or _DEPARTMENTS_UPPER.get(m.group(1).upper()) or _DEPARTMENTS_LOWER.get(
        m.group(1))
    if dept is None:
        return None
    if ctx.text.startswith(" các ", m.end()):
        # "Sở Y tế các tỉnh, thành phố": one collective body; "Sở Y tế các tỉnh A, B": each; not a
        # department of one province ("Sở NNPTNT các tỉnh Nam bộ": a region's, none named)
        return listed_bodies(ctx, f"Sở {dept}", m.end()) or None
    locality, end = _locality_at(ctx, m.end())
    if locality is None and _COUNTED_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        # "40 Sở GD-ĐT gửi kết quả", "nhiều Sở GD&ĐT": departments of many provinces, a class; with the
        # provinces named after a colon ("7 Sở Y tế: Hải Phòng, Cần Thơ, ..."), one department each
        return _provinces_listed(ctx, f"Sở {dept}", m.end()) or None
    if locality is None and _BODIES_OF_ALL_PROVINCES.search(ctx.text, 0, m.start()):
        # "Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố ... Sở Tài chính chủ động cấp kinh phí": a letter to
        # every province; its bare departments are theirs, not those of a province the text names
        return AgencyMention(m.start(), m.end(), f"Sở {dept} các tỉnh, thành phố")
    if locality is None or locality.split(" ")[0] in ("huyện", "quận", "xã", "phường", "thị trấn", "thị xã"):
        locality, end = ctx.province_locality(), m.end()
    elif " " not in locality:
        locality = ctx.province_locality()  # "sở LĐTBXH tỉnh" in a story about a city: which province is unknown
    return AgencyMention(m.start(), end, f"Sở {dept} {locality}" if locality else f"Sở {dept}")


def _provinces_listed(ctx: AgencyContext, body: str, pos: int, after_first: bool = False) -> list[AgencyMention]:
    """The body of each province named after a colon at `pos` ("Sở Y tế: Hải Phòng, Cần Thơ và Gia Lai"),
    or, after_first, after a comma or "và" (the first province was read with the body)."""
    colon = (_LIST_JOINT if after_first else _COLON_LIST).match(ctx.text, pos)
    if colon is None:
        return []
    found: list[AgencyMention] = []
    cursor = colon.end()
    while len(found) < 63 and ctx.text[cursor - 1 : cursor] == " ":
        locality, end = _locality_at(ctx, cursor - 1)  # "Hải Phòng", "TP.HCM", "Thành phố Hồ Chí Minh"
        level, place = _level_and_place(locality) if locality else ("", "")
        info = province_info(place) if level in ("tỉnh", "thành phố") else None
        if info is None:
            break
        found.append(AgencyMention(cursor, end, f"{body} {info.admin_word} {info.name}"))
        joint = _LIST_JOINT.match(ctx.text, end)
        if joint is None:
            break
        cursor = joint.end()
    return found


_COUNTED_BEFORE = re.compile(r"(?:[Cc]ác|[Nn]hững|[Nn]hiều|[Mm]ọi|\d+) $")
# A body of every province addressed earlier: "UBND các tỉnh, thành phố", "Sở Y tế các tỉnh, thành phố".
_BODIES_OF_ALL_PROVINCES = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban Nhân dân|Sở [^\s,.;:()]+(?: [^\s,.;:()]+){0,6}) các tỉnh,? thành(?: phố)?(?!\w)"
)


# "các Sở: Xây dựng, Tài chính", or without the colon "lãnh đạo các bộ Công Thương, Tài chính".
_DEPT_LIST_RE = re.compile(r"([Ss]ở|SỞ|[Bb]ộ|BỘ)(?:\s?:\s?|(?<=[Cc]ác [Ss]ở|[Cc]ác [Bb]ộ|[Cc]ác SỞ|[Cc]ác BỘ) (?=[A-ZĐ]))")
_DEPT_NAME_RE = re.compile("(" + alternation(_DEPARTMENTS) + ")" + _END)
_MINISTRY_NAME_RE = re.compile("(" + alternation(_MINISTRIES) + ")" + _END)
# What may follow the last name of a list: punctuation, the end, or a lower-case word.
_LIST_END = re.compile(r"$|[,.;:)\n]| [" + LOWER + "]")


def department_list(ctx: AgencyContext, m: re.Match[str]) -> list[AgencyMention]:
    """Departments or ministries listed after "các Sở:" / "các Bộ:": "các Sở: Xây dựng, Tài chính, Kế
    hoạch và Đầu tư" gives one provincial department each, "các Bộ: Quốc phòng, Ngoại giao" one
    ministry each."""
    found = _listed_names(ctx, m.end(), m.group(1).lower() == "bộ")
    return found if len(found) > 1 else []


# "các Bộ trưởng, Trưởng ngành trả lời chất vấn gồm: Tài chính, Xây dựng, ...": the ministers' fields,
# one ministry each.
_MINISTERS_LIST_RE = re.compile(r"Bộ trưởng(?<=[Cc]ác Bộ trưởng)[^:.;\n]{0,70}?:\s*(?=[A-ZĐ])")


def ministers_list(ctx: AgencyContext, m: re.Match[str]) -> list[AgencyMention]:
    found = _listed_names(ctx, m.end(), True)
    return found if len(found) > 1 else []


def _listed_names(ctx: AgencyContext, cursor: int, ministries: bool) -> list[AgencyMention]:
    """Department (or ministry) names from `cursor` on, joined by commas or "và"."""
    text = ctx.text
    locality = None if ministries else ctx.province_locality()
    pattern, table = (_MINISTRY_NAME_RE, _MINISTRIES) if ministries else (_DEPT_NAME_RE, _DEPARTMENTS)
    found: list[AgencyMention] = []
    while len(found) < 12:
        dm = pattern.match(text, cursor)
        if dm is None or _LIST_END.match(text, dm.end()) is None:
            break
        name = f"{'Bộ' if ministries else 'Sở'} {table[dm.group(1)]}"
        found.append(AgencyMention(dm.start(), dm.end(), f"{name} {locality}" if locality else name, ministries))
        joint = _LIST_JOINT.match(text, dm.end())
        if joint is None:
            break
        cursor = joint.end()
    return found


def continued_list(ctx: AgencyContext, mention: AgencyMention) -> list[AgencyMention]:
    """Names listed after a department or a ministry without repeating the head: "Bộ Xây dựng, Quốc
    phòng, Tài nguyên và Môi trường" also names the two other ministries."""
    joint = _LIST_JOINT.match(ctx.text, mention.end)
    if joint is None:
        return []
    return _listed_names(ctx, joint.end(), mention.name.startswith("Bộ "))


def _ministry(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    mention = _minister(ctx, m)
    if mention is not None:
        mention.start = m.start()
        ctx.ministries.append((m.start(), mention.name))
    return mention


def _minister(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    """The ministry whose field is group 1 ("Bộ | Y tế", "Bộ trưởng | Y tế"), unless another country's."""
    if _FOREIGN_AFTER.match(ctx.text, m.end()):
        return None  # "Bộ Ngoại giao Mỹ", "Bộ trưởng Quốc phòng Mỹ"
    field = _MINISTRIES.get(m.group(1)) or _MINISTRIES_LOWER[m.group(1)]
    return AgencyMention(m.start(1), m.end(), f"Bộ {field}", national=True)


# Vietnam's Prime Minister or a deputy, named by title alone ("được Thủ tướng chấp thuận", "Phó Thủ
# tướng Vương Đình Huệ"): the Government acts. "Thủ tướng Chính phủ" is read by _national.
_PRIME_MINISTER_RE = re.compile(r"(?:Phó )?Thủ tướng(?= )")
_FORMER_BEFORE = ("cựu ", "nguyên ", "Cựu ", "Nguyên ", "Văn phòng ", "văn phòng ", "Dinh ", "dinh ")


def _prime_minister(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    text = ctx.text
    after = m.end() + 1
    if text.endswith(_FORMER_BEFORE, 0, m.start()) or text.endswith("Phó ", 0, m.start()):
        return None  # "nguyên Phó Thủ tướng"; "Phó | Thủ tướng" is read from "Phó"
    if _FOREIGN_AFTER.match(text, m.end()):
        return None  # another country's head of government
    if text.startswith(("Chính phủ", "Thường trực", "Chính Phủ"), after):
        return None  # the Government is named right after: read there
    if text[after : after + 1].isupper():
        # A name must follow, and a Vietnamese one: "Thủ tướng Shinzo Abe" is Japan's.
        if not ctx.person_spans.starts_at(after) or _foreign_head_of_government(text, m.end()):
            return None
    elif _names_foreign_head_of_government(text):
        return None  # "vị nữ Thủ tướng" in a story about Britain's: not Vietnam's
    return AgencyMention(m.start(), m.end(), "Chính phủ", national=True)


def _foreign_head_of_government(text: str, pos: int) -> bool:
    """The title at `pos` is followed by a country ("Thủ tướng Anh") or a foreign name ("Shinzo Abe")."""
    if _FOREIGN_AFTER.match(text, pos):
        return True
    run = CAP_RUN.match(text, pos + 1)
    return run is not None and _foreign_name(run.group(0).split(" "))


def _names_foreign_head_of_government(text: str) -> bool:
    """The text names another country's (deputy) Prime Minister anywhere."""
    i = text.find("Thủ tướng ")
    while i >= 0:
        if _foreign_head_of_government(text, i + len("Thủ tướng")):
            return True
        i = text.find("Thủ tướng ", i + 1)
    return False


# A pair of national bodies whose country follows the second: "Quốc hội và Chính phủ | Hoa Kỳ".
_AND_NATIONAL = re.compile(r" và (?:Chính phủ|Quốc hội|Nhà nước|nhân dân)(?= )")


def _national(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    pair = _AND_NATIONAL.match(ctx.text, m.end())
    if (
        _FOREIGN_AFTER.match(ctx.text, m.end())
        or pair is not None and _FOREIGN_AFTER.match(ctx.text, pair.end())
        or ctx.text.endswith(_NOT_A_BODY_BEFORE, 0, m.start())
        or m.group(1).startswith("Cục") and ctx.text.endswith(("Chi ", "chi ", "Tổng "), 0, m.start())
    ):
        return None  # "Quốc hội Anh", "Chính phủ Nhật Bản"; "trái phiếu Chính phủ"
    name = _NATIONAL[m.group(1)]
    if name == "Ngân hàng Nhà nước Việt Nam" and ctx.text.startswith(" chi nhánh ", m.end()):
        # "Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An": the central bank's branch in that province
        locality, end = _locality_at(ctx, m.end() + len(" chi nhánh"))
        return AgencyMention(m.start(), end, f"Ngân hàng Nhà nước chi nhánh {locality}") if _named(locality) else None
    return AgencyMention(m.start(), m.end(), name, national=True)


# --------------------------------------------------------------------------------------------
# Public institutions: hospitals, schools and universities, port authorities, weather stations
# --------------------------------------------------------------------------------------------

_SCHOOL_LEVELS = {
    "mầm non": "Mầm non", "tiểu học": "Tiểu học", "trung học cơ sở": "Trung học cơ sở", "thcs": "THCS",
    "trung học phổ thông": "Trung học phổ thông", "thpt": "THPT", "pt": "PT", "ptth": "PTTH",
    "phổ thông trung học": "Phổ thông trung học", "phổ thông dân tộc nội trú": "Phổ thông dân tộc nội trú",
    "phổ thông dân tộc bán trú": "Phổ thông dân tộc bán trú", "ptdtnt": "PTDTNT", "ptdtbt": "PTDTBT",
    "phổ thông": "Phổ thông", "đại học": "Đại học", "đh": "ĐH", "cao đẳng": "Cao đẳng", "cđ": "CĐ",
    "trung cấp": "Trung cấp", "quân sự": "Quân sự", "chính trị": "Chính trị", "sĩ quan": "Sĩ quan",
    "dân tộc nội trú": "Dân tộc nội trú", "năng khiếu": "Năng khiếu", "chuyên": "Chuyên",
    "thcs và thpt": "THCS và THPT", "thcs&thpt": "THCS và THPT", "tiểu học và thcs": "Tiểu học và THCS",
    "th&thcs": "Tiểu học và THCS", "nghiệp vụ": "Nghiệp vụ", "cán bộ": "Cán bộ",
}  # fmt: skip
_SCHOOL_LEVEL_RE = re.compile(
    "(" + alternation(list(_SCHOOL_LEVELS) + [k.upper() for k in _SCHOOL_LEVELS] + cased(*_SCHOOL_LEVELS)) + r")(?![\w&])"
)
_INSTITUTION_HEADS = {
    "Bệnh viện": "Bệnh viện", "bệnh viện": "Bệnh viện", "BV": "Bệnh viện", "BVĐK": "Bệnh viện Đa khoa", "Trường": "Trường",
    "trường": "Trường", "Đại học": "Đại học", "ĐH": "Đại học", "Học viện": "Học viện", "Cảng vụ": "Cảng vụ",
    "Đài Khí tượng Thủy văn": "Đài Khí tượng Thủy văn", "Đài Khí tượng thủy văn": "Đài Khí tượng Thủy văn",
    "Công đoàn": "Công đoàn",
}  # fmt: skip
_INSTITUTION_RE = re.compile("(" + alternation(_INSTITUTION_HEADS) + r")(?= )")
# Lower-case words of a hospital's kind that may come before its name ("Bệnh viện đa khoa Mộ Đức").
_HOSPITAL_KINDS = ("đa khoa", "quân y", "nhi", "phụ sản", "y học cổ truyền", "tâm thần", "mắt", "lao", "hữu nghị")
# Words that join two phrases rather than continue a name ("Bệnh viện Bạch Mai và Bệnh viện ...").
_JOINING_WORDS = frozenset(
    "của và tại ở cho với về là được bị đã đang sẽ thuộc theo từ đến trong ngoài như khi nhưng mà hoặc còn "
    "cùng để do nên vì thì nay này đó gồm có".split()
    # a time after a name ("Bệnh viện Chợ Rẫy ngày 19/5", "BV Hùng Vương năm 2001") is not part of it
    + "ngày lúc năm tháng hôm sáng chiều trưa tối đêm khoảng vào hồi".split()
)
_DEGREE_BEFORE = re.compile(r"(?:bằng|văn bằng|cử nhân|hệ|chương trình|[Tt]rường|sinh viên|học) $")


# Lower-case second syllables of words that start a school's kind ("Dân tộc nội trú"), kept although
# another lower-case word follows them.
_SCHOOL_KIND_WORDS = {"Dân": "tộc", "tộc": "nội", "nội": "trú", "bán": "trú"}
# Lower-case last syllables of the fields schools are named after ("Kinh tế", "Kiến trúc", "Ngoại
# thương"): at a full stop, these end the name; a verb there ("Đại học Harvard nói.") does not.
_FIELD_LAST_SYLLABLES = frozenset(
    "tế trúc thuật học nghiệp thông lợi dựng khoa phạm thương đội ninh sát chính hàng nhạc dục hóa hoá lịch "
    "thao dược mại sản trị sự pháp thuế quan vụ lực tạo nhân chất nghệ sinh văn bản dầu khí mỏ".split()
)
# Two-syllable fields that school and academy names end with, written with lower-case syllables:
# "Kinh tế quốc dân" is "kinh tế" + "quốc dân", "Cảnh sát nhân dân", "Giao thông vận tải".
_FIELD_BIGRAMS = frozenset(tuple(pair.split()) for pair in """kinh tế|quốc dân|giao thông|vận tải|ngân hàng|
    tài chính|kiến trúc|xây dựng|thủy lợi|ngoại thương|ngoại ngữ|ngoại giao|quốc tế|quốc phòng|sư phạm|bách khoa|
    nông nghiệp|lâm nghiệp|công nghiệp|công nghệ|mỹ thuật|âm nhạc|điện lực|dầu khí|thương mại|văn hóa|văn hoá|
    thể thao|du lịch|hàng hải|hàng không|y tế|y khoa|y dược|nhân dân|nhân văn|xã hội|chính sách|chính trị|cảnh sát|
    an ninh|khoa học|lao động|tư pháp|kỹ thuật|môi trường|tài nguyên|phát triển|sân khấu|điện ảnh|thông tin|
    truyền thông|địa chất|hành chính|kế toán|kiểm sát|báo chí|tuyên truyền|công đoàn|biên phòng|hậu cần|quân sự|
    quân y|hải quân|không quân|thủy sản|khí tượng|thủy văn|huyết học|truyền máu|tạo hình|thẩm mỹ|bưu chính|
    viễn thông|chấn thương|chỉnh hình|phụ sản|ung bướu|da liễu|răng hàm|hàm mặt|tai mũi|mũi họng|nội tiết|
    nhiệt đới|phục hồi|chức năng|lão khoa|nhi đồng|bệnh phổi|tim mạch""".split("|"))
# "Học viện Chính sách | và Phát triển": a capitalised field joined by "và", not another school.
_FIELD_AND = re.compile(
    r" và ((?!(?:Trường|Học viện|Đại học|ĐH|Cao đẳng|CĐ|Trung học|THPT|THCS|Viện|Bệnh viện|Sở|Bộ|Cục|Ban)(?!\w))"
    r"[A-ZĐ]\w*(?: [a-zđ]\w*)?)(?=[,;:)\n. ]|$)"
)
_LOWER_WORD = re.compile(r"([^\W\d_]+)(?=[\s,;:).]|$)")
_NATIONAL_TAIL = re.compile(r" (Trung ương|Quốc gia)(?=[\s,;:).]|$)")


def _field_words(text: str, pos: int, previous: str) -> list[str]:
    """The lower-case words at `pos` that finish a field's name after `previous` ("Kinh | tế quốc dân"),
    each pair a known field; with a capitalised field joined by "và" after them. Empty if none."""
    words: list[str] = []
    last = previous.lower()
    while len(words) < 4:
        m = _LOWER_WORD.match(text, pos)
        if m is None or not m.group(1).islower():
            break
        word = m.group(1)
        if (last, word) in _FIELD_BIGRAMS:
            words.append(word)
        else:  # a second field right after a first one ("Kinh tế | quốc dân"); never first ("Bạch Mai thông tin")
            after = _LOWER_WORD.match(text, m.end() + 1) if words and text[m.end() : m.end() + 1] == " " else None
            if after is None or (word, after.group(1)) not in _FIELD_BIGRAMS:
                break
            words.extend([word, after.group(1)])
            m = after
        last, pos = words[-1], m.end() + 1
        if text[m.end() : m.end() + 1] != " ":
            break
    if words:
        end = pos - 1 if text[pos - 1 : pos] == " " else pos
        joined = _FIELD_AND.match(text, end)
        if joined:
            words += ["và", *joined.group(1).split(" ")]
        elif (level := _NATIONAL_TAIL.match(text, end)) is not None:
            words += level.group(1).split(" ")  # "Bệnh viện Giao thông vận tải | Trung ương"
    return words


# The partner countries' first words in friendship hospitals' and schools' names ("Việt Nam - Cuba").
_FRIENDSHIP_PARTNERS = frozenset(
    "Cuba Thụy Đức Nhật Pháp Hàn Singapore Nga Lào Campuchia Mỹ Anh Triều Bỉ Úc Ba Hungary Tiệp Séc Xô Ý "
    "Italia Mông Trung Bungari Cu-ba Ca-na-đa Canada Hà".split()
)
# What may follow the last word of an institution's name.
_NAME_END = (",", ";", ":", ")", "\n", "", ".")


def _name_word(previous: str | None, word: str) -> bool:
    """A word an institution's name keeps by its case: capitalised, or "ương" of "Trung ương"."""
    return word[:1].isupper() or (previous == "Trung" and word == "ương")


def _institution_words(ctx: AgencyContext, pos: int, named: bool = False) -> tuple[list[str], int, str | None]:
    """The name after an institution's head: capitalised words and numbers, a few lower-case words
    inside ("Y khoa Phạm Ngọc Thạch"), and a locality that ends it ("tỉnh Gia Lai")."""
    text = ctx.text
    words: list[str] = []
    end = pos
    while len(words) < 10 and text[end : end + 1] == " ":
        if words and text.startswith(" Thành phố", end) and not text[end + 11 : end + 12].isupper():
            words.append("Thành phố")  # "Bệnh viện Nhi đồng Thành phố": the city, written as a name
            end += len(" Thành phố")
            continue
        loc, loc_end = _locality_at(ctx, end)
        if loc is not None and " " in loc:
            if not _LEVEL_RE.match(text, end + 1) and (words or named):
                loc = text[end + 1 : loc_end]  # "Đại học Luật Hà Nội": the city is part of the name
            return words, loc_end, loc
        tm = _TOKEN.match(text, end)
        if tm is None:
            break
        if words and ctx.person_spans.starts_at(tm.start(1)):
            # "Giám đốc Bệnh viện Bạch Mai | Nguyễn Quốc Anh": the director's name ends the hospital's, and
            # a lower-case word before it is the name's last ("Phó hiệu trưởng ĐH Kinh tế Quốc dân | X")
            end = pos + len(" ".join(words)) + 1
            return words, end, None
        word = tm.group(1)
        if word.endswith(("?", "!")):
            # A question or an exclamation ends the sentence: "Bệnh viện Từ Dũ | không? Cô ...", and the
            # name with it ("Trường Tiểu học Nam Trung Yên?").
            last = word.rstrip("?!")
            if last and words and last[:1].isupper() and _name_word(words[-1], last):
                words.append(last)
                end = tm.start(1) + len(last)
            break
        stripped = word.rstrip(".…")
        sentence_end = len(stripped) == 1 and text[tm.end() : tm.end() + 1] in (" ", "\n", "")
        if stripped != word and (sentence_end or not _DOTTED_ABBREVIATION.fullmatch(word)):
            last_syllable = (  # "Trường Đại học Kinh tế.": a field's lower-case syllable at a full stop
                bool(words) and words[-1][:1].isupper() and stripped in _FIELD_LAST_SYLLABLES
                and word == stripped + "." and text[tm.end() : tm.end() + 1] in (" ", "\n", "")
            )
            if last_syllable:
                words.append(stripped)
                return words, pos + len(" ".join(words)) + 1, None
            if _name_word(words[-1] if words else None, stripped) or stripped.isdigit():
                words.append(stripped)
                end = tm.start(1) + len(stripped)
            break
        if word in ("-", "–") and words and words[-1].islower() and text[tm.end() + 1 : tm.end() + 2].isupper():
            words.append("-")  # "Sân khấu – Điện ảnh": two subjects of one school's name
            end = tm.end()
            continue
        if word in ("-", "–") and words[-1:] in (["Nam"], ["Việt"]) and (
            text[tm.end() + 1 : tm.end() + 30].split(" ", 1)[0] in _FRIENDSHIP_PARTNERS
        ):
            words.append("-")  # "Bệnh viện Việt Nam – Cuba Đồng Hới", "Bệnh viện Việt - Đức": a friendship name
            end = tm.end()
            continue
        if word in FUNCTION_CAPS or word in ("Ông", "Bà", "-", "–") or GOV_TITLE_RE.fullmatch(word):
            break
        if _name_word(words[-1] if words else None, word) or word[:1].isdigit():  # "Nhi Trung ương" too
            words.append(word)
            end = tm.end()
            continue
        # A lower-case word stays only between name words: "Y khoa Phạm Ngọc Thạch", "Sư phạm Hà Nội".
        following = text[tm.end() : tm.end() + 30].split(" ")
        nxt = following[1] if len(following) > 1 else ""
        joined = nxt in ("-", "–") and following[2:3] and following[2][:1].isupper()
        if (
            words and words[-1][:1].isupper() and word not in _JOINING_WORDS and word not in _STOP_WORDS
            and text[tm.end() : tm.end() + 1] in _NAME_END
        ):
            # "Trường Đại học Kinh tế, ...": a name's last syllable is often lower case.
            words.append(word)
            return words, pos + len(" ".join(words)) + 1, None
        if word in _JOINING_WORDS or not words or nxt in FUNCTION_CAPS or not (
            nxt[:1].isupper() or nxt[:1].isdigit() or joined or _SCHOOL_KIND_WORDS.get(words[-1]) == word
            or (words[-1][:1].isupper() and _locality_at(ctx, tm.end())[0] is not None)
        ):
            field = _field_words(text, tm.start(1), words[-1]) if words and words[-1][:1].isupper() else []
            if field:  # "Đại học Kinh tế quốc dân tuyển sinh", "Học viện Ngân hàng và Học viện ..."
                words.extend(field)
                end = pos + len(" ".join(words)) + 1
                loc, loc_end = _locality_at(ctx, end) if text[end + 1 : end + 2].isupper() else (None, end)
                if loc is not None and " " in loc:
                    # "Bệnh viện Chấn thương chỉnh hình Nghệ An": the province after the field is the name's
                    if _LEVEL_RE.match(text, end + 1):
                        return words, loc_end, loc
                    return [*words, *text[end + 1 : loc_end].split(" ")], loc_end, None
                return words, end, None
            break
        words.append(word)
        end = tm.end()
    while words and not (_name_word(words[-2] if len(words) > 1 else None, words[-1]) or words[-1][:1].isdigit()):
        words.pop()
    end = pos + len(" ".join(words)) + (1 if words else 0)
    return words, end, None


def _institution(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    """A hospital, school, university, port authority, weather station or trade union with its name."""
    text = ctx.text
    raw = m.group(1)
    head = _INSTITUTION_HEADS[raw]
    start, pos = m.start(1), m.end(1)
    before = text[max(0, start - 12) : start]
    if _PLURAL_BEFORE.search(before):
        return None  # "các trường THPT", "các bệnh viện": a generic class
    if head == "Đại học" and (_DEGREE_BEFORE.search(before) or raw == "ĐH" and before.endswith("Trường ")):
        return None  # a degree ("bằng Đại học Luật"), or the school head took it already
    if head == "Học viện" and before.endswith(("Trường ", "trường ")):
        return None
    level = ""
    if head == "Trường":
        lm = _SCHOOL_LEVEL_RE.match(text, pos + 1)
        if lm is None:
            return None  # "Trường Sa", "trường hợp": not a school
        level = _SCHOOL_LEVELS[lm.group(1).lower()]
        pos = lm.end()
        if text.startswith(" chuyên ", pos) and text[pos + 8 : pos + 9].isupper():
            level, pos = f"{level} chuyên", pos + len(" chuyên")  # "trường THPT chuyên Lê Hồng Phong"
    elif raw == "trường":
        return None
    if raw == "bệnh viện" and (
        not (text[pos + 1 : pos + 2].isupper() or text.startswith(" đa khoa ", pos)) or _FOREIGN_AFTER.match(text, pos)
    ):
        return None  # "bệnh viện tuyến trên", "bệnh viện Anh": hospitals in general, or another country's
    kind = ""
    if head == "Bệnh viện":
        lowered = text[pos + 1 : pos + 30].lower()
        for k in _HOSPITAL_KINDS:
            if lowered.startswith(k + " ") and (k == "đa khoa" or " " in k or text[pos + 1].islower()):
                kind = {"đa khoa": "Đa khoa", "hữu nghị": "Hữu nghị"}.get(k) or text[pos + 1 : pos + 1 + len(k)]
                pos += len(k) + 1
                break
    # A numbered school ("Trường Tiểu học số 2 Nam Lý") or a regional hospital ("Bệnh viện Đa khoa khu
    # vực Long Khánh"): the number or the region word starts the name.
    prefix = _NUMBERED_OR_REGIONAL.match(text, pos) if head in ("Trường", "Bệnh viện") else None
    if prefix is not None:
        pos = prefix.end()
    words, end, locality = _institution_words(ctx, pos, named=bool(prefix or (kind and kind != "Đa khoa")))
    if prefix is not None:
        number = prefix.group(1) is not None
        if not number and not words:
            return None  # "khu vực" with no region named
        words = [*prefix.group(0).split(), *words]
        end = max(end, prefix.end())
    if not words and locality is None:
        return None
    if (
        not words
        and locality is not None
        and locality.startswith(("thành phố ", "tỉnh "))
        and (head == "Đại học" or not _LEVEL_RE.match(text, pos + 1))
    ):
        # "Đại học Đà Nẵng", "Bệnh viện Đà Nẵng": a place written without its level word is the name
        words, locality = _level_and_place(locality)[1].split(" "), None
    if head in ("Cảng vụ", "Công đoàn", "Đại học", "Học viện") and not words:
        return None
    if raw == "bệnh viện" and locality is None and len(words) == 1 and not (words[0].isupper() and len(words[0]) <= 2):
        return None  # "bệnh viện Nam", "bệnh viện Không": in lower case, one word is rarely a hospital's name
    if head in ("Đại học", "Học viện", "Bệnh viện") and locality is None and _foreign_name(words):
        return None  # "Đại học Texas", "Đại học Oxford": another country's institution
    if head == "Đại học" and not (words[0] in _UNIVERSITY_SYSTEMS or " ".join(words[:2]) in _UNIVERSITY_SYSTEMS):
        head = "Trường Đại học"  # "ĐH Xây dựng" is one school, "Trường Đại học Xây dựng"; "Đại học Huế" is a system
    parts = [head, level, kind, " ".join(words), locality or ""]
    return AgencyMention(start, end, canonical_org_words(" ".join(p for p in parts if p)))


_NUMBERED_OR_REGIONAL = re.compile(r" (?:số (\d{1,3})(?![\w/.,]\d)|khu vực)(?= |$|[,.;:)])")
# Universities made of member schools, named "Đại học" without "Trường".
_UNIVERSITY_SYSTEMS = frozenset({"Huế", "Đà Nẵng", "Thái Nguyên", "Quốc gia", "QG", "ĐHQG"})


# --------------------------------------------------------------------------------------------
# Generic bodies: a head word, a name, then a locality or a nested body
# --------------------------------------------------------------------------------------------

_NESTED = [
    (_COUNCIL_RE, _council),
    (_PARTY_RE, _party),
    (_DEPT_RE, _department),
    (_MINISTRY_RE, _ministry),
    (_NATIONAL_RE, _national),
    (_POLICE_RE, _police),
    (_POLICE_SHORT_RE, _police_short),
    (_FRONT_RE, _front),
    (_COURT_RE, _court),
]


def _nested_at(ctx: AgencyContext, pos: int) -> AgencyMention | None:
    for pattern, handler in _NESTED:
        m = pattern.match(ctx.text, pos)
        if m is not None:
            mention = handler(ctx, m)
            if isinstance(mention, AgencyMention):
                return mention
    return None


def _head_allows(head: str, first: str, rest: str) -> bool:
    """Whether the words after a generic head can start a body's name ("Ban Quản lý", not "Ban Giám hiệu")."""
    if rest.startswith(_EXCLUDED_FIRST.get(head, ())):
        return False
    if head in _ALLOWED_FIRST:
        return rest.startswith(_ALLOWED_FIRST[head])
    if head == "Trung tâm":
        return rest.lower().startswith(_PUBLIC_CENTRES_LOWER)
    if head == "cơ quan":
        return rest.startswith(_INVESTIGATION_STARTS)
    if head in _COMPLETE_HEADS or head in _ROAD_AND_DIKE_OFFICES and _NUMBERED_OFFICE.match(rest):
        return True  # "Khu Quản lý giao thông đô thị | số 2"
    if first[0].isupper() or any(c.isdigit() for c in first):
        return True
    # "Ủy ban kiểm tra Thành ủy X": the party's inspection committee, anchored by its committee
    return rest.startswith(_LOWER_STARTS) or head == "Ủy ban" and rest.startswith("kiểm tra ")


_NUMBERED_OFFICE = re.compile(r"số \d{1,2}(?!\w)")  # "Khu Quản lý giao thông đô thị | số 2"
_AWARDS = frozenset({"Cờ thi", "Bằng khen", "Huân chương", "Huy chương", "Giấy khen", "Danh hiệu"})


def _ends_name(ctx: AgencyContext, pos: int, word: str, next_word: str, previous: str) -> bool:
    """A word that ends a body's name: a verb, a preposition, an honorific, a person's title."""
    next_word = next_word.rstrip(",.;:)")
    if word == "điều" and next_word == "tra" and previous.lower() in ("sát", "ninh", "quan"):
        return False  # "Phòng Cảnh sát điều tra ...", "Cơ quan điều tra": part of the name
    if word == "không" and previous.lower() in ("hàng", "phòng"):
        return False  # "Cục Hàng không", "Viện Kỹ thuật Phòng không - Không quân"
    if word == "khen" and next_word == "thưởng" and previous.lower() == "đua":
        return False  # "Ban Thi đua khen thưởng": the board's name, not the verb "khen"
    if word == "tham" and next_word == "nhũng":
        return False  # "Cục Chống tham nhũng": corruption, not "tham dự"
    if word == "thông" and next_word == "tin" and previous.lower() in ("nghệ", "hóa", "hoá"):
        return False  # "Cục Công nghệ thông tin", "Phòng Văn hóa thông tin": not the verb "thông tin"
    if word == "về" and next_word == "hải" and previous.lower() == "lý":
        return False  # "Cục Giám sát quản lý về hải quan"
    if word == "về" and (previous.lower() in ("phạm", "csđt") or next_word == "trật"):
        # "Phòng Cảnh sát điều tra tội phạm về ma túy", "Phòng CSĐT về kinh tế", "Phòng Cảnh sát quản lý
        # hành chính về trật tự xã hội"
        return False
    if word == "dự":
        # "dự" alone: attends ("Phó Chủ tịch UBND tỉnh dự"); "dự phòng", "dự án" continue a name.
        return next_word.rstrip(".,;:)") not in ("phòng", "án", "toán", "báo", "trữ", "thảo", "bị")
    if word == "bị" and previous.lower() == "dự":
        return False  # "Trung tâm Huấn luyện dự bị động viên": the reserve, not the passive "bị"
    if word == "tìm" and next_word == "kiếm":
        return False  # "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn"
    if (previous.lower(), word) in (("phát", "triển"), ("giải", "quyết"), ("xúc", "tiến")):
        # "Trung tâm Phát triển quỹ đất", "Cục Giải quyết khiếu nại", "Trung tâm Xúc tiến Đầu tư": a
        # compound, not a verb
        return False
    if word in ("ông", "bà", "anh", "chị", "Ông", "Bà"):
        return not (word == "Bà" and previous == "Hai" and next_word == "Trưng")  # the district "Hai Bà Trưng"
    if f"{word} {next_word}" in _AWARDS:
        return True  # "Cục Quản lý thị trường | Cờ thi đua của Chính phủ": the award it received
    if not word.islower():
        return word[:1].isupper() and GOV_TITLE_RE.match(ctx.text, pos) is not None
    if word in _STOP_WORDS or f"{word} {next_word}" in _STOP_BIGRAMS:
        return True
    return GOV_TITLE_RE.match(ctx.text, pos) is not None


# The police's divisions and departments whose names go on in lower case, commas and "và" included
# ("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Phú Yên", "Cục Cảnh sát điều
# tra tội phạm về ma túy"), longest first. Read whole after "Phòng", "Đội" or "Cục"; the walk goes on
# to the parent or the locality after them.
_POLICE_DIVISIONS = (
    "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Cảnh sát phòng cháy và chữa cháy",
    "Cảnh sát phòng cháy, chữa cháy", "Cảnh sát điều tra tội phạm về kinh tế và tham nhũng",
    "Cảnh sát điều tra tội phạm về kinh tế, tham nhũng, buôn lậu",
    "Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu",
    "Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế và chức vụ",
    "Cảnh sát điều tra tội phạm về quản lý kinh tế và chức vụ",
    "Cảnh sát điều tra tội phạm về trật tự kinh tế và chức vụ", "Cảnh sát điều tra tội phạm về trật tự xã hội",
    "Cảnh sát điều tra tội phạm về ma túy", "Cảnh sát điều tra tội phạm về ma tuý",
    "Cảnh sát điều tra tội phạm về tham nhũng", "Cảnh sát điều tra tội phạm về kinh tế",
    "Cảnh sát điều tra tội phạm về môi trường", "Cảnh sát điều tra tội phạm về buôn lậu",
    "Cảnh sát phòng, chống tội phạm về môi trường", "Cảnh sát phòng chống tội phạm về môi trường",
    "Cảnh sát phòng, chống tội phạm sử dụng công nghệ cao", "Cảnh sát phòng chống tội phạm sử dụng công nghệ cao",
    "Cảnh sát quản lý hành chính về trật tự xã hội", "Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    "Cảnh sát bảo vệ và hỗ trợ tư pháp", "Cảnh sát quản lý trại giam", "Cảnh sát truy nã tội phạm",
    "Cảnh sát giao thông đường bộ - đường sắt", "Cảnh sát giao thông đường bộ-đường sắt",
    "Cảnh sát giao thông đường bộ, đường sắt", "Cảnh sát giao thông đường bộ đường sắt",
    "Cảnh sát giao thông đường bộ và đường sắt",
    "Cảnh sát giao thông đường thủy", "Cảnh sát giao thông đường bộ", "Cảnh sát giao thông", "Cảnh sát đường thủy",
    "Cảnh sát cơ động", "Cảnh sát hình sự", "Cảnh sát kinh tế", "Cảnh sát môi trường",
    "An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "An ninh chính trị nội bộ",
    "Bảo vệ chính trị nội bộ", "Quản lý xuất nhập cảnh", "Kỹ thuật hình sự", "Hồ sơ nghiệp vụ",
)  # fmt: skip
# Fire police on rivers: "Phòng Cảnh sát PCCC trên sông", after any of the fire police's names.
_ON_RIVERS = " trên sông"
_TRAFFIC_POLICE = "Cảnh sát giao thông"
_POLICE_DIVISION_RE = re.compile(
    "(?i:"
    + "|".join(
        re.escape(d).replace(",\\ ", ",?\\ ").replace(re.escape(_TRAFFIC_POLICE), "(?:Cảnh\\ sát\\ giao\\ thông|CSGT)")
        for d in sorted(_POLICE_DIVISIONS, key=len, reverse=True)
    )
    + r")(?![\w-])"
)
# One name for each division: the table form, with the road and rail division's five spellings as one
# ("đường bộ - đường sắt", "đường bộ và đường sắt", ...) and "CSGT" written out.
_ROAD_AND_RAIL = "Cảnh sát giao thông đường bộ - đường sắt"
_POLICE_DIVISION_CANON = {
    d.replace(",", "").casefold(): _ROAD_AND_RAIL if "đường bộ" in d and "đường sắt" in d else d
    for d in _POLICE_DIVISIONS
}
_DIVISION_HEADS = frozenset({"Phòng", "phòng", "Đội", "Cục"})


def _police_division(text: str, pos: int) -> tuple[list[str], int] | None:
    """The words of a police division's name at `pos`, in its table form, and where it ends."""
    m = _POLICE_DIVISION_RE.match(text, pos)
    if m is None:
        return None
    found = m.group(0).replace(",", "")
    if found.startswith("CSGT"):
        found = _TRAFFIC_POLICE + found[len("CSGT") :]
    name = _POLICE_DIVISION_CANON.get(found.casefold(), m.group(0))
    end = m.end()
    if name.startswith("Cảnh sát phòng cháy") and text.startswith(_ON_RIVERS, end):
        name, end = name + _ON_RIVERS, end + len(_ON_RIVERS)
    return name.split(" "), end


# The boards of a people's council whose names join two fields, written with or without a dash or
# capitals ("Ban Văn hóa - xã hội", "Ban Văn hóa-Xã hội", "Ban Văn hóa xã hội"): one spelling each.
_COUNCIL_BOARD_RE = re.compile(r"(?i:(văn hóa|văn hoá)\s*[-–]?\s*xã hội|kinh tế\s*[-–]?\s*ngân sách)(?![\w])")
_CULTURE_BOARD, _BUDGET_BOARD = "Văn hóa - Xã hội", "Kinh tế - Ngân sách"
_COUNCIL_BOARD_FIELDS = (_CULTURE_BOARD, _BUDGET_BOARD)


_SEARCH_AND_RESCUE = re.compile(r"[Pp]hối hợp tìm kiếm,? cứu nạn(?![\w])")


def _generic_words(
    ctx: AgencyContext, head: str, pos: int
) -> tuple[list[str], int, str | None, AgencyMention | None]:
    """Walk the words of a body's name after its head: (words, end, locality, nested body)."""
    text = ctx.text
    words: list[str] = []
    end = pos
    previous_place = False
    closed = False  # the name's words are all read: only a locality or a parent body may follow
    division = _police_division(text, pos + 1) if head in _DIVISION_HEADS else None
    if division is not None:
        words, end = division
    elif (start_phrase := _LOWER_START_RE.match(text, pos + 1)) is not None:
        # "Văn phòng | đăng ký đất đai": taken whole, stop words and all
        words = start_phrase.group(0).split(" ")
        end = start_phrase.end()
    elif head == "Trung tâm" and (rescue := _SEARCH_AND_RESCUE.match(text, pos + 1)) is not None:
        # "Trung tâm Phối hợp tìm kiếm, cứu nạn hàng hải": the comma is inside the name
        words = "Phối hợp tìm kiếm cứu nạn".split(" ")
        end = rescue.end()
        if text.startswith((" Hàng hải", " hàng hải"), end):
            words, end = [*words, "hàng", "hải"], end + len(" hàng hải")  # one spelling: "hàng hải Việt Nam"
    elif head == "Ban" and (board := _COUNCIL_BOARD_RE.match(text, pos + 1)) is not None:
        # "Ban Văn hóa - xã hội", "Ban Văn hóa-Xã hội", "Ban Văn hóa xã hội": a council board, one spelling
        words = (_CULTURE_BOARD if board.group(1) else _BUDGET_BOARD).split(" ")
        end = board.end()
        closed = True
        if text.startswith(", ", end) and _COUNCIL_RE.match(text, end + 2):
            end += 1  # "Ban Văn hóa xã hội, | HĐND TP.HCM": the council whose board it is
    elif head in _ROAD_AND_DIKE_OFFICES and (number := _NUMBERED_OFFICE.match(text, pos + 1)) is not None:
        words, end = number.group(0).split(" "), number.end()  # "Khu Quản lý giao thông đô thị | số 2"
        closed = True
    elif head in ("Phòng", "phòng") and (field := _DEPT_NAME_RE.match(text, pos + 1)) and "," in field.group(1):
        words = field.group(1).split(" ")  # "Phòng Lao động, Thương binh và Xã hội": the comma is the name's
        end = field.end()
    while len(words) < _MAX_WORDS and text[end : end + 1] == " ":
        code = None
        if words:
            code = _UNIT_CODE.match(text, end) or _ACRONYM_IN_BRACKETS.match(text, end)
        elif head in _COMPLETE_HEADS:
            code = _ACRONYM_IN_BRACKETS.match(text, end)
        if code is not None:  # "Phòng CSGT (PC67) Công an tỉnh", "Liên đoàn Lao động (LĐLĐ) TP.HCM": a code
            end = code.end()
            continue
        nested = _nested_at(ctx, end + 1)
        if nested is not None:
            return words, nested.end, None, nested
        if words and words[-1] == "của":
            words.pop()
            end = pos + len(" ".join(words)) + (1 if words else 0)
            break
        if words or head in _COMPLETE_HEADS:
            loc, loc_end = _locality_at(ctx, end)
            if loc is not None:
                return words, loc_end, loc, None
        if ctx.person_spans.starts_at(end + 1):
            break
        tm = _TOKEN.match(text, end)
        if tm is None:
            break
        word = tm.group(1)
        if closed and word[:1].islower() and word != "của":  # "Ban Kinh tế - Ngân sách của HĐND ..."
            break
        if not words and head in _COMPLETE_HEADS and word[:1].islower():
            break  # "Kho bạc Nhà nước | ước đạt ...": a whole name; a locality or a name would be capitalised
        if word == "và" and (_nested_at(ctx, tm.end() + 1) is not None or _generic_head_at(ctx, tm.end() + 1)
                             or _ORGANISATION_AT.match(text, tm.end() + 1)):
            break  # "Phòng TN&MT và | Văn phòng đăng ký đất đai", "Tổng cục Du lịch và | Hiệp hội ...": two
        next_word = text[tm.end() + 1 : tm.end() + 20].split(" ", 1)[0]
        if word == "và" and next_word[:1].islower() and next_word != "tìm" and not _ZONES_AFTER.match(
                text, tm.end() + 1) and not _field_after_and(text, tm.end() + 1):
            break  # "Chi cục ... và nguyện vọng": a clause, not a name ("Khoa học và Công nghệ")
        if word == "và" and (text.startswith("Công an ", tm.end() + 1) or _COUNCIL_RE.match(text, tm.end() + 1)):
            break  # "Phòng Cảnh sát giao thông và | Công an quận": another body, even without its name
        if word == "và" and _UNIT_AFTER_AND.match(text, tm.end() + 1):
            break  # "Chi cục Hải quan ... Tân Sơn Nhất và | Đội Kiểm soát Hải quan": a second unit
        if word == "và" and len(next_word) > 1 and next_word.isupper() and words and (
            not words[-1].isupper() or not {next_word.rstrip(",.;:)"), f"{words[-1]}&{next_word.rstrip(',.;:)')}"}
            & NAME_ABBREVIATIONS
        ):
            break  # "Tổng cục Thể dục thể thao và | VFF", "Tổng cục TDTT và | VFF": another body's acronym
        stripped = word.rstrip(".…")
        if word != stripped and not _DOTTED_ABBREVIATION.fullmatch(word):
            # The sentence ends after this word: it is the name's last one unless it ends the name
            # itself ("Ban Kinh tế T.Ư | họp.").
            last_ends = words and (
                _ends_name(ctx, tm.start(1), stripped, "", words[-1]) or stripped.islower() and _short_form(words[-1])
            )
            if stripped and not last_ends:
                words.append(stripped)
                end = tm.start(1) + len(stripped)
            break
        if word == "của" and words and head == "Ban" and _COUNCIL_RE.match(text, tm.end() + 1):
            council = _nested_at(ctx, tm.end() + 1)  # "Ban Kinh tế - Ngân sách của HĐND thành phố"
            if council is not None and council.name.startswith("HĐND"):
                return words, council.end, None, council
        if words and _ends_name(ctx, tm.start(1), word, next_word, words[-1]):
            break
        if words and previous_place and word.islower():
            break
        if words and word.islower() and _short_form(words[-1]) and word not in _AFTER_ACRONYM:
            break  # "Cục NTBD | sơ kết ...": an acronym is a whole field ("Phòng CSGT đường bộ" goes on)
        if len(words) > 1 and word.islower() and (words[-2], words[-1]) in _NAME_FINAL_PAIRS:
            break  # "Viện Dinh dưỡng Quốc gia | khuyến cáo": these words end a name
        if word in ("-", "–") and _generic_head_at(ctx, tm.end() + 1):
            # "Chi cục Hải quan ... - | Cục Hải quan TP.HCM": the parent, a body of its own, says whose
            # unit this is; an empty locality marks the name anchored (no province added to it). A team
            # has no name of its own: "Đội Kiểm soát Hải quan - | Cục Hải quan TP.HCM" keeps its parent.
            parent = body_at(ctx, tm.end() + 1) if head == "Đội" else None
            if parent is not None:
                return words, parent.end, None, parent
            return words, end, "", None
        if word in ("-", "–") and not next_word[:1].isupper():
            break
        if (word in FUNCTION_CAPS and words) or word in SENTENCE_VERBS:
            break
        words.append(word)
        end = tm.end()
        if word.lower() == "phòng" and text.startswith(", chống", end):
            words[-1] = word + ","
            end += 1
        previous_place = word[:1].isupper() and _names_place(ctx, " ".join(words))
    return words, end, None, None


_ACRONYM_WORD = re.compile(r"[A-ZĐ][A-ZĐ&]{2,}")
_SPELT_WITH_SIGNS = re.compile(r"[-&–]")  # a field written with a dash or an ampersand: "TN-MT", "Tài nguyên - Môi trường"
_CENTRAL = frozenset({"TƯ", "TW", "T.Ư", "T.W"})  # "Trung ương" written short: "Ban Kinh tế T.Ư | họp"
# Lower-case words that go on after an acronym inside a name: "Phòng CSGT đường bộ", "Phòng CSĐT tội phạm
# về ma túy", "Phòng Cảnh sát PCCC số 7", "Ban QLDA ĐTXD các công trình giao thông", "Cục DTNN khu vực".
_AFTER_ACRONYM = frozenset(
    "đường tội số và về các công quốc hình tổng thực khu phòng cơ trật kinh môi ma dân nông giao".split()
)


def _short_form(word: str) -> bool:
    """An acronym ("NTBD", "CSGT") or "Trung ương" written short: a whole field of a body's name."""
    return word in _CENTRAL or _ACRONYM_WORD.fullmatch(word) is not None


# Words a body's name ends with: a lower-case word after them starts the sentence's verb.
_NAME_FINAL_PAIRS = frozenset({("Trung", "ương"), ("Quốc", "gia"), ("Việt", "Nam"), ("Tối", "cao")})
# A unit's head and a capitalised name after "và": another body ("Đội Kiểm soát", "Trạm Kiểm lâm").
_UNIT_AFTER_AND = re.compile(rf"(?:Đội|Trạm|Hạt|Đồn|Chi cục|Phòng|Trung tâm|Bệnh viện|Trường) [{UPPER}]")


def _field_after_and(text: str, pos: int) -> bool:
    """A field's name in lower case after "và" ("công trình dân dụng và | công nghiệp", "tài nguyên và |
    môi trường", "ma túy và | tội phạm"): part of the name."""
    pair = tuple(text[pos : pos + 30].split(" ")[:2])
    return len(pair) == 2 and (pair[0], pair[1].rstrip(",.;:)")) in _FIELDS_AFTER_AND


_FIELDS_AFTER_AND = (_FIELD_BIGRAMS - {("phát", "triển"), ("quốc", "tế")}) | {
    ("tội", "phạm"), ("chức", "vụ"), ("khai", "thác")  # "Trung tâm Quản lý đầu tư và | khai thác công trình thủy lợi"
}
_PARENT_AFTER = re.compile(r", | ?\(")
# "Ban Quản lý các khu kinh tế và | khu công nghiệp tỉnh X": one board of both kinds of zone.
_ZONES_AFTER = re.compile(r"(?:các )?khu (?:công nghiệp|chế xuất|kinh tế|công nghệ cao)(?!\w)")


# "các trường THPT và | Trung tâm GDTX": a second class of bodies after "và", under the same "các".
_PLURAL_PAIR_BEFORE = re.compile(r"\b[Cc]ác [^,.;:()]{2,25} và $")
# Organisations that are not public bodies, which a name joined by "và" does not run into.
_ORGANISATION_AT = re.compile(r"(?:Hiệp hội|Hội|Tổng công ty|Công ty|Tập đoàn|Liên hiệp|Quỹ|Ngân hàng|Báo|Đài) ")


def _generic_head_at(ctx: AgencyContext, pos: int) -> bool:
    """A generic head that can start a body's name at `pos` ("Văn phòng đăng ký", not "Phòng chống")."""
    m = _GENERIC_RE.match(ctx.text, pos)
    if m is None:
        return False
    rest = ctx.text[m.end() + 1 : m.end() + 60]
    return bool(rest) and _head_allows(m.group(1), rest.split(" ", 1)[0], rest)


_YOUTH_UNIONS = ("Tỉnh Đoàn", "Thành Đoàn", "Huyện Đoàn", "Quận Đoàn")
_ZONE_BOARD = ("Quản lý Khu kinh tế", "Quản lý khu kinh tế", "quản lý Khu kinh tế", "quản lý khu kinh tế", "Quản lý KKT")
_AND_INDUSTRIAL_PARKS = re.compile(
    rf" và các (?:[Kk]hu công nghiệp|KCN) (?:(tỉnh) )?([{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+){{0,2}})"
)


def _generic(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    text = ctx.text
    group = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
    head = {"thanh tra": "Thanh tra", "ban": "Ban", "cục": "Cục"}.get(m.group(group), m.group(group))
    start, pos = m.start(group), m.end(group)
    rest = text[pos + 1 : pos + 60]
    first = rest.split(" ", 1)[0] if rest else ""
    if not first or not _head_allows(head, first, rest):
        return None
    if head == "Cục" and text.endswith(("Chi ", "chi ", "Tổng "), 0, start):
        return None  # "Chi Cục Thú y", "Tổng Cục Hải quan": the head written with a capital, read whole
    if head == "Thường trực" and text[max(0, start - 8) : start].rstrip().endswith(("tướng", "tịch", "thư")):
        return None  # part of a title: "Phó Thủ tướng Thường trực Chính phủ"
    standing_board = head == "Thường trực" and text.endswith("Ban ", 0, start)  # "Ban Thường trực UBMTTQ ..."
    words, end, locality, nested = _generic_words(ctx, head, pos)
    if locality and not _named(locality):
        return None  # "Ban Dân vận tỉnh" in a story that names no province: which one is unknown
    while words and words[-1] in ("và", "-", "–", "các", "của", "cho", "thuộc", "về"):
        words.pop()
    if head in ("Phòng", "phòng") and len(words) == 1 and _POLICE_CODE.fullmatch(words[0]):
        # "Phòng PC08": the division the text introduced with that code ("Phòng Cảnh sát giao thông
        # (PC08)"), when it did.
        named = re.search(r"Phòng ((?:[A-ZĐ]\w*|[a-zđ]\w*)(?: [\wĐđ]+){0,14}?) \(" + words[0] + r"\)", text)
        if named is not None and not named.group(1).startswith(words[0]):
            words = named.group(1).split(" ")
    if head == "Đội" and (re.match(r" [Ss]ố \d", text[end : end + 6]) or any(
            w.lower() == "số" and n[:1].isdigit() for w, n in zip(words, words[1:], strict=False))):
        return None  # "Đội CSGT số 7": a numbered team, read by _team
    police_division = head in ("Phòng", "phòng", "Đội") and bool(words) and words[0] in (
        "Cảnh", "CSGT", "CSHS", "CSĐT", "CSKT")
    if nested is None and locality is None and words and (head in ("Cơ quan", "cơ quan", "CQĐT", "CQCSĐT") or police_division):
        # "Cơ quan Cảnh sát điều tra, Bộ Công an", "Cơ quan CSĐT ... (Công an tỉnh)": the parent body
        # written after a comma or in brackets.
        after = _PARENT_AFTER.match(text, end)
        parent = _nested_at(ctx, after.end()) if after is not None else None
        if parent is not None and parent.name.startswith(("Bộ ", "Công an ")):
            nested = parent
            end = parent.end + (1 if "(" in after.group(0) and text[parent.end : parent.end + 1] == ")" else 0)
    if not words and nested is None and locality is None:
        if (
            _HEAD_CANON.get(head, head) not in ("Đoàn Đại biểu Quốc hội", "Đoàn ĐBQH")
            or not ctx.province
            or _PLURAL_BEFORE.search(text, max(0, start - 12), start)  # "các đoàn ĐBQH": every delegation
        ):
            return None
        # "Đoàn đại biểu Quốc hội (ĐBQH) đơn vị số 3 tiếp xúc cử tri": the delegation of the province the
        # story is about
        locality = ctx.province_locality()
    if not words and nested is None and head not in _COMPLETE_HEADS:
        return None
    if nested is None and locality is None and (_PLURAL_BEFORE.search(text, max(0, start - 12), start)
                                                 or _PLURAL_PAIR_BEFORE.search(text, max(0, start - 40), start)):
        # "các Ban Quản lý rừng, Vườn quốc gia", "các trường THPT và Trung tâm GDTX": a class of bodies
        return None
    name_words = _TERM.sub("", " ".join(words))
    while name_words.endswith(" các"):  # "Ban Chấp hành Trung ương Đảng các | khóa X, XI"
        name_words = name_words[: -len(" các")]
    if name_words:
        name_words = name_words if name_words.startswith("số ") else name_words[0].upper() + name_words[1:]
    parks = _AND_INDUSTRIAL_PARKS.match(text, end) if head == "Ban" and name_words.startswith(_ZONE_BOARD) else None
    if parks is not None and province_info(parks.group(2)) is not None and nested is None:
        # "Ban Quản lý Khu kinh tế Dung Quất và các KCN Quảng Ngãi": one board for the zone and the
        # province's industrial parks, named by the province without its level word
        # (or with it: "... Nghi Sơn và các khu công nghiệp tỉnh Thanh Hóa")
        parks_of = f"tỉnh {parks.group(2)}" if parks.group(1) else parks.group(2)
        name_words, locality, end = f"{name_words} và các Khu công nghiệp {parks_of}", None, parks.end()
    field = _DEPARTMENTS.get(name_words) if head in ("Phòng", "phòng") and _SPELT_WITH_SIGNS.search(name_words) else None
    if field is not None and " - " not in field:
        name_words = field  # "Phòng Tài nguyên - Môi trường", "Phòng TN-MT": the field's name
    canonical_head = _HEAD_CANON.get(head, head)
    if standing_board:
        canonical_head, start = "Ban Thường trực", start - len("Ban ")
    own_ministry = head == "Thanh tra" and name_words == "Bộ" and bool(ctx.ministries)
    if own_ministry:
        name_words = ctx.ministries[-1][1]  # "Thanh tra Bộ chủ trì": the ministry the text is about
    if canonical_head in _YOUTH_UNIONS and locality:
        locality = (
            locality.split(" ", 1)[1] if locality.startswith(("tỉnh ", "thành phố ", "huyện ", "quận ")) else locality
        )
        locality = locality[len("phố ") :] if locality.startswith("phố ") else locality
    parent = nested.name if nested else None
    if parent is not None and head in ("Vụ", "Cục", "Tổng cục", "Tổng Cục", "Viện") and parent.startswith("Bộ "):
        parent = None  # "Vụ Công chức Bộ Nội vụ": a ministry's unit goes by its own name; the ministry is its own value
    if head == "Ban" and name_words in _COUNCIL_BOARD_FIELDS and parent is None and locality:
        parent = "HĐND"  # "Ban Văn hóa xã hội tỉnh X": only a people's council has such a board
    parts = [canonical_head, name_words, parent, locality]
    name = canonical_org_words(" ".join(p for p in parts if p))
    # An empty locality: the parent written after a dash says whose unit this is (no province added),
    # but the name is still checked as an unanchored one.
    after_parent = locality == ""
    anchored = nested is not None or bool(locality) or own_ministry
    if _FOREIGN.search(name_words) or (not anchored and _foreign_name(words)):
        return None  # "Cục Điều tra Liên bang Mỹ", "Cục Bảo tồn New Zealand"
    if head in ("Trung tâm", "Viện") and name_words in _INSTITUTE_KINDS and not anchored:
        return None  # "Trung tâm Nghiên cứu": which one, the text does not say
    if head == "Viện" and (text.endswith(("Học ", "Bệnh ", "học ", "bệnh "), 0, start)
                         or not _whole_institute(ctx, words, end, anchored)):
        return None  # "Học Viện Hành Chính" in title case is an academy, read by its own head
    if head in _NEEDS_ANCHOR and not anchored and not after_parent:
        return None
    if head == "Ban" and not anchored and not name_words.startswith(_BAN_FIRST_OK):
        return None
    lowered_name = name_words.lower()
    if head == "Ban" and lowered_name.startswith("tổ chức") and not (
        lowered_name == "tổ chức" and nested is not None
        or lowered_name in ("tổ chức trung ương", "tổ chức trung ương đảng")
    ):
        # "Ban Tổ chức (lễ hội ...)": an event's organisers; the party's board is "Ban Tổ chức Trung
        # ương" or the board of a party committee ("Ban Tổ chức Tỉnh ủy X")
        return None
    if head == "Ban" and not anchored and lowered_name == "quản lý":
        return None  # "Ban quản lý cho biết": the board of what, the name does not say (no province guessed)
    if head == "Hội đồng" and not anchored:
        return None
    if head == "Ban" and not anchored and name_words.lower().startswith("cán sự"):
        return None  # "Ban cán sự đảng" of a body the text does not name
    if head == "Vụ" and (not words or words[0] not in _VU_FIRST or _names_place(ctx, name_words)):
        return None
    district = _district_before(ctx, start) if head in ("Phòng", "phòng") and not anchored else None
    if district is not None and name_words in _DEPARTMENTS:
        # "Về phía quận 9, ông X (Trưởng phòng Tài nguyên và Môi trường ...)": a district's office, of
        # the district the sentence is about
        name = f"{name} {district}"
    elif (
        not anchored and not after_parent and head in _PROVINCIAL_DEFAULT and not _names_place(ctx, name_words)
        and not _central_parent_after(ctx, end)
    ):
        province = ctx.province_locality()
        lowered_words = name_words.lower()
        if (
            province
            and not lowered_words.endswith(("quốc gia", "việt nam"))
            and "trung ương" not in lowered_words  # "Ban Chấp hành Trung ương Đảng": central
            and _CENTRAL.isdisjoint(name_words.split(" "))
            and not any(w in lowered_words for w in ("cửa khẩu", "sân bay", "cảng "))
            and not _REGION_NUMBER.search(name_words)
            and not lowered_words.startswith("bồi dưỡng chính trị")  # a district's or a city's, never the province's
            and MINORITY_FIRST_WORDS.isdisjoint(words)  # "Hạt Kiểm lâm Chư Pah": named after its district
        ):
            level = province.split(" ", 1)[0] if province.startswith("tỉnh ") else "thành phố"
            if name.endswith(f" {level}") and province.startswith(f"{level} "):
                name = name[: -len(level) - 1]  # "Trung tâm Y tế dự phòng tỉnh": the province's own level
            council = " HĐND" if head == "Ban" and name_words in _COUNCIL_BOARD_FIELDS else ""
            name = f"{name}{council} {province}"  # "Phó trưởng Ban Văn hóa xã hội": only a council has one
    elif not anchored and _names_place(ctx, name_words) and not (
        head == "Trạm" and words[0] in ("Cảnh", "CSGT") or head in ("Trại giam", "Trại tạm giam")
        or canonical_head in _YOUTH_UNIONS  # "Quận Đoàn Tây Hồ": the level is in the head
    ):
        # a traffic police station or a prison is named after its place ("Trạm CSGT Diễn Châu", "Trại giam Xuân Lộc")
        name = _with_admin_word(ctx, name)
    if name in _NATIONAL:  # "trưởng ban Tổ chức Trung ương Đảng": a central body read by the generic walk
        return AgencyMention(start, end, _NATIONAL[name], national=True)
    return AgencyMention(start, end, name)


# A central parent named after a unit: "Trung tâm Hỗ trợ xuất khẩu | thuộc Cục Xúc tiến thương mại".
_CENTRAL_PARENT_AFTER = re.compile(r" (?:\(|(?:trực )?thuộc )(?=(?:Bộ|Cục|Tổng cục) [A-ZĐ])")


def _central_parent_after(ctx: AgencyContext, end: int) -> bool:
    """A ministry, or a department or general department with no locality in its name, is written right
    after the unit as its parent: the unit is central and takes no province from the story."""
    m = _CENTRAL_PARENT_AFTER.match(ctx.text, end)
    parent = body_at(ctx, m.end()) if m is not None else None
    # not "(Bộ Chỉ huy Quân sự tỉnh Nghệ An)": a provincial command, whose unit is the province's
    return parent is not None and _LOCALITY_IN_NAME.search(parent.name) is None


_LOCALITY_IN_NAME = re.compile(r" (?:tỉnh|thành phố|huyện|quận|thị xã|TP) ")


# A numbered unit ("Trung tâm Kỹ thuật đường bộ 1", "Ban Quản lý dự án 2", "Chi cục ... vùng III") serves a
# region for a central body: no province is added to its name.
_REGION_NUMBER = re.compile(r"(?<!số) (?:\d{1,2}|[IVX]{1,4})$")
# A body's term ("Ban Chấp hành Trung ương Đảng khóa XI") is not part of its name.
_TERM = re.compile(r" (?:khóa|khoá) (?:[IVXL]{1,5}|\d{1,2})$")


def _foreign_name(words: list[str]) -> bool:
    """A name with a word that is no Vietnamese syllable, an acronym or a number ("Đại học Texas")."""
    if "Việt" in words or not MINORITY_FIRST_WORDS.isdisjoint(words):
        return False  # "Hạt Kiểm lâm Chư Pah", "Ban Quản lý rừng Ea Sô": a Tây Nguyên place, not a foreign word
    return any(
        w.replace("-", "").replace("'", "").isalpha() and not w.isupper() and foreign_word(w) for w in words)


def _whole_institute(ctx: AgencyContext, words: list[str], end: int, anchored: bool) -> bool:
    """An institute's name read whole, and a Vietnamese one: research institutes' names often go on
    in lower case ("Viện Nghiên cứu và phát triển ..."), and many are foreign ("Viện Thống nhất Hàn
    Quốc"), so only a name that ends plainly is kept: at a locality or a parent body, or on a capitalised
    word or capitalised field ("Không quân", "Trung ương") with no name or country going on after it.
    The caller has already refused unanchored names that are foreign or a bare kind ("Viện Nghiên cứu")."""
    if not words or words[0] == "Viện" or _names_place(ctx, " ".join(words)):
        return False  # "Phân Viện Phú Yên": a branch; "Viện Viện Kiểm sát": a typo the court reads
    if anchored:
        return True
    last, previous = words[-1], words[-2] if len(words) > 1 else ""
    if not (last[:1].isupper() or last[:1].isdigit() or previous[:1].isupper()):
        return False  # a capitalised word ends it, or a capitalised field ("Không quân", "Trung ương")
    after = re.split(r"[.,;:()\n]", ctx.text[end : end + 60], maxsplit=1)[0]
    # (" và các cơ quan ..." after the name joins a list, the name does not go on)
    return not (re.match(rf" (?:và(?! (?:các|những|nhiều|một số) )|-|–|thuộc|của|[{UPPER}])", after)
                or _FOREIGN.search(after))


_INSTITUTE_KINDS = frozenset({"Nghiên cứu", "Khoa học", "Công nghệ", "Kinh tế", "Chiến lược", "Hàn lâm", "Kỹ thuật"})


def _district_before(ctx: AgencyContext, pos: int) -> str | None:
    """The district ("quận 9", "huyện Sóc Sơn") named last in the 300 characters before `pos`."""
    before = [m for m in (ctx.nearest(admin, pos) for admin in ("quận", "huyện", "thị xã")) if m and 0 < pos - m.start <= 300]
    found = max(before, key=lambda m: m.start, default=None)
    return _level_and_name(found.admin, found.name) if found is not None and found.admin else None


def _names_place(ctx: AgencyContext, words: str) -> bool:
    if not words:
        return False
    for mention in ctx.places:
        if words.endswith(mention.name):
            return True
    parts = words.split(" ")
    return any(lookup_place_prefix(" ".join(parts[i:])) for i in range(len(parts)) if parts[i][:1].isupper())


_CONTAINERS = frozenset(
    "Vịnh vịnh Khu khu Hồ hồ Sông sông Núi núi Cảng cảng Rừng rừng Vườn vườn Đảo đảo".split()
)


def _with_admin_word(ctx: AgencyContext, name: str) -> str:
    """Insert the admin word before a trailing place name ("Hạt Kiểm lâm Chư Pah" -> "... huyện Chư Pah")."""
    parts = name.split(" ")
    for i in range(1, len(parts)):
        tail = " ".join(parts[i:])
        if parts[i - 1] in ("tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "trấn"):
            return name
        if parts[i - 1] in _CONTAINERS:
            return name  # "Ban Quản lý rừng phòng hộ Đông Bắc Chư Pah": the place names the forest, not a district
        known = lookup_place_prefix(tail)
        record = province_info(known[0]) if known and len(tail) == known[1] else None
        if record is not None:
            return f"{' '.join(parts[:i])} {record.admin_word} {record.name}"
        admin = ctx.admin_of(tail)
        if admin:
            return f"{' '.join(parts[:i])} {admin} {tail}"
    return name


# Standing committees abbreviated whole in recipient lists: "TTTU, TTHĐND tỉnh" (Thường trực Tỉnh ủy,
# Thường trực HĐND tỉnh).
_STANDING_ABBREVIATION_RE = re.compile(r"(TTTU|TTHĐND|TTHU|Ban TVTU|BTVTU)(?![\w&'])")
_STANDING_ABBREVIATIONS = {"TTTU": ("Tỉnh ủy", "tỉnh"), "TTHĐND": ("HĐND", None), "TTHU": ("Huyện ủy", "huyện"),
                           "Ban TVTU": ("Tỉnh ủy", "tỉnh"), "BTVTU": ("Tỉnh ủy", "tỉnh")}


def _standing_abbreviation(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | list[AgencyMention] | None:
    body, level = _STANDING_ABBREVIATIONS[m.group(1)]
    locality, end = _locality_at(ctx, m.end())
    if not _named(locality):  # "TTHĐND tỉnh": the document's province
        locality, end = ctx.province_locality() if level in (None, "tỉnh") else None, max(end, m.end())
    if locality is None or (level is not None and not locality.startswith(level + " ")):
        return None
    if level is not None:
        locality = locality[len(level) + 1 :]  # "Tỉnh ủy Lâm Đồng", "Huyện ủy Đam Rông"
    if m.group(1) in ("Ban TVTU", "BTVTU"):  # its standing board, and the committee itself
        return [AgencyMention(m.start(), end, f"Ban Thường vụ {body} {locality}"),
                AgencyMention(m.start(), end, f"{body} {locality}")]
    return AgencyMention(m.start(), end, f"{body} {locality}", standing=True)


# A member of the Party's Central Committee, and its seat: "Ủy viên Trung ương Đảng", "Ủy viên dự khuyết
# BCH Trung ương", "tại Trụ sở Trung ương Đảng" name the Central Committee (not a former member's).
_CENTRAL_MEMBER_RE = re.compile(
    r"(?:Ủy viên (?:dự khuyết )?(?:Ban Chấp hành |BCH )?|[Tt]rụ sở )Trung ương(?: Đảng)?(?= ?[,;.:)\n-]| [a-zđ]|$)"
)
_FORMER_BEFORE = ("nguyên ", "Nguyên ", "cựu ", "Cựu ")


def _central_member(ctx: AgencyContext, m: re.Match[str]) -> AgencyMention | None:
    if ctx.text.endswith(_FORMER_BEFORE, max(0, m.start() - 7), m.start()):
        return None
    return AgencyMention(m.start(), m.end(), "Ban Chấp hành Trung ương Đảng", national=True, membership=True)


Handler = Callable[[AgencyContext, re.Match[str]], AgencyMention | list[AgencyMention] | None]
# Each pattern, the function that reads a body from its match, and the first words it can start with.
_HANDLERS: list[tuple[re.Pattern[str], Handler, list[str]]] = [
    (_NATIONAL_RE, _national, list(_NATIONAL)),
    (_COUNCIL_RE, _council, ["UBND", "HĐND", "Ủy", "Uy", "Hội", "ỦY", "HỘI"]),
    (_FRONT_RE, _front, ["Ủy", "UBMTTQ", "UBMTTQVN", "UB", "Mặt", "MTTQ"]),
    (_PARTY_RE, _party, cased("tỉnh", "thành", "huyện", "quận", "thị") + ["TỈNH", "THÀNH"]),
    (_PARTY_LOCAL_RE, _party_local, ["Đảng"]),
    (_DEPT_ANY_RE, _department, ["Sở", "SỞ", "sở"]),
    (_DEPT_LIST_RE, department_list, ["Sở", "sở", "SỞ", "Bộ", "bộ", "BỘ"]),
    (_MINISTERS_LIST_RE, ministers_list, ["Bộ"]),
    (_MINISTRY_RE, _ministry, ["Bộ", "BỘ"]),
    (_MINISTER_RE, _minister, ["Bộ", "Thứ"]),
    (_PRIME_MINISTER_RE, _prime_minister, ["Phó", "Thủ"]),
    (_POLICE_RE, _police, ["Công", "công", "CA"]),
    (_POLICE_SHORT_RE, _police_short, list(_POLICE_SHORT)),
    (_COURT_RE, _court, ["Tòa", "TAND", "Viện", "VKSND"]),
    (_FIRE_POLICE_RE, _fire_police, ["Cảnh", "Sở"]),
    (_MILITARY_RE, _military, ["Bộ", "BĐBP"]),
    (_UNIT_RE, _unit, ["Lữ", "Sư", "Trung", "Quân", "Hải", "Vùng"]),
    (_DELEGATION_RE, _delegation, ["Đoàn", "đoàn"]),
    (_TEAM_RE, _team, ["Đội"]),
    (_BORDER_POST_RE, _border_post, ["Đồn", "đồn"]),
    (_INSTITUTION_RE, _institution, list(_INSTITUTION_HEADS)),
    (_GENERIC_RE, _generic, list(_GENERIC_HEADS)),
    (_GENERIC_TITLED_RE, _generic, ["Trưởng", "trưởng", "Phó", "phó", "Chánh", "chánh", "Cục", "cục"]),
    (_LOWER_OFFICE_RE, _generic, ["phòng"]),
    (_MISSION_RE, _mission, ["Đại", "ĐSQ", "Tổng", "Lãnh", "Phái"]),
    (_STANDING_ABBREVIATION_RE, _standing_abbreviation, [*_STANDING_ABBREVIATIONS, "Ban"]),
    (_CENTRAL_MEMBER_RE, _central_member, ["Ủy", "Trụ", "trụ"]),
]
_DISPATCH: dict[str, list[tuple[re.Pattern[str], Handler]]] = {}
for _pattern, _handler, _starts in _HANDLERS:
    for _word in {start.split(" ")[0] for start in _starts}:
        _DISPATCH.setdefault(_word, []).append((_pattern, _handler))
# One scan for the first words of every body's name; the specific patterns run only there.
_FIRST_WORD_RE = re.compile("(" + alternation(_DISPATCH) + r")(?![\w&'])")


# The lower-case first words, each with the phrases its patterns need: the upper-case first words are
# found by one regex scan (capitals are few), these by fast literal searches (a scan for "công",
# "trưởng" or "sở" would stop at every common word that starts like them).
_LOWER_HEAD_PHRASES: dict[str, tuple[str, ...]] = {
    "thị": ("thị ủy",), "tỉnh": ("tỉnh ủy",), "thành": ("thành ủy",), "huyện": ("huyện ủy",),
    "quận": ("quận ủy",), "bộ": ("bộ:", "bộ :", "các bộ "),
    # "sở" in lower case after a title, a word of service or "và": "Giám đốc sở Tư pháp", "lãnh đạo sở Y tế"
    "sở": ("sở:", "sở :", "các sở ", "đốc sở ", "tra sở ", "diện sở ", "đạo sở ", "và sở ", "với sở "), "công": ("công an",),
    "đồn": ("đồn Biên phòng",), "trường": ("trường ",), "đoàn": ("đoàn ĐBQH", "đoàn Đại biểu", "đoàn đại biểu Quốc hội", "(đoàn "), "cơ": ("cơ quan",), "chánh": ("chánh văn phòng", "chánh thanh tra"),
    "trưởng": ("trưởng phòng", "trưởng ban "), "phó": ("phó phòng", "phó trưởng ban "), "phòng": ("phòng ",), "bệnh": ("bệnh viện ",),
    "trụ": ("trụ sở Trung ương",), "cục": ("cục trưởng cục ",),
}  # fmt: skip
_UPPER_FIRST_RE = re.compile(
    "(" + alternation([w for w in _DISPATCH if w not in _LOWER_HEAD_PHRASES]) + r")(?![\w&'])"
)


def head_starts(text: str) -> list[tuple[int, str]]:
    """(offset, first word) of every place where a body's name may start, in order: the same places
    as a scan for every first word of _DISPATCH, found faster."""
    starts = [(m.start(), m.group(1)) for m in word_matches(_UPPER_FIRST_RE, text)]
    # One scan for all the phrases, faster than a find for each; searched again from the next character
    # after each match, as overlapping phrases both count ("trưởng phòng" and its "phòng ").
    m = _LOWER_PHRASE_RE.search(text)
    while m is not None:
        i = m.start()
        first, skip = _LOWER_PHRASE_FIRST[m.group(0)]
        if skip == 1 or at_word_start(text, i):
            starts.append((i + skip, first))
        m = _LOWER_PHRASE_RE.search(text, i + 1)
    starts.sort()
    return starts


# Each lower-case phrase -> (its first word, how far the name starts after the match): "(đoàn ", "các
# bộ ", "đốc sở ": the name starts at the first word, after the bracket or the word before it. No
# phrase starts another, so one match per place finds them all.
_LOWER_PHRASE_FIRST = {
    phrase: (first, phrase.index(first))
    for first, phrases in _LOWER_HEAD_PHRASES.items()
    for phrase in phrases
}
_LOWER_PHRASE_RE = re.compile(alternation(_LOWER_PHRASE_FIRST))


def agency_mentions(ctx: AgencyContext) -> list[AgencyMention]:
    """Every agency mention in the text, in order of position."""
    return mentions_at(ctx, head_starts(ctx.text))


_CREDIT_BEFORE = ("Ảnh: ", "Ảnh:", "Nguồn: ", "(Ảnh ", "Ảnh - ")


_EXPERT_BEFORE = re.compile(r"(?<![\w])(?:PGS|GS|TS|ThS|BS|BSCKII|Ông|Bà|ông|bà|Luật sư|LS)(?![\w])")
_BYLINE_BODY = re.compile(rf"[{UPPER}][{LOWER}]+ \(([^()\n]{{2,40}})\)[\s.]*$")


def _closing_byline(text: str, start: int) -> bool:
    """The body in brackets after the author's name that ends the text: "... Lục Giang (VPCP)"; not
    an expert's ("PGS-TS Trần Hải Yến (Trường ĐH Y khoa Phạm Ngọc Thạch)" answers a reader)."""
    return (
        text[start - 1 : start] == "("
        and len(text) - start < 45
        and _BYLINE_BODY.search(text, start - 30) is not None
        and _EXPERT_BEFORE.search(text, max(0, start - 40), start) is None
    )


def mentions_at(ctx: AgencyContext, starts: list[tuple[int, str]]) -> list[AgencyMention]:
    """The agency mentions that start at the given (offset, first word) places."""
    text = ctx.text
    found: list[AgencyMention] = []
    for start, first in starts:
        if text.endswith(_CREDIT_BEFORE, max(0, start - 8), start) or _closing_byline(text, start):
            continue  # "Ảnh: QH", "Nguồn: Bộ Y tế", "Lục Giang (VPCP)": a credit, not a body in the story
        first_found = len(found)
        for pattern, handler in _DISPATCH[first]:
            m = pattern.match(text, start)
            if m is None or ctx.person_spans.overlaps(m.start(), m.end()):
                continue
            if handler is department_list:
                found.extend(department_list(ctx, m))
                continue
            mention = handler(ctx, m)
            if isinstance(mention, list):  # a body and its parent, both written in one abbreviation
                found.extend(mention)
                continue
            if mention is not None:
                same = next((a for a in found[first_found:] if a.start == mention.start), None)
                if same is not None:
                    # Two readings of one name ("Cục Quản lý Khám, chữa bệnh" from the table, "Cục
                    # Quản lý Khám" from the generic walk): the longer one is the name.
                    if mention.end <= same.end:
                        continue
                    found.remove(same)
                found.append(mention)
                if handler is _council:
                    found.extend(_coordinated(ctx, mention))
                elif handler is _department or handler is _ministry:
                    found.extend(continued_list(ctx, mention))
            elif handler in (_council, _police):
                head = "Công an" if handler is _police else canonical_org_words(m.group(1))
                found.extend(listed_bodies(ctx, head, m.end()))
    found.sort(key=lambda a: a.start)
    _share_locality(text, found)
    return found


_DISTRICT_TAIL = re.compile(r" ((?:Công an (?:tỉnh|thành phố) |(?:quận|huyện|thị xã|thành phố) )\S.*)$")


_POLICE_UNIT_WORDS = re.compile(r"Cảnh sát|CSGT|CSĐT|hình sự")


def _share_locality(text: str, found: list[AgencyMention]) -> None:
    """District offices listed with one locality at the end ("Phòng TN-MT, Phòng QLĐT quận 9"): the
    locality is each one's."""
    for i in range(len(found) - 2, -1, -1):
        first, second = found[i], found[i + 1]
        if not (first.name.startswith("Phòng ") and second.name.startswith("Phòng ")):
            continue
        tail = _DISTRICT_TAIL.search(second.name)
        if tail is None or _DISTRICT_TAIL.search(first.name) or text[first.end : second.start] not in (", ", " và "):
            continue
        if tail.group(1).startswith("Công an") and not _POLICE_UNIT_WORDS.search(first.name):
            continue  # a police tail goes only to another police division
        first.name = f"{first.name} {tail.group(1)}"


# --------------------------------------------------------------------------------------------
# The issuer, from the header of a formal document
# --------------------------------------------------------------------------------------------

_UPPER_HEADS = [
    ("ỦY BAN NHÂN DÂN", "UBND"), ("UỶ BAN NHÂN DÂN", "UBND"), ("UBND", "UBND"),
    ("HỘI ĐỒNG NHÂN DÂN", "HĐND"), ("HĐND", "HĐND"), ("TỈNH ỦY", "Tỉnh ủy"), ("THÀNH ỦY", "Thành ủy"),
    ("HUYỆN ỦY", "Huyện ủy"), ("QUẬN ỦY", "Quận ủy"), ("ĐẢNG ỦY", "Đảng ủy"), ("VĂN PHÒNG", "Văn phòng"),
    ("SỞ", "Sở"), ("BỘ", "Bộ"), ("BAN", "Ban"), ("TRUNG TÂM", "Trung tâm"), ("CÔNG AN", "Công an"),
    ("CHI CỤC", "Chi cục"), ("TỔNG CỤC", "Tổng cục"), ("CỤC", "Cục"), ("THANH TRA", "Thanh tra"),
    ("TÒA ÁN NHÂN DÂN", "Tòa án nhân dân"), ("VIỆN KIỂM SÁT NHÂN DÂN", "Viện Kiểm sát nhân dân"),
    ("KHO BẠC NHÀ NƯỚC", "Kho bạc Nhà nước"), ("BẢO HIỂM XÃ HỘI", "Bảo hiểm xã hội"),
    ("BỘ CHỈ HUY QUÂN SỰ", "Bộ Chỉ huy Quân sự"), ("CHÍNH PHỦ", "Chính phủ"), ("QUỐC HỘI", "Quốc hội"),
    ("THƯỜNG TRỰC", "Thường trực"), ("ĐOÀN ĐẠI BIỂU QUỐC HỘI", "Đoàn ĐBQH"),
]  # fmt: skip
_UPPER_LEVEL = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$")


def _upper_locality(words: str) -> str | None:
    """ "TỈNH QUẢNG NAM" -> "tỉnh Quảng Nam"."""
    m = _UPPER_LEVEL.match(words)
    if not m:
        return None
    level = _canonical_level(m.group(1).lower())
    place = proper_case(m.group(2))
    known = lookup_place_prefix(place)
    if known is not None and known[1] == len(place):
        place = known[0]
    return f"{level} {place}"


def _proper_case_name(upper: str, body_text: str) -> str:
    """Mixed case for an upper-case body name: the department table, the body text, or sentence case."""
    if upper in _DEPARTMENTS_UPPER:
        return _DEPARTMENTS_UPPER[upper]
    lowered_text = body_text.lower()
    i = lowered_text.find(upper.lower())
    if i >= 0 and not body_text[i : i + len(upper)].isupper():
        return body_text[i : i + len(upper)]
    lowered = upper.lower()
    return lowered[:1].upper() + lowered[1:]


_MINISTRIES_UPPER = {k.upper(): v for k, v in _MINISTRIES.items()}


def _upper_head(unit: str) -> tuple[str, str] | None:
    """The canonical head of an upper-case body name and the rest: ("Sở", "TÀI NGUYÊN VÀ MÔI TRƯỜNG")."""
    for upper, canonical in _UPPER_HEADS:
        if unit == upper or unit.startswith(upper + " "):
            return canonical, unit[len(upper) :].strip()
    return None


def upper_unit_to_agency(unit: str, parent_locality: str | None, body_text: str) -> tuple[str, str | None]:
    """One upper-case header unit ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG") as (canonical name, its locality)."""
    unit = " ".join(unit.split())
    head = _upper_head(unit)
    if head is None:
        return _proper_case_name(unit, body_text), parent_locality
    canonical, rest = head
    if canonical in ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy") and rest:
        place = proper_case(rest)
        known = lookup_place_prefix(place)
        return f"{canonical} {known[0] if known else place}", None
    # The name may end with a locality: "CÔNG AN THÀNH PHỐ ĐÀ NẴNG", "SỞ Y TẾ TỈNH NGHỆ AN".
    locality = None
    words = rest.split(" ") if rest else []
    for i in range(len(words)):
        locality = _upper_locality(" ".join(words[i:]))
        if locality is not None:
            rest = " ".join(words[:i])
            break
    if canonical == "Sở":
        name = _DEPARTMENTS_UPPER.get(rest) or _proper_case_name(rest, body_text)
    elif canonical == "Bộ":
        return f"Bộ {_MINISTRIES_UPPER.get(rest) or _proper_case_name(rest, body_text)}", None
    else:
        name = _proper_case_name(rest, body_text) if rest else ""
    base = f"{canonical} {name}".strip()
    if locality is None and canonical != "Văn phòng":
        locality = parent_locality
    return (f"{base} {locality}" if locality else base), locality


def issuer_from_header(header: Header, body_text: str) -> tuple[str | None, list[str]]:
    """The issuing body and its parent bodies, canonical. "UBND TỈNH NGHỆ AN / SỞ Y TẾ" gives
    ("Sở Y tế tỉnh Nghệ An", ["UBND tỉnh Nghệ An"])."""
    if not header.is_formal or not header.issuer_units:
        return None, []
    names: list[str] = []
    locality: str | None = None
    for unit in header.issuer_units:
        name, unit_locality = upper_unit_to_agency(unit, locality, body_text)
        if name == "Văn phòng" and names:
            name = f"Văn phòng {names[-1]}"  # "UBND TỈNH X / VĂN PHÒNG": the office of that council
        names.append(name)
        locality = unit_locality or locality
    return names[-1], names[:-1]


# "TT " before a party committee or a council, as a formal document's recipient list writes it: the
# standing committee ("TT Thành ủy" -> "Thường trực Thành ủy Đà Nẵng"), listed with its parent.
_STANDING_BEFORE = re.compile(r"(?<![\w])TT $")
_STANDING_BODIES = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "HĐND")


@dataclass(slots=True)
class AgencyFacts:
    """The bodies of one document by what they do in it."""

    issuer: str | None  # the header's issuer, or for news the body that acts
    mentioned: list[str]  # the facet: the issuer first, then in order of first mention
    cited: list[str]  # bodies named only inside legal citations


def find_agencies(
    ctx: AgencyContext,
    issuer: str | None = None,
    parents: list[str] | None = None,
    title_end: int = 0,
) -> AgencyFacts:
    """Distinct canonical agency names, split into issuer, mentioned and citation-only bodies.

    `issuer` and `parents` come from a formal header; without a header, the issuer of a news story is
    its first acting body in the title (which ends at `title_end`) or the lead sentence."""
    actors, cited_mentions = split_citations(ctx.text, agency_mentions(ctx))
    if issuer is None and title_end >= 0 and not parents:
        issuer = news_issuer(ctx.text, [m for m in actors if not m.membership], title_end)
    issuer = canonical_agency(issuer) if issuer else None
    mentioned: list[str] = []
    seen: set[str] = set()

    def add(name: str, out: list[str]) -> None:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)

    if issuer:
        add(issuer, mentioned)
    for name in parents or []:
        add(canonical_agency(name), mentioned)
    for mention in actors:
        name = canonical_agency(mention.name)
        standing = mention.standing or _STANDING_BEFORE.search(ctx.text, max(0, mention.start - 4), mention.start)
        if standing and name.startswith(_STANDING_BODIES):
            add(f"Thường trực {name}", mentioned)  # "TT Thành ủy, TT HĐND TP": their standing committees
        add(name, mentioned)
    cited: list[str] = []
    for mention in cited_mentions:
        add(canonical_agency(mention.name), cited)
    # One police unit written with and without its force ("Đội CSGT Công an TP.Thanh Hóa", later "Đội
    # CSGT TP.Thanh Hóa"): one name, the one that says whose unit it is.
    full = {name.replace(" Công an ", " ", 1).casefold(): name for name in mentioned if " Công an " in name[1:]}
    # One institution written with and without its place's level word ("Bệnh viện Đa khoa tỉnh Hòa Bình",
    # later "Bệnh viện Đa khoa Hòa Bình"): the full name.
    full |= {
        _INSTITUTION_LEVEL.sub(" ", name, count=1).casefold(): name
        for name in mentioned
        if name.startswith(_LEVELLED_INSTITUTIONS) and _INSTITUTION_LEVEL.search(name)
    }
    full |= _named_investigators(mentioned)
    full |= _placed_institutions(mentioned)
    full |= _one_spelling(mentioned)
    if full:
        mentioned = list(dict.fromkeys(full.get(name.casefold(), name) for name in mentioned))
        issuer = full.get(issuer.casefold(), issuer) if issuer else None
    return AgencyFacts(issuer, mentioned, cited)


_SPELLING_MARKS = re.compile(r"[\s,–-]+")
_GLUED_DASH = re.compile(r"\w[-–]|[-–]\w")


def _spelling_rank(name: str) -> tuple[int, int, int]:
    """Commas and spaced dashes first ("Khám, chữa bệnh", "Thi đua - Khen thưởng"), then no dash glued
    to a word ("hình sự-Công an"), then the fewest capitals."""
    marks = name.count(", ") + name.count(" - ") + name.count(" – ")
    return marks, -len(_GLUED_DASH.findall(name)), -sum(ch.isupper() for ch in name)


def _one_spelling(names: list[str]) -> dict[str, str]:
    """One body written with different commas, dashes or capitals in one text ("Cục Quản lý Khám chữa
    Bệnh", "Cục Quản lý Khám, chữa bệnh"): the best spelling by _spelling_rank, for each (casefolded) name."""
    if len(names) < 2:
        return {}
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(_SPELLING_MARKS.sub(" ", name.casefold()).strip(), []).append(name)
    out: dict[str, str] = {}
    for forms in groups.values():
        if len(forms) > 1:
            best = max(forms, key=_spelling_rank)
            out.update((form.casefold(), best) for form in forms)
    return out


_INVESTIGATOR = re.compile(r"Cơ quan (?:(?:[Cc]ảnh sát|[Aa]n ninh) )?[Đđ]iều tra (.+)")


def _named_investigators(names: list[str]) -> dict[str, str]:
    """One investigation agency written both as "Cơ quan điều tra Bộ Công an" and by its full name,
    "Cơ quan Cảnh sát điều tra Bộ Công an": the short form (casefolded) -> the full name, when the
    document names exactly one full agency of that parent."""
    full: dict[str, list[str]] = {}
    short: list[tuple[str, str]] = []
    for name in names:
        m = _INVESTIGATOR.fullmatch(name)
        if m is None:
            continue
        parent = m.group(1).casefold()
        if name[len("Cơ quan ") :].casefold().startswith("điều tra"):
            short.append((name, parent))
        else:
            full.setdefault(parent, []).append(name)
    return {name.casefold(): full[parent][0] for name, parent in short if len(full.get(parent, ())) == 1}


_LEVELLED_INSTITUTIONS = ("Bệnh viện", "Trường", "Trung tâm Y tế")
_INSTITUTION_LEVEL = re.compile(r" (?:tỉnh|thành phố) (?=[A-ZĐ])")
_PLACED = re.compile(r"(.+) (?:tỉnh|thành phố|huyện|quận|thị xã) [A-ZĐ]\w*(?: [A-ZĐ]\w*)*")


def _placed_institutions(names: list[str]) -> dict[str, str]:
    """A hospital or school written once with its place and later without ("Bệnh viện Bệnh Nhiệt đới
    TP.HCM", then "Bệnh viện Bệnh Nhiệt đới cho hay"): the bare name (casefolded) -> the placed one,
    when the document places that name in exactly one locality."""
    placed: dict[str, list[str]] = {}
    for name in names:
        if name.startswith(_LEVELLED_INSTITUTIONS) and (m := _PLACED.fullmatch(name)) is not None:
            placed.setdefault(m.group(1).casefold(), []).append(name)
    if not placed:
        return {}
    written = {name.casefold() for name in names}
    return {bare: found[0] for bare, found in placed.items() if len(found) == 1 and bare in written}


def body_at(ctx: AgencyContext, pos: int) -> AgencyMention | None:
    """The body whose name starts exactly at `pos` ("Sở Y tế tỉnh Nghệ An" in "Giám đốc Sở Y tế tỉnh
    Nghệ An chúc mừng"), or None. People extraction uses it to end a role where the body's name ends."""
    first = _FIRST_WORD_RE.match(ctx.text, pos)
    if first is None:
        return None
    for pattern, handler in _DISPATCH[first.group(1)]:
        if handler is department_list or handler is ministers_list:
            continue
        m = pattern.match(ctx.text, pos)
        if m is None:
            continue
        mention = handler(ctx, m)
        if isinstance(mention, AgencyMention):
            return mention
    # A council or police force with a level the document does not name ("UBND tỉnh dự ..."): the
    # name still ends after the level word.
    m = _COUNCIL_RE.match(ctx.text, pos) or _POLICE_RE.match(ctx.text, pos)
    if m is not None:
        level = _LEVEL_RE.match(ctx.text, m.end() + 1)
        if level is not None:
            return AgencyMention(pos, level.end(), ctx.text[pos : level.end()])
    return None
