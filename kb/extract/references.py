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
REFERENCES_VERSION = "1"

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
    "bổ thực triển khẳng nêu hủy thay áp".split()
)  # fmt: skip
_KIND_START = re.compile(rf"(?i)(?:{_KIND})(?!\w)")
_LIST_BEFORE = re.compile(r"(?i)(?:(?<!\w)số\s*|(?:" + _KIND + r")\s+)((?:\d{1,6}\s*(?:,|và|đến|tới|-)\s*)+)$")
_RANGE_JOIN = re.compile(r"(?i)^\s*(?:đến|tới)\s+(?:số\s*)?$")
_OWN_LINE = re.compile(r"(?:^|\n)[ \t]*(?:Số|SỐ|số)[ \t]*[:.]?[ \t]*$")
_RANGE_LIMIT = 20


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
        clean = word.rstrip(",;.:)\n").strip('"')
        bare = clean.split("\n")[0]
        if not bare or bare.lower() in _ISSUER_STOP and bare[:1].islower() or bare.startswith("("):
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
    written is taken to be one of that province."""
    own_keys = {citation_key(own_number)} if own_number else set()
    by_key: dict[str, DocumentReference] = {}
    for f in _expand_lists(text, _numbers(text)):
        key = citation_key(f.number)
        if key in own_keys:
            continue
        if f.end > f.start and _OWN_LINE.search(text[max(0, f.start - 12) : f.start]):
            own_keys.add(key)  # the header's "Số: ..." line names the document itself
            by_key.pop(key, None)
            continue
        written = f.end > f.start  # numbers expanded from a list share the full number's context
        year = f.year or (_year_after(text, f.end) or _year_before(text, f.start) if written else None)
        issuer = _issuer_after(text, f.end) if written else None
        place = issuer_province(issuer) or (None if is_national(f.number) else home)
        ref = DocumentReference(doc_number=f.number, key=key, doc_type=_type_of(f.number, f.kind), year=year,
                                issuer=issuer, place=place)
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


def own_reference(ann: Announcement, home: str | None = None) -> DocumentReference | None:
    """The document's own number as a reference others can cite, or None when it has none."""
    if not ann.doc_number:
        return None
    place = None if is_national(ann.doc_number) else (home if home is not None else home_province(ann))
    return DocumentReference(doc_number=ann.doc_number, key=citation_key(ann.doc_number), doc_type=ann.doc_type,
                             year=ann.year, issuer=ann.issuer, place=place, own=True)


def document_references(ann: Announcement) -> list[DocumentReference]:
    """What the store keeps for a document: its own number (first, if any) and the numbers it cites."""
    home = home_province(ann)
    own = own_reference(ann, home)
    cited = find_citations(f"{ann.title}\n\n{ann.text}", ann.doc_number, home)
    return ([own] if own else []) + cited


def refers_to(citation: DocumentReference, target: DocumentReference) -> bool:
    """Whether a citation can mean the document whose own number is `target`: the same key, and no
    year or province that the two both write and that differ."""
    if citation.key != target.key:
        return False
    if citation.year and target.year and citation.year != target.year:
        return False
    return not (citation.place and target.place and citation.place != target.place)
