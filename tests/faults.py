"""Helpers for the fault-injection tests: run `kb` in a subprocess, generate documents, watch an
ingest's progress through the store, find the processes that work on an index, check the lock."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["giao thông", "y tế", "giáo dục", "đất đai", "du lịch", "thủy lợi", "chuyển đổi số", "phòng cháy"]
# Upper bound for anything a test waits on (a process to exit, a count to be reached); never an
# assertion about speed: a slow machine only makes the wait longer.
PATIENCE = 120.0


def kb_cmd(index: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kb.cli", "--index", str(index), *args]


def kb(index: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(kb_cmd(index, *args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def start_kb(index: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(kb_cmd(index, *args), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def write_docs(path: Path, start: int, count: int, repeat: int = 10) -> list[str]:
    """`count` announcements tb-NNNN (distinct texts, each with its own tracking code) as jsonl."""
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + count):
            topic = TOPICS[i % len(TOPICS)]
            doc_id = f"tb-{i:05d}"
            ids.append(doc_id)
            text = (f"Ngày {1 + i % 28}/{1 + i % 12}/2023, UBND tỉnh Quảng Nam họp bàn về {topic}. "
                    f"Mã số theo dõi {doc_id}. ") * repeat
            f.write(json.dumps({"id": doc_id, "title": f"Thông báo số {i} về {topic}", "text": text},
                               ensure_ascii=False) + "\n")
    return ids


def stored_ids(index: Path) -> set[str]:
    """Ids committed to the store, read without writing anything (safe while an ingest runs)."""
    path = index / "store.sqlite3"
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM documents")}
    except sqlite3.OperationalError:  # the schema is not created yet
        return set()
    finally:
        conn.close()


def integrity(index: Path) -> str:
    conn = sqlite3.connect(f"file:{index / 'store.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def wait_for_count(index: Path, at_least: int, proc: subprocess.Popen) -> set[str]:
    """Poll the store until it holds `at_least` documents; fail if `proc` exits first."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        ids = stored_ids(index)
        if len(ids) >= at_least:
            return ids
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise AssertionError(f"ingest exited with {proc.returncode} before {at_least} documents: {err[-2000:]}")
        time.sleep(0.005)
    raise AssertionError(f"the store did not reach {at_least} documents in {PATIENCE} s")


def processes_on(index: Path) -> list[int]:
    """Pids of live processes whose command line names `index` (a kb process or its workers)."""
    needle = str(index).encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if needle in cmdline and "\nState:\tZ" not in status:
            pids.append(int(entry.name))
    return pids


def wait_no_processes_on(index: Path) -> float:
    """Seconds until no process works on `index` any more (fails after PATIENCE)."""
    started = time.monotonic()
    while time.monotonic() - started < PATIENCE:
        if not processes_on(index):
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"processes still working on {index}: {processes_on(index)}")


def lock_is_free(index: Path) -> bool:
    fd = os.open(index / "write.lock", os.O_CREAT | os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]
