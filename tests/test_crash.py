"""Fault injection: an ingest killed with SIGKILL at random moments never loses what was committed
before, never corrupts the store, and a re-run (or `kb verify --repair`) finishes the job."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["giao thông", "y tế", "giáo dục", "đất đai", "du lịch", "thủy lợi", "chuyển đổi số", "phòng cháy"]


def kb(index: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def write_docs(path: Path, start: int, count: int) -> list[str]:
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + count):
            topic = TOPICS[i % len(TOPICS)]
            doc_id = f"tb-{i:04d}"
            ids.append(doc_id)
            text = (f"Ngày {1 + i % 28}/{1 + i % 12}/2023, UBND tỉnh Quảng Nam họp bàn về {topic}. "
                    f"Mã số theo dõi {doc_id}. ") * 30
            f.write(json.dumps({"id": doc_id, "title": f"Thông báo số {i} về {topic}", "text": text},
                               ensure_ascii=False) + "\n")
    return ids


@pytest.mark.slow
def test_killed_ingests_lose_nothing_committed(tmp_path):
    index = tmp_path / "kb"
    base = tmp_path / "base.jsonl"
    base_ids = write_docs(base, 0, 40)
    assert kb(index, "ingest", str(base), "--workers", "1").returncode == 0
    rng = random.Random(2024)
    outcomes = {"killed": 0, "finished": 0}
    for run in range(20):
        more = tmp_path / f"more-{run}.jsonl"
        write_docs(more, 1000 + run * 60, 60)
        proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--index", str(index), "ingest", str(more),
                                 "--workers", str(1 + run % 2), "--quiet"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished"] += 1
        proc.wait()
        # The store is never corrupted.
        with sqlite3.connect(index / "store.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Everything committed before this run is still searchable, before any repair.
        from kb.api import KnowledgeBase
        from kb.models import SearchRequest

        probe = KnowledgeBase(index)
        for doc_id in rng.sample(base_ids, 5):
            hits = probe.search(SearchRequest(query=f"Mã số theo dõi {doc_id}", limit=3)).hits
            assert hits and hits[0].id == doc_id, (run, doc_id)
        probe.engine.close()
        probe.store.close()
    print(f"fault injection: {outcomes}")
    assert outcomes["killed"] >= 10, outcomes
    repaired = json.loads(kb(index, "verify", "--repair", "--json").stdout)
    assert repaired["repaired"] or not (repaired["missing"] or repaired["stale"] or repaired["extra"])
    clean = json.loads(kb(index, "verify", "--json").stdout)
    assert clean["missing"] == clean["stale"] == clean["extra"] == []
    # Re-running every ingest finishes the job: all documents present exactly once.
    for run in range(20):
        assert kb(index, "ingest", str(tmp_path / f"more-{run}.jsonl"), "--quiet").returncode == 0
    stats = json.loads(kb(index, "stats", "--json").stdout)
    assert stats["documents"] == stats["indexed"] == 40 + 20 * 60
