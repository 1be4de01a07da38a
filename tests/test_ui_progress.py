"""kb.ui.progress: documents done / total and the time left, with an injected clock."""

from __future__ import annotations

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
