"""Dates: metadata hint, formal date line, news dateline with a full year; never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract import extract_metadata, parse_date_hint
from kb.extract.dates import years_mentioned

FORMAL = (
    "ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 25/KH-UBND Huế, ngày 06 tháng 02 năm 2023\n\nKẾ HOẠCH\nChuyển đổi số năm 2023\n\n"
    "Thực hiện Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ."
)


def test_metadata_hint_wins_over_the_text():
    meta = extract_metadata("", FORMAL, date_hint="2023-02-10")
    assert (meta.date, meta.date_source, meta.year) == (dt.date(2023, 2, 10), "metadata", 2023)


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("2022-03-12", dt.date(2022, 3, 12)),
        ("2022-03-12T08:30:00+07:00", dt.date(2022, 3, 12)),
        ("12/3/2022", dt.date(2022, 3, 12)),
        ("05-03-2022", dt.date(2022, 3, 5)),
        ("12 tháng 3 năm 2022", dt.date(2022, 3, 12)),
        ("31/02/2022", None),
        ("hôm qua", None),
        ("", None),
    ],
)
def test_date_hint_formats(hint, expected):
    assert parse_date_hint(hint) == expected


def test_formal_date_line():
    meta = extract_metadata("Kế hoạch 25/KH-UBND", FORMAL)
    assert (meta.date, meta.date_source, meta.year) == (dt.date(2023, 2, 6), "date_line", 2023)


def test_date_line_with_slashes():
    meta = extract_metadata("", "Quảng Nam, ngày 05/3/2022\n\nTHÔNG BÁO\nLịch tiếp công dân tháng 3.")
    assert (meta.date, meta.date_source) == (dt.date(2022, 3, 5), "date_line")


def test_news_dateline_with_full_year():
    meta = extract_metadata("", "Ngày 12/3/2022, UBND tỉnh Quảng Nam tổ chức hội nghị tổng kết.")
    assert (meta.date, meta.date_source, meta.year) == (dt.date(2022, 3, 12), "dateline", 2022)
    meta = extract_metadata("", "Sáng 12-3-2022, Sở Y tế tổ chức họp báo.")
    assert (meta.date, meta.date_source) == (dt.date(2022, 3, 12), "dateline")


def test_dateline_without_year_gives_no_date():
    meta = extract_metadata("", "Ngày 7-2, UBND tỉnh Gia Lai ra văn bản gửi Sở NN-PTNT về vụ việc năm 2017.")
    assert (meta.date, meta.date_source, meta.year) == (None, None, None)
    assert meta.years_mentioned == [2017]


def test_no_date_at_all():
    meta = extract_metadata("Hội nghị tổng kết", "Văn phòng UBND tỉnh tổ chức hội nghị tổng kết công tác.")
    assert (meta.date, meta.date_source, meta.year) == (None, None, None)


def test_a_date_deep_in_the_body_is_not_the_document_date():
    text = "UBND tỉnh tổ chức hội nghị.\nHội nghị nhắc lại Kế hoạch ngày 15/6/2021 về chuyển đổi số."
    assert extract_metadata("", text).date is None


def test_years_mentioned_are_distinct_and_sorted():
    text = "Giai đoạn 2021 - 2025, tầm nhìn đến năm 2030; Nghị định 24/2014/NĐ-CP; năm 2021 đạt kế hoạch."
    assert years_mentioned(text) == [2014, 2021, 2025, 2030]


def test_counts_and_amounts_are_not_years():
    text = (
        "Có 2.017 hồ sơ, 1999 người tham gia, 2000 tỷ đồng đầu tư và 1.450 tỷ đồng vốn; "
        "1930 là năm thành lập Đảng."
    )
    assert years_mentioned(text) == []


def test_years_outside_1945_2100_are_ignored():
    assert years_mentioned("Năm 1930 và năm 2017, năm 2150.") == [2017]
