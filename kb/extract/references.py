"""Documents a text cites by number ("theo Quyết định số 1673/QĐ-UBND ngày 12/5/2023 của UBND tỉnh",
"Nghị định 15/2020/NĐ-CP"), with the type, year and issuer the text writes, and one matching key per
number so that "1673/QD-UBND", "1673 / QĐ - UBND" and "01673/QĐ-UBND" link the same documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.extract.doctype import normalize_doc_number
from kb.extract.lexicon import alternation
from kb.extract.places import most_mentioned_province, place_mentions, province_record
from kb.models import Announcement, DocumentReference

# Bump when extraction changes what is stored: stores re-extract their references on open.
REFERENCES_VERSION = "2"  # 2: short references ("Quyết định số 652") and own short keys

_CODE = r"[A-ZĐ][A-Za-zĐđ&]*\d*"
# Separators may have spaces ("QĐ -XPVPHC", "TC - QC"); "UBND - Quảng Nam" fails the end check.
_SEP = r"\s?[/-]\s?"
_MORE = rf"(?:{_SEP}[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*"
_NUMBER = re.compile(
    r"(?<![\w/&.,-])(?:"
    # Party form: "18-CT/TU", "54-NQ/TW", "1175-TB/TU".
    rf"(?P<party>\d{{1,6}}\s?-\s?{_CODE}\s?/\s?{_CODE}{_MORE})"
    # With a year: "15/2020/NĐ-CP", "45/2013/QH13", "19- 2017/NQ-CP" (a slip for 19/2017/NQ-CP).
    rf"|(?P<num>\d{{1,6}})\s?[/-]\s?(?P<year>(?:19|20)\d\d)\s?/\s?(?P<rest>{_CODE}{_MORE})"
    # State form: "1673/QĐ-UBND", "2345/UBND-KT", "95/GPXD".
    rf"|(?P<state>\d{{1,6}}\s?/\s?{_CODE}{_MORE})"
    r")(?![\w&]|[/-]\w)"
)

# Kinds of document, as the text names them before a number, and the type each one means.
_KINDS = {
    "quyết định": "Quyết định", "nghị định": "Nghị định", "thông tư liên tịch": "Thông tư liên tịch",
    "thông tư": "Thông tư", "nghị quyết": "Nghị quyết", "chỉ thị": "Chỉ thị", "công văn": "Công văn",
    "văn bản": "Công văn", "thông báo": "Thông báo", "kế hoạch": "Kế hoạch", "kết luận": "Kết luận",
    "tờ trình": "Tờ trình", "báo cáo": "Báo cáo", "công điện": "Công điện", "hướng dẫn": "Hướng dẫn",
    "pháp lệnh": "Pháp lệnh", "bộ luật": "Luật", "luật": "Luật", "giấy phép": "Giấy phép",
    "phép bay": "Giấy phép", "quy định": "Quy định", "quy chế": "Quy chế", "thông cáo": "Thông cáo báo chí",
    "giấy mời": "Giấy mời", "chương trình": "Chương trình", "đề án": "Đề án",
}  # fmt: skip
_KIND = alternation(list(_KINDS))
# The kind right before the number ("Quyết định số 1673", "Nghị định 15/2020"), or a few words before
# it when "số" follows them ("Quyết định xử phạt vi phạm hành chính số 1085", "Luật Đất đai số 45").
_KIND_BEFORE = re.compile(
    rf"(?i)(?<!\w)({_KIND})(?:\s*(?:số|:)\s*:?|(?:\s+[^\s,;.()\"]+){{0,6}}\s+số\s*:?)?\s*$"
)
# Type codes of numbers ("1673/QĐ-UBND" -> QĐ; "18-CT/TU" -> CT).
_TYPE_CODES = {
    "QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "NQ": "Nghị quyết",
    "CT": "Chỉ thị", "CV": "Công văn", "TB": "Thông báo", "KH": "Kế hoạch", "KL": "Kết luận", "TTR": "Tờ trình",
    "BC": "Báo cáo", "CĐ": "Công điện", "HD": "Hướng dẫn", "PL": "Pháp lệnh", "TCBC": "Thông cáo báo chí",
    "QĐI": "Quy định", "GP": "Giấy phép", "GPXD": "Giấy phép", "GPKT": "Giấy phép", "GM": "Giấy mời",
}  # fmt: skip
# Issuers whose numbers are the same everywhere in the country (no province part of their identity).
_NATIONAL = re.compile(r"^(?:CP|TTG|TW|VPCP|QH\d*|UBTVQH\d*|NHNN\w*|TANDTC|VKSNDTC|KTNN|TTCP|BCT|B(?!QL|CĐ|CH)[A-ZĐ]{1,9})$")
_DATE_AFTER = re.compile(
    r"(?i)^[\s,]*(?:\(|ban hành\s+|ký\s+)?ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s+năm\s+(\d{4})|[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4}))"
)
_DATE_BEFORE = re.compile(
    r"(?i)(?<!\w)ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s+năm\s+(\d{4})|[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4}))"
)
_ISSUING_VERB = re.compile(r"(?i)(?<!\w)(?:ban hành|ký|gửi|có|ra|phê duyệt|cấp)(?!\w)")
_ISSUER_AFTER = re.compile(r"^[\s,]*(?:của|do)\s+(?=[^\W\d_])")
_DATE_ANYWHERE = re.compile(
    r"(?i)(?<![\w])(?:ban hành|ký|phê duyệt|cấp)\s+ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s+năm\s+(\d{4})|[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4}))"
)
# Words that end an issuer's name ("của Chính phủ | quy định ...", "của UBND tỉnh | về việc").
_ISSUER_STOP = frozenset(
    "về quy ban hướng phê sửa ngày cấp ký tại đối trong theo nhằm để đã là có được với khi gửi v/v "
    "truyền yêu chỉ tăng kiến chấp nay bị trước sau vừa mới hồi vào từ đến thì mà nên do cho "
    "bổ thực triển khẳng nêu hủy thay áp khó dễ cũng vẫn sẽ đang".split()
)  # fmt: skip
_KIND_START = re.compile(rf"(?i)(?:{_KIND})(?!\w)")
_LIST_BEFORE = re.compile(r"(?i)(?:(?<!\w)số\s*|(?:" + _KIND + r")\s+)((?:\d{1,6}\s*(?:,|và|đến|tới|-)\s*)+)$")
_RANGE_JOIN = re.compile(r"(?i)^\s*(?:đến|tới)\s+(?:số\s*)?$")
_OWN_LINE = re.compile(r"(?:^|\n)[ \t]*(?:Số|SỐ|số)[ \t]*[:.]?[ \t]*$")
_RANGE_LIMIT = 20

# A reference by kind and number only, as news writes it ("Quyết định số 652 của NHNN", "Nghị định 163",
# "Chỉ thị 05 của Bộ Chính trị"), and the code of its matching key ("QD#652"). Such a number names a
# document only together with its type and issuer, so its key is kept apart from full numbers'.
_SHORT_CODES = {
    "Quyết định": "QD", "Nghị định": "ND", "Thông tư": "TT", "Thông tư liên tịch": "TTLT", "Nghị quyết": "NQ",
    "Chỉ thị": "CT", "Công văn": "CV", "Kế hoạch": "KH", "Thông báo": "TB", "Kết luận": "KL",
    "Công điện": "CD", "Luật": "LUAT", "Pháp lệnh": "PL",
}  # fmt: skip
# Kinds whose bare number is something else too often ("Luật 12" of football, "văn bản 2 trang"):
# these need "số" before the number.
_SHORT_NEED_SO = frozenset({"văn bản", "luật", "bộ luật", "pháp lệnh"})
# Kinds that are verbs or common nouns as well ("quyết định 4 nhóm vấn đề", "kế hoạch 5 năm"): without
# "số", these name a document only when written with a capital ("Quyết định 935", not "KẾ HOẠCH 42").
_SHORT_VERBISH = frozenset({"quyết định", "chỉ thị", "thông báo", "kết luận", "kế hoạch", "công điện"})
# Kinds issued by national bodies only: their short numbers are national.
_SHORT_NATIONAL = frozenset({"Nghị định", "Thông tư", "Thông tư liên tịch", "Luật", "Pháp lệnh"})
_SHORT_KIND = alternation([k for k, v in _KINDS.items() if v in _SHORT_CODES])
_SHORT_ITEM = r"(\d{1,5})(?:\s?/\s?((?:19|20)\d\d))?"
# What a short number may not run into: a code or another number ("1673/QĐ", "163/2006/NĐ", "2,5"),
# or a unit ("Chỉ thị 05 tháng", "Nghị quyết 3 lần"); "năm 2001" after it is its year.
_SHORT_END = (r"(?![\w&]|\s?[/-]\s?\w|[.,]\d|\s*%|\s+(?:tháng|ngày|giờ|người|triệu|tỷ|lần|điểm|km|ha|m|kg|tấn"
              r"|năm(?!\s+(?:19|20)\d\d))(?!\w))")
_SHORT = re.compile(
    rf"(?i)(?<![\w/])(?P<kind>{_SHORT_KIND})\s+(?P<so>số\s*:?\s*)?{_SHORT_ITEM}{_SHORT_END}"
)
# A kind a few words before "số N", when the number carries a year, or a date or an issuer follows it:
# "Luật sửa đổi ... đầu tư xây dựng cơ bản số 38/2009", "văn bản giả mạo Bộ Tài chính ghi số 3156 ngày
# 8/11/2016", "Quyết định xử phạt vi phạm hành chính số 12 của ...".
_SO_NUMBER = re.compile(r"[sS][ốỐ]\s*:?\s*(\d{1,5})(?:\s?/\s?((?:19|20)\d\d))?")  # "(?<!\w)" checked apart: faster
_SHORT_KIND_WORD = re.compile(rf"(?i)(?<![\w/])(?:{_SHORT_KIND})(?!\w)")
_FAR_FOLLOW = re.compile(r",?\s+(?:ngày\s+\d|của\s+[A-ZĐ])")
_FAR_BETWEEN_STOP = re.compile(r"(?i)(?<!\w)(?:của|này|lên|tại|với)(?!\w)|[,\d]")
_FAR_WORDS = 14
# The last syllable of a kind before a number: where a short reference may be. Case-sensitive and
# factored, this is many times faster than looking for the kinds themselves everywhere.
_SHORT_HINT = re.compile(alternation([
    "định", "Định", "ĐỊNH", "tư", "Tư", "TƯ", "tịch", "TỊCH", "quyết", "QUYẾT", "thị", "THỊ", "văn", "VĂN", "bản",
    "BẢN", "hoạch", "HOẠCH", "báo", "BÁO", "luận", "LUẬN", "điện", "ĐIỆN", "luật", "LUẬT", "lệnh", "LỆNH",
]) + r"\s+(?:[sS][ốỐ]\s*:?\s*)?\d")  # fmt: skip
_SHORT_MORE = re.compile(rf"(?i)\s*(?:,|;|và|hoặc)\s*(?:số\s*)?{_SHORT_ITEM}{_SHORT_END}")
_YEAR_WORD = re.compile(r"(?i)^\s*(?:năm|/)\s*((?:19|20)\d\d)(?!\d)")


def normalize_number(number: str) -> str:
    """The display form: no spaces, codes upper case with "Đ" restored ("1673 / qd - ubnd" ->
    "1673/QĐ-UBND"); "TTg", "TTr", "HoREA" kept as written."""
    return normalize_doc_number(number)


def citation_key(number: str) -> str:
    """The matching key of a number: "QĐ"/"QD", case, spaces, "số" and leading zeros do not matter
    ("Số 01673/QD-ubnd" and "1673/QĐ-UBND" -> "1673/QD-UBND")."""
    text = re.sub(r"(?i)^\s*số\s*:?\s*", "", number)
    compact = normalize_number(text).upper().replace("Đ", "D")
    return re.sub(r"(?<![\d])0+(?=\d)", "", compact)


def _codes(number: str) -> tuple[str | None, str | None]:
    """(type code, issuer code) of a normalised number, upper case."""
    party = re.match(r"^\d+-([^/]+)/([^/-]+)", number)
    if party:
        return party.group(1).upper(), party.group(2).upper()
    codes = [c.upper() for c in re.split(r"[/-]", number) if c and not c.isdigit()]
    if not codes:
        return None, None
    if codes[0] in _TYPE_CODES or codes[0].startswith("GP"):
        return codes[0], (codes[1] if len(codes) > 1 else None)
    return None, codes[0]


def is_short_key(key: str) -> bool:
    """Whether a matching key is that of a short reference ("QD#652"), not of a full number."""
    return "#" in key


def is_national(number: str) -> bool:
    """Whether a number belongs to a national body (Government, Prime Minister, a ministry, the Party's
    central bodies, the National Assembly), so that it means the same document in every province."""
    _, issuer = _codes(normalize_number(number))
    return bool(issuer and _NATIONAL.match(issuer))


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    number: str  # normalised
    year: int | None
    kind: str | None  # the type the words before the number name


def _kind_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 90) : start]
    m = _KIND_BEFORE.search(window)
    return _KINDS[m.group(1).lower()] if m else None


# Something every number has ("1673/Q", "18-C", "15/2020/N"): most texts have none, and this simpler
# pattern rules them out several times faster than the full one.
_HINT = re.compile(r"\d\s?[/-]\s?(?:[A-ZĐ]|(?:19|20)\d\d\s?/\s?[A-ZĐ])")


def _numbers(text: str) -> list[_Found]:
    found: list[_Found] = []
    if not _HINT.search(text):
        return found
    for m in _NUMBER.finditer(text):
        if m.group("party"):
            number, year = normalize_number(m.group("party")), None
        elif m.group("year"):
            number = normalize_number(f"{m.group('num')}/{m.group('year')}/{m.group('rest')}")
            year = int(m.group("year"))
        else:
            number, year = normalize_number(m.group("state")), None
        if any(c != c.upper() and sum(ch.isupper() for ch in c) < 2 for c in re.split(r"[/-]", number)):
            continue  # "5-Jacob/Poseidon": codes are upper case, or nearly ("TTg", "HoREA")
        kind = _kind_before(text, m.start())
        if not _looks_like_document(number, kind, text, m.start()):
            continue
        found.append(_Found(m.start(), m.end(), number, year, kind))
    return found


def _looks_like_document(number: str, kind: str | None, text: str, start: int) -> bool:
    """A bare "N/CODE" ("5/KP3", "2/TTXVN") is a document number only with a type code or when the
    text names a kind or says "số" before it; the longer forms always are."""
    if kind is not None or re.search(r"(?i)(?<!\w)số\s*:?\s*$", text[max(0, start - 8) : start]):
        return True
    parts = [p for p in re.split(r"[/-]", number) if p]
    if len(parts) >= 3:
        return True
    type_code, _ = _codes(number)
    return type_code is not None


def _expand_lists(text: str, found: list[_Found]) -> list[_Found]:
    """Numbers written before a full number that shares their suffix: "số 1673, 1674 và 1675/QĐ-UBND",
    "từ số 101 đến 105/QĐ-UBND"; and ranges of full numbers "từ số 101/QĐ-UBND đến số 105/QĐ-UBND"."""
    out: list[_Found] = []
    previous: _Found | None = None
    for f in found:
        lead = re.match(r"\d+", f.number)
        suffix = f.number[lead.end() :] if lead else ""
        m = _LIST_BEFORE.search(text[max(0, f.start - 80) : f.start]) if lead else None
        if m and lead:
            listed = [int(n) for n in re.findall(r"\d+", m.group(1))]
            ranged = re.search(r"(?i)(?:đến|tới|-)\s*$", m.group(1)) is not None
            last = int(lead.group())
            numbers = (list(range(listed[-1], last)) if ranged and 0 < last - listed[-1] <= _RANGE_LIMIT
                       else []) or listed
            for n in dict.fromkeys([*listed, *numbers]):
                if n != int(lead.group()):
                    out.append(_Found(f.start, f.start, f"{n}{suffix}", f.year, f.kind))
        elif previous is not None and lead and _RANGE_JOIN.match(text[previous.end : f.start]):
            first = re.match(r"\d+", previous.number)
            if first and previous.number[first.end() :] == suffix:
                low, high = int(first.group()), int(lead.group())
                if 0 < high - low <= _RANGE_LIMIT:
                    for n in range(low + 1, high):
                        out.append(_Found(f.start, f.start, f"{n}{suffix}", f.year, f.kind or previous.kind))
        if f.kind is None and previous is not None and re.fullmatch(r"(?i)\s*(?:,|;|và|hoặc|, và)\s*(?:số\s*)?",
                                                                   text[previous.end : f.start]):
            f.kind = previous.kind
        out.append(f)
        previous = f
    return out


def _short_matches(text: str):
    """_SHORT's matches, looked for only where a kind's last syllable comes before a number."""
    last = -1
    for hint in _SHORT_HINT.finditer(text):
        if hint.start() <= last:
            continue
        digit = hint.end() - 1  # the number the hint ends on; the window reaches well past its end
        endpos = min(len(text), digit + 80)
        m = _SHORT.search(text, max(0, last, hint.start() - 24), endpos)
        while m is not None and m.start(3) < digit:
            m = _SHORT.search(text, m.end(), endpos)
        if m is not None and m.start(3) == digit:
            last = m.end()
            yield m


def _shorts(text: str, full: list[_Found]) -> list[tuple[_Found, str]]:
    """(reference, type) of every short reference ("Quyết định số 652", "Nghị định 116, 64") that does
    not stand for a full number of the same type and number the text writes too ("Nghị định 163"
    after "163/2006/NĐ-CP")."""
    written = set()
    for f in full:
        lead = re.match(r"\d+", f.number)
        if lead:
            written.add((_type_of(f.number, f.kind), int(lead.group())))
    out: list[tuple[_Found, str]] = []
    near = set()
    for m in _short_matches(text):
        near.add(m.start(3))
        word = re.sub(r"\s+", " ", m.group("kind").lower())
        as_written = m.group("kind")
        if not m.group("so") and (word in _SHORT_NEED_SO or word in _SHORT_VERBISH and not (
                as_written[0].isupper() and as_written[1:2].islower())):
            continue
        doc_type = _KINDS[word]
        items = [(m.group(3), m.group(4), m.start(3), m.end())]
        pos = m.end()
        while len(items) < 8 and (more := _SHORT_MORE.match(text, pos)):
            items.append((more.group(1), more.group(2), more.start(1), more.end()))
            pos = more.end()
        for number, year, start, end in items:
            value = int(number)
            if value == 0 or (doc_type, value) in written:
                continue
            if not m.group("so") and not year and 1945 <= value <= 2099 and len(number) == 4:
                continue  # "Nghị quyết 2017": a year, not a number
            tail = _YEAR_WORD.match(text[end : end + 12])
            found = _Found(start, end, number, int(year) if year else (int(tail.group(1)) if tail else None), doc_type)
            out.append((found, doc_type))
    for m in _SO_NUMBER.finditer(text):
        number, year = m.group(1), m.group(2)
        if m.start(1) in near or int(number) == 0 or m.start() and text[m.start() - 1].isalnum():
            continue
        if year and not re.match(_SHORT_END, text[m.end() :]) or not year and not _FAR_FOLLOW.match(text, m.end(1)):
            continue
        window = re.split(r"[.;:!?()\"“”\n]", text[max(0, m.start() - 160) : m.start()])[-1]
        kinds = list(_SHORT_KIND_WORD.finditer(window))
        if not kinds:
            continue
        between = window[kinds[-1].end() :]
        if not 1 <= len(between.split()) <= _FAR_WORDS or _FAR_BETWEEN_STOP.search(between):
            continue  # "quyết định này của ông Trump lên Tòa Phúc thẩm số 9": the number is another thing's
        doc_type = _KINDS[re.sub(r"\s+", " ", kinds[-1].group().lower())]
        if (doc_type, int(number)) in written:
            continue
        out.append((_Found(m.start(1), m.end(), number, int(year) if year else None, doc_type), doc_type))
    return out


def short_key(doc_type: str | None, number: str) -> str | None:
    """The matching key of a short reference or of a document's own number read short: "QD#652"."""
    code = _SHORT_CODES.get(doc_type or "")
    lead = re.match(r"\d+", number)
    return f"{code}#{int(lead.group())}" if code and lead else None


