"""Backup and restore: a backup is checked in full before anything is replaced, a failed restore
leaves store and index as they were, and the previous store is kept after a successful one."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kb.models import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["giao thông", "y tế", "giáo dục", "đất đai", "du lịch", "thủy lợi", "chuyển đổi số", "phòng cháy"]
GENERATED = 300
PAGE = 4096


def kb_cli(index: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def generated_kb_dir(tmp_path_factory) -> Path:
    """A few hundred generated announcements, long enough that their text spills onto overflow pages."""
    from kb.api import KnowledgeBase

    root = tmp_path_factory.mktemp("generated-kb")
    src = root.parent / "thong-bao.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(GENERATED):
            topic = TOPICS[i % len(TOPICS)]
            text = (f"Ngày {1 + i % 28}/{1 + i % 12}/2023, UBND tỉnh Quảng Nam họp bàn về {topic}. "
                    f"Mã số theo dõi tb-{i:04d}. ") * 40
            f.write(json.dumps({"id": f"tb-{i:04d}", "title": f"Thông báo số {i} về {topic}", "text": text},
                               ensure_ascii=False) + "\n")
    kb = KnowledgeBase(root)
    assert kb.ingest_paths([src], workers=1).count("added") == GENERATED
    kb.store.close()
    return root


@pytest.fixture
def generated_kb(generated_kb_dir, tmp_path):
    from kb.api import KnowledgeBase

    dest = tmp_path / "kb"
    shutil.copytree(generated_kb_dir, dest, symlinks=True)
    return KnowledgeBase(dest)


def store_digest(kb) -> str:
    """The store's bytes: its file and its WAL (the -shm file changes on every read)."""
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(f"{kb.store.path}{suffix}")
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.hexdigest()


def store_content(kb) -> list[tuple]:
    with sqlite3.connect(f"file:{kb.store.path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT id, content_hash, doc FROM documents ORDER BY id").fetchall()


def results(kb, query: str) -> tuple[int, list[str]]:
    resp = kb.search(SearchRequest(query=query, limit=20))
    return resp.total, [h.id for h in resp.hits]


def live_generation(kb) -> str:
    return (kb.root / "whoosh").resolve().name


def assert_nothing_changed(kb, digest: str, generation: str, before: tuple[int, list[str]], query: str) -> None:
    assert store_digest(kb) == digest
    assert live_generation(kb) == generation
    assert results(kb, query) == before
    assert not (kb.root / "restore-backups").exists() or not any((kb.root / "restore-backups").iterdir())
    assert not (kb.root / ".restore-work").exists()


# -- corrupting a backup -------------------------------------------------------------------------
def overwrite_pages(path: Path, start: int, count: int, seed: int = 7) -> None:
    with open(path, "r+b") as f:
        f.seek(start * PAGE)
        f.write(random.Random(seed).randbytes(count * PAGE))


