"""Document type ("Quyết định", "Kế hoạch", ... or "Tin tức" for news) and document numbers
("1673/QĐ-UBND"), normalised so that one number has one spelling."""

from __future__ import annotations

import re

from kb.extract.header import Header
from kb.extract.lexicon import word_matches

NEWS = "Tin tức"

DOC_TYPES = (
    "Quyết định", "Nghị quyết", "Chỉ thị", "Thông báo", "Kế hoạch", "Công văn", "Báo cáo", "Tờ trình",
    "Thông cáo báo chí",
)  # fmt: skip

# Type codes of document numbers ("1673/QĐ-UBND" -> QĐ).
_TYPE_CODES = {
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "CT": "Chỉ thị", "TB": "Thông báo", "KH": "Kế hoạch",
    "BC": "Báo cáo", "TTR": "Tờ trình", "TCBC": "Thông cáo báo chí", "CV": "Công văn",
}  # fmt: skip
# Codes whose Đ is often typed as D ("QD", "HDND"); restored on normalisation.
_RESTORE_D = {
    "QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "DU": "ĐU", "GDDT": "GDĐT", "SGDDT": "SGDĐT", "KHDT": "KHĐT",
    "SKHDT": "SKHĐT", "BCD": "BCĐ", "DHDCD": "ĐHĐCĐ", "TTDT": "TTĐT", "QLDT": "QLĐT", "DBQH": "ĐBQH",
    "HDTP": "HĐTP", "HDQT": "HĐQT", "LDTBXH": "LĐTBXH", "SLDTBXH": "SLĐTBXH", "HDTV": "HĐTV",
    "HDBC": "HĐBC",
}  # fmt: skip
_MIXED_CASE = {"TTG": "TTg", "TTR": "TTr"}

_SEP = r"\s?[/-]\s?"
_CODE = r"[A-ZĐ][A-Za-zĐđ&]*\d*"
_NUMBER = re.compile(
    rf"(\d{{1,6}}(?:\s?/\s?(?:19|20)\d\d)?\s?/\s?{_CODE}(?:{_SEP}[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*"
    rf"|\d{{1,4}}\s?-\s?{_CODE}\s?/\s?{_CODE}(?:{_SEP}[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*)(?![\w&])"
)
_TITLE_TYPE = re.compile(
    r"(?i)^\s*(thông cáo báo chí|quyết định|nghị quyết|chỉ thị|thông báo|kế hoạch|công văn|báo cáo|tờ trình)"
    r"(?![\w])\s*(?:số\s*:?\s*)?((?:\d[\w/ .&-]*?))?(?=\s|$|:)"
)


_NUMBER_GLUE = frozenset("_/.-'&")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"([/-])")
_TWO_LETTERS = re.compile(r"[A-Za-zĐđ]{2}")
_PARTY_NUMBER = re.compile(r"^\d+-([A-Za-zĐđ]+)/")
_CODES = re.compile(r"[/-]")


def normalize_doc_number(number: str) -> str:
    """One spelling per number: no spaces, codes upper case with "Đ" restored where it was typed as "D"
    ("1673 / QD - ubnd" -> "1673/QĐ-UBND"), "TTg"/"TTr" kept mixed-case."""
    compact = _SPACES.sub("", number).strip(".,;:")
    parts = _SEPARATORS.split(compact)
    out = []
    for part in parts:
        if part in ("/", "-") or part.isdigit() or not part:
            out.append(part)
            continue
        upper = part.upper()
        if upper in _MIXED_CASE:
            out.append(_MIXED_CASE[upper])
        elif upper in _RESTORE_D:
            out.append(_RESTORE_D[upper])
        elif part.isupper() or part.islower():
            out.append(upper)
        else:
            out.append(part)
    return "".join(out)


# What every number has, a digit and a code joined by "/" or "-": searched first, since most texts
# (94% of the news sample) have none and the full pattern is slow to fail at each of their digits.
_NUMBER_PREFILTER = re.compile(r"\d\s?[/-]\s?[A-ZĐ]")


def find_document_numbers(text: str) -> list[str]:
    """Every document number mentioned in a text, normalised, in order, without repeats."""
    seen: list[str] = []
    if not _NUMBER_PREFILTER.search(text):
        return seen
    for m in word_matches(_NUMBER, text, _NUMBER_GLUE):
        number = normalize_doc_number(m.group(1))
        if number not in seen and _TWO_LETTERS.search(number):
            seen.append(number)
    return seen


def _type_from_number(number: str) -> str | None:
    """ "1673/QĐ-UBND" -> Quyết định; "18-CT/TU" -> Chỉ thị; "2345/UBND-KT" (an agency code) -> Công văn."""
    party = _PARTY_NUMBER.match(number)
    if party:
        return _TYPE_CODES.get(party.group(1).upper())
    codes = [c for c in _CODES.split(number) if c and not c.isdigit()]
    if not codes:
        return None
    first = codes[0].upper()
    if first in _TYPE_CODES:
        return _TYPE_CODES[first]
    return "Công văn"


def doc_number_from_header(header: Header | None) -> str | None:
    if header is None or header.number is None:
        return None
    return normalize_doc_number(header.number)


def doc_type_and_number(title: str, header: Header | None) -> tuple[str, str | None]:
    """(type, own number). The header's type line wins, then the number's type code, then a title
    that starts with a type name ("Kế hoạch 25/KH-UBND ..."); otherwise the text is news."""
    number = doc_number_from_header(header)
    if header is not None and header.is_formal and header.type_name:
        return header.type_name, number
    if number is not None:
        kind = _type_from_number(number)
        if kind:
            return kind, number
    m = _TITLE_TYPE.match(title)
    if m:
        kind = next(t for t in DOC_TYPES if t.lower() == m.group(1).lower())
        if number is None and m.group(2):
            candidates = find_document_numbers(m.group(2))
            number = candidates[0] if candidates else None
        return kind, number
    return NEWS, number
