"""The canonicalisation table (kb/extract/data/canonical.json): one name per body, every merge checked
on its own example and on a real sentence."""

from __future__ import annotations

import pytest

from kb.extract import extract_metadata
from kb.extract.canonical import MERGES, canonical_agency, expand_abbreviations


@pytest.mark.parametrize("merge", MERGES, ids=[m.example[0] for m in MERGES])
def test_each_merge_rewrites_its_example(merge):
    written, canonical = merge.example
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize("merge", MERGES, ids=[m.example[1] for m in MERGES])
def test_each_merge_leaves_its_canonical_form_alone(merge):
    canonical = merge.example[1]
    assert canonical_agency(canonical) == canonical


@pytest.mark.parametrize(
    ("written", "expanded"),
    [
        ("Cục Kiểm tra VBQPPL Bộ Tư pháp", "Cục Kiểm tra văn bản quy phạm pháp luật Bộ Tư pháp"),
        ("Ban ATGT tỉnh Quảng Nam", "Ban An toàn giao thông tỉnh Quảng Nam"),
        ("Đoàn ĐBQH tỉnh Nghệ An", "Đoàn Đại biểu Quốc hội tỉnh Nghệ An"),
        ("Phòng TN&MT quận 9", "Phòng Tài nguyên và Môi trường quận 9"),
        ("Cục KSTTHC", "Cục Kiểm soát thủ tục hành chính"),
        ("Ban Quản lý các KCX-KCN thành phố Hồ Chí Minh",
         "Ban Quản lý các khu chế xuất và công nghiệp thành phố Hồ Chí Minh"),
        ("Phòng CSGT Công an tỉnh Tiền Giang", "Phòng Cảnh sát giao thông Công an tỉnh Tiền Giang"),
        ("Chi cục ATVSTP tỉnh Nghệ An", "Chi cục An toàn vệ sinh thực phẩm tỉnh Nghệ An"),
        ("Trường THPT Hùng Vương", "Trường Trung học phổ thông Hùng Vương"),
        ("Cục Hàng không VN", "Cục Hàng không Việt Nam"),
        ("Tổng cục ĐBVN", "Tổng cục Đường bộ Việt Nam"),
    ],
)
def test_abbreviations_are_spelled_out_in_names(written, expanded):
    assert expand_abbreviations(written) == expanded


def test_council_abbreviations_stay_short_by_convention():
    assert canonical_agency("UBND tỉnh Quảng Nam") == "UBND tỉnh Quảng Nam"
    assert canonical_agency("HĐND thành phố Đà Nẵng") == "HĐND thành phố Đà Nẵng"


def test_front_written_two_ways_in_one_text_is_one_body():
    text = (
        "Ngày 3/2, UBMTTQ Việt Nam tỉnh Nghệ An tổ chức hội nghị. Phát biểu tại hội nghị, đại diện "
        "MTTQ Việt Nam tỉnh Nghệ An đề nghị các cấp tăng cường giám sát."
    )
    found = extract_metadata("", text).agencies
    assert found.count("UBMTTQ Việt Nam tỉnh Nghệ An") == 1
    assert "MTTQ Việt Nam tỉnh Nghệ An" not in found


def test_border_guard_command_and_force_are_one_body():
    text = (
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Kiên Giang cho biết đã bắt giữ tàu cá. Lực lượng Bộ đội "
        "Biên phòng tỉnh Kiên Giang tiếp tục tuần tra trên biển."
    )
    assert extract_metadata("", text).agencies == ["Bộ đội Biên phòng tỉnh Kiên Giang"]


def test_national_front_without_locality_is_the_central_committee():
    text = "Ông Võ Kim Cự khi đó được MTTQ Việt Nam giới thiệu ứng cử đại biểu Quốc hội."
    assert "Ủy ban Trung ương MTTQ Việt Nam" in extract_metadata("", text).agencies


def test_military_region_command_is_named_after_its_region():
    text = "Dự lễ truy điệu có đại diện Bộ Tư lệnh Quân khu 4 và lãnh đạo tỉnh Hà Tĩnh."
    assert "Quân khu 4" in extract_metadata("", text).agencies


def test_party_affairs_committee_written_with_a_stray_word_is_one_body():
    text = (
        "Ban cán sự Đảng ủy UBND TP.HCM yêu cầu nhà trường báo cáo. Trường trình Ban cán sự Đảng "
        "UBND TP.HCM xem xét đề án."
    )
    found = extract_metadata("", text).agencies
    assert "Ban cán sự Đảng UBND thành phố Hồ Chí Minh" in found
    assert not any("Đảng ủy UBND" in a for a in found)

