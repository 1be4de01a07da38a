"""People extraction: real named persons with the role the text gives them, one canonical name each."""

from __future__ import annotations

import pytest

from kb.extract import extract_metadata
from kb.extract.people import canonical_name


def people(title: str, text: str) -> dict[str, str | None]:
    return {p.name: p.role for p in extract_metadata(title, text).people}


def test_title_before_name_gives_role_and_name():
    found = people(
        "Văn phòng UBND tỉnh phải đi đầu",
        "Phát biểu chỉ đạo hội nghị, Chủ tịch UBND tỉnh Nguyễn Văn Phương ghi nhận những nỗ lực "
        "của Văn phòng.",
    )
    assert found == {"Nguyễn Văn Phương": "Chủ tịch UBND tỉnh"}


def test_locality_glued_to_name_is_split_off_into_the_role():
    found = people("", "Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Đức Long đã chỉ đạo công tác tìm kiếm cứu nạn.")
    assert found == {"Nguyễn Đức Long": "Chủ tịch UBND tỉnh Quảng Ninh"}


def test_apposition_after_name_with_honorific():
    found = people(
        "",
        "Ông Bạch Chơn Đông, Phó Giám đốc Sở Nội vụ, cho biết kỳ thi tuyển công chức sẽ diễn ra vào tháng 9.",
    )
    assert found == {"Bạch Chơn Đông": "Phó Giám đốc Sở Nội vụ"}


def test_several_roles_of_one_apposition_are_kept_together():
    text = (
        "Tham dự có đồng chí Lê Văn Dũng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, "
        "cùng lãnh đạo các sở, ngành."
    )
    assert people("", text) == {"Lê Văn Dũng": "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh"}


def test_full_form_of_council_is_abbreviated_in_roles():
    found = people("", "Bà Trần Thị Hoa - Phó Chủ tịch Ủy ban nhân dân huyện Duy Xuyên cho biết như vậy.")
    assert found == {"Trần Thị Hoa": "Phó Chủ tịch UBND huyện Duy Xuyên"}


def test_list_after_title_gives_each_member_the_role():
    text = "Sở hiện có 3 Phó Giám đốc Sở Y tế gồm có ông Nguyễn Văn Hải, Trần Minh Tâm và bà Lê Thị Hồng."
    found = people("", text)
    assert set(found) == {"Nguyễn Văn Hải", "Trần Minh Tâm", "Lê Thị Hồng"}
    assert all(role and role.startswith("Phó Giám đốc Sở Y tế") for role in found.values())


def test_listed_comrades_are_all_found():
    text = (
        "Dự buổi làm việc có các đồng chí: Phan Việt Cường, Bí thư Tỉnh ủy; Lê Trí Thanh, Chủ tịch UBND tỉnh."
    )
    found = people("", text)
    assert found == {"Phan Việt Cường": "Bí thư Tỉnh ủy", "Lê Trí Thanh": "Chủ tịch UBND tỉnh"}


def test_signer_block_role_comes_from_the_header():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 1673/QĐ-UBND Quảng Nam, ngày 15 tháng 3 năm 2022\n\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n"
        "Điều 1. Thành lập Tổ công tác.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(đã ký)\n\nTrần Minh Khoa"
    )
    found = people("Quyết định 1673/QĐ-UBND", text)
    assert found == {"Trần Minh Khoa": "Phó Chủ tịch UBND tỉnh Quảng Nam"}


def test_upper_case_signer_name_is_properly_cased():
    text = (
        "UBND TỈNH NGHỆ AN\nSỞ Y TẾ\nSố: 88/TB-SYT Nghệ An, ngày 8 tháng 4 năm 2020\n\n"
        "THÔNG BÁO\nVề việc tiêm vắc xin\n\n"
        "Nội dung thông báo.\n\nGIÁM ĐỐC\n\nDƯƠNG VĂN HIẾU"
    )
    found = people("Thông báo", text)
    assert found == {"Dương Văn Hiếu": "Giám đốc Sở Y tế tỉnh Nghệ An"}


def test_byline_is_not_a_person():
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Phương yêu cầu Văn phòng phải nỗ lực hơn nữa.\n\nTin, ảnh: L.THỌ"
    assert list(people("", text)) == ["Nguyễn Văn Phương"]


def test_reporter_name_at_the_end_is_not_a_person():
    text = "Ông Phạm Ngọc Thưởng, Chủ tịch UBND tỉnh Lạng Sơn vừa ký kết luận thanh tra.\nHoàng Long"
    assert list(people("", text)) == ["Phạm Ngọc Thưởng"]


@pytest.mark.parametrize(
    "text",
    [
        "Thừa Thiên Huế đẩy mạnh chuyển đổi số trong năm 2023.",
        "Văn phòng UBND tỉnh tham mưu tổ chức hội nghị tổng kết.",
        "Sở Nội vụ và Trung tâm Phục vụ hành chính công tỉnh phối hợp triển khai.",
        "Các tuyến đường Võ Nguyên Giáp, Nguyễn Văn Linh và Trần Hưng Đạo được chỉnh trang.",
        "Đoàn công tác làm việc tại Cao Bằng và Lâm Đồng trong tuần qua.",
    ],
)
def test_places_agencies_and_streets_are_not_people(text):
    assert people("", text) == {}


def test_place_after_an_admin_word_is_not_a_name():
    assert people("", "Chủ tịch UBND huyện Văn Yên cho biết lễ hội sẽ không còn nghi lễ treo trâu.") == {}


def test_name_is_canonical_across_tone_styles_and_case():
    text = "Ông Nguyễn Văn Hoà, Giám đốc Sở Y tế cho biết. Ông NGUYỄN VĂN HÒA nhấn mạnh thêm."
    found = extract_metadata("", text).people
    assert [p.name for p in found] == ["Nguyễn Văn Hòa"]
    assert found[0].role == "Giám đốc Sở Y tế"


def test_surface_forms_are_kept():
    text = (
        "Ông Nguyễn Văn Hòa, Giám đốc Sở Y tế cho biết. Bà Lê Thị Mai cũng có mặt. "
        "Ông Nguyễn Văn Hoà nói thêm."
    )
    person = extract_metadata("", text).people[0]
    assert person.name == "Nguyễn Văn Hòa"
    assert "Nguyễn Văn Hòa" in person.surface_forms


def test_occupation_given_before_the_name_is_the_role():
    text = "Tàu do thuyền trưởng Trịnh Văn Hợp (sinh năm 1974, trú tại xã Đồng Lạc) điều khiển."
    assert people("", text) == {"Trịnh Văn Hợp": "thuyền trưởng"}


def test_role_in_parentheses_after_age():
    text = (
        "HĐND thành phố đã bầu ông Phạm Văn Hà (51 tuổi, Giám đốc Sở NN-PTNT Hải Phòng) "
        "giữ chức Phó Chủ tịch."
    )
    assert people("", text) == {"Phạm Văn Hà": "Giám đốc Sở NN-PTNT Hải Phòng"}


def test_ethnic_minority_names_are_found():
    text = "Bệnh nhân là anh A Phát (40 tuổi), công tác tại Ban chỉ huy quân sự huyện Ia H'Drai."
    assert "A Phát" in people("", text)


def test_title_with_comma_before_honorific():
    text = "Sáng nay, Giám đốc Sở GD-ĐT Đồng Tháp, ông Trần Thanh Liêm đã có thư xin lỗi học sinh."
    assert people("", text) == {"Trần Thanh Liêm": "Giám đốc Sở GD-ĐT Đồng Tháp"}


def test_canonical_name_keeps_capital_after_apostrophe():
    assert canonical_name("Y THANH HÀ NIÊ KĐĂM") == "Y Thanh Hà Niê Kđăm"
    assert canonical_name("H'HEN NIÊ") == "H'Hen Niê"


def test_titles_of_listed_people_stay_with_each_person():
    text = (
        "Dự lễ có các đồng chí Tổng Bí thư Nguyễn Phú Trọng, Nguyên Tổng Bí thư Nông Đức Mạnh, "
        "Trưởng Ban Tổ chức Trung ương Phạm Minh Chính."
    )
    assert people("", text) == {
        "Nguyễn Phú Trọng": "Tổng Bí thư",
        "Nông Đức Mạnh": "nguyên Tổng Bí thư",
        "Phạm Minh Chính": "Trưởng Ban Tổ chức Trung ương",
    }


def test_countries_and_seas_are_not_people():
    text = "Ông Hàn Quốc không có mặt; Tư lệnh Hạm đội Thái Bình Dương thăm Đà Nẵng cùng đoàn Hàn Quốc."
    assert people("", text) == {}


def test_hyphenated_foreign_given_name_is_kept_whole():
    assert "Kim Jong-un" in people("", "Nhà lãnh đạo Triều Tiên, ông Kim Jong-un, đã thị sát vụ phóng.")


def test_formal_signer_role_wins_over_other_mentions():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 6120/UBND-KTN Quảng Nam, ngày 26 tháng 10 năm 2020\n\n"
        "Đồng chí Trần Minh Khoa, Trưởng Ban Chỉ huy Phòng, chống thiên tai tỉnh chỉ đạo.\n\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(đã ký)\n\nTrần Minh Khoa"
    )
    assert people("Công văn 6120/UBND-KTN", text) == {"Trần Minh Khoa": "Phó Chủ tịch UBND tỉnh Quảng Nam"}


def test_empty_and_odd_inputs_give_no_people():
    for text in ("", "   ", "\n\n", "Ông", "ÔNG BÀ ANH CHỊ", "Nguyễn", "1/2/3"):
        assert extract_metadata(text, text).people == []


# --- issue #13, round 2 -----------------------------------------------------------------------


def test_foreign_names_with_particles_are_one_person():
    found = people(
        "",
        "Tiền vệ Kevin de Bruyne ghi bàn duy nhất, trong khi Robin van Persie ngồi dự bị. "
        "Thủ tướng Đức Otto von Bismarck từng nói chính trị là nghệ thuật của điều có thể.",
    )
    assert found["Kevin de Bruyne"] == "tiền vệ"
    assert "Robin van Persie" in found
    assert found["Otto von Bismarck"] == "Thủ tướng Đức"


def test_a_product_or_a_newspaper_with_a_particle_is_not_a_person():
    text = "Du khách thích món Café de Olla, còn tờ Correio da Manha đưa tin về lễ hội."
    assert people("", text) == {}


