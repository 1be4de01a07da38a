"""Facets a journalist can trust (issue #13): bodies, roles and people as the text means them. One test
per known failure, on real Vietnamese sentences."""

from __future__ import annotations

import pytest

from kb.extract import extract_metadata


def agencies(text: str, title: str = "") -> list[str]:
    return extract_metadata(title, text).agencies


def roles(text: str, title: str = "") -> dict[str, str | None]:
    return {p.name: p.role for p in extract_metadata(title, text).people}


# --------------------------------------------------------------------------------------------
# Bodies that were missed
# --------------------------------------------------------------------------------------------


def test_hospitals_are_bodies_with_their_full_name():
    text = (
        "Bệnh nhân được chuyển lên Bệnh viện Đa khoa tỉnh Thanh Hóa cấp cứu, sau đó chuyển tiếp ra "
        "BV Việt Đức. Giám đốc Bệnh viện đa khoa Mộ Đức cho biết thêm."
    )
    found = agencies(text)
    assert "Bệnh viện Đa khoa tỉnh Thanh Hóa" in found
    assert "Bệnh viện Việt Đức" in found
    assert "Bệnh viện Đa khoa Mộ Đức" in found


def test_schools_and_universities_are_bodies_and_their_namesakes_are_not_people():
    text = (
        "Sở GD-ĐT yêu cầu Trường THPT Phan Đình Phùng tổ chức họp kiểm điểm. Trường Đại học Y khoa "
        "Phạm Ngọc Thạch bị yêu cầu kiểm điểm. Bằng cử nhân do Trường ĐH Luật Hà Nội cấp."
    )
    meta = extract_metadata("", text)
    assert "Trường Trung học phổ thông Phan Đình Phùng" in meta.agencies
    assert "Trường Đại học Y khoa Phạm Ngọc Thạch" in meta.agencies
    assert "Trường Đại học Luật Hà Nội" in meta.agencies
    assert meta.people == []


def test_port_authority_forest_rangers_and_border_guards_are_bodies():
    text = (
        "Cảng vụ Hàng hải Quảng Ninh thông báo tạm dừng cấp phép. Hạt kiểm lâm huyện Tuy Đức phối hợp "
        "với Đồn Biên phòng Bu Cháp và BĐBP tỉnh Đắk Nông tuần tra."
    )
    found = agencies(text)
    for name in (
        "Cảng vụ Hàng hải Quảng Ninh",
        "Hạt Kiểm lâm huyện Tuy Đức",
        "Đồn Biên phòng Bu Cháp",
        "Bộ đội Biên phòng tỉnh Đắk Nông",
    ):
        assert name in found


def test_courts_procuracies_and_unions_under_abbreviations():
    text = (
        "TANDTC vừa ban hành nghị quyết hướng dẫn. VKSND tỉnh Gia Lai đã truy tố bị can. "
        "LĐLĐ tỉnh Nghệ An tổ chức hội nghị người lao động."
    )
    found = agencies(text)
    assert "Tòa án nhân dân tối cao" in found
    assert "Viện Kiểm sát nhân dân tỉnh Gia Lai" in found
    assert "Liên đoàn Lao động tỉnh Nghệ An" in found


def test_councils_listed_after_cac_give_one_body_each():
    text = "Sáng 5/3, UBND các phường Thanh Trì, Lĩnh Nam, Yên Sở (quận Hoàng Mai, Hà Nội) đã ra quân dọn vệ sinh."
    assert agencies(text) == ["UBND phường Thanh Trì", "UBND phường Lĩnh Nam", "UBND phường Yên Sở"]


def test_councils_of_all_provinces_are_one_collective_body():
    text = "Thủ tướng yêu cầu UBND các tỉnh, thành phố trực thuộc Trung ương khẩn trương rà soát công trình."
    # The Prime Minister who acts gives the Government.
    assert agencies(text) == ["Chính phủ", "UBND các tỉnh, thành phố"]


def test_departments_listed_after_cac_so_each_get_the_province():
    text = (
        "Tham dự cuộc họp có đại diện các Sở: Xây dựng, Tài chính, Kế hoạch và Đầu tư của tỉnh Thừa Thiên "
        "Huế và Công an tỉnh."
    )
    found = agencies(text)
    for dept in ("Xây dựng", "Tài chính", "Kế hoạch và Đầu tư"):
        assert f"Sở {dept} tỉnh Thừa Thiên Huế" in found


def test_department_in_a_ho_chi_minh_city_story_gets_the_city():
    text = "Sở Y tế TP.HCM cho biết đã phát hiện 3 ca bệnh. Sở Y tế đề nghị người dân chủ động phòng bệnh."
    assert agencies(text, "TP.HCM: Phát hiện 3 ca sốt xuất huyết") == ["Sở Y tế thành phố Hồ Chí Minh"]


# --------------------------------------------------------------------------------------------
# Bodies that were wrong
# --------------------------------------------------------------------------------------------


