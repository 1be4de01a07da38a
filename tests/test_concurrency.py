"""Searches from many threads at once, also while an ingest and a reindex run: correct and error-free."""

from __future__ import annotations

import threading
import time

from kb.models import SearchRequest

QUERIES = ["chuyển đổi số", "chu tich ubnd tinh", "HĐND tỉnh", "quyết định 1673", "Thừa Thiên Huế", "phòng chống dịch"]


def test_eight_sessions_search_at_once_with_the_same_answers(corpus_kb):
    expected = {q: [h.id for h in corpus_kb.search(SearchRequest(query=q)).hits] for q in QUERIES}
    errors: list[BaseException] = []
    mismatches: list[str] = []

    def session(k: int) -> None:
        try:
            for i in range(30):
                q = QUERIES[(k + i) % len(QUERIES)]
                got = [h.id for h in corpus_kb.search(SearchRequest(query=q)).hits]
                if got != expected[q]:
                    mismatches.append(q)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert not mismatches


def test_searches_never_fail_during_ingest_and_reindex(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    docs = tmp_path / "new"
    docs.mkdir()
    for i in range(60):
        (docs / f"moi-{i}.txt").write_text(
            f"Thông báo mới số {i}\n\nỦy ban nhân dân tỉnh Nghệ An thông báo lịch làm việc tuần {i} về chuyển đổi số.",
            encoding="utf-8")
    stop = threading.Event()
    errors: list[BaseException] = []
    counts = {"searches": 0}
    totals: list[int] = []

    def searcher() -> None:
        while not stop.is_set():
            try:
                resp = kb.search(SearchRequest(query="chuyển đổi số Nghệ An"))
                totals.append(resp.total)
                counts["searches"] += 1
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for t in threads:
        t.start()
    before = kb.search(SearchRequest(query="chuyển đổi số Nghệ An")).total
    kb.ingest_paths([docs], workers=1)
    kb.reindex()
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    after = kb.search(SearchRequest(query="chuyển đổi số Nghệ An")).total
    assert not errors, errors[:3]
    assert counts["searches"] > 10
    assert after == before + 60
    # Every answer was either the old state or the new one, or on the way between them.
    assert all(before <= t <= after for t in totals)
