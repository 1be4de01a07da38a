"""Document type and number: header type line, number codes, title; only the document's own number."""

from __future__ import annotations

import pytest

from kb.extract import extract_metadata, find_document_numbers, normalize_doc_number


def header(number_line: str, type_line: str = "", body: str = "Nội dung văn bản.") -> str:
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"{number_line} Quảng Nam, ngày 15 tháng 3 năm 2022\n\n{type_line}\n{body}"
    )


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Số: 1673/QĐ-UBND", "1673/QĐ-UBND"),
        ("1673/QD-UBND", "1673/QĐ-UBND"),
        ("1673 / QĐ - UBND", "1673/QĐ-UBND"),
        ("14/2014/QĐ-UBND", "14/2014/QĐ-UBND"),
        ("45/NQ-HDND", "45/NQ-HĐND"),
        ("120/TTr-SNV", "120/TTr-SNV"),
        ("749/qđ-ttg", "749/QĐ-TTg"),
        ("18-CT/TU", "18-CT/TU"),
    ],
)
def test_normalize_doc_number(written, normalised):
    assert normalize_doc_number(written.removeprefix("Số: ")) == normalised


def test_type_from_header_line_and_own_number():
    body = "Căn cứ Quyết định số 12/QĐ-TTg ngày 10/1/2020 của Thủ tướng Chính phủ; Nghị định 24/2014/NĐ-CP."
    meta = extract_metadata("Quyết định 1673/QĐ-UBND", header("Số: 1673/QĐ-UBND", "QUYẾT ĐỊNH", body))
    assert (meta.doc_type, meta.doc_number) == ("Quyết định", "1673/QĐ-UBND")


def test_cited_decision_is_not_the_doc_number():
    text = "Căn cứ Quyết định số 12/QĐ-TTg của Thủ tướng Chính phủ, UBND tỉnh đã triển khai nhiều giải pháp."
    meta = extract_metadata("UBND tỉnh triển khai giải pháp", text)
    assert meta.doc_number is None
    assert meta.doc_type == "Tin tức"
    assert find_document_numbers(text) == ["12/QĐ-TTg"]


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("Số: 45/NQ-HĐND", "Nghị quyết"),
        ("Số: 05/CT-UBND", "Chỉ thị"),
        ("Số: 312/TB-VP", "Thông báo"),
        ("Số: 25/KH-UBND", "Kế hoạch"),
        ("Số: 215/BC-UBND", "Báo cáo"),
        ("Số: 120/TTr-SNV", "Tờ trình"),
        ("Số: 2345/UBND-KT", "Công văn"),
        ("Số 18-CT/TU", "Chỉ thị"),
    ],
)
def test_type_from_number_code_when_no_type_line(number, kind):
    meta = extract_metadata("", header(number))
    assert meta.doc_type == kind


def test_press_release_type_line():
    meta = extract_metadata("", header("Số: 06/TCBC-HĐND", "THÔNG CÁO BÁO CHÍ"))
    assert (meta.doc_type, meta.doc_number) == ("Thông cáo báo chí", "06/TCBC-HĐND")


def test_type_from_title_start():
    meta = extract_metadata(
        "Kế hoạch tổ chức Lễ hội hoa dã quỳ năm 2024", "Nhằm quảng bá du lịch của tỉnh Lâm Đồng."
    )
    assert meta.doc_type == "Kế hoạch"
    meta = extract_metadata("Thông báo 45/TB-TTPVHCC về việc tiếp nhận hồ sơ", "Trung tâm thông báo như sau.")
    assert (meta.doc_type, meta.doc_number) == ("Thông báo", "45/TB-TTPVHCC")


def test_news_is_the_default_type():
    meta = extract_metadata(
        "Hà Nội đề nghị quận Tây Hồ xử lý vi phạm đê điều", "UBND thành phố yêu cầu xử lý."
    )
    assert (meta.doc_type, meta.doc_number) == ("Tin tức", None)


def test_find_document_numbers_normalises_and_deduplicates():
    text = "Theo Quyết định 1673/QD-UBND và Quyết định số 1673/QĐ-UBND, Nghị quyết 54-NQ/TW, ngày 12/3/2022."
    assert find_document_numbers(text) == ["1673/QĐ-UBND", "54-NQ/TW"]
