"""Backups of the store and restoring one. Every copy is checked in full before it is trusted, and a
restore replaces the live store and index only once their replacements are built and verified."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import zlib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from pydantic import ValidationError

from kb.errors import storage_kind
from kb.models import Announcement
from kb.search import writer as iw
from kb.store import _SCHEMA, STORE_SCHEMA_VERSION, TABLES_SINCE, DocumentStore, unpack_joins

if TYPE_CHECKING:
    from kb.api import KnowledgeBase

KEEP_DIRNAME = "restore-backups"  # <index>/restore-backups/<UTC time>/: the store as it was before a restore
WORK_DIRNAME = ".restore-work"  # <index>/.restore-work/: the backup being checked and indexed
NOTE_NAME = "restore.json"
SQLITE_MAGIC = b"SQLite format 3\x00"
EXAMPLES = 3  # problems quoted in a message; the count says how many there are in all


class InvalidBackup(ValueError):
    """The file is not a usable backup of the store; nothing was changed. `cause` says why."""

    def __init__(self, path: Path, cause: str):
        self.path = path
        self.cause = cause
        super().__init__(f"Tệp sao lưu {path} không dùng được: {cause}. Kho hiện tại không thay đổi.")


class RestoreFailed(RuntimeError):
    """A restore of a valid backup failed on the way (disk, index build); it was rolled back."""

    def __init__(self, message: str, storage: bool):
        self.storage = storage  # the disk refused (full, read-only, permissions), not the input
        super().__init__(message)


class BackupFailed(RuntimeError):
    """Writing or checking a backup failed; nothing was left under the requested name."""

    def __init__(self, message: str, storage: bool):
        self.storage = storage
        super().__init__(message)


@dataclass(frozen=True)
class RestoreOutcome:
    documents: int  # documents in the restored store
    previous_copy: Path  # the dated folder holding the store as it was before
    previous_documents: int | None  # None: the previous store could not be counted (damaged)


# -- checking a backup ---------------------------------------------------------------------------
def check_source(src: str | Path) -> Path:
    """`src` as a path, once it is known to be a readable SQLite file. Reads it without SQLite, so
    nothing is ever created at a path that was only to be read."""
    path = Path(src)
    if not path.exists():
        raise ValueError(f"Không tìm thấy tệp sao lưu {path}. Kho hiện tại không thay đổi.")
    if not path.is_file():
        raise ValueError(f"{path} không phải là tệp (có thể là thư mục). Kho hiện tại không thay đổi.")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except PermissionError:
        raise InvalidBackup(path, "không có quyền đọc tệp") from None
    except OSError as exc:
        raise InvalidBackup(path, f"không đọc được tệp ({exc.strerror or exc})") from exc
    if not head.startswith(SQLITE_MAGIC):
        raise InvalidBackup(path, "đây không phải tệp cơ sở dữ liệu SQLite")
    if len(head) < 100:
        raise InvalidBackup(path, "tệp bị cắt cụt (ngắn hơn phần đầu của một tệp SQLite)")
    return path


def check_backup(path: Path, shown: Path) -> int:
    """Check the SQLite file at `path` in full and return its number of documents: integrity, the
    store's schema, and every document row readable and valid. Raises InvalidBackup naming `shown`
    (the file the user gave; `path` is our copy of it). Opens `path` read-only."""
    try:
        with closing(sqlite3.connect(_readonly_uri(path), uri=True)) as conn:
            # One row per problem, or one row holding them all on separate lines (SQLite versions differ).
            report = [line for r in conn.execute("PRAGMA integrity_check(20)") for line in str(r[0]).splitlines()
                      if line.strip() and not line.startswith("***")]
            if report != ["ok"]:
                others = len(report) - EXAMPLES
                more = (f" (và {'ít nhất ' if len(report) >= 20 else ''}{others} lỗi khác)" if others > 0 else "")
                raise InvalidBackup(shown, "tệp bị hỏng — SQLite báo: " + "; ".join(report[:EXAMPLES]) + more)
            _check_schema(conn, shown)
            return _check_rows(conn, shown)
    except sqlite3.DatabaseError as exc:
        raise InvalidBackup(shown, f"tệp bị hỏng hoặc không đọc được ({exc})") from exc


def _readonly_uri(path: Path) -> str:
    return "file:" + quote(str(path.resolve())) + "?mode=ro"


def _expected_columns() -> dict[str, list[str]]:
    """Table -> column names of the store's schema, taken from kb.store itself so the two cannot drift."""
    with closing(sqlite3.connect(":memory:")) as mem:
        mem.executescript(_SCHEMA)
        tables = [r[0] for r in mem.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: [r[1] for r in mem.execute(f"PRAGMA table_info({t})")] for t in tables if not t.startswith("sqlite_")}