def test_a_foreign_first_name_is_enough_for_a_name_written_once():
    found = people("", "Trên khán đài sân Stamford Bridge tối qua có cả Didier Drogba và Max Verstappen.")
    assert set(found) == {"Didier Drogba", "Max Verstappen"}


def test_a_korean_given_name_with_its_hyphen_is_a_person():
    assert "Moon Jae-in" in people("", "Cuộc gặp giữa Moon Jae-in và các cố vấn an ninh kéo dài ba giờ.")


def test_a_country_before_a_name_goes_to_the_role():
    found = people("", "Tổng thống Nga Vladimir Putin và Đại sứ Mỹ tại Việt Nam Daniel Kritenbrink đã trao đổi.")
    assert found == {"Vladimir Putin": "Tổng thống Nga", "Daniel Kritenbrink": "Đại sứ Mỹ tại Việt Nam"}


def test_an_ambassadors_role_keeps_tai_and_the_country():
    found = people("", "Đại sứ Việt Nam tại Nhật Bản Nguyễn Quốc Cường đã dự buổi lễ khai mạc.")
    assert found == {"Nguyễn Quốc Cường": "Đại sứ Việt Nam tại Nhật Bản"}


def test_a_ministry_whose_name_holds_a_verb_still_ends_the_role():
    text = (
        "Thứ trưởng Bộ Ngoại giao Lê Hoài Trung và Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn "
        "Lê Minh Hoan tiếp đoàn."
    )
    assert people("", text) == {
        "Lê Hoài Trung": "Thứ trưởng Bộ Ngoại giao",
        "Lê Minh Hoan": "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn",
    }


def test_two_titles_joined_by_a_dash_are_one_role():
    text = "Bộ trưởng - Chủ nhiệm Ủy ban Dân tộc Hầu A Lềnh đã làm việc với tỉnh Hà Giang."
    assert people("", text) == {"Hầu A Lềnh": "Bộ trưởng - Chủ nhiệm Ủy ban Dân tộc"}


def test_a_headline_title_is_not_the_role_of_the_first_name_of_the_article():
    found = people("Bắt giám đốc doanh nghiệp lừa đảo", "Trần Văn Khoa (45 tuổi) bị bắt tạm giam 4 tháng.")
    assert found == {"Trần Văn Khoa": None}


def test_middle_name_thi_or_a_full_name_written_twice_is_a_person():
    text = (
        "Người mua được vé là Phạm Thị Hồng Nhung ở quận 7. Lê Minh Quân mở quán cà phê năm 2015; "
        "hai năm sau Lê Minh Quân mở thêm một quán nữa."
    )
    assert set(people("", text)) == {"Phạm Thị Hồng Nhung", "Lê Minh Quân"}


def test_a_street_written_twice_is_not_a_person():
    text = "Cửa hàng ở góc Trần Hưng Đạo - Bùi Viện. Xe taxi dừng ở phố Trần Hưng Đạo lúc 9 giờ."
    assert people("", text) == {}


def test_a_lake_named_like_a_person_is_not_one():
    text = "Đập chính Hồ Núi Cốc bị thấm. Tỉnh yêu cầu sửa Hồ Núi Cốc trước mùa mưa."
    assert people("", text) == {}


def test_a_short_reference_is_the_person_named_in_full():
    text = "Bà Trần Thị Mai Hương mở cửa hàng năm 2010. Theo bà Mai Hương, số hàng này được nhập từ Lạng Sơn."
    assert list(people("", text)) == ["Trần Thị Mai Hương"]


def test_cuu_marks_a_former_post_like_nguyen():
    found = people("", "Bị cáo Trần Văn Lâm (cựu chủ tịch xã Hòa Phong) bị tuyên phạt 3 năm tù.")
    assert found == {"Trần Văn Lâm": "cựu Chủ tịch xã Hòa Phong"}


def test_a_role_before_a_colon_goes_to_the_people_listed():
    text = "Hai phó chủ tịch UBND huyện Đại Lộc: Nguyễn Văn Tám (SN 1970), Lê Thị Chín (SN 1975) cùng dự."
    found = people("", text)
    assert set(found) == {"Nguyễn Văn Tám", "Lê Thị Chín"}
    assert all(role and role.lower().startswith("phó chủ tịch ubnd huyện đại lộc") for role in found.values())


def test_appointment_wording_gives_the_new_post_when_no_other_role_is_written():
    text = "Ông Hồ Văn Thành được bổ nhiệm giữ chức Giám đốc Sở Tư pháp tỉnh Bình Định từ ngày 1/7."
    assert people("", text) == {"Hồ Văn Thành": "Giám đốc Sở Tư pháp tỉnh Bình Định"}


def test_the_post_held_before_an_appointment_wins_over_the_new_one():
    text = (
        "Ông Hồ Văn Thành được bổ nhiệm giữ chức Giám đốc Sở Tư pháp. Trước đó, ông Hồ Văn Thành "
        "(Phó Giám đốc Sở Tư pháp) phụ trách công tác hộ tịch."
    )
    assert people("", text) == {"Hồ Văn Thành": "Phó Giám đốc Sở Tư pháp"}


def test_a_body_written_as_a_persons_role():
    text = "Ông Lê Văn Hùng, Công an xã Tam Phước, cho biết vụ việc đang được xác minh."
    assert people("", text) == {"Lê Văn Hùng": "Công an xã Tam Phước"}


def test_an_occupation_written_after_the_name_is_the_role():
    text = "Chị Nguyễn Thị Tư, tài xế xe khách, cho biết xe bị mất phanh. Luka Modric – cầu thủ người Croatia – nói."
    assert people("", text) == {"Nguyễn Thị Tư": "tài xế", "Luka Modric": "cầu thủ"}


def test_chairman_ho_chi_minh_is_a_person_not_the_city():
    meta = extract_metadata("", "Sáng nay, đoàn đại biểu vào Lăng viếng Chủ tịch Hồ Chí Minh.")
    assert {p.name: p.role for p in meta.people} == {"Hồ Chí Minh": "Chủ tịch"}
    assert "Hồ Chí Minh" not in meta.places


def test_a_club_named_once_after_clb_is_not_a_person_anywhere():
    text = "Anh từng khoác áo CLB Jubilo Iwata. Sau đó Jubilo Iwata thua 0-3 và Jubilo Iwata xuống hạng."
    assert people("", text) == {}


def test_a_delegation_in_brackets_is_a_body_not_a_person():
    meta = extract_metadata("", "Tại phiên chất vấn của Quốc hội, đại biểu Lê Thị Nga (Đoàn Thái Nguyên) hỏi Bộ trưởng.")
    assert [p.name for p in meta.people] == ["Lê Thị Nga"]
    assert "Đoàn Đại biểu Quốc hội tỉnh Thái Nguyên" in meta.agencies


def test_a_full_name_that_speaks_is_a_person_without_a_title():
    found = people(
        "", "Có mặt tại làng mấy ngày nay, nhà nghiên cứu văn hóa dân gian Trần Hữu Sơn cho biết tục này có từ lâu."
    )
    assert "Trần Hữu Sơn" in found
    # A street does not speak: a bare address stays out.
    assert people("", "Cửa hàng ở số 12 Lê Văn Lương bán đủ loại hàng.") == {}
    # Nor is it the subject of "sẽ", "đã", "vừa": a full name that is, is a person.
    assert "Nguyễn Trọng Đại" in people(
        "", "HLV trưởng Nguyễn Hải Biên khẳng định Nguyễn Trọng Đại sẽ kịp bình phục cho U20 World Cup.")
    assert people("", "Con đường Lê Văn Lương đã được mở rộng.") == {}
    assert people("", "Hai cầu vượt tại giao lộ Trường Sơn - Hồng Hà, Nguyễn Kiệm - Nguyễn Thái Sơn - Hoàng Minh "
                      "Giám vừa khởi công sáng 8/2.") == {}  # streets at a crossing


def test_foreign_leaders_listed_with_titles_each_keep_their_own():
    found = people(
        "",
        "Cuộc họp có sự tham gia của nhà lãnh đạo Trung Quốc Tập Cận Bình, Tổng thống Thổ Nhĩ Kỳ Recep Tayyip "
        "Erdogan, Thủ tướng Đức Angela Merkel và Thủ tướng Anh Theresa May.",
    )
    assert found["Recep Tayyip Erdogan"] == "Tổng thống Thổ Nhĩ Kỳ"
    assert found["Angela Merkel"] == "Thủ tướng Đức"
    assert found["Theresa May"] == "Thủ tướng Anh"
    assert "Tập Cận Bình" in found


def test_a_given_name_that_is_also_a_title_word_stays_in_the_name():
    found = people("", "Ông Lê Tiến Trưởng, Tổng giám đốc Tập đoàn Dệt may Việt Nam cho biết ngành đang khó.")
    assert list(found) == ["Lê Tiến Trưởng"]


def test_a_dotted_ward_in_a_role_is_spelled_out():
    found = people("", "Ông Nguyễn Anh Tuấn, Chủ tịch UBND P.Hải Cảng, cho biết đã cưỡng chế.")
    assert found == {"Nguyễn Anh Tuấn": "Chủ tịch UBND phường Hải Cảng"}


def test_deputy_abbreviation_and_arabic_article():
    assert people("", "Đồng tình, ĐB Trần Hồng Hà (Vĩnh Phúc) cho rằng đây là chức vụ do Quốc hội bầu.") == {
        "Trần Hồng Hà": "đại biểu"
    }
    found = people("", "Bộ trưởng Tư pháp Qatar Ali bin Fetais al-Marri cho biết ủy ban sẽ nhận khiếu nại.")
    assert found == {"Ali bin Fetais al-Marri": "Bộ trưởng Tư pháp Qatar"}


def test_a_competition_glued_to_a_name_by_a_missing_full_stop_is_cut_off():
    found = people("", "Liverpool lỡ cơ hội dự Champions League Jurgen Klopp là cái tên được chọn. HLV Klopp nói.")
    assert "Jurgen Klopp" in found
    assert not any("League" in name for name in found)


def test_country_before_a_name_with_an_arabic_article_and_chinh_quyen_is_not_acting():
    found = people("", "Nhà Trắng nhấn mạnh chính quyền Tổng thống Syria Bashar al-Assad sẽ phải trả giá đắt.")
    assert found == {"Bashar al-Assad": "Tổng thống Syria"}
    assert people("", "Quyền Chủ tịch UBND tỉnh Nguyễn Văn Bình ký quyết định.") == {
        "Nguyễn Văn Bình": "quyền Chủ tịch UBND tỉnh"
    }


