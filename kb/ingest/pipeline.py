"""The ingest pipeline: files -> records -> normalised (here) -> in worker processes: extraction +
segmentation -> store (committed batch by batch) -> index segments (committed by the caller).

Unchanged documents (same id, same content hash) are skipped before any heavy work; a document
whose content was segmented before reuses that segmentation.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.errors import IngestWorkerError, as_storage_error, reraise
from kb.ingest.prepare import normalise, prepare
from kb.ingest.readers import reader_for, supported_extensions
from kb.ingest.readers.base import Rejection
from kb.models import IngestItem, IngestReport, RawDocument
from kb.procs import ParentWatch, stop_processes
from kb.store import DocumentStore, StoredDocument

__all__ = ["IngestWorkerError", "InputFile", "iter_input_files", "iter_records", "run_ingest"]

Progress = Callable[[int, int | None, str], None]  # done, total (if known), current origin

@dataclass(slots=True)
class InputFile:
    origin: str
    data: bytes


def iter_input_files(paths: Iterable[str | Path], max_bytes: int | None = None) -> Iterator[InputFile | Rejection]:
    """Files named directly, and supported files found in folders (recursively, in name order)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                # A folder's README describes the folder; it is not an announcement.
                if child.name.lower().startswith("readme."):
                    continue
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    if reader_for(child.name) is not None:
                        yield from _read_file(child, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield Rejection(str(path), "Không tìm thấy tệp hoặc thư mục này.")


def _read_file(path: Path, max_bytes: int | None) -> Iterator[InputFile | Rejection]:
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            yield Rejection(str(path), f"Tệp quá lớn ({size / 1e6:.1f} MB; tối đa {max_bytes / 1e6:.0f} MB).")
            return
        yield InputFile(str(path), path.read_bytes())
    except OSError as exc:
        yield Rejection(str(path), f"Không đọc được tệp: {exc.strerror or exc}.")


def iter_records(files: Iterable[InputFile | Rejection]) -> Iterator[RawDocument | Rejection]:
    for f in files:
        if isinstance(f, Rejection):
            yield f
            continue
        read = reader_for(f.origin)
        if read is None:
            yield Rejection(
                f.origin,
                "Định dạng tệp không được hỗ trợ. Các định dạng đọc được: " + ", ".join(supported_extensions()) + ".",
            )
            continue
        try:
            yield from read(f.data, f.origin)
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
            yield Rejection(f.origin, f"Không đọc được tệp ({type(exc).__name__}: {exc}).")


# -- preparing, storing and indexing -------------------------------------------------------------
# Documents a worker prepares before it commits them to the store and adds them to its index
# segment (one SQLite transaction per batch; the report lists a document once it is committed).
WORKER_BATCH = 200
# Work handed to a worker and not yet reported back, at most. A worker writing an index segment
# stops taking tasks for seconds; its backlog must not stop the parent from feeding the other
# worker (a short queue did: both cores were busy only 97% of a 30k ingest). The size bound
# keeps a folder of very long documents from piling up in memory.
_MAX_BACKLOG_DOCS = 1000
_MAX_BACKLOG_CHARS = 40_000_000


class _Sink:
    """Prepares documents, commits them to the store in batches and adds them to an index writer.

    Runs in each worker process (with its own store connection and its own segment writer) or, with
    one worker, in the calling process with the caller's writer.
    """

    def __init__(self, store: DocumentStore, writer, index_doc: Callable[[StoredDocument], dict]):
        self.store = store
        self.writer = writer
        self.index_doc = index_doc
        self.batch: list[StoredDocument] = []
        self.pending: list[tuple[int, IngestItem]] = []

    def handle(self, seq: int, status: str, n, joins) -> None:
        doc = prepare(n, joins)
        if isinstance(doc, Rejection):
            self.pending.append((seq, IngestItem(origin=doc.origin, status="rejected", reason=doc.reason)))
            return
        self.batch.append(doc)
        self.pending.append((seq, IngestItem(origin=doc.ann.extra.get("origin", ""), status=status,
                                             id=doc.ann.id, title=doc.ann.title)))

    def flush(self) -> list[tuple[int, IngestItem]]:
        """Commit the batch to the store (from here on the documents are safe), then index it."""
        self.store.put_many(self.batch)
        for doc in self.batch:
            self.writer.add_document(**self.index_doc(doc))
        self.batch.clear()
        done, self.pending = self.pending, []
        return done


def _worker_main(wid: int, inbox, outbox, store_path: str, index_dir: str, index_doc, watch: ParentWatch) -> None:
    """A worker process: tasks from `inbox` until None, then its index segments to `outbox`.

    It dies with the parent (see kb.procs), so it never writes after its parent is gone.
    """
    watch.attach()

    from kb.search.writer import open_worker_writer

    writer = None
    try:
        store = DocumentStore(store_path)  # this process's own connection
        writer = open_worker_writer(index_dir)
        sink = _Sink(store, writer, index_doc)
        while True:
            task = inbox.get()
            if task is None:
                break
            sink.handle(*task)
            if len(sink.batch) >= WORKER_BATCH or (sink.pending and inbox.empty()):
                outbox.put((wid, "items", sink.flush()))
        outbox.put((wid, "items", sink.flush()))
        outbox.put((wid, "done", writer.finish_segments()))
        store.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        import traceback

        if writer is not None and not writer.is_closed:
            try:
                writer.cancel()
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
        err = as_storage_error(exc, store_path)
        outbox.put((wid, "error", (err.kind if err else None, err.path if err else None,
                                   f"{type(exc).__name__}: {exc}", traceback.format_exc())))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_ingest(
    store: DocumentStore,
    records: Iterable[RawDocument | Rejection],
    writer,
    index_doc: Callable[[StoredDocument], dict],
    index_dir: Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> tuple[IngestReport, set[str], list]:
    """Ingest records: decide per record here, then prepare, store and index in worker processes.

    `writer` is the index writer of this process: it deletes the old versions of updated documents
    and, with one worker, indexes the new ones itself. With more workers each writes its own index
    segments (into `index_dir`), which are returned for the caller to commit with `writer`.
    Returns the per-input report (in input order), the ids written more than once in this run (the
    caller makes sure only the stored version stays indexed), and the workers' segments.
    """
    started = time.perf_counter()
    report = IngestReport()
    known = store.hashes()
    seen_in_run: dict[str, str] = {}
    repeated: set[str] = set()
    items: list[tuple[int, IngestItem]] = []
    done = 0

    def tasks():
        for rec in records:
            if isinstance(rec, Rejection):
                yield ("item", IngestItem(origin=rec.origin, status="rejected", reason=rec.reason))
                continue
            n = normalise(rec)
            if isinstance(n, Rejection):
                yield ("item", IngestItem(origin=n.origin, status="rejected", reason=n.reason))
                continue
            previous = seen_in_run.get(n.id, known.get(n.id))
            if previous == n.content_hash:
                yield ("item", IngestItem(origin=rec.origin, status="unchanged", id=n.id, title=n.title))
                continue
            if n.id in seen_in_run:
                repeated.add(n.id)
            status = "updated" if previous is not None else "added"
            seen_in_run[n.id] = n.content_hash
            yield ("prepare", status, n, store.segmentation_by_hash(n.content_hash))

    def record(batch: list[tuple[int, IngestItem]]) -> None:
        nonlocal done
        for _, item in batch:
            if item.status == "updated" and item.id:
                # The new version is committed to the store; drop the old one from the index.
                writer.delete_by_term("id", item.id)
            done += 1
            if progress:
                progress(done, None, item.origin)
        items.extend(batch)
        store.log([(i.origin, i.status, i.id, i.reason) for _, i in batch])

    workers = default_workers() if workers is None else workers
    try:
        segments = _run(tasks(), record, store, writer, index_doc, index_dir, workers)
    except BaseException as exc:  # noqa: BLE001 - re-raised (as StorageError when it is one)
        reraise(exc, store.path, stored=sum(1 for _, i in items if i.status in ("added", "updated")))
    items.sort(key=lambda x: x[0])
    report.items = [i for _, i in items]
    report.seconds = time.perf_counter() - started
    return report, repeated, segments


def _run(tasks, record, store, writer, index_doc, index_dir, workers) -> list:
    if workers <= 1 or index_dir is None:
        sink = _Sink(store, writer, index_doc)
        for seq, task in enumerate(tasks):
            if task[0] == "item":
                record([(seq, task[1])])
                continue
            sink.handle(seq, *task[1:])
            if len(sink.pending) >= WORKER_BATCH:
                record(sink.flush())
        record(sink.flush())
        return []
    return _run_in_workers(store, tasks, record, index_dir, index_doc, workers)


def _run_in_workers(store, tasks, record, index_dir: Path, index_doc, workers: int) -> list:
    import queue

    from kb.text.segment import _model

    _model()  # load pyvi before forking: the workers share its pages
    ctx = mp.get_context("fork")
    watch = ParentWatch()
    outbox = ctx.Queue()
    inboxes = [ctx.Queue() for _ in range(workers)]  # bounded by the backlog below
    procs = [ctx.Process(target=_worker_main,
                         args=(wid, inbox, outbox, str(store.path), str(index_dir), index_doc, watch),
                         daemon=True) for wid, inbox in enumerate(inboxes)]
    for p in procs:
        p.start()
    segments: dict[int, list] = {}  # worker -> its segments, once it is done
    sent: dict[int, tuple[int, int]] = {}  # task seq -> (worker, size), until the worker reports it
    backlog_docs = [0] * workers
    backlog_chars = [0] * workers

    def dead() -> list[int]:
        return [wid for wid, p in enumerate(procs) if wid not in segments and not p.is_alive()]

    def receive(wait: bool) -> bool:
        """Handle one message from the workers; False when there was none (waiting up to 0.5 s)."""
        try:
            wid, kind, payload = outbox.get(timeout=0.5) if wait else outbox.get_nowait()
        except queue.Empty:
            gone = dead() if wait else []
            if gone and outbox.empty():
                codes = ", ".join(str(procs[w].exitcode) for w in gone)
                raise IngestWorkerError(
                    f"Một tiến trình xử lý văn bản đã dừng bất thường (mã thoát {codes})."
                ) from None
            return False
        if kind == "items":
            for seq, _ in payload:
                got = sent.pop(seq, None)
                if got is not None:
                    backlog_docs[got[0]] -= 1
                    backlog_chars[got[0]] -= got[1]
            record(payload)
        elif kind == "done":
            segments[wid] = payload
        else:
            err_kind, path, detail, trace = payload
            if err_kind is not None:
                from kb.errors import StorageError

                raise StorageError(err_kind, path, detail)
            raise IngestWorkerError(f"Một tiến trình xử lý văn bản gặp lỗi: {detail}\n{trace}")
        return True

    try:
        for seq, task in enumerate(tasks):
            if task[0] == "item":
                record([(seq, task[1])])
                continue
            n = task[2]
            # One id always goes to the same worker: two versions in one run are stored in order.
            wid = zlib.crc32(n.id.encode("utf-8")) % workers
            size = len(n.title) + len(n.text)
            while backlog_docs[wid] and (backlog_docs[wid] >= _MAX_BACKLOG_DOCS
                                         or backlog_chars[wid] + size > _MAX_BACKLOG_CHARS):
                receive(wait=True)
            if wid in dead():
                receive(wait=True)  # raises: the worker this task belongs to is gone
            inboxes[wid].put((seq, *task[1:]))
            sent[seq] = (wid, size)
            backlog_docs[wid] += 1
            backlog_chars[wid] += size
            while receive(wait=False):
                pass
        for inbox in inboxes:
            inbox.put(None)
        while len(segments) < workers:
            receive(wait=True)
        for p in procs:
            p.join()
        return [seg for wid in sorted(segments) for seg in segments[wid]]
    except BaseException:
        # Nobody will read what is still buffered for the workers: do not wait for it at exit.
        for q in (*inboxes, outbox):
            q.cancel_join_thread()
        stop_processes(procs)
        raise
    finally:
        for q in (*inboxes, outbox):
            q.close()
        watch.close()
