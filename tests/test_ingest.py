"""Ingest: every format, idempotence, updates, and bad input rejected per input with a reason."""

from __future__ import annotations

import gzip
import json

from kb.models import SearchRequest


def statuses(report):
    return {i.origin.split("/")[-1]: (i.status, i.reason) for i in report.items}


def test_ingest_is_idempotent_and_updates_by_id(fresh_kb, tmp_path):
    f = tmp_path / "thong-bao.txt"
    f.write_text("Thông báo lịch tiếp công dân\n\nChủ tịch UBND tỉnh tiếp công dân ngày 5/4/2023.", encoding="utf-8")
    first = fresh_kb.ingest_paths([f], workers=1)
    assert first.summary == {"added": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    again = fresh_kb.ingest_paths([f], workers=1)
    assert again.summary["unchanged"] == 1 and again.summary["added"] == 0
    f.write_text("Thông báo lịch tiếp công dân\n\nChủ tịch UBND tỉnh tiếp công dân ngày 12/4/2023.", encoding="utf-8")
    changed = fresh_kb.ingest_paths([f], workers=1)
    assert changed.summary["updated"] == 1
    assert fresh_kb.stats()["documents"] == 1
    assert fresh_kb.stats()["indexed"] == 1
    assert "12/4/2023" in fresh_kb.get("thong-bao").text
    assert fresh_kb.search(SearchRequest(query="12/4/2023")).total == 1
    assert fresh_kb.search(SearchRequest(query="5/4/2023")).total == 0


def test_every_text_format_is_read(fresh_kb, tmp_path):
    tmp_path = tmp_path / "inbox"
    tmp_path.mkdir()
    (tmp_path / "a.md").write_text("# Kế hoạch chuyển đổi số\n\nNội dung kế hoạch chuyển đổi số năm 2023.", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([
        {"id": "j1", "title": "Tin một", "text": "Nội dung tin một về giao thông.", "ngay": "2021-05-03", "co_quan": "Sở GTVT"},
        {"id": "j2", "tieu_de": "Tin hai", "noi_dung": "Nội dung tin hai về y tế.", "tac_gia": "Minh Anh"},
    ], ensure_ascii=False), encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as g:
        g.write(json.dumps({"id": "g1", "title": "Tin nén", "text": "Văn bản trong tệp nén gzip."}, ensure_ascii=False) + "\n")
    (tmp_path / "d.csv").write_text("ma,ten,noi dung khac\nc1,Lịch họp,Lịch họp giao ban tuần của Văn phòng UBND tỉnh.\n",
                                    encoding="utf-8")
    (tmp_path / "e.html").write_text(
        "<html><head><title>Cổng</title><script>alert(1)</script></head><body><nav>Trang chủ | Liên hệ</nav>"
        "<article><h1>Hội nghị tổng kết</h1><p>" + "UBND tỉnh tổ chức hội nghị tổng kết công tác năm. " * 8 +
        "</p></article><footer>Bản quyền thuộc Cổng thông tin</footer></body></html>", encoding="utf-8")
    report = fresh_kb.ingest_paths([tmp_path], workers=1)
    assert report.count("rejected") == 0, [i.reason for i in report.items if i.status == "rejected"]
    assert report.count("added") == 6
    j2 = fresh_kb.get("j2")
    assert j2.title == "Tin hai" and j2.extra["tac_gia"] == "Minh Anh"
    assert fresh_kb.get("j1").date.isoformat() == "2021-05-03"
    page = fresh_kb.get("e")
    assert page.title == "Hội nghị tổng kết"
    assert "Trang chủ" not in page.text and "Bản quyền" not in page.text and "alert" not in page.text
    assert fresh_kb.get("a").title == "Kế hoạch chuyển đổi số"


def test_bad_inputs_are_rejected_with_reasons_and_the_rest_is_ingested(fresh_kb, tmp_path):
    (tmp_path / "good.txt").write_text("Tin tốt\n\nUBND tỉnh họp bàn về phòng chống lụt bão.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin.txt").write_bytes("Tiêu đề\n\nNội dung".encode()[:-3] + b"\xff\xfe\xfa")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "l1", "title": "Một", "text": "Dòng một hợp lệ."}\n{"id": "l2", "title": \n'
        '{"id": "l3", "title": "Ba", "text": "Dòng ba hợp lệ."}\n', encoding="utf-8")
    (tmp_path / "notext.csv").write_text("id,so\n1,2\n", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    report = fresh_kb.ingest_paths([tmp_path / n for n in (
        "good.txt", "empty.txt", "binary.txt", "latin.txt", "lines.jsonl", "notext.csv", "deep.json", "photo.png")],
        workers=1)
    by = statuses(report)
    assert by["good.txt"][0] == "added"
    assert by["empty.txt"][0] == "rejected" and "rỗng" in by["empty.txt"][1]
    assert by["binary.txt"][0] == "rejected" and "nhị phân" in by["binary.txt"][1]
    assert by["lines.jsonl:2"][0] == "rejected" and "Dòng 2" in by["lines.jsonl:2"][1]
    assert by["lines.jsonl:1"][0] == "added" and by["lines.jsonl:3"][0] == "added"
    assert by["notext.csv"][0] == "rejected" and "cột nội dung" in by["notext.csv"][1]
    assert by["deep.json"][0] == "rejected"
    assert by["photo.png"][0] == "rejected" and "không được hỗ trợ" in by["photo.png"][1]
    # A file with a few broken bytes is still text; it is read, not lost.
    assert by["latin.txt"][0] in ("added", "rejected")
    assert fresh_kb.stats()["documents"] == report.count("added")
    assert fresh_kb.verify()["missing"] == []


def test_reindex_rebuilds_from_the_store_without_reading_files(copy_of_corpus_kb):
    kb = copy_of_corpus_kb
    before = kb.search(SearchRequest(query="chuyển đổi số")).total
    n = kb.reindex()
    assert n == kb.stats()["documents"]
    assert kb.search(SearchRequest(query="chuyển đổi số")).total == before


def test_delete_removes_from_store_and_index(copy_of_corpus_kb):
    kb = copy_of_corpus_kb
    assert kb.search(SearchRequest(query="Văn phòng UBND tỉnh kiểu mẫu")).hits[0].id == "hue-2022-van-phong-ubnd-tong-ket"
    assert kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    assert kb.get("hue-2022-van-phong-ubnd-tong-ket") is None
    assert "hue-2022-van-phong-ubnd-tong-ket" not in [
        h.id for h in kb.search(SearchRequest(query="Văn phòng UBND tỉnh kiểu mẫu")).hits]
    assert not kb.delete("hue-2022-van-phong-ubnd-tong-ket")


def test_verify_finds_and_repairs_drift(copy_of_corpus_kb):
    from kb.search import writer as iw

    kb = copy_of_corpus_kb
    ix = iw.open_or_create(iw.index_path(kb.root))
    w = ix.writer()
    w.delete_by_term("id", "hue-2022-van-phong-ubnd-tong-ket")
    w.commit()
    report = kb.verify()
    assert report["missing"] == ["hue-2022-van-phong-ubnd-tong-ket"]
    repaired = kb.verify(repair=True)
    assert repaired["repaired"]
    assert kb.verify()["missing"] == []


def test_a_second_writer_gets_a_clear_message(copy_of_corpus_kb):
    import pytest

    from kb.api import WriterBusy

    kb = copy_of_corpus_kb
    with kb._write_lock():
        with pytest.raises(WriterBusy, match="tiến trình khác"):
            kb.reindex()


def test_backup_and_restore_bring_back_every_document(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    before = kb.stats()["documents"]
    backup = kb.backup(tmp_path / "kho.bak")
    assert kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    assert kb.stats()["documents"] == before - 1
    assert kb.restore(backup) == before
    assert kb.get("hue-2022-van-phong-ubnd-tong-ket") is not None
    assert kb.search(SearchRequest(query="Văn phòng UBND tỉnh kiểu mẫu")).hits[0].id == "hue-2022-van-phong-ubnd-tong-ket"
    assert kb.verify()["missing"] == []


def test_restore_refuses_a_file_that_is_not_a_backup(copy_of_corpus_kb, tmp_path):
    import pytest

    bad = tmp_path / "khong-phai.bak"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ValueError, match="sao lưu"):
        copy_of_corpus_kb.restore(bad)
    assert copy_of_corpus_kb.stats()["documents"] > 40
