"""Facets count every match of a search, not the shown page: checked through the API against a
tally of the metadata of all matching documents (KnowledgeBase.export returns all of them), and
a selected facet value narrows the total to exactly its count."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from kb.models import Announcement, SearchRequest
from kb.text.normalize import fold_accents

FACET_LIMIT = 30  # values shown per facet (year: all of them)
PAGE = 5
QUERIES = ["tỉnh", "phong chong dich", '"chuyển đổi số"']


def _values(ann: Announcement, facet: str) -> set[str]:
    """The facet values one document counts once for, read from its metadata."""
    if facet == "agency":
        return set(ann.agencies)
    if facet == "person":
        return {p.name for p in ann.people}
    if facet == "place":
        return set(ann.places)
    if facet == "doc_type":
        return {ann.doc_type} if ann.doc_type else set()
    if facet == "source":
        return {ann.source} if ann.source else set()
    if facet == "year":
        return {str(ann.year)} if ann.year else set()
    raise KeyError(facet)


FACETS = ["agency", "person", "place", "doc_type", "source", "year"]


def _folded(ann: Announcement, facet: str) -> set[str]:
    """A document's values as facets count them: values differing only in case, or in a hyphen written
    for a space, are one value."""
    return {_key(v) for v in _values(ann, facet)}


def _key(value: str) -> str:
    # written out here rather than imported: the test states the rule it checks kb.search.facets against
    return " ".join(value.casefold().replace("-", " ").replace("–", " ").split())


def _tally(docs: list[Announcement], facet: str) -> Counter:
    return Counter(v for ann in docs for v in _folded(ann, facet))


@pytest.fixture(scope="module", params=QUERIES, ids=lambda q: fold_accents(q).replace('"', "").replace(" ", "-"))
def searched(request, corpus_kb):
    query = request.param
    resp = corpus_kb.search(SearchRequest(query=query, limit=PAGE))
    everything = corpus_kb.export(SearchRequest(query=query))
    return query, resp, everything


def test_total_is_every_match_and_more_than_the_page(searched):
    _, resp, everything = searched
    assert resp.total == len(everything) == len({a.id for a in everything})
    assert resp.total > PAGE, "the query must match more documents than one page shows"
    assert len(resp.hits) == PAGE


@pytest.mark.parametrize("facet", FACETS)
def test_facet_counts_equal_a_tally_over_all_matches(searched, facet):
    _, resp, everything = searched
    expected = _tally(everything, facet)
    shown = [(_key(f.value), f.count) for f in resp.facets[facet]]
    assert expected, f"no {facet} values among the matches: the comparison would be empty"
    assert len({v for v, _ in shown}) == len(shown)
    for value, count in shown:
        assert count == expected[value], (facet, value)
    if facet == "year":
        assert dict(shown) == dict(expected)
        assert [int(v) for v, _ in shown] == sorted((int(v) for v in expected), reverse=True)
        return
    counts = [c for _, c in shown]
    assert counts == sorted(counts, reverse=True)
    if len(expected) <= FACET_LIMIT:
        assert dict(shown) == dict(expected)
    else:
        # Only the most frequent values are listed: nothing left out outnumbers what is shown.
        assert len(shown) == FACET_LIMIT
        left_out = [c for v, c in expected.items() if v not in dict(shown)]
        assert max(left_out) <= min(counts)


@pytest.mark.parametrize("facet", FACETS)
def test_selecting_a_facet_value_narrows_to_its_count(searched, corpus_kb, facet):
    query, resp, everything = searched
    shown = resp.facets[facet]
    # The most frequent value and the last listed one (often a count of one).
    for choice in {shown[0].value: shown[0], shown[-1].value: shown[-1]}.values():
        if facet == "year":
            req = SearchRequest(query=query, year=[int(choice.value)], limit=PAGE)
        else:
            req = SearchRequest(query=query, limit=PAGE, **{facet: [choice.value]})
        narrowed = corpus_kb.search(req)
        assert narrowed.total == choice.count, (facet, choice.value)
        wanted = {a.id for a in everything if _key(choice.value) in _folded(a, facet)}
        assert {a.id for a in corpus_kb.export(req)} == wanted
        # The facet itself now counts only the selection.
        counts = {f.value: f.count for f in narrowed.facets[facet]}
        assert counts[choice.value] == choice.count


# Three documents each; two spellings of one value among them, the first used twice.
SPELLINGS = {
    "case": (
        "agency", "dự báo",
        ["Trung tâm Dự báo Khí tượng Thủy văn Trung ương cho biết bão mạnh.",
         "Trung tâm Dự báo Khí tượng Thủy văn Trung ương cho biết mưa to.",
         "Trung tâm Dự báo khí tượng thủy văn Trung ương cho biết gió lớn."],
        "Trung tâm Dự báo Khí tượng Thủy văn Trung ương",
    ),
    "hyphen": (
        "person", "Qatar",
        ["Quốc vương Qatar Tamim bin Hamad Al-Thani phát biểu tại Doha.",
         "Quốc vương Qatar Tamim bin Hamad Al-Thani gặp Tổng thống Pháp.",
         "Quốc vương Qatar Tamim bin Hamad Al Thani tiếp Ngoại trưởng Mỹ."],
        "Tamim bin Hamad Al-Thani",
    ),
}


@pytest.mark.parametrize("kind", SPELLINGS)
def test_values_that_differ_only_in_case_or_a_hyphen_are_one_value_counted_together(fresh_kb, tmp_path, kind):
    facet, query, texts, most_used = SPELLINGS[kind]
    path = tmp_path / "tin.jsonl"
    docs = [{"id": f"d{i}", "title": f"Tin số {i}", "text": text} for i, text in enumerate(texts)]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    fresh_kb.ingest_paths([path])
    written = {v for d in docs for v in _values(fresh_kb.get(d["id"]), facet) if _key(v) == _key(most_used)}
    assert len(written) == 2  # two spellings stored
    resp = fresh_kb.search(SearchRequest(query=query))
    values = [(f.value, f.count) for f in resp.facets[facet] if _key(f.value) == _key(most_used)]
    assert values == [(most_used, 3)]  # one value, in the spelling used most
    for spelling in written:  # either spelling filters all three
        assert fresh_kb.search(SearchRequest(query=query, **{facet: [spelling]})).total == 3


def test_the_spelling_shown_among_equally_used_ones_does_not_depend_on_the_order_of_documents(tmp_path):
    from kb.api import KnowledgeBase

    docs = [
        {"id": "a", "title": "Phim mới", "text": "Diễn viên Robert De Niro nhận giải thưởng."},
        {"id": "b", "title": "Phim cũ", "text": "Diễn viên Robert de Niro nhận giải thưởng."},
    ]
    shown = set()
    for order in (docs, docs[::-1]):
        path = tmp_path / f"tin-{order[0]['id']}.jsonl"
        path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in order), encoding="utf-8")
        kb = KnowledgeBase(tmp_path / f"kb-{order[0]['id']}")
        kb.ingest_paths([path], workers=1)
        values = [(f.value, f.count) for f in kb.facet_values("person")]
        shown.add(tuple(values))
    assert shown == {(("Robert De Niro", 2),)}  # the spelling with more capitals, whatever the order


def test_a_document_with_two_spellings_of_one_value_counts_once():
    from kb.search.derived import _distinct_in_rows

    vals, ptr = _distinct_in_rows(np.array([3, 3, 1, 2, 2, 2, 5]), np.array([0, 2, 2, 6, 7]))
    assert vals.tolist() == [3, 1, 2, 5] and ptr.tolist() == [0, 1, 1, 3, 4]
