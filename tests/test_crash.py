"""Fault injection: an ingest killed with SIGKILL in the middle of its work never loses what was
committed, never corrupts the store, leaves no process behind and no lock held, and a re-run (or
`kb verify --repair`) finishes the job.

Kills are placed by the ingest's progress (documents committed to the store), not by the clock,
so every kill lands strictly mid-ingest on a slow or a fast machine alike.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faults  # noqa: E402

RUNS = 20
PER_RUN = 600  # three store batches (kb.ingest.pipeline.WORKER_BATCH = 200) with one worker
BASE = 40


@pytest.mark.slow
def test_killed_ingests_lose_nothing_committed(tmp_path):
    from kb.ingest.pipeline import WORKER_BATCH

    index = tmp_path / "kb"
    base_ids = faults.write_docs(tmp_path / "base.jsonl", 0, BASE)
    first = faults.kb(index, "ingest", str(tmp_path / "base.jsonl"), "--workers", "1")
    assert first.returncode == 0, first.stderr
    rng = random.Random(2024)
    files = []
    kills = []
    for run in range(RUNS):
        more = tmp_path / f"more-{run:02d}.jsonl"
        faults.write_docs(more, 1000 + run * PER_RUN, PER_RUN)
        files.append(str(more))
        before = faults.stored_ids(index)
        # Wait until part of this run is committed, leaving at least one batch to do: the kill
        # then always falls inside the run.
        threshold = len(before) + rng.randint(1, PER_RUN - WORKER_BATCH)
        proc = faults.start_kb(index, "ingest", str(more), "--workers", str(1 + run % 2), "--quiet")
        seen = faults.wait_for_count(index, threshold, proc)
        assert proc.poll() is None, f"run {run}: the ingest finished before the kill ({proc.returncode})"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=faults.PATIENCE) == -signal.SIGKILL
        proc.stderr.close()
        # Its workers end with it: nothing keeps writing, nothing keeps the lock.
        faults.wait_no_processes_on(index)
        assert faults.lock_is_free(index), f"run {run}: the write lock is still held"
        after = faults.stored_ids(index)
        assert seen <= after, f"run {run}: committed documents lost: {sorted(seen - after)[:5]}"
        assert len(after) < len(before) + PER_RUN, f"run {run}: the kill came after the last commit"
        assert faults.integrity(index) == "ok"
        kills.append(len(after) - len(before))

        # Everything committed before this run is still searchable, before any repair.
        from kb.api import KnowledgeBase
        from kb.models import SearchRequest

        probe = KnowledgeBase(index)
        for doc_id in rng.sample(base_ids, 3):
            hits = probe.search(SearchRequest(query=f"Mã số theo dõi {doc_id}", limit=3)).hits
            assert hits and hits[0].id == doc_id, (run, doc_id)
        probe.engine.close()
        probe.store.close()
    print(f"fault injection: {len(kills)} kills mid-ingest, documents committed per killed run: {kills}")
    assert len(kills) == RUNS and all(0 < k < PER_RUN for k in kills)

    repaired = faults.kb(index, "verify", "--repair", "--json")
    assert repaired.returncode == 0, repaired.stderr
    clean = json.loads(faults.kb(index, "verify", "--json").stdout)
    assert clean["missing"] == clean["stale"] == clean["extra"] == []
    # Re-running the ingests finishes the job: all documents present exactly once, all indexed.
    again = faults.kb(index, "ingest", *files, "--quiet")
    assert again.returncode == 0, again.stderr
    stats = json.loads(faults.kb(index, "stats", "--json").stdout)
    assert stats["documents"] == stats["indexed"] == BASE + RUNS * PER_RUN