def _check_schema(conn: sqlite3.Connection, shown: Path) -> None:
    version = _layout_version(conn, shown)
    for table, expected in _expected_columns().items():
        found = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if not found and version < TABLES_SINCE.get(table, 0):
            continue  # a table added after the backup's layout: created and filled when it is opened
        if not found:
            raise InvalidBackup(shown, f"thiếu bảng {table} — đây không phải bản sao lưu của kho văn bản")
        missing = [c for c in expected if c not in found]
        unknown = [c for c in found if c not in expected]
        if missing or unknown:
            parts = ([f"thiếu cột {', '.join(missing)}"] if missing else []) + (
                [f"cột lạ {', '.join(unknown)}"] if unknown else []
            )
            raise InvalidBackup(shown, f"bảng {table} không đúng cấu trúc của kho ({'; '.join(parts)})")


def _layout_version(conn: sqlite3.Connection, shown: Path) -> int:
    """The layout version a store records in meta (one written before it did so has version 1). An older
    layout is accepted (it is brought up to date when opened); a newer or unknown one is refused."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
        return 1  # not a store at all: the table check says what is missing
    row = conn.execute("SELECT value FROM meta WHERE key='store_schema'").fetchone()
    if row is None:
        return 1
    if row[0] not in {str(v) for v in range(1, STORE_SCHEMA_VERSION + 1)}:
        raise InvalidBackup(shown, f"kho trong tệp có phiên bản cấu trúc {row[0]!r}, phần mềm này dùng phiên bản "
                                   f"{STORE_SCHEMA_VERSION}")
    return int(row[0])


def _check_rows(conn: sqlite3.Connection, shown: Path) -> int:
    n = 0
    bad: list[tuple[str, str]] = []
    rows = conn.execute("SELECT id, doc, title_joins, text_joins, numbers FROM documents")
    for row in rows:
        n += 1
        problem = _row_problem(*row)
        if problem:
            bad.append((str(row[0]), problem))
    if bad:
        examples = "; ".join(f"{doc_id!r}: {why}" for doc_id, why in bad[:EXAMPLES])
        raise InvalidBackup(shown, f"{len(bad)}/{n} văn bản không đọc được, ví dụ {examples}")
    return n


def _row_problem(doc_id, doc, title_joins, text_joins, numbers) -> str | None:
    """Why a documents row could not be read back by the store and indexer, or None if it can."""
    if not isinstance(doc_id, str) or not doc_id:
        return "mã văn bản trống hoặc không phải chuỗi"
    if not isinstance(doc, str | bytes):
        return "cột doc không chứa JSON"
    try:
        ann = Announcement.model_validate_json(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            return "JSON của văn bản bị hỏng"
        field = ".".join(str(p) for p in first["loc"]) or "văn bản"
        return f"JSON không đúng mẫu văn bản (trường {field}: {first['msg']})"
    if ann.id != doc_id:
        return f"mã trong JSON ({ann.id!r}) khác mã của dòng"
    for name, blob, text in (("title_joins", title_joins, ann.title), ("text_joins", text_joins, ann.text)):
        try:
            joins = unpack_joins(blob)
        except (zlib.error, ValueError, TypeError):
            return f"dữ liệu tách từ {name} không giải nén được"
        if joins and max(joins) >= len(text):
            return f"dữ liệu tách từ {name} trỏ ra ngoài văn bản"
    try:
        values = json.loads(numbers)
    except (TypeError, ValueError):
        return "cột numbers không phải JSON"
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return "cột numbers không phải danh sách chuỗi"
    return None


# -- copying --------------------------------------------------------------------------------------
def _copy_store(src: Path, out: Path) -> None:
    """A consistent single-file copy of the SQLite store at `src` (online backup: safe while others
    read or write it; what is still in its WAL file is included)."""
    with closing(sqlite3.connect(_readonly_uri(src), uri=True)) as source, closing(sqlite3.connect(out)) as dest:
        source.backup(dest)
        # The copy inherits WAL mode; a rollback-journal file is self-contained and opens read-only anywhere.
        dest.execute("PRAGMA journal_mode=DELETE")


def _as_single_file(path: Path) -> None:
    """Fold any WAL or hot journal beside `path` into it and leave it in rollback-journal mode, so
    that the file alone is the whole database (and can be renamed on its own)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cause(exc: BaseException) -> tuple[str, bool]:
    """A short Vietnamese cause for an unexpected failure, and whether it is the disk's doing."""
    kind = storage_kind(exc)
    phrase = {"full": "ổ đĩa đã đầy", "readonly": "ổ đĩa chỉ đọc", "permission": "không có quyền ghi",
              "damaged": "tệp dữ liệu bị hỏng", "io": "lỗi đọc/ghi đĩa"}.get(kind or "")
    detail = f"{type(exc).__name__}: {exc}"
    return (f"{phrase} ({detail})" if phrase else detail), kind is not None


