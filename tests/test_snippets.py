"""Snippets: the window where the most query words meet (not the first match), the original
accented text marked for an unaccented query, and no word cut at a window's edge.

Contract (kb/search/highlight.py): up to two windows of about 220 characters, ranked by how many
distinct query concepts fall in them; each starts at a word start and ends at a word end; "…"
marks text left out; matches are wrapped in <mark> over the original text.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from kb.models import SearchRequest
from kb.text.normalize import fold_accents

QUERY = "tram bom kenh muong"  # typed without marks; the document writes trạm, bơm, kênh, mương
QUERY_FOLDED = set(QUERY.split())

# Each filler is longer than a snippet window and holds no syllable that folds to a query word.
_FILLERS = [
    "Đoàn công tác ghi nhận nhiều cố gắng của chính quyền địa phương trong việc chăm lo đời sống người "
    "dân, đặc biệt là các hộ nghèo và gia đình chính sách. Các thôn đã tổ chức họp dân để phổ biến chủ "
    "trương mới và lắng nghe ý kiến đóng góp của bà con về những việc cần làm ngay trong năm nay.",
    "Hội Nông dân xã phối hợp với hợp tác xã hướng dẫn bà con chọn giống lúa phù hợp, gieo sạ đúng lịch "
    "thời vụ và bón phân cân đối. Cán bộ khuyến nông thường xuyên xuống đồng để theo dõi sâu bệnh, kịp "
    "thời khuyến cáo người dân phòng trừ, hạn chế thiệt hại cho mùa màng của địa phương.",
    "Ủy ban nhân dân xã giao các ban ngành đoàn thể tuyên truyền rộng rãi kế hoạch đến từng hộ gia đình, "
    "đồng thời vận động nhân dân tham gia ngày công lao động, đóng góp vật liệu và giữ gìn vệ sinh môi "
    "trường chung. Kết quả thực hiện được tổng hợp và báo cáo lên huyện vào cuối mỗi tháng.",
    "Lãnh đạo huyện đề nghị xã tiếp tục rà soát, lập danh sách những hộ còn khó khăn về nước tưới để có "
    "phương án hỗ trợ trong vụ tới. Đoàn công tác cũng lưu ý việc quản lý, sử dụng nguồn vốn đúng mục "
    "đích, công khai minh bạch và có sự giám sát của người dân trong suốt quá trình thi công.",
]
_SPARSE = [
    "Tại buổi làm việc, lãnh đạo xã cho biết trạm y tế đã sẵn sàng phục vụ người dân.",
    "Mọi thông tin được gửi tới bà con qua kênh phát thanh của xã.",
    "Một số hộ đã tự mua máy bơm nhỏ để tưới rau màu.",
]
DENSE = (
    "Theo kế hoạch, Trạm bơm Đồng Cừ sẽ bơm nước vào kênh chính, rồi nước chảy qua mương nội đồng "
    "đến từng thửa ruộng của các thôn."
)
# Three single matches far apart, then the passage with every query word at the end: a window
# chosen by position instead of by the words it holds shows the sparse ones.
TEXT = "\n".join(
    [_FILLERS[0], _SPARSE[0], _FILLERS[1], _SPARSE[1], _FILLERS[2], _SPARSE[2], _FILLERS[3], DENSE, _FILLERS[0]]
)
DOC_ID = "thong-bao-thuy-loi-an-phu"

_MARK = re.compile(r"<mark>(.*?)</mark>")
_SYLLABLE = re.compile(r"[^\W\d_][^\W_]*")


ABBREVIATED_ID = "nghi-quyet-hdnd-an-phu"
ABBREVIATED_TEXT = "Kỳ họp thứ nhất của HĐND xã An Phú đã thông qua nghị quyết về kế hoạch đầu tư công năm nay."


@pytest.fixture(scope="module")
def snippet_kb(tmp_path_factory):
    from kb.api import KnowledgeBase

    root = tmp_path_factory.mktemp("snippets")
    src = root / "docs.jsonl"
    records = [
        {"id": DOC_ID, "title": "Kết quả làm việc tại xã An Phú", "text": TEXT},
        {"id": ABBREVIATED_ID, "title": "Kỳ họp thứ nhất", "text": ABBREVIATED_TEXT},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    kb = KnowledgeBase(root / "kb")
    assert kb.ingest_paths([src], workers=1).count("added") == len(records)
    return kb


@pytest.fixture(scope="module")
def result(snippet_kb):
    """The snippet of the long document for the unaccented query, and the document's text."""
    resp = snippet_kb.search(SearchRequest(query=QUERY))
    return resp, snippet_kb.get(DOC_ID).text


