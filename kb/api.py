"""The one Python API that the CLI, the Streamlit app and scripts call.

    kb = KnowledgeBase(index_dir)                 # store + index under index_dir
    kb.search(SearchRequest) -> SearchResponse    # never raises on a user query string; `total` counts
                                                  # full matches, `total_partial` partial ones
    kb.get(doc_id) -> Announcement | None
    kb.citations(doc_id) -> DocumentCitations | None  # cites (linked when held) and cited_by
    kb.highlight_document(doc_id, query) -> str   # full text as escaped HTML, <mark> on matches
    kb.related(doc_id, limit=5) -> list[SearchHit]
    kb.export(SearchRequest) -> list[Announcement]  # every full match of a search (mode "any": every
                                                    # match), in its order
    kb.facet_values(field) -> list[FacetValue]    # over the whole collection
    kb.stats() -> dict
    kb.ingest_paths(paths) / kb.ingest_bytes(name, data) -> IngestReport
    kb.delete(doc_id) -> bool ; kb.reindex(reextract=...) -> int ; kb.verify(repair) -> dict
    kb.outdated_metadata() -> int                 # documents read by older extraction rules
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from kb.citations import DocumentCitations, check_references, document_citations, ensure_references
from kb.config import Settings
from kb.errors import IngestWorkerError, StaleData, StorageError, WriterBusy, reraise
from kb.ingest.pipeline import InputFile, iter_input_files, iter_records, run_ingest
from kb.models import Announcement, FacetValue, IngestReport, SearchHit, SearchRequest, SearchResponse
from kb.search import writer as iw
from kb.search.engine import SearchEngine
from kb.search.highlight import highlight_all
from kb.store import DocumentStore, StoredDocument
from kb.text.normalize import normalize_text
from kb.text.segment import apply_joins, segmenter_version
from kb.writelock import write_lock

STORE_NAME = "store.sqlite3"
FACET_FIELDS = ("agency", "person", "place", "doc_type", "source", "year")  # SearchRequest filters = facet names
SEGMENTER_KEY = "segmenter"  # store meta: the segmenter (library versions + rules) of the stored joins
REEXTRACT_KEY = "reextract"  # store meta: "pending" from a metadata re-read until the index is rebuilt

__all__ = ["IngestWorkerError", "KnowledgeBase", "StaleData", "StorageError", "WriterBusy", "worth_suggesting"]

_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> tuple[str, ...]:
    """The words of a text, lower-cased, in one tone-mark style: what is left once punctuation,
    spacing and case are ignored ("<img src=x>" and "img src X" give the same words)."""
    return tuple(_WORD.findall(normalize_text(text).lower()))


def worth_suggesting(query: str, suggestion: str | None) -> bool:
    """A suggestion is worth showing only when it changes a word (an accent, a spelling), not when it
    merely repeats the query with other case, spacing or punctuation."""
    if not suggestion or not suggestion.strip():
        return False
    return _words(suggestion) != _words(query)


class KnowledgeBase:
    def __init__(self, index_dir: str | Path | None = None, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.root = Path(index_dir) if index_dir is not None else self.settings.index_dir
        self.root.mkdir(parents=True, exist_ok=True)
        self.store = DocumentStore(self.root / STORE_NAME)
        self.engine = SearchEngine(iw.index_path(self.root), self.store)
        self.last_reextract = None  # what the last reindex(reextract=True) did (ReextractReport)
        ensure_references(self.store)  # a store of an older layout gets its citation table here

    # -- reading ----------------------------------------------------------------------------------
    def has_index(self) -> bool:
        return self.engine.exists()

    def search(self, req: SearchRequest | str) -> SearchResponse:
        if isinstance(req, str):
            req = SearchRequest(query=req)
        return self.engine.search(req)

    def warm_up(self) -> None:
        """Load what searches need (facet columns, frequent postings) before the first user waits."""
        if self.has_index():
            self.engine.warm_up()

    def data_version(self) -> str:
        """Changes whenever documents are added, changed or deleted (a cache key for derived data)."""
        return f"{self.root}|{self.store.last_change()}|{self.store.count()}"

    def ingest_log(self, limit: int = 10000) -> list[dict]:
        """The newest `limit` ingest log entries: at, origin, status, id, reason."""
        return self.store.read_log(limit)

    def get(self, doc_id: str) -> Announcement | None:
        return self.store.get(doc_id)

    def citations(self, doc_id: str) -> DocumentCitations | None:
        """The numbers `doc_id` cites (type, year, issuer as written; `id` of the cited document when
        the collection holds it) and the documents citing it, newest first; computed from the store
        when asked, so a link appears as soon as either document is added. None: no such document."""
        return document_citations(self.store, doc_id)

    def highlight_document(self, doc_id: str, query: str) -> str:
        ann = self.store.get(doc_id)
        if ann is None:
            return ""
        patterns = self.engine.highlight_patterns(query)
        return highlight_all(ann.text, patterns) if patterns else html.escape(ann.text)

    def related(self, doc_id: str, limit: int = 5) -> list[SearchHit]:
        rows = list(self.store.iter_documents([doc_id]))
        if not rows:
            return []
        seg = apply_joins(rows[0].ann.text, rows[0].text_joins)
        ids = [i for i in self.engine.related(doc_id, seg, limit) if i != doc_id]
        docs = self.store.get_many(ids)
        return [
            SearchHit(
                id=a.id, title=a.title, date=a.date, year=a.year, agencies=a.agencies, people=a.people,
                doc_type=a.doc_type, doc_number=a.doc_number, source=a.source, url=a.url, places=a.places,
            )
            for a in (docs.get(i) for i in ids)
            if a is not None
        ]

    def export(self, req: SearchRequest) -> list[Announcement]:
        """The documents `total` counts, in result order: the full matches (req.match "all"), or
        every match (req.match "any"); never the partial matches shown after the full ones."""
        ids = self.engine.ranked_ids(req)
        docs = self.store.get_many(ids)
        return [docs[i] for i in ids if i in docs]

    def facet_counts(self, req: SearchRequest, resp: SearchResponse | None = None) -> dict[str, list[FacetValue]]:
        """Counts per facet value over all full matches of `req`. For a facet with a selection, the
        counts ignore that facet's own filter, so the other values stay visible and selecting several
        of them widens the results (OR between values of one facet, AND between facets)."""
        resp = resp if resp is not None else self.search(req)
        out = dict(resp.facets)
        for facet in FACET_FIELDS:
            if getattr(req, facet):
                # No re-ranking or snippets are needed for counts.
                sub = req.model_copy(update={facet: [], "limit": 1, "page": 1, "sort": "newest", "snippets": False})
                out[facet] = self.search(sub).facets.get(facet, [])
        return out

    def facet_values(self, field: str) -> list[FacetValue]:
        return self.engine.all_facet_values(field)

    def stats(self) -> dict:
        indexed = 0
        if self.has_index():
            _, s = self.engine.searcher()
            indexed = s.doc_count()
        return {
            "documents": self.store.count(),
            "indexed": indexed,
            "last_change": self.store.last_change(),
            "index_bytes": iw.dir_size(iw.index_path(self.root)),
            "store_bytes": self.store.size_bytes(),
            "index_dir": str(self.root),
            "segmenter": self.store.get_meta(SEGMENTER_KEY),
            "problems": self.version_problems(),
            "outdated_metadata": self.outdated_metadata(),
        }

    # -- entities: people, bodies, offices (kb/entities) ----------------------------------------------
    def _entities(self):
        from kb.entities.catalog import catalog_for

        return catalog_for(self.store, self.root, self.data_version())

    def person(self, name: str, province: str | None = None, page: int = 1, limit: int = 10,
               in_document: str | None = None) -> dict:
        """A person's page: {"status": "found", "name", "province", "roles": [{"role", "agency", "from",
        "to", "documents"}] newest first, "documents", "timeline", "related_people", ...}; or
        {"status": "ambiguous" | "not_found", "candidates": [...]}. `name` in any accent form or case;
        `in_document` (a document naming the person) settles a name shared by several people."""
        from kb.entities import views

        return views.person(self._entities(), self.store, name, province, page, limit, in_document)

    def agency(self, name: str, page: int = 1, limit: int = 10) -> dict:
        """A body's page: documents issued / mentioned / cited, signers, office holders over time,
        document types per year; or {"status": "ambiguous" | "not_found", "candidates": [...]}."""
        from kb.entities import views

        return views.agency(self._entities(), name, page, limit)

    def who(self, office: str, year: int | None = None) -> dict:
        """Who held an office ("Chủ tịch UBND tỉnh TT-Huế", any accent form or abbreviation), in `year`
        if given: {"status", "office", "holders": [{"name", "from", "to", "documents"}], "similar"}."""
        from kb.entities import views

        return views.who(self._entities(), office, year)

    # -- writing ----------------------------------------------------------------------------------
    def _write_lock(self):
        if self.store.readonly:
            raise StorageError("readonly", self.root, "kho được mở ở chế độ chỉ đọc")
        return write_lock(self.root)

    def ingest_paths(
        self, paths: Iterable[str | Path], progress: Callable | None = None, workers: int | None = None
    ) -> IngestReport:
        return self._ingest(iter_input_files(paths), progress, workers)

    def ingest_bytes(self, name: str, data: bytes, progress: Callable | None = None) -> IngestReport:
        limit = self.settings.max_upload_bytes
        if len(data) > limit:
            from kb.models import IngestItem

            return IngestReport(
                items=[
                    IngestItem(
                        origin=name,
                        status="rejected",
                        reason=f"Tệp quá lớn ({len(data) / 1e6:.1f} MB; tối đa {limit / 1e6:.0f} MB).",
                    )
                ]
            )
        safe = os.path.basename(name.replace("\\", "/")) or "upload"
        # A small upload is a document or a few: worker processes would cost more than they save.
        return self._ingest([InputFile(safe, data)], progress, 1 if len(data) < 256_000 else None)

    def _ingest(self, files, progress, workers) -> IngestReport:
        with self._write_lock():
            self._check_current()
            iw.remove_unused_generations(self.root)
            self._sync_index()
            path = iw.index_path(self.root)
            ix = iw.open_or_create(path)
            writer = iw.new_writer(ix)
            try:
                report, repeated, segments = run_ingest(
                    self.store,
                    iter_records(files),
                    writer,
                    iw.index_fields,
                    index_dir=path.resolve(),
                    progress=progress,
                    workers=workers,
                )
                writer.commit_segments(segments)
            except BaseException as exc:  # noqa: BLE001 - re-raised (as StorageError when it is one)
                try:
                    writer.cancel()
                except Exception:  # noqa: BLE001 - a full disk can fail the cleanup too; report the cause
                    pass
                reraise(exc, self.root)
            if repeated:
                # One id came twice in this run: the index may hold both versions; keep the stored one.
                w = iw.new_writer(ix)
                for doc_id in repeated:
                    w.delete_by_term("id", doc_id)
                iw.write_documents(w, self.store.iter_documents(sorted(repeated)), update=False)
                w.commit()
            return report

    def delete(self, doc_id: str) -> bool:
        with self._write_lock():
            existed = self.store.delete(doc_id)
            if self.has_index():
                ix = iw.open_or_create(iw.index_path(self.root))
                w = iw.new_writer(ix)
                w.delete_by_term("id", doc_id)
                w.commit()
            self.store.log([("delete", "deleted" if existed else "rejected", doc_id, None if existed else "not found")])
            return existed

    def reindex(self, progress: Callable[[int, int], None] | None = None, resegment: bool = False,
                reextract: bool = False) -> int:
        """Rebuild the index from the store (no file reading), then switch. With `resegment`, the
        stored word segmentation is first made again from the stored text with the current segmenter
        (what a segmenter change asks for; see version_problems). With `reextract`, the metadata of
        documents read by older extraction rules is read again first (`last_reextract` says what was
        done; see outdated_metadata)."""
        self.last_reextract = None
        with self._write_lock():
            if resegment:
                from kb.ingest.resegment import resegment_store

                resegment_store(self.store, progress)
                self.store.set_meta(SEGMENTER_KEY, segmenter_version())
            if reextract:
                from kb.ingest.reextract import reextract_store

                # Until the index is rebuilt it still holds the old metadata: say so if this stops here.
                self.store.set_meta(REEXTRACT_KEY, "pending")
                self.last_reextract = reextract_store(self.store, progress)
            ensure_references(self.store, force=True)  # citations re-extracted with the current rules
            total = self.store.count()
            n = iw.rebuild_aside(self.root, self.store.iter_documents(), total, progress,
                                 store_path=self.store.path, ids=self.store.ids())
            if self.store.get_meta(REEXTRACT_KEY) is not None:
                self.store.set_meta(REEXTRACT_KEY, "")
            return n

    def outdated_metadata(self) -> int:
        """How many documents hold metadata read by other extraction rules than the current ones
        (a store filled by an older version): `kb reindex --reextract` reads them again."""
        from kb.ingest.reextract import outdated_ids

        return len(outdated_ids(self.store))

    def version_problems(self) -> list[str]:
        """What is out of date in the derived data (stored segmentation, index layout), each with
        what to run; empty when everything was made by this version of the product."""
        problems = []
        made_by = self.store.get_meta(SEGMENTER_KEY)
        if made_by is not None and made_by != segmenter_version():
            problems.append(
                f"Văn bản trong kho được tách từ bằng «{made_by}», khác với bộ tách từ hiện tại "
                f"«{segmenter_version()}». Hãy chạy: kb reindex --resegment")
        if self.store.get_meta(REEXTRACT_KEY) == "pending":
            problems.append("Siêu dữ liệu đã được đọc lại nhưng chỉ mục chưa được dựng lại theo nó. "
                            "Hãy chạy: kb reindex")
        layout = iw.live_schema_version(self.root) if self.has_index() else None
        if layout is not None and layout != iw.SCHEMA_VERSION:
            problems.append(
                f"Chỉ mục được dựng theo cấu trúc phiên bản {layout}, phiên bản hiện tại là "
                f"{iw.SCHEMA_VERSION}. Hãy chạy: kb reindex")
        return problems

    def _check_current(self) -> None:
        """Refuse to add documents next to derived data of another version: they would not match."""
        if self.store.get_meta(SEGMENTER_KEY) is None:
            # A store from before versions were recorded was made with today's segmenter (pyvi 0.1.1).
            self.store.set_meta(SEGMENTER_KEY, segmenter_version())
        problems = self.version_problems()
        if problems:
            raise StaleData(" ".join(problems))

    def verify(self, repair: bool = False) -> dict:
        """Compare store and index, and the citation table with the stored texts; with repair, index
        what is missing or stale, drop what is extra, and rewrite the citations that differ."""
        if not repair and self.store.readonly:
            result = self._sync_index(report_only=True)  # reading only: no lock needed on read-only media
            return self._with_references(result, repair=False)
        with self._write_lock():
            result = self._sync_index(repair=repair, report_only=not repair)
            return self._with_references(result, repair=repair)

    def _with_references(self, result: dict, repair: bool) -> dict:
        stale, extra = check_references(self.store, repair=repair)
        result["references_stale"], result["references_extra"] = stale, extra
        if repair and (stale or extra):
            result["repaired"] = True
        return result

    def _sync_index(self, repair: bool = True, report_only: bool = False) -> dict:
        store_hashes = self.store.hashes()
        path = iw.index_path(self.root)
        if not self.has_index():
            result = {"missing": sorted(store_hashes), "stale": [], "extra": [], "repaired": False}
            if store_hashes and not report_only:
                iw.rebuild_aside(self.root, self.store.iter_documents(), len(store_hashes),
                                 store_path=self.store.path, ids=sorted(store_hashes))
                result["repaired"] = True
            return result
        ix = iw.open_or_create(path)
        indexed = iw.indexed_hashes(ix)
        missing = sorted(set(store_hashes) - set(indexed))
        extra = sorted(set(indexed) - set(store_hashes))
        stale = sorted(i for i in set(store_hashes) & set(indexed) if store_hashes[i] != indexed[i])
        result = {"missing": missing, "stale": stale, "extra": extra, "repaired": False}
        if (missing or stale or extra) and not report_only:
            w = iw.new_writer(ix)
            try:
                for doc_id in extra:
                    w.delete_by_term("id", doc_id)
                docs: list[StoredDocument] = list(self.store.iter_documents(missing + stale))
                iw.write_documents(w, docs, update=True)
                w.commit()
            except BaseException:
                w.cancel()
                raise
            result["repaired"] = True
        return result

    def backup(self, dest: str | Path, *, force: bool = False) -> Path:
        """A checked copy of the store (the source of truth) at `dest`; see kb.backup.write_backup.
        Raises ValueError if `dest` exists (unless `force`), BackupFailed if the copy fails its check."""
        from kb.backup import write_backup

        return write_backup(self.store.path, dest, force=force)

    def restore(self, src: str | Path) -> int:
        """Replace the store and index by those of a backup, checked in full first; the previous store
        is kept under <index>/restore-backups/ (`self.last_restore` says where). See
        kb.backup.restore_store for the order of steps. Raises ValueError (Vietnamese message) for an
        invalid backup (nothing changed), RestoreFailed if it failed on the way (rolled back)."""
        from kb.backup import check_source, restore_store

        source = check_source(src)
        with self._write_lock():
            outcome = restore_store(self, source)
            ensure_references(self.store)  # a backup of an older layout: fill its citation table
        self.last_restore = outcome
        return outcome.documents
