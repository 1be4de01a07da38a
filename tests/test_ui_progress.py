"""kb.ui.progress: documents done / total and the time left, with an injected clock."""

from __future__ import annotations

import json

from kb.ui.progress import ProgressEstimate, remaining_seconds, rounded


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_no_estimate_in_the_first_second_or_before_any_work():
    assert remaining_seconds(0.5, 0.5) is None
    assert remaining_seconds(30, 0.0) is None
    assert remaining_seconds(30, 0.01) is None


def test_time_left_follows_the_pace_so_far():
    assert remaining_seconds(30, 0.25) == 90
    assert remaining_seconds(30, 1.0) == 0


def test_estimates_are_rounded_to_5_seconds_then_to_minutes():
    assert rounded(1) == 5 and rounded(41) == 45 and rounded(60) == 60 and rounded(61) == 120


def test_text_says_done_over_total_and_time_left_in_vietnamese():
    clock = Clock()
    estimate = ProgressEstimate(2000, "văn bản", clock=clock)
    assert estimate.text(0) == "0/2.000 văn bản · đang ước tính thời gian còn lại…"
    clock.now += 20
    assert estimate.text(400) == "400/2.000 văn bản · còn khoảng 2 phút"  # 80 s left, rounded up
    clock.now += 70
    assert estimate.text(1800) == "1.800/2.000 văn bản · còn khoảng 10 giây"
    assert estimate.text(2000) == "2.000/2.000 văn bản"


def test_a_weight_other_than_the_count_drives_the_estimate():
    clock = Clock()
    estimate = ProgressEstimate(4, "tệp", clock=clock)
    clock.now += 10
    # one small file of four done, but it was 90% of the bytes: almost finished
    assert estimate.share(1, 900, 1000) == 0.9
    assert estimate.text(1, 900, 1000) == "1/4 tệp · còn khoảng 5 giây"


class Upload:
    """What st.file_uploader hands over: a name, a size and the bytes."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.size, self._data = name, len(data), data

    def getvalue(self) -> bytes:
        return self._data


def test_upload_progress_counts_files_bytes_and_documents(fresh_kb):
    from kb.ui.admin_page import ingest_files

    files = [
        Upload("mot.txt", "Thông báo một\n\nUBND tỉnh thông báo zzprogress một.".encode()),
        Upload("hai.jsonl", "\n".join(
            json.dumps({"title": f"Tin {i}", "text": f"Nội dung tin số {i} zzprogress."}) for i in range(3)).encode()),
        Upload("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
    ]
    calls = []
    rows = ingest_files(fresh_kb, files, lambda *args: calls.append(args))
    assert [r["Trạng thái"] for r in rows] == ["Đã thêm"] * 4 + ["Bị từ chối"]
    assert calls[0] == (0, 0, 0, "mot.txt")
    total_bytes = sum(f.size for f in files)
    assert calls[-1] == (3, total_bytes, 5, "")  # all files, all bytes, every item (the refusal too)
    files_done = [c[0] for c in calls]
    assert files_done == sorted(files_done)
    documents = [c[2] for c in calls]
    assert documents == sorted(documents) and 1 < len(set(documents))
