"""Derived data records the versions that made it: the store its segmenter, the index its schema.
A mismatch is detected, explained with what to run, and `kb reindex [--resegment]` repairs it."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faults  # noqa: E402

from kb.api import SEGMENTER_KEY, KnowledgeBase  # noqa: E402
from kb.models import SearchRequest  # noqa: E402
from kb.search import writer as iw  # noqa: E402
from kb.text.segment import segmenter_version  # noqa: E402


def _joins(kb: KnowledgeBase) -> dict[str, tuple[list[int], list[int]]]:
    return {d.ann.id: (d.title_joins, d.text_joins) for d in kb.store.iter_documents()}


def _set_meta(index: Path, key: str, value: str) -> None:
    with sqlite3.connect(index / "store.sqlite3") as conn:
        conn.execute("UPDATE meta SET value=? WHERE key=?", (value, key))


def test_a_new_store_records_the_segmenter_and_reports_nothing_out_of_date(copy_of_corpus_kb):
    kb = copy_of_corpus_kb
    assert kb.store.get_meta(SEGMENTER_KEY) == segmenter_version()
    assert "pyvi 0.1.1" in segmenter_version() and "rules" in segmenter_version()
    assert kb.version_problems() == []
    assert kb.stats()["problems"] == []


def test_another_segmenter_is_refused_for_ingest_and_explained_until_resegmented(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    index = kb.root
    _set_meta(index, SEGMENTER_KEY, "pyvi 0.0.9; rules 0")
    data = tmp_path / "new.jsonl"
    faults.write_docs(data, 0, 2)

    refused = faults.kb(index, "ingest", str(data))
    assert refused.returncode == 6
    assert "pyvi 0.0.9" in refused.stderr and "kb reindex --resegment" in refused.stderr
    assert faults.stored_ids(index).isdisjoint({"tb-00000", "tb-00001"})

    searched = faults.kb(index, "search", "chuyển đổi số", "--json")
    assert searched.returncode == 0
    assert "kb reindex --resegment" in searched.stderr
    assert json.loads(searched.stdout)["total"] > 0  # stdout stays one JSON object

    fixed = faults.kb(index, "reindex", "--resegment", "--quiet")
    assert fixed.returncode == 0, fixed.stderr
    assert faults.kb(index, "ingest", str(data)).returncode == 0
    assert KnowledgeBase(index).version_problems() == []


def test_resegment_remakes_the_stored_segmentation_from_the_text(copy_of_corpus_kb, monkeypatch):
    from kb.ingest import resegment

    kb = copy_of_corpus_kb
    original = _joins(kb)
    assert sum(len(t) + len(x) for t, x in original.values()) > 1000
    kb.store.update_joins([(doc_id, [], []) for doc_id in original])  # as if another segmenter joined nothing
    kb.store.set_meta(SEGMENTER_KEY, "pyvi 0.0.9; rules 0")
    monkeypatch.setattr(resegment, "PARALLEL_MIN", 10)  # take the parallel path on the small corpus
    monkeypatch.setattr(resegment, "CHUNK", 7)
    seen = []
    n = kb.reindex(progress=lambda done, total: seen.append((done, total)), resegment=True)
    assert n == len(original)
    assert _joins(kb) == original
    assert kb.store.get_meta(SEGMENTER_KEY) == segmenter_version()
    assert (len(original), len(original)) in seen
    hits = kb.search(SearchRequest(query="chuyển đổi số", limit=3)).hits
    assert hits and "chuyen-doi-so" in hits[0].id


def test_an_index_of_another_schema_is_reported_and_rebuilt_by_reindex(copy_of_corpus_kb):
    kb = copy_of_corpus_kb
    marker = iw.index_path(kb.root) / "kb-schema.json"
    marker.write_text(json.dumps({"schema_version": iw.SCHEMA_VERSION - 1}))
    problems = kb.version_problems()
    assert len(problems) == 1 and "kb reindex" in problems[0] and "--resegment" not in problems[0]
    kb.reindex()
    assert kb.version_problems() == []
    assert iw.live_schema_version(kb.root) == iw.SCHEMA_VERSION
