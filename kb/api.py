"""The one Python API that the CLI, the Streamlit app and scripts call.

    kb = KnowledgeBase(index_dir)                 # store + index under index_dir
    kb.search(SearchRequest) -> SearchResponse    # never raises on a user query string
    kb.get(doc_id) -> Announcement | None
    kb.highlight_document(doc_id, query) -> str   # full text as escaped HTML, <mark> on matches
    kb.related(doc_id, limit=5) -> list[SearchHit]
    kb.export(SearchRequest) -> list[Announcement]  # ALL matches of a search, in its order
    kb.facet_values(field) -> list[FacetValue]    # over the whole collection
    kb.stats() -> dict
    kb.ingest_paths(paths) / kb.ingest_bytes(name, data) -> IngestReport
    kb.delete(doc_id) -> bool ; kb.reindex() -> int ; kb.verify(repair) -> dict
"""

from __future__ import annotations

import fcntl
import html
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.config import Settings
from kb.ingest.pipeline import InputFile, iter_input_files, iter_records, run_ingest
from kb.models import Announcement, FacetValue, IngestReport, SearchHit, SearchRequest, SearchResponse
from kb.search import writer as iw
from kb.search.engine import SearchEngine
from kb.search.highlight import highlight_all
from kb.store import DocumentStore, StoredDocument
from kb.text.segment import apply_joins

STORE_NAME = "store.sqlite3"
LOCK_NAME = "write.lock"


class WriterBusy(RuntimeError):
    """Another process is writing to this knowledge base."""


class KnowledgeBase:
    def __init__(self, index_dir: str | Path | None = None, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.root = Path(index_dir) if index_dir is not None else self.settings.index_dir
        self.root.mkdir(parents=True, exist_ok=True)
        self.store = DocumentStore(self.root / STORE_NAME)
        self.engine = SearchEngine(iw.index_path(self.root), self.store)

    # -- reading ----------------------------------------------------------------------------------
    def has_index(self) -> bool:
        return self.engine.exists()

    def search(self, req: SearchRequest | str) -> SearchResponse:
        if isinstance(req, str):
            req = SearchRequest(query=req)
        return self.engine.search(req)

    def get(self, doc_id: str) -> Announcement | None:
        return self.store.get(doc_id)

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
        ids = self.engine.ranked_ids(req)
        docs = self.store.get_many(ids)
        return [docs[i] for i in ids if i in docs]

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
        }

    # -- writing ----------------------------------------------------------------------------------
    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        path = self.root / LOCK_NAME
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WriterBusy(
                    "Một tiến trình khác đang ghi vào kho dữ liệu (nạp hoặc lập chỉ mục lại). "
                    "Hãy đợi tiến trình đó xong rồi thử lại."
                ) from None
            yield
        finally:
            os.close(fd)

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
            except BaseException:
                writer.cancel()
                raise
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

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the index from the store (no file reading, no segmentation), then switch."""
        with self._write_lock():
            total = self.store.count()
            return iw.rebuild_aside(self.root, self.store.iter_documents(), total, progress,
                                    store_path=self.store.path, ids=self.store.ids())

    def verify(self, repair: bool = False) -> dict:
        """Compare store and index; with repair, index what is missing or stale, drop what is extra."""
        with self._write_lock():
            return self._sync_index(repair=repair, report_only=not repair)

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

    def backup(self, dest: str | Path) -> Path:
        """A consistent copy of the store (the source of truth) at `dest`."""
        import sqlite3

        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(self.store.path)
        out = sqlite3.connect(dest)
        with out:
            src.backup(out)
        src.close()
        out.close()
        return dest

    def restore(self, src: str | Path) -> int:
        """Replace the store by a backup, then rebuild the index from it."""
        import sqlite3

        src = Path(src)
        check = sqlite3.connect(src)
        try:
            n = check.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"Tệp sao lưu không hợp lệ: {exc}") from exc
        finally:
            check.close()
        with self._write_lock():
            self.store.close()
            tmp = self.root / (STORE_NAME + ".restoring")
            shutil.copyfile(src, tmp)
            for suffix in ("-wal", "-shm"):
                Path(str(self.store.path) + suffix).unlink(missing_ok=True)
            os.replace(tmp, self.store.path)
            self.store = DocumentStore(self.root / STORE_NAME)
            self.engine.store = self.store
            iw.rebuild_aside(self.root, self.store.iter_documents(), n,
                             store_path=self.store.path, ids=self.store.ids())
        return n