def test_crop_seasons_and_misspelt_districts_are_not_departments():
    text = "Ông Nguyễn Văn Hòa, nông dân ở huyện Vụ Quang, cho biết vụ Xuân năm nay lúa được mùa. Vụ Hè Thu sắp tới."
    assert not any(a.startswith("Vụ") for a in agencies(text))


def test_ministry_departments_are_still_found():
    text = "Văn phòng Chính phủ điều động ông Hoàng Vượng, chuyên viên Vụ Pháp luật, đến công tác tại Vụ Công nghiệp."
    found = agencies(text)
    assert "Vụ Pháp luật" in found and "Vụ Công nghiệp" in found


def test_body_names_stop_before_a_clause():
    text = (
        "Ban Quản lý dự án hoặc UBND quận 1 sẽ xử lý. Chi cục An toàn vệ sinh thực phẩm và nguyện vọng "
        "của ông Trang được xem xét tại tỉnh Nghệ An."
    )
    found = agencies(text)
    assert not any("hoặc" in a or "nguyện vọng" in a for a in found)
    assert "UBND quận 1" in found


def test_a_sentence_after_a_level_word_is_not_a_ward():
    text = "Trách nhiệm thuộc về UBND phường. Bị cáo buộc tắc trách, UBND phường đã kiểm điểm cán bộ."
    meta = extract_metadata("", text)
    assert not any("Bị" in a for a in meta.agencies)
    assert "Bị" not in meta.places


def test_abbreviations_are_spelled_out_in_canonical_names():
    text = "Cục Kiểm tra VBQPPL Bộ Tư pháp gửi văn bản tới Ban ATGT tỉnh Quảng Nam và Đoàn ĐBQH tỉnh Quảng Nam."
    found = agencies(text)
    assert "Cục Kiểm tra văn bản quy phạm pháp luật" in found and "Bộ Tư pháp" in found
    assert "Ban An toàn giao thông tỉnh Quảng Nam" in found
    assert "Đoàn Đại biểu Quốc hội tỉnh Quảng Nam" in found
    assert not any(word in a for a in found for word in ("VBQPPL", "ATGT", "ĐBQH"))


# --------------------------------------------------------------------------------------------
# Issuer, mentioned and cited bodies
# --------------------------------------------------------------------------------------------


def test_a_decree_citation_does_not_make_the_government_a_facet():
    text = (
        "Theo Nghị định 15/2020/NĐ-CP của Chính phủ, mức phạt là 10 triệu đồng. Sở TT&TT tỉnh Nghệ An "
        "đã xử phạt chủ trang mạng."
    )
    meta = extract_metadata("", text)
    assert "Chính phủ" not in meta.agencies
    assert meta.cited_agencies == ["Chính phủ"]
    assert meta.agencies == ["Sở Thông tin và Truyền thông tỉnh Nghệ An"]


def test_a_law_named_after_a_body_is_a_citation():
    text = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015, UBND tỉnh Quảng Nam ban hành quy chế."
    meta = extract_metadata("", text)
    assert "Chính phủ" in meta.cited_agencies and "Chính phủ" not in meta.agencies


def test_a_cited_body_that_also_acts_is_mentioned():
    text = (
        "Thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ, Sở Y tế tỉnh Thừa Thiên Huế báo cáo "
        "Chính phủ kết quả phòng, chống dịch."
    )
    meta = extract_metadata("", text)
    assert "Chính phủ" in meta.agencies and meta.cited_agencies == []


def test_formal_document_issuer_comes_from_the_header_and_citations_stay_apart():
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 1120/QĐ-UBND\nCần Thơ, ngày 06 tháng 5 năm 2024\n"
        "QUYẾT ĐỊNH\nCăn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát "
        "thủ tục hành chính;\nTheo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội.\n"
    )
    meta = extract_metadata("Quyết định công bố thủ tục hành chính", text)
    assert meta.issuer == "UBND thành phố Cần Thơ"
    assert meta.agencies[0] == meta.issuer
    assert "Sở Lao động - Thương binh và Xã hội thành phố Cần Thơ" in meta.agencies
    assert meta.cited_agencies == ["Chính phủ"]


def test_news_issuer_is_the_acting_body_of_the_lead():
    text = (
        "Ngày 13/5, Công an tỉnh Quảng Ninh cho biết đã khởi tố vụ án làm giả giấy khám sức khỏe. "
        "Trước đó, Công an thành phố Cẩm Phả bắt quả tang một phụ nữ."
    )
    assert extract_metadata("Khởi tố vụ án làm giả giấy khám sức khỏe", text).issuer == "Công an tỉnh Quảng Ninh"


