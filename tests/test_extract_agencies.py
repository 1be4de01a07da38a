"""Agency extraction: canonical names, localities filled in from the document, the issuer first."""

from __future__ import annotations

from pathlib import Path

from kb.extract import extract_metadata

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

HUE_NEWS = (
    "Báo cáo tại hội nghị cho thấy, năm 2022, các nhiệm vụ trọng tâm của UBND tỉnh được đôn đốc thực hiện. "
    "Văn phòng đã tham mưu UBND tỉnh trình HĐND tỉnh 133 đề án. Trung tâm phục vụ hành chính công "
    "tỉnh tiếp nhận 83.408 hồ sơ. Văn phòng phối hợp xây dựng đề án đưa Thừa Thiên Huế trở thành "
    "thành phố trực thuộc Trung ương "
    "theo Nghị quyết số 54-NQ/TW của Bộ Chính trị."
)


def agencies(title: str, text: str) -> list[str]:
    return extract_metadata(title, text).agencies


def test_provincial_bodies_get_the_documents_province():
    found = agencies("Văn phòng UBND tỉnh phải đi đầu trong xây dựng cơ quan hành chính kiểu mẫu", HUE_NEWS)
    assert "UBND tỉnh Thừa Thiên Huế" in found
    assert "Văn phòng UBND tỉnh Thừa Thiên Huế" in found
    assert "HĐND tỉnh Thừa Thiên Huế" in found
    assert "Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế" in found


def test_national_bodies_have_no_locality():
    # "Nghị quyết số 54-NQ/TW của Bộ Chính trị" is a citation only: kept apart from the facet.
    assert "Bộ Chính trị" in extract_metadata("", HUE_NEWS).cited_agencies
    text = (
        "Theo chỉ đạo của Chính phủ, Sở Y tế tỉnh Quảng Nam phối hợp với Bộ Y tế tổ chức tiêm vắc xin."
    )
    found = agencies("", text)
    assert "Chính phủ" in found and "Bộ Y tế" in found
    assert "Sở Y tế tỉnh Quảng Nam" in found


def test_full_council_names_are_abbreviated_and_tp_spelled_out():
    text = "Ủy ban nhân dân TP Đà Nẵng và Hội đồng nhân dân thành phố Đà Nẵng đã thống nhất chủ trương."
    found = agencies("", text)
    assert found[:2] == ["UBND thành phố Đà Nẵng", "HĐND thành phố Đà Nẵng"]


def test_department_abbreviations_take_the_full_name_and_the_locality():
    text = "Sở GD&ĐT Bến Tre cho biết sẽ công bố kết quả; Sở KH&ĐT Bến Tre đã có công văn hướng dẫn."
    found = agencies("", text)
    assert "Sở Giáo dục và Đào tạo tỉnh Bến Tre" in found
    assert "Sở Kế hoạch và Đầu tư tỉnh Bến Tre" in found


def test_department_without_locality_gets_the_main_province():
    text = "Ngày 12/3, UBND tỉnh Quảng Nam họp bàn. Sở Y tế được giao chủ trì, Công an tỉnh phối hợp."
    found = agencies("", text)
    assert "Sở Y tế tỉnh Quảng Nam" in found
    assert "Công an tỉnh Quảng Nam" in found


def test_district_level_body_resolves_to_the_district_mentioned():
    text = (
        "Trường mầm non nằm tại phường Minh Khai, quận Hai Bà Trưng, Hà Nội. "
        "UBND quận sẽ có báo cáo thành phố."
    )
    assert "UBND quận Hai Bà Trưng" in agencies("", text)


def test_issuer_from_header_is_first():
    text = (
        "UBND TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 402/TB-STNMT Quảng Nam, ngày 14 tháng 6 năm 2022\n\nTHÔNG BÁO\nKết quả kiểm tra\n\n"
        "Đoàn kiểm tra gồm Công an tỉnh, Sở Giao thông vận tải và UBND các huyện, thị xã."
    )
    meta = extract_metadata("Thông báo 402/TB-STNMT", text)
    assert meta.issuer == "Sở Tài nguyên và Môi trường tỉnh Quảng Nam"
    assert meta.agencies[0] == meta.issuer
    assert "UBND tỉnh Quảng Nam" in meta.agencies
    assert "Công an tỉnh Quảng Nam" in meta.agencies
    assert "Sở Giao thông vận tải tỉnh Quảng Nam" in meta.agencies


def test_council_header_is_the_issuer():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1673/QĐ-UBND Quảng Nam, ngày 15 tháng 3 năm 2022\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
    )
    assert extract_metadata("", text).issuer == "UBND tỉnh Quảng Nam"


def test_news_issuer_is_the_body_that_acts_in_the_lead():
    assert extract_metadata("", HUE_NEWS).issuer == "UBND tỉnh Thừa Thiên Huế"
    foreign = "Tổng thống Mỹ Donald Trump đã ký sắc lệnh mới về thương mại với Trung Quốc."
    assert extract_metadata("", foreign).issuer is None


def test_collective_plural_bodies_are_one_value_and_generic_levels_none():
    text = "Tỉnh yêu cầu UBND các huyện, thị xã và UBND cấp xã tăng cường kiểm tra trên địa bàn tỉnh Gia Lai."
    found = agencies("", text)
    assert "UBND các huyện, thị xã" in found
    assert not any("cấp xã" in a for a in found)


def test_businesses_and_press_centres_are_not_agencies_but_schools_and_hospitals_are():
    text = (
        "Công ty TNHH Xuân Tài, Trường THPT Chợ Lách A và Bệnh viện 211 đã phối hợp với Trung tâm báo chí "
        "tổ chức sự kiện tại tỉnh Kon Tum."
    )
    assert agencies("", text) == ["Trường Trung học phổ thông Chợ Lách A", "Bệnh viện 211"]


def test_coordinated_bodies_share_the_locality():
    text = (
        "Ngày 19/5, Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh Đồng Tháp tổ chức lễ trao tặng danh hiệu."
    )
    found = agencies("", text)
    for name in (
        "Tỉnh ủy Đồng Tháp",
        "HĐND tỉnh Đồng Tháp",
        "UBND tỉnh Đồng Tháp",
        "UBMTTQ Việt Nam tỉnh Đồng Tháp",
    ):
        assert name in found


def test_nested_bodies_are_listed_too():
    text = "Thanh tra Sở Tài nguyên và Môi trường tỉnh Kon Tum phát hiện doanh nghiệp vi phạm."
    found = agencies("", text)
    assert "Thanh tra Sở Tài nguyên và Môi trường tỉnh Kon Tum" in found
    assert "Sở Tài nguyên và Môi trường tỉnh Kon Tum" in found


def test_document_number_codes_are_not_agencies():
    text = "UBND thành phố Huế vừa có Công văn số 196/UBND-QLĐT gửi các phường."
    assert agencies("", text) == ["UBND thành phố Huế"]


def test_localities_listed_after_a_council_each_give_a_council():
    text = (
        "Tỉnh yêu cầu UBND thành phố Thái Nguyên, thành phố Sông Công, thị xã Phổ Yên "
        "và huyện Phú Bình chủ động."
    )
    assert agencies("", text) == [
        "UBND thành phố Thái Nguyên",
        "UBND thành phố Sông Công",
        "UBND thị xã Phổ Yên",
        "UBND huyện Phú Bình",
    ]


def test_front_and_party_committee_canonical_forms():
    text = (
        "Ủy ban Mặt trận Tổ quốc tỉnh Nghệ An, Thành ủy Thành phố Hồ Chí Minh và Huyện ủy Quốc Oai phối hợp."
    )
    found = agencies("", text)
    assert "UBMTTQ Việt Nam tỉnh Nghệ An" in found
    assert "Thành ủy Hồ Chí Minh" in found
    assert "Huyện ủy Quốc Oai" in found


def test_generic_body_name_stops_before_the_verb():
    text = (
        "Trung tâm Y tế huyện Ia H'Drai khẩn trương điều tra ca bệnh; Ban Quản lý dự án chân thành xin lỗi."
    )
    found = agencies("", text)
    assert "Trung tâm Y tế huyện Ia H'Drai" in found
    assert not any("xin lỗi" in a or "khẩn trương" in a for a in found)


def test_agency_hint_places_a_document_without_a_province():
    meta = extract_metadata(
        "Thông báo lịch tiếp công dân", "Sở Y tế tiếp công dân vào thứ Hai.", agency_hint="UBND tỉnh Nghệ An"
    )
    assert "Sở Y tế tỉnh Nghệ An" in meta.agencies


# --- issue #13, round 2 -----------------------------------------------------------------------


def test_national_assembly_committees_take_their_bare_name():
    text = (
        "Ủy ban Kinh tế của Quốc hội và Hội đồng dân tộc đã thẩm tra dự án luật; đại diện Ủy ban Đối "
        "ngoại cũng có mặt."
    )
    found = agencies("", text)
    assert {"Ủy ban Kinh tế", "Hội đồng Dân tộc", "Quốc hội"} <= set(found)


def test_ministries_listed_without_repeating_bo_each_count():
    found = agencies(
        "",
        "Dự họp có đại diện các Bộ: Tài chính, Tư pháp. Bộ Công Thương, Xây dựng và UBND tỉnh Long An "
        "phối hợp thực hiện.",
    )
    assert {"Bộ Tài chính", "Bộ Tư pháp", "Bộ Công Thương", "Bộ Xây dựng", "UBND tỉnh Long An"} <= set(found)


def test_other_countries_ministries_and_parliaments_are_not_bodies():
    text = "Bộ Quốc phòng Nga cho biết Quốc hội Anh sẽ họp; Bộ Ngoại giao Việt Nam đã lên tiếng."
    assert agencies("", text) == ["Bộ Ngoại giao"]


def test_a_government_bond_does_not_mention_the_government():
    assert agencies("", "Ngân hàng mua 2.000 tỷ đồng trái phiếu Chính phủ trong tháng 5.") == []


def test_party_committee_of_a_police_force():
    found = agencies("", "Đảng ủy Công an tỉnh Nghệ An họp với Đảng ủy Công an Trung ương về công tác cán bộ.")
    assert {"Đảng ủy Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An", "Đảng ủy Công an Trung ương"} <= set(found)


def test_investigation_agency_with_its_ministry_after_a_comma():
    meta = extract_metadata("", "Cơ quan Cảnh sát điều tra, Bộ Công an vừa khởi tố thêm 3 bị can.")
    assert meta.issuer == "Cơ quan Cảnh sát điều tra Bộ Công an"
    assert "Bộ Công an" in meta.agencies


def test_abbreviated_ward_and_district_of_ho_chi_minh_city():
    meta = extract_metadata("", "Nghi phạm đã đến Công an P.11, Q. Gò Vấp, TP.HCM đầu thú.")
    assert "Công an phường 11" in meta.agencies
    assert {"Phường 11", "Gò Vấp", "Hồ Chí Minh"} <= set(meta.places)


def test_numbered_police_teams_and_division_codes():
    found = agencies(
        "",
        "Đội CSGT số 3 - Phòng CSGT Công an TP Hà Nội phối hợp với Phòng CSGT (PC08) Công an tỉnh "
        "Bình Dương. Đội bóng số 1 của huyện thắng.",
    )
    assert "Đội Cảnh sát giao thông số 3 Phòng Cảnh sát giao thông Công an thành phố Hà Nội" in found  # with its parent
    assert "Phòng Cảnh sát giao thông Công an tỉnh Bình Dương" in found
    assert not any(a.startswith("Đội bóng") for a in found)


def test_a_national_centre_in_lower_case_gets_no_province():
    text = "Trung tâm Dự báo khí tượng thủy văn quốc gia giải thích đợt nắng nóng ở Thanh Hóa."
    assert "Trung tâm Dự báo khí tượng thủy văn quốc gia" in agencies("", text)


def test_spaced_abbreviation_of_a_department():
    assert "Sở Văn hóa và Thể thao tỉnh Phú Yên" in agencies("", "Sở VH - TT tỉnh Phú Yên tổ chức giải chạy.")


def test_two_bodies_joined_by_va_are_two():
    found = agencies("", "Phòng TN&MT và Văn phòng đăng kí đất đai Chi nhánh huyện Mỹ Đức bị kiểm điểm.")
    assert "Văn phòng đăng ký đất đai huyện Mỹ Đức" in found
    assert not any(" và Văn phòng" in a for a in found)


