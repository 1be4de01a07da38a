"""Places: canonical bare names, the province table, the 2025 reorganisation and the main province."""

from __future__ import annotations

import pytest

from kb.extract import (
    PROVINCES,
    PROVINCES_2025,
    canonical_place,
    extract_metadata,
    province_of,
    province_successor,
)
from kb.extract.lexicon import load_json


def places(text: str, title: str = "") -> list[str]:
    return extract_metadata(title, text).places


def test_table_has_63_provinces_and_34_new_units():
    assert len(PROVINCES) == 63 and len(set(PROVINCES)) == 63
    assert len(PROVINCES_2025) == 34
    data = load_json("provinces.json")
    assert "_note" in data
    assert sum(p["type"] != "tỉnh" for p in data["provinces"]) == 5
    assert sum(u["type"] != "tỉnh" for u in data["provinces_2025"]) == 6
    assert {p["merged_into"] for p in data["provinces"]} == set(PROVINCES_2025)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Thừa Thiên-Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("TT-Huế", "Thừa Thiên Huế"),
        ("tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Daklak", "Đắk Lắk"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Ha Noi", "Hà Nội"),
        ("huyện Chư Pah", "Chư Pah"),
    ],
)
def test_canonical_place_spellings(written, canonical):
    assert canonical_place(written) == canonical


def test_unknown_name_without_admin_word_is_not_a_place():
    assert canonical_place("Paris") is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Quảng Nam", "Đà Nẵng"),
        ("Thừa Thiên Huế", "Huế"),
        ("Hà Giang", "Tuyên Quang"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Hà Nội", "Hà Nội"),
        ("Hội An", "Đà Nẵng"),
    ],
)
def test_province_successor_after_2025(old, new):
    assert province_successor(old) == new


def test_spellings_of_one_province_give_one_place():
    text = "Thừa Thiên-Huế, TT-Huế và tỉnh Thừa Thiên Huế là một địa phương; TP.HCM còn gọi là Sài Gòn."
    assert places(text) == ["Thừa Thiên Huế", "Hồ Chí Minh"]


def test_districts_and_communes_after_admin_words():
    text = "Ông Trịnh Văn Hợp trú tại xã Đồng Lạc, huyện Nam Sách, tỉnh Hải Dương."
    assert places(text) == ["Đồng Lạc", "Nam Sách", "Hải Dương"]


def test_listed_districts_after_plural_admin_word():
    text = "Tuần tra ở các huyện Chư Pah, Đắk Đoa và Mang Yang thuộc tỉnh Gia Lai."
    assert places(text) == ["Chư Pah", "Đắk Đoa", "Mang Yang", "Gia Lai"]


def test_numbered_wards_keep_their_word():
    assert places("Nghiệp đoàn nghề cá Phường 6, thành phố Tuy Hòa và quận 1") == [
        "Phường 6",
        "Tuy Hòa",
        "Quận 1",
    ]


def test_known_towns_without_admin_word():
    text = "APEC được tổ chức ở Đà Nẵng, Hội An (Quảng Nam) và Nha Trang (Khánh Hòa)."
    assert places(text) == ["Đà Nẵng", "Hội An", "Quảng Nam", "Nha Trang", "Khánh Hòa"]


def test_viet_nam_foreign_countries_and_streets_are_not_places():
    text = "Việt Nam và Lào ký kết hợp tác; đoàn đi qua đường Hà Nội rồi đến Trường ĐH Luật Hà Nội."
    assert places(text) == []


def test_place_in_a_person_name_is_not_a_place():
    assert places("Ông Nguyễn Hà Nam, Giám đốc Sở Y tế, phát biểu.") == []


def test_main_province_from_header_date_line_or_mentions():
    header = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1673/QĐ-UBND Quảng Nam, ngày 15 tháng 3 năm 2022"
    )
    assert province_of(header) == "Quảng Nam"
    assert province_of("Huế, ngày 12 tháng 3 năm 2022\nNội dung thông báo.") == "Thừa Thiên Huế"
    assert province_of("Đoàn đến Gia Lai rồi Kon Tum, sau đó trở lại Gia Lai.") == "Gia Lai"
    assert province_of("Không có địa danh nào ở đây.") is None


