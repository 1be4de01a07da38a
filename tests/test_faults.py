"""An admin's bad day: a worker killed, a full disk, read-only media, a hung writer, a reindex
killed half way. Each test checks the exit status, that nothing reported stored is lost, that no
process is left and the write lock is free, and prints the seconds the command took to end."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faults  # noqa: E402

EXIT_BUSY, EXIT_WORKER, EXIT_STORAGE = 3, 4, 5


def _mount(args: list[str]) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind needs root (CI runs as root)")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this platform refuses the mount ({done.stderr.strip()})")


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs: a disk that fills up during an ingest of a few thousand documents."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    _mount(["-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)])
    try:
        yield mnt
    finally:
        faults.wait_no_processes_on(mnt)
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture
def readonly_view(tmp_path):
    """`tmp_path/rw` seen read-only at `tmp_path/ro` (a read-only bind mount)."""
    rw, ro = tmp_path / "rw", tmp_path / "ro"
    rw.mkdir()
    ro.mkdir()
    _mount(["--bind", str(rw), str(ro)])
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"this platform refuses a read-only remount ({done.stderr.strip()})")
        yield rw, ro
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)


@pytest.mark.slow
def test_a_killed_worker_ends_the_ingest_with_status_4_and_keeps_what_was_stored(tmp_path):
    index = tmp_path / "kb"
    data = tmp_path / "docs.jsonl"
    ids = faults.write_docs(data, 0, 1200)
    proc = faults.start_kb(index, "ingest", str(data), "--workers", "2", "--quiet")
    faults.wait_for_count(index, 1, proc)
    workers = faults.children_of(proc.pid)
    assert len(workers) >= 2, workers
    os.kill(workers[0], signal.SIGKILL)
    killed_at = time.monotonic()
    code = proc.wait(timeout=faults.PATIENCE)
    seconds = time.monotonic() - killed_at
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert code == EXIT_WORKER, err
    assert "dừng bất thường" in err and "chạy lại" in err
    faults.wait_no_processes_on(index)
    assert faults.lock_is_free(index)
    stored = faults.stored_ids(index)
    print(f"worker killed: exit {code} after {seconds:.1f} s, {len(stored)} of {len(ids)} documents stored")
    # A re-run finishes the job.
    again = faults.kb(index, "ingest", str(data), "--quiet")
    assert again.returncode == 0, again.stderr
    assert faults.stored_ids(index) == set(ids)
    stats = json.loads(faults.kb(index, "stats", "--json").stdout)
    assert stats["indexed"] == len(ids)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_full_disk_ends_the_ingest_with_status_5_and_repair_brings_it_back(small_disk, tmp_path, workers):
    index = small_disk / "kb"
    data = tmp_path / "docs.jsonl"
    ids = faults.write_docs(data, 0, 2500, repeat=25)
    started = time.monotonic()
    done = faults.kb(index, "ingest", str(data), "--workers", str(workers), "--quiet")
    seconds = time.monotonic() - started
    assert done.returncode == EXIT_STORAGE, (done.returncode, done.stderr)
    assert "Ổ đĩa đã đầy" in done.stderr and str(index) in done.stderr
    assert "Traceback" not in done.stderr
    faults.wait_no_processes_on(small_disk)
    assert faults.lock_is_free(index)
    reported = re.search(r"Đã lưu an toàn (\d+) văn bản", done.stderr)
    stored = faults.stored_ids(index)
    # Every document the message says was stored is in the store.
    assert len(stored) >= (int(reported.group(1)) if reported else 0)
    assert faults.integrity(index) == "ok"
    print(f"disk full ({workers} workers): exit {done.returncode} after {seconds:.1f} s, {len(stored)} stored")

    # Room again: repair, then the same ingest finishes the job.
    subprocess.run(["mount", "-o", "remount,size=96m", str(small_disk)], check=True)
    repaired = faults.kb(index, "verify", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    again = faults.kb(index, "ingest", str(data), "--quiet")
    assert again.returncode == 0, again.stderr
    assert faults.stored_ids(index) == set(ids)
    clean = json.loads(faults.kb(index, "verify", "--json").stdout)
    assert clean["missing"] == clean["stale"] == clean["extra"] == []


def test_a_read_only_index_answers_searches_and_refuses_writes_clearly(readonly_view):
    rw, ro = readonly_view
    data = rw.parent / "docs.jsonl"
    faults.write_docs(data, 0, 30)
    assert faults.kb(rw / "kb", "ingest", str(data), "--quiet").returncode == 0
    index = ro / "kb"
    before = sorted(p.name for p in (rw / "kb").iterdir())

    found = faults.kb(index, "search", "Mã số theo dõi tb-00007", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["hits"][0]["id"] == "tb-00007"
    shown = faults.kb(index, "show", "tb-00007", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["id"] == "tb-00007"
    assert faults.kb(index, "stats").returncode == 0
    assert faults.kb(index, "verify").returncode == 0

    refused = faults.kb(index, "ingest", str(data))
    assert refused.returncode == EXIT_STORAGE
    assert "chỉ đọc" in refused.stderr and "Traceback" not in refused.stderr
    assert faults.kb(index, "delete", "tb-00007").returncode == EXIT_STORAGE
    assert sorted(p.name for p in (rw / "kb").iterdir()) == before


def test_a_busy_lock_names_the_process_that_holds_it(tmp_path):
    index = tmp_path / "kb"
    index.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from kb.writelock import write_lock\n"
         "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(600)", str(index)],
        cwd=faults.ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        data = tmp_path / "docs.jsonl"
        faults.write_docs(data, 0, 3)
        refused = faults.kb(index, "ingest", str(data))
        assert refused.returncode == EXIT_BUSY
        assert f"PID {holder.pid}" in refused.stderr and f"kill {holder.pid}" in refused.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    # Its death frees the lock: no stale lock survives a killed writer.
    assert faults.lock_is_free(index)
    assert faults.kb(index, "ingest", str(tmp_path / "docs.jsonl")).returncode == 0


@pytest.mark.slow
def test_a_reindex_killed_half_way_leaves_the_old_index_and_no_process(tmp_path):
    from kb.search.writer import PARALLEL_REBUILD_MIN

    index = tmp_path / "kb"
    data = tmp_path / "docs.jsonl"
    faults.write_docs(data, 0, PARALLEL_REBUILD_MIN + 200, repeat=2)
    assert faults.kb(index, "ingest", str(data), "--quiet").returncode == 0
    proc = faults.start_kb(index, "reindex", "--quiet")
    deadline = time.monotonic() + faults.PATIENCE
    while len(faults.children_of(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the reindex ended before its workers could be seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=faults.PATIENCE)
    proc.stderr.close()
    faults.wait_no_processes_on(index)
    assert faults.lock_is_free(index)
    found = faults.kb(index, "search", "Mã số theo dõi tb-00042", "--json")
    assert json.loads(found.stdout)["hits"][0]["id"] == "tb-00042"
    clean = json.loads(faults.kb(index, "verify", "--json").stdout)
    assert clean["missing"] == clean["stale"] == clean["extra"] == []