def _year_after(text: str, end: int) -> int | None:
    tail = text[end : end + 160]
    m = _DATE_AFTER.match(tail)
    if m:
        return int(m.group(1) or m.group(2))
    clause = re.split(r"[;\n]|\.\s|\d{1,6}\s?/\s?[A-ZĐ]", tail, maxsplit=1)[0]
    m = _DATE_ANYWHERE.search(clause[:120])
    return int(m.group(1) or m.group(2)) if m else None


def _year_before(text: str, start: int) -> int | None:
    """The year of a dated action that the sentence says produced the document: "Ngày 1-12-2016, chủ
    đầu tư đã gửi Công văn số 125/CV-TB", "Đến ngày 29/11/2013, UBND tỉnh phê duyệt ... theo Quyết
    định số 1764/QĐ-UBND"."""
    window = text[max(0, start - 160) : start]
    window = re.split(r"\.\s|\n", window)[-1]
    dates = list(_DATE_BEFORE.finditer(window))
    if not dates:
        return None
    last = dates[-1]
    between = window[last.end() :]
    if _NUMBER.search(between) or not _ISSUING_VERB.search(between):
        return None
    return int(last.group(1) or last.group(2))


def _issuer_after(text: str, end: int) -> str | None:
    tail = text[end : end + 200]
    date = _DATE_AFTER.match(tail)
    if date:
        tail = tail[date.end() :]
    m = _ISSUER_AFTER.match(tail)
    if not m or not tail[m.end()].isupper():
        return None
    words: list[str] = []
    rest = tail[m.end() :]
    for word in re.split(r"[ \t]+", rest):
        clean = word.split("…")[0].rstrip(",;.:)\n").strip('"')
        bare = clean.split("\n")[0]
        if bare.lower() == "ban" and words and words[-1].lower() in ("ủy", "uỷ"):
            pass  # "Ủy ban ATGT quốc gia": "ban" stops "ban hành", not this
        elif not bare or bare.lower() in _ISSUER_STOP and bare[:1].islower() or bare.startswith("("):
            break
        if bare.lower() == "và":
            after = rest.split(word, 1)[1].lstrip() if word in rest else ""
            # "Bộ Tài nguyên và Môi trường" goes on; "UBND tỉnh và Kế hoạch kiểm tra" does not.
            if not words or not after[:1].isupper() or _KIND_START.match(after):
                break
        words.append(bare)
        if bare != word or "\n" in word or len(words) >= 12:
            break
    while words and (words[-1].lower() in ("và", "-", "của") or words[-1][:1].islower() and len(words) == 1):
        words.pop()
    if words and words[-1] == "và":
        words.pop()
    return " ".join(words) or None


