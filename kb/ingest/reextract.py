"""Read the metadata of stored documents again with the current extraction rules (after an upgrade),
from the stored text and the file metadata each document was read with; an index rebuild follows.

Metadata is otherwise read once, when a document is added or changed: a store filled by an older
version keeps the older version's people, bodies and roles, and its facets would count them. Each
document records the rules that read it (`Announcement.extractor`), so this pass only re-reads the
documents read by other rules, can be stopped at any point and resumed, and commits in chunks (a
document is either wholly old or wholly new).

Documents stored before the file's own fields were recorded (`Announcement.hints` is None) get them
back from the content hash, which covers the file's date and agency fields: the candidate values
that reproduce the stored hash are the ones the file gave. A document whose fields cannot be
recovered that way keeps its metadata and is reported, so nothing the file said is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kb.extract import RULES_VERSION
from kb.extract.references import document_references
from kb.ingest.prepare import Normalised, build_announcement, content_hash
from kb.models import Announcement, DocumentReference, RawDocument
from kb.store import DocumentStore

CHUNK = 200  # documents read again and committed at a time


@dataclass(slots=True)
class ReextractReport:
    read: int = 0  # documents whose metadata was read again
    changed: int = 0  # of those, documents whose metadata differs from what was stored
    kept: list[str] = field(default_factory=list)  # ids left as they were: the file's fields are unknown

    def summary(self) -> str:
        """What was done, in words (CLI and web app)."""
        lines = [f"Đã đọc lại siêu dữ liệu của {self.read} văn bản ({self.changed} văn bản có thay đổi)."]
        if self.kept:
            shown = ", ".join(self.kept[:10]) + (", …" if len(self.kept) > 10 else "")
            lines.append(f"{len(self.kept)} văn bản giữ siêu dữ liệu cũ vì không khôi phục được ngày hoặc cơ quan "
                         f"mà tệp gốc ghi kèm; hãy nạp lại tệp của chúng: {shown}")
        return "\n".join(lines)


def outdated_notice(count: int) -> str:
    """The notice for a store holding metadata read by older rules (CLI and web app)."""
    return (f"{count} văn bản có siêu dữ liệu (người, cơ quan, chức vụ) do quy tắc trích xuất của phiên bản "
            "trước đọc. Hãy chạy: kb reindex --reextract")


def _raw(ann: Announcement, hints: dict[str, str]) -> RawDocument:
    extra = {k: v for k, v in ann.extra.items() if k != "origin"}
    return RawDocument(id=ann.id, title=ann.title, text=ann.text, date=hints.get("date"), url=ann.url,
                       source=ann.source, agency=hints.get("agency"), extra=extra,
                       origin=str(ann.extra.get("origin", "")))


def _date_forms(ann: Announcement) -> list[str]:
    """How a file may have written the date it gave (only when the stored date came from the file)."""
    if ann.date is None or ann.date_source != "metadata":
        return []
    d = ann.date
    return [d.isoformat(), f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}/{d.month}/{d.year}",
            f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.year}/{d.month:02d}/{d.day:02d}"]


def _agency_forms(ann: Announcement) -> list[str]:
    """How a file may have written the agency it gave: a stored agency, as stored or spelled out."""
    forms: list[str] = []
    for name in [*ann.agencies, *([ann.issuer] if ann.issuer else [])]:
        for form in (name, name.replace("UBND", "Ủy ban nhân dân").replace("HĐND", "Hội đồng nhân dân")):
            if form not in forms:
                forms.append(form)
    return forms


def recover_hints(ann: Announcement) -> dict[str, str] | None:
    """The file's date and agency fields of a document stored before they were recorded: the
    candidates that reproduce its content hash, or None when none does."""
    for date in [None, *_date_forms(ann)]:
        for agency in [None, *_agency_forms(ann)]:
            hints = {k: v for k, v in (("date", date), ("agency", agency)) if v is not None}
            if content_hash(ann.title, ann.text, _raw(ann, hints)) == ann.content_hash:
                return hints
    return None


def reread(ann: Announcement) -> tuple[Announcement, list[str], list[DocumentReference]] | None:
    """The document with its metadata read by the current rules, the numbers its text cites and its
    references; None when the file's fields it was read with are not known."""
    hints = ann.hints if ann.hints is not None else recover_hints(ann)
    if hints is None:
        return None
    raw = _raw(ann, hints)
    fresh, numbers = build_announcement(Normalised(raw, ann.id, ann.title, ann.text, ann.content_hash))
    fresh = fresh.model_copy(update={"ingested_at": ann.ingested_at})
    return fresh, numbers, document_references(fresh)


_METADATA = ("date", "year", "date_source", "agencies", "issuer", "cited_agencies", "people", "signer",
             "doc_type", "doc_number", "places", "years_mentioned")


def _differs(old: Announcement, new: Announcement) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in _METADATA)


def outdated_ids(store: DocumentStore) -> list[str]:
    """Documents whose metadata was read by other extraction rules than the current ones."""
    return [doc_id for doc_id, version in store.iter_fields(("extractor",)) if version != RULES_VERSION]


def reextract_store(store: DocumentStore, progress: Callable[[int, int], None] | None = None) -> ReextractReport:
    """Read again the metadata of every document read by other rules; returns what was done."""
    report = ReextractReport()
    ids = outdated_ids(store)
    for start in range(0, len(ids), CHUNK):
        rows: list[tuple[Announcement, list[str], list[DocumentReference]]] = []
        for doc_id, ann in store.get_many(ids[start : start + CHUNK]).items():
            result = reread(ann)
            if result is None:
                report.kept.append(doc_id)
                continue
            report.read += 1
            report.changed += _differs(ann, result[0])
            rows.append(result)
        store.update_metadata(rows)
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    return report
