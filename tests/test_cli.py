"""The `kb` command line and its JSON contract (scripts and a held-out evaluation depend on it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIT_KEYS = {"id", "title", "date", "year", "agencies", "people", "doc_type", "doc_number", "source", "url", "score",
            "snippet"}


def kb(*args: str, index: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], capture_output=True,
                          text=True, input=stdin, cwd=ROOT, timeout=300)


def test_search_json_contract(corpus_kb_dir):
    out = kb("search", "chu tich ubnd tinh", "--json", "--limit", "3", index=corpus_kb_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"query", "total", "took_ms", "page", "hits", "facets", "suggestion", "notice"}
    assert data["query"] == "chu tich ubnd tinh" and data["page"] == 1
    assert isinstance(data["total"], int) and isinstance(data["took_ms"], float)
    assert 0 < len(data["hits"]) <= 3
    for hit in data["hits"]:
        assert set(hit) == HIT_KEYS
        assert all(set(p) == {"name", "role"} for p in hit["people"])
    assert set(data["facets"]) == {"agency", "person", "year", "doc_type", "place"}
    for values in data["facets"].values():
        assert all(set(v) == {"value", "count"} for v in values)
    assert any("<mark>" in h["snippet"] for h in data["hits"])


def test_batch_prints_one_object_per_line_in_order(corpus_kb_dir, tmp_path):
    queries = ["chuyển đổi số", "quyet dinh 1673", "", "HĐND tỉnh Nghệ An"]
    f = tmp_path / "q.txt"
    f.write_text("\n".join(queries) + "\n", encoding="utf-8")
    out = kb("search", "--batch", str(f), "--json", index=corpus_kb_dir)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().split("\n")
    assert [json.loads(line)["query"] for line in lines] == queries


def test_show_and_stats_json(corpus_kb_dir):
    out = kb("show", "hue-2022-van-phong-ubnd-tong-ket", "--json", index=corpus_kb_dir)
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    for key in ("id", "title", "text", "date", "year", "agencies", "people", "doc_type", "doc_number", "places",
                "content_hash", "ingested_at", "extra", "source", "url"):
        assert key in doc
    stats = json.loads(kb("stats", "--json", index=corpus_kb_dir).stdout)
    assert stats["documents"] == stats["indexed"] >= 40
    assert stats["last_change"]
    missing = kb("show", "khong-co", index=corpus_kb_dir)
    assert missing.returncode == 1 and "Không tìm thấy" in missing.stderr


def test_facets_command_lists_values_with_counts(corpus_kb_dir):
    out = kb("facets", "doc_type", "--json", index=corpus_kb_dir)
    values = json.loads(out.stdout)
    assert values and all(v["count"] > 0 for v in values)
    assert kb("facets", "nonsense", index=corpus_kb_dir).returncode == 2


def test_ingest_exit_status_and_summary(tmp_path):
    good = tmp_path / "tot.txt"
    good.write_text("Tin\n\nNội dung.", encoding="utf-8")
    bad = tmp_path / "rong.txt"
    bad.write_text("", encoding="utf-8")
    ok = kb("ingest", str(good), index=tmp_path / "i")
    assert ok.returncode == 0 and "Thêm mới: 1" in ok.stdout
    rejected = kb("ingest", str(good), str(bad), index=tmp_path / "i")
    assert rejected.returncode == 1
    assert "không đổi: 1" in rejected.stdout and "bị từ chối: 1" in rejected.stdout and "rỗng" in rejected.stdout


def test_usage_errors_exit_with_2(tmp_path):
    assert kb("search", "--limit", "x", index=tmp_path).returncode == 2
    assert kb("frobnicate", index=tmp_path).returncode == 2