# -- backup ---------------------------------------------------------------------------------------
def write_backup(store_path: Path, dest: str | Path, *, force: bool = False) -> Path:
    """Copy the store to `dest`: written to a temporary file beside it, checked in full (the same
    check a restore makes), then renamed into place. Never overwrites an existing file unless
    `force`; a failure leaves nothing under `dest` (or the old file there untouched)."""
    dest = Path(dest)
    if dest.is_dir():
        raise ValueError(f"{dest} là thư mục; hãy cho đường dẫn của một tệp, ví dụ {dest / 'kho.sqlite3'}.")
    if dest.exists() and dest.resolve() == store_path.resolve():
        raise ValueError(f"{dest} là chính kho đang dùng; hãy sao lưu ra một tệp khác.")
    if dest.exists() and not force:
        raise ValueError(f"Tệp {dest} đã tồn tại nên không ghi đè. Hãy chọn tên khác, hoặc thêm --force để ghi đè.")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    untouched = f"{dest} vẫn như trước." if dest.exists() else f"Không có tệp nào được tạo ở {dest}."
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)  # left by a backup that crashed
        _copy_store(store_path, tmp)
        check_backup(tmp, shown=dest)
        _fsync(tmp)
        _publish(tmp, dest, force)
        _fsync(dest.parent)
    except InvalidBackup as exc:
        raise BackupFailed(f"Không sao lưu được: bản sao vừa ghi không đạt kiểm tra ({exc.cause}). {untouched} "
                           "Kho đang dùng có thể bị hỏng: hãy chạy `kb verify`.", storage=False) from exc
    except (OSError, sqlite3.Error) as exc:
        cause, storage = _cause(exc)
        raise BackupFailed(f"Không sao lưu được vào {dest}: {cause}. {untouched}", storage) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
    return dest


def _publish(tmp: Path, dest: Path, force: bool) -> None:
    """Give the checked file its name. Without `force` a hard link claims the name atomically, so a
    file that appeared at `dest` meanwhile is not overwritten either."""
    if force:
        os.replace(tmp, dest)
        return
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise ValueError(f"Tệp {dest} đã tồn tại nên không ghi đè. Hãy chọn tên khác, hoặc thêm --force để ghi đè.") from None
    except OSError:  # a filesystem without hard links
        if dest.exists():
            raise ValueError(f"Tệp {dest} đã tồn tại nên không ghi đè. Hãy chọn tên khác, hoặc thêm --force để ghi đè.") from None
        os.replace(tmp, dest)


