"""From a RawDocument to a validated Announcement with its segmentation: the CPU-heavy part of
ingest, run in worker processes. Pure functions: no store, no index."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from kb.extract import RULES_VERSION, extract_metadata, find_document_numbers, named_body
from kb.extract.references import document_references
from kb.ingest.decode import legacy_encoding, legacy_reason
from kb.ingest.readers.base import Rejection
from kb.models import Announcement, RawDocument
from kb.store import StoredDocument
from kb.text.normalize import fold_accents, normalize_text
from kb.text.segment import word_joins

MAX_TITLE = 500
MAX_TEXT_CHARS = 5_000_000


@dataclass(slots=True)
class Normalised:
    """A raw document after normalisation, with the id and hash that decide what to do with it."""

    raw: RawDocument
    id: str
    title: str
    text: str
    content_hash: str


def slugify(name: str) -> str:
    s = fold_accents(unicodedata.normalize("NFC", name)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:120] or "tai-lieu"


def _file_stem(origin: str) -> str:
    base = re.split(r"[\\/!]", origin.split("#")[0])[-1]
    for ext in (".jsonl.gz", ".html", ".htm", ".txt", ".md", ".markdown", ".json", ".docx", ".pdf", ".xhtml"):
        if base.lower().endswith(ext):
            return base[: -len(ext)]
    return base.rsplit(".", 1)[0]


def content_hash(title: str, text: str, raw: RawDocument) -> str:
    h = hashlib.sha256()
    for part in (title, text, raw.date or "", raw.url or "", raw.source or "", raw.agency or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def normalise(raw: RawDocument) -> Normalised | Rejection:
    """Normalise text, choose the id and compute the content hash; reject what cannot be a document."""
    if len(raw.text) > MAX_TEXT_CHARS:
        return Rejection(
            raw.origin, f"Văn bản quá dài ({len(raw.text):,} ký tự; tối đa {MAX_TEXT_CHARS:,}). Hãy tách nhỏ tệp."
        )
    legacy = legacy_encoding(raw.title + "\n" + raw.text)
    if legacy:
        return Rejection(raw.origin, legacy_reason(legacy))
    text = normalize_text(raw.text)
    title = normalize_text(raw.title).replace("\n", " ")[:MAX_TITLE]
    if not text:
        return Rejection(raw.origin, "Không có nội dung văn bản sau khi làm sạch.")
    if not title:
        title = text.split("\n", 1)[0][:200]
    single_file = not re.search(r"[:#]\d+$", raw.origin)
    if raw.id:
        doc_id = re.sub(r"\s+", "-", raw.id.strip())[:200]
    elif single_file:
        doc_id = slugify(_file_stem(raw.origin))
    else:
        doc_id = "doc-" + hashlib.sha256((title + "\x00" + text).encode()).hexdigest()[:16]
    return Normalised(raw, doc_id, title, text, content_hash(title, text, raw))


def file_hints(raw: RawDocument) -> dict[str, str]:
    """The file's own metadata that extraction reads, as the file wrote it (kept for kb reindex
    --reextract)."""
    return {k: v for k, v in (("date", raw.date), ("agency", raw.agency)) if v is not None}


def build_announcement(n: Normalised) -> tuple[Announcement, list[str]]:
    """Extract metadata; returns the announcement and every document number the text cites."""
    raw = n.raw
    meta = extract_metadata(n.title, n.text, date_hint=raw.date, agency_hint=raw.agency, normalized=True)
    agencies = list(meta.agencies)
    if raw.agency:
        hint = named_body(normalize_text(raw.agency))
        if hint and hint not in agencies:
            agencies.insert(0, hint)
    ann = Announcement(
        id=n.id,
        title=n.title,
        text=n.text,
        date=meta.date,
        year=meta.year,
        date_source=meta.date_source,
        source=(raw.source or "").strip(),
        url=raw.url,
        agencies=agencies,
        issuer=meta.issuer,
        cited_agencies=meta.cited_agencies,
        people=meta.people,
        signer=meta.signer,
        doc_type=meta.doc_type,
        doc_number=meta.doc_number,
        places=meta.places,
        years_mentioned=meta.years_mentioned,
        content_hash=n.content_hash,
        ingested_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        extra={**raw.extra, "origin": raw.origin},
        hints=file_hints(raw),
        extractor=RULES_VERSION,
    )
    numbers = find_document_numbers(n.title + "\n" + n.text)
    return ann, numbers


def prepare(n: Normalised, joins: tuple[list[int], list[int]] | None = None) -> StoredDocument | Rejection:
    """Extraction plus segmentation (skipped when `joins` comes from the segmentation cache)."""
    try:
        ann, numbers = build_announcement(n)
        references = document_references(ann)
        title_joins, text_joins = joins if joins is not None else (word_joins(n.title), word_joins(n.text))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return Rejection(n.raw.origin, f"Lỗi khi xử lý văn bản: {type(exc).__name__}: {exc}")
    return StoredDocument(ann, title_joins, text_joins, numbers, references)