def test_countries_written_like_names_are_not_people():
    assert people("", "Anh đã đánh bại đại diện đến từ Trung Mỹ là Costa Rica 2-1.") == {}


def test_reporter_at_the_end_hidden_names_brands_and_regions_are_not_people():
    assert people("", "Tài xế taxi chở bé gái 11 tuổi rồi sàm sỡ bé. Trần Tuấn") == {}
    assert people("", "Nạn nhân là em Nguyễn H.G, học sinh lớp 5A6.") == {}
    assert "Nguyễn Thị Như Ý" in people("", "Ba nạn nhân gồm: Nguyễn Thị Thanh Tuyền, Nguyễn Thị Như Ý (đều 16 tuổi).")
    assert people("", "Giải Vietlott Mega 6/45 có chủ. Sân bay Schiphol Amsterdam đông. Đội Dinamo Zagreb thắng.") == {}
    assert people("", "Mỹ và Nga đạt thỏa thuận ngừng bắn tại khu vực Tây Nam Syria.") == {}
    assert people("", "Bà Bùi Thị Thu Thanh, hiệu trưởng trường Tiểu học Mai Động, xác nhận.") == {
        "Bùi Thị Thu Thanh": "Hiệu trưởng trường Tiểu học Mai Động"
    }


def test_ships_places_and_streets_written_like_names_are_not_people():
    # A ship named after a person.
    assert people("", "Tàu sân bay USS Carl Vinson đang tiến về bán đảo Triều Tiên. Carl Vinson dẫn đầu nhóm tàu.") == {}
    # A commune named in the title without its level, and with it in the text.
    assert "Đồng Tâm" not in people("Vì sao khởi tố vụ việc ở Đồng Tâm?",
                                    "Công an đã khởi tố vụ việc xảy ra tại xã Đồng Tâm, huyện Mỹ Đức. Người dân "
                                    "Đồng Tâm giữ cán bộ.")
    # The locality slot after a party committee, when the text writes the district elsewhere.
    found = people("", "Tình trạng cả họ làm quan tại huyện miền núi A Lưới (tỉnh TT-Huế). Trong số 7 người thân "
                       "của Bí thư huyện ủy A Lưới, ông Hồ Thanh Hà giữ chức vụ Phó trưởng phòng.")
    assert "A Lưới" not in found and "Hồ Thanh Hà" in found
    # Streets at a crossing, historic sites listed after "di tích", research firms.
    assert people("", "Cầu vượt tại vòng xoay Nguyễn Kiệm - Nguyễn Thái Sơn dài 367 m.") == {}
    assert people("", "Ông Chung phê bình Ban quản lý hai di tích Hoàng Thành Thăng Long và Văn Miếu.") == {}
    assert "Capital Economics" not in people("", "Chuyên gia Jennifer McKeown thuộc Capital Economics nhận xét.")


def test_a_wife_and_a_seed_number_before_a_name_do_not_make_it_a_place():
    found = people("", "Trấn Thành bất ngờ trước món quà của bà xã Hari Won. Hari Won viết: yêu lắm.")
    assert "Hari Won" in found
    found = people("", "Sau đó là hạt giống số 4 Rafael Nadal. Anh có nguy cơ gặp Rafael Nadal ở bán kết.")
    assert "Rafael Nadal" in found
    assert "Sveta Bilyalova" in people("", "Tận dụng khung cảnh tắc đường Sveta Bilyalova đã quyết định nhảy múa. "
                                           "Sveta Bilyalova là người mẫu kiêm diễn viên.")


def test_a_name_ending_in_a_plain_initial_is_hidden_by_the_press():
    assert people("", "Nạn nhân là chị Nguyễn Thị L (35 tuổi), trú tại xã Xuân Dương.") == {}
    assert people("", "Nạn nhân là chị Phan Thị Th. (32 tuổi).") == {}
    assert people("", "Diễn viên Đồng Lệ Á và bạn diễn Nguyễn Thị Như Ý (16 tuổi) cùng xuất hiện.") .keys() >= {
        "Nguyễn Thị Như Ý"}


def test_foreign_ministers_and_prime_ministers_of_two_word_countries_keep_their_roles():
    assert people("", "Bộ trưởng Ngoại giao Nga Sergei Lavrov nói.") == {"Sergei Lavrov": "Bộ trưởng Ngoại giao Nga"}
    assert people("", "Thủ tướng Vương quốc Hà Lan Mark Rutte đã tiếp đoàn.") == {
        "Mark Rutte": "Thủ tướng Vương quốc Hà Lan"}
    assert people("", "Đại sứ Việt Nam tại Hà Lan Nguyễn Thị Hòa cho biết.") == {
        "Nguyễn Thị Hòa": "Đại sứ Việt Nam tại Hà Lan"}


def test_occupations_as_written_and_in_brackets_and_not_across_a_new_clause():
    assert people("", "Trận đấu do trọng tài Andre Marriner điều khiển.") == {"Andre Marriner": "trọng tài"}
    assert people("", "Cô giáo Ngô Thị Thùy Linh cho biết.") == {"Ngô Thị Thùy Linh": "cô giáo"}
    found = people("", "Bị can sát hại cô giáo Dương Thị Chung (giáo viên Trường Mầm non xã Phú Sơn, huyện Tân Kỳ).")
    assert found == {"Dương Thị Chung": "giáo viên Trường Mầm non xã Phú Sơn, huyện Tân Kỳ"}
    found = people("", "Hai trợ lí là Richard West và Stuart Burt, trọng tài thứ 4 là ông Kevin Friend.")
    assert found["Stuart Burt"] != "trọng tài"


def test_a_middle_initial_joins_a_foreign_name_and_merges_with_the_plain_form_in_the_same_text():
    found = extract_metadata("Tin", "Tổng thống Donald J. Trump nói. Sau đó ông Donald Trump rời Nhà Trắng.").people
    assert [(p.name, sorted(p.surface_forms)) for p in found] == [("Donald Trump", ["Donald J. Trump", "Donald Trump"])]
    assert people("", "Cựu Tổng thống George W. Bush phát biểu.") == {"George W. Bush": "cựu Tổng thống"}


def test_full_names_with_any_title_after_them_level_given_names_and_thi_names_after_an_address():
    found = people("", "Khám xét 05 bị can, gồm: 2. Vũ Đình Duy, nguyên Tổng Giám đốc PVTEX. 3. Vũ Phương Nam, "
                       "Kế toán trưởng PVTEX.")
    assert found["Vũ Phương Nam"] == "Kế toán trưởng PVTEX"
    assert people("", "Trả lời kiến nghị, ông Nguyễn Văn Huyện, Tổng cục trưởng Đường bộ cho biết sẽ tiếp thu.") == {
        "Nguyễn Văn Huyện": "Tổng cục trưởng Đường bộ"}
    assert "Hồ Thị Hòa" in people("", "Trần Hữu Trường (SN 1964, trú tại thôn 2A xã Ea H'Leo, huyện Ea H'Leo) và vợ "
                                      "là Hồ Thị Hòa xảy ra mâu thuẫn.")
    # Still streets: right after the street word, or in a list of routes.
    assert people("", "Đoạn đường Nguyễn Thị Minh Khai bị ngập sâu.") == {}
    assert people("", "Còn 8 tuyến, đặc biệt là Lê Thị Hồng Gấm, Hoàng Sa, Calmette vẫn còn ùn tắc.") == {}


def test_common_foreign_first_names_and_teachers_honours():
    found = people("", "Timea Bacsinszky, người đã loại Venus Williams, gặp Simona Halep ở tứ kết.")
    assert {"Timea Bacsinszky", "Venus Williams", "Simona Halep"} <= found.keys()
    assert people("", "Theo Giáo sư, Viện sĩ, nhà giáo nhân dân Phạm Minh Hạc, nhiều nước không có chức danh.") == {
        "Phạm Minh Hạc": None}


def test_reported_to_titles_doubled_family_names_and_a_missing_full_stop():
    assert people("", "Báo cáo với Bí thư Thành ủy, Phó Giám đốc Sở TN&MT Nguyễn Văn Hồng cho biết, việc đo mốc đúng.") == {
        "Nguyễn Văn Hồng": "Phó Giám đốc Sở TN&MT"}
    assert people("", "Làm việc với Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng.") == {
        "Mai Tiến Dũng": "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"}
    assert "Bùi Xuân Cường" in people("", "Tại buổi làm việc, ông Bùi Bùi Xuân Cường – Giám đốc Sở GTVT cho biết.")
    assert "Nguyễn Đức Chung" in people("", "Chủ tịch UBND TP Nguyễn Đức Chung Đúng 8h30, buổi công bố bắt đầu.")


def test_titles_of_someone_else_before_a_name_and_reported_clauses_after_it():
    found = people("", "Hồ hởi trước chuyến thị sát của Bí thư Thành ủy, anh Phạm Văn Nam viết: cán bộ lãnh đạo đều tốt.")
    assert found == {"Phạm Văn Nam": None}
    found = people("", "Tin mới. Theo đại biểu Dương Trung Quốc, Bí thư Tỉnh ủy Yên Bái phải chỉ đạo làm rõ.")
    assert found["Dương Trung Quốc"] != "Bí thư Tỉnh ủy Yên Bái"
    # A role that closes is still the person's: "Theo ông X, Giám đốc Sở Y tế, ...".
    assert people("", "Theo ông Nguyễn Văn Bình, Giám đốc Sở Y tế, dịch đã giảm.") == {"Nguyễn Văn Bình": "Giám đốc Sở Y tế"}
    # A name cut short by a lower-case typo is the full name written earlier.
    found = extract_metadata("Tin", "Bí thư Thành ủy Đinh La Thăng làm việc. Sau đó Bí thư Đinh La thăng hỏi.").people
    assert [p.name for p in found] == ["Đinh La Thăng"]


def test_a_title_ending_in_an_abbreviated_city_right_before_the_name():
    # The dot of "TP.HCM" is not a full stop: the title before it is the person's.
    found = people("", "Bí thư Thành ủy TP.HCM Đinh La Thăng cho rằng giá cao. Chủ tịch UBND TP.HCM Nguyễn Thành "
                       "Phong yêu cầu báo cáo. Phó Chủ tịch UBND Q.1 Trần Thế Thuận cho biết.")
    assert found == {"Đinh La Thăng": "Bí thư Thành ủy thành phố Hồ Chí Minh",
                     "Nguyễn Thành Phong": "Chủ tịch UBND thành phố Hồ Chí Minh",
                     "Trần Thế Thuận": "Phó Chủ tịch UBND quận 1"}
    # A real full stop after the city still ends the sentence.
    assert people("", "Hôm qua, đoàn đã về TP.HCM. Nguyễn Văn Bình cho biết giá cao.")["Nguyễn Văn Bình"] is None


