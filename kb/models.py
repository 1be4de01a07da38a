"""Pydantic models shared by every layer: documents, search requests and answers, ingest reports."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Person(BaseModel):
    """A named person as the text presents them, with the role it gives them."""

    name: str
    role: str | None = None
    surface_forms: list[str] = Field(default_factory=list)


class Agency(BaseModel):
    """A government body in canonical form ("UBND tỉnh Thừa Thiên Huế")."""

    name: str
    issuer: bool = False


class Announcement(BaseModel):
    """One document of the knowledge base, with the metadata extracted from it."""

    model_config = ConfigDict(extra="ignore")

    id: str
    title: str
    text: str
    date: dt.date | None = None
    year: int | None = None
    date_source: Literal["metadata", "date_line", "dateline", "inferred"] | None = None
    source: str = ""
    url: str | None = None
    agencies: list[str] = Field(default_factory=list)  # the facet: the issuer and every mentioned body
    issuer: str | None = None
    cited_agencies: list[str] = Field(default_factory=list)  # bodies named only in legal citations
    people: list[Person] = Field(default_factory=list)
    signer: str | None = None  # the person whose name closes a formal document's signature block
    doc_type: str | None = None
    doc_number: str | None = None
    places: list[str] = Field(default_factory=list)
    years_mentioned: list[int] = Field(default_factory=list)
    content_hash: str = ""
    ingested_at: dt.datetime | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
    # The file's own metadata that extraction used ({"date": ..., "agency": ...}, as the file wrote
    # them), kept so that the metadata can be read again from the store; None: not recorded (a
    # document stored before this field existed).
    hints: dict[str, str] | None = None
    extractor: str | None = None  # the extraction rules that read this metadata (kb.extract.RULES_VERSION)


class DocumentReference(BaseModel):
    """A document number as one document writes it: its own number (`own`) or one it cites."""

    doc_number: str  # as written, normalised ("1673/QĐ-UBND")
    key: str  # the matching form ("1673/QD-UBND"): kb.extract.references.citation_key
    doc_type: str | None = None
    year: int | None = None
    issuer: str | None = None
    place: str | None = None  # the province a local number belongs to; None for national numbers
    own: bool = False


class CitationLink(BaseModel):
    """A number a document cites, with the cited document when the collection holds it."""

    doc_number: str
    doc_type: str | None = None
    year: int | None = None
    issuer: str | None = None
    id: str | None = None
    title: str | None = None


class CitingDocument(BaseModel):
    """A document that cites another one."""

    id: str
    title: str
    date: dt.date | None = None
    doc_type: str | None = None
    doc_number: str | None = None


class DocumentCitations(BaseModel):
    """What a document cites ("Văn bản được dẫn chiếu") and what cites it ("Được dẫn chiếu bởi")."""

    cites: list[CitationLink] = Field(default_factory=list)
    cited_by: list[CitingDocument] = Field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The keys `kb show ID --json` adds: "cites" and "cited_by" (ids)."""
        return {
            "cites": [{"doc_number": c.doc_number, "doc_type": c.doc_type, "year": c.year, "issuer": c.issuer,
                       "id": c.id} for c in self.cites],
            "cited_by": [d.id for d in self.cited_by],
        }


class RawDocument(BaseModel):
    """What a reader got out of one record of a file, before normalisation and extraction."""

    id: str | None = None
    title: str = ""
    text: str = ""
    date: str | None = None
    url: str | None = None
    source: str | None = None
    agency: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
    origin: str = ""  # file path (and record number) the document came from


SortOrder = Literal["relevance", "newest", "oldest"]


class SearchRequest(BaseModel):
    """A search as a user or a script asks for it."""

    query: str = ""
    page: int = Field(default=1, ge=1)
    limit: int = Field(default=10, ge=1, le=1000)
    sort: SortOrder = "relevance"
    agency: list[str] = Field(default_factory=list)
    person: list[str] = Field(default_factory=list)
    place: list[str] = Field(default_factory=list)
    doc_type: list[str] = Field(default_factory=list)
    source: list[str] = Field(default_factory=list)
    year: list[int] = Field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    snippets: bool = True
    facets: bool = True
    # "all": `total` counts documents holding every concept of the query, partial matches follow
    # them and are counted apart; "any": every document holding at least one concept is a match.
    match: Literal["all", "any"] = "all"


class FacetValue(BaseModel):
    value: str
    count: int


class SearchHit(BaseModel):
    id: str
    title: str
    date: dt.date | None = None
    year: int | None = None
    agencies: list[str] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    doc_type: str | None = None
    doc_number: str | None = None
    source: str = ""
    url: str | None = None
    score: float = 0.0
    snippet: str = ""
    places: list[str] = Field(default_factory=list)
    title_html: str = ""
    match: Literal["full", "partial"] = "full"  # holds every concept of the query, or only some


FACET_FIELDS = ("agency", "person", "year", "doc_type", "place", "source")


class SearchResponse(BaseModel):
    query: str
    total: int  # full matches (mode "any": every match); what facets, timeline and export count
    took_ms: float
    page: int
    hits: list[SearchHit] = Field(default_factory=list)
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)
    suggestion: str | None = None
    message: str | None = None  # a note for the user, e.g. why a query part was ignored
    notice: str | None = None  # in Vietnamese: what was left out of an over-long or repetitive query
    total_partial: int = 0  # documents holding some but not all concepts (shown after the full matches)

    def to_contract(self) -> dict[str, Any]:
        """The stable JSON shape of `kb search --json` (scripts depend on it)."""
        return {
            "query": self.query,
            "total": self.total,
            "total_partial": self.total_partial,
            "took_ms": round(self.took_ms, 2),
            "page": self.page,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "date": h.date.isoformat() if h.date else None,
                    "year": h.year,
                    "agencies": h.agencies,
                    "people": [{"name": p.name, "role": p.role} for p in h.people],
                    "doc_type": h.doc_type,
                    "doc_number": h.doc_number,
                    "source": h.source,
                    "url": h.url,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "match": h.match,
                }
                for h in self.hits
            ],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in values]
                for name, values in self.facets.items()
                if name in ("agency", "person", "year", "doc_type", "place")
            },
            "suggestion": self.suggestion,
            "notice": self.notice,
        }


IngestStatus = Literal["added", "updated", "unchanged", "rejected", "deleted"]


class IngestItem(BaseModel):
    """The outcome for one input (a file, or one record of a multi-record file)."""

    origin: str
    status: IngestStatus
    id: str | None = None
    title: str | None = None
    reason: str | None = None


class IngestReport(BaseModel):
    items: list[IngestItem] = Field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: IngestStatus) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("added", "updated", "unchanged", "rejected")}
