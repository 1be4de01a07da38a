"""Progress of a long admin operation in words: "120/500 văn bản · còn khoảng 2 phút".

Pure (the clock is injected), so the estimate is tested without waiting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kb.ui.labels import vn_duration, vn_number

# No estimate before this much time and work: the first seconds (opening the index, starting
# workers) say little about the rest.
MIN_ELAPSED = 1.0
MIN_SHARE = 0.02


def remaining_seconds(elapsed: float, share_done: float) -> float | None:
    """Time left if the rest goes at the pace so far; None when it is too early to say."""
    if elapsed < MIN_ELAPSED or share_done < MIN_SHARE:
        return None
    if share_done >= 1:
        return 0.0
    return elapsed * (1 - share_done) / share_done


def rounded(seconds: float) -> float:
    """An estimate stays an estimate: whole 5 seconds under a minute, whole minutes above."""
    if seconds < 60:
        return max(5.0, 5 * math.ceil(seconds / 5))
    return 60 * math.ceil(seconds / 60)


@dataclass
class ProgressEstimate:
    """`total` things of `unit` ("văn bản", "tệp"); the share done may be measured in another weight
    (bytes of the uploaded files) that says more about the time left than a count does."""

    total: int
    unit: str
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def share(self, done: int, weight_done: float | None = None, weight_total: float | None = None) -> float:
        if weight_done is not None and weight_total:
            return min(1.0, weight_done / weight_total)
        return min(1.0, done / self.total) if self.total else 1.0

    def text(self, done: int, weight_done: float | None = None, weight_total: float | None = None) -> str:
        share = self.share(done, weight_done, weight_total)
        parts = [f"{vn_number(done)}/{vn_number(self.total)} {self.unit}"]
        if done < self.total:
            left = remaining_seconds(self.clock() - self.started, share)
            parts.append("đang ước tính thời gian còn lại…" if left is None else f"còn khoảng {vn_duration(rounded(left))}")
        return " · ".join(parts)
