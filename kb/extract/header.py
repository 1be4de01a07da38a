"""The layout of a formal Vietnamese administrative document: issuer lines, the "Số:" line, the place
and date line, the type line ("QUYẾT ĐỊNH") and the signer block at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.extract.lexicon import CAP_SYLLABLE, alternation, is_upper_text, proper_case
from kb.extract.places import lookup_place_prefix, province_record

HEAD_LINES = 25  # the header block is within the first lines
TAIL_LINES = 60  # the signer block is within the last lines

_MOTTO_PHRASES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Cộng hòa Xã hội Chủ nghĩa Việt Nam", "Đảng Cộng sản Việt Nam",
    "Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "Độc lập-Tự do-Hạnh phúc",
    "ĐỘC LẬP-TỰ DO-HẠNH PHÚC", "Độc lập - Tự do - Hạnh Phúc",
]  # fmt: skip
_MOTTO = re.compile(alternation(_MOTTO_PHRASES))
# The document's own number: "Số: 1673/QĐ-UBND", "Số 18-CT/TU", "Số: 1673 / QĐ - UBND".
NUMBER_BODY = r"\d{1,6}(?:\s?/\s?\d{4})?\s?[/-]\s?[A-ZĐa-zđ][A-Za-zĐđ&]*(?:\s?[/-]\s?[A-Za-zĐđ0-9&]+)*"
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
_RANK = (
    r"(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|tướng|úy|uý)"
    r"|ĐẠI TÁ|THƯỢNG TÁ|TRUNG TÁ|THIẾU TÁ|THIẾU TƯỚNG|TRUNG TƯỚNG)"
)
_UPPER_SYL = r"[A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]+"
_NAME_LINE = re.compile(
    rf"^(?:{_RANK}\s+)?((?:{CAP_SYLLABLE})(?: {CAP_SYLLABLE}){{1,4}}"
    rf"|{_UPPER_SYL}(?: {_UPPER_SYL}){{1,4}})\.?$"
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


def _clean_line(line: str) -> str:
    """A header line without the national motto (it shares lines with the issuer after normalising)."""
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


@dataclass(frozen=True, slots=True)
class DateLine:
    """The place-and-date line of a formal document: "Quảng Nam, ngày 15 tháng 3 năm 2022"."""

    date: tuple[int, int, int]  # (year, month, day), not checked for validity
    place: str  # the capitalised words before ", ngày"
    starts_line: bool  # nothing but a "Số: ..." number before it on its line


def find_date_line(text: str, max_lines: int = 16) -> DateLine | None:
    """The first place-and-date line among the first lines of a text."""
    for line in text.split("\n", max_lines)[:max_lines]:
        at = line.find(", ngày")
        if at < 0:
            continue
        # The place is at most six syllables before ", ngày": the search starts a little before it (a
        # news paragraph can be long, and the pattern may start at any capital).
        m = _DATE_LINE.search(line, max(0, at - 80))
        if not m:
            continue
        before = line[: m.start()].strip()
        date = (int(m.group(4) or m.group(6)), int(m.group(3) or m.group(5)), int(m.group(2)))
        return DateLine(date, m.group(1), not before or before.startswith(("Số", "SỐ")))
    return None


def date_line_province(text: str) -> str | None:
    """The province named in the date line ("Quảng Nam, ngày ..."; "Huế, ngày ..." -> Thừa Thiên Huế)."""
    line = find_date_line(text, 20)
    if line is None:
        return None
    words = line.place.split(" ")
    for i in range(len(words)):  # the trailing words that are a known place
        record = province_record(" ".join(words[i:]))
        if record is not None:
            return record.name
    return None


def _find_signer(text: str) -> Signer | None:
    """The last name line under an upper-case title line ("PHÓ CHỦ TỊCH", "(đã ký)", "Trần Minh Khoa")."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    first = max(0, len(lines) - TAIL_LINES)
    tail = [(i, lines[i].strip()) for i in range(first, len(lines)) if lines[i].strip()]
    best: Signer | None = None
    for k, (i, line) in enumerate(tail):
        m = _NAME_LINE.match(line)
        if not m:
            continue
        title = None
        for j in range(k - 1, max(-1, k - 5), -1):
            previous = tail[j][1]
            if _SIGN_MARK.match(previous):
                continue
            if _SIGN_TITLE.match(previous) and is_upper_text(previous):
                title = previous
                break
            break
        if title is None:
            continue
        name = m.group(1)
        start = offsets[i] + lines[i].index(name)
        best = Signer(name, title, start, start + len(name))
    return best


def _number_line(lines: list[str]) -> tuple[int | None, str | None]:
    """Index and number of the "Số: ..." line near the top."""
    for i, line in enumerate(lines[:14]):
        m = _NUMBER_LINE.match(line)
        if m:
            return i, m.group(1)
    return None, None


def _issuer_fragments(lines: list[str], number_index: int | None) -> list[str]:
    """Upper-case lines above the number line (or at the very top), motto removed."""
    fragments: list[str] = []
    stop = number_index if number_index is not None else min(len(lines), 6)
    for line in lines[:stop]:
        cleaned = _clean_line(line)
        if cleaned and is_upper_text(cleaned) and not ("ngày" in cleaned and _DATE_LINE.search(cleaned)):
            fragments.append(cleaned)
        elif cleaned and number_index is None:
            break
    return fragments


def _type_line(lines: list[str], start: int) -> str | None:
    """The canonical type of the first type line ("QUYẾT ĐỊNH") after `start`; "QUYẾT ĐỊNH:" (the
    line before the articles of a decision) does not count."""
    for line in lines[start:]:
        if not is_upper_text(line[:40]) or line.rstrip().endswith(":"):
            continue
        cleaned = _clean_line(line).strip()
        if cleaned in _DOC_TYPE_LINES:
            return _DOC_TYPE_LINES[cleaned]
    return None


def parse_header(text: str) -> Header:
    """Read the formal layout of a normalised text. News articles give an empty, non-formal Header."""
    lines = text.split("\n", HEAD_LINES)[:HEAD_LINES]
    has_motto = _MOTTO.search("\n".join(lines[:12])) is not None
    number_index, number = _number_line(lines)
    fragments = _issuer_fragments(lines, number_index)
    type_name = _type_line(lines, number_index + 1 if number_index is not None else 0)
    header = Header()
    header.is_formal = bool(fragments) and (has_motto or number is not None or type_name is not None)
    if header.is_formal:
        header.number, header.type_name = number, type_name
        header.issuer_units = _issuer_units(fragments)
        header.province = _province_from_units(header.issuer_units)
        header.signer = _find_signer(text)
    elif has_motto:
        header.number = number
    date_line = find_date_line(text) if header.is_formal or has_motto else None
    if date_line is not None:
        header.date, header.date_place = date_line.date, date_line.place
    return header


def _province_from_units(units: list[str]) -> str | None:
    """The province named by the issuer lines ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM" -> "Quảng Nam")."""
    for unit in units:
        words = proper_case(unit).split(" ")
        for i in range(1, len(words)):
            known = lookup_place_prefix(" ".join(words[i:]))
            record = province_record(known[0]) if known else None
            if record is not None:
                return record.name
    return None
