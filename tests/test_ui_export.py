"""kb.ui.export: CSV, JSON and Excel keep every record and the type of every column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pytest

from kb.models import Announcement, Person
from kb.ui import export


def _ann(i: int, date: dt.date | None, people=(), agencies=(), title: str | None = None,
         year: int | None = None) -> Announcement:
    return Announcement(id=f"d{i}", title=title or f'Tiêu đề "{i}", có dấu phẩy', text="nội dung", date=date,
                        year=year if year is not None else (date.year if date else None),
                        people=[Person(name=n, role=r) for n, r in people], agencies=list(agencies),
                        doc_number="1673/QĐ-UBND" if i == 1 else None, url="https://example.gov.vn/x")


RECORDS = [
    export.record(_ann(1, dt.date(2019, 1, 5), [("Lê Văn A", "Chủ tịch UBND tỉnh")], ["UBND tỉnh X"])),
    export.record(_ann(2, dt.date(2023, 1, 20), [("Lê Văn A", None), ("Trần Thị B", "Giám đốc Sở")],
                       ["UBND tỉnh X", "Sở Y tế"])),
    export.record(_ann(3, None, year=2021, title="=HYPERLINK(\"http://x\",\"bấm\")")),
    export.record(_ann(4, None)),
]


def _csv_rows(records: list[dict]) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export.to_csv(records).decode("utf-8-sig"))))


def test_csv_has_every_record_and_the_metadata_columns():
    rows = _csv_rows(RECORDS)
    assert [r["id"] for r in rows] == ["d1", "d2", "d3", "d4"]
    assert list(rows[0]) == export.EXPORT_COLUMNS
    assert rows[1]["people"] == "Lê Văn A; Trần Thị B (Giám đốc Sở)"
    assert rows[1]["agencies"] == "UBND tỉnh X; Sở Y tế"
    assert rows[0]["title"] == 'Tiêu đề "1", có dấu phẩy'
    assert rows[0]["doc_number"] == "1673/QĐ-UBND"


def test_csv_writes_years_as_integers_and_dates_as_iso():
    rows = _csv_rows(RECORDS)
    assert [r["year"] for r in rows] == ["2019", "2023", "2021", ""]  # never "2019.0", even with a gap
    assert [r["date"] for r in rows] == ["2019-01-05", "2023-01-20", "", ""]


def test_csv_cell_that_looks_like_a_formula_stays_text():
    rows = _csv_rows(RECORDS)
    assert rows[2]["title"] == "'=HYPERLINK(\"http://x\",\"bấm\")"


def test_json_keeps_lists_roles_integers_and_iso_dates():
    data = json.loads(export.to_json(RECORDS, "truy vấn"))
    assert data["query"] == "truy vấn" and data["total"] == 4
    docs = data["documents"]
    assert docs[1]["people"][1] == {"name": "Trần Thị B", "role": "Giám đốc Sở"}
    assert [d["year"] for d in docs] == [2019, 2023, 2021, None]
    assert [d["date"] for d in docs] == ["2019-01-05", "2023-01-20", None, None]
    assert docs[2]["title"].startswith("=")  # JSON is data, not a spreadsheet: kept as it is


def _xlsx_cells(data: bytes) -> dict[str, ElementTree.Element]:
    """Cell reference -> <c> element of the first worksheet (an .xlsx is a zip of XML files)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
    strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in shared.findall("m:si", ns)]
    cells = {}
    for c in sheet.iter(f"{{{ns['m']}}}c"):
        if c.get("t") == "s":
            c.set("text", strings[int(c.find("m:v", ns).text)])
        cells[c.get("r")] = c
    return cells


def test_xlsx_has_integer_years_real_dates_and_text_that_is_never_a_formula():
    pytest.importorskip("xlsxwriter")
    cells = _xlsx_cells(export.to_xlsx(RECORDS))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert [cells[f"{col}1"].get("text") for col in "ABCDEFGHIJKL"] == export.EXPORT_COLUMNS
    assert cells["A2"].get("text") == "d1" and cells["B3"].get("text") == 'Tiêu đề "2", có dấu phẩy'
    # year: a number cell holding an integer
    assert cells["D2"].get("t") is None and cells["D2"].find(f"{ns}v").text == "2019"
    assert cells["D4"].find(f"{ns}v").text == "2021"
    assert "D5" not in cells  # unknown year: an empty cell, not 0
    # date: a number (Excel serial date) with a yyyy-mm-dd format
    serial = float(cells["C2"].find(f"{ns}v").text)
    assert dt.date(1899, 12, 30) + dt.timedelta(days=serial) == dt.date(2019, 1, 5)
    assert cells["C2"].get("s") not in (None, "0")
    # a title starting with "=" is a string cell, no formula element
    assert cells["B4"].get("t") == "s" and cells["B4"].find(f"{ns}f") is None
    assert cells["B4"].get("text").startswith("=HYPERLINK")
    assert cells["I3"].get("text") == "Lê Văn A; Trần Thị B (Giám đốc Sở)"


def test_export_request_asks_for_every_match_whatever_the_page():
    from kb.ui.state import ViewState

    state = ViewState(q="ubnd", page=3, sort="newest", filters={"year": ("2023",)})
    req = export.export_request(state)
    assert req.page == 1 and req.year == [2023] and req.sort == "newest"
    assert not req.snippets and not req.facets


def test_export_files_are_built_from_the_api(corpus_kb):
    from kb.models import SearchRequest

    req = SearchRequest(query="ubnd")
    total = corpus_kb.search(req).total
    rows = list(csv.DictReader(io.StringIO(
        export._build("csv", corpus_kb, req.model_dump_json(), "ubnd").decode("utf-8-sig"))))
    assert len(rows) == total > 10
    assert all(re.fullmatch(r"(\d{4})?", r["year"]) for r in rows)
    data = json.loads(export._build("json", corpus_kb, req.model_dump_json(), "ubnd"))
    assert data["total"] == total and [d["id"] for d in data["documents"]] == [r["id"] for r in rows]