def _snippet(resp) -> str:
    # An assertion here, not in the fixture: a search that finds nothing is a failed test.
    assert [h.id for h in resp.hits] == [DOC_ID], "the unaccented query must find the accented document"
    return resp.hits[0].snippet


def _fragments(snippet: str) -> list[str]:
    return [f.strip() for f in snippet.split("…") if f.strip()]


def _plain(fragment_html: str) -> str:
    return html.unescape(_MARK.sub(r"\1", fragment_html))


def _query_words_in(part: str) -> set[str]:
    return {fold_accents(s.lower()) for s in _SYLLABLE.findall(part)} & QUERY_FOLDED


def test_sample_text_has_one_dense_passage_and_far_apart_single_matches():
    # The snippet tests below mean something only if the text is as designed.
    assert not any(_query_words_in(f) for f in _FILLERS)
    assert [len(_query_words_in(s)) for s in _SPARSE] == [1, 1, 1]
    assert _query_words_in(DENSE) == QUERY_FOLDED
    assert all(len(f) > 250 for f in _FILLERS)


def test_snippet_comes_from_the_passage_where_all_words_meet(result):
    snippet = _snippet(result[0])
    assert (
        "<mark>Trạm</mark> <mark>bơm</mark> Đồng Cừ sẽ <mark>bơm</mark> nước vào <mark>kênh</mark> chính, "
        "rồi nước chảy qua <mark>mương</mark>"
    ) in snippet
    fragments = _fragments(snippet)
    assert 1 <= len(fragments) <= 2
    dense = [f for f in fragments if {fold_accents(m.lower()) for m in _MARK.findall(f)} == QUERY_FOLDED]
    assert len(dense) == 1, fragments


def test_unaccented_query_marks_the_original_accented_words(result):
    resp, text = result
    snippet = _snippet(resp)
    marked = _MARK.findall(snippet)
    assert marked
    assert {fold_accents(m.lower()) for m in marked} <= QUERY_FOLDED
    assert {"Trạm", "bơm", "kênh", "mương"} <= set(marked)
    # The snippet shows the document's spelling, never the query's.
    shown = {s.lower() for s in _SYLLABLE.findall(_plain(snippet))}
    assert not shown & QUERY_FOLDED
    for fragment in _fragments(snippet):
        assert _plain(fragment) in text.replace("\n", " ")


def test_every_query_word_in_a_fragment_is_marked(result):
    snippet = _snippet(result[0])
    for fragment in _fragments(snippet):
        unmarked = html.unescape(_MARK.sub(" ", fragment))
        left = {fold_accents(s.lower()) for s in _SYLLABLE.findall(unmarked)} & QUERY_FOLDED
        assert not left, (left, fragment)


def test_fragments_start_and_end_on_word_boundaries(result):
    resp, text = result
    snippet = _snippet(resp)
    flat = text.replace("\n", " ")
    for fragment in _fragments(snippet):
        plain = _plain(fragment)
        start = flat.find(plain)
        assert start >= 0, fragment
        end = start + len(plain)
        assert start == 0 or not flat[start - 1].isalnum(), flat[max(0, start - 10) : start + 10]
        assert end == len(flat) or not flat[end].isalnum(), flat[end - 10 : end + 10]
    # Text was left out on both sides of the dense window, and "…" says so.
    assert snippet.rstrip().endswith("…")


def test_spelled_out_query_marks_the_abbreviation_in_the_text(snippet_kb):
    # Typed in full with its marks; the document only writes the abbreviation.
    resp = snippet_kb.search(SearchRequest(query="Hội đồng nhân dân"))
    hit = next((h for h in resp.hits if h.id == ABBREVIATED_ID), None)
    assert hit is not None, [h.id for h in resp.hits]
    assert "<mark>HĐND</mark> xã An Phú" in hit.snippet
