"""Segment the stored documents again (after a pyvi or segmentation-rule change), in parallel.

The store keeps each document's word segmentation so that a re-index never runs pyvi; this is the
one path that replaces it, from the stored text, and is followed by an index rebuild.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from pathlib import Path

from kb.procs import ParentWatch
from kb.store import DocumentStore
from kb.text.segment import _model, word_joins

CHUNK = 200  # documents a worker segments and commits at a time
PARALLEL_MIN = 1000  # below this, starting processes costs more than it saves

_worker_store: DocumentStore | None = None


def _segment_chunk(store: DocumentStore, ids: list[str]) -> int:
    rows = [(doc_id, word_joins(title), word_joins(text)) for doc_id, title, text in store.iter_texts(ids)]
    store.update_joins(rows)
    return len(rows)


def _init_worker(watch: ParentWatch, store_path: str) -> None:
    global _worker_store
    watch.attach()
    _worker_store = DocumentStore(store_path)


def _work(ids: list[str]) -> int:
    assert _worker_store is not None
    return _segment_chunk(_worker_store, ids)


def resegment_store(store: DocumentStore, progress: Callable[[int, int], None] | None = None,
                    workers: int | None = None) -> int:
    """Replace the segmentation of every stored document; returns how many were segmented."""
    from kb.ingest.pipeline import default_workers

    ids = store.ids()
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    procs = min(default_workers() if workers is None else workers, len(chunks))
    done = 0
    if procs <= 1 or len(ids) < PARALLEL_MIN:
        for chunk in chunks:
            done += _segment_chunk(store, chunk)
            if progress:
                progress(done, len(ids))
        return done
    _model()  # load the model before forking: the workers share its pages
    watch = ParentWatch()
    try:
        with mp.get_context("fork").Pool(procs, initializer=_init_worker, initargs=(watch, str(Path(store.path)))) as pool:
            for n in pool.imap_unordered(_work, chunks):
                done += n
                if progress:
                    progress(done, len(ids))
    finally:
        watch.close()
    return done
