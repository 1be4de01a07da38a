"""kb.ui.overview: export records, CSV/JSON, timeline and top lists (pure functions)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from kb.models import Announcement, Person
from kb.ui import overview


def _ann(i: int, date: dt.date | None, people=(), agencies=()) -> Announcement:
    return Announcement(id=f"d{i}", title=f'Tiêu đề "{i}", có dấu phẩy', text="nội dung", date=date,
                        year=date.year if date else None, people=[Person(name=n, role=r) for n, r in people],
                        agencies=list(agencies), url="https://example.gov.vn/x")


RECORDS = [
    overview.record(_ann(1, dt.date(2023, 1, 5), [("Lê Văn A", "Chủ tịch UBND tỉnh")], ["UBND tỉnh X"])),
    overview.record(_ann(2, dt.date(2023, 1, 20), [("Lê Văn A", None), ("Trần Thị B", "Giám đốc Sở")],
                         ["UBND tỉnh X", "Sở Y tế"])),
    overview.record(_ann(3, dt.date(2024, 3, 1), [], ["Sở Y tế"])),
    overview.record(_ann(4, None)),
]


def test_csv_has_every_record_and_the_metadata_columns():
    text = overview.to_csv(RECORDS).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["d1", "d2", "d3", "d4"]
    assert list(rows[0]) == overview.EXPORT_COLUMNS
    assert rows[1]["people"] == "Lê Văn A; Trần Thị B (Giám đốc Sở)"
    assert rows[0]["title"] == 'Tiêu đề "1", có dấu phẩy'
    assert rows[3]["date"] == ""


def test_json_keeps_lists_and_roles():
    data = json.loads(overview.to_json(RECORDS, "truy vấn"))
    assert data["query"] == "truy vấn" and data["total"] == 4
    assert data["documents"][1]["people"][1] == {"name": "Trần Thị B", "role": "Giám đốc Sở"}


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