def test_occupations_listed_before_a_name_are_kept_together_as_written():
    found = people("", "Top 10: Ca sĩ, diễn viên kiêm nhà sản xuất Lý Dịch Phong, thu nhập đạt 170,7 triệu NDT. "
                       "Thu nhập đạt 156,2 triệu NDT. Nữ diễn viên, ca sĩ Lưu Đào.")
    assert found == {"Lý Dịch Phong": "Ca sĩ, diễn viên kiêm nhà sản xuất", "Lưu Đào": "Nữ diễn viên, ca sĩ"}
    # A word before the comma that is no occupation stays out.
    assert people("", "Trong đêm nhạc, ca sĩ Nguyễn Văn Tùng hát.")["Nguyễn Văn Tùng"] == "ca sĩ"


def test_foreign_names_written_with_other_latin_letters():
    found = people("", "Cựu Thủ tướng Đức Gerhard Schröder phát biểu. Tay vợt Jeļena Ostapenko đánh bại Kuznetsova.")
    assert found == {"Gerhard Schröder": "cựu Thủ tướng Đức", "Jeļena Ostapenko": "tay vợt"}


def test_a_capitalised_hyphenated_last_part_of_a_foreign_name_is_kept():
    assert set(people("", "Tiền vệ Alex Oxlade-Chamberlain ghi bàn. Công chúa Ameerah Al-Taweel được bình chọn.")) == {
        "Alex Oxlade-Chamberlain", "Ameerah Al-Taweel"}
    # A title glued to a Vietnamese name with a hyphen is not part of it.
    assert people("", "Bà Trần Thị Quỳnh Trang-Trưởng phòng cho biết.") == {"Trần Thị Quỳnh Trang": "Trưởng phòng"}


def test_a_province_abbreviated_with_a_hyphen_in_a_role_is_written_in_full():
    assert people("", "Ông Bạch Chơn Đông, PGĐ Sở Nội vụ tỉnh TT-Huế cho biết.") == {
        "Bạch Chơn Đông": "PGĐ Sở Nội vụ tỉnh Thừa Thiên Huế"}


def test_a_province_before_a_full_name_with_a_rarer_family_name_is_the_role_s():
    assert people("", "Phó Giám đốc Sở Giáo dục và Đào tạo Hà Nội Chử Xuân Dũng cho biết đã nắm được tình hình.") == {
        "Chử Xuân Dũng": "Phó Giám đốc Sở Giáo dục và Đào tạo Hà Nội"}


def test_tournaments_and_clubs_named_like_people_are_not_people():
    assert people("", "Anh giành 20 danh hiệu Grand Slam trong sự nghiệp và vô địch Rome Masters.") == {}
    assert people("", "Hai cầu thủ quan trọng nhất của Tottenham Hotspur ghi bàn.") == {}


def test_foreign_names_with_a_capital_inside_a_word():
    assert people("", "Võ sĩ Conor McGregor thách đấu. Nhà báo Bryan MacDonald viết. Diễn viên Leonardo DiCaprio đến.") == {
        "Conor McGregor": "võ sĩ", "Bryan MacDonald": "nhà báo", "Leonardo DiCaprio": "diễn viên"}


def test_a_country_written_in_english_before_a_name_is_not_part_of_it():
    assert people("", "Ngoại trưởng Australia Marise Payne và Tổng thống Lithuania Dalia Grybauskaite gặp nhau.") == {
        "Marise Payne": "Ngoại trưởng Australia", "Dalia Grybauskaite": "Tổng thống Lithuania"}
    assert people("", "Cô vô địch giải Roland Garros năm nay.") == {}


def test_status_words_introduce_a_name_only_when_a_family_name_or_a_foreign_name_follows():
    found = people("", "Thí sinh Hồ Ngọc Tú cho biết. Hành khách Nguyễn Mậu Yến Nhi vui mừng; hai cảnh sát giao "
                       "thông Nguyễn Việt Hòa và Tống Khắc Chung chặn lại.")
    assert found == {"Hồ Ngọc Tú": "thí sinh", "Nguyễn Mậu Yến Nhi": None, "Nguyễn Việt Hòa": None,
                     "Tống Khắc Chung": None}
    # After a status word a place or a body is as likely: "Thảo Cầm Viên" is a zoo, "Bàn Cờ" a ward.
    assert people("", "Nhân viên Thảo Cầm Viên tập lái ô tô.") == {}
    assert people("", "Đội trưởng Đội Cảnh sát giao thông Bàn Cờ cho biết.") == {}
    assert people("", "Nhóm Al Shabaab liên hệ với tổ chức khủng bố Al Qaeda.") == {}  # "bố" of "khủng bố"


def test_foreign_names_with_particles_korean_hyphens_and_a_place_before_them():
    assert people("", "Tham dự có ông Staffan de Mistura cho biết.") == {"Staffan de Mistura": None}
    assert people("", "Tổng thống Marcelo Rebelo de Sousa đang tới hiện trường.") == {
        "Marcelo Rebelo de Sousa": "Tổng thống"}
    assert people("", "Ngoại trưởng Ri Yong-ho phát biểu, ông Kye Chun-yong cho biết.") == {
        "Ri Yong-ho": "Ngoại trưởng", "Kye Chun-yong": None}
    assert people("", "Nữ diễn viên Hong Kong Lưu Gia Linh tiết lộ.") == {"Lưu Gia Linh": "nữ diễn viên"}
    # A transliterated place is not a Korean name, and a business before "de" is not a person.
    assert people("", "Mặt trận An Nu-xra tấn công.") == {} and people("", "Café de Olla mở cửa.") == {}


def test_a_title_less_list_of_foreign_names_needs_two_known_given_names():
    found = people("", "Đội hình năm ấy bao gồm Iker Casillas, Fernando Hierro và Roberto Carlos.")
    assert set(found) == {"Iker Casillas", "Fernando Hierro", "Roberto Carlos"}
    # Clubs and brands listed the same way are not people.
    assert people("", "Borussia Dortmund, Bayer Leverkusen và Schalke đều thắng.") == {}


def test_rooms_palaces_and_companies_named_like_people_are_not_people():
    assert people("", "Hai bên hội đàm tại Oval Room, sau đó tới Emirates Palace.") == {}
    assert people("", "Tập đoàn Puma Energy cho biết, ông Larry Hall phát biểu.") == {"Larry Hall": None}


def test_an_address_after_a_name_and_rarer_family_names():
    assert people("", "Xe tải do Phạm Hùng Dũng (trú Vĩnh Hòa - Khánh Hòa) điều khiển.") == {"Phạm Hùng Dũng": None}
    assert people("", "Tòa tuyên phạt Liêu Kiến Toàn (SN 1988, ngụ quận 11) mức án tử hình.") == {"Liêu Kiến Toàn": None}


def test_a_title_followed_by_a_name_is_that_name_s_and_a_role_drops_a_dangling_word():
    text = "Bao gồm Thẩm phán Richard Clifton, được bổ nhiệm dưới thời ông George W. Bush, Thẩm phán William Canby."
    found = people("", text)
    assert found["George W. Bush"] is None and found["William Canby"] == "thẩm phán"
    found = people("", "Các đồng chí nguyên Ủy viên Trung ương như đồng chí Vũ Huy Hoàng bị kỷ luật.")
    assert found == {"Vũ Huy Hoàng": "nguyên Ủy viên Trung ương"}


def test_the_head_of_a_steering_committee_keeps_its_kind():
    # "chỉ đạo" after "Ban" names the committee; it is not the verb "directs".
    assert people("", "Trưởng Ban chỉ đạo Nguyễn Văn Bình chủ trì cuộc họp.") == {"Nguyễn Văn Bình": "Trưởng Ban chỉ đạo"}
    text = "Báo cáo Phó thủ tướng Vương Đình Huệ - Trưởng ban chỉ đạo của Chính phủ... các tập đoàn đã tập trung."
    assert people("", text) == {"Vương Đình Huệ": "Phó Thủ tướng - Trưởng ban chỉ đạo của Chính phủ"}
    # With a comma the verb is the sentence's: the role stops at the title.
    assert people("", "Ông Nguyễn Văn Bình, Trưởng ban, chỉ đạo việc này.") == {"Nguyễn Văn Bình": "Trưởng ban"}


def test_a_later_mention_adding_party_memberships_gives_the_fuller_role():
    text = (
        "Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhân dự lễ. Phát biểu tại đây, Ủy viên Bộ Chính trị, "
        "Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhân nhấn mạnh vai trò của thanh niên."
    )
    assert people("", text) == {"Nguyễn Thiện Nhân": "Ủy viên Bộ Chính trị, Bí thư Thành ủy thành phố Hồ Chí Minh"}
    # Another title in a later mention is not added: it may be someone else's.
    text = "Thủ tướng Nguyễn Xuân Phúc tiếp ông Tedros. Tổng Giám đốc WHO, Thủ tướng Nguyễn Xuân Phúc nói."
    assert people("", text)["Nguyễn Xuân Phúc"] == "Thủ tướng"


def test_deputy_heads_named_by_their_unit_and_roles_that_end_before_a_term_or_a_dash():
    found = people("", "Ông Nguyễn Phương Nam, Cục phó Cục Quản lý cạnh tranh, cho biết hồ sơ đã được chuyển.")
    assert found == {"Nguyễn Phương Nam": "Cục phó Cục Quản lý cạnh tranh"}
    assert people("", "Bà Đỗ Thị Ngọc, Vụ phó Vụ Thống kê Giá, cho biết.") == {"Đỗ Thị Ngọc": "Vụ phó Vụ Thống kê Giá"}
    # The term and what the person stops doing are not part of the title.
    text = "Ông Đinh La Thăng, Bí thư Thành ủy Hà Nội nhiệm kỳ 2015-2020 thôi giữ chức để nhận nhiệm vụ mới."
    assert people("", text) == {"Đinh La Thăng": "Bí thư Thành ủy Hà Nội"}
    # "Theo ông X - role - ...": a role closed by a dash is X's, although what follows is what X said.
    text = "Theo ông Lê Văn Thành - Bí thư Thành ủy Hải Phòng - Đây là dự án có ý nghĩa quan trọng."
    assert people("", text) == {"Lê Văn Thành": "Bí thư Thành ủy Hải Phòng"}


