"""kb.ui.search_page: pure parts (the suggestion rule, the count line)."""

from __future__ import annotations

import pytest

from kb.ui.labels import query_cut_notice
from kb.ui.search_page import worth_suggesting


@pytest.mark.parametrize(("query", "suggestion"), [
    ("<img src=x onerror=alert(2)>", "img src X onerror alert 2"),  # only punctuation and case differ
    ("ubnd   tinh", "UBND tinh"),
    ("hoà bình", "hòa bình"),  # the same word in the other tone-mark style
    ("1673/QĐ-UBND", "1673 QĐ UBND"),
    ("chuyển đổi số", "Chuyển   đổi số"),
    ("so_hieu", "so hieu"),
    ("ubnd", ""),
    ("ubnd", None),
])
def test_a_suggestion_that_only_repeats_the_query_is_not_shown(query, suggestion):
    assert not worth_suggesting(query, suggestion)


@pytest.mark.parametrize(("query", "suggestion"), [
    ("chuyen doi so", "chuyển đổi số"),  # accents added
    ("chu tich ubnd tinh quang nam", "Chủ tịch UBND tỉnh Quảng Nam"),
    ("tuyen dung giao vien", "tuyển dụng giáo viên"),
])
def test_a_suggestion_that_changes_a_word_is_shown(query, suggestion):
    assert worth_suggesting(query, suggestion)


def test_cut_notice_gives_both_lengths_in_vietnamese():
    text = query_cut_notice(1234)
    assert "dài 1.234 ký tự" in text and "giới hạn 500 ký tự" in text and "500 ký tự đầu" in text
