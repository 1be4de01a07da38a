"""kb.ui.overview: timeline and top lists (pure functions)."""

from __future__ import annotations

import datetime as dt

from kb.models import Announcement, Person
from kb.ui import overview
from kb.ui.export import record


def _ann(i: int, date: dt.date | None, people=(), agencies=()) -> Announcement:
    return Announcement(id=f"d{i}", title=f'Tiêu đề "{i}", có dấu phẩy', text="nội dung", date=date,
                        year=date.year if date else None, people=[Person(name=n, role=r) for n, r in people],
                        agencies=list(agencies), url="https://example.gov.vn/x")


RECORDS = [
    record(_ann(1, dt.date(2023, 1, 5), [("Lê Văn A", "Chủ tịch UBND tỉnh")], ["UBND tỉnh X"])),
    record(_ann(2, dt.date(2023, 1, 20), [("Lê Văn A", None), ("Trần Thị B", "Giám đốc Sở")],
                         ["UBND tỉnh X", "Sở Y tế"])),
    record(_ann(3, dt.date(2024, 3, 1), [], ["Sở Y tế"])),
    record(_ann(4, None)),
]


def test_timeline_by_month_and_year_skips_undated():
    by_month = overview.timeline_frame(RECORDS, "month")
    assert by_month["count"].tolist() == [2, 1]
    assert [d.strftime("%Y-%m") for d in by_month["period"]] == ["2023-01", "2024-03"]
    by_year = overview.timeline_frame(RECORDS, "year")
    assert dict(zip(by_year["period"], by_year["count"], strict=True)) == {"2023": 2, "2024": 1}


def test_top_people_and_agencies_count_documents():
    people = overview.top_frame(RECORDS, "people")
    assert people.iloc[0].tolist() == ["Lê Văn A", 2]
    agencies = dict(overview.top_frame(RECORDS, "agencies").values.tolist())
    assert agencies == {"UBND tỉnh X": 2, "Sở Y tế": 2}