def test_a_title_listed_before_another_is_not_taken_when_it_is_someone_else_s():
    text = "Thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng Bộ NN&PTNT Nguyễn Xuân Cường trao quyết định."
    assert people("", text) == {"Nguyễn Xuân Cường": "Bộ trưởng Bộ NN&PTNT"}
    text = "Nhận lời mời của Tổng thống Liên bang Nga Vla-đi-mia Pu-tin, Chủ tịch nước Trần Đại Quang thăm Nga."
    assert people("", text)["Trần Đại Quang"] == "Chủ tịch nước"
    # A list of one person's titles stays together.
    text = "Theo lời mời của Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình, đoàn lên đường."
    assert people("", text) == {"Tập Cận Bình": "Tổng Bí thư, Chủ tịch Trung Quốc"}


def test_the_state_s_formal_name_inside_a_title_and_a_title_of_the_next_person():
    text = (
        "Nhận lời mời của Tổng thống Hợp chúng quốc Hoa Kỳ Donald Trump, Thủ tướng Chính phủ nước Cộng hòa "
        "xã hội chủ nghĩa Việt Nam Nguyễn Xuân Phúc sẽ thăm Mỹ."
    )
    assert people("", text) == {
        "Donald Trump": "Tổng thống Hợp chúng quốc Hoa Kỳ",
        "Nguyễn Xuân Phúc": "Thủ tướng Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    }


def test_central_written_with_a_dot_does_not_hide_the_name_after_it():
    found = extract_metadata("", "Trưởng Ban Tuyên giáo T.Ư Võ Văn Thưởng phát biểu.")
    assert {p.name: p.role for p in found.people} == {"Võ Văn Thưởng": "Trưởng Ban Tuyên giáo T.Ư"}
    assert found.agencies == ["Ban Tuyên giáo Trung ương"]
    found = extract_metadata("", "Trưởng Ban Tổ chức T.Ư Đảng Phạm Minh Chính làm việc tại tỉnh Quảng Ngãi.")
    assert found.agencies == ["Ban Tổ chức Trung ương"]  # a central body: no province added


def test_a_minister_named_with_and_without_the_ministry_s_head_word_keeps_the_fuller_role():
    text = "Bộ trưởng KH-ĐT Nguyễn Chí Dũng trả lời. Chiều cùng ngày, Bộ trưởng Bộ KH-ĐT Nguyễn Chí Dũng sẽ giải đáp."
    assert people("", text) == {"Nguyễn Chí Dũng": "Bộ trưởng Bộ KH-ĐT"}


def test_a_post_abroad_is_part_of_the_title_and_tells_two_ambassadors_apart():
    text = "Đại sứ Hoa Kỳ tại Việt Nam Ted Osius, Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh cùng đón đoàn."
    assert people("", text) == {
        "Ted Osius": "Đại sứ Hoa Kỳ tại Việt Nam", "Phạm Quang Vinh": "Đại sứ Việt Nam tại Hoa Kỳ"}


def test_a_plural_title_goes_to_each_name_of_its_list_and_the_secretary_general_keeps_ky():
    text = "Thủ tướng Nguyễn Xuân Phúc, các Phó Thủ tướng Trương Hòa Bình, Vương Đình Huệ, Vũ Đức Đam sẽ trả lời."
    assert people("", text) == {
        "Nguyễn Xuân Phúc": "Thủ tướng", "Trương Hòa Bình": "Phó Thủ tướng", "Vương Đình Huệ": "Phó Thủ tướng",
        "Vũ Đức Đam": "Phó Thủ tướng"}
    text = "Ông Trần Thanh Mẫn, Phó Chủ tịch kiêm Tổng thư ký Ủy ban Trung ương MTTQ Việt Nam, cho biết."
    assert people("", text) == {"Trần Thanh Mẫn": "Phó Chủ tịch kiêm Tổng thư ký Ủy ban Trung ương MTTQ Việt Nam"}
    # "ký" after a title that is not "thư" is the verb: the role ends before it.
    assert people("", "Ông Nguyễn Văn Bình, Phó Chủ tịch, ký quyết định.") == {"Nguyễn Văn Bình": "Phó Chủ tịch"}


def test_foreign_place_names_are_not_people():
    assert people("", "Tòa phúc thẩm liên bang ở San Francisco bác đơn. Ông Bob Ferguson cho biết.") == {
        "Bob Ferguson": None}
    assert people("", "Đội bóng Las Palmas thua trận.") == {}
    assert people("", "Ông Francisco Cabrera tháp tùng.") == {"Francisco Cabrera": None}


def test_short_names_without_a_family_name_media_and_apps_are_not_people():
    # Players called by middle and given name ("Văn Toàn") name no one the facet can hold.
    text = "Trung vệ Văn Khánh (8,5 điểm) gây ấn tượng. Tiền đạo Văn Toàn ghi bàn, Thị Mai cổ vũ."
    assert people("", text) == {}
    assert people("", "Ông Văn Thanh Bình cho biết.") == {"Văn Thanh Bình": None}
    text = "Theo tờ Le Parisien và Le Canard Enchaine, ứng dụng Baidu Maps; bà Marine Le Pen phát biểu."
    assert people("", text) == {"Marine Le Pen": None}


def test_degrees_written_with_a_hyphen_introduce_a_name():
    assert people("", "PGS-TS Trần Hải Yến (Trường ĐH Y khoa Phạm Ngọc Thạch) cho biết.") == {"Trần Hải Yến": None}
    # A question's first word does not join the name before it.
    assert people("", "PGS-TS Lương Ngọc Khuê Xin ông cho biết lộ trình?") == {"Lương Ngọc Khuê": None}


def test_a_body_word_as_a_given_name_and_a_dash_before_former():
    assert people("", "Ông Vũ Văn Viện, Giám đốc Sở GTVT Hà Nội cho rằng.") == {"Vũ Văn Viện": "Giám đốc Sở GTVT Hà Nội"}
    # Two syllables are a street, not a person: "đường Bùi Viện".
    assert "Bùi Viện" not in people("", "Quán số 157 đường Bùi Viện đông khách.")
    text = "Kỷ luật các ông: Hà Văn Tiên-nguyên Trưởng phòng TN-MT; Nguyễn Anh Dũng-nguyên Trưởng phòng NN&PTNT."
    assert people("", text) == {
        "Hà Văn Tiên": "nguyên Trưởng phòng TN-MT", "Nguyễn Anh Dũng": "nguyên Trưởng phòng NN&PTNT"}
    assert people("", "Ông Kim Jong-un thị sát.") == {"Kim Jong-un": None}
    assert people("", "Theo Fox Sports, Borussia Dortmund đã chiêu mộ tiền vệ. HLV Thomas Tuchel nói.") == {
        "Thomas Tuchel": "HLV"}


def test_a_bracket_between_a_title_and_the_name():
    # A place, a country or an acronym is left out of the role; a parent body is kept.
    assert people("", "Chủ tịch UBND huyện Mỹ Đức (Hà Nội) Trần Văn Hùng cho biết.") == {
        "Trần Văn Hùng": "Chủ tịch UBND huyện Mỹ Đức"}
    assert people("", "Giám đốc Cục Điều tra Liên bang Mỹ (FBI) James Comey bị sa thải.") == {
        "James Comey": "Giám đốc Cục Điều tra Liên bang Mỹ"}
    text = "Trưởng Phòng Giáo dục Mầm non (Sở Giáo dục và Đào tạo Hà Nội), bà Hoàng Thanh Hương cũng cho biết."
    assert people("", text) == {"Hoàng Thanh Hương": "Trưởng Phòng Giáo dục Mầm non (Sở Giáo dục và Đào tạo Hà Nội)"}
    # Anything else in the bracket: no role is read across it.
    assert people("", "Luật Quản lý nợ công (sửa đổi) Hồ Đức Phớc trình bày.") == {}


def test_a_state_leader_s_title_before_the_name_joins_the_post_after_it():
    text = "Phó Thủ tướng Vương Đình Huệ - Trưởng ban chỉ đạo của Chính phủ phát biểu."
    assert people("", text) == {"Vương Đình Huệ": "Phó Thủ tướng - Trưởng ban chỉ đạo của Chính phủ"}
    text = "Bộ trưởng Mai Tiến Dũng, Chủ nhiệm Văn phòng Chính phủ cho biết."
    assert people("", text) == {"Mai Tiến Dũng": "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"}
    # Another state leader's title after the name starts the next person, and other titles keep the post.
    assert people("", "Giám đốc Sở Y tế Trần Văn Hùng, Trưởng ban chỉ đạo phòng dịch tỉnh phát biểu.") == {
        "Trần Văn Hùng": "Trưởng ban chỉ đạo phòng dịch tỉnh"}


def test_a_role_whose_title_ends_with_the_bodys_first_word_ends_with_the_body():
    # "Ban" and "Phòng" close the title and open the body's name: the verb after the body is not kept,
    # and the person named after that verb does not get the role.
    text = (
        "Ông Mai Văn Chính, Ủy viên Trung ương Đảng, Phó Trưởng Ban Tổ chức Trung ương công bố Quyết định "
        "phân công ông Đinh La Thăng làm Phó Trưởng Ban Kinh tế Trung ương."
    )
    found = people("", text)
    assert found["Mai Văn Chính"] == "Ủy viên Trung ương Đảng, Phó Trưởng Ban Tổ chức Trung ương"
    assert found.get("Đinh La Thăng") != found["Mai Văn Chính"]
    text = "Ông Trần Văn Thọ, Trưởng Phòng Văn hóa - Thông tin huyện Phú Quốc cho biết lễ hội sẽ diễn ra."
    assert people("", text) == {"Trần Văn Thọ": "Trưởng Phòng Văn hóa - Thông tin huyện Phú Quốc"}


def test_a_district_written_bare_in_a_list_of_people_is_not_a_person():
    text = (
        "9 bị cáo gồm: Võ Hoàng Anh – đội trưởng đội 3 địa bàn quận Ninh Kiều, Lý Hoàng Minh - đội phó đội 3 "
        "địa bàn Ninh Kiều, Hồ Công Thiện – đội phó đội 7."
    )
    assert "Ninh Kiều" not in people("", text)
    assert {"Võ Hoàng Anh", "Lý Hoàng Minh", "Hồ Công Thiện"} <= set(people("", text))
    # "ông xã", "bà xã" (husband, wife) are not the level "xã".
    text = "Diễn viên Trấn Thành khoe món quà của bà xã Hari Won. Hari Won nói vui."
    assert "Hari Won" in people("", text)


def test_a_title_before_and_then_a_name_belongs_to_the_person_before():
    # "ông A, Giám đốc Sở Y tế và ông B": B is the next person, not a second director.
    text = "Thành ủy đã đình chỉ công tác đối với ông Lê Xuân Nhuận, Giám đốc Sở Y tế và ông Lê Văn Khoa."
    assert people("", text) == {"Lê Xuân Nhuận": "Giám đốc Sở Y tế", "Lê Văn Khoa": None}


def test_a_role_before_a_name_reads_through_tp_dot_and_a_space():
    text = "Bí thư Thành ủy Đinh La Thăng cùng Phó chủ tịch UBND TP. Hồ Chí Minh Lê Văn Khoa đã làm việc."
    assert people("", text)["Lê Văn Khoa"] == "Phó Chủ tịch UBND thành phố Hồ Chí Minh"


def test_a_dash_between_two_whole_roles_or_inside_the_body_s_name_keeps_the_role_together():
    text = "Chiều 19.6, Ủy viên Bộ Chính trị - Phó thủ tướng Vương Đình Huệ đã chủ trì hội nghị."
    assert people("", text) == {"Vương Đình Huệ": "Ủy viên Bộ Chính trị - Phó thủ tướng"}
    text = "Chiều 5/6, Bộ trưởng Bộ Văn hóa - Thể thao và Du lịch Nguyễn Ngọc Thiện đã tiếp đoàn."
    assert people("", text) == {"Nguyễn Ngọc Thiện": "Bộ trưởng Bộ Văn hóa - Thể thao và Du lịch"}
    # A byline or caption before the dash is not a role of the person after it.
    text = "Nhà báo Lê Văn An - Phó thủ tướng Vương Đình Huệ đã chủ trì hội nghị."
    assert people("", text)["Vương Đình Huệ"] == "Phó Thủ tướng"


def test_bao_ends_a_name_as_a_given_name_but_not_before_chi_or_cao():
    text = "Góp ý tại hội nghị, ông Trần Mạnh Báo, Tổng giám đốc Công ty giống Thái Bình, cho rằng cần hỗ trợ."
    assert "Trần Mạnh Báo" in people("", text)
    text = "Bộ trưởng Bộ TT&TT Trương Minh Tuấn Báo cáo về kết quả 6 tháng đầu năm."
    assert "Trương Minh Tuấn" in people("", text)


def test_a_full_name_with_van_is_a_person_but_not_a_street_or_a_school():
    text = "Đối tượng dùng dao đâm ông Lô Minh Hương được xác định là Nguyễn Văn Thái, có con nhỏ đang điều trị."
    assert "Nguyễn Văn Thái" in people("", text)
    text = "4.000 cây được trồng ở các tuyến phố: Hoàng Diệu, Hoàng Văn Thụ, Hoàng Hoa Thám, La Thành."
    assert people("", text) == {}
    text = "Trường THPT chuyên Lương Văn Chánh (22 thí sinh) dẫn đầu."
    assert people("", text) == {}


def _districts() -> list[tuple[str, str]]:
    from kb.extract.places import load_json

    units = load_json("provinces.json")["districts"]
    # "Phan Rang - Tháp Chàm" is the one name with a dash inside: not read as one name yet
    return sorted({(name, kind) for rows in units.values() for name, kind in rows
                   if not name.isdigit() and " - " not in name})


def test_every_district_between_a_title_and_a_name_stays_the_district_s():
    """Each district of the gazetteer, written between a title and a person's name, or at the end of a
    title with no name after it: the district's words never start or make a person's name ("huyện Đức
    Phổ | X" is not the country "Đức", "huyện Nam Trà My" is not "Nam | Trà My", "huyện Ba Vì" keeps "Vì")."""
    wrong = []
    for name, kind in _districts():
        before = people("", f"Chủ tịch UBND {kind} {name} Nguyễn Văn Hải cho biết, dự án sẽ xong trong năm.")
        alone = people("", f"Phó Chủ tịch UBND {kind} {name} cho biết dự án sẽ xong trong năm nay.")
        party = people("", f"Bí thư Huyện ủy {name} Trần Thị Lan đã chủ trì hội nghị.")
        if before != {"Nguyễn Văn Hải": f"Chủ tịch UBND {kind} {name}"} or alone or list(party) != ["Trần Thị Lan"]:
            wrong.append((name, before, alone, party))
    assert len(_districts()) > 650
    assert wrong == []


def test_a_district_with_a_town_s_name_inside_is_the_whole_district():
    found = extract_metadata("", "Trưởng Công an huyện Gò Công Đông Nguyễn Văn Hải cho biết, vụ việc đang được điều tra.")
    assert [(p.name, p.role) for p in found.people] == [("Nguyễn Văn Hải", "Trưởng Công an huyện Gò Công Đông")]
    assert any(a.startswith("Công an huyện Gò Công Đông") for a in found.agencies)


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Bệnh viện Bạch Mai", "Nguyễn Quốc Anh"),
        ("Bệnh viện Thanh Nhàn", "Đào Quang Minh"),
        ("Bệnh viện Đà Nẵng", "Nguyễn Văn Hải"),
        ("Bệnh viện Đa khoa Đức Giang", "Đặng Văn Bình"),
        ("Trường THPT Phan Đình Phùng", "Lê Minh Tuấn"),
        ("Trường THPT chuyên Lê Quý Đôn", "Hoàng Đức Thắng"),
        ("Trường Đại học Bách khoa Hà Nội", "Hoàng Minh Sơn"),
        ("Trường Mầm non Hoa Sen", "Bùi Thị Hoa"),
    ],
)
def test_a_person_named_right_after_a_hospital_or_a_school_is_found_and_ends_its_name(body: str, person: str) -> None:
    found = extract_metadata("", f"Giám đốc {body} {person} cho biết, mọi việc đã được báo cáo lên cấp trên.")
    assert [(p.name, p.role) for p in found.people] == [(person, f"Giám đốc {body}")]
    assert found.agencies and not any(person in a for a in found.agencies)