def corrupt_middle_but_still_countable(path: Path) -> None:
    """Random bytes over a run of pages in the middle, chosen so that the file still opens and
    `SELECT COUNT(*)` still answers (the case the old check let through)."""
    pages = path.stat().st_size // PAGE
    run = max(4, pages // 10)
    pristine = path.read_bytes()
    for offset in range(pages // 2):
        for start in (pages // 2 - run // 2 + offset, pages // 2 - run // 2 - offset):
            path.write_bytes(pristine)
            overwrite_pages(path, start, run)
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                    conn.execute("SELECT COUNT(*) FROM documents").fetchone()
            except sqlite3.DatabaseError:
                continue
            return
    raise AssertionError("no run of pages leaves the documents table countable")


def truncate(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def not_sqlite(path: Path) -> None:
    path.write_text("Thông báo này không phải là một tệp sao lưu.\n" * 200, encoding="utf-8")


def wrong_schema(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE thong_bao (ma TEXT PRIMARY KEY, noi_dung TEXT)")
        conn.execute("INSERT INTO thong_bao VALUES ('tb-1', 'Lịch tiếp công dân')")


def missing_column(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE documents DROP COLUMN numbers")


def newer_schema_version(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('store_schema', '99')")


def invalid_json_row(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE documents SET doc = '{\"id\": \"tb-0042\", \"title\": ' WHERE id = 'tb-0042'")


def id_mismatch_row(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        doc = json.loads(conn.execute("SELECT doc FROM documents WHERE id = 'tb-0007'").fetchone()[0])
        doc["id"] = "tb-khac"
        conn.execute("UPDATE documents SET doc = ? WHERE id = 'tb-0007'", (json.dumps(doc, ensure_ascii=False),))


def broken_joins_row(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE documents SET text_joins = x'00ff00ff' WHERE id = 'tb-0100'")


BAD_BACKUPS = {
    "corrupted_pages": (corrupt_middle_but_still_countable, "bị hỏng"),
    "truncated": (truncate, "bị hỏng|cắt cụt"),
    "not_sqlite": (not_sqlite, "không phải tệp cơ sở dữ liệu SQLite"),
    "wrong_schema": (wrong_schema, "thiếu bảng documents"),
    "missing_column": (missing_column, "thiếu cột numbers"),
    "newer_schema_version": (newer_schema_version, "phiên bản cấu trúc '99'"),
    "invalid_json": (invalid_json_row, "tb-0042.*JSON của văn bản bị hỏng"),
    "id_mismatch": (id_mismatch_row, "tb-0007.*khác mã của dòng"),
    "broken_joins": (broken_joins_row, "tb-0100.*không giải nén được"),
}


@pytest.mark.parametrize("damage", sorted(BAD_BACKUPS))
def test_a_damaged_backup_is_refused_and_changes_nothing(generated_kb, tmp_path, damage):
    kb = generated_kb
    backup = kb.backup(tmp_path / "kho.bak")
    corrupt, cause = BAD_BACKUPS[damage]
    corrupt(backup)
    query = "phòng cháy tb-0007"
    digest, generation, before = store_digest(kb), live_generation(kb), results(kb, query)
    with pytest.raises(ValueError, match=rf"kho\.bak không dùng được: .*({cause})") as refused:
        kb.restore(backup)
    assert "Kho hiện tại không thay đổi" in str(refused.value)
    assert_nothing_changed(kb, digest, generation, before, query)
    assert kb.stats()["documents"] == GENERATED and kb.verify()["missing"] == []


def test_the_reported_corruption_is_refused_by_the_cli_without_a_traceback(generated_kb, tmp_path):
    kb = generated_kb
    backup = kb.backup(tmp_path / "hong.bak")
    corrupt_middle_but_still_countable(backup)
    before = results(kb, "giao thông")
    kb.store.close()  # closing folds the WAL into the file: take the bytes after it
    digest = store_digest(kb)
    out = kb_cli(kb.root, "restore", str(backup))
    assert out.returncode == 1, out.stderr
    assert "hong.bak không dùng được" in out.stderr and "tệp bị hỏng" in out.stderr
    assert "Traceback" not in out.stderr
    assert store_digest(kb) == digest and results(kb, "giao thông") == before
    verify = kb_cli(kb.root, "verify")
    assert verify.returncode == 0 and "khớp nhau" in verify.stdout


def test_restoring_a_missing_file_creates_nothing_and_exits_1(copy_of_corpus_kb, tmp_path):
    missing = tmp_path / "missing.bak"
    with pytest.raises(ValueError, match="Không tìm thấy tệp sao lưu .*missing.bak"):
        copy_of_corpus_kb.restore(missing)
    assert not missing.exists()
    out = kb_cli(copy_of_corpus_kb.root, "restore", str(missing))
    assert out.returncode == 1 and "Không tìm thấy tệp sao lưu" in out.stderr and "Traceback" not in out.stderr
    assert not missing.exists() and not Path(f"{missing}-wal").exists() and not Path(f"{missing}-journal").exists()


# -- restoring a good backup ---------------------------------------------------------------------
def test_restore_of_a_good_backup_brings_back_ids_and_search(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    ids = kb.store.ids()
    backup = kb.backup(tmp_path / "kho.bak")
    assert kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    extra = tmp_path / "moi.txt"
    extra.write_text("Thông báo lịch trực Tết\n\nVăn phòng UBND tỉnh phân công lịch trực Tết Nguyên đán.",
                     encoding="utf-8")
    assert kb.ingest_paths([extra], workers=1).count("added") == 1

    assert kb.restore(backup) == len(ids)

    assert kb.store.ids() == ids and kb.get("moi") is None
    hits = kb.search(SearchRequest(query="Văn phòng UBND tỉnh kiểu mẫu")).hits
    assert hits[0].id == "hue-2022-van-phong-ubnd-tong-ket"
    assert "moi" not in [h.id for h in kb.search(SearchRequest(query="lịch trực Tết Nguyên đán")).hits]
    assert kb.verify() == {"missing": [], "stale": [], "extra": [], "repaired": False,
                           "references_stale": [], "references_extra": []}
    assert not (kb.root / ".restore-work").exists()


def test_the_previous_store_is_kept_as_a_dated_copy_that_restores(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    backup = kb.backup(tmp_path / "kho.bak")
    assert kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    before_ids, before_generation = kb.store.ids(), live_generation(kb)

    kb.restore(backup)

    kept = kb.last_restore.previous_copy
    assert kept.parent == kb.root / "restore-backups" and kept.name.endswith("Z")
    note = json.loads((kept / "restore.json").read_text(encoding="utf-8"))
    assert note["status"] == "done" and note["previous_index_generation"] == before_generation
    assert note["previous_documents"] == len(before_ids) == kb.last_restore.previous_documents
    with sqlite3.connect(f"file:{kept / 'store.sqlite3'}?mode=ro", uri=True) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")] == before_ids
    # Undoing the restore is restoring the dated copy.
    kb.restore(kept / "store.sqlite3")
    assert kb.store.ids() == before_ids and kb.get("hue-2022-van-phong-ubnd-tong-ket") is None


def test_cli_restore_says_where_the_previous_store_was_kept(generated_kb, tmp_path):
    kb = generated_kb
    backup = kb.backup(tmp_path / "kho.bak")
    kb.delete("tb-0001")
    kb.store.close()
    out = kb_cli(kb.root, "restore", str(backup))
    assert out.returncode == 0, out.stderr
    assert f"Đã khôi phục {GENERATED} văn bản" in out.stdout
    kept = next((kb.root / "restore-backups").iterdir())
    assert f"được giữ tại {kept}" in out.stdout
    assert out.stderr == ""


# -- failures on the way -------------------------------------------------------------------------
def test_a_crash_while_building_the_new_index_leaves_the_old_store_and_index(copy_of_corpus_kb, tmp_path,
                                                                                monkeypatch):
    from kb.backup import RestoreFailed
    from kb.search import writer as iw

    kb = copy_of_corpus_kb
    backup = kb.backup(tmp_path / "kho.bak")
    kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    query = "Văn phòng UBND tỉnh kiểu mẫu"
    digest, generation, before = store_digest(kb), live_generation(kb), results(kb, query)
    real = iw.rebuild_aside

    def dies_halfway(root, docs, total, *args, **kwargs):
        def some_then_crash():
            for i, doc in enumerate(docs):
                if i == 10:
                    raise RuntimeError("mô phỏng sự cố giữa chừng")
                yield doc

        return real(root, some_then_crash(), total, *args, **kwargs)

    monkeypatch.setattr(iw, "rebuild_aside", dies_halfway)
    with pytest.raises(RestoreFailed, match="không thành công.*mô phỏng sự cố.*Kho và chỉ mục vẫn như trước"):
        kb.restore(backup)
    assert_nothing_changed(kb, digest, generation, before, query)
    assert kb.get("hue-2022-van-phong-ubnd-tong-ket") is None
    assert sorted(p.name for p in kb.root.glob("whoosh-*")) == [generation]  # the half-built one is gone


def test_a_failed_store_switch_puts_the_old_index_back(copy_of_corpus_kb, tmp_path, monkeypatch):
    from kb.backup import RestoreFailed

    kb = copy_of_corpus_kb
    backup = kb.backup(tmp_path / "kho.bak")
    kb.delete("hue-2022-van-phong-ubnd-tong-ket")
    query = "Văn phòng UBND tỉnh kiểu mẫu"
    content, generation, before = store_content(kb), live_generation(kb), results(kb, query)
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == kb.store.path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(RestoreFailed, match="ổ đĩa đã đầy.*Kho và chỉ mục vẫn như trước") as failed:
        kb.restore(backup)
    assert failed.value.storage
    monkeypatch.undo()
    # The index had been switched to the new generation; it points at the old one again. The store's
    # WAL was folded into its file before the switch, so compare its content rather than its bytes.
    assert live_generation(kb) == generation
    assert store_content(kb) == content
    assert results(kb, query) == before and kb.get("hue-2022-van-phong-ubnd-tong-ket") is None
    assert not any((kb.root / "restore-backups").iterdir()) and not (kb.root / ".restore-work").exists()
    assert kb.verify()["missing"] == [] and kb.verify()["extra"] == []


def test_a_failure_after_the_store_switch_puts_the_old_store_back(generated_kb, tmp_path, monkeypatch):
    from kb.backup import RestoreFailed
    from kb.store import DocumentStore

    kb = generated_kb
    backup = kb.backup(tmp_path / "kho.bak")
    kb.delete("tb-0003")
    content, generation, before = store_content(kb), live_generation(kb), results(kb, "tb-0003")
    # The restore counts the live store only once it is the new one: make that count come out wrong.
    monkeypatch.setattr(DocumentStore, "count", lambda self: -1)
    with pytest.raises(RestoreFailed, match="có -1 văn bản thay vì 300.*Kho và chỉ mục vẫn như trước"):
        kb.restore(backup)
    monkeypatch.undo()
    assert store_content(kb) == content and live_generation(kb) == generation
    assert results(kb, "tb-0003") == before and kb.get("tb-0003") is None


def test_a_process_killed_between_the_two_switches_loses_nothing(generated_kb, tmp_path):
    """The documented window: the new index is live, the old store is still whole. `kb verify
    --repair` brings the index back in line with the store."""
    kb = generated_kb
    backup = kb.backup(tmp_path / "kho.bak")
    kb.delete("tb-0005")
    content, total = store_content(kb), kb.search(SearchRequest(query="phòng cháy")).total
    kb.store.close()
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from kb.api import KnowledgeBase\n"
        "kb = KnowledgeBase(sys.argv[1])\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        "    if Path(dst) == kb.store.path:\n"
        "        os._exit(9)\n"
        "    return real(src, dst)\n"
        "os.replace = replace\n"
        "kb.restore(sys.argv[2])\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(kb.root), str(backup)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == 9, killed.stderr
    assert store_content(kb) == content
    repaired = kb_cli(kb.root, "verify", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert kb_cli(kb.root, "verify").stdout.strip() == "Kho và chỉ mục khớp nhau."
    assert kb.search(SearchRequest(query="phòng cháy")).total == total and kb.get("tb-0005") is None
    assert kb.search(SearchRequest(query="Mã số theo dõi tb-0042")).hits[0].id == "tb-0042"
    # The next restore cleans up after the killed one and succeeds.
    assert kb.restore(backup) == GENERATED and kb.get("tb-0005") is not None


# -- backup --------------------------------------------------------------------------------------
def test_backup_is_one_checked_file_that_restores(generated_kb, tmp_path):
    dest = generated_kb.backup(tmp_path / "sao-luu" / "kho.bak")
    assert sorted(p.name for p in dest.parent.iterdir()) == ["kho.bak"]
    with sqlite3.connect(f"file:{dest}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == GENERATED


def test_backup_never_overwrites_without_force(generated_kb, tmp_path):
    dest = tmp_path / "kho.bak"
    dest.write_text("bản sao lưu cũ, đừng ghi đè", encoding="utf-8")
    with pytest.raises(ValueError, match="đã tồn tại nên không ghi đè.*--force"):
        generated_kb.backup(dest)
    assert dest.read_text(encoding="utf-8") == "bản sao lưu cũ, đừng ghi đè"
    generated_kb.store.close()
    out = kb_cli(generated_kb.root, "backup", str(dest))
    assert out.returncode == 1 and "--force" in out.stderr and "Traceback" not in out.stderr
    assert dest.read_text(encoding="utf-8") == "bản sao lưu cũ, đừng ghi đè"
    forced = kb_cli(generated_kb.root, "backup", str(dest), "--force")
    assert forced.returncode == 0 and "Đã sao lưu" in forced.stdout
    with sqlite3.connect(f"file:{dest}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == GENERATED


def test_a_backup_failing_its_check_leaves_no_file(generated_kb, tmp_path, monkeypatch):
    from kb import backup as bk

    def fails(path, shown):
        raise bk.InvalidBackup(shown, "mô phỏng bản sao hỏng")

    monkeypatch.setattr(bk, "check_backup", fails)
    with pytest.raises(bk.BackupFailed, match="không đạt kiểm tra.*Không có tệp nào được tạo"):
        generated_kb.backup(tmp_path / "kho.bak")
    assert list(tmp_path.iterdir()) == [generated_kb.root]
    old = tmp_path / "cu.bak"
    old.write_bytes(b"old")
    with pytest.raises(bk.BackupFailed, match="vẫn như trước"):
        generated_kb.backup(old, force=True)
    assert old.read_bytes() == b"old"


def test_a_damaged_live_store_can_be_restored_over_but_not_backed_up(generated_kb, tmp_path):
    from kb.api import KnowledgeBase
    from kb.backup import BackupFailed

    backup = generated_kb.backup(tmp_path / "kho.bak")
    root = generated_kb.root
    generated_kb.store.close()
    pages = (root / "store.sqlite3").stat().st_size // PAGE
    overwrite_pages(root / "store.sqlite3", pages // 2, 20)
    kb = KnowledgeBase(root)
    with pytest.raises(BackupFailed, match="không đạt kiểm tra.*Không có tệp nào được tạo"):
        kb.backup(tmp_path / "tu-kho-hong.bak")
    assert not (tmp_path / "tu-kho-hong.bak").exists()

    assert kb.restore(backup) == GENERATED

    assert kb.verify()["missing"] == [] and kb.get("tb-0150").title == "Thông báo số 150 về chuyển đổi số"
    kept = kb.last_restore.previous_copy / "store.sqlite3"
    assert kept.stat().st_size > 0  # the damaged store is kept as it was, for whoever wants to look
