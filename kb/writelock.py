"""The knowledge base's single-writer lock: an flock on `<index>/write.lock` that names its holder.

The lock belongs to the process that took it, never to its children: every lock descriptor this
module holds is closed in a forked child (os.register_at_fork), so an ingest worker that outlives
its parent cannot keep the knowledge base locked. The file records the holder's pid, command and
start time, so a refused writer can say which process to wait for or stop.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.errors import WriterBusy, as_storage_error

LOCK_NAME = "write.lock"

_held: set[int] = set()  # lock descriptors of this process


def _close_held_in_child() -> None:
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


def _holders(path: Path) -> list[int]:
    """Pids that /proc/locks shows holding an flock on `path` (Linux; empty elsewhere)."""
    try:
        st = path.stat()
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    pids = []
    for line in lines:
        parts = line.split()
        # "1: FLOCK  ADVISORY  WRITE 5725 fe:00:2147493 0 EOF"
        if len(parts) >= 6 and parts[1] == "FLOCK" and parts[4].isdigit():
            dev_ino = parts[5].split(":")
            if len(dev_ino) == 3 and dev_ino[2].isdigit() and int(dev_ino[2]) == st.st_ino:
                pids.append(int(parts[4]))
    return pids


def _describe(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return f"PID {pid}"
    return f"PID {pid}: {cmd[:120]}" if cmd else f"PID {pid}"


def busy_message(path: Path) -> str:
    """Who holds the lock at `path`, and what to do about it, in Vietnamese."""
    recorded = ""
    try:
        recorded = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        pass
    pids = _holders(path)
    info = dict(line.split("=", 1) for line in recorded.splitlines() if "=" in line)
    if not pids and info.get("pid", "").isdigit():
        pids = [int(info["pid"])]
    msg = "Một tiến trình khác đang ghi vào kho dữ liệu (nạp, xóa hoặc lập chỉ mục lại)"
    if pids:
        msg += " — " + "; ".join(_describe(p) for p in pids)
        if info.get("since"):
            msg += f", bắt đầu lúc {info['since']}"
    msg += ". Hãy đợi tiến trình đó xong rồi thử lại."
    if pids:
        msg += f" Nếu nó bị treo, dừng nó bằng: kill {' '.join(str(p) for p in pids)}"
    return msg


@contextmanager
def write_lock(root: Path) -> Iterator[None]:
    """Hold the writer lock of the knowledge base at `root`, or raise WriterBusy at once."""
    path = root / LOCK_NAME
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise as_storage_error(exc, path) or exc from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriterBusy(busy_message(path)) from None
        _held.add(fd)
        try:
            since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid={os.getpid()}\nsince={since}\ncommand={' '.join(sys.argv)[:200]}\n".encode(), 0)
        except OSError:
            pass  # the record is a courtesy; the flock is the lock
        yield
    finally:
        _held.discard(fd)
        os.close(fd)
