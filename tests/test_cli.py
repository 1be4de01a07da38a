"""The `kb` command line and its JSON contract (scripts and a held-out evaluation depend on it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HIT_KEYS = {"id", "title", "date", "year", "agencies", "people", "doc_type", "doc_number", "source", "url", "score",
            "snippet", "match"}


def kb(*args: str, index: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], capture_output=True,
                          text=True, input=stdin, cwd=ROOT, timeout=300)


def test_search_json_contract(corpus_kb_dir):
    out = kb("search", "chu tich ubnd tinh", "--json", "--limit", "3", index=corpus_kb_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"query", "total", "total_partial", "took_ms", "page", "hits", "facets", "suggestion", "notice"}
    assert data["query"] == "chu tich ubnd tinh" and data["page"] == 1
    assert isinstance(data["total"], int) and isinstance(data["took_ms"], float)
    assert isinstance(data["total_partial"], int)
    assert all(h["match"] in ("full", "partial") for h in data["hits"])
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


# -- a Unix tool: options anywhere, usage errors in Vietnamese with exit status 2 -------------------


def kb_raw(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, input=stdin,
                          cwd=ROOT, timeout=300)


def test_global_index_option_is_accepted_after_the_subcommand(corpus_kb_dir):
    before = kb_raw("--index", str(corpus_kb_dir), "search", "chuyển đổi số", "--json")
    after = kb_raw("search", "chuyển đổi số", "--json", "--index", str(corpus_kb_dir))
    between = kb_raw("search", "--index", str(corpus_kb_dir), "--json", "chuyển đổi số")
    assert before.returncode == after.returncode == between.returncode == 0, after.stderr
    ids = [[h["id"] for h in json.loads(out.stdout)["hits"]] for out in (before, after, between)]
    assert ids[0] == ids[1] == ids[2] and ids[0]
    stats = kb_raw("stats", "--json", "--index", str(corpus_kb_dir))
    assert stats.returncode == 0 and json.loads(stats.stdout)["documents"] >= 40


def test_index_after_the_subcommand_wins_over_the_one_before(corpus_kb_dir, tmp_path):
    out = kb_raw("--index", str(tmp_path / "nothing-here"), "stats", "--json", "--index", str(corpus_kb_dir))
    assert out.returncode == 0 and json.loads(out.stdout)["documents"] >= 40


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", "x", "--page", "0"], "--page: cần một số nguyên từ 1 trở lên"),
        (["search", "x", "--limit", "-5"], "--limit: cần một số nguyên từ 1 đến 1000"),
        (["search", "x", "--limit", "1001"], "--limit: cần một số nguyên từ 1 đến 1000"),
        (["search", "x", "--limit", "mười"], "--limit: cần một số nguyên"),
        (["search", "x", "--year", "17"], "--year: cần một năm có 4 chữ số"),
        (["search", "x", "--from", "2017-13-01"], "--from: ngày không hợp lệ"),
        (["search", "x", "--sort", "hay-nhat"], "--sort: không có lựa chọn 'hay-nhat'"),
        (["search", "x", "--khong-co"], "không hiểu các đối số: --khong-co"),
        (["search", "x", "--limit"], "--limit cần một giá trị"),
        (["frobnicate"], "không có lựa chọn 'frobnicate'"),
        ([], "thiếu LỆNH"),
        (["facets", "year", "--limit", "-1"], "--limit: cần một số nguyên từ 0 trở lên"),
        (["serve", "--port", "70000"], "--port: cần một số nguyên từ 1 đến 65535"),
        (["ingest", "--workers", "0", "x.txt"], "--workers: cần một số nguyên từ 1 trở lên"),
    ],
)
def test_invalid_arguments_are_a_vietnamese_usage_error_with_exit_2(tmp_path, args, says):
    out = kb_raw("--index", str(tmp_path / "kb"), *args)
    assert out.returncode == 2
    assert says in out.stderr
    assert "lỗi:" in out.stderr and "--help" in out.stderr
    assert "Traceback" not in out.stderr and "usage:" not in out.stderr and "error:" not in out.stderr
    assert out.stdout == ""


def test_missing_batch_file_is_a_usage_error(corpus_kb_dir, tmp_path):
    out = kb_raw("search", "--batch", str(tmp_path / "khong-co.txt"), "--index", str(corpus_kb_dir))
    assert out.returncode == 2 and "không có tệp" in out.stderr and "Traceback" not in out.stderr


def test_help_is_vietnamese_and_every_option_explains_itself():
    import argparse

    from kb.cli import build_parser

    missing = []

    def walk(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, f"{name} {sub_name}")
            elif not action.help:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "kb")
    assert missing == []
    out = kb_raw("search", "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("Cách dùng: kb search")
    for text in ("tùy chọn:", "từ 1 đến 1000 (mặc định 10)", "--any", "YYYY-MM-DD", "--index THƯ_MỤC"):
        assert text in out.stdout


def test_search_json_prints_only_the_json_object(corpus_kb_dir):
    out = kb_raw("search", "UBND tỉnh", "--json", "--limit", "2", "--index", str(corpus_kb_dir))
    assert out.returncode == 0
    assert len(out.stdout.splitlines()) == 1
    assert json.loads(out.stdout)["total"] > 0


def test_any_word_mode_counts_every_document_with_a_word(corpus_kb_dir):
    every = json.loads(kb_raw("search", "UBND Nghệ An", "--json", "--index", str(corpus_kb_dir)).stdout)
    some = json.loads(kb_raw("search", "UBND Nghệ An", "--json", "--any", "--index", str(corpus_kb_dir)).stdout)
    assert some["total"] == every["total"] + every["total_partial"]
    assert some["total_partial"] == 0


def test_text_output_counts_full_and_partial_matches_apart(corpus_kb_dir):
    out = kb_raw("search", "UBND Nghệ An", "--limit", "50", "--index", str(corpus_kb_dir))
    assert out.returncode == 0
    first = out.stdout.splitlines()[0]
    assert "kết quả khớp đủ các từ" in first and "kết quả khớp một phần" in first
    assert "-- Kết quả khớp một phần" in out.stdout


def test_json_stays_one_line_when_the_query_holds_line_separators(corpus_kb_dir):
    out = kb_raw("--index", str(corpus_kb_dir), "search", "--json", "--", "tỉnh\x85 Nghệ\u2028An")
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 1
    assert json.loads(out.stdout)["query"] == "tỉnh\x85 Nghệ\u2028An"