def test_party_committee_names_its_district():
    assert places("Ông Nguyễn Mạnh Quyền, Bí thư Huyện ủy Quốc Oai, nhận nhiệm vụ mới.") == ["Quốc Oai"]


def test_header_province_is_listed_though_written_in_upper_case():
    text = (
        "UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2345/UBND-KT\n\n"
        "CÔNG VĂN\nVề an toàn du lịch"
    )
    assert places(text) == ["Lâm Đồng"]


def test_pacific_ocean_is_not_thai_binh():
    assert places("Diễn đàn Hợp tác Kinh tế châu Á - Thái Bình Dương tổ chức tại Đà Nẵng.") == ["Đà Nẵng"]


# --- issue #13, round 2 -----------------------------------------------------------------------


def test_places_of_other_countries_after_an_admin_word_are_not_places():
    text = (
        "Lở đất ở tỉnh Tứ Xuyên và tỉnh Sơn Đông; lính cứu hỏa ở quận White City; diễn tập tại tỉnh "
        "Yamaguchi và thành phố Vladivostok."
    )
    assert places(text) == []


def test_a_former_province_is_still_a_place():
    assert places("Thực hiện quyết định giãn dân của UBND tỉnh Hà Tây (cũ).") == ["Hà Tây"]


def test_regions_are_not_places():
    assert places("Nắng nóng gay gắt ở các tỉnh Tây Bắc Bộ và Bắc Trung Bộ.") == []


def test_a_wife_is_not_a_commune():
    assert places("Anh cùng bà xã Thủy Tiên đi du lịch Nhật Bản.") == []


def test_a_commune_named_with_a_sentence_word_keeps_it():
    assert places("Dịch xuất hiện ở xã Vĩnh Thực, xã Vĩnh Trung (thành phố Móng Cái).") == [
        "Vĩnh Thực",
        "Vĩnh Trung",
        "Móng Cái",
    ]


def test_a_ward_numbered_after_its_name():
    assert places("Khu đất thuộc phường Hải Châu 1, quận Hải Châu.") == ["Hải Châu 1", "Hải Châu"]
    assert "Trung Tự 30" not in places("Ông là cán bộ phường Trung Tự 30 năm nay.")


def test_a_commune_whose_name_starts_like_a_body():
    assert places("Hai lô đất ở phường Trung Mỹ Tây, quận 12.") == ["Trung Mỹ Tây", "Quận 12"]


def test_places_inside_a_highway_a_company_or_a_bank_branch_are_not_mentions():
    text = (
        "Đường cao tốc Hà Nội - Hải Phòng thông xe; công nhân của Samsung Thái Nguyên nghỉ lễ; khoản vay "
        "của chi nhánh Đắk Nông được gia hạn."
    )
    assert places(text) == []


def test_a_district_written_bare_in_an_address():
    assert places("Dịch bệnh dại ở xã Đại Lãnh (Đại Lộc) lan rộng.") == ["Đại Lãnh", "Đại Lộc"]
    assert places("Anh sinh năm 1965, tại Thạch Thất, Hà Nội.") == ["Thạch Thất", "Hà Nội"]
    assert places("Bị cáo trú tại xã Phủ Lỗ, Sóc Sơn, Hà Nội.") == ["Phủ Lỗ", "Sóc Sơn", "Hà Nội"]


def test_a_place_whose_name_holds_a_function_word_is_kept_whole():
    assert extract_metadata("", "Tai nạn ở phường Phú Cường, TP Thủ Dầu Một xe ba gác bị lật.").places == [
        "Phú Cường",
        "Thủ Dầu Một",
    ]


def test_football_clubs_named_after_a_city_are_not_places():
    text = "Khi dẫn dắt SHB.Đà Nẵng, ông thắng Hà Nội FC và B.Bình Dương. Ông về TP.Huế và Q.Bình Thạnh."
    assert extract_metadata("", text).places == ["Huế", "Bình Thạnh"]


