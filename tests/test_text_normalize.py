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


# -- the faster normalisation equals the plain regex version it replaced ---------------------------
import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kb.text import normalize as norm  # noqa: E402

_REF_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_REF_TONES = re.compile(r"(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")


def _reference_normalize(text: str) -> str:
    text = norm.nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = norm._CONTROL.sub("", text)
    text = norm._FANCY.sub(lambda m: norm._PLAIN[m.group()], text)
    text = _REF_SPACES.sub(" ", text)
    text = _REF_TONES.sub(lambda m: norm._move_tone(m.group(0)), norm.nfc(text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


_PIECES = [" ", "  ", "\t", "\u00a0", "\u3000", "\n", "\n\n\n", "\r\n", "q", "Q", "o", "O", "u", "U", "oà", "uỷ",
           "Hoà", "quỷ", "qoè", "hoàn", "uý", "1", "_", "“", "–", "\x00", "a", "\u0300"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join) | st.text(max_size=60)


@settings(max_examples=800, deadline=None)
@given(_texts)
def test_normalize_text_equals_the_plain_regex_version(text):
    assert normalize_text(text) == _reference_normalize(text)
    assert normalize_tones(text) == _REF_TONES.sub(lambda m: norm._move_tone(m.group(0)), norm.nfc(text))