def test_a_school_s_name_inside_a_person_s_apposition_is_not_another_person():
    text = "Theo PGS.TS Ngô Minh Xuân, Hiệu trưởng trường ĐH Y Khoa Phạm Ngọc Thạch, trường chỉ tuyển sinh ở TP.HCM."
    assert list(people("", text)) == ["Ngô Minh Xuân"]
    text = "Thầy Đào Quang Minh, Hiệu trưởng Trường THPT chuyên Lê Quý Đôn, cho biết nhà trường đã báo cáo."
    assert list(people("", text)) == ["Đào Quang Minh"]
    # a company's name that starts like a name stays the company's
    text = "Ông Từ Quý Thành, Giám đốc công ty CP Kim Toàn, cho biết việc tăng giá khiến công ty trở tay không kịp."
    assert list(people("", text)) == ["Từ Quý Thành"]
    text = "Ông Trần Văn Lộc, Giám đốc Sở Y tế, và Giám đốc Công ty TNHH Hoàng Gia Phát đã ký biên bản."
    assert list(people("", text)) == ["Trần Văn Lộc"]


def test_leaders_listed_with_country_titles_keep_their_own_titles():
    text = ("Ivanka Trump ngồi cùng bàn với Thủ tướng Đức Angela Merkel, Chủ tịch Trung Quốc Tập Cận Bình, "
            "Tổng thống Nga Vladimir Putin.")
    found = people("", text)
    assert found["Angela Merkel"] == "Thủ tướng Đức"
    assert found["Tập Cận Bình"] == "Chủ tịch Trung Quốc"
    assert found["Vladimir Putin"] == "Tổng thống Nga"


@pytest.mark.parametrize("ward", ["Lê Thanh Nghị", "Nguyễn Cư Trinh", "Phạm Đình Hổ", "Trần Phú", "Lê Lợi", "Dương Hòa"])
def test_a_name_after_a_commune_level_in_a_title_is_the_commune_s(ward: str) -> None:
    # In the 2017 news no "Chủ tịch UBND phường/xã" leaves the commune's name out before a person's name
    assert people("", f"Phó Chủ tịch UBND phường {ward} cho biết, vụ việc đã được báo cáo.") == {}
    assert people("", f"Trưởng Công an xã {ward} xác nhận vụ việc đã được báo cáo.") == {}
    found = people("", f"Chủ tịch UBND phường {ward} Nguyễn Văn Hải cho biết, vụ việc đã được báo cáo.")
    assert found == {"Nguyễn Văn Hải": f"Chủ tịch UBND phường {ward}"}


def test_a_commune_named_just_before_lets_the_title_leave_it_out():
    text = "Về xã Khánh Lộc (Can Lộc), chúng tôi được Chủ tịch UBND xã Mai Khắc Tám cho biết: chưa có số liệu."
    assert people("", text) == {"Mai Khắc Tám": "Chủ tịch UBND xã"}


def test_title_less_lists_take_rarer_and_minority_family_names_but_not_streets():
    text = "Danh sách gồm: Vương Đình Huệ, Giàng Seo Phử, Nguyễn Văn Hải và Trần Thị Lan."
    assert sorted(people("", text)) == ["Giàng Seo Phử", "Nguyễn Văn Hải", "Trần Thị Lan", "Vương Đình Huệ"]
    text = "Điểm lại làng giải trí, Minh Triệu, Thiều Bảo Trang, Đàm Vĩnh Hưng, Tôn Nữ Hồng Ân đều từng diện mẫu này."
    assert {"Thiều Bảo Trang", "Đàm Vĩnh Hưng"} <= set(people("", text))
    # streets: an item before them is a place, or the list is introduced as streets further back
    text = ("Ngập sâu tại một số tuyến phố thuộc các quận Cầu Giấy, Ba Đình như: Hoa Bằng, Cầu Giấy, Xuân Thủy, "
            "Thái Hà, Định Công, Tôn Thất Tùng, Vũ Trọng Phụng, Khuất Duy Tiến, Quang Trung.")
    assert people("", text) == {}
    text = "Xe nối dài trên Đường Nguyễn Kiệm, Nguyễn Thái Sơn, Phạm Văn Đồng sau cơn mưa."
    assert people("", text) == {}
    text = "Giá xe tại một số đại lý ủy quyền của Honda tại Lê Đức Thọ và Lạc Long Quân (Hà Nội) đã giảm."
    assert people("", text) == {}


