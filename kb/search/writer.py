"""Writing the Whoosh index: open or create it, add/update/delete documents, rebuild it aside and
switch it in. The index is derived from the store, never the other way round."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as windex
from whoosh.writing import SegmentWriter

from kb.search import derived
from kb.search.schema import SCHEMA_VERSION, build_schema, to_index_fields
from kb.search.whoosh_compat import FastSegmentWriter, worker_writer
from kb.store import StoredDocument
from kb.text.segment import apply_joins

INDEX_DIRNAME = "whoosh"
INDEX_NAME = "kb"


def index_path(root: Path) -> Path:
    """The live index: a symlink to one generation directory, switched atomically on rebuild."""
    return root / INDEX_DIRNAME


def _new_generation_dir(root: Path) -> Path:
    path = root / f"{INDEX_DIRNAME}-{time.time_ns()}"
    path.mkdir(parents=True)
    ix = windex.create_in(str(path), build_schema(), indexname=INDEX_NAME)
    ix.close()
    (path / "kb-schema.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    return path


def point_live_at(root: Path, target: Path) -> None:
    """Atomically make the live symlink point at `target` (rename over the old link)."""
    live = index_path(root)
    if live.is_dir() and not live.is_symlink():
        # An index copied without its link (or an older layout): make it a generation first.
        live.rename(root / f"{INDEX_DIRNAME}-{time.time_ns()}")
    tmp = root / f".{INDEX_DIRNAME}.link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target.name)
    os.replace(tmp, index_path(root))


def live_generation(root: Path) -> str | None:
    """The name of the generation directory the live link points at (None: no link yet)."""
    live = index_path(root)
    return live.resolve().name if live.is_symlink() else None


def live_schema_version(root: Path) -> int | None:
    """The schema version the live index generation was built with (None: not recorded)."""
    try:
        return int(json.loads((index_path(root) / "kb-schema.json").read_text())["schema_version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_unused_generations(root: Path, keep: str | None = None) -> None:
    """Delete generation directories the live link does not point at (left by a rebuild or a crash),
    except `keep` (the generation a rebuild just replaced: searches still running on it finish).
    Call only while holding the writer lock."""
    current = live_generation(root)
    for p in root.glob(f"{INDEX_DIRNAME}-*"):
        if p.is_dir() and p.name not in (current, keep):
            shutil.rmtree(p, ignore_errors=True)


def open_or_create(path: Path):
    if not path.exists():
        point_live_at(path.parent, _new_generation_dir(path.parent))
    return windex.open_dir(str(path), indexname=INDEX_NAME)


def index_fields(doc: StoredDocument) -> dict:
    ann = doc.ann
    seg_title = apply_joins(ann.title, doc.title_joins)
    seg_text = apply_joins(ann.text, doc.text_joins)
    return to_index_fields(ann, seg_title, seg_text, doc.numbers)


def open_worker_writer(index_dir: str | Path) -> FastSegmentWriter:
    """In an ingest worker: a segment writer on the index at `index_dir` (its parent commits)."""
    return worker_writer(windex.open_dir(str(index_dir), indexname=INDEX_NAME))


class IndexWriter(FastSegmentWriter):
    """FastSegmentWriter whose commits also write what searches derive from the new index version
    (kb.search.derived: facet columns, lengths, vocabulary), so that the first search after a write,
    in any process, reads them instead of building them. Only new segments are read for it."""

    def commit(self, mergetype=None, optimize=None, merge=None):
        super().commit(mergetype=mergetype, optimize=optimize, merge=merge)
        try:
            derived.prepare(Path(self.storage.folder), INDEX_NAME)
        except Exception:  # noqa: BLE001 - derived files are a cache: a search builds what is missing
            pass


def new_writer(ix) -> SegmentWriter:
    # compound=False: separate files read through the OS cache; a compound segment is mmapped and
    # every page a reader touches counts in the process (hundreds of MB per open reader at 30k).
    # IndexWriter: Whoosh's SegmentWriter with in-memory postings (kb.search.whoosh_compat), which
    # also writes the new version's derived files.
    return IndexWriter(ix, compound=False)


def write_documents(writer, docs: Iterable[StoredDocument], *, update: bool) -> int:
    n = 0
    for doc in docs:
        fields = index_fields(doc)
        if update:
            writer.update_document(**fields)
        else:
            writer.add_document(**fields)
        n += 1
    return n


def indexed_hashes(ix) -> dict[str, str]:
    """id -> content hash of every live document in the index."""
    with ix.searcher() as s:
        return {f["id"]: f.get("content_hash", "") for f in s.reader().all_stored_fields()}


def rebuild_aside(
    root: Path, docs: Iterable[StoredDocument], total: int, progress: Callable[[int, int], None] | None = None,
    *, store_path: Path | None = None, ids: list[str] | None = None, workers: int | None = None,
) -> int:
    """Build a complete new index in a new generation directory, then switch the live link to it.

    The live index keeps answering until the switch, which is one atomic rename; a crash before it
    leaves the old index in place (the half-built directory is removed by the next writer).

    With `store_path` and `ids` (a large rebuild from the store), the ids are split between worker
    processes, each reading its share from the store and writing its own segments into the new
    directory; the parent then commits all of them at once.
    """
    fresh = _new_generation_dir(root)
    ix = windex.open_dir(str(fresh), indexname=INDEX_NAME)
    procs = workers if workers is not None else (os.cpu_count() or 1)
    n = 0
    try:
        if store_path is not None and ids is not None and procs > 1 and len(ids) >= PARALLEL_REBUILD_MIN:
            n = _rebuild_parallel(ix, fresh, store_path, ids, procs, progress)
        else:
            writer = new_writer(ix)
            try:
                for doc in docs:
                    writer.add_document(**index_fields(doc))
                    n += 1
                    if progress and n % 200 == 0:
                        progress(n, total)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    previous = live_generation(root)
    point_live_at(root, fresh)
    # The replaced generation goes at the next write, once searches have moved to the new one.
    remove_unused_generations(root, keep=previous)
    if progress:
        progress(n, total)
    return n


# Below this many documents a rebuild runs in this process (starting workers costs ~1 s).
PARALLEL_REBUILD_MIN = 2000


_progress_counter = None  # set in the parent before forking: documents indexed by all workers


def _rebuild_part(args) -> tuple[list, int]:
    """In a worker: index one share of the store's documents; return the segments written."""
    from kb.store import DocumentStore

    gen_dir, store_path, ids = args
    store = DocumentStore(store_path)  # a connection of this process's own
    ix = windex.open_dir(gen_dir, indexname=INDEX_NAME)
    writer = worker_writer(ix)
    n = 0
    try:
        for doc in store.iter_documents(ids):
            writer.add_document(**index_fields(doc))
            n += 1
            if n % 200 == 0 and _progress_counter is not None:
                with _progress_counter.get_lock():
                    _progress_counter.value += 200
        return writer.finish_segments(), n
    except BaseException:
        writer.cancel()
        raise
    finally:
        store.close()


def _rebuild_parallel(ix, fresh: Path, store_path: Path, ids: list[str], procs: int,
                      progress: Callable[[int, int], None] | None) -> int:
    """One contiguous share of the ids per worker: each share becomes one or a few segments."""
    import multiprocessing as mp

    from kb.procs import ParentWatch

    global _progress_counter
    ctx = mp.get_context("fork")
    _progress_counter = ctx.Value("l", 0)
    size = -(-len(ids) // procs)
    tasks = [(str(fresh), str(store_path), ids[i : i + size]) for i in range(0, len(ids), size)]
    watch = ParentWatch()  # the pool's workers die with this process, whatever kills it
    try:
        with ctx.Pool(len(tasks), initializer=watch.attach) as pool:
            pending = pool.map_async(_rebuild_part, tasks)
            while not pending.ready():
                pending.wait(1.0)
                if progress:
                    progress(min(_progress_counter.value, len(ids)), len(ids))
            results = pending.get()
    finally:
        _progress_counter = None
        watch.close()
    segments = [seg for part, _ in results for seg in part]
    writer = new_writer(ix)
    writer.commit_segments(segments)
    return sum(count for _, count in results)


def dir_size(path: Path) -> int:
    path = path.resolve()
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0
