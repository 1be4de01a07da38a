"""Bounded queries: no user query raises, and over-long or repetitive ones are reduced and say so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from kb.models import SearchRequest, SearchResponse
from kb.search import filters as filters_module
from kb.search import phrases as phrases_module
from kb.search.parse import MAX_EXCLUDED, MAX_PHRASE_WORDS, MAX_PHRASES, parse_query
from kb.search.query import MAX_CONCEPTS

ROOT = Path(__file__).resolve().parent.parent


def ids(resp: SearchResponse) -> list[str]:
    return [h.id for h in resp.hits]


# -- the bare "--" and other operator debris -------------------------------------------------------


@pytest.mark.parametrize("query", ["ủy ban --", "--", "- -- ---", "-:", '-""', "ủy ban -- -\"\" -. -,"])
def test_dash_debris_neither_raises_nor_changes_the_results(corpus_kb, query):
    resp = corpus_kb.search(SearchRequest(query=query))
    words = " ".join(w for w in query.split() if w[0].isalpha())
    plain = corpus_kb.search(SearchRequest(query=words))
    assert resp.total == plain.total
    assert ids(resp) == ids(plain)


def test_bare_double_dash_is_named_in_the_notice(corpus_kb):
    resp = corpus_kb.search(SearchRequest(query="ủy ban --"))
    assert resp.total > 0
    assert resp.notice is not None and "“--”" in resp.notice
    assert corpus_kb.search(SearchRequest(query="ủy ban")).notice is None


def test_impossible_year_range_matches_no_undated_document(corpus_kb):
    assert corpus_kb.search(SearchRequest(query="tỉnh year:0000-0100")).total == 0


# -- reduction at parse time ----------------------------------------------------------------------


def test_identical_phrases_are_searched_once_and_reported(corpus_kb):
    once = corpus_kb.search(SearchRequest(query='"chuyển đổi số"', limit=50))
    many = corpus_kb.search(SearchRequest(query='"chuyển đổi số" ' * 200, limit=50))
    assert once.total > 0
    assert many.total == once.total
    assert set(ids(many)) == set(ids(once))
    assert once.notice is None
    assert "Đã gộp" in many.notice and "“chuyển đổi số”" in many.notice


def test_a_word_repeated_hundreds_of_times_is_collapsed(corpus_kb):
    once = corpus_kb.search(SearchRequest(query="khai thác cát", limit=50))
    many = corpus_kb.search(SearchRequest(query="khai thác cát " * 150, limit=50))
    assert ids(many) == ids(once)
    assert "“khai thác cát”" in many.notice


def test_phrases_beyond_the_cap_are_dropped_and_named():
    phrases = [f'"cụm từ số {i}"' for i in range(MAX_PHRASES + 3)]
    parsed = parse_query(" ".join(phrases))
    assert parsed.phrases == [f"cụm từ số {i}" for i in range(MAX_PHRASES)]
    assert "cụm từ số 8" not in parsed.text
    notice = parsed.reduction.notice()
    for i in range(MAX_PHRASES, MAX_PHRASES + 3):
        assert f"“cụm từ số {i}”" in notice
    assert "“cụm từ số 0”" not in notice


def test_over_long_phrase_is_shortened_to_its_first_words():
    words = "ủy ban nhân dân tỉnh Quảng Nam tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm".split()
    parsed = parse_query('"' + " ".join(words) + '"')
    kept = " ".join(words[:MAX_PHRASE_WORDS])
    assert parsed.phrases == [kept]
    assert f"“{kept}”" in parsed.reduction.notice()


def test_exclusions_beyond_the_cap_are_named():
    parsed = parse_query("ủy ban " + " ".join(f"-từ{i}" for i in range(MAX_EXCLUDED + 2)))
    assert len(parsed.excluded) == MAX_EXCLUDED
    notice = parsed.reduction.notice()
    assert f"“-từ{MAX_EXCLUDED}”" in notice and f"“-từ{MAX_EXCLUDED + 1}”" in notice


def test_words_beyond_the_cap_are_dropped_and_named(corpus_kb):
    distinct = [f"từ{i}" for i in range(MAX_CONCEPTS + 6)]
    resp = corpus_kb.search(SearchRequest(query=" ".join(distinct)))
    assert resp.notice is not None and "đã bỏ qua phần sau" in resp.notice
    assert f"từ{MAX_CONCEPTS}" in resp.notice
    assert "từ0 " not in resp.notice


def test_reduplicated_words_are_left_alone():
    parsed = parse_query("chuồn chuồn ba ba")
    assert parsed.text == "chuồn chuồn ba ba"
    assert parsed.reduction.notice() is None


def test_too_many_filters_are_dropped_and_named(corpus_kb):
    filters = " ".join(f"agency:cơquan{i}" for i in range(filters_module.MAX_FILTER_VALUES + 2))
    resp = corpus_kb.search(SearchRequest(query="tỉnh " + filters))
    assert resp.total == 0
    assert f"agency:cơquan{filters_module.MAX_FILTER_VALUES}" in resp.notice


@pytest.mark.parametrize(
    ("meaningful", "hostile"),
    [
        ("khai thác cát Quảng Nam", "khai thác cát Quảng Nam " * 40 + "và của các " * 30),
        ('"chuyển đổi số" Đà Nẵng', '"chuyển đổi số" ' * 100 + "Đà Nẵng " * 100),
        ("tiêm vắc xin công nhân", "tiêm vắc xin công nhân " + " ".join(f"-zzz{i}" for i in range(40))),
        ("lịch tiếp công dân", "lịch tiếp công dân " + " ".join(f"từlạ{i}" for i in range(80))),
    ],
)
def test_reduced_query_still_finds_what_its_meaningful_part_finds(corpus_kb, meaningful, hostile):
    plain = corpus_kb.search(SearchRequest(query=meaningful))
    reduced = corpus_kb.search(SearchRequest(query=hostile))
    assert plain.hits
    assert reduced.notice is not None
    assert plain.hits[0].id in ids(reduced)[:3]


# -- the phrase check on positions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [("chuyển", "đổi", "số"), ("ủy", "ban", "nhân", "dân"), ("và", "các"), ("của", "các"), ("tỉnh", "tỉnh"),
     ("khai", "thác", "cát"), ("số", "đổi", "chuyển")],
)
def test_phrase_check_agrees_with_whoosh(corpus_kb, words):
    eng = corpus_kb.engine
    v, s = eng.searcher()
    reader = s.reader()
    checker = phrases_module.PhraseChecker(reader, eng.postings_of(v, reader), reader.doc_count_all())
    found, unchecked = checker.matches([(w,) for w in words])
    expected = set(s.docs_for_query(wq.Phrase("s", list(words), slop=1)))
    assert set(np.flatnonzero(found).tolist()) == expected
    assert not unchecked.any()


def _new_process(kb):
    """The same knowledge base as a new process sees it: no phrase results cached yet."""
    from kb.api import KnowledgeBase

    return KnowledgeBase(kb.root)


def test_phrase_of_common_words_beyond_the_check_limit_is_reported(corpus_kb, monkeypatch):
    full = corpus_kb.search(SearchRequest(query='"của các"', limit=5))
    assert full.total > 3 and full.notice is None
    monkeypatch.setattr(phrases_module, "MAX_PHRASE_CHECKS", 3)
    capped = _new_process(corpus_kb).search(SearchRequest(query='"của các"', limit=5))
    assert capped.total <= 3
    assert "“của các”" in capped.notice and "chỉ kiểm tra những văn bản phù hợp nhất" in capped.notice
    assert set(ids(capped)) <= set(ids(full)) | {h.id for h in corpus_kb.search(
        SearchRequest(query='"của các"', limit=100)).hits}


def test_phrases_share_a_budget_of_position_reads(corpus_kb, monkeypatch):
    query = '"chuyển đổi số" "của các"'
    full = corpus_kb.search(SearchRequest(query=query, limit=100))
    assert full.total > 0 and full.notice is None
    monkeypatch.setattr(phrases_module, "MAX_POSITION_READS", 0)
    starved = _new_process(corpus_kb).search(SearchRequest(query=query, limit=100))
    assert starved.total == 0
    assert "“chuyển đổi số”" in starved.notice


def test_a_phrase_checked_once_is_not_read_again_on_the_same_index_version(corpus_kb, monkeypatch):
    kb = _new_process(corpus_kb)
    first = kb.search(SearchRequest(query='"của các" "chuyển đổi số" khai thác', limit=50))
    reads = []
    original = phrases_module.PhraseChecker._read_term
    monkeypatch.setattr(phrases_module.PhraseChecker, "_read_term",
                        lambda self, term, docs, cache: (reads.append(len(docs)), original(self, term, docs, cache)))
    again = kb.search(SearchRequest(query='"của các" "chuyển đổi số" khai thác', limit=50))
    assert reads == []
    assert (again.total, again.total_partial, ids(again)) == (first.total, first.total_partial, ids(first))


# -- no query raises: property tests --------------------------------------------------------------

WORDS = ["ủy", "ban", "nhân", "dân", "tỉnh", "Quảng", "Nam", "chuyển", "đổi", "số", "và", "của", "các",
         "UBND", "HĐND", "1673/QĐ-UBND", "uy", "ban", "tinh", "2021", "năm", "x", "Đà", "Nẵng"]
OPERATORS = ['"', "-", "--", ":", "(", ")", "*", "?", "OR", "AND", "year:", "agency:", "nam:", "type:",
             "person:", "place:", "source:", "year:2019-2021", "year:abc", "-year:2020", 'agency:"UBND"', "\\",
             "'", "…", "–", "«", "»", "\u200b", "\n", "\t", "http://x.vn/a?b=c", "10:30"]
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(OPERATORS), st.text(max_size=12))
SEPARATOR = st.sampled_from([" ", " ", "", "  ", '"', "-"])


@st.composite
def hostile_queries(draw, max_tokens: int = 400) -> str:
    tokens = draw(st.lists(TOKEN, max_size=max_tokens))
    seps = draw(st.lists(SEPARATOR, min_size=len(tokens), max_size=len(tokens)))
    query = "".join(t + s for t, s in zip(tokens, seps, strict=True))
    return query * draw(st.sampled_from([1, 1, 1, 3, 10]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query=st.one_of(hostile_queries(), st.text(max_size=3000)),
       sort=st.sampled_from(["relevance", "newest", "oldest"]), page=st.integers(1, 3))
def test_search_never_raises_and_answers_a_valid_response(corpus_kb, query, sort, page):
    resp = corpus_kb.search(SearchRequest(query=query, sort=sort, page=page, limit=5))
    assert isinstance(resp, SearchResponse)
    SearchResponse.model_validate(resp.model_dump())
    assert resp.total + resp.total_partial >= len(resp.hits) >= 0
    assert resp.total >= 0 and resp.total_partial >= 0
    assert resp.notice is None or (isinstance(resp.notice, str) and resp.notice)
    contract = json.loads(json.dumps(resp.to_contract(), ensure_ascii=False))
    assert contract["notice"] == resp.notice


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query=hostile_queries(max_tokens=60).map(lambda q: q.replace("\x00", "")))
def test_cli_search_exits_zero_with_one_json_object(corpus_kb_dir, query):
    # "--" ends the options: a query may itself start with "-".
    done = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(corpus_kb_dir), "search", "--json", "--",
                           query], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert isinstance(answer, dict)
    assert {"query", "total", "hits", "facets", "suggestion", "notice"} <= answer.keys()