def _type_of(number: str, kind: str | None) -> str | None:
    type_code, issuer_code = _codes(number)
    if type_code is not None and (type_code in _TYPE_CODES or type_code.startswith("GP")):
        return _TYPE_CODES.get(type_code, "Giấy phép")
    if kind is not None:
        return kind
    if issuer_code is not None and not re.search(r"/(?:19|20)\d\d/", number):
        return "Công văn"  # "2345/UBND-KT": an agency's own code, the form of an official letter
    return None


@lru_cache(maxsize=4096)
def issuer_province(issuer: str | None) -> str | None:
    """The province an issuer's name places it in ("UBND tỉnh Quảng Nam" -> "Quảng Nam"), or None."""
    if not issuer:
        return None
    return most_mentioned_province(place_mentions(issuer))


def home_province(ann: Announcement) -> str | None:
    """The province a document's local numbers belong to: its issuer's, else its first place that is
    a province (the header's, for a formal document)."""
    province = issuer_province(ann.issuer)
    if province:
        return province
    for place in ann.places:
        record = province_record(place)
        if record is not None and record.name == place:
            return place
    return None


def find_citations(text: str, own_number: str | None = None, home: str | None = None) -> list[DocumentReference]:
    """Every document the text cites by number, in order of first mention, one per number. The
    document's own number (`own_number`, or the number on a "Số:" line) is not a citation of itself.
    `home` is the province of the citing document: a local number ("1673/QĐ-UBND") with no issuer
    written is taken to be one of that province. Short references ("Quyết định số 652 của NHNN",
    "Nghị định 163") are kept too, under a key of their type and number, unless the text writes the
    full number they stand for."""
    own_keys = {citation_key(own_number)} if own_number else set()
    by_key: dict[str, DocumentReference] = {}
    full = _expand_lists(text, _numbers(text))
    items: list[tuple[_Found, str | None]] = [(f, None) for f in full] + _shorts(text, full)
    items.sort(key=lambda item: item[0].start)
    for f, short_type in items:
        if short_type is None:
            key = citation_key(f.number)
            if key in own_keys:
                continue
            if f.end > f.start and _OWN_LINE.search(text[max(0, f.start - 12) : f.start]):
                own_keys.add(key)  # the header's "Số: ..." line names the document itself
                by_key.pop(key, None)
                continue
        else:
            key = short_key(short_type, f.number) or ""
            if own_number and key == short_key(short_type, own_number):
                continue
        written = f.end > f.start  # numbers expanded from a list share the full number's context
        issuer = _issuer_after(text, f.end) if written else None
        year = f.year or (_year_after(text, f.end) or _year_before(text, f.start) if written else None)
        if year is None and issuer:
            year = _year_after_issuer(text, f.end, issuer)
        if short_type is None:
            place = issuer_province(issuer) or (None if is_national(f.number) else home)
            doc_type = _type_of(f.number, f.kind)
        else:
            national = short_type in _SHORT_NATIONAL or (issuer is not None and issuer_province(issuer) is None)
            place = issuer_province(issuer) or (None if national else home)
            doc_type = short_type
        ref = DocumentReference(doc_number=f.number, key=key, doc_type=doc_type, year=year, issuer=issuer,
                                place=place)
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = ref
        else:  # a later mention may write what the first one left out
            by_key[key] = seen.model_copy(update={
                "doc_type": seen.doc_type or ref.doc_type, "year": seen.year or ref.year,
                "issuer": seen.issuer or ref.issuer,
                "place": seen.place if seen.issuer or not ref.issuer else ref.place,
            })
    return list(by_key.values())


