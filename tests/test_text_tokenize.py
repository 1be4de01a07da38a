import pytest

from kb.text.abbreviations import expand, syllable_key
from kb.text.segment import segment, segment_words
from kb.text.tokenize import syllables

SAMPLE = (
    "Chủ tịch UBND tỉnh Nguyễn Văn Phương ký Quyết định số 1673/QĐ-UBND ngày 12/3/2022 "
    "theo Nghị quyết số 54-NQ/TW và 14/2014/QĐ-UBND; giải quyết 83.408 hồ sơ, đạt 77,18%. "
    "Liên hệ vp@thuathienhue.gov.vn hoặc https://thuathienhue.gov.vn/tin-tuc."
)


@pytest.mark.parametrize(
    "span",
    ["1673/QĐ-UBND", "54-NQ/TW", "14/2014/QĐ-UBND", "12/3/2022", "83.408", "77,18%",
     "vp@thuathienhue.gov.vn", "https://thuathienhue.gov.vn/tin-tuc"],
)
def test_protected_spans_survive_as_one_token(span):
    tokens = {s.text for s in syllables(SAMPLE)}
    assert span in tokens


def test_protected_spans_survive_segmentation_as_single_words():
    words = segment_words(SAMPLE)
    for span in ("1673/QĐ-UBND", "54-NQ/TW", "14/2014/QĐ-UBND", "12/3/2022", "83.408", "77,18%"):
        assert span in words


def test_segmentation_joins_words_and_keeps_offsets():
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Phương phát biểu"
    seg = segment(text)
    assert len(seg) == len(text)
    assert seg.replace("_", " ") == text
    words = segment_words(text)
    assert "Chủ_tịch" in words
    assert "Nguyễn_Văn_Phương" in words
    assert "phát_biểu" in words


def test_segmentation_never_joins_across_lines():
    seg = segment("Ủy ban\nnhân dân")
    assert "\n" in seg


def test_token_offsets_point_into_the_original_text():
    for s in syllables(SAMPLE):
        assert SAMPLE[s.start : s.end] == s.text


def test_abbreviations_expand_in_both_directions():
    assert "Ủy ban nhân dân" in expand("UBND")
    assert "UBND" in expand("ủy ban nhân dân")
    assert "UBND" in expand("uy ban nhan dan")
    assert "Giáo dục và Đào tạo" in expand("GD&ĐT")
    assert "TP.HCM" in expand("thành phố Hồ Chí Minh")


def test_syllable_key_folds_case_and_accents():
    assert syllable_key("Ủy ban Nhân dân") == ("uy", "ban", "nhan", "dan")
    assert syllable_key("TP.HCM") == ("tp", "hcm")
