"""Shared fixtures: one knowledge base built from the sample corpus per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"


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