def test_a_minority_name_after_a_title_is_one_name():
    text = "Bộ trưởng Bộ Y tế Y Thanh Hà Niê Kđăm cho biết kế hoạch đã được phê duyệt."
    assert people("", text) == {"Y Thanh Hà Niê Kđăm": "Bộ trưởng Bộ Y tế"}


def test_a_title_that_ends_with_a_person_s_name_is_not_the_next_person_s():
    text = "Theo Giám đốc Bệnh viện Thanh Nhàn Đào Quang Minh, chị Trần Thị Thanh nhập viện với chẩn đoán chấn thương."
    assert people("", text) == {"Đào Quang Minh": "Giám đốc Bệnh viện Thanh Nhàn", "Trần Thị Thanh": None}


def test_a_board_written_in_lower_case_inside_its_head_s_title_ends_the_role():
    text = "Ông Phạm Quang Vinh, Trưởng ban Quản lý dự án đầu tư xây dựng huyện Diễn Châu, cho biết."
    found = extract_metadata("", text)
    assert [(p.name, p.role) for p in found.people] == [
        ("Phạm Quang Vinh", "Trưởng ban Quản lý dự án đầu tư xây dựng huyện Diễn Châu")]
    assert found.agencies == ["Ban Quản lý dự án đầu tư xây dựng huyện Diễn Châu"]
    text = "Ông Võ Văn Thưởng, Trưởng ban Tuyên giáo Trung ương tới dự lễ khai mạc."
    assert people("", text) == {"Võ Văn Thưởng": "Trưởng ban Tuyên giáo Trung ương"}


def test_doan_before_a_body_s_word_is_a_body_not_a_family_name():
    text = "Theo ông Nguyễn Túc, Ủy viên Đoàn Chủ tịch MTTQ, điều được lớn nhất là sự đồng thuận."
    assert people("", text) == {"Nguyễn Túc": "Ủy viên Đoàn Chủ tịch MTTQ"}
    text = "Anh Đoàn Huỳnh Tấn Trung, Bí thư Đoàn Thanh niên XN Bao bì Liksin, cho biết."
    assert people("", text) == {"Đoàn Huỳnh Tấn Trung": "Bí thư Đoàn Thanh niên XN Bao bì Liksin"}
    assert people("", "Hôm nay, Đoàn Việt Nam đã tham gia tích cực vào hội nghị.") == {}
    assert people("", "Ông Đoàn Thanh cho biết sẽ tiếp tục theo dõi.") == {"Đoàn Thanh": None}


def test_venues_shows_and_papers_are_not_foreign_people():
    text = "Nữ ca sĩ Lady Gaga biểu diễn tại Super Bowl, sau đó ở Manchester Arena; China Daily đưa tin."
    assert list(people("", text)) == ["Lady Gaga"]


def test_english_place_team_show_and_store_names_are_not_people():
    text = ("Theo tạp chí National Interest, West Ham và West Brom đều muốn có anh; ứng dụng có trên App Store, "
            "còn Miss Universe tổ chức ở New Delhi. Ca sĩ Kanye West có mặt.")
    assert list(people("", text)) == ["Kanye West"]


def test_a_country_or_an_institution_before_a_foreign_name_is_not_part_of_it():
    text = "Người phát ngôn Điện Kremlin Dmitry Peskov cho biết; Chủ tịch Fed Janet Yellen nói thêm."
    assert sorted(people("", text)) == ["Dmitry Peskov", "Janet Yellen"]
    text = "Theo Business Insider, Celta Vigo và Red Bull đã đàm phán; Tổng thống Philippines Duterte nói."
    assert people("", text) == {}
    text = "Đạo diễn phim Kong: Skull Island Jordan Vogt-Roberts đến Việt Nam."
    assert "Jordan Vogt-Roberts" in people("", text)


def test_ho_is_a_family_name_before_a_middle_name_and_a_lake_otherwise():
    text = "Hồ Ngọc Hà, Sơn Tùng 'đốt cháy' đêm hội\n\nHai ca sĩ cống hiến.\nHồ Ngọc Hà xuất hiện với trang phục gợi cảm."
    assert "Hồ Ngọc Hà" in people("", text)
    text = "Hồ Núi Cốc đẹp vào mùa thu. Du khách đến Hồ Núi Cốc rất đông."
    assert people("", text) == {}


def test_the_parent_body_written_after_a_comma_stays_in_the_role():
    text = "Ông Phạm Trọng Đạt, Cục trưởng Cục Chống tham nhũng, Thanh tra Chính phủ cho biết."
    assert people("", text) == {"Phạm Trọng Đạt": "Cục trưởng Cục Chống tham nhũng, Thanh tra Chính phủ"}
    text = "Ông Nghiêm Tuấn Anh, Phó Đội trưởng Đội Chống hàng giả, Phòng PC46, Công an thành phố Hà Nội cho biết."
    assert people("", text) == {
        "Nghiêm Tuấn Anh": "Phó Đội trưởng Đội Chống hàng giả, Phòng PC46, Công an thành phố Hà Nội"
    }
    # a body followed by "và" or a name opens the next item, not the parent of the role
    text = "Dự họp có ông Lê Quang Hùng, Giám đốc Sở Y tế, Công an tỉnh và đại diện các ngành."
    assert people("", text) == {"Lê Quang Hùng": "Giám đốc Sở Y tế"}


def test_a_post_before_the_name_is_kept_with_the_titles_after_it():
    text = "Thẩm phán Nghiêm Thị Lượng, Chánh tòa Hình sự, TAND tỉnh Bắc Ninh sẽ ngồi ghế chủ tọa phiên tòa."
    assert people("", text) == {"Nghiêm Thị Lượng": "Thẩm phán, Chánh tòa Hình sự, TAND tỉnh Bắc Ninh"}
    text = "Thượng tá Nguyễn Văn Hải, Trưởng phòng CSGT Công an tỉnh Hòa Bình cho biết xe đã bị giữ."
    assert people("", text) == {"Nguyễn Văn Hải": "Trưởng phòng CSGT Công an tỉnh Hòa Bình"}  # a rank is no role
    text = "Đoàn gồm có: ông Jacques Sauverur Jean, Thượng nghị sỹ, Chủ tịch Ủy ban Văn hóa và Du lịch; bà Irvelle " \
        "Latortue, Phu nhân Chủ tịch Thượng viện."
    assert people("", text) == {
        "Jacques Sauverur Jean": "thượng nghị sỹ, Chủ tịch Ủy ban Văn hóa và Du lịch", "Irvelle Latortue": None
    }


def test_the_sy_spelling_of_occupations_is_an_honorific_too():
    assert people("", "Bác sỹ Nguyễn Văn Hải cho biết bệnh nhân đã ổn định.") == {"Nguyễn Văn Hải": "bác sỹ"}
    assert people("", "Thượng nghị sỹ John McCain phát biểu tại phiên điều trần.") == {"John McCain": "thượng nghị sỹ"}


def test_a_spouse_s_or_an_aide_s_title_is_not_the_named_person_s():
    assert people("", "Phu nhân Tổng thống Mỹ Melania Trump đã tới thăm trường.") == {"Melania Trump": None}
    assert people("", "Trợ lý Tổng thống Mỹ Kellyanne Conway nói.") == {"Kellyanne Conway": "Trợ lý Tổng thống Mỹ"}
    # other kin before a title leave the title to the name after it
    text = "Ông Phạm Sỹ Quý là em trai Bí thư Tỉnh ủy Yên Bái Phạm Thị Thanh Trà, nên không khách quan."
    assert people("", text) == {"Phạm Sỹ Quý": None, "Phạm Thị Thanh Trà": "Bí thư Tỉnh ủy Yên Bái"}


def test_the_title_before_a_transliterated_name_goes_to_the_name_in_brackets():
    text = "Theo lời mời của Tổng thống Hợp chúng quốc Hoa Kỳ Đô-nan Trăm (Donald Trump), Thủ tướng sẽ thăm Mỹ."
    assert people("", text) == {"Donald Trump": "Tổng thống Hợp chúng quốc Hoa Kỳ"}
    text = "Ngoại trưởng Mỹ Rếch Ti-lơ-xơn (Rex Tillerson) và Thủ tướng Anh Tê-rê-xa Mây (Theresa May) đã gặp nhau."
    assert people("", text) == {"Rex Tillerson": "Ngoại trưởng Mỹ", "Theresa May": "Thủ tướng Anh"}
    text = "Tổng thống Thổ Nhĩ Kỳ Tay-íp Éc-đô-gan (Tayyip Erdogan) cho biết."
    assert people("", text) == {"Tayyip Erdogan": "Tổng thống Thổ Nhĩ Kỳ"}


def test_ministers_of_a_field_and_of_this_country_keep_their_title():
    text = "Bộ trưởng Tài chính nước này Euclid Tsakalotos nêu rõ; Bộ trưởng Tình báo Iran Mahmoud Alavi cho biết."
    assert people("", text) == {"Euclid Tsakalotos": "Bộ trưởng Tài chính", "Mahmoud Alavi": "Bộ trưởng Tình báo Iran"}


def test_a_country_before_a_leader_s_name_is_not_part_of_it():
    text = "Tổng thống Zimbabwe Robert Mugabe và Chủ tịch Thượng viện Cộng hòa Haiti Youri Latortue đã tới."
    assert people("", text) == {
        "Robert Mugabe": "Tổng thống Zimbabwe", "Youri Latortue": "Chủ tịch Thượng viện Cộng hòa Haiti"
    }
    assert people("", "Thủ tướng Thái Lan Prayut Chan-o-cha đã tới Hà Nội.") == {"Prayut Chan-o-cha": "Thủ tướng Thái Lan"}


def test_a_later_mention_adding_a_membership_before_a_dash_gives_the_fuller_role():
    text = ("Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhân kiểm tra dự án chống ngập.\n"
            "Chiều 29/5, Ủy viên Bộ Chính trị - Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhân đã đi kiểm tra.")
    assert people("", text) == {
        "Nguyễn Thiện Nhân": "Ủy viên Bộ Chính trị - Bí thư Thành ủy thành phố Hồ Chí Minh"
    }


def test_a_role_ends_at_a_verb_with_a_full_stop_and_at_a_clause_s_verb():
    text = "“Tôi khá mê tour sinh thái”, ông Lưu Đức Kế, Giám đốc Cty lữ hành Hanoitourist nói. Ông cho rằng thế."
    assert people("", text) == {"Lưu Đức Kế": "Giám đốc Cty lữ hành Hanoitourist"}
    text = "Trong đó bị can Lê Nguyên Ngọc, nguyên Tổng Giám đốc hưởng lợi 400 triệu đồng."
    assert people("", text) == {"Lê Nguyên Ngọc": "nguyên Tổng Giám đốc"}
    text = "Phát biểu tại buổi tiếp, Thủ tướng hoan nghênh việc Tổng thống Cộng hòa Czech Milos Zeman sẽ thăm Việt Nam."
    assert people("", text) == {"Milos Zeman": "Tổng thống Cộng hòa Czech"}


