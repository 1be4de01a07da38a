"""Metadata extraction from Vietnamese government announcements and news: people with roles,
agencies, places, the document date, document type and number. Pure functions over text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from kb.extract.agencies import AgencyContext, find_agencies, issuer_from_header
from kb.extract.dates import DateSource, document_date, parse_date_hint, years_mentioned
from kb.extract.doctype import DOC_TYPES, NEWS, doc_type_and_number, find_document_numbers, normalize_doc_number
from kb.extract.header import parse_header
from kb.extract.lexicon import ensure_normalized
from kb.extract.people import find_people, merge_people, person_spans
from kb.extract.places import (
    PROVINCES,
    PROVINCES_2025,
    canonical_place,
    date_line_province,
    most_mentioned_province,
    place_mentions,
    province_of,
    province_record,
    province_successor,
)
from kb.models import Person
from kb.text.normalize import normalize_text


@dataclass
class Extracted:
    """Everything the extractor found in one document."""

    people: list[Person] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    issuer: str | None = None
    places: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_source: DateSource | None = None
    year: int | None = None
    years_mentioned: list[int] = field(default_factory=list)
    doc_type: str | None = None
    doc_number: str | None = None


def _distinct_places(mentions, header_province: str | None) -> list[str]:
    """Place names in order of first mention; the province of a formal header (upper case, so not
    found in the text) comes first."""
    out: list[str] = [header_province] if header_province else []
    for mention in mentions:
        if mention.name not in out and mention.name != "Việt Nam":
            out.append(mention.name)
    return out


def _main_province(text: str, header_province: str | None, mentions, title_mentions, agency_hint: str | None):
    if header_province:
        return header_province
    from_date_line = date_line_province(text)
    if from_date_line:
        return from_date_line
    most = most_mentioned_province(mentions, title_mentions)
    if most:
        return most
    if agency_hint:
        hinted = most_mentioned_province(place_mentions(normalize_text(agency_hint)))
        if hinted:
            return hinted
    return None


def extract_metadata(
    title: str, text: str, *, date_hint: str | None = None, agency_hint: str | None = None
) -> Extracted:
    """Extract metadata from a document's title and text (normalised here; any input is accepted)."""
    title = ensure_normalized(title or "").replace("\n", " ")
    text = ensure_normalized(text or "")
    header = parse_header(text)
    combined = f"{title}\n\n{text}" if title else text
    offset = len(combined) - len(text)
    if header.signer is not None:
        signer = dataclasses.replace(header.signer, start=header.signer.start + offset, end=header.signer.end + offset)
        header = dataclasses.replace(header, signer=signer)

    issuer, parents = issuer_from_header(header, text)
    mentions = find_people(combined, header, issuer)
    spans = person_spans(mentions)
    places_found = place_mentions(combined, spans)
    title_places = [p for p in places_found if p.start < offset]
    province = _main_province(text, header.province, places_found, title_places, agency_hint)

    ctx = AgencyContext(combined, province, places_found, spans)
    agencies = find_agencies(ctx, issuer, parents)
    date, source = document_date(text, header, date_hint)
    doc_type, doc_number = doc_type_and_number(title, header)
    return Extracted(
        people=merge_people(mentions),
        agencies=agencies,
        issuer=issuer,
        places=_distinct_places(places_found, header.province),
        date=date,
        date_source=source,
        year=date.year if date else None,
        years_mentioned=years_mentioned(combined),
        doc_type=doc_type,
        doc_number=doc_number,
    )


__all__ = [
    "DOC_TYPES",
    "NEWS",
    "PROVINCES",
    "PROVINCES_2025",
    "Extracted",
    "canonical_place",
    "extract_metadata",
    "find_document_numbers",
    "normalize_doc_number",
    "parse_date_hint",
    "province_of",
    "province_record",
    "province_successor",
]