def test_news_issuer_skips_a_body_that_only_qualifies_a_persons_title():
    text = (
        "Ông Phạm Ngọc Thưởng, Chủ tịch UBND tỉnh Lạng Sơn vừa ký kết luận về tố cáo đối với ông Long "
        "Văn Sơn, Chủ tịch UBND huyện Hữu Lũng. UBND tỉnh Lạng Sơn kết luận tố cáo là không có căn cứ."
    )
    assert extract_metadata("", text).issuer == "UBND tỉnh Lạng Sơn"


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Dự hội nghị có ông Trần Minh Khoa – Phó Chủ tịch UBND tỉnh dự và phát biểu.", "Trần Minh Khoa",
         "Phó Chủ tịch UBND tỉnh"),
        ("Ông Huỳnh Văn Tâm – Giám đốc Sở Tài nguyên và Môi trường chúc mừng các đơn vị.", "Huỳnh Văn Tâm",
         "Giám đốc Sở Tài nguyên và Môi trường"),
    ],
)  # fmt: skip
def test_roles_end_where_the_title_ends(text, name, role):
    assert roles(text)[name] == role


def test_roles_in_parentheses_and_after_the_name():
    text = "Tham dự có ông Nguyễn Văn An (Giám đốc Sở Y tế) và ông Trần Văn Bình, Phó Chủ tịch UBND TP.HCM."
    found = roles(text)
    assert found["Nguyễn Văn An"] == "Giám đốc Sở Y tế"
    assert found["Trần Văn Bình"] == "Phó Chủ tịch UBND thành phố Hồ Chí Minh"


def test_roles_in_turn_go_to_each_person():
    text = "Ông Nguyễn Văn An và ông Trần Văn Bình lần lượt là Chủ tịch và Phó Chủ tịch UBND xã Tam Ngọc."
    assert roles(text) == {
        "Nguyễn Văn An": "Chủ tịch UBND xã Tam Ngọc",
        "Trần Văn Bình": "Phó Chủ tịch UBND xã Tam Ngọc",
    }


def test_two_titles_of_one_person_stay_together():
    text = "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng chủ trì cuộc họp."
    assert roles(text) == {"Mai Tiến Dũng": "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"}


def test_a_role_chain_after_the_name_is_kept_whole():
    text = "Ông Lê Đình Sơn - Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Hà Tĩnh bày tỏ lòng biết ơn các liệt sỹ."
    assert roles(text)["Lê Đình Sơn"] == "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Hà Tĩnh"


def test_a_role_is_not_copied_to_other_people_of_the_sentence():
    text = (
        "Ông Lê Văn Tư, Chủ tịch UBND xã Ninh Sở, cho biết danh tính các nạn nhân là Nguyễn Văn Nam, "
        "Trần Thị Hoa, Lê Văn Bình và Phạm Văn Hùng."
    )
    found = roles(text)
    assert found["Lê Văn Tư"] == "Chủ tịch UBND xã Ninh Sở"
    for victim in ("Nguyễn Văn Nam", "Trần Thị Hoa", "Lê Văn Bình", "Phạm Văn Hùng"):
        assert found[victim] is None


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


def test_people_listed_without_titles():
    text = "Đội tuyển gồm Nguyễn Việt Hà, Nguyễn Phan Trung Kiên, Nguyễn Thị Loan và Trần Anh Thiết."
    assert set(roles(text)) == {"Nguyễn Việt Hà", "Nguyễn Phan Trung Kiên", "Nguyễn Thị Loan", "Trần Anh Thiết"}


def test_a_street_list_is_not_people():
    text = "Thành phố cải tạo các tuyến đường Nguyễn Văn Linh, Võ Văn Kiệt, Trần Hưng Đạo trong năm nay."
    assert roles(text) == {}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("HLV Nguyễn Hữu Thắng hài lòng với các học trò.", "Nguyễn Hữu Thắng", "HLV"),
        ("Cơ thủ Trần Quyết Chiến giành chức vô địch thế giới.", "Trần Quyết Chiến", "cơ thủ"),
        ("Nhà sử học Dương Trung Quốc cho rằng cần bảo tồn di tích.", "Dương Trung Quốc", "nhà sử học"),
        ("Bị cáo Huỳnh Điệp bị tuyên phạt 3 năm tù.", "Huỳnh Điệp", None),
    ],
)  # fmt: skip
def test_people_after_occupational_words(text, name, role):
    assert roles(text) == {name: role}


def test_foreign_names_after_a_title_or_referred_back():
    text = (
        "Tổng thống Mỹ Donald Trump đã gặp Thủ tướng Đức Angela Merkel. Liverpool quyết định gia hạn "
        "hợp đồng với Jurgen Klopp, dù nhiều người chỉ trích ông Klopp. Đội vô địch Champions League."
    )
    found = roles(text)
    assert found["Donald Trump"] == "Tổng thống Mỹ"
    assert found["Angela Merkel"] == "Thủ tướng Đức"
    assert "Jurgen Klopp" in found
    assert "Champions League" not in found


def test_a_company_name_is_not_a_person():
    text = "Công ty TNHH TM XNK Hoàng Gia Phát bị xử phạt 50 triệu đồng vì buôn lậu."
    assert roles(text) == {}