def test_a_brand_s_branch_and_an_artists_group_are_not_people():
    text = "Ông Keshav Dhakad, Giám đốc khu vực, Trung tâm Phòng chống Tội phạm mạng, Microsoft Châu Á chia sẻ: “Có”."
    assert list(people("", text)) == ["Keshav Dhakad"]
    text = "Họa sỹ Nguyễn Thu Thủy và nhóm họa sỹ Tân Hà Nội đã đoạt giải Ba."
    assert list(people("", text)) == ["Nguyễn Thu Thủy"]
    text = "Hơn 124 sổ tiết kiệm do nhóm bà Trần Ngọc Bích (con gái ông Thanh) đại diện."
    assert list(people("", text)) == ["Trần Ngọc Bích"]


def test_compound_given_names_and_sir_are_read_whole():
    text = "Chủ tịch Ủy ban châu Âu Jean-Claude Juncker cho biết; ông Jean-Yves Le Drian nói thêm."
    assert people("", text) == {"Jean-Claude Juncker": "Chủ tịch Ủy ban châu Âu", "Jean-Yves Le Drian": None}
    assert people("", "HLV Karl-Heinz Weigang đã dẫn dắt đội tuyển.") == {"Karl-Heinz Weigang": "HLV"}
    assert list(people("", "Sir Alex Ferguson đã nghỉ hưu.")) == ["Alex Ferguson"]
    assert people("", "Tại Bà Rịa Vũng Tàu đã có mưa lớn.") == {}  # the province, not "Bà" and a name


def test_a_title_before_a_foreign_family_name_alone_gives_the_role_the_full_name_lacks():
    text = "Cựu tiền vệ Dietmar Hamann chê HLV Klopp, còn Jurgen Klopp im lặng."
    assert people("", text)["Jurgen Klopp"] == "HLV"
    text = "Tổng thống Trump nói. Sau đó Donald Trump rời đi."
    assert people("", text) == {"Donald Trump": "Tổng thống"}
    text = "Bộ trưởng Quốc phòng Hàn Quốc Han Min-koo và người đồng cấp Mỹ James Mattis đã điện đàm."
    assert people("", text)["James Mattis"] is None  # "Mỹ James" is no title
    # two people of one family name: the title's owner is unknown
    text = "Ông Donald Trump và Ivanka Trump tới. Tổng thống Trump phát biểu."
    assert people("", text) == {"Donald Trump": None, "Ivanka Trump": None}


def test_an_occupation_after_a_count_or_a_plural_is_each_listed_person_s():
    text = "HLV Hữu Thắng triệu tập các cầu thủ Hà Đức Chinh, Lê Thanh Bình và Hồ Tuấn Tài lên tuyển."
    found = people("", text)
    assert [found[n] for n in ("Hà Đức Chinh", "Lê Thanh Bình", "Hồ Tuấn Tài")] == ["cầu thủ"] * 3
    text = "Hai tiền đạo Kylian Mbappe và Allan Saint-Maximin đều ghi bàn."
    assert people("", text) == {"Kylian Mbappe": "tiền đạo", "Allan Saint-Maximin": "tiền đạo"}
    text = "Cầu thủ Hà Đức Chinh, Lê Thanh Bình cùng ra sân."  # no count: the second name's role is unknown
    assert people("", text) == {"Hà Đức Chinh": "cầu thủ", "Lê Thanh Bình": None}


def test_head_coaches_and_captains_are_occupations():
    assert people("", "HLV trưởng Zinedine Zidane cho biết Real sẽ thắng.") == {"Zinedine Zidane": "HLV trưởng"}
    assert people("", "Thủ quân Lương Xuân Trường ghi bàn.") == {"Lương Xuân Trường": "thủ quân"}


def test_arabic_names_are_read_whole_across_bin_and_after_sheikh():
    text = "Quốc vương Qatar Sheikh Tamim bin Hamad Al Thani tiếp Ngoại trưởng Mỹ Rex Tillerson."
    assert people("", text) == {"Tamim bin Hamad Al Thani": "Quốc vương Qatar", "Rex Tillerson": "Ngoại trưởng Mỹ"}
    text = "Ông hội đàm với người đồng cấp Qatar Sheikh Mohammed bin Abdulrahman Al Thani về khủng hoảng."
    assert people("", text) == {"Mohammed bin Abdulrahman Al Thani": None}
    text = "Quốc vương Saudi Arabia Salman bin Abdulaziz Al Saud đã ra lệnh."
    assert people("", text) == {"Salman bin Abdulaziz Al Saud": "Quốc vương Saudi Arabia"}
    # the short form later is the same person, with the role it gives
    text = (
        "Người đồng cấp Qatar Mohammed bin Abdulrahman Al Thani tới Ankara. "
        "Phát biểu sau hội đàm, Ngoại trưởng Al Thani nhận định khủng hoảng sẽ qua."
    )
    assert people("", text) == {"Mohammed bin Abdulrahman Al Thani": "Ngoại trưởng"}
    # two of one family: the short form is neither, and no third person
    text = (
        "Quốc vương Tamim bin Hamad Al Thani và Ngoại trưởng Mohammed bin Abdulrahman Al Thani dự họp. "
        "Ông Al Thani cho biết Qatar không nhượng bộ."
    )
    assert set(people("", text)) == {"Tamim bin Hamad Al Thani", "Mohammed bin Abdulrahman Al Thani"}


def test_a_parent_body_after_a_comma_before_the_name_stays_in_the_role():
    text = (
        "Phát biểu khai mạc, Phó Vụ trưởng Vụ Hợp tác quốc tế, Bộ Giáo dục và Đào tạo Phạm Chí Cường "
        "cho biết Việt Nam đã đóng góp nhiều đề xuất."
    )
    assert people("", text) == {"Phạm Chí Cường": "Phó Vụ trưởng Vụ Hợp tác quốc tế, Bộ Giáo dục và Đào tạo"}
    # a bare title has no body for the parent to join: the body after the comma is not its own
    assert people("", "Giám đốc, Sở Y tế Nguyễn Văn Bình cho biết.") == {"Nguyễn Văn Bình": None}


def test_a_describing_word_between_an_occupation_and_the_name_keeps_the_occupation():
    assert people("", "HLV kỳ cựu Lê Thụy Hải nhận xét: Công Phượng chơi tệ.") == {"Lê Thụy Hải": "HLV"}
    assert people("", "HLV người Pháp Philippe Troussier trở lại.") == {"Philippe Troussier": "HLV"}
    assert people("", "Cầu thủ trẻ Nguyễn Văn Toàn ghi bàn.") == {"Nguyễn Văn Toàn": "cầu thủ"}
    # a describing word alone stays what it was
    assert people("", "Trận đấu có mặt huyền thoại Pete Sampras.") == {"Pete Sampras": None}


def test_held_office_wording_and_police_after_a_name_do_not_enter_the_name_or_role():
    text = "Ông Nguyễn Văn Hưng (SN 1961) - hiện giữ chức vụ Phó chủ tịch UBND xã Chu Phan - không đi học."
    assert people("", text) == {"Nguyễn Văn Hưng": "Phó Chủ tịch UBND xã Chu Phan"}  # not "Vụ Phó"
    text = "Đối tượng Lưu Tổng Đức Công an quận Thủ Đức đang tạm giữ Lưu Tổng Đức (24 tuổi)."
    assert people("", text) == {"Lưu Tổng Đức": None}
    text = "Nhóm gồm Nguyễn Đình Hà (30 tuổi) và Phan Văn Xin (24 tuổi) từ Nghệ An vào."
    assert people("", text) == {"Nguyễn Đình Hà": None, "Phan Văn Xin": None}  # "Xin" is a given name too


def test_a_committee_named_with_a_comma_keeps_its_chair_s_role_and_name():
    text = "Chủ nhiệm Ủy ban Tài chính, Ngân sách của Quốc hội Nguyễn Đức Hải trình bày báo cáo thẩm tra."
    assert people("", text) == {"Nguyễn Đức Hải": "Chủ nhiệm Ủy ban Tài chính, Ngân sách của Quốc hội"}


def test_partners_designers_and_health_workers_before_a_name():
    assert people("", "Trang Pháp đến cùng bạn trai Dương Khắc Linh.") == {"Dương Khắc Linh": None}
    assert people("", "Cô mặc đầm của NTK Hoàng Hải vừa ra mắt.") == {"Hoàng Hải": "NTK"}
    assert people("", "Viên chức là y sĩ Lê Hoàng Khanh bị điều chuyển.") == {"Lê Hoàng Khanh": "y sĩ"}


def test_an_office_named_by_two_fields_joined_with_a_dash_stays_whole_in_the_role():
    text = "Ông Võ Minh Luân, Phó Phòng tài chính - kế toán, bị cảnh cáo; ông Lý Hoàng Quyết, viên chức phòng tài chính kế toán, cũng vậy."
    assert people("", text) == {
        "Võ Minh Luân": "Phó Phòng tài chính - kế toán",
        "Lý Hoàng Quyết": "viên chức phòng tài chính kế toán",
    }


def test_names_in_a_related_links_list_at_the_end_are_not_the_story_s():
    text = (
        "Joel Matip từng từ chối lên tuyển Cameroon và nay bị chế giễu sau khi đội nhà vô địch châu Phi. "
        "HLV Hugo Broos nói ông không tiếc. Tin liên quan Gabriel Jesus tỏa sáng, Pep Guardiola trấn an Aguero"
    )
    assert people("", text) == {"Joel Matip": None, "Hugo Broos": "HLV"}
    # early in a text, the words start no link list
    assert "Gabriel Jesus" in people("", "Tin liên quan đến Gabriel Jesus: anh đã bình phục và sẽ trở lại sân cỏ.")


def test_a_country_before_a_single_name_gives_no_person():
    assert people("", "Quốc vương Saudi Arabia Salman đã tới Moscow.") == {}  # not "Saudi Arabia Salman"
    assert people("", "Quốc vương Saudi Salman nói.") == {}
    assert people("", "Thủ môn Jordan Pickford bắt chính.") == {"Jordan Pickford": "thủ môn"}  # a given name
