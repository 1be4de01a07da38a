"""Writing the Whoosh index: open or create it, add/update/delete documents, rebuild it aside and
switch it in. The index is derived from the store, never the other way round."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as windex
from whoosh.writing import SegmentWriter

from kb.search.schema import SCHEMA_VERSION, build_schema, to_index_fields
from kb.store import StoredDocument
from kb.text.segment import apply_joins

INDEX_DIRNAME = "whoosh"
INDEX_NAME = "kb"
# limitmb is per writer; measured on the 30k corpus: larger pools reduce merge passes.
WRITER_LIMITMB = 256


def index_path(root: Path) -> Path:
    return root / INDEX_DIRNAME


def open_or_create(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    if windex.exists_in(str(path), indexname=INDEX_NAME):
        return windex.open_dir(str(path), indexname=INDEX_NAME)
    ix = windex.create_in(str(path), build_schema(), indexname=INDEX_NAME)
    (path / "kb-schema.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    return ix


def schema_is_current(path: Path) -> bool:
    try:
        meta = json.loads((path / "kb-schema.json").read_text())
    except (OSError, ValueError):
        return False
    return meta.get("schema_version") == SCHEMA_VERSION


def index_fields(doc: StoredDocument) -> dict:
    ann = doc.ann
    seg_title = apply_joins(ann.title, doc.title_joins)
    seg_text = apply_joins(ann.text, doc.text_joins)
    return to_index_fields(ann, seg_title, seg_text, doc.numbers)


def new_writer(ix) -> SegmentWriter:
    return ix.writer(limitmb=WRITER_LIMITMB)


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
    root: Path, docs: Iterable[StoredDocument], total: int, progress: Callable[[int, int], None] | None = None
) -> int:
    """Build a complete new index next to the live one, then switch it in.

    The live index keeps answering until the switch; a crash before it leaves the old index intact
    (the half-built one is removed on the next rebuild).
    """
    live = index_path(root)
    fresh = root / (INDEX_DIRNAME + ".new")
    old = root / (INDEX_DIRNAME + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    ix = open_or_create(fresh)
    writer = new_writer(ix)
    n = 0
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
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    if progress:
        progress(n, total)
    return n


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0
