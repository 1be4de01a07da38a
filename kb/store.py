"""The document store: SQLite, the source of truth. The index is derived from it and can be rebuilt.

Each row keeps the validated Announcement as JSON, its content hash, and the word segmentation of
title and text (as offsets of the joining spaces) so a re-index never runs pyvi again.
"""

from __future__ import annotations

import array
import datetime as dt
import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.models import Announcement

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    doc TEXT NOT NULL,
    title_joins BLOB,
    text_joins BLOB,
    numbers TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingest_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    doc_id TEXT,
    reason TEXT
);
"""


# The layout of the tables above; a store written by another layout is refused, not guessed at.
STORE_SCHEMA_VERSION = 1


def pack_joins(joins: list[int]) -> bytes:
    return zlib.compress(array.array("I", joins).tobytes())


def unpack_joins(blob: bytes | None) -> list[int]:
    if not blob:
        return []
    a = array.array("I")
    a.frombytes(zlib.decompress(blob))
    return a.tolist()


@dataclass(slots=True)
class StoredDocument:
    """A store row: the announcement plus what the indexer needs."""

    ann: Announcement
    title_joins: list[int]
    text_joins: list[int]
    numbers: list[str]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _writable(path: Path) -> bool:
    """Whether this process can write the store at `path` (and the files SQLite keeps beside it)."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (a failed COMMIT on a full disk has)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the error that brought us here is the one to report


class DocumentStore:
    """`readonly`: open without writing anything (no schema, no WAL writes), for an index on
    read-only media or without write permission; the default is to detect it."""

    def __init__(self, path: Path | str, readonly: bool | None = None):
        self.path = Path(path)
        self._local = threading.local()
        self.readonly = not _writable(self.path) if readonly is None else readonly
        self._immutable = False
        if self.readonly:
            if not self.path.exists():
                from kb.errors import StorageError

                raise StorageError("readonly", self.path.parent, "chưa có kho dữ liệu và thư mục không ghi được")
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as c:
            c.executescript(_SCHEMA)
            c.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('store_schema', ?)", (str(STORE_SCHEMA_VERSION),))

    def _connect_readonly(self) -> sqlite3.Connection:
        from urllib.parse import quote

        base = "file:" + quote(str(self.path.resolve()))
        if not self._immutable:
            conn = sqlite3.connect(base + "?mode=ro", uri=True, timeout=30, isolation_level=None)
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:
                # A WAL database whose -shm/-wal files cannot be created here (read-only media):
                # nothing else can be writing to it either, so read it as an immutable file.
                conn.close()
                self._immutable = True
        return sqlite3.connect(base + "?immutable=1", uri=True, timeout=30, isolation_level=None)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.readonly:
                conn = self._connect_readonly()
            else:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- reading ---------------------------------------------------------------------------------
    def count(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def ids(self) -> list[str]:
        return [r[0] for r in self._conn().execute("SELECT id FROM documents ORDER BY id")]

    def hashes(self) -> dict[str, str]:
        return dict(self._conn().execute("SELECT id, content_hash FROM documents"))

    def get(self, doc_id: str) -> Announcement | None:
        row = self._conn().execute("SELECT doc FROM documents WHERE id=?", (doc_id,)).fetchone()
        return Announcement.model_validate_json(row[0]) if row else None

    def get_many(self, ids: list[str]) -> dict[str, Announcement]:
        out: dict[str, Announcement] = {}
        conn = self._conn()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, doc in conn.execute(f"SELECT id, doc FROM documents WHERE id IN ({marks})", chunk):
                out[doc_id] = Announcement.model_validate_json(doc)
        return out

    def segmentation_by_hash(self, content_hash: str) -> tuple[list[int], list[int]] | None:
        """Segmentation cache: a document with the same content was segmented before."""
        row = (
            self._conn()
            .execute(
                "SELECT title_joins, text_joins FROM documents WHERE content_hash=? LIMIT 1", (content_hash,)
            )
            .fetchone()
        )
        return (unpack_joins(row[0]), unpack_joins(row[1])) if row else None

    def iter_documents(self, ids: Iterable[str] | None = None, batch: int = 500) -> Iterator[StoredDocument]:
        conn = self._conn()
        cols = "doc, title_joins, text_joins, numbers"
        if ids is None:
            last = ""
            while True:
                rows = conn.execute(
                    f"SELECT id, {cols} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield self._row(row[1:])
                last = rows[-1][0]
        else:
            id_list = list(ids)
            for i in range(0, len(id_list), batch):
                chunk = id_list[i : i + batch]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(f"SELECT {cols} FROM documents WHERE id IN ({marks})", chunk):
                    yield self._row(row)

    @staticmethod
    def _row(row) -> StoredDocument:
        doc, tj, xj, numbers = row
        return StoredDocument(
            Announcement.model_validate_json(doc), unpack_joins(tj), unpack_joins(xj), json.loads(numbers)
        )

    def last_change(self) -> str | None:
        return self.get_meta("last_change")

    def get_meta(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._conn().execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def update_joins(self, rows: list[tuple[str, list[int], list[int]]]) -> None:
        """Replace the stored segmentation (title joins, text joins) of existing documents, in one
        transaction."""
        if not rows:
            return
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("UPDATE documents SET title_joins=?, text_joins=? WHERE id=?",
                             [(pack_joins(t), pack_joins(x), doc_id) for doc_id, t, x in rows])
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def iter_texts(self, ids: list[str], batch: int = 200) -> Iterator[tuple[str, str, str]]:
        """(id, title, text) of the given documents, read in batches."""
        conn = self._conn()
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            marks = ",".join("?" * len(chunk))
            for doc_id, doc in conn.execute(f"SELECT id, doc FROM documents WHERE id IN ({marks})", chunk):
                ann = json.loads(doc)
                yield doc_id, ann["title"], ann["text"]

    # -- writing ---------------------------------------------------------------------------------
    def put_many(self, docs: list[StoredDocument]) -> None:
        """Insert or replace documents in one transaction: all of them or none."""
        if not docs:
            return
        now = _now()
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO documents(id, content_hash, doc, title_joins, text_joins, numbers,"
                " updated_at) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        d.ann.id,
                        d.ann.content_hash,
                        d.ann.model_dump_json(),
                        pack_joins(d.title_joins),
                        pack_joins(d.text_joins),
                        json.dumps(d.numbers, ensure_ascii=False),
                        now,
                    )
                    for d in docs
                ],
            )
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_change', ?)", (now,))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def delete(self, doc_id: str) -> bool:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            if cur.rowcount:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_change', ?)", (_now(),))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return cur.rowcount > 0

    def log(self, entries: list[tuple[str, str, str | None, str | None]]) -> None:
        """Append (origin, status, doc_id, reason) rows to the ingest log."""
        if not entries:
            return
        now = _now()
        self._conn().executemany(
            "INSERT INTO ingest_log(at, origin, status, doc_id, reason) VALUES (?,?,?,?,?)",
            [(now, *e) for e in entries],
        )

    def read_log(self, limit: int = 10000) -> list[dict]:
        rows = self._conn().execute(
            "SELECT at, origin, status, doc_id, reason FROM ingest_log ORDER BY seq DESC LIMIT ?", (limit,)
        )
        return [dict(zip(("at", "origin", "status", "id", "reason"), r, strict=True)) for r in rows]

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                total += p.stat().st_size
        return total
