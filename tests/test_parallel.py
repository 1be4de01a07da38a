"""Ingest and rebuild in worker processes give the knowledge base one process gives."""

from __future__ import annotations

import json
import os

import pytest

from kb.models import SearchRequest
from tests.conftest import CORPUS

QUERIES = ["chuyển đổi số", "chu tich ubnd tinh", "phòng chống dịch", "HĐND", "Đà Nẵng", "1673/QĐ-UBND"]


def _answers(kb) -> dict:
    out = {}
    for q in QUERIES:
        res = kb.search(SearchRequest(query=q, limit=10))
        out[q] = (res.total, sorted(h.id for h in res.hits))
    return out


def test_parallel_ingest_gives_the_same_knowledge_base(corpus_kb, tmp_path):
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(tmp_path / "par")
    report = kb.ingest_paths([CORPUS], workers=2)
    assert report.summary["added"] == corpus_kb.stats()["documents"]
    assert report.summary["updated"] == 0
    # The report lists inputs in the order they were read, as one process would.
    origins = [i.origin for i in report.items]
    assert origins == sorted(origins)
    assert kb.stats()["indexed"] == corpus_kb.stats()["indexed"]
    assert kb.verify()["missing"] == [] and kb.verify()["extra"] == []
    assert _answers(kb) == _answers(corpus_kb)


def _jsonl(path, docs):
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    return path


def _doc(i, text):
    return {"id": f"tb-{i}", "title": f"Thông báo số {i} của UBND tỉnh", "text": text}


def test_same_id_twice_in_one_parallel_run_keeps_the_later_version(fresh_kb, tmp_path):
    docs = [_doc(i, f"Nội dung thông báo {i} về kế hoạch năm 2023 của Sở Y tế.") for i in range(40)]
    docs.insert(10, _doc(7, "Bản đầu tiên nói về chim hải âu ở đảo Lý Sơn."))
    docs.append(_doc(7, "Bản sửa lại nói về rừng ngập mặn Cần Giờ."))
    report = fresh_kb.ingest_paths([_jsonl(tmp_path / "a.jsonl", docs)], workers=2)
    assert fresh_kb.stats()["documents"] == 40 and fresh_kb.stats()["indexed"] == 40
    assert "Cần Giờ" in fresh_kb.get("tb-7").text
    assert fresh_kb.search(SearchRequest(query="rừng ngập mặn Cần Giờ")).total == 1
    assert fresh_kb.search(SearchRequest(query="hải âu Lý Sơn")).total == 0
    assert sum(1 for i in report.items if i.id == "tb-7") == 3


def test_updates_in_a_parallel_run_replace_the_old_version(fresh_kb, tmp_path):
    docs = [_doc(i, f"Lịch tiếp công dân tháng {i % 12 + 1} của Chủ tịch UBND huyện.") for i in range(30)]
    fresh_kb.ingest_paths([_jsonl(tmp_path / "a.jsonl", docs)], workers=2)
    docs[5] = _doc(5, "Thông báo tạm dừng tiếp công dân do bão số 3 (Yagi).")
    report = fresh_kb.ingest_paths([_jsonl(tmp_path / "a.jsonl", docs)], workers=2)
    assert report.summary == {"added": 0, "updated": 1, "unchanged": 29, "rejected": 0}
    assert fresh_kb.search(SearchRequest(query="bão Yagi")).total == 1
    assert fresh_kb.stats()["indexed"] == 30
    assert fresh_kb.verify() == {"missing": [], "stale": [], "extra": [], "repaired": False,
                                 "references_stale": [], "references_extra": []}


def test_a_worker_that_dies_is_reported_and_nothing_committed_is_lost(fresh_kb, tmp_path, monkeypatch):
    from kb.ingest import pipeline

    docs = [_doc(i, f"Kế hoạch số {i} triển khai dịch vụ công trực tuyến toàn trình.") for i in range(60)]
    src = _jsonl(tmp_path / "a.jsonl", docs)
    real_prepare = pipeline.prepare

    def dying_prepare(n, joins=None):
        if n.id == "tb-45":
            os._exit(3)  # a worker killed outright (out of memory, a crash in C code)
        return real_prepare(n, joins)

    monkeypatch.setattr(pipeline, "prepare", dying_prepare)
    with pytest.raises(pipeline.IngestWorkerError):
        fresh_kb.ingest_paths([src], workers=2)
    monkeypatch.setattr(pipeline, "prepare", real_prepare)
    stored = fresh_kb.stats()["documents"]
    assert stored < 60
    # Whatever reached the store is intact and becomes searchable; running again adds the rest.
    report = fresh_kb.ingest_paths([src], workers=2)
    assert report.summary["added"] == 60 - stored and report.summary["unchanged"] == stored
    assert fresh_kb.stats()["documents"] == 60 and fresh_kb.stats()["indexed"] == 60
    assert fresh_kb.verify()["missing"] == []


def test_parallel_rebuild_gives_the_same_answers(copy_of_corpus_kb, monkeypatch):
    from kb.search import writer as iw

    kb = copy_of_corpus_kb
    before = _answers(kb)
    monkeypatch.setattr(iw, "PARALLEL_REBUILD_MIN", 10)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    seen = []
    n = kb.reindex(progress=lambda done, total: seen.append((done, total)))
    assert n == kb.stats()["documents"] == kb.stats()["indexed"]
    assert seen and seen[-1] == (n, n)
    assert _answers(kb) == before
    assert kb.verify()["missing"] == []
