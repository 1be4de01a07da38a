"""`kb reindex --reextract`: a store filled by an older version gets its metadata read again with the
current rules, from the stored text and the file fields the document came with, and nothing the file
said is lost on the way."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faults  # noqa: E402

from kb.api import REEXTRACT_KEY, KnowledgeBase, StaleData  # noqa: E402
from kb.extract import RULES_VERSION  # noqa: E402
from kb.ingest import reextract  # noqa: E402
from kb.models import Announcement  # noqa: E402


def _docs(index: Path) -> dict[str, dict]:
    with sqlite3.connect(index / "store.sqlite3") as conn:
        return {doc_id: json.loads(doc) for doc_id, doc in conn.execute("SELECT id, doc FROM documents")}


def _as_older_version_left_it(index: Path, keep_hints: bool = False) -> None:
    """Rewrite the stored documents as an older version stored them: no recorded rules or file
    fields, and metadata that the current rules would not give (a stale body and person)."""
    with sqlite3.connect(index / "store.sqlite3") as conn:
        for doc_id, doc in conn.execute("SELECT id, doc FROM documents").fetchall():
            ann = json.loads(doc)
            ann.pop("extractor", None)
            if not keep_hints:
                ann.pop("hints", None)
            ann["agencies"] = [*ann["agencies"], "Ban Quản lý còn thành phố Hồ Chí Minh"]
            ann["people"] = [*ann["people"], {"name": "Hoàng Gia Phát", "role": None, "surface_forms": []}]
            conn.execute("UPDATE documents SET doc=? WHERE id=?", (json.dumps(ann, ensure_ascii=False), doc_id))


def test_ingest_records_the_rules_and_the_file_fields(corpus_kb):
    docs = corpus_kb.store.get_many(corpus_kb.store.ids())
    assert {ann.extractor for ann in docs.values()} == {RULES_VERSION}
    assert corpus_kb.outdated_metadata() == 0 and corpus_kb.stats()["outdated_metadata"] == 0
    # The press releases file gives a date and an agency for each record; plain files give none.
    release = docs["tcbc-da-nang-2024-kinh-te-xa-hoi-quy-1"]
    assert release.hints == {"date": "2024-04-05", "agency": "Ủy ban nhân dân thành phố Đà Nẵng"}
    assert docs["qd-1673-quang-nam-2022-to-cong-tac"].hints == {}


def test_a_file_agency_is_named_as_the_text_would_name_it(corpus_kb):
    # The file writes "Ủy ban nhân dân thành phố Đà Nẵng", the text "UBND thành phố Đà Nẵng": one body.
    release = corpus_kb.get("tcbc-da-nang-2024-kinh-te-xa-hoi-quy-1")
    assert "UBND thành phố Đà Nẵng" in release.agencies
    assert not [a for a in release.agencies if a.startswith("Ủy ban nhân dân")]
    values = {v.value for v in corpus_kb.facet_values("agency")}
    assert not [v for v in values if v.startswith("Ủy ban nhân dân")]


def test_reextract_reads_an_older_store_again_as_a_fresh_ingest_would(copy_of_corpus_kb):
    index = copy_of_corpus_kb.root
    fresh = _docs(index)
    _as_older_version_left_it(index)
    stale = KnowledgeBase(index)
    stale.reindex()  # the index now counts the stale metadata too
    assert "Ban Quản lý còn thành phố Hồ Chí Minh" in {v.value for v in stale.facet_values("agency")}

    status = faults.kb(index, "stats")
    assert f"{len(fresh)} văn bản có siêu dữ liệu" in status.stdout and "kb reindex --reextract" in status.stdout

    done = faults.kb(index, "reindex", "--reextract", "--quiet")
    assert done.returncode == 0, done.stderr
    assert f"Đã đọc lại siêu dữ liệu của {len(fresh)} văn bản ({len(fresh)} văn bản có thay đổi)" in done.stdout
    # Every document is as a fresh ingest stored it, file fields recovered from the content hash.
    assert _docs(index) == fresh
    kb = KnowledgeBase(index)
    agencies = {v.value for v in kb.facet_values("agency")}
    assert "Ban Quản lý còn thành phố Hồ Chí Minh" not in agencies and "UBND tỉnh Quảng Nam" in agencies
    assert "Hoàng Gia Phát" not in {v.value for v in kb.facet_values("person")}
    assert kb.outdated_metadata() == 0 and kb.version_problems() == []
    assert "siêu dữ liệu" not in faults.kb(index, "stats").stdout
    # A second run has nothing left to read.
    again = faults.kb(index, "reindex", "--reextract", "--quiet")
    assert "Đã đọc lại siêu dữ liệu của 0 văn bản" in again.stdout


def test_a_document_whose_file_fields_cannot_be_recovered_keeps_its_metadata(fresh_kb, tmp_path):
    data = tmp_path / "releases.jsonl"
    record = {"id": "tb-ha-noi", "title": "Thông báo lịch làm việc",
              "text": "Lịch làm việc tuần này của lãnh đạo được thông báo như sau.",
              "date": "ngày 3 tháng 5 năm 2023", "agency": "Văn phòng UBND TP. Hà Nội"}
    data.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    fresh_kb.ingest_paths([data], workers=1)
    before = fresh_kb.get("tb-ha-noi")
    assert before.agencies[0] == "Văn phòng UBND thành phố Hà Nội" and before.date is not None
    _as_older_version_left_it(fresh_kb.root)
    older = KnowledgeBase(fresh_kb.root).get("tb-ha-noi")

    kb = KnowledgeBase(fresh_kb.root)
    kb.reindex(reextract=True)
    assert kb.last_reextract.read == 0 and kb.last_reextract.kept == ["tb-ha-noi"]
    assert "hãy nạp lại tệp của chúng: tb-ha-noi" in kb.last_reextract.summary()
    # The file's agency and date are still there: the document was left as it was.
    assert kb.get("tb-ha-noi") == older
    assert kb.outdated_metadata() == 1


def test_recorded_file_fields_are_used_as_recorded(copy_of_corpus_kb):
    index = copy_of_corpus_kb.root
    fresh = _docs(index)
    _as_older_version_left_it(index, keep_hints=True)
    kb = KnowledgeBase(index)
    kb.reindex(reextract=True)
    assert kb.last_reextract.kept == [] and _docs(index) == fresh


def test_a_stop_between_reading_and_rebuilding_is_reported_and_resumed(copy_of_corpus_kb, monkeypatch):
    index = copy_of_corpus_kb.root
    fresh = _docs(index)
    _as_older_version_left_it(index)
    kb = KnowledgeBase(index)
    monkeypatch.setattr(reextract, "CHUNK", 10)
    real_update = kb.store.update_metadata
    calls = []

    def stop_on_third_chunk(rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is stopped here
        return real_update(rows)

    monkeypatch.setattr(kb.store, "update_metadata", stop_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        kb.reindex(reextract=True)
    # Chunks are whole: twenty documents are read again, the rest are as they were.
    now = _docs(index)
    assert sum(now[i] == fresh[i] for i in fresh) == 20
    assert kb.outdated_metadata() == len(fresh) - 20
    # The index still holds the old metadata: adding documents is refused until it is rebuilt.
    assert kb.store.get_meta(REEXTRACT_KEY) == "pending"
    assert any("kb reindex" in p for p in kb.version_problems())
    with pytest.raises(StaleData):
        kb.ingest_paths([Path(faults.ROOT) / "corpus" / "lich-tiep-cong-dan.csv"], workers=1)
    monkeypatch.undo()
    resumed = KnowledgeBase(index)
    resumed.reindex(reextract=True)
    assert resumed.last_reextract.read == len(fresh) - 20
    assert _docs(index) == fresh and resumed.version_problems() == []


def test_metadata_is_not_written_over_a_document_changed_meanwhile(copy_of_corpus_kb):
    store = copy_of_corpus_kb.store
    doc_id = "qd-1673-quang-nam-2022-to-cong-tac"
    ann = store.get(doc_id)
    changed = ann.model_copy(update={"content_hash": "0" * 32, "agencies": ["Bộ Y tế"]})
    assert store.update_metadata([(changed, [], [])]) == 0
    assert store.get(doc_id) == ann
    assert store.update_metadata([(ann.model_copy(update={"signer": "Lê Trí Thanh"}), [], [])]) == 1
    assert store.get(doc_id).signer == "Lê Trí Thanh"


def test_recover_hints_finds_the_fields_the_content_hash_covers():
    from kb.ingest.prepare import content_hash
    from kb.models import RawDocument

    raw = RawDocument(title="Thông cáo", text="UBND tỉnh Nghệ An thông báo kết quả.", date="15/09/2022",
                      agency="Công an tỉnh Nghệ An", source="Phòng PV01")
    ann = Announcement(id="x", title=raw.title, text=raw.text, source="Phòng PV01", date="2022-09-15",
                       date_source="metadata", agencies=["Công an tỉnh Nghệ An", "UBND tỉnh Nghệ An"],
                       content_hash=content_hash(raw.title, raw.text, raw))
    assert reextract.recover_hints(ann) == {"date": "15/09/2022", "agency": "Công an tỉnh Nghệ An"}
    assert reextract.recover_hints(ann.model_copy(update={"source": "khác"})) is None
