"""Shared fixtures: one knowledge base built from the sample corpus per test session."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            kids = []
        out.extend(kids)
        todo.extend(kids)
    return out


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def _working_on(base: Path) -> list[int]:
    """Live processes whose command line names a path under `base` (orphans included)."""
    needle = str(base).encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "cmdline").read_bytes() and _alive(int(entry.name)):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _describe(pid: int) -> str:
    try:
        return f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return str(pid)


@pytest.fixture(scope="session", autouse=True)
def leaves_no_process_and_no_tracked_change(tmp_path_factory):
    """After the whole session: no child of pytest and no process on the tests' temporary
    directories is left running, and no tracked file of the repository was changed."""
    def tracked_changes() -> str:
        done = subprocess.run(["git", "diff", "--binary", "HEAD"], cwd=ROOT, capture_output=True)
        if done.returncode != 0:  # not a git checkout (an unpacked release): nothing to compare
            return ""
        names = subprocess.run(["git", "diff", "--name-only", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        return names.stdout + hashlib.sha256(done.stdout).hexdigest()

    before = tracked_changes()
    base = tmp_path_factory.getbasetemp()
    yield
    deadline = time.monotonic() + 30  # processes that are being stopped get a moment to go
    while time.monotonic() < deadline:
        left = [p for p in _descendants(os.getpid()) if _alive(p)] + _working_on(base)
        if not left:
            break
        time.sleep(0.2)
    assert not left, "processes left running by the tests: " + "; ".join(_describe(p) for p in left)
    assert tracked_changes() == before, "the tests changed tracked files:\n" + tracked_changes()


@pytest.fixture(scope="session")
def corpus_kb_dir(tmp_path_factory) -> Path:
    from kb.api import KnowledgeBase

    root = tmp_path_factory.mktemp("corpus-kb")
    report = KnowledgeBase(root).ingest_paths([CORPUS], workers=1)
    assert report.count("added") >= 40, report.summary
    return root


@pytest.fixture(scope="session")
def corpus_kb(corpus_kb_dir):
    from kb.api import KnowledgeBase

    return KnowledgeBase(corpus_kb_dir)


@pytest.fixture
def fresh_kb(tmp_path):
    from kb.api import KnowledgeBase

    return KnowledgeBase(tmp_path / "kb")


@pytest.fixture
def copy_of_corpus_kb(corpus_kb_dir, tmp_path):
    """A private copy of the corpus knowledge base that a test may change."""
    from kb.api import KnowledgeBase

    dest = tmp_path / "kb"
    shutil.copytree(corpus_kb_dir, dest, symlinks=True)
    return KnowledgeBase(dest)
