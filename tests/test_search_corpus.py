"""Search over the sample corpus the way users type: accented, unaccented, abbreviated, numbers."""

from __future__ import annotations

import pytest

from kb.models import SearchRequest


def ids(resp):
    return [h.id for h in resp.hits]


def test_accented_query_finds_the_users_example(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="Văn phòng UBND tỉnh cơ quan hành chính kiểu mẫu"))
    assert ids(resp)[0] == "hue-2022-van-phong-ubnd-tong-ket"


def test_unaccented_query_ranks_like_the_accented_one(corpus_kb):
    accented = corpus_kb.search(SearchRequest(query="Văn phòng UBND tỉnh cơ quan hành chính kiểu mẫu"))
    plain = corpus_kb.search(SearchRequest(query="van phong ubnd tinh co quan hanh chinh kieu mau"))
    assert ids(plain)[0] == ids(accented)[0]
    assert set(ids(plain)[:5]) & set(ids(accented)[:5])


def test_unaccented_query_highlights_accented_text(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="trung tam phuc vu hanh chinh cong"))
    assert resp.total > 0
    assert any("<mark>" in h.snippet and "hành chính" in h.snippet for h in resp.hits)


def test_abbreviation_finds_full_form_and_back(corpus_kb):
    short = corpus_kb.search(SearchRequest(query="HĐND tỉnh", limit=50))
    full = corpus_kb.search(SearchRequest(query="Hội đồng nhân dân tỉnh", limit=50))
    assert short.total > 0 and full.total > 0
    # Documents that only spell the body out are found by the abbreviation, and the reverse.
    assert set(ids(short)) & set(ids(full))
    marks = " ".join(h.snippet for h in short.hits)
    assert "<mark>HĐND</mark>" in marks or "<mark>Hội đồng nhân dân</mark>" in marks


@pytest.mark.parametrize("query", ["1673/QĐ-UBND", "1673/QD-UBND", "QĐ 1673", "quyết định 1673", "quyet dinh so 1673"])
def test_document_number_in_any_written_form_finds_the_decision(corpus_kb, query):
    resp = corpus_kb.search(SearchRequest(query=query))
    assert resp.hits, query
    assert resp.hits[0].doc_number == "1673/QĐ-UBND" or "1673" in resp.hits[0].title


def test_new_style_tone_marks_and_nfd_find_the_same_documents(corpus_kb):
    import unicodedata

    a = corpus_kb.search(SearchRequest(query="Ủy ban nhân dân tỉnh Thừa Thiên Huế"))
    b = corpus_kb.search(SearchRequest(query="Uỷ ban nhân dân tỉnh Thừa Thiên-Huế"))
    c = corpus_kb.search(SearchRequest(query=unicodedata.normalize("NFD", "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ")))
    assert ids(a)[:3] == ids(b)[:3] == ids(c)[:3]


def test_quoted_phrase_is_required_and_exclusion_removes(corpus_kb):
    phrase = corpus_kb.search(SearchRequest(query='"chuyển đổi số"', limit=100))
    assert phrase.total > 0
    for h in phrase.hits:
        doc = corpus_kb.get(h.id)
        assert "chuyển đổi số" in (doc.title + " " + doc.text).lower()
    without = corpus_kb.search(SearchRequest(query='"chuyển đổi số" -Nghệ', limit=100))
    assert without.total < phrase.total
    for h in without.hits:
        doc = corpus_kb.get(h.id)
        assert "nghệ" not in (doc.title + " " + doc.text).lower()


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', "((((", "AND OR NOT", "-", "year:abc", "agency:", "*?~^", "a" * 5000, "\x00\x01", "<script>",
     "person:\"", "1/2/3/4/5/6", "đ" * 300],
)
def test_any_user_string_is_accepted(corpus_kb, query):
    resp = corpus_kb.search(SearchRequest(query=query))
    # Accepted means answered consistently: the page holds the first hits of the counted full and
    # partial matches (full first), each once, and exporting the same search lists exactly the
    # full matches.
    assert len(resp.hits) == min(resp.total + resp.total_partial, 10)
    assert [h.match for h in resp.hits] == sorted((h.match for h in resp.hits), key=["full", "partial"].index)
    assert len({h.id for h in resp.hits}) == len(resp.hits)
    assert resp.total == len(corpus_kb.export(SearchRequest(query=query)))
    for h in resp.hits:
        assert "<script>" not in h.snippet


