"""The ingest pipeline: files -> records -> normalised -> (parallel) extraction + segmentation ->
store (committed batch by batch) -> index.

Unchanged documents (same id, same content hash) are skipped before any heavy work; a document
whose content was segmented before reuses that segmentation.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.ingest.prepare import normalise, prepare
from kb.ingest.readers import reader_for, supported_extensions
from kb.ingest.readers.base import Rejection
from kb.models import IngestItem, IngestReport, RawDocument
from kb.store import DocumentStore, StoredDocument

Progress = Callable[[int, int | None, str], None]  # done, total (if known), current origin

BATCH = 400


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


def _prepare_task(task):
    """Runs in a worker: ("prepare", normalised, cached joins) -> StoredDocument | Rejection;
    anything else (a decision already made in the parent) passes through unchanged."""
    if task[0] == "prepare":
        return task[0], task[1], prepare(task[2], task[3])
    return task


class _Pool:
    """Worker processes for the CPU-heavy part; pyvi is loaded before forking so children share it."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def imap(self, tasks: Iterable):
        if self.workers <= 1:
            return map(_prepare_task, tasks)
        from kb.text.segment import _model

        _model()
        self.pool = mp.get_context("fork").Pool(self.workers)
        # imap's feeder thread keeps the workers busy while this process stores and indexes.
        return self.pool.imap(_prepare_task, tasks, chunksize=2)

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_ingest(
    store: DocumentStore,
    records: Iterable[RawDocument | Rejection],
    on_batch: Callable[[list[StoredDocument]], None],
    progress: Progress | None = None,
    workers: int | None = None,
) -> tuple[IngestReport, set[str]]:
    """Ingest records: decide per record, prepare in parallel, commit each batch to the store, then
    hand it to `on_batch` (the indexer). Returns the per-input report and the ids that were written
    more than once in this run (the indexer must make sure only the last version stays)."""
    started = time.perf_counter()
    report = IngestReport()
    known = store.hashes()
    seen_in_run: dict[str, str] = {}
    repeated: set[str] = set()

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

    pool = _Pool(default_workers() if workers is None else workers)
    batch: list[StoredDocument] = []
    batch_items: list[IngestItem] = []
    done = 0

    def flush() -> None:
        store.put_many(batch)  # committed: from here on the documents are safe
        on_batch(batch)
        report.items.extend(batch_items)
        store.log([(i.origin, i.status, i.id, i.reason) for i in batch_items])
        batch.clear()
        batch_items.clear()

    try:
        for result in pool.imap(tasks()):
            done += 1
            if result[0] == "item":
                batch_items.append(result[1])
            else:
                _, status, doc = result
                if isinstance(doc, Rejection):
                    batch_items.append(IngestItem(origin=doc.origin, status="rejected", reason=doc.reason))
                else:
                    batch.append(doc)
                    batch_items.append(IngestItem(origin=doc.ann.extra.get("origin", ""), status=status,
                                                  id=doc.ann.id, title=doc.ann.title))
            if progress:
                progress(done, None, batch_items[-1].origin if batch_items else "")
            if len(batch) >= BATCH or len(batch_items) >= 4 * BATCH:
                flush()
        flush()
    finally:
        pool.close()
    report.seconds = time.perf_counter() - started
    return report, repeated