def test_the_prime_minister_acting_makes_the_government_the_issuer():
    meta = extract_metadata("Thủ tướng Nguyễn Xuân Phúc tới Quảng Ninh", "Chiều 5/4, Thủ tướng làm việc với tỉnh.")
    assert meta.issuer == "Chính phủ"
    foreign = extract_metadata("Thủ tướng Anh cải tổ nội các", "Bà Theresa May công bố danh sách mới.")
    assert foreign.issuer is None
    # A deputy prime minister acts for the Government too, also where the lead names the Assembly later.
    deputy = extract_metadata("Phó Thủ tướng: Miễn nhiệm các trường hợp bổ nhiệm sai",
                              "Phó Thủ tướng Thường trực Trương Hòa Bình cho biết đã yêu cầu thu hồi quyết định. "
                              "Chất vấn chiều 15-6, đại biểu Quốc hội Phạm Thị Minh Hiền đặt vấn đề.")
    assert deputy.issuer == "Chính phủ"
    former = extract_metadata("Nguyên Phó Thủ tướng Vũ Khoan dự hội thảo", "Ông Vũ Khoan phát biểu tại hội thảo.")
    assert former.issuer is None


def test_a_body_found_twice_on_the_same_words_can_still_be_the_issuer():
    meta = extract_metadata(
        "Giao Bộ Xây dựng rà soát quy hoạch", "Văn phòng Chính phủ vừa có thông báo kết luận của Thủ tướng."
    )
    assert meta.issuer == "Văn phòng Chính phủ"


def test_the_fast_scan_for_body_names_finds_what_a_full_scan_finds():
    from kb.extract import agencies as module
    from kb.extract.lexicon import word_matches

    lower_keys = {w for w in module._DISPATCH if not w[0].isupper()}
    assert lower_keys == set(module._LOWER_HEAD_PHRASES)  # a new lower-case head needs its phrases
    texts = [
        HUE_NEWS,
        "các huyện ủy, thành ủy và công an xã; trưởng phòng Tài chính; chánh văn phòng UBND; trường mầm non "
        "Hoa Sen; cơ quan điều tra Công an huyện; các sở: Y tế, Tài chính; đồn Biên phòng Cửa Việt.",
    ]
    for text in texts:
        ctx = module.AgencyContext(text, "Quảng Trị", [])
        full = [(m.start(), m.group(1)) for m in word_matches(module._FIRST_WORD_RE, text)]
        assert module.mentions_at(ctx, full) == module.agency_mentions(module.AgencyContext(text, "Quảng Trị", []))


def test_another_countrys_prime_minister_spelled_with_a_capital_d_is_not_the_government():
    # "Đ" sorts inside the à-ỹ range: "Thủ tướng Đức" once read as "Thủ tướng" + a lower-case word.
    meta = extract_metadata("Cựu Thủ tướng Đức Helmut Kohl từ trần", "Ông Helmut Kohl, Thủ tướng Đức, đã qua đời.")
    assert meta.issuer is None
    assert "Chính phủ" not in meta.agencies


def test_a_compound_word_with_a_stop_syllable_stays_in_the_name():
    found = agencies("", "UBND TP.HCM phê bình Trung tâm Phát triển quỹ đất thuộc Sở TN&MT.")
    assert "Trung tâm Phát triển quỹ đất thành phố Hồ Chí Minh" in found
    assert not any(a.startswith("Trung tâm Phát ") and "triển" not in a for a in found)


def test_a_whole_name_head_takes_no_lower_case_word_after_it():
    found = agencies("", "Vốn giải ngân qua hệ thống Kho bạc Nhà nước ước đạt 8.150 tỷ đồng.")
    assert found == ["Kho bạc Nhà nước"]


def test_a_name_with_a_comma_from_the_table_wins_over_its_cut_reading():
    meta = extract_metadata("", "Cục Quản lý Khám, chữa bệnh, Bộ Y tế vừa có công văn gửi Sở Y tế Hòa Bình.")
    assert "Cục Quản lý Khám, chữa bệnh" in meta.agencies
    assert "Cục Quản lý Khám" not in meta.agencies
    assert meta.issuer == "Cục Quản lý Khám, chữa bệnh"


def test_an_acronym_after_va_is_another_body():
    found = agencies("", "Tổng cục Thể dục thể thao và VFF giao nhiệm vụ cho đội tuyển.")
    assert "Tổng cục Thể dục thể thao" in found
    assert not any("VFF" in a for a in found)


def test_a_border_gate_office_gets_no_province_added():
    found = agencies("", "Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài phát hiện 7 pho tượng vàng.")
    assert found == ["Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài"]


def test_border_posts_named_after_their_gate_or_an_unlisted_place():
    found = agencies(
        "",
        "Đồn BĐBP Cửa khẩu Lao Bảo phát hiện vụ vận chuyển ma túy. Đồn Biên phòng Pò Hèn phối hợp truy bắt.",
    )
    assert found == ["Đồn Biên phòng Cửa khẩu Lao Bảo", "Đồn Biên phòng Pò Hèn"]
    assert agencies("", "Cán bộ đồn Biên phòng phối hợp truy bắt.") == []


def test_bare_national_bodies_of_a_story_about_another_country_are_not_vietnamese():
    meta = extract_metadata(
        "Quốc hội Mỹ điều trần về Nga",
        "Ngày 8/6, cựu Giám đốc FBI James Comey điều trần trước Quốc hội tại Washington. Nhà Trắng chưa bình luận.",
    )
    assert meta.agencies == [] and meta.issuer is None
    # The same bodies in a Vietnamese story stay.
    local = extract_metadata("", "Quốc hội thông qua Luật Quy hoạch. Chính phủ trình dự án luật sửa đổi.")
    assert "Quốc hội" in local.agencies and "Chính phủ" in local.agencies


def test_a_minister_named_by_the_field_names_the_ministry():
    found = agencies("", "Bộ trưởng Y tế sẽ trả lời chất vấn. Thứ trưởng Tài chính Trần Văn Hiếu cho biết.")
    assert found == ["Bộ Y tế", "Bộ Tài chính"]
    assert agencies("", "Bộ trưởng Quốc phòng Mỹ James Mattis nói.") == []


def test_school_and_hospital_names_with_lower_case_words_inside():
    found = agencies(
        "",
        "Cô tốt nghiệp trường Cao đẳng Sân khấu – Điện ảnh Hà Nội. Học sinh Trường THPT Dân tộc nội trú Yên Bái "
        "đạt giải. Bệnh viện Y học cổ truyền tỉnh Gia Lai và Bệnh viện Nhi Trung ương tiếp nhận.",
    )
    assert found == [
        "Trường Cao đẳng Sân khấu - Điện ảnh Hà Nội",
        "Trường Trung học phổ thông Dân tộc nội trú Yên Bái",
        "Bệnh viện Y học cổ truyền tỉnh Gia Lai",
        "Bệnh viện Nhi Trung ương",
    ]


def test_a_body_name_ends_before_a_verb_and_keeps_a_compound():
    found = agencies("", "Tổng cục Hải quan ngừng thông quan. Cục Giải quyết khiếu nại làm việc.")
    assert found == ["Tổng cục Hải quan", "Cục Giải quyết khiếu nại"]


def test_lower_case_delegations_of_deputies():
    found = agencies(
        "",
        "Đại biểu Lê Thị Nguyệt (đoàn Vĩnh Phúc) chất vấn tại Quốc hội. Ông Hồ Đức Phớc, Tổng Kiểm toán Nhà nước, "
        "đoàn ĐBQH tỉnh Nghệ An nói. Thành viên đoàn Hà Nội sang thăm.",
    )
    assert "Đoàn Đại biểu Quốc hội tỉnh Vĩnh Phúc" in found
    assert "Đoàn Đại biểu Quốc hội tỉnh Nghệ An" in found
    assert not any("Hà Nội" in a for a in found)


def test_a_lower_case_last_syllable_before_punctuation_stays_in_a_school_name():
    found = agencies("", "Sinh viên Trường Đại học Kinh tế, Trường ĐH Kiến trúc Hà Nội. Bệnh viện Việt Đức khẳng định.")
    assert found == ["Trường Đại học Kinh tế", "Trường Đại học Kiến trúc Hà Nội", "Bệnh viện Việt Đức"]


def test_missions_abroad_and_lower_case_district_offices():
    found = agencies(
        "",
        "Cán bộ Đại sứ quán Việt Nam tại Hà Lan đã có mặt. Tổng Lãnh sự quán Việt Nam tại Osaka thông báo. "
        "Thông tin từ phòng GD&ĐT huyện Nghi Lộc xác nhận. Nhà có phòng khách rộng.",
    )
    assert sorted(found) == [
        "Phòng Giáo dục và Đào tạo huyện Nghi Lộc",
        "Tổng Lãnh sự quán Việt Nam tại Osaka",
        "Đại sứ quán Việt Nam tại Hà Lan",
    ]
    assert agencies("", "Trung tâm Khí tượng Thủy văn Trung ương cảnh báo mưa lớn.") == [
        "Trung tâm Khí tượng Thủy văn Trung ương"
    ]


def test_anti_corruption_department_and_education_dash():
    assert "Cục Chống tham nhũng" in agencies("", "Cục Chống tham nhũng (Thanh tra Chính phủ) vừa có văn bản.")
    assert agencies("", "Phòng Giáo dục - Đào tạo quận Hai Bà Trưng cho biết đã kiểm tra.") == [
        "Phòng Giáo dục và Đào tạo quận Hai Bà Trưng"]


def test_an_award_after_a_body_is_not_part_of_its_name():
    found = agencies("", "Ngày 5/6, Cục Quản lý thị trường Cờ thi đua của Chính phủ đã được trao tại Hà Nội.")
    assert "Cục Quản lý thị trường" in found and not any("Cờ" in a for a in found)


def test_a_school_or_hospital_in_the_lead_acts_only_when_no_other_body_does():
    meta = extract_metadata(
        "Nam sinh bị đánh hội đồng",
        "Một học sinh lớp 11 Trường THPT Lang Chánh bị nhóm bạn đánh hội đồng. Công an huyện Lang Chánh "
        "đang điều tra làm rõ vụ việc.",
    )
    assert meta.issuer == "Công an huyện Lang Chánh"
    meta = extract_metadata("Khai giảng", "Trường THPT Phan Đình Phùng tổ chức lễ khai giảng năm học mới.")
    assert meta.issuer == "Trường Trung học phổ thông Phan Đình Phùng"


