"""The layout of a formal Vietnamese administrative document: issuer lines, the "Số:" line, the place
and date line, the type line ("QUYẾT ĐỊNH") and the signer block at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kb.extract.lexicon import CAP_SYLLABLE, alternation, is_upper_text

HEAD_LINES = 25
TAIL_LINES = 20

_MOTTO_PHRASES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Cộng hòa Xã hội Chủ nghĩa Việt Nam", "Đảng Cộng sản Việt Nam",
    "Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "Độc lập-Tự do-Hạnh phúc",
    "ĐỘC LẬP-TỰ DO-HẠNH PHÚC", "Độc lập - Tự do - Hạnh Phúc",
]  # fmt: skip
_MOTTO = re.compile(alternation(_MOTTO_PHRASES))
# The document's own number: "Số: 1673/QĐ-UBND", "Số 18-CT/TU", "Số: 1673 / QĐ - UBND".
NUMBER_BODY = (
    r"\d{1,6}(?:\s?/\s?\d{4})?\s?[/-]\s?[A-ZĐa-zđ][A-Za-zĐđ&]*(?:\s?[/-]\s?[A-Za-zĐđ0-9&]+)*"
)
_NUMBER_LINE = re.compile(rf"^\s*(?:Số|SỐ|số)\s*[:.]?\s*({NUMBER_BODY})")
_DATE_LINE = re.compile(
    rf"(?<![\w&/-])((?:{CAP_SYLLABLE})(?:[ -]+{CAP_SYLLABLE}){{0,5}})\s*,\s*ngày\s+(\d{{1,2}})\s*"
    r"(?:tháng\s+(\d{1,2})\s+năm\s+(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))"
)
_DOC_TYPE_LINES = {
    "QUYẾT ĐỊNH": "Quyết định",
    "NGHỊ QUYẾT": "Nghị quyết",
    "CHỈ THỊ": "Chỉ thị",
    "THÔNG BÁO": "Thông báo",
    "KẾ HOẠCH": "Kế hoạch",
    "CÔNG VĂN": "Công văn",
    "BÁO CÁO": "Báo cáo",
    "TỜ TRÌNH": "Tờ trình",
    "THÔNG CÁO BÁO CHÍ": "Thông cáo báo chí",
    "THÔNG CÁO": "Thông cáo báo chí",
    "GIẤY MỜI": "Giấy mời",
    "KẾT LUẬN": "Kết luận",
    "HƯỚNG DẪN": "Hướng dẫn",
    "CHƯƠNG TRÌNH": "Chương trình",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
}
_ISSUER_HEADS = (
    "ỦY BAN", "UỶ BAN", "UBND", "HỘI ĐỒNG", "HĐND", "SỞ ", "BỘ ", "BAN ", "TRUNG TÂM", "VĂN PHÒNG",
    "CÔNG AN", "CỤC ", "CHI CỤC", "TỔNG CỤC", "TỈNH ỦY", "TỈNH UỶ", "THÀNH ỦY", "THÀNH UỶ", "HUYỆN ỦY",
    "HUYỆN UỶ", "QUẬN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "ĐẢNG UỶ", "THANH TRA", "TÒA ÁN", "VIỆN KIỂM SÁT",
    "KHO BẠC", "BẢO HIỂM", "ĐOÀN ĐẠI BIỂU", "THƯỜNG TRỰC", "CHÍNH PHỦ", "QUỐC HỘI", "MẶT TRẬN",
    "UBMTTQ", "LIÊN ĐOÀN", "HỘI ", "TỈNH ĐOÀN", "BỘ CHỈ HUY", "BAN CHỈ HUY", "ĐÀI ", "PHÒNG ",
)  # fmt: skip
_SIGN_MARK = re.compile(r"^\(?\s*(?:đã ký|Đã ký|ĐÃ KÝ|ký|Ký)[^)]*\)?$")
_SIGN_TITLE = re.compile(
    r"^(?:(?:KT|TM|TL|TUQ|Q|T/M|T/L|K/T)\s*[./]\s*)?"
    r"(?:PHÓ\s+|QUYỀN\s+|TỔNG\s+)*"
    r"(?:CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|BÍ THƯ|TRƯỞNG BAN|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|CHÁNH THANH TRA"
    r"|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM|TRƯỞNG PHÒNG|HIỆU TRƯỞNG|VIỆN TRƯỞNG|CHÁNH ÁN"
    r"|TRƯỞNG CÔNG AN|GIÁM ĐỐC CÔNG AN|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG ĐOÀN|ỦY BAN NHÂN DÂN"
    r"|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND|THƯỜNG TRỰC.*|BAN THƯỜNG VỤ|BAN CHẤP HÀNH.*|ĐẢNG ỦY|CHỈ HUY TRƯỞNG"
    r"|CHÍNH ỦY|TƯ LỆNH|GIÁM ĐỐC SỞ.*)\s*$"
)
_RANK = r"(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|tướng|úy|uý)|ĐẠI TÁ|THƯỢNG TÁ|TRUNG TÁ|THIẾU TÁ|THIẾU TƯỚNG|TRUNG TƯỚNG)"
_UPPER_SYL = r"[A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]+"
_NAME_LINE = re.compile(
    rf"^(?:{_RANK}\s+)?((?:{CAP_SYLLABLE})(?: {CAP_SYLLABLE}){{1,4}}|{_UPPER_SYL}(?: {_UPPER_SYL}){{1,4}})\.?$"
)


@dataclass(slots=True)
class Signer:
    name: str  # as written in the signer block
    title: str  # the last title line above the name, upper case ("PHÓ CHỦ TỊCH")
    start: int  # offset of the name in the text
    end: int


@dataclass(slots=True)
class Header:
    """What the layout of a formal document says; every field is None when absent."""

    is_formal: bool = False
    issuer_units: list[str] = field(default_factory=list)  # upper-case issuer lines, parent first
    number: str | None = None  # raw text of the document's own number
    type_name: str | None = None  # canonical type from the type line ("Quyết định")
    date: tuple[int, int, int] | None = None  # (year, month, day) of the date line
    date_place: str | None = None  # the place written before the date ("Quảng Nam")
    province: str | None = None  # canonical province named by the issuer lines
    signer: Signer | None = None
    header_end: int = 0  # offset where the header block ends


def _clean_line(line: str) -> str:
    return _MOTTO.sub(" ", line).replace("*", " ").strip(" -_=")


def _issuer_units(fragments: list[str]) -> list[str]:
    """Group upper-case header fragments into bodies: a fragment that starts with a body's head word
    opens a new body, anything else ("TỈNH QUẢNG NAM", "HÀNH CHÍNH CÔNG") continues the last one."""
    units: list[str] = []
    for fragment in fragments:
        text = " ".join(fragment.split())
        if units and not text.startswith(_ISSUER_HEADS):
            units[-1] = f"{units[-1]} {text}"
        else:
            units.append(text)
    return units


def _find_date(lines: list[str]) -> tuple[tuple[int, int, int] | None, str | None]:
    for line in lines:
        if "ngày" not in line:
            continue
        m = _DATE_LINE.search(line)
        if not m:
            continue
        day = int(m.group(2))
        month = int(m.group(3) or m.group(5))
        year = int(m.group(4) or m.group(6))
        return (year, month, day), m.group(1)
    return None, None


def _find_signer(text: str) -> Signer | None:
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    first = max(0, len(lines) - 60)
    tail = [(i, lines[i].strip()) for i in range(first, len(lines)) if lines[i].strip()]
    best: Signer | None = None
    for k, (i, line) in enumerate(tail):
        m = _NAME_LINE.match(line)
        if not m:
            continue
        title = None
        signed = False
        for j in range(k - 1, max(-1, k - 5), -1):
            previous = tail[j][1]
            if _SIGN_MARK.match(previous):
                signed = True
                continue
            if _SIGN_TITLE.match(previous) and is_upper_text(previous):
                title = previous
                break
            break
        if title is None:
            continue
        if not signed and not is_upper_text(title):
            continue
        name = m.group(1)
        start = offsets[i] + lines[i].index(name)
        best = Signer(name, title, start, start + len(name))
    return best


@lru_cache(maxsize=64)
def parse_header(text: str) -> Header:
    """Read the formal layout of a normalised text. News articles give an empty, non-formal Header."""
    raw_lines = text.split("\n", HEAD_LINES)[:HEAD_LINES]
    header = Header()
    head = "\n".join(raw_lines[:12])
    has_motto = _MOTTO.search(head) is not None
    number_index = None
    for i, line in enumerate(raw_lines[:14]):
        m = _NUMBER_LINE.match(line)
        if m:
            header.number = m.group(1)
            number_index = i
            break
    fragments: list[str] = []
    stop = number_index if number_index is not None else min(len(raw_lines), 6)
    for line in raw_lines[:stop]:
        cleaned = _clean_line(line)
        if cleaned and is_upper_text(cleaned) and not ("ngày" in cleaned and _DATE_LINE.search(cleaned)):
            fragments.append(cleaned)
        elif cleaned and number_index is None:
            break
    type_index = None
    start_types = number_index + 1 if number_index is not None else 0
    for i in range(start_types, len(raw_lines)):
        if not is_upper_text(raw_lines[i][:40]):
            continue
        cleaned = _clean_line(raw_lines[i]).rstrip(":").strip()
        if cleaned in _DOC_TYPE_LINES and not raw_lines[i].rstrip().endswith(":"):
            header.type_name = _DOC_TYPE_LINES[cleaned]
            type_index = i
            break
    header.is_formal = bool(fragments) and (has_motto or number_index is not None or type_index is not None)
    if not header.is_formal:
        header.number = None if not has_motto else header.number
        header.type_name = None
        fragments = []
    header.issuer_units = _issuer_units(fragments)
    header.date, header.date_place = _find_date(raw_lines[:16]) if header.is_formal or has_motto else (None, None)
    if header.is_formal:
        header.province = _province_from_units(header.issuer_units)
        last = max(i for i in (number_index, type_index, 0) if i is not None)
        header.header_end = sum(len(line) + 1 for line in raw_lines[: last + 1])
        header.signer = _find_signer(text)
    return header


def _province_from_units(units: list[str]) -> str | None:
    from kb.extract.places import lookup_place_prefix, province_record
    from kb.text.normalize import canonical_case

    for unit in units:
        words = canonical_case(unit).split(" ")
        for i in range(1, len(words)):
            known = lookup_place_prefix(" ".join(words[i:]))
            record = province_record(known[0]) if known else None
            if record is not None:
                return record.name
    return None
