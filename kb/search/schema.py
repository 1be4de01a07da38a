"""The Whoosh schema and how one Announcement becomes one index document."""

from __future__ import annotations

import json

from whoosh import fields

from kb.models import Announcement
from kb.search.analysis import (
    join_values,
    syllable_analyzer,
    values_analyzer,
    word_analyzer,
)
from kb.text.normalize import fold_accents

SCHEMA_VERSION = 2

# Title words count this many times: BM25 over one field with the title repeated is a cheap
# stand-in for BM25F with a title boost (one posting list per term instead of two).
TITLE_REPEAT = 2

# Facet fields: name in the API -> index field.
FACET_INDEX_FIELDS = {
    "agency": "agency",
    "person": "person",
    "place": "place",
    "doc_type": "doc_type",
    "source": "source",
}


def build_schema() -> fields.Schema:
    values = values_analyzer()
    # Two views of title + text: pyvi words (no positions needed) and accented syllables (with
    # positions, for phrases). Unaccented queries are mapped onto accented terms through the index
    # vocabulary (kb.search.vocab), which costs far less than a third, folded, field.
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        w=fields.TEXT(analyzer=word_analyzer(), phrase=False),
        s=fields.TEXT(analyzer=syllable_analyzer(), phrase=True),
        agency=fields.KEYWORD(analyzer=values, scorable=False),
        person=fields.KEYWORD(analyzer=values, scorable=False),
        place=fields.KEYWORD(analyzer=values, scorable=False),
        doc_type=fields.KEYWORD(analyzer=values, scorable=False),
        source=fields.KEYWORD(analyzer=values, scorable=False),
        docnum_own=fields.KEYWORD(analyzer=values, scorable=True),
        docnum_all=fields.KEYWORD(analyzer=values, scorable=True),
        year=fields.NUMERIC(int, bits=32, sortable=True, signed=False),
        date=fields.NUMERIC(int, bits=32, sortable=True, signed=False),
        content_hash=fields.STORED(),
        facets=fields.STORED(),
    )


def doc_number_keys(number: str) -> list[str]:
    """Index keys of a document number: whole, bare number, and "code:number".

    "1673/QĐ-UBND" -> ["1673/qd-ubnd", "1673", "qd:1673"] so that "1673/QD-UBND", "QĐ 1673" and
    "quyết định 1673" all find it.
    """
    key = fold_accents(number).lower().replace(" ", "")
    parts = key.replace("-", "/").split("/")
    keys = [key]
    if parts and parts[0].isdigit():
        keys.append(parts[0])
        codes = [p for p in parts[1:] if p and not p.isdigit()]
        if codes:
            keys.append(f"{codes[0]}:{parts[0]}")
    return keys


def date_key(ann: Announcement) -> int:
    if ann.date:
        return ann.date.year * 10000 + ann.date.month * 100 + ann.date.day
    return 0


def facet_values(ann: Announcement) -> dict[str, list[str]]:
    return {
        "agency": list(dict.fromkeys(ann.agencies)),
        "person": list(dict.fromkeys(p.name for p in ann.people)),
        "place": list(dict.fromkeys(ann.places)),
        "doc_type": [ann.doc_type] if ann.doc_type else [],
        "source": [ann.source] if ann.source else [],
    }


def to_index_fields(ann: Announcement, seg_title: str, seg_text: str, numbers: list[str]) -> dict:
    """The Whoosh document for one announcement; seg_* are the segmented title and text."""
    facets = facet_values(ann)
    own = doc_number_keys(ann.doc_number) if ann.doc_number else []
    all_keys: list[str] = []
    for n in numbers:
        all_keys.extend(doc_number_keys(n))
    # Paragraph breaks keep title and text from forming phrases across the seam.
    combined = "\n".join([seg_title] * TITLE_REPEAT + [seg_text])
    doc = {
        "id": ann.id,
        "w": combined,
        "s": combined,
        "docnum_own": join_values(own),
        "docnum_all": join_values(dict.fromkeys(own + all_keys)),
        "content_hash": ann.content_hash,
        "facets": json.dumps(
            {**facets, "year": ann.year, "date": date_key(ann)}, ensure_ascii=False, separators=(",", ":")
        ),
        "date": date_key(ann),
        "year": ann.year or 0,
    }
    for name, field in FACET_INDEX_FIELDS.items():
        doc[field] = join_values(facets[name])
    return doc
