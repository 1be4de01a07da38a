"""Metadata extraction from Vietnamese government announcements and news: people with roles,
agencies, places, the document date, document type and number. Pure functions over text; the only
I/O is reading the package's word lists once (kb/extract/data/)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.extract.agencies import AgencyContext, body_at, find_agencies, issuer_from_header
from kb.extract.canonical import canonical_agency
from kb.extract.dates import DateSource, document_date, parse_date_hint, years_mentioned
from kb.extract.doctype import (
    DOC_TYPES,
    NEWS,
    doc_type_and_number,
    find_document_numbers,
    normalize_doc_number,
)
from kb.extract.header import Header, date_line_province, parse_header
from kb.extract.lexicon import TRANSLITERATED_NAME, cap_runs, ensure_normalized
from kb.extract.people import find_people, looks_foreign, merge_people, person_spans
from kb.extract.places import (
    PROVINCES,
    PROVINCES_2025,
    PlaceMention,
    canonical_place,
    distinct_places,
    find_places,
    most_mentioned_province,
    place_mentions,
    province_record,
    province_successor,
)
from kb.models import Person

# The extraction rules as a version: a digest of this package's code and data tables. A stored
# document records the version that read its metadata; a store whose documents were read by other
# rules is offered `kb reindex --reextract`. Any change to the rules changes it, with no number to
# remember to bump (a change that leaves every answer alike costs one needless re-read).
RULES_VERSION = hashlib.sha1(b"".join(
    p.relative_to(Path(__file__).parent).as_posix().encode() + b"\0" + p.read_bytes()
    for p in sorted([*Path(__file__).parent.glob("*.py"), *Path(__file__).parent.glob("data/*.json")])
)).hexdigest()[:12]


@dataclass
class Extracted:
    """Everything the extractor found in one document."""

    people: list[Person] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # canonical names, the issuer first
    issuer: str | None = None  # the header's issuing body; for news, the body that acts
    cited_agencies: list[str] = field(default_factory=list)  # bodies named only in legal citations
    signer: str | None = None  # a formal document's signer, as named among `people`
    places: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_source: DateSource | None = None
    year: int | None = None
    years_mentioned: list[int] = field(default_factory=list)
    doc_type: str | None = None
    doc_number: str | None = None


def _main_province(
    text: str,
    header: Header,
    mentions: list[PlaceMention],
    title_mentions: list[PlaceMention],
    agency_hint: str | None = None,
) -> str | None:
    """The header's province, else the date line's, else the most mentioned, else the agency hint's."""
    province = (
        header.province or date_line_province(text) or most_mentioned_province(mentions, title_mentions)
    )
    if province is None and agency_hint:
        province = most_mentioned_province(place_mentions(ensure_normalized(agency_hint)))
    return province


# National bodies every country has: in a story about another country, the bare name is that country's.
_SHARED_NATIONAL = frozenset(
    ["Chính phủ", "Quốc hội", "Bộ Ngoại giao", "Bộ Quốc phòng", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Nội vụ",
     "Bộ Y tế", "Bộ Thương mại", "Ngân hàng Trung ương"]
)
# Countries, capitals and international bodies that show where a story happens (read in its opening).
_ABROAD = re.compile(
    r"(?<![\w])(?:Mỹ|Nga|Trung Quốc|Nhật Bản|Hàn Quốc|Triều Tiên|Philippines|Syria|Afghanistan|Iraq|Iran|"
    r"Israel|Ukraine|Pháp|Thái Lan|Ấn Độ|Thổ Nhĩ Kỳ|Đài Loan|Campuchia|Indonesia|Malaysia|Singapore|"
    r"Myanmar|Australia|Canada|Mexico|Brazil|Venezuela|Qatar|Ả Rập Xê Út|Saudi Arabia|Anh Quốc|Nhà Trắng|"
    r"NATO|EU|Liên minh châu Âu|Washington|Moscow|Bắc Kinh|Tokyo|Seoul|Bình Nhưỡng|Kabul|Manila|London|"
    r"Paris|Berlin|Điện Kremlin|Lầu Năm Góc|Thượng viện|Hạ viện|Tổng thống|Anh|Scotland|Hà Lan|Tây Ban Nha|"
    r"Italy|Bỉ|Thụy Điển|Đan Mạch|Na Uy|Ba Lan|Ai Cập|Hy Lạp)(?![\w])"
    # and countries transliterated with hyphens ("Xy-ri", "I-ran"); "Anh" is also a given name, but a
    # story whose people all have Vietnamese names is never taken for a foreign one.
    rf"|(?<![\w-]){TRANSLITERATED_NAME}"
)
_OPENING = 600


def _foreign_story(
    text: str, title_end: int, agencies: list[str], places: list[PlaceMention], people: list
) -> bool:
    """A news story about another country: its opening names a country, capital or foreign office,
    the text names no Vietnamese place, person or local body and does not say "Việt Nam"."""
    if places or not agencies or not set(agencies) <= _SHARED_NATIONAL:
        return False
    if "Việt Nam" in text or _ABROAD.search(text, 0, title_end + _OPENING) is None:
        return False
    return all(looks_foreign(m.name.split(" ")) for m in people)