def _year_after_issuer(text: str, end: int, issuer: str) -> int | None:
    """The date written after the issuer that follows a number: "Quyết định số 652 của NHNN ngày
    17/5/2001"."""
    at = text.find(issuer, end, end + 220)
    if at < 0:
        return None
    m = _DATE_AFTER.match(text[at + len(issuer) : at + len(issuer) + 60])
    return int(m.group(1) or m.group(2)) if m else None


def own_reference(ann: Announcement, home: str | None = None) -> DocumentReference | None:
    """The document's own number as a reference others can cite, or None when it has none."""
    if not ann.doc_number:
        return None
    place = None if is_national(ann.doc_number) else (home if home is not None else home_province(ann))
    return DocumentReference(doc_number=ann.doc_number, key=citation_key(ann.doc_number), doc_type=ann.doc_type,
                             year=ann.year, issuer=ann.issuer, place=place, own=True)


def document_references(ann: Announcement) -> list[DocumentReference]:
    """What the store keeps for a document: its own number (first, if any), the same read short
    ("QD#1673", for the texts that cite it as "Quyết định số 1673"), and the numbers it cites."""
    home = home_province(ann)
    own = own_reference(ann, home)
    cited = find_citations(f"{ann.title}\n\n{ann.text}", ann.doc_number, home)
    if own is None:
        return cited
    short = short_key(own.doc_type, own.doc_number)
    return [own] + ([own.model_copy(update={"key": short})] if short else []) + cited


def refers_to(citation: DocumentReference, target: DocumentReference) -> bool:
    """Whether a citation can mean the document whose own number is `target`: the same key, and no
    year or province that the two both write and that differ."""
    if citation.key != target.key:
        return False
    if is_short_key(citation.key):
        # A short reference names its type and number only: the province (or the national level) must
        # be the same, not merely not contradict.
        if citation.place is None and not is_national(target.doc_number):
            return False
        if citation.place is not None and citation.place != target.place:
            return False
    if citation.year and target.year and citation.year != target.year:
        return False
    return not (citation.place and target.place and citation.place != target.place)
