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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.models import Announcement, DocumentReference

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
CREATE TABLE IF NOT EXISTS doc_refs (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    own INTEGER NOT NULL,
    key TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    doc_type TEXT,
    year INTEGER,
    issuer TEXT,
    place TEXT,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS doc_refs_key ON doc_refs(key, own);
"""


# The layout of the tables above; a store written by another layout is refused, not guessed at.
STORE_SCHEMA_VERSION = 2
# Tables an older layout lacks: created on open, filled by KnowledgeBase (doc_refs: version 2, the
# document numbers each document has and cites, kb.extract.references).
TABLES_SINCE = {"doc_refs": 2}
REFERENCES_KEY = "references"  # meta: the rules (REFERENCES_VERSION) doc_refs was filled with
_REF_COLUMNS = ("own", "key", "doc_number", "doc_type", "year", "issuer", "place")


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
    # Own number and cited numbers (kb.extract.references); None leaves the stored ones as they are.
    references: list[DocumentReference] | None = None


def _reference(row) -> DocumentReference:
    own, key, number, doc_type, year, issuer, place = row
    return DocumentReference(own=bool(own), key=key, doc_number=number, doc_type=doc_type, year=year,
                             issuer=issuer, place=place)


def _write_references(conn: sqlite3.Connection, docs: list[tuple[str, list[DocumentReference]]],
                      replace: bool = True) -> None:
    """Store each document's references in place of those it had (inside the caller's transaction). An
    id given twice (the same document twice in one batch) keeps its last references, as its row does."""
    latest = dict(docs)
    if replace:
        conn.executemany("DELETE FROM doc_refs WHERE doc_id=?", [(doc_id,) for doc_id in latest])
    conn.executemany(
        f"INSERT INTO doc_refs(doc_id, seq, {', '.join(_REF_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?,?)",
        [(doc_id, seq, int(r.own), r.key, r.doc_number, r.doc_type, r.year, r.issuer, r.place)
         for doc_id, refs in latest.items() for seq, r in enumerate(refs)])


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

    def iter_fields(self, fields: tuple[str, ...]) -> Iterator[tuple]:
        """(id, *values) of every document for the given top-level Announcement fields, read by
        SQLite's JSON functions: the text is never parsed in Python. Lists and objects come back as
        JSON text."""
        cols = ", ".join(f"json_extract(doc, '$.{f}')" for f in fields if f.isidentifier())
        yield from self._conn().execute(f"SELECT id, {cols} FROM documents ORDER BY id")

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

    def update_metadata(self, rows: list[tuple[Announcement, list[str], list[DocumentReference]]]) -> int:
        """Replace the metadata (announcement, cited numbers, references) of stored documents whose
        content is unchanged, keeping their segmentation, in one transaction; a document changed or
        deleted meanwhile is left alone. Returns how many were replaced."""
        if not rows:
            return 0
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = []
            for ann, numbers, refs in rows:
                cur = conn.execute(
                    "UPDATE documents SET doc=?, numbers=?, updated_at=? WHERE id=? AND content_hash=?",
                    (ann.model_dump_json(), json.dumps(numbers, ensure_ascii=False), _now(), ann.id,
                     ann.content_hash))
                if cur.rowcount:
                    done.append((ann.id, refs))
            _write_references(conn, done)
            if done:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_change', ?)", (_now(),))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return len(done)

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
            _write_references(conn, [(d.ann.id, d.references) for d in docs if d.references is not None])
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
            conn.execute("DELETE FROM doc_refs WHERE doc_id=?", (doc_id,))
            if cur.rowcount:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_change', ?)", (_now(),))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return cur.rowcount > 0

    # -- document references (citations) ---------------------------------------------------------------
    def has_references_table(self) -> bool:
        """False for a store of an older layout opened read-only (nothing could create the table)."""
        row = self._conn().execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='doc_refs'").fetchone()
        return row is not None

    def references(self, doc_id: str) -> list[DocumentReference]:
        """A document's own number (own=True) and the numbers it cites, in the order they were stored."""
        rows = self._conn().execute(
            f"SELECT {', '.join(_REF_COLUMNS)} FROM doc_refs WHERE doc_id=? ORDER BY seq", (doc_id,))
        return [_reference(r) for r in rows]

    def references_by_key(self, key: str, own: bool) -> list[tuple[str, DocumentReference]]:
        """(document id, reference) of every document that has (own) or cites (not own) a number key."""
        rows = self._conn().execute(
            f"SELECT doc_id, {', '.join(_REF_COLUMNS)} FROM doc_refs WHERE key=? AND own=? ORDER BY doc_id, seq",
            (key, int(own)))
        return [(r[0], _reference(r[1:])) for r in rows]

    def numbers_containing(self, fragment: str) -> list[tuple[str, list[str]]]:
        """(id, numbers) of the documents whose text holds a document number containing `fragment`."""
        rows = self._conn().execute("SELECT id, numbers FROM documents WHERE numbers LIKE ?", (f"%{fragment}%",))
        return [(doc_id, json.loads(numbers)) for doc_id, numbers in rows]

    def rebuild_references(self, make: Callable[[Announcement], list[DocumentReference]], version: str) -> int:
        """Fill doc_refs again from every stored document with `make` (what ingest stores) and record
        `version` and the current layout, in one transaction: a store of an older layout or older rules
        is brought up to date, and an ingest running meanwhile waits for it. Returns the documents read."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM doc_refs")
            n, last = 0, ""
            while True:
                rows = conn.execute("SELECT id, doc FROM documents WHERE id > ? ORDER BY id LIMIT 500",
                                    (last,)).fetchall()
                if not rows:
                    break
                _write_references(conn, [(doc_id, make(Announcement.model_validate_json(doc)))
                                         for doc_id, doc in rows], replace=False)
                n += len(rows)
                last = rows[-1][0]
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (REFERENCES_KEY, version))
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('store_schema', ?)",
                         (str(STORE_SCHEMA_VERSION),))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return n

    def iter_announcements(self, batch: int = 500) -> Iterator[Announcement]:
        """Every stored announcement, in id order (no segmentation data)."""
        last = ""
        while True:
            rows = self._conn().execute(
                "SELECT id, doc FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for _, doc in rows:
                yield Announcement.model_validate_json(doc)
            last = rows[-1][0]

    def reference_orphans(self) -> list[str]:
        """Ids that hold rows in doc_refs but are not stored documents (a deletion that half happened)."""
        rows = self._conn().execute(
            "SELECT DISTINCT doc_id FROM doc_refs WHERE doc_id NOT IN (SELECT id FROM documents) ORDER BY doc_id")
        return [r[0] for r in rows]

    def replace_references(self, docs: list[tuple[str, list[DocumentReference]]], drop: list[str]) -> None:
        """Give documents their references anew and drop the rows of `drop` ids, in one transaction."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            _write_references(conn, docs)
            conn.executemany("DELETE FROM doc_refs WHERE doc_id=?", [(doc_id,) for doc_id in drop])
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

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
