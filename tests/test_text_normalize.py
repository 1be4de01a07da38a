import unicodedata

import pytest

from kb.text import canonical_case, fold_accents, has_diacritics, normalize_text, normalize_tones


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [("hoà bình", "hòa bình"), ("Thuỷ lợi", "Thủy lợi"), ("uỷ ban", "ủy ban"), ("khoẻ mạnh", "khỏe mạnh"),
     ("HOÀ", "HÒA"), ("Hoà Vang", "Hòa Vang")],
)
def test_new_style_tone_marks_become_old_style(new_style, old_style):
    assert normalize_tones(new_style) == old_style


@pytest.mark.parametrize("word", ["hoàn thành", "quý", "quỳ", "thuở", "khuyến khích", "hòa"])
def test_tone_normalisation_leaves_words_that_agree_in_both_styles(word):
    assert normalize_tones(word) == word


def test_decomposed_text_from_pdf_is_composed():
    nfd = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    assert normalize_text(nfd) == "Thừa Thiên Huế"


def test_normalize_text_tidies_spaces_quotes_dashes_and_control_characters():
    raw = "Ủy\u00a0ban  “nhân dân”\u200b – tỉnh\r\n\r\n\r\n\r\nDòng\x00 hai  "
    assert normalize_text(raw) == 'Ủy ban "nhân dân" - tỉnh\n\nDòng hai'


def test_fold_accents_removes_all_marks_and_maps_d_bar():
    assert fold_accents("Điều hành Đà Nẵng, Thừa Thiên Huế") == "Dieu hanh Da Nang, Thua Thien Hue"


def test_has_diacritics():
    assert has_diacritics("tỉnh")
    assert has_diacritics("đi")
    assert not has_diacritics("UBND tinh Quang Nam")


def test_canonical_case_for_names():
    assert canonical_case("NGUYỄN VĂN PHƯƠNG") == "Nguyễn Văn Phương"