def test_a_byline_s_initials_before_the_next_sentence_are_no_abbreviated_place():
    from kb.extract.places import place_mentions

    assert place_mentions("Đa số phiếu tán thành. Ảnh: H.V Tiếp đó, Phó Tổng thư ký trình bày.") == []
    assert place_mentions("Ảnh: P.V Thông tin ban đầu, chiều 21.6.") == []
    assert [p.name for p in place_mentions("Tại H.Nghĩa Hành và H. A Lưới.")] == ["Nghĩa Hành", "A Lưới"]


def test_a_province_s_team_in_a_football_story_is_not_a_place():
    from kb.extract import extract_metadata

    text = "Viettel không thể thăng hạng khi thua Long An ở trận đấu cuối của giải hạng Nhất."
    assert extract_metadata("", text).places == []
    assert extract_metadata("", "Đoàn công tác về thăm Long An hôm qua.").places == ["Long An"]


def test_a_place_whose_province_or_country_written_after_it_is_foreign_is_not_vietnamese():
    from kb.extract import extract_metadata

    assert extract_metadata("", "Sạt lở ở làng Tân Ma, huyện Mậu, tỉnh Tứ Xuyên, Trung Quốc sáng 24-6.").places == []
    assert extract_metadata("", "Con trăn ăn trộm gà tại thị trấn Mai Châu, tỉnh Quảng Đông, Trung Quốc.").places == []
    # A Vietnamese province after it, in any of its spellings, keeps the place.
    assert extract_metadata("", "Chủ tịch UBND xã Lộc Điền (huyện Phú Lộc, tỉnh Thừa Thiên - Huế) xác nhận.").places == [
        "Lộc Điền", "Phú Lộc", "Thừa Thiên Huế"]


def test_where_a_vehicle_is_registered_is_not_a_place_of_the_story():
    from kb.extract import extract_metadata

    assert extract_metadata("", "Chiếc xe mang biển số TP.HCM lao vào dải phân cách.").places == []
    assert extract_metadata("", "Xe tải biển kiểm soát Nghệ An gây tai nạn ở Hà Nội.").places == ["Hà Nội"]


def test_tay_nguyen_names_a_time_zone_and_a_caption_word():
    assert extract_metadata("", "Bốn bị cáo cùng trú huyện Ea Kar bị bắt.").places == ["Ea Kar"]
    assert extract_metadata("", "Thủ tướng đến Washington lúc 10h sáng (giờ Hà Nội).").places == []
    assert "Đăk Đoa" in extract_metadata("", "Trung tâm y tế H.Đăk Đoa Tin từ Công an H.Đăk Đoa cho biết.").places


def test_districts_are_known_after_an_admin_word_and_next_to_their_province_in_brackets():
    found = extract_metadata("", "Tai nạn tại xã Phú Cường, huyện Ba Vì. Công an huyện Ba Vì điều tra.")
    assert found.places == ["Phú Cường", "Ba Vì"] and found.agencies == ["Công an huyện Ba Vì"]
    assert extract_metadata("", "Vụ đuối nước tại thôn Sở Hạ (Thường Tín, Hà Nội).").places == ["Thường Tín", "Hà Nội"]
    assert extract_metadata("", "Hai địa phương Hải Hà và Móng Cái (Quảng Ninh) tố cáo.").places == [
        "Hải Hà", "Móng Cái", "Quảng Ninh"]
    # A district of another province, or a street list, is not read from the bracket.
    assert extract_metadata("", "Hội nghị ở Thường Tín (Quảng Ninh).").places == ["Quảng Ninh"]
    assert extract_metadata("", "Các phố Trần Nhân Tông và Cầu Giấy (Hà Nội) đông khách.").places == ["Hà Nội"]


def test_a_district_written_with_its_own_marks_is_not_folded_into_another_place():
    # "Phù Yên" (Sơn La) is not the province "Phú Yên"; "Phù Mỹ" (Bình Định) is not the town "Phú Mỹ".
    assert extract_metadata("", "Mưa lớn tại các huyện Mường La, Phù Yên, Sông Mã của Sơn La.").places == [
        "Mường La", "Phù Yên", "Sông Mã", "Sơn La"]
    assert "Phù Mỹ" in extract_metadata("", "Phó Chủ tịch UBND huyện Phù Mỹ (Bình Định) cho biết.").places
    # A name typed without its marks still finds the place.
    assert extract_metadata("", "Khách du lịch đến Thua Thien Hue.").places == ["Thừa Thiên Huế"]