def test_school_names_ending_a_sentence_zone_boards_and_police_divisions_are_whole():
    assert agencies("", "Ông A học tại Trường Đại học Kinh tế. Sau đó ông đi làm.") == ["Trường Đại học Kinh tế"]
    assert agencies("", "Ông được đưa vào Bệnh viện Bạch Mai. Sau đó ông về nhà.") == ["Bệnh viện Bạch Mai"]
    assert "Trường Đại học KHXH&NV" in agencies("", "Xây dựng Trường ĐH Kiến trúc, Đại học KHXH&NV…; hỗ trợ thêm.")
    assert agencies("", "Ban Quản lý các khu kinh tế và khu công nghiệp tỉnh Quảng Nam báo cáo.") == [
        "Ban Quản lý các khu kinh tế và khu công nghiệp tỉnh Quảng Nam"]
    assert "Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an thành phố Đà Nẵng" in agencies(
        "", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an thành phố Đà Nẵng chủ trì.")
    # "Ủy ban T.Ư MTTQ VN" is the front's central committee, under its one name.
    assert agencies("", "Chủ tịch Ủy ban T.Ư MTTQ VN Nguyễn Thiện Nhân cho rằng.") == [
        "Ủy ban Trung ương MTTQ Việt Nam"]


def test_levels_without_a_comma_recipients_standing_committees_and_verbs_after_a_department():
    assert agencies("", "Thủ tướng yêu cầu chủ tịch UBND các tỉnh thành phố phải có trách nhiệm.")[-1] == (
        "UBND các tỉnh, thành phố")
    found = agencies("", "Nơi nhận:\n- TT Thành ủy Đà Nẵng, TT HĐND thành phố Đà Nẵng (b/c);\n- Bộ VH, TT&DL;")
    assert {"Thường trực Thành ủy Đà Nẵng", "Thành ủy Đà Nẵng", "Thường trực HĐND thành phố Đà Nẵng",
            "HĐND thành phố Đà Nẵng", "Bộ Văn hóa, Thể thao và Du lịch"} <= set(found)
    assert agencies("", "Cục Quản lý cạnh tranh cấp lần đầu giấy chứng nhận cho 5 doanh nghiệp.") == [
        "Cục Quản lý cạnh tranh"]


def test_national_military_and_market_bodies_by_their_official_names():
    assert "Quân chủng Phòng không - Không quân" in agencies("", "Lữ đoàn 28 Quân chủng Phòng không không quân tổ chức lễ.")
    assert agencies("", "Bộ Tư lệnh Thủ đô Hà Nội cho biết đã chuẩn bị.") == ["Bộ Tư lệnh Thủ đô Hà Nội"]
    assert agencies("", "Ủy ban Chứng khoán Nhà nước vừa xử phạt 3 công ty.") == ["Ủy ban Chứng khoán Nhà nước"]
    assert agencies("", "Ủy ban Giám sát tài chính quốc gia cảnh báo rủi ro.") == ["Ủy ban Giám sát tài chính Quốc gia"]
    # The committee's later, longer name is the same body.
    assert agencies("", "Ủy ban Quốc gia Ứng phó sự cố, thiên tai và Tìm kiếm cứu nạn chỉ đạo.") == [
        "Ủy ban Quốc gia Tìm kiếm cứu nạn"]


def test_ministries_and_departments_listed_after_cac_without_a_colon():
    assert agencies("", "Lãnh đạo các bộ Công Thương, Tài chính, Thống đốc Ngân hàng Nhà nước cùng dự.")[:2] == [
        "Bộ Công Thương", "Bộ Tài chính"]
    assert agencies("", "Đại diện các bộ, ngành Trung ương tham dự.") == []
    assert "Bộ Tài nguyên và Môi trường" in agencies("", "Đoàn gồm Thanh tra Chính phủ, Bộ Tài nguyên môi trường.")


def test_school_names_ending_in_lower_case_fields_are_whole_and_verbs_after_a_name_are_not_fields():
    found = agencies("", "Nhóm GX gồm Đại học Kinh tế quốc dân, Đại học Giao thông vận tải, Học viện Ngân hàng và Học "
                         "viện Chính sách và Phát triển. Việc xét tuyển bắt đầu.")
    assert sorted(found) == ["Học viện Chính sách và Phát triển", "Học viện Ngân hàng",
                             "Trường Đại học Giao thông vận tải", "Trường Đại học Kinh tế quốc dân"]
    assert agencies("", "Học viện Cảnh sát nhân dân tổ chức lễ khai giảng.") == ["Học viện Cảnh sát nhân dân"]
    # "thông tin", "xây dựng" after a name are verbs (informs, builds), not a field.
    assert agencies("", "Bệnh viện Bạch Mai thông tin về ca bệnh.") == ["Bệnh viện Bạch Mai"]
    assert agencies("", "Đại học Huế xây dựng ký túc xá mới.") == ["Đại học Huế"]


def test_delegations_in_lower_case_hai_ba_trung_and_a_police_division_s_parent_in_brackets():
    assert "Đoàn Đại biểu Quốc hội tỉnh Thanh Hóa" in agencies("", "Ông tham gia Đoàn đại biểu Quốc hội tỉnh Thanh Hóa.")
    assert agencies("", "Phòng Giáo dục và Đào tạo Hai Bà Trưng đã kiểm tra.") == [
        "Phòng Giáo dục và Đào tạo Hai Bà Trưng"]
    assert agencies("", "Theo Phòng Cảnh sát hình sự (Công an Hà Tĩnh), Dương đã bị bắt.")[:1] == [
        "Phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh"]


def test_a_police_division_s_code_written_bare_is_not_part_of_its_name():
    assert agencies("", "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội - PC45 Công an TP.HCM cho biết.")[0] == (
        "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội Công an thành phố Hồ Chí Minh")


def test_weather_centre_abbreviations_give_its_one_name_without_a_province():
    for written in ("Trung tâm Dự báo KTTV Trung ương", "Trung tâm Dự báo Khí tượng Thủy văn TƯ",
                    "Trung tâm Dự báo Khí tượng Thủy văn T.Ư"):
        assert agencies("", f"Theo {written}, UBND thành phố Hà Nội chỉ đạo ứng phó bão.")[0] == (
            "Trung tâm Dự báo Khí tượng Thủy văn Trung ương"), written


def test_the_fbi_in_lower_case_is_not_a_vietnamese_department():
    assert agencies("", "Cục Điều tra liên bang Mỹ (FBI) vào cuộc điều tra.") == []
    assert agencies("", "Trong Phòng Bầu dục, ông Trump ký sắc lệnh.") == []  # the Oval Office


def test_names_of_the_sample_corpus_that_were_cut_are_whole():
    # "xã hội," is society, also before a comma; the parent after the comma is the police force.
    assert agencies("", "Liên hệ Phòng Cảnh sát quản lý hành chính về trật tự xã hội, Công an tỉnh Nghệ An để được "
                        "hướng dẫn.")[0] == "Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an tỉnh Nghệ An"
    # "Xúc tiến" (promotion) is part of the name, not the verb "tiến hành".
    assert agencies("", "Trung tâm Xúc tiến Đầu tư tỉnh Nghệ An tổ chức hội nghị.") == [
        "Trung tâm Xúc tiến Đầu tư tỉnh Nghệ An"]
    # The smart-city operations centre's name has a comma inside.
    assert agencies("", "Vận hành Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Thừa Thiên Huế.") == [
        "Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Thừa Thiên Huế"]
    assert agencies("", "Gửi Cục KSTTHC để theo dõi.") == ["Cục Kiểm soát thủ tục hành chính"]


def test_a_division_named_by_its_code_is_the_division_the_text_introduced_with_it():
    text = ("Phòng Cảnh sát giao thông (PC08) phối hợp với các đơn vị. Khó khăn báo cáo về Ban Giám đốc "
            "(qua Phòng PC08) để chỉ đạo.")
    assert agencies("", text) == ["Phòng Cảnh sát giao thông"]


def test_a_class_of_bodies_after_cac_is_no_body():
    assert agencies("", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng chỉ đạo các Ban Quản lý rừng, "
                        "Vườn quốc gia kiểm soát việc ra vào rừng.") == [
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng"]
    assert agencies("", "Chỉ đạo các Ban Quản lý dự án tỉnh Quảng Nam đẩy nhanh tiến độ.") == [
        "Ban Quản lý dự án tỉnh Quảng Nam"]


def test_public_institutes_are_bodies_when_their_name_is_read_whole():
    for text, name in [
        ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam vừa công bố kết quả.", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam"),
        ("Theo Viện Vật lý Địa cầu, trận động đất có độ lớn 3,5.", "Viện Vật lý Địa cầu"),
        ("Viện Vệ sinh dịch tễ Trung ương khuyến cáo người dân.", "Viện Vệ sinh dịch tễ Trung ương"),
        ("Viện Dinh dưỡng Quốc gia khuyến cáo.", "Viện Dinh dưỡng Quốc gia"),
        ("Viện Pasteur TP.HCM cho biết.", "Viện Pasteur thành phố Hồ Chí Minh"),
        # a ministry's institute goes by its own name, like its Cục and Vụ (set 16's label); the ministry
        # is its own value
        ("Viện Khoa học hình sự Bộ Công an giám định.", "Viện Khoa học hình sự"),
    ]:
        assert agencies("", text)[:1] == [name], text
    # Not read whole, not named, not a public body, foreign, or another body's title.
    for text in ["Viện Nghiên cứu và phát triển TP.HCM chủ trì.", "TS Lê Đỗ Mười, Viện Nghiên cứu, cho rằng.",
                 "Viện Thẩm mỹ Kangnam bị phạt.", "Giám đốc Viện Thống nhất Hàn Quốc tại Seoul nói.",
                 "Giải của Viện Hàn lâm Khoa học và Nghệ thuật Điện ảnh Hoa Kỳ.", "Học Viện Ngân Hàng (Phân Viện Phú Yên).",
                 "Viện Công nghệ Massachusetts (MIT) công bố."]:
        assert not [a for a in agencies("", text) if a.startswith("Viện")], text
    assert agencies("", "Viện trưởng VKSND tỉnh Nghệ An cho biết.") == ["Viện Kiểm sát nhân dân tỉnh Nghệ An"]
    assert agencies("", "Theo Viện VKSND tỉnh Đắk Lắk, tài liệu điều tra.") == ["Viện Kiểm sát nhân dân tỉnh Đắk Lắk"]


def test_another_country_s_universities_and_hospitals_are_not_vietnamese_bodies():
    for text in ["Đại học Harvard công bố nghiên cứu.", "Các nhà khoa học Đại học Oxford cho biết.",
                 "Bệnh viện Denbigh Asylum ở xứ Wales."]:
        assert agencies("", text) == [], text
    # Numbers, acronyms and "Việt" names are not foreign words.
    assert agencies("", "Bệnh viện Nhi đồng 1 tiếp nhận bệnh nhi.") == ["Bệnh viện Nhi đồng 1"]
    assert agencies("", "Đại học RMIT tuyển sinh.") == ["Trường Đại học RMIT"]
    assert agencies("", "Bệnh viện Việt Pháp Hà Nội tiếp nhận.") == ["Bệnh viện Việt Pháp Hà Nội"]


def test_a_procuracy_or_court_of_the_same_level_takes_the_level_named_before():
    text = ("Cơ quan CSĐT Công an TP.HCM đã hoàn tất kết luận điều tra, chuyển hồ sơ sang VKSND cùng cấp đề nghị "
            "truy tố bị can.")
    assert "Viện Kiểm sát nhân dân thành phố Hồ Chí Minh" in agencies("", text)
    assert agencies("", "Hồ sơ được chuyển sang VKSND cùng cấp.") == []  # no level named: no body


def test_standing_committees_abbreviated_whole_in_a_recipient_list():
    text = open(CORPUS / "kh-87-lam-dong-2024-mua-hoa-da-quy.txt", encoding="utf-8").read()
    found = agencies("", text)
    for name in ("Thường trực Tỉnh ủy Lâm Đồng", "Tỉnh ủy Lâm Đồng", "Thường trực HĐND tỉnh Lâm Đồng",
                 "HĐND tỉnh Lâm Đồng"):
        assert name in found, name
    assert not any("TTTU" in a or "TTHĐND" in a for a in found)


def test_friendship_hospitals_keep_their_name_in_lower_case_text():
    assert agencies("", "Ông được chuyển sang Bệnh viện hữu nghị Việt Tiệp Hải Phòng.") == [
        "Bệnh viện Hữu nghị Việt Tiệp Hải Phòng"]


def test_police_teams_with_their_force_and_one_name_per_unit():
    text = ("Trung tá Phạm Việt Giang - Đội phó Đội CSGT Công an TP.Thanh Hóa cho biết: “Đội CSGT TP.Thanh Hóa "
            "đang tiến hành xác minh.")
    found = agencies("", text)
    assert "Đội Cảnh sát giao thông Công an thành phố Thanh Hóa" in found
    assert "Đội Cảnh sát giao thông thành phố Thanh Hóa" not in found  # the same team, written short
    assert agencies("", "Đội Cảnh sát giao thông, Công an huyện Diễn Châu lập biên bản.")[0] == (
        "Đội Cảnh sát giao thông Công an huyện Diễn Châu")
    # Other teams, and teams without their force, are not bodies.
    assert agencies("", "Đội bóng U23 Việt Nam thắng.") == [] and agencies("", "Đội CSGT đã có mặt.") == []


def test_an_acronym_in_brackets_before_the_locality_is_skipped():
    assert agencies("", "Bí thư làm việc với Liên đoàn Lao động (LĐLĐ) TP.HCM chiều nay.") == [
        "Liên đoàn Lao động thành phố Hồ Chí Minh"]


def test_a_deputy_head_s_title_and_a_bare_kind_are_not_bodies():
    assert agencies("", "Người quen của Chi cục Phó Chi cục quản lý đất đai - Diệp Xuân Vinh.") == [
        "Chi cục Quản lý đất đai"]
    assert agencies("", "Giám đốc Trung tâm Nghiên cứu Các nước Đông Nam Á, Úc và Châu Đại Dương cho rằng.") == []
    assert agencies("", "Cục Bảo tồn New Zealand cho biết.") == []


def test_a_ministry_or_department_written_in_lower_case_after_its_head():
    assert agencies("", "Theo kết luận của Thanh tra Bộ nội vụ, huyện đã hủy quyết định.") == [
        "Thanh tra Bộ Nội vụ", "Bộ Nội vụ"]
    assert agencies("", "Sở y tế tỉnh Nghệ An cho biết.") == ["Sở Y tế tỉnh Nghệ An"]
    assert agencies("", "Sở dĩ như vậy là vì dự án chậm.") == []
    # A term of office ends a name: "Ban Thường vụ Tỉnh ủy | nhiệm kỳ 2005 - 2010".
    assert agencies("", "Ông bị cách chức ủy viên Ban Thường vụ Tỉnh ủy nhiệm kỳ 2005 - 2010, Bí thư Tỉnh ủy Hà "
                        "Tĩnh.") == ["Ban Thường vụ Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"]


def test_a_field_after_va_in_lower_case_stays_in_the_name():
    assert agencies("", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh Thừa Thiên Huế "
                        "thông báo.") == [
        "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh Thừa Thiên Huế"]
    assert agencies("", "Trung tâm kỹ thuật tài nguyên và môi trường tỉnh Bạc Liêu cho biết.") == [
        "Trung tâm Kỹ thuật tài nguyên và môi trường tỉnh Bạc Liêu"]
    # Not a field: the clause goes on, the name ends.
    assert agencies("", "Chi cục Thủy lợi tỉnh Nghệ An và nguyện vọng của người dân.") == ["Chi cục Thủy lợi tỉnh Nghệ An"]


def test_a_numbered_scheme_of_the_government_is_a_citation():
    meta = extract_metadata("", "Tỉnh triển khai hiệu quả Đề án 06 của Chính phủ về dữ liệu dân cư.")
    assert meta.agencies == [] and meta.cited_agencies == ["Chính phủ"]


def test_an_acronym_in_brackets_before_a_court_s_locality_and_a_council_s_committee_after_cua():
    assert agencies("", "Ngày 9/5, Tòa án nhân dân (TAND) tỉnh Đắk Lắk đã mở phiên tòa sơ thẩm.") == [
        "Tòa án nhân dân tỉnh Đắk Lắk"]
    meta = extract_metadata("", "Ông Nguyễn Văn Thành, nguyên Trưởng Ban Kinh tế - Ngân sách của HĐND thành phố Hải "
                                "Phòng, được bổ nhiệm.")
    assert meta.agencies[0] == "Ban Kinh tế - Ngân sách HĐND thành phố Hải Phòng"
    # The acronym is no part of a role either.
    role = extract_metadata("", "Ông Nguyễn Hòa, Chủ tịch Liên đoàn Lao động (LĐLĐ) tỉnh Khánh Hòa cho biết.").people
    assert [(p.name, p.role) for p in role] == [("Nguyễn Hòa", "Chủ tịch Liên đoàn Lao động tỉnh Khánh Hòa")]


def test_a_university_is_named_trường_đại_học_unless_it_is_a_university_system():
    assert agencies("", "ĐH Xây dựng công bố điểm chuẩn.") == ["Trường Đại học Xây dựng"]
    for system in ("Đại học Huế", "Đại học Đà Nẵng", "Đại học Thái Nguyên", "Đại học Quốc gia Hà Nội"):
        assert agencies("", f"{system} tuyển sinh.") == [system], system
    assert agencies("", "Đại học Thái Bình tuyển sinh.") == ["Trường Đại học Thái Bình"]


def test_bodies_of_countries_named_in_hyphenated_transliteration_and_british_stories():
    assert agencies("", "Bộ Ngoại giao Ca-dắc-xtan thông báo vòng hòa đàm mới.") == []
    assert agencies("", "Nga kêu gọi ủng hộ Chính phủ Xy-ri chống khủng bố.") == []
    assert agencies("", "UBND tỉnh Bà Rịa-Vũng Tàu thông báo.") == ["UBND tỉnh Bà Rịa - Vũng Tàu"]
    meta = extract_metadata("Bầu cử Anh: đảng Bảo thủ mất đa số",
                            "Đảng Bảo thủ của Thủ tướng Theresa May chỉ giành được 318 ghế Quốc hội.")
    assert meta.agencies == [] and meta.issuer is None


def test_the_body_of_an_office_holder_who_is_the_subject_of_the_lead_acts():
    meta = extract_metadata(
        "Cần Thơ: Ứng phó khẩn cấp sạt lở bờ sông Ô Môn",
        "Ngày 31/10, bà Lâm Thị Ngọc Hân, Phó Chủ tịch UBND thành phố Cần Thơ đã kiểm tra hiện trường. Theo "
        "báo cáo của UBND quận Ô Môn, bờ sông sạt lở 4 giờ sáng.")
    assert meta.issuer == "UBND thành phố Cần Thơ"
    meta = extract_metadata("Bí thư Tỉnh ủy Nghệ An làm việc với ngành giáo dục",
                            "Chiều 23/8, đồng chí Hoàng Nghĩa Hưng đã làm việc với Sở GD&ĐT về năm học mới.")
    assert meta.issuer == "Tỉnh ủy Nghệ An"
    # An office holder who is not the subject does not make his body act.
    meta = extract_metadata("", "Sở Y tế tỉnh Nghệ An cho biết, ông A, Giám đốc Bệnh viện tỉnh đã báo cáo.")
    assert meta.issuer == "Sở Y tế tỉnh Nghệ An"


def test_a_numbered_team_takes_its_parent_after_a_comma_and_a_code_may_be_spaced():
    found = agencies("", "Cảnh sát kinh tế phối hợp với Đội Quản lý thị trường số 5, Chi cục Quản lý thị trường Hà Nội "
                         "kiểm tra công ty.")
    assert found[0] == "Đội Quản lý thị trường số 5 Chi cục Quản lý thị trường thành phố Hà Nội"
    assert agencies("", "Ngày 12/5, Cơ quan cảnh sát điều tra PC 45 (Công an tỉnh Bà Rịa - Vũng Tàu) đã hoàn tất.")[0] == (
        "Cơ quan Cảnh sát điều tra Công an tỉnh Bà Rịa - Vũng Tàu")
    found = agencies("", "Phòng Cảnh sát điều tra tội phạm về quản lý kinh tế và chức vụ (PC46), Công an thành phố Hà "
                         "Nội làm nhiệm vụ. Phó Đội trưởng Đội Chống hàng giả, Phòng PC46, Công an thành phố Hà Nội cho biết.")
    assert found == ["Phòng Cảnh sát điều tra tội phạm về quản lý kinh tế và chức vụ Công an thành phố Hà Nội",
                     "Công an thành phố Hà Nội"]


def test_districts_listed_after_a_colon_in_a_recipient_list():
    assert agencies("", "Giao UBND các huyện: Đại Lộc, Duy Xuyên thực hiện.") == [
        "UBND các huyện", "UBND huyện Đại Lộc", "UBND huyện Duy Xuyên"]
    assert agencies("", "Làm việc với UBND các huyện: Họ cho biết.") == ["UBND các huyện"]  # not a place


def test_a_specialised_high_school_keeps_chuyen_in_its_name():
    assert agencies("", "Riêng trường THPT chuyên Lê Hồng Phong được nhận học sinh tỉnh khác.") == [
        "Trường Trung học phổ thông chuyên Lê Hồng Phong"]


def test_recipient_abbreviations_of_the_front_and_the_party_s_standing_board():
    found = agencies("", open(CORPUS / "nq-45-hdnd-quang-nam-2021-thu-hoi-dat.txt", encoding="utf-8").read())
    for name in ("Ban Thường vụ Tỉnh ủy Quảng Nam", "Tỉnh ủy Quảng Nam", "UBMTTQ Việt Nam tỉnh Quảng Nam"):
        assert name in found, name
    assert agencies("", "Nơi nhận:\n- UBMTTQVN tỉnh;") == []  # no province named: which front is unknown


def test_a_name_joined_by_va_does_not_run_into_an_association():
    assert agencies("", "Tổng cục Du lịch và Hiệp hội Du lịch Việt Nam tổ chức hội chợ.") == ["Tổng cục Du lịch"]


def test_continuing_education_centres_are_public_bodies_but_not_a_class_of_them():
    assert agencies("", "Trung tâm GDTX tỉnh Nghệ An tổ chức thi.") == ["Trung tâm Giáo dục thường xuyên tỉnh Nghệ An"]
    assert agencies("", "Trung tâm Giáo dục Hướng nghiệp - Dạy nghề huyện A Lưới tuyển sinh.") == [
        "Trung tâm Giáo dục Hướng nghiệp - Dạy nghề huyện A Lưới"]
    # "các trường THPT và Trung tâm giáo dục thường xuyên trong tỉnh": every such centre, none named.
    found = agencies("", "Sở GD-ĐT Đồng Tháp kiểm tra đề thi cho các trường THPT và Trung tâm giáo dục thường xuyên "
                         "trong tỉnh.")
    assert found == ["Sở Giáo dục và Đào tạo tỉnh Đồng Tháp"]


def test_the_front_of_the_same_level_is_not_the_national_front():
    assert agencies("", "UBND các huyện phối hợp với UBMTTQ Việt Nam cùng cấp tuyên truyền.") == ["UBND các huyện"]


def test_district_offices_listed_with_one_locality_and_a_standing_office():
    assert agencies("", "Phòng TN-MT, Phòng QLĐT quận 9 cho biết.") == [
        "Phòng Tài nguyên và Môi trường quận 9", "Phòng Quản lý đô thị quận 9"]
    found = agencies("", "Báo cáo về Văn phòng thường trực Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn "
                         "tỉnh Quảng Nam.")
    assert found[0].casefold() == (
        "văn phòng thường trực ban chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh quảng nam")


def test_every_field_of_the_field_table_is_read_also_the_first_of_a_line():
    from kb.extract import agencies as module

    assert all(len(pair) == 2 for pair in module._FIELD_BIGRAMS)  # "tài chính" once read as ("\n", "", ..)
    for written, name in [("Học viện Quân y", "Học viện Quân y"), ("Trường ĐH An ninh nhân dân", None),
                          ("Học viện Bưu chính viễn thông", "Học viện Bưu chính viễn thông")]:
        found = agencies("", f"Sinh viên {written} tham gia hiến máu.")
        assert found and (name is None or found[0] == name), (written, found)
        assert not found[0].endswith((" Quân", " An", " Bưu")), found


def test_the_fire_police_of_a_place_is_a_body_and_its_abbreviation_is_spelled_out():
    found = agencies("", "Cảnh sát PCCC TP.HCM điều 10 xe chữa cháy, Phòng Cảnh sát PCCC quận Gò Vấp hỗ trợ.")
    assert found == ["Cảnh sát Phòng cháy chữa cháy thành phố Hồ Chí Minh",
                     "Phòng Cảnh sát Phòng cháy chữa cháy quận Gò Vấp"]  # the division, not also its force
    assert agencies("", "Sở Cảnh sát PC&CC TP Hà Nội cho biết.") == [
        "Sở Cảnh sát Phòng cháy chữa cháy thành phố Hà Nội"]
    # The service with no place, or a class of units, is not one body.
    assert agencies("", "Lực lượng Cảnh sát PCCC đã có mặt.") == []
    assert agencies("", "Cảnh sát PCCC các quận đã có mặt.") == []


def test_an_institution_named_after_its_place_keeps_the_name_and_an_acronym_ends_a_name():
    # "Bệnh viện Đà Nẵng" is the hospital's name, not "the hospital of the city of Đà Nẵng".
    assert agencies("", "Tối 14/5, Bệnh viện Đà Nẵng tiếp nhận 17 bệnh nhân.") == ["Bệnh viện Đà Nẵng"]
    # The short form of a name the text also writes in full is that body.
    assert agencies("", "Chạy thận tại Bệnh viện Đa khoa Hòa Bình. Giám đốc Bệnh viện Đa khoa tỉnh Hòa Bình "
                        "cho biết.") == ["Bệnh viện Đa khoa tỉnh Hòa Bình"]
    assert agencies("", "Cục NTBD sơ kết 6 tháng đầu năm.") == ["Cục Nghệ thuật biểu diễn"]
    assert agencies("", "Phòng CSĐT về kinh tế Công an tỉnh Bạc Liêu cho biết.")[0] == (
        "Phòng Cảnh sát điều tra về kinh tế Công an tỉnh Bạc Liêu")


def test_department_names_in_mixed_case_half_spaced_hyphens_and_dotted_commune_levels():
    assert agencies("", "Giám đốc Sở Nông nghiệp và phát triển nông thôn thành phố Hà Nội cho biết.") == [
        "Sở Nông nghiệp và Phát triển nông thôn thành phố Hà Nội"]
    assert agencies("", "Ông được Bộ Văn hóa- Thể thao và du lịch bổ nhiệm.") == ["Bộ Văn hóa, Thể thao và Du lịch"]
    assert agencies("", "Sở GD- ĐT Hà Nội cho biết.") == ["Sở Giáo dục và Đào tạo thành phố Hà Nội"]
    assert agencies("", "UBND X.Điền Hải cho biết.") == ["UBND xã Điền Hải"]
    assert agencies("", "Ủy ban Mặt trận Tổ Quốc Việt Nam tỉnh Quảng Nam tổ chức.") == [
        "UBMTTQ Việt Nam tỉnh Quảng Nam"]


def test_a_level_word_without_a_name_the_document_never_gives_is_no_body():
    assert agencies("", "Ông Đinh La Thăng, Bí thư Thành ủy TP nhiệm kỳ 2015-2020 thôi giữ chức.") == []
    assert agencies("", "UBND thành phố chỉ đạo khẩn trương.") == []


def test_a_district_office_without_its_locality_belongs_to_the_district_just_named():
    text = "Về phía quận 9, ông Võ Trí Dũng (Trưởng phòng Tài nguyên và Môi trường) bị phê bình."
    assert agencies("", text) == ["Phòng Tài nguyên và Môi trường quận 9"]
    # A division whose name is not a district office's stays bare, district or not.
    assert agencies("", "Về phía quận 9, Phòng Tổng hợp cho biết.") == ["Phòng Tổng hợp"]


def test_a_unit_and_its_parent_after_a_dash_are_two_bodies_and_a_bare_level_list_stops_at_a_title():
    found = agencies("", "Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất - Cục Hải quan TP.HCM cho biết.")
    assert found == ["Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất", "Cục Hải quan thành phố Hồ Chí Minh"]
    # The parent says whose unit it is: no province is added to the unit.
    assert agencies("Hải Phòng: tin", "Mời thêm Ban Nội chính – Văn phòng Chính phủ dự.")[0] == "Ban Nội chính"
    assert agencies("", "Chủ tịch UBND các quận, huyện, thị xã, Giám đốc các sở chịu trách nhiệm.") == [
        "UBND các quận, huyện, thị xã"]
    assert agencies("", "Đội Thanh tra giao thông số 1, Thanh tra Sở GTVT TP.HCM bắt xe.")[0] == (
        "Đội Thanh tra giao thông số 1 Thanh tra Sở Giao thông vận tải thành phố Hồ Chí Minh")
    assert agencies("", "Trung tâm GDTX&KTHN tỉnh Đồng Tháp cho biết.") == [
        "Trung tâm Giáo dục thường xuyên và Kỹ thuật hướng nghiệp tỉnh Đồng Tháp"]


def test_a_court_named_short_before_a_vietnamese_locality_and_a_commune_s_address():
    assert agencies("", "Phó chánh văn phòng Tòa án tỉnh Vĩnh Long bị bắt.") == [
        "Văn phòng Tòa án nhân dân tỉnh Vĩnh Long", "Tòa án nhân dân tỉnh Vĩnh Long"]
    # Abroad, "Tòa án quận 9" is the US Ninth Circuit, "Tòa án thành phố Preston" an English court.
    assert agencies("", "Tòa án quận 9 sẽ phán quyết.") == [] and agencies("", "Tòa án thành phố Preston xử.") == []
    # "xã Ninh Sở, huyện Thường Tín" is the commune's address: one council.
    assert agencies("", "UBND xã Ninh Sở, huyện Thường Tín cho biết.") == ["UBND xã Ninh Sở"]
    assert agencies("", "HĐND huyện Sóc Sơn, thị xã Sơn Tây họp.") == ["HĐND huyện Sóc Sơn", "HĐND thị xã Sơn Tây"]


def test_central_bodies_written_short_and_generic_bodies_of_an_unnamed_place():
    assert agencies("", "Ban Tuyên giáo TW chỉ đạo.") == ["Ban Tuyên giáo Trung ương"]
    assert agencies("", "Ban Kinh tế T.Ư họp.") == ["Ban Kinh tế Trung ương"]
    assert agencies("", "UBKTTW kết luận; Ban TCTW thẩm định.") == [
        "Ủy ban Kiểm tra Trung ương", "Ban Tổ chức Trung ương"]
    # The sentence's last word is not part of the name when it ends one ("Cục CSGT | nói.").
    assert agencies("", "Đại diện Cục Cảnh sát giao thông nói.") == ["Cục Cảnh sát giao thông"]
    # "Trung tâm Y tế huyện" of no named district is no body.
    assert agencies("", "Bệnh nhân được đưa tới Trung tâm Y tế huyện cấp cứu.") == []


def test_a_ministry_s_department_goes_by_its_own_name_and_a_verb_ends_a_name():
    assert agencies("", "Vụ Công chức Bộ Nội vụ cho biết.") == ["Vụ Công chức", "Bộ Nội vụ"]
    assert agencies("", "Cục Cảnh sát giao thông Bộ Công an cho biết.") == ["Cục Cảnh sát giao thông", "Bộ Công an"]
    # An inspectorate is named with its ministry.
    assert agencies("", "Thanh tra Bộ Công Thương kết luận.") == ["Thanh tra Bộ Công Thương", "Bộ Công Thương"]
    assert agencies("", "Cục Xúc tiến thương mại xuất hiện tại hội chợ.") == ["Cục Xúc tiến thương mại"]


def test_a_district_office_written_with_a_dash_or_an_acronym_takes_its_field_s_name():
    assert agencies("", "Phòng Tài nguyên - Môi trường huyện Tân Phú cho biết.") == [
        "Phòng Tài nguyên và Môi trường huyện Tân Phú"]
    assert agencies("", "Phòng TN-MT huyện Tân Phú cho biết.") == ["Phòng Tài nguyên và Môi trường huyện Tân Phú"]
    # A short form in words stays as the text writes it.
    assert agencies("", "Phòng Giáo dục quận Hai Bà Trưng cho biết.") == ["Phòng Giáo dục quận Hai Bà Trưng"]


def test_an_investigation_agency_written_short_and_in_full_is_one_body():
    text = (
        "Cơ quan cảnh sát điều tra Bộ Công an vừa kết luận điều tra. Theo cơ quan điều tra Bộ Công an, "
        "các bị can đã gây thiệt hại lớn."
    )
    assert agencies("", text) == ["Cơ quan Cảnh sát điều tra Bộ Công an", "Bộ Công an"]
    # With two full agencies of one parent, which one the short form means is unknown: kept as written.
    both = text + " Cơ quan An ninh điều tra Bộ Công an cũng vào cuộc."
    assert "Cơ quan Điều tra Bộ Công an" in agencies("", both)


def test_a_time_after_an_institution_s_name_is_not_part_of_it():
    assert agencies("", "Cô gái được đưa vào Bệnh viện Chợ Rẫy ngày 19/5 trong tình trạng nguy kịch.") == [
        "Bệnh viện Chợ Rẫy"]
    assert agencies("", "Em được người nhà đưa vào Bệnh viện Đa khoa Thông Nông lúc 8h ngày 10/6.") == [
        "Bệnh viện Đa khoa Thông Nông"]



def test_numbered_schools_and_regional_hospitals_are_bodies():
    assert agencies("", "Trường THPT số 1 Tư Nghĩa tổ chức lễ khai giảng.") == [
        "Trường Trung học phổ thông số 1 Tư Nghĩa"]
    assert agencies("", "Học sinh trường Tiểu học số 2 Nam Lý đến lớp.") == ["Trường Tiểu học số 2 Nam Lý"]
    assert agencies("", "Nạn nhân được đưa vào Bệnh viện đa khoa khu vực Long Khánh cấp cứu.") == [
        "Bệnh viện Đa khoa khu vực Long Khánh"]
    # "khu vực" with no region after it names no hospital.
    assert agencies("", "Bệnh viện khu vực này luôn quá tải.") == []


def test_a_mission_abroad_in_a_republic_and_before_a_title():
    assert agencies("", "Đại sứ quán Việt Nam tại Cộng hòa Séc xác định năm 2016 là năm ngoại giao kinh tế.") == [
        "Đại sứ quán Việt Nam tại Cộng hòa Séc"]
    # A sentence without its full stop: the title that follows starts the next sentence.
    found = agencies("", "Khánh thành trụ sở mới của ĐSQ Việt Nam tại Hà Lan Thủ tướng đã nói chuyện với cán bộ.")
    assert found[0] == "Đại sứ quán Việt Nam tại Hà Lan" and not any(a.endswith("Thủ") for a in found)


def test_a_two_word_verb_ends_a_body_s_name():
    assert agencies("", "Tổ đánh giá do Cục Hàng không VN thành lập đã kết luận.") == ["Cục Hàng không Việt Nam"]
    assert agencies("", "Cục Viễn thông chia sẻ thông tin với báo chí.") == ["Cục Viễn thông"]
    # "đối" starts a field word too: "Cục Thông tin đối ngoại" keeps it.
    assert agencies("", "Cục Thông tin đối ngoại đoàn kết hoàn thành nhiệm vụ.") == ["Cục Thông tin đối ngoại"]


def test_vietnam_s_prime_minister_acting_gives_the_government():
    assert agencies("", "Hai dự án đã được Thủ tướng chấp thuận theo đề xuất của UBND TP Hà Nội.") == [
        "Chính phủ", "UBND thành phố Hà Nội"]
    assert "Chính phủ" in agencies("", "Phó Thủ tướng Vương Đình Huệ đề nghị Bộ Tài chính rà soát.")
    # Another country's head of government, a former one, or his office: no Vietnamese body.
    assert agencies("", "Thủ tướng Nhật Bản Shinzo Abe gặp báo chí.") == []
    assert agencies("", "Thủ tướng Shinzo Abe gặp báo chí.") == []
    assert agencies("", "Cựu Thủ tướng Phan Văn Khải qua đời.") == []
    story = "Thủ tướng Anh Theresa May lên tiếng. Văn phòng cho biết vị nữ Thủ tướng rất đau buồn."
    assert "Chính phủ" not in agencies("", story)


def test_national_bodies_written_as_acronyms():
    assert agencies("", "Nếu vấn đề này được QH thông qua, tín dụng sẽ khơi thông.") == ["Quốc hội"]
    assert agencies("", "Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng trao đổi với doanh nghiệp.") == [
        "Văn phòng Chính phủ"]
    # Inside another word or a number plate it is no body.
    assert agencies("", "Xe mang biển số 29QH-123 bị tạm giữ.") == []


def test_bodies_of_two_named_places_are_each_a_body():
    text = "Nhà trường cùng Công an hai xã Thạch Văn và Thạch Hội (huyện Thạch Hà) tìm được người đánh rơi."
    assert agencies("", text) == ["Công an xã Thạch Văn", "Công an xã Thạch Hội"]
    assert agencies("", "UBND hai huyện Đại Lộc và Duy Xuyên phối hợp xử lý.") == [
        "UBND huyện Đại Lộc", "UBND huyện Duy Xuyên"]
    # Counted but not named: no body (which two communes, the text does not say).
    assert agencies("", "UBND hai xã đã họp bàn.") == []


def test_an_inspectorate_written_in_lower_case_after_its_head_s_title():
    text = "Ngày 9/6, ông Trần Nhật Tân, chánh thanh tra tỉnh Yên Bái đã ký quyết định thanh tra."
    assert agencies("", text) == ["Thanh tra tỉnh Yên Bái"]
    assert agencies("", "Phó Chánh thanh tra Bộ Nội vụ cho biết.") == ["Thanh tra Bộ Nội vụ", "Bộ Nội vụ"]
    # "thanh tra" as a verb is no body.
    assert agencies("", "Đoàn công tác sẽ thanh tra việc cấp phép xây dựng.") == []


def test_information_technology_is_part_of_a_body_s_name():
    assert agencies("", "Cục Công nghệ thông tin Bộ Y tế cho biết.") == ["Cục Công nghệ thông tin", "Bộ Y tế"]
    # The verb "thông tin" after the name still ends it.
    assert agencies("", "Cục Công nghệ thông tin thông tin rằng hệ thống đã sẵn sàng.") == ["Cục Công nghệ thông tin"]
    assert agencies("", "Đại diện Cục Giám sát quản lý về hải quan trình bày.") == ["Cục Giám sát quản lý về hải quan"]


def test_an_acronym_after_and_is_another_body_unless_it_continues_the_name():
    assert agencies("", "HLV được Bộ VH-TT&DL, Tổng cục TDTT và VFF giao chỉ tiêu.") == [
        "Bộ Văn hóa, Thể thao và Du lịch", "Tổng cục Thể dục thể thao"]
    # "Thi đua khen thưởng" is a board's field, not the verb "khen".
    assert "Ban Thi đua khen thưởng thành phố Hà Nội" in agencies(
        "", "Trưởng Ban Thi đua khen thưởng của Sở Nội vụ Hà Nội cho biết.")
    assert agencies("", "Việc tìm kiếm do Quân khu 7, Bộ Tư lệnh TP.HCM thực hiện.") == [
        "Quân khu 7", "Bộ Tư lệnh thành phố Hồ Chí Minh"]


def test_a_hospital_written_in_lower_case_with_its_name():
    assert agencies("", "Nạn nhân được đưa vào bệnh viện Bạch Mai cấp cứu.") == ["Bệnh viện Bạch Mai"]
    assert agencies("", "Giấy tờ có đóng dấu bệnh viện Giao thông vận tải Trung ương (GTVT TƯ).") == [
        "Bệnh viện Giao thông vận tải Trung ương"]
    # Hospitals in general, another country's, or one word that is no name: no body.
    assert agencies("", "Em được chuyển lên bệnh viện tuyến trên.") == []
    assert agencies("", "Mã độc tấn công các ngân hàng Nga, bệnh viện Anh và nhà máy ôtô.") == []
    assert agencies("", "Khi đến bệnh viện Nam khai rằng đã bị đánh.") == []
    # A question mark ends the name: "Từ Dũ", not "Từ Dũ không? Cô ...".
    assert agencies("", "Chị sinh ở bệnh viện Từ Dũ không? Cô Đào hỏi.") == ["Bệnh viện Từ Dũ"]


def test_police_written_short_and_an_investigation_agency_by_its_acronym():
    assert agencies("", "CAQ Hoàn Kiếm đang điều tra vụ việc.") == ["Công an quận Hoàn Kiếm"]
    assert agencies("", "CAQ 1 đã tạm giữ đối tượng.") == ["Công an quận 1"]
    assert agencies("", "CATP HCM cho biết.") == ["Công an thành phố Hồ Chí Minh"]
    assert agencies("", "Vụ việc đang được CQĐT Công an tỉnh Đắk Lắk điều tra.") == [
        "Cơ quan điều tra Công an tỉnh Đắk Lắk", "Công an tỉnh Đắk Lắk"]
    assert agencies("", "CQĐT CATP Hà Nội đã khởi tố vụ án.") == [
        "Cơ quan điều tra Công an thành phố Hà Nội", "Công an thành phố Hà Nội"]
    # The acronym alone names no body.
    assert agencies("", "CQĐT đã bắt khẩn cấp đối tượng.") == []


def test_the_inspectorate_of_the_ministry_the_text_is_about():
    assert agencies("", "Bộ Công Thương lập đoàn kiểm tra do Thanh tra Bộ chủ trì.") == [
        "Bộ Công Thương", "Thanh tra Bộ Công Thương"]


def test_the_party_committee_of_a_ministry_department_or_institution():
    assert agencies("", "Đảng ủy Bộ Tài chính họp.") == ["Đảng ủy Bộ Tài chính", "Bộ Tài chính"]
    assert agencies("", "Bí thư làm việc với Đảng ủy trường ĐH Y khoa Phạm Ngọc Thạch.") == [
        "Đảng ủy Trường Đại học Y khoa Phạm Ngọc Thạch", "Trường Đại học Y khoa Phạm Ngọc Thạch"]
    assert agencies("", "Đồn Biên phòng cửa khẩu đảo Phú Quý liên lạc với tàu.") == [
        "Đồn Biên phòng Cửa khẩu đảo Phú Quý"]


def test_a_police_division_s_name_read_whole_with_its_commas_and_and():
    assert agencies("", "Ông A, Phó phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Phú Yên, cho biết.") == [
        "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Phú Yên", "Công an tỉnh Phú Yên"]
    assert agencies("", "Phòng Cảnh sát điều tra tội phạm về kinh tế và tham nhũng Công an TP.HCM thụ lý vụ án.") == [
        "Phòng Cảnh sát điều tra tội phạm về kinh tế và tham nhũng Công an thành phố Hồ Chí Minh",
        "Công an thành phố Hồ Chí Minh"]
    # One table form whatever the case and commas the text uses; the fire police on rivers keep "trên sông".
    assert agencies("", "Phòng Cảnh sát Phòng cháy chữa cháy trên sông (Công an TP.HCM) đã có mặt.") == [
        "Phòng Cảnh sát phòng cháy, chữa cháy trên sông Công an thành phố Hồ Chí Minh",
        "Công an thành phố Hồ Chí Minh"]


def test_a_head_written_with_a_capital_and_commune_stations():
    assert agencies("", "Xã đã phối hợp với Chi Cục Thú y tỉnh Hà Tĩnh kiểm tra.") == ["Chi cục Thú y tỉnh Hà Tĩnh"]
    assert agencies("", "Vĩnh Phúc đã xin ý kiến của Tổng Cục Lâm nghiệp về việc này.") == ["Tổng cục Lâm nghiệp"]
    assert agencies("", "Hộ nuôi được Trạm Chăn nuôi và Thú y thị xã Sông Cầu khuyến cáo.") == [
        "Trạm Chăn nuôi và Thú y thị xã Sông Cầu"]
    # A commune's health station is not listed (the labelling conventions; set 18 labels it so too).
    assert agencies("", "Bệnh nhân được đưa đến Trạm Y tế xã Hưng Trạch sơ cứu.") == []
    # A traffic police station is named after its place; fuel and toll stations are no bodies.
    assert agencies("", "Tổ công tác Trạm CSGT Diễn Châu phát hiện xe chở quá tải.") == [
        "Trạm Cảnh sát giao thông Diễn Châu"]
    assert agencies("", "Xe dừng ở Trạm xăng Nam Đàn rồi qua Trạm thu phí Bến Thủy.") == []


def test_a_hospital_s_specialty_in_lower_case_and_one_name_for_the_placed_and_bare_forms():
    assert agencies("", "Nạn nhân đang điều trị tại Bệnh viện Chấn thương chỉnh hình Nghệ An. Sau đó") == [
        "Bệnh viện Chấn thương chỉnh hình Nghệ An"]
    text = "Bệnh nhân được chuyển xuống Bệnh viện Bệnh Nhiệt đới TP.HCM. Thông tin từ Bệnh viện Bệnh Nhiệt đới cho hay."
    assert agencies("", text) == ["Bệnh viện Bệnh Nhiệt đới thành phố Hồ Chí Minh"]


def test_a_decree_or_resolution_named_by_its_authors_alone_cites_them():
    meta = extract_metadata("", "Thực hiện Nghị quyết của Quốc hội và Chính phủ về các giải pháp, NHNN đã giảm lãi suất.")
    assert meta.agencies == ["Ngân hàng Nhà nước Việt Nam"] and meta.cited_agencies == ["Quốc hội", "Chính phủ"]
    meta = extract_metadata("", "Đoàn không vi phạm Nghị định của Chính phủ về văn hóa, Sở VH&TT TP.HCM cho biết.")
    assert meta.cited_agencies == ["Chính phủ"] and "Chính phủ" not in meta.agencies
    # A decision in general is not a citation: the body decides.
    meta = extract_metadata("", "Theo quyết định của UBND tỉnh Nghệ An, dự án bị thu hồi.")
    assert meta.agencies == ["UBND tỉnh Nghệ An"] and meta.cited_agencies == []


def test_collective_levels_written_short_missions_prisons_and_central_units():
    assert agencies("", "Thủ tướng gửi công văn tới các bộ, UBND các tỉnh, TP kiểm điểm nghiêm túc.") == [
        "Chính phủ", "UBND các tỉnh, thành phố"]
    assert agencies("", "Bà Nga, Trưởng Phái đoàn Thường trực Việt Nam tại LHQ phát biểu.") == [
        "Phái đoàn Thường trực Việt Nam tại Liên hợp quốc"]
    assert agencies("", "Phạm nhân bị đưa về Trại tạm giam Công an tỉnh Yên Bái.") == [
        "Trại tạm giam Công an tỉnh Yên Bái", "Công an tỉnh Yên Bái"]
    assert agencies("", "Anh ta thụ án tại Trại giam Xuân Lộc (Bộ Công an) ở Đồng Nai.") == ["Trại giam Xuân Lộc", "Bộ Công an"]
    assert agencies("", "Đưa về trại tạm giam để xử lý.") == []
    # A numbered unit serves a region for a central body, a term is no part of a name, "T.Ư" is central:
    # no province is added to them.
    text = "Trung tâm Kỹ thuật đường bộ 1 mời thầu ở Bắc Kạn. UBND tỉnh Bắc Kạn cho biết."
    assert agencies("", text) == ["Trung tâm Kỹ thuật đường bộ 1", "UBND tỉnh Bắc Kạn"]
    text = "Ông là Ủy viên Ban Chấp hành T.Ư Đảng khóa XI, nguyên Phó Chủ tịch UBND TP.HCM."
    assert agencies("", text) == ["Ban Chấp hành Trung ương Đảng", "UBND thành phố Hồ Chí Minh"]


def test_departments_of_many_provinces_and_a_title_after_an_abbreviated_level():
    text = "Đã có 40 Sở GD-ĐT gửi kết quả thi về Bộ GD-ĐT. Hiện nay, nhiều Sở GD&ĐT đang đối sánh dữ liệu."
    assert agencies("", text) == ["Bộ Giáo dục và Đào tạo"]
    text = "Bộ Y tế yêu cầu 7 Sở Y tế: Hải Phòng, Cần Thơ và Gia Lai báo cáo."
    assert agencies("", text) == ["Bộ Y tế", "Sở Y tế thành phố Hải Phòng", "Sở Y tế thành phố Cần Thơ", "Sở Y tế tỉnh Gia Lai"]
    # "TP." ends a sentence and "Bí thư" starts the next: no city named "Bí".
    meta = extract_metadata("", "Công an Q.2 phải giảm tội phạm bằng Công an TP. Bí thư Đinh La Thăng yêu cầu vậy.")
    assert meta.agencies == ["Công an quận 2"] and "Bí" not in meta.places
    # "mỗi" (each) ends a name.
    assert agencies("", "Ban Quản lý tòa nhà mỗi quận phải báo cáo UBND quận Ba Đình.") == [
        "Ban Quản lý tòa nhà", "UBND quận Ba Đình"]


def test_central_bodies_written_with_the_word_after_the_head_in_the_other_case():
    assert agencies("", "PGS.TS Lương Ngọc Khuê, Cục trưởng Cục quản lý Khám, chữa bệnh cho biết.") == [
        "Cục Quản lý Khám, chữa bệnh"]
    assert agencies("", "Bộ Chính trị, Ban chấp hành TƯ xử lý có lý có tình.") == [
        "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng"]
    # Another country's party is no Vietnamese body.
    assert agencies("", "Ngày 19/5, Ban Chấp hành Trung ương Đảng Cộng sản Cuba ra thông cáo.") == []


def test_ministers_fields_listed_forest_boards_and_tay_nguyen_places():
    text = "Các Bộ trưởng, Trưởng ngành cùng trả lời chất vấn gồm: Tài chính, Xây dựng, Công Thương, Y tế."
    assert agencies("", text) == ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Công Thương", "Bộ Y tế"]
    # A Tây Nguyên place is not a foreign word; a forest board is named after its forest, no district added.
    text = "Chi cục Kiểm lâm Gia Lai làm việc với Hạt kiểm lâm Chư Pah và Ban quản lý rừng Đông Bắc Chư Pah."
    assert agencies("", text) == [
        "Chi cục Kiểm lâm tỉnh Gia Lai", "Hạt Kiểm lâm Chư Pah", "Ban Quản lý rừng Đông Bắc Chư Pah"]
    assert agencies("", "Bị cáo là cán bộ Trung tâm quỹ đất TP Tam Kỳ.") == ["Trung tâm Quỹ đất thành phố Tam Kỳ"]


def test_party_committees_and_fire_police_of_listed_provinces():
    text = "Hội đàm giữa Bí thư Tỉnh ủy 4 tỉnh Quảng Ninh, Lạng Sơn, Hà Giang, Cao Bằng và Bí thư Khu ủy Quảng Tây."
    assert agencies("", text) == ["Tỉnh ủy Quảng Ninh", "Tỉnh ủy Lạng Sơn", "Tỉnh ủy Hà Giang", "Tỉnh ủy Cao Bằng"]
    assert agencies("", "Các huyện ủy, thành ủy phải báo cáo.") == []
    text = "Chiến sĩ Cảnh sát Phòng cháy chữa cháy Cần Thơ, Thành phố Hồ Chí Minh và Hậu Giang tiếp cận tầng 5."
    assert agencies("", text) == [
        "Cảnh sát Phòng cháy chữa cháy thành phố Cần Thơ", "Cảnh sát Phòng cháy chữa cháy thành phố Hồ Chí Minh",
        "Cảnh sát Phòng cháy chữa cháy tỉnh Hậu Giang"]
    # Only provinces continue the list: another body after "và" is its own.
    assert agencies("", "Cảnh sát PCCC tỉnh Bình Dương và UBND tỉnh chỉ đạo.") == [
        "Cảnh sát Phòng cháy chữa cháy tỉnh Bình Dương", "UBND tỉnh Bình Dương"]


def test_the_procuracy_named_short_and_the_central_emulation_council():
    text = "Cơ quan điều tra Công an Đồng Nai phối hợp với Viện Kiểm sát cùng cấp khám nghiệm hiện trường."
    assert "Viện Kiểm sát nhân dân tỉnh Đồng Nai" in agencies("", text)
    assert agencies("", "Viện kiểm sát huyện Nho Quan đã phê chuẩn.") == ["Viện Kiểm sát nhân dân huyện Nho Quan"]
    assert agencies("", "Viện Kiểm sát đã truy tố.") == []
    assert agencies("", "Lễ tuyên dương do Hội đồng Thi đua - Khen thưởng Trung ương tổ chức.") == [
        "Hội đồng Thi đua - Khen thưởng Trung ương"]


def test_kinds_of_government_that_are_another_country_s():
    assert agencies("", "Ngày 19/5, Chính phủ đoàn kết dân tộc (GNA) tại Libya đã lập một ủy ban.") == []
    assert agencies("", "Ta tiếp cận chính quyền và Quốc hội mới của Hoa Kỳ.") == []
    assert agencies("", "Chính phủ đã ban hành nghị định về tiền lương.") == ["Chính phủ"]


def test_photo_and_source_credits_name_no_body():
    text = "Phó Thủ tướng Vũ Đức Đam. Ảnh: QH Theo Phó Thủ tướng, Bộ Y tế đã yêu cầu."
    assert "Quốc hội" not in agencies("", text) and "Bộ Y tế" in agencies("", text)
    assert agencies("", "Lượng mưa trung bình các tháng. Nguồn: Trung tâm Dự báo KTTV TƯ. Mùa hè bắt đầu.") == []


def test_a_board_written_in_lower_case_inside_its_head_s_title():
    text = "Ông Lê Văn Dũng, Trưởng ban Tổ chức Tỉnh ủy Quảng Nam cho hay."
    assert agencies("", text) == ["Ban Tổ chức Tỉnh ủy Quảng Nam", "Tỉnh ủy Quảng Nam"]
    assert agencies("", "Ngày 20/6, Trưởng ban Kinh tế Trung ương Nguyễn Văn Bình tiếp đoàn.") == ["Ban Kinh tế Trung ương"]
    assert agencies("", "Ông X, phó trưởng ban Tổ chức Trung ương Đảng, dự.") == ["Ban Tổ chức Trung ương"]
    # An event's organising committee is no body.
    assert agencies("", "Ban Tổ chức Lễ hội đền Trần cho biết.") == []


def test_numbered_teams_of_public_kinds_only_and_a_district_party_committee_written_short():
    text = "Đội Đo đạc số 1 thực hiện đo đạc. Đội CSGT số 7 xử lý vi phạm. Đội Quản lý thị trường số 5 kiểm tra."
    assert agencies("", text) == ["Đội Cảnh sát giao thông số 7", "Đội Quản lý thị trường số 5"]
    assert agencies("", "Đánh giá mô hình của Quận ủy Q.9 và Quận ủy quận 1.") == ["Quận ủy quận 9", "Quận ủy quận 1"]
    assert agencies("", "Thủ tướng Séc và Chính phủ Séc cho biết.") == []


def test_a_central_committee_member_and_the_committee_s_seat_name_the_central_committee():
    text = "Ông Mai Văn Chính, Ủy viên Trung ương Đảng, Phó Trưởng Ban Tổ chức Trung ương công bố quyết định."
    assert sorted(agencies("", text)) == ["Ban Chấp hành Trung ương Đảng", "Ban Tổ chức Trung ương"]
    text = "Chiều 25/5, tại Trụ sở Trung ương Đảng, Tổng Bí thư Nguyễn Phú Trọng tiếp Đặc phái viên Hàn Quốc."
    found = extract_metadata("", text)
    assert found.agencies == ["Ban Chấp hành Trung ương Đảng"]
    assert found.issuer is None  # the seat names where the meeting is, not who acts
    # A former member's title names no body.
    text = "Ông Nguyễn Văn Thiện, nguyên Ủy viên Trung ương Đảng, nguyên Bí thư Tỉnh ủy Bình Định."
    assert agencies("", text) == ["Tỉnh ủy Bình Định"]


def test_a_department_written_in_lower_case_after_a_title():
    text = (
        "HĐND TP Hải Phòng miễn nhiệm ông Vũ Văn Kiền (nguyên Giám đốc sở Tư pháp) và lãnh đạo sở Y tế "
        "báo cáo. Cục Nhà giáo và Cán bộ quản lý cơ sở giáo dục (Bộ GD&ĐT) tập huấn."
    )
    found = agencies("", text)
    assert "Sở Tư pháp thành phố Hải Phòng" in found
    assert "Sở Y tế thành phố Hải Phòng" in found
    # Elsewhere "sở" is a common word: "cơ sở giáo dục" inside a body's name names no department.
    assert "Cục Nhà giáo và Cán bộ quản lý cơ sở giáo dục" in found
    assert not any("Sở Giáo dục" in name for name in found)


def test_every_author_of_a_joint_circular_is_cited_and_road_offices_are_bodies():
    text = (
        "Căn cứ Thông tư liên tịch số 06/2013/TTLT-BCA-BQP-BTC ngày 2/8/2013 của Bộ Công an, Bộ Quốc phòng, "
        "Bộ Tài chính và Viện kiểm sát nhân dân Tối cao, Công an huyện Hải Hậu đã trả lời. "
        "Hạt Quản lý giao thông huyện Na Hang đã điều động một thuyền."
    )
    found = extract_metadata("", text)
    assert found.cited_agencies == ["Bộ Công an", "Bộ Quốc phòng", "Bộ Tài chính", "Viện Kiểm sát nhân dân tối cao"]
    assert sorted(found.agencies) == ["Công an huyện Hải Hậu", "Hạt Quản lý giao thông huyện Na Hang"]
    # One author only when the document is not a joint one: the body after the comma acts.
    text = "Theo Quyết định số 12/QĐ-UBND của UBND tỉnh Nam Định, Sở Y tế tỉnh Nam Định đã kiểm tra."
    assert extract_metadata("", text).agencies == ["Sở Y tế tỉnh Nam Định"]


def test_this_province_is_the_one_named_last_not_the_document_s():
    text = (
        "Sở NN&PTNT tỉnh Bình Định cho biết 17 tàu bị hỏng. Liên quan việc hai tàu ở tỉnh Phú Yên bị hỏng, "
        "UBND tỉnh này đã yêu cầu kiểm tra."
    )
    assert "UBND tỉnh Phú Yên" in agencies("Tàu vỏ thép ở Bình Định hư hỏng", text)
    assert "UBND tỉnh Bình Định" not in agencies("Tàu vỏ thép ở Bình Định hư hỏng", text)


def test_the_road_and_rail_traffic_police_division_has_one_name_however_written():
    name = "Phòng Cảnh sát giao thông đường bộ - đường sắt Công an tỉnh Hà Tĩnh"
    for written in ("CSGT đường bộ - đường sắt", "CSGT đường bộ và đường sắt", "Cảnh sát giao thông đường bộ, đường sắt",
                    "Cảnh sát giao thông đường bộ đường sắt"):
        text = f"Thượng úy Nguyễn Anh Đức (thuộc Phòng {written} Công an tỉnh Hà Tĩnh) bị thương."
        assert name in agencies("", text), written


def test_a_police_division_in_lower_case_and_the_city_police_written_short_without_a_name():
    text = "Theo thông tin từ phòng Cảnh sát đường thủy, Công an tỉnh Quảng Ninh, du khách đã tử vong."
    assert "Phòng Cảnh sát đường thủy Công an tỉnh Quảng Ninh" in agencies("", text)
    found = agencies("Đà Nẵng: tai nạn", "Tại TP Đà Nẵng, phòng CSGT CATP cho biết nguyên nhân.")
    assert "Phòng Cảnh sát giao thông Công an thành phố Đà Nẵng" in found
    # "báo CATP" is the newspaper Công an TP.HCM, not a police force.
    assert agencies("", "Nguồn tin của báo CATP cho biết Công an quận Gò Vấp tạm giữ đối tượng.") == [
        "Công an quận Gò Vấp"
    ]


def test_provinces_and_cities_written_tinh_thanh_are_the_collective_council():
    text = "Thủ tướng đã có công điện gửi các bộ ngành, UBND các tỉnh thành... về việc đôn đốc làm việc sau Tết."
    assert "UBND các tỉnh, thành phố" in agencies("", text)
    assert "UBND các tỉnh" not in agencies("", text)


def test_a_council_board_has_one_spelling_and_keeps_its_council_after_a_comma():
    expected = "Ban Văn hóa - Xã hội HĐND thành phố Hà Nội"
    for written in ("Ban Văn hóa - xã hội HĐND TP Hà Nội", "Ban Văn hóa-Xã hội HĐND thành phố Hà Nội",
                    "Ban Văn hoá xã hội, HĐND TP Hà Nội"):
        assert expected in agencies("", f"Ngày 7-2, {written} đã khảo sát lễ hội."), written
    assert "Ban Kinh tế - Ngân sách HĐND tỉnh Nghệ An" in agencies("", "Ban Kinh tế ngân sách HĐND tỉnh Nghệ An họp.")


def test_the_board_of_an_economic_zone_and_the_province_s_industrial_parks():
    text = "Ban Quản lý Khu kinh tế Dung Quất và các KCN Quảng Ngãi đã trao giấy chứng nhận đầu tư."
    assert agencies("", text) == ["Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"]


def test_a_culture_board_named_without_its_council_is_the_council_s():
    found = agencies("TP.HCM: lương giáo viên thấp", "Bà Thi Thị Tuyết Nhung, Phó trưởng Ban Văn hóa xã hội hỏi về thu nhập.")
    assert found == ["Ban Văn hóa - Xã hội HĐND thành phố Hồ Chí Minh"]


def test_political_training_and_maritime_rescue_centres_one_name_each():
    text = "Ông Lê Xuân Nhuận, Giám đốc Trung tâm bồi dưỡng chính trị TP Bảo Lộc, đến nơi làm việc."
    assert agencies("", text) == ["Trung tâm Bồi dưỡng chính trị thành phố Bảo Lộc"]
    for written in ("Trung tâm Phối hợp tìm kiếm, cứu nạn Hàng hải khu vực 2",
                    "Trung tâm phối hợp tìm kiếm cứu nạn hàng hải khu vực II"):
        found = agencies("", f"Tàu cá gặp nạn, {written} đã cử tàu SAR 413 ra cứu.")
        assert found == ["Trung tâm Phối hợp tìm kiếm cứu nạn hàng hải khu vực II"], written


def test_a_party_inspection_committee_in_lower_case_and_district_youth_unions():
    found = agencies("", "Ủy ban kiểm tra Thành ủy Bảo Lộc sẽ tiến hành điều tra vụ việc.")
    assert "Ủy ban Kiểm tra Thành ủy Bảo Lộc" in found
    assert agencies("", "Tại Phủ Tây Hồ, Quận đoàn Tây Hồ tổ chức điểm trông xe miễn phí.") == ["Quận Đoàn Tây Hồ"]
    assert agencies("", "Huyện đoàn Bắc Hà tổ chức ra quân.") == ["Huyện Đoàn Bắc Hà"]
    assert agencies("", "Ban kiểm tra liên ngành đã đến cơ sở.") == []  # an ad hoc team


def test_a_delegation_of_deputies_without_its_province_is_the_story_s_and_sở_after_và():
    text = "Ngày 9-5, Đoàn đại biểu Quốc hội (ĐBQH) đơn vị số 3 đã tiếp xúc cử tri quận Bình Tân."
    assert "Đoàn Đại biểu Quốc hội thành phố Hồ Chí Minh" in agencies("TP.HCM: mưa là ngập", text)
    # "các đoàn ĐBQH": every delegation, no one province's.
    text = "Cơ quan thẩm tra đã lấy ý kiến các đoàn ĐBQH và chuyên gia về dự thảo Luật Quy hoạch."
    assert not any(a.startswith("Đoàn") for a in agencies("Khánh Hòa: hội thảo", text))
    found = agencies("Quảng Nam: công nhân ngừng việc", "LĐLĐ tỉnh và sở LĐTBXH tỉnh đang làm việc với công ty.")
    assert found == ["Liên đoàn Lao động tỉnh Quảng Nam", "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Nam"]


def test_institutes_and_departments_of_a_ministry_in_lower_case_go_by_their_own_name():
    text = "Theo kết luận giám định của Viện khoa học kỹ thuật hình sự Bộ Công an, nạn nhân tử vong do ngạt."
    assert sorted(agencies("", text)) == ["Bộ Công an", "Viện Khoa học kỹ thuật hình sự"]
    assert "Viện Khoa học kỹ thuật hình sự" in agencies("", "Viện KHKTHS Bộ Công an đã giám định.")
    found = extract_metadata("", "Ông Phạm Trọng Đạt - Cục trưởng cục Chống tham nhũng (Thanh tra Chính phủ) - cho biết.")
    assert "Cục Chống tham nhũng" in found.agencies
    assert found.people[0].role == "Cục trưởng cục Chống tham nhũng"


def test_a_closing_byline_s_body_and_another_country_s_pair_of_national_bodies_are_not_listed():
    text = "Cùng ngày, Thủ tướng Nguyễn Xuân Phúc đã tiếp một số doanh nhân gốc Việt. Lục Giang (VPCP)"
    assert "Văn phòng Chính phủ" not in agencies("", text)
    text = "Bạn nên đến cơ sở chuyên khoa để được tư vấn. PGS-TS Trần Hải Yến (Trường ĐH Y khoa Phạm Ngọc Thạch)"
    assert agencies("", text) == ["Trường Đại học Y khoa Phạm Ngọc Thạch"]  # an expert's affiliation
    text = "Thượng nghị sỹ John McCain khẳng định ủng hộ Quốc hội và Chính phủ Hoa Kỳ tiếp tục hợp tác."
    assert agencies("", text) == []


def test_a_term_s_cac_a_district_training_centre_and_a_level_listed_twice():
    assert agencies("", "Ông là Ủy viên Ban Chấp hành Trung ương Đảng các khóa X, XI.") == [
        "Ban Chấp hành Trung ương Đảng"]
    # A political training centre is a district's or a city's: no province is guessed for it.
    assert agencies("Lâm Đồng: ẩu đả", "Ông đến Trung tâm bồi dưỡng chính trị nơi ông Nhuận làm việc.") == [
        "Trung tâm Bồi dưỡng chính trị"]
    assert agencies("", "UBND các xã, phường, phường đã họp.") == ["UBND các xã, phường"]


def test_short_police_navy_and_central_bank_branches_are_bodies():
    assert agencies("", "CA quận 1 đã bắt giữ nghi phạm.") == ["Công an quận 1"]
    assert agencies("", "CA huyện Đông Anh đã bắt giữ nghi phạm.") == ["Công an huyện Đông Anh"]
    assert agencies("", "Sáng nay, CA đã đến hiện trường.") == []  # "CA" alone names no place
    assert agencies("", "Bộ Tư lệnh Vùng 3 Hải quân đã cứu hộ tàu cá.") == ["Bộ Tư lệnh Vùng 3 Hải quân"]
    assert agencies("", "Vùng Cảnh sát biển 2 đã cứu hộ tàu cá.") == ["Vùng Cảnh sát biển 2"]
    assert agencies("", "Lương tối thiểu vùng 1 và Vùng 2 tăng.") == []  # wage regions are no bodies
    assert agencies("", "Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An vừa có văn bản.") == [
        "Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An"]
    assert agencies("", "Ngân hàng Nhà nước vừa có văn bản.") == ["Ngân hàng Nhà nước Việt Nam"]


def test_departments_of_many_provinces_and_one_body_in_one_spelling():
    assert agencies("", "Bộ Y tế yêu cầu Sở Y tế các tỉnh, thành phố tăng cường giám sát.") == [
        "Bộ Y tế", "Sở Y tế các tỉnh, thành phố"]
    assert agencies("", "Sở Y tế các tỉnh Nghệ An, Hà Tĩnh đã báo cáo.") == ["Sở Y tế tỉnh Nghệ An", "Sở Y tế tỉnh Hà Tĩnh"]
    # a region's provinces are not named: no department of a province "Nam"
    assert agencies("", "Theo Sở NNPTNT các tỉnh Nam bộ, kế hoạch sản xuất vẫn bảo đảm.") == []
    assert agencies("", "Bệnh viện Nhi TW đã tiếp nhận bệnh nhân.") == ["Bệnh viện Nhi Trung ương"]
    text = ("Cục Quản lý Khám chữa Bệnh (Bộ Y tế) vừa có văn bản. Theo Cục Quản lý Khám, chữa bệnh, "
            "các bệnh viện phải báo cáo.")
    assert agencies("", text) == ["Cục Quản lý Khám, chữa bệnh", "Bộ Y tế"]
    text = "Phòng Cảnh sát hình sự-Công an TP.HCM cho biết. Phòng Cảnh sát hình sự Công an TP.HCM đã bắt giữ."
    assert "Phòng Cảnh sát hình sự Công an thành phố Hồ Chí Minh" in agencies("", text)


def test_an_institute_before_and_a_list_keeps_its_name():
    text = "Ủy ban đã làm việc với Viện Huyết học Truyền máu Trung ương và các cơ quan liên quan."
    assert agencies("", text) == ["Viện Huyết học Truyền máu Trung ương"]
    assert agencies("", "Viện Nghiên cứu Kinh tế và phát triển cho biết.") == []  # the name goes on: unread


def test_a_bare_management_board_gets_no_province_guessed():
    assert agencies("", "Ban quản lý cho biết thành phố Hồ Chí Minh chưa có kế hoạch.") == []
    assert agencies("", "Ban Quản lý chợ Bến Thành cho biết.") == ["Ban Quản lý chợ Bến Thành"]


def test_a_person_s_name_after_tinh_is_no_province():
    text = "Đoàn công tác tỉnh Hà Tĩnh do PCT UBND tỉnh Dương Tất Thắng dẫn đầu."
    assert agencies("", text) == ["UBND tỉnh Hà Tĩnh"]
    assert agencies("", "UBND tỉnh Hà Tây (cũ) đã giao đất.") == ["UBND tỉnh Hà Tây"]


def test_a_zone_board_with_the_province_s_industrial_parks_and_its_level():
    text = "Ban quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp tỉnh Thanh Hóa vừa cấp phép."
    assert agencies("", text) == ["Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp tỉnh Thanh Hóa"]


def test_the_prime_minister_as_the_lead_s_subject_makes_the_government_the_issuer():
    found = extract_metadata(
        "Thủ tướng yêu cầu Bộ Công an kiên quyết thu hồi biển số 80",
        "Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa yêu cầu Bộ Công an thực hiện nghiêm chỉ đạo.",
    )
    assert found.issuer == "Chính phủ"
    found = extract_metadata(
        "Nghệ An: Bắt đối tượng vận chuyển ma túy",
        "Ngày 5/6, Công an huyện Quỳnh Lưu (Nghệ An) cho biết đã bắt giữ đối tượng. Thủ tướng đã biểu dương.",
    )
    assert found.issuer == "Công an huyện Quỳnh Lưu"


def test_an_event_s_organisers_are_no_body_but_the_party_s_organisation_board_is():
    assert agencies("", "Ban tổ chức bắt đầu chương trình tại Hà Nội.") == []
    assert agencies("", "Ban Tổ chức lễ hội rước kiệu cho biết ở Hà Nội.") == []
    assert agencies("", "Ban Tổ chức Trung ương vừa có văn bản.") == ["Ban Tổ chức Trung ương"]
    assert agencies("", "Ban Tổ chức Tỉnh ủy Bình Thuận vừa có văn bản.") == [
        "Ban Tổ chức Tỉnh ủy Bình Thuận", "Tỉnh ủy Bình Thuận"]


def test_a_unit_of_a_central_department_takes_no_province_from_the_story():
    text = "Lãnh đạo tỉnh Hà Giang đã họp. Cán bộ Trung tâm Hỗ trợ xuất khẩu thuộc Cục Xúc tiến thương mại có mặt."
    assert sorted(agencies("", text)) == ["Cục Xúc tiến thương mại", "Trung tâm Hỗ trợ xuất khẩu"]
    text = "Lãnh đạo tỉnh Hà Giang đã họp. Cán bộ Trung tâm Hỗ trợ xuất khẩu cho biết."
    assert agencies("", text) == ["Trung tâm Hỗ trợ xuất khẩu tỉnh Hà Giang"]


def test_friendship_hospitals_keep_the_partner_country_after_the_dash():
    text = "Cục Công nghệ thông tin phối hợp với Bệnh viện Việt Nam – Cuba Đồng Hới tổ chức hội thảo."
    assert "Bệnh viện Việt Nam - Cuba Đồng Hới" in agencies("", text)
    assert agencies("", "Bệnh nhân được chuyển lên BV Hữu nghị Việt - Đức cấp cứu.") == ["Bệnh viện Việt Đức"]


def test_a_second_unit_after_and_ends_the_first_and_a_team_keeps_its_parent():
    text = ("Ngày 14/6, Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất và Đội Kiểm soát Hải quan - Cục "
            "Hải quan Thành phố Hồ Chí Minh vừa phát hiện.")
    assert agencies("", text) == [
        "Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất",
        "Đội Kiểm soát Hải quan Cục Hải quan thành phố Hồ Chí Minh",
        "Cục Hải quan thành phố Hồ Chí Minh",
    ]


def test_numbered_urban_traffic_offices_and_mixed_department_spellings():
    text = "Ông Lê Ngọc Hùng, Giám đốc Khu Quản lý Giao thông đô thị số 2 (Sở Giao thông Vận tải Tp. Hồ Chí Minh) cho biết."
    assert agencies("", text) == [
        "Khu Quản lý giao thông đô thị số 2", "Sở Giao thông vận tải thành phố Hồ Chí Minh"]
    text = "Tỉnh Nghệ An: Sở Nông nghiệp và PTNT, Sở NN & PTNT tỉnh Bắc Giang phối hợp theo dõi."
    assert agencies("", text) == [
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Nghệ An", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bắc Giang"]


def test_a_field_after_and_continues_a_centre_s_name_and_guaranteed_bonds_are_no_government():
    text = "Nhân viên Trung tâm quản lý đầu tư và khai thác công trình thủy lợi Đà Lạt đã mở cống."
    assert agencies("", text) == ["Trung tâm Quản lý đầu tư và khai thác công trình thủy lợi Đà Lạt"]
    text = "Thông tư hướng dẫn thanh toán trái phiếu Chính phủ, trái phiếu được Chính phủ bảo lãnh; Bộ Tài chính ban hành."
    assert agencies("", text) == ["Bộ Tài chính"]


def test_a_verb_after_a_body_is_not_its_name_s_last_word():
    assert agencies("", "Bác sĩ Dương của Khoa nhi – Bệnh viện Xanh Pôn nói: “Cháu bị nặng”.") == ["Bệnh viện Xanh Pôn"]
    assert agencies("", "Người ghi biên bản của Tổng cục Du lịch ghi lại không đầy đủ.") == ["Tổng cục Du lịch"]


def test_the_ministry_of_culture_written_short_is_the_ministry_of_culture_sports_and_tourism():
    assert agencies("", "Bộ VH-TT thời điểm đó đã cấp phép.") == ["Bộ Văn hóa, Thể thao và Du lịch"]
    assert agencies("", "Sở Văn hóa và Thể thao Hà Nội cho biết.") == ["Sở Văn hóa và Thể thao thành phố Hà Nội"]


def test_bare_departments_in_a_letter_to_every_province_are_the_provinces_collective():
    text = (
        "Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố tăng cường phòng chống sốt xuất huyết. Tại Đà Nẵng số ca "
        "mắc tăng. Sở Thông tin và Truyền thông phối hợp tuyên truyền; Sở Tài chính chủ động cấp kinh phí."
    )
    found = agencies("", text)
    assert "Sở Thông tin và Truyền thông các tỉnh, thành phố" in found
    assert "Sở Tài chính các tỉnh, thành phố" in found
    assert not any(name.endswith("thành phố Đà Nẵng") for name in found)
    # a story of one city keeps its departments
    assert agencies("", "Tại Đà Nẵng, Sở Tài chính chủ động cấp kinh phí.") == ["Sở Tài chính thành phố Đà Nẵng"]


def test_a_party_committee_of_a_bloc_of_bodies():
    text = "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Kon Tum vừa quyết định kỷ luật hai cán bộ."
    assert agencies("", text) == [
        "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Kon Tum", "Đảng ủy Khối các cơ quan tỉnh Kon Tum"
    ]
    assert agencies("", "Đảng ủy khối Doanh nghiệp tỉnh Kon Tum họp.") == ["Đảng ủy Khối doanh nghiệp tỉnh Kon Tum"]


def test_a_head_of_office_before_the_office_s_own_name_gives_one_office():
    found = agencies("", "Ông Nguyễn Cường, Trưởng phòng Phòng Tài chính huyện Đông Anh cho biết.")
    assert found == ["Phòng Tài chính huyện Đông Anh"]


def test_a_police_tail_is_shared_only_between_police_divisions():
    text = "Phòng Kỹ thuật hình sự và Phòng Cảnh sát hình sự Công an tỉnh Nghệ An khám nghiệm hiện trường."
    assert "Phòng Kỹ thuật hình sự Công an tỉnh Nghệ An" in agencies("", text)
    text = "Phòng Tài nguyên và Môi trường, Phòng Cảnh sát giao thông Công an tỉnh Nghệ An cho biết."
    assert "Phòng Tài nguyên và Môi trường Công an tỉnh Nghệ An" not in agencies("", text)


def test_a_tv_channel_named_after_the_assembly_is_not_the_assembly():
    assert agencies("", "Chương trình phát trên kênh Truyền hình Quốc hội mỗi tuần.") == []
    assert agencies("", "Quốc hội đã thông qua luật.") == ["Quốc hội"]


def test_a_unit_of_a_provincial_command_keeps_its_whole_name_and_the_province():
    text = "Tại Nghệ An, Trung tâm Huấn luyện dự bị động viên (Bộ Chỉ huy Quân sự tỉnh Nghệ An) tổ chức lễ."
    assert agencies("", text) == [
        "Trung tâm Huấn luyện dự bị động viên tỉnh Nghệ An", "Bộ Chỉ huy Quân sự tỉnh Nghệ An"
    ]
    # under a ministry, the unit is central: no province from the story
    text = "Tại Nghệ An, Trung tâm Quan trắc (Bộ Tài nguyên và Môi trường) cho biết."
    assert agencies("", text) == ["Trung tâm Quan trắc", "Bộ Tài nguyên và Môi trường"]