def _signer(mentions: list, people: list[Person]) -> str | None:
    """The name, as `people` holds it, of the person who signed a formal document."""
    signed = next((m.name for m in mentions if m.evidence == "signer"), None)
    if signed is None:
        return None
    key = signed.casefold()
    return next((p.name for p in people if p.name.casefold() == key or signed in p.surface_forms), signed)


def named_body(name: str) -> str:
    """A body named on its own (a file's agency field), in the form extraction gives it in a text:
    "Ủy ban nhân dân thành phố Đà Nẵng" and "UBND TP. Đà Nẵng" are both "UBND thành phố Đà Nẵng"."""
    name = ensure_normalized(name).strip().rstrip(".").strip()
    mention = body_at(AgencyContext(name, None, place_mentions(name)), 0) if name else None
    return canonical_agency(mention.name if mention is not None and mention.end == len(name) else name)


def province_of(text: str, title: str = "") -> str | None:
    """The main province of a document: the one in a formal header ("ỦY BAN NHÂN DÂN / TỈNH QUẢNG
    NAM"), else in the date line ("Huế, ngày ..."), else the one mentioned most (title counts double)."""
    text = ensure_normalized(text)
    title = ensure_normalized(title)
    return _main_province(text, parse_header(text), place_mentions(text), place_mentions(title))


# A news page's list of links to other articles, copied with its text ("Tin liên quan Đạp chân Vardy, Mata
# may mắn thoát thẻ đỏ ..."): the people, bodies and places of those headlines are not this story's.
# ("Xem thêm:" is not one: a page may go on after it with the story's source, "Ghi theo lời kể của X".)
_RELATED_LINKS_BEFORE = re.compile(r"(?:^|[\s.!?…])(Tin|Tin bài|Bài) $")


def _without_related_links(text: str) -> str:
    """The text without a related-links block that starts in its second half (one earlier than that is
    more likely the story going on after a box of links). A literal search first: most texts have none."""
    i = text.find(" liên quan", len(text) // 2)
    while i >= 0:
        before = _RELATED_LINKS_BEFORE.search(text, max(0, i - 9), i + 1)
        if before is not None:
            return text[: before.start(1)].rstrip()
        i = text.find(" liên quan", i + 1)
    return text


def extract_metadata(
    title: str, text: str, *, date_hint: str | None = None, agency_hint: str | None = None,
    normalized: bool = False,
) -> Extracted:
    """Extract metadata from a document's title and text (normalised here; any input is accepted).

    date_hint: a date from the file's metadata (ISO or dd/mm/yyyy), which wins over the text.
    agency_hint: the agency named by the file's metadata, used to place a document that names no
    province itself.
    normalized: the caller gives normalize_text's output (as ingest does), which is not checked again."""
    if not normalized:
        title = ensure_normalized(title or "")
        text = ensure_normalized(text or "")
    title = title.replace("\n", " ")
    text = _without_related_links(text)
    header = parse_header(text)
    # Title and text are read as one text (names often appear in the title); the header is the text's.
    combined = f"{title}\n\n{text}" if title else text
    offset = len(combined) - len(text)
    if header.signer is not None:
        signer = dataclasses.replace(
            header.signer, start=header.signer.start + offset, end=header.signer.end + offset
        )
        header = dataclasses.replace(header, signer=signer)

    issuer, parents = issuer_from_header(header, text)
    runs = cap_runs(combined)
    mentions = find_people(combined, header, issuer, runs)
    spans = person_spans(mentions)  # names are not places or agencies
    places_found = place_mentions(combined, spans, runs)
    title_places = [p for p in places_found if p.start < offset]
    province = _main_province(text, header, places_found, title_places, agency_hint)

    facts = find_agencies(
        AgencyContext(combined, province, places_found, spans), issuer, parents, title_end=offset if title else 0
    )
    if not header.is_formal and _foreign_story(combined, offset, facts.mentioned, places_found, mentions):
        # "Quốc hội" of a story about Washington is the US Congress: not a Vietnamese body.
        facts = dataclasses.replace(
            facts,
            mentioned=[a for a in facts.mentioned if a not in _SHARED_NATIONAL],
            issuer=None if facts.issuer in _SHARED_NATIONAL else facts.issuer,
        )
    date, source = document_date(text, header, date_hint)
    doc_type, doc_number = doc_type_and_number(title, header)
    people = merge_people(mentions)
    return Extracted(
        people=people,
        agencies=facts.mentioned,
        issuer=facts.issuer,
        cited_agencies=facts.cited,
        signer=_signer(mentions, people),
        # The header's province is written in upper case, where place matching does not look.
        places=distinct_places(places_found, header.province),
        date=date,
        date_source=source,
        year=date.year if date else None,
        years_mentioned=years_mentioned(combined),
        doc_type=doc_type,
        doc_number=doc_number,
    )


__all__ = [
    "DOC_TYPES",
    "RULES_VERSION",
    "NEWS",
    "PROVINCES",
    "PROVINCES_2025",
    "Extracted",
    "canonical_place",
    "extract_metadata",
    "find_document_numbers",
    "find_places",
    "named_body",
    "normalize_doc_number",
    "parse_date_hint",
    "province_of",
    "province_record",
    "province_successor",
]