def test_a_power_plant_named_after_a_province_is_no_place_of_the_story():
    assert extract_metadata("", "Công ty Thủy điện Sơn La; Công ty Thủy điện Hòa Bình được giữ nguyên.").places == []


def test_districts_listed_bare_after_one_with_its_level_or_in_brackets_after_their_province():
    text = "Nguy cơ sạt lở cao tại huyện Tân Uyên, Than Uyên (Lai Châu), Lào Cai ( Bát Xát, Bắc Hà, Mường Khương)."
    places = extract_metadata("", text).places
    assert {"Tân Uyên", "Than Uyên", "Lai Châu", "Lào Cai", "Bát Xát", "Bắc Hà", "Mường Khương"} <= set(places)
    # a name listed after a district that is no district of its province ends the list
    text = "Lũ quét tại huyện Thoại Sơn, Nguyễn Văn Hải cho biết đã sơ tán dân."
    assert extract_metadata("", text).places == ["Thoại Sơn"]
    # a market named like a province before a bracket is not that province's district
    text = "Ở khu vực chợ Hòa Bình (quận 5), chợ Bà Chiểu (quận Bình Thạnh) cá lóc bán chạy."
    assert "Hòa Bình" not in extract_metadata("", text).places


def test_the_pacific_and_korea_s_east_hold_no_province_or_town():
    text = "Nhật Bản hợp tác với ASEAN trong khu vực Ấn Độ Dương-Thái Bình Dương."
    assert extract_metadata("", text).places == []
    text = "Bình Nhưỡng đã phóng tên lửa ra bờ biển phía Đông Triều Tiên."
    assert extract_metadata("", text).places == []
    text = "Ông Nguyễn Văn Hải ở thị xã Đông Triều, tỉnh Quảng Ninh cho biết."
    assert extract_metadata("", text).places == ["Đông Triều", "Quảng Ninh"]


def test_districts_listed_bare_after_a_numbered_one_and_a_route_s_town_before_its_province():
    text = "Công trình còn vướng giải tỏa mặt bằng ở Quận 7, Nhà Bè, Bình Chánh… nên chủ đầu tư kiến nghị."
    assert extract_metadata("", text).places == ["Quận 7", "Nhà Bè", "Bình Chánh"]
    text = "Xe khách chạy tuyến Móng Cái (Quảng Ninh) - Hòa Bình bị lật."
    assert extract_metadata("", text).places == ["Móng Cái", "Quảng Ninh", "Hòa Bình"]


def test_numbers_listed_after_a_plural_numbered_district_are_districts_and_counts_are_not():
    assert extract_metadata("", "Các quận 1, 3, 10, Tân Bình và Gò Vấp bị ngập nặng.").places == [
        "Quận 1", "Quận 3", "Quận 10", "Tân Bình", "Gò Vấp"]
    assert extract_metadata("", "Tại quận 7, 2 người bị thương.").places == ["Quận 7"]


def test_a_plural_level_with_a_qualifier_and_nhu_covers_the_list_after_it():
    text = "Tình trạng này xảy ra ở các huyện đồng bằng như: Phong Điền, Quảng Điền, Phú Vang của tỉnh Thừa Thiên Huế."
    assert places(text) == ["Phong Điền", "Quảng Điền", "Phú Vang", "Thừa Thiên Huế"]
    text = "Mưa dông ở các quận phía bắc như Tây Hồ, Bắc Từ Liêm, Cầu Giấy của Hà Nội."
    assert places(text) == ["Tây Hồ", "Bắc Từ Liêm", "Cầu Giấy", "Hà Nội"]
    # a longer clause between them is no qualifier: nothing is guessed
    assert places("Ở các huyện miền núi của tỉnh như Kỳ Sơn, Tương Dương.") == []


def test_an_honorific_after_a_level_word_is_no_place():
    assert places("Đó là thành công của TP. Ông Vũ Bằng, Chủ tịch Ủy ban, cho biết.") == []
    assert places("Đoàn trở lại xã Anh hùng Trí Phải của huyện Thới Bình.") == ["Thới Bình"]