# -- restore --------------------------------------------------------------------------------------
def restore_store(kb: KnowledgeBase, src: Path) -> RestoreOutcome:
    """Replace the store and index of `kb` (a KnowledgeBase) by those of the backup at `src`.
    The caller holds the writer lock. Steps, in this order:

    1. Copy `src` to <index>/.restore-work/ and check the copy in full (check_backup). A bad
       backup stops here: only that folder was written, and it is removed.
    2. Copy the live store to <index>/restore-backups/<UTC time>/store.sqlite3 with a note
       (restore.json) naming the live index generation. It is written under a temporary name and
       renamed when complete.
    3. Build the index of the checked copy in a new generation directory (iw.rebuild_aside); the
       live link switches to it in one atomic rename at the end. Then check that it holds exactly
       the copy's documents.
    4. Fold the live store's WAL into its file, then os.replace the checked copy over it: one
       atomic rename.
    5. Mark the note done and remove the work folder.

    A crash before the rename in step 3 leaves the old store and old index (a half-built generation
    is removed by the next writer). A crash after the rename in step 4 leaves the new store and new
    index. Between the two renames the new index is live with the old, complete store: the way
    back is `kb verify --repair` (it re-indexes from the store, which is the source of truth), and
    the old generation stays on disk until the next write. An exception at any step is rolled back
    here: the link points at the old generation again, the old store is put back if it had been
    replaced, and the dated copy is removed since nothing changed.
    """
    root = kb.root
    live = kb.store.path
    work = root / WORK_DIRNAME
    if work.resolve() in src.resolve().parents:
        raise ValueError(f"Không khôi phục từ thư mục làm việc {work}; hãy chép tệp sao lưu ra chỗ khác.")
    shutil.rmtree(work, ignore_errors=True)  # left by a restore that crashed
    for partial in (root / KEEP_DIRNAME).glob(".*.partial"):
        shutil.rmtree(partial, ignore_errors=True)
    previous_gen = iw.live_generation(root)
    staged = work / live.name
    keep: Path | None = None
    try:
        work.mkdir()
        shutil.copyfile(src, staged)
        for suffix in ("-wal", "-journal"):  # a backup that was copied while in use: its sidecars too
            if Path(f"{src}{suffix}").is_file():
                shutil.copyfile(f"{src}{suffix}", f"{staged}{suffix}")
        try:
            _as_single_file(staged)
        except sqlite3.DatabaseError as exc:
            raise InvalidBackup(src, f"tệp bị hỏng hoặc không đọc được ({exc})") from exc
        n = check_backup(staged, shown=src)
        keep, previous_documents = _keep_previous(kb, src, previous_gen)
        new_store = DocumentStore(staged)
        try:
            iw.rebuild_aside(root, new_store.iter_documents(), n, store_path=staged, ids=new_store.ids())
            _check_index_matches(root, new_store.hashes())
        finally:
            new_store.close()
        _as_single_file(staged)  # DocumentStore put it in WAL mode
        _switch_store(kb, staged)
        if kb.store.count() != n:
            raise RuntimeError(f"kho sau khi thay có {kb.store.count()} văn bản thay vì {n}")
    except BaseException as exc:
        # Once the dated copy exists the staged file is there until it is renamed over the store.
        store_switched = keep is not None and not staged.exists()
        undo_error = _roll_back(kb, previous_gen, keep, store_switched)
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(exc, InvalidBackup | KeyboardInterrupt | SystemExit) and undo_error is None:
            raise
        cause, storage = _cause(exc)
        if undo_error is None:
            message = f"Khôi phục từ {src} không thành công: {cause}. Kho và chỉ mục vẫn như trước."
        else:
            message = (f"Khôi phục từ {src} không thành công: {cause}. Không hoàn tác được hết ({undo_error}). "
                       f"Kho trước đó được giữ tại {keep}; quay lại bằng: kb --index {root} restore "
                       f"{keep / live.name if keep else '?'}, hoặc chạy `kb verify --repair`.")
        raise RestoreFailed(message, storage) from exc
    _write_note(keep, status="done", restored_documents=n, index_generation=iw.live_generation(root))
    shutil.rmtree(work, ignore_errors=True)
    return RestoreOutcome(n, keep, previous_documents)


