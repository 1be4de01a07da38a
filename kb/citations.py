"""Which documents a document cites by number and which cite it, read from the store's doc_refs
table at request time: a link appears as soon as either document is stored, with no reindex."""

from __future__ import annotations

import logging
import sqlite3

from kb.extract.references import REFERENCES_VERSION, citation_key, document_references, is_short_key, refers_to
from kb.models import Announcement, CitationLink, CitingDocument, DocumentCitations, DocumentReference
from kb.store import REFERENCES_KEY, DocumentStore

log = logging.getLogger(__name__)


def references_current(store: DocumentStore) -> bool:
    """Whether doc_refs holds every document's references, made by the current rules."""
    return store.has_references_table() and store.get_meta(REFERENCES_KEY) == REFERENCES_VERSION


def ensure_references(store: DocumentStore, force: bool = False) -> bool:
    """Fill doc_refs when the store predates it (older layout) or older rules made it; `force` (kb
    reindex) re-extracts in any case. Read-only stores are left as they are (answers are then
    computed from the texts). Returns whether doc_refs is current."""
    try:
        if store.readonly:
            return references_current(store)
        if not force and references_current(store):
            return True
        store.rebuild_references(document_references, REFERENCES_VERSION)
    except sqlite3.DatabaseError as exc:
        if force:
            raise
        # Busy past the timeout, a full disk, a damaged file: opening must still work (reads answer
        # from the texts, and the command at hand reports a storage problem itself); next open retries.
        log.warning("document references not rebuilt: %s", exc)
        return False
    return True


def check_references(store: DocumentStore, repair: bool = False) -> tuple[list[str], list[str]]:
    """Compare doc_refs with the references the current rules read in every stored document:
    (ids whose stored rows differ or are missing, ids with rows but no document). With `repair`,
    rewrite the first and drop the second. A store whose table is missing or was made by other rules
    is rebuilt whole when repairing (all its ids are reported as stale)."""
    if not store.has_references_table():
        return [], []
    if not references_current(store):
        ids = [ann.id for ann in store.iter_announcements()]
        if repair:
            ensure_references(store, force=True)
        return ids, []
    stale: list[tuple[str, list[DocumentReference]]] = []
    for ann in store.iter_announcements():
        fresh = document_references(ann)
        if store.references(ann.id) != fresh:
            stale.append((ann.id, fresh))
    extra = store.reference_orphans()
    if repair and (stale or extra):
        store.replace_references(stale, extra)
    return [doc_id for doc_id, _ in stale], extra


class _Lookup:
    """Own numbers and citations by key: from doc_refs, or (a store not yet migrated, read-only)
    from the texts of the documents whose stored number list holds the key."""

    def __init__(self, store: DocumentStore):
        self.store = store
        self.current = references_current(store)

    def of(self, ann: Announcement) -> list[DocumentReference]:
        if self.current:
            return self.store.references(ann.id)
        return document_references(ann)

    def by_key(self, key: str, own: bool) -> list[tuple[str, DocumentReference]]:
        if self.current:
            return self.store.references_by_key(key, own)
        out = []
        for doc_id in _ids_with_number(self.store, key):
            ann = self.store.get(doc_id)
            if ann is not None:
                out.extend((doc_id, r) for r in document_references(ann) if r.key == key and r.own == own)
        return out


def _ids_with_number(store: DocumentStore, key: str) -> list[str]:
    """Documents whose text holds a number with this key (the store's `numbers` column). Short keys
    ("QD#652") are not in that column: a store not yet migrated links them to nothing."""
    if is_short_key(key):
        return []
    digits = key.split("/", 1)[0].split("-", 1)[0]
    return [doc_id for doc_id, numbers in store.numbers_containing(digits)
            if any(citation_key(n) == key for n in numbers)]


def _best(citation: DocumentReference, targets: list[tuple[str, DocumentReference]], doc_id: str) -> str | None:
    """The document a citation means among those having its number: one whose year and province do not
    contradict it, the ones that confirm them first."""
    fits = [(i, t) for i, t in targets if i != doc_id and refers_to(citation, t)]
    if not fits or (is_short_key(citation.key) and len({i for i, _ in fits}) > 1):
        return None  # a short reference ("Quyết định số 33") that fits several documents links none
    fits.sort(key=lambda it: (not (citation.place and citation.place == it[1].place),
                              not (citation.year and citation.year == it[1].year), it[0]))
    return fits[0][0]


def document_citations(store: DocumentStore, doc_id: str) -> DocumentCitations | None:
    """What `doc_id` cites (each number linked to the cited document when the collection holds it) and
    the documents that cite it, newest first. None when there is no such document."""
    ann = store.get(doc_id)
    if ann is None:
        return None
    lookup = _Lookup(store)
    refs = lookup.of(ann)
    cited = [r for r in refs if not r.own]
    targets = {c.key: _best(c, lookup.by_key(c.key, own=True), doc_id) for c in cited}
    target_docs = store.get_many([t for t in targets.values() if t])
    cites = [
        CitationLink(doc_number=c.doc_number, doc_type=c.doc_type, year=c.year, issuer=c.issuer,
                     id=targets[c.key], title=target_docs[targets[c.key]].title if targets[c.key] in target_docs else None)
        for c in cited
    ]
    citing: set[str] = set()
    for own in (r for r in refs if r.own):
        holders = lookup.by_key(own.key, own=True)
        for other, citation in lookup.by_key(own.key, own=False):
            # The citing document means this one only if no other document fits it better.
            if other != doc_id and other not in citing and _best(citation, holders, other) == doc_id:
                citing.add(other)
    docs = store.get_many(sorted(citing))
    cited_by = sorted(
        (CitingDocument(id=d.id, title=d.title, date=d.date, doc_type=d.doc_type, doc_number=d.doc_number)
         for d in docs.values()),
        key=lambda d: (d.date is not None, d.date, d.id), reverse=True,
    )
    return DocumentCitations(cites=cites, cited_by=cited_by)