def test_facets_count_the_whole_result_set(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="tỉnh", limit=5))
    assert resp.total > 5
    years = resp.facets["year"]
    assert sum(f.count for f in years) <= resp.total
    assert resp.facets["doc_type"], "document types are faceted"


def test_filters_narrow_results(corpus_kb):
    all_hits = corpus_kb.search(SearchRequest(query="tỉnh", limit=100))
    year = int(all_hits.facets["year"][0].value)
    only = corpus_kb.search(SearchRequest(query="tỉnh", year=[year], limit=100))
    assert 0 < only.total <= all_hits.total
    assert all(h.year == year for h in only.hits)
    in_box = corpus_kb.search(SearchRequest(query=f"tỉnh year:{year}", limit=100))
    assert in_box.total == only.total


def test_sort_by_date(corpus_kb):
    newest = corpus_kb.search(SearchRequest(query="tỉnh", sort="newest", limit=50))
    dates = [h.date for h in newest.hits if h.date]
    assert dates == sorted(dates, reverse=True)
    oldest = corpus_kb.search(SearchRequest(query="tỉnh", sort="oldest", limit=50))
    dates = [h.date for h in oldest.hits if h.date]
    assert dates == sorted(dates)


def test_pagination_does_not_repeat_hits(corpus_kb):
    p1 = corpus_kb.search(SearchRequest(query="tỉnh", limit=5, page=1))
    p2 = corpus_kb.search(SearchRequest(query="tỉnh", limit=5, page=2))
    assert p1.total == p2.total
    assert not set(ids(p1)) & set(ids(p2))


def test_unaccented_query_gets_an_accented_suggestion(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="chuyen doi so"))
    assert resp.suggestion == "chuyển đổi số"


def test_misspelled_word_gets_a_correction(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="chuyển đổi sốô hành chínhh"))
    assert resp.suggestion is not None
    assert "hành chính" in resp.suggestion


def test_snippets_escape_document_html(fresh_kb, tmp_path):
    f = tmp_path / "xss.json"
    f.write_text(
        '{"id": "xss", "title": "<script>alert(1)</script> Thông báo", '
        '"text": "Nội dung <img src=x onerror=alert(1)> về lịch tiếp công dân của UBND tỉnh."}',
        encoding="utf-8",
    )
    fresh_kb.ingest_paths([f], workers=1)
    hit = fresh_kb.search(SearchRequest(query="lịch tiếp công dân")).hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<img" not in hit.snippet and "&lt;img" in hit.snippet
    assert "<mark>" in hit.snippet


def test_long_document_is_highlighted_beyond_32k(fresh_kb, tmp_path):
    filler = "Nội dung báo cáo thường kỳ của các sở ngành trong tỉnh. " * 1500
    (tmp_path / "dai.txt").write_text("Báo cáo dài\n\n" + filler + "Cuối văn bản nhắc đến đập thủy điện Bình Điền.",
                                      encoding="utf-8")
    fresh_kb.ingest_paths([tmp_path / "dai.txt"], workers=1)
    hit = fresh_kb.search(SearchRequest(query="thủy điện Bình Điền")).hits[0]
    assert "<mark>Bình Điền</mark>" in hit.snippet or "<mark>thủy điện</mark>" in hit.snippet


def test_facet_top_values_equal_the_head_of_the_full_list(corpus_kb):
    import numpy as np

    from kb.search.facets import FACET_NAMES

    v, s = corpus_kb.engine.searcher()
    cols = corpus_kb.engine.facets_of(v, s.reader())
    rng = np.random.default_rng(7)
    for share in (0.05, 0.3, 1.0):
        mask = rng.random(cols.n) < share
        for facet in FACET_NAMES:
            full = cols.count(facet, mask)
            counts = [c for _, c in full]
            assert counts == sorted(counts, reverse=True) and all(c > 0 for c in counts)
            for limit in (1, 3, 10, 1000):
                assert cols.count(facet, mask, limit) == full[:limit]