def _keep_previous(kb: KnowledgeBase, src: Path, previous_gen: str | None) -> tuple[Path, int | None]:
    """The dated copy of the live store (step 2), complete before it gets its final name."""
    keep_root = kb.root / KEEP_DIRNAME
    keep_root.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    final, i = keep_root / stamp, 1
    while final.exists():
        final, i = keep_root / f"{stamp}-{i}", i + 1
    partial = keep_root / f".{final.name}.partial"
    partial.mkdir()
    try:
        return _fill_keep(kb, src, previous_gen, partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _fill_keep(kb: KnowledgeBase, src: Path, previous_gen: str | None, partial: Path, final: Path) -> tuple[Path, int | None]:
    copy = partial / kb.store.path.name
    try:
        _copy_store(kb.store.path, copy)
    except sqlite3.DatabaseError:
        # A damaged live store (often the reason for a restore): keep its bytes as they are.
        shutil.copyfile(kb.store.path, copy)
        wal = Path(f"{kb.store.path}-wal")
        if wal.is_file():
            shutil.copyfile(wal, f"{copy}-wal")
    try:
        with closing(sqlite3.connect(_readonly_uri(copy), uri=True)) as conn:
            documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.DatabaseError:
        documents = None
    note = {
        "status": "in_progress",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "restored_from": str(src.resolve()),
        "previous_documents": documents,
        "previous_index_generation": previous_gen,
        "undo": f"kb --index {kb.root} restore {final / copy.name}",
        "note": "Kho như trước lần khôi phục này. Chỉ mục cũ được dựng lại từ kho khi quay lại.",
    }
    (partial / NOTE_NAME).write_text(json.dumps(note, ensure_ascii=False, indent=2), encoding="utf-8")
    _fsync(copy)
    os.rename(partial, final)
    _fsync(final.parent)
    return final, documents


def _write_note(keep: Path, **changes) -> None:
    path = keep / NOTE_NAME
    note = json.loads(path.read_text(encoding="utf-8"))
    note.update(changes)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(note, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _check_index_matches(root: Path, expected: dict[str, str]) -> None:
    ix = iw.open_or_create(iw.index_path(root))
    try:
        indexed = iw.indexed_hashes(ix)
    finally:
        ix.close()
    if indexed != expected:
        missing = len(set(expected) - set(indexed))
        extra = len(set(indexed) - set(expected))
        stale = sum(1 for i in set(expected) & set(indexed) if expected[i] != indexed[i])
        raise RuntimeError(f"chỉ mục mới không khớp bản sao lưu (thiếu {missing}, thừa {extra}, khác {stale})")


def _switch_store(kb: KnowledgeBase, new_file: Path) -> None:
    """Put the single-file database `new_file` in place of the live store (one atomic rename)."""
    live = kb.store.path
    kb.store.close()
    with closing(sqlite3.connect(live)) as conn:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise RuntimeError("một tiến trình khác đang giữ kho, không gộp được nhật ký WAL của kho")
    # The WAL now holds nothing the file lacks; it must go, or SQLite would replay it into the new file.
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(new_file, live)
    _fsync(live.parent)
    kb.store = DocumentStore(live)
    kb.engine.store = kb.store


def _roll_back(kb: KnowledgeBase, previous_gen: str | None, keep: Path | None, store_switched: bool) -> str | None:
    """Undo a failed restore: the old store back (if it was replaced) and the old index generation
    live again. Removes the dated copy once nothing is changed. Returns why undoing failed, or None."""
    root = kb.root
    try:
        if store_switched and keep is not None:
            back = root / WORK_DIRNAME / "rollback.sqlite3"
            back.parent.mkdir(exist_ok=True)
            shutil.copyfile(keep / kb.store.path.name, back)
            _as_single_file(back)
            _switch_store(kb, back)
        if iw.live_generation(root) != previous_gen:
            if previous_gen is not None and (root / previous_gen).is_dir():
                iw.point_live_at(root, root / previous_gen)  # writer.py's atomic link switch
            elif kb.store.count():
                iw.rebuild_aside(root, kb.store.iter_documents(), kb.store.count(),
                                 store_path=kb.store.path, ids=kb.store.ids())
            else:
                iw.index_path(root).unlink(missing_ok=True)  # there was no index before
    except Exception as exc:  # noqa: BLE001 - reported to the user with where the old store is kept
        if keep is not None:
            _write_note(keep, status="rollback_failed", error=f"{type(exc).__name__}: {exc}")
        return f"{type(exc).__name__}: {exc}"
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)
    return None
