"""Encodings: UTF-8 with or without BOM, UTF-16, Windows-1258, and legacy font encodings refused."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from kb.ingest.decode import DecodeError, decode_bytes, legacy_encoding

TEXT = "Ủy ban nhân dân tỉnh Thừa Thiên Huế thông báo lịch tiếp công dân tháng 3 năm 2023."


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("utf-16"),
     codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")],
)
def test_unicode_encodings_decode_to_the_same_text(data):
    assert unicodedata.normalize("NFC", decode_bytes(data)) == TEXT


def test_windows_1258_with_combining_tone_marks_is_recognised():
    # Windows-1258 stores the tone as a separate combining mark after a base letter (ô, ư, ... are
    # precomposed in the code page).
    decomposed = "Thông báo kết luận của Chủ tịch UBND tỉnh về việc xử lý hồ sơ đất đai tồn đọng"
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", decomposed):
        if unicodedata.combining(ch) and out:
            base, marks = out[-1][0], out[-1][1:]
            if ch in tones:
                out[-1] = base + marks + ch
            else:
                out[-1] = unicodedata.normalize("NFC", base + ch) + marks
        else:
            out.append(ch)
    data = "".join(out).encode("cp1258")
    assert unicodedata.normalize("NFC", decode_bytes(data)) == decomposed


def test_binary_is_refused_with_a_reason():
    with pytest.raises(DecodeError, match="nhị phân"):
        decode_bytes(b"\x00\x01\x02\x03" * 100)


def test_legacy_detection_leaves_unicode_and_other_languages_alone():
    assert legacy_encoding(TEXT * 3) is None
    assert legacy_encoding("The provincial people's committee announced a new schedule for citizens " * 3) is None
    assert legacy_encoding("Uû ban nh©n d©n tØnh Thõa Thiªn HuÕ ®· tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m 2022 "
                           "víi sù tham dù cña c¸c ®ång chÝ l·nh ®¹o") == "TCVN3 (ABC)"


def test_tcvn3_bytes_are_not_mistaken_for_windows_1258():
    # TCVN3 bytes include some that Windows-1258 maps to Vietnamese letters; they must still be
    # recognised as TCVN3 (and refused), not decoded as Windows-1258 garbage.
    tcvn = ("Uû ban nh©n d©n tØnh Thõa Thiªn HuÕ ®· tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m 2022 "
            "víi sù tham dù cña c¸c ®ång chÝ l·nh ®¹o ").encode("cp1252") * 20
    assert legacy_encoding(decode_bytes(tcvn)) == "TCVN3 (ABC)"
