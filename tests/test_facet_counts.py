"""Facet counts for a filtered search, as the sidebar and scripts get them from the API: a facet
with a selection is counted without its own filter (values of one facet widen, OR); the other
facets are counted over the filtered matches (AND)."""

from __future__ import annotations

from kb.models import SearchRequest


def _counts(values) -> dict[str, int]:
    return {v.value: v.count for v in values}


def test_a_selected_facet_keeps_its_other_values_and_the_rest_narrow(corpus_kb):
    unfiltered = corpus_kb.search(SearchRequest(query="UBND tỉnh", limit=1))
    years = _counts(unfiltered.facets["year"])
    assert len(years) >= 3
    year = max(years, key=years.get)
    req = SearchRequest(query="UBND tỉnh", year=[int(year)], limit=1)
    filtered = corpus_kb.search(req)
    assert filtered.total == years[year]

    counts = corpus_kb.facet_counts(req, filtered)
    # The year facet ignores its own selection: every year of the unfiltered search is still offered.
    assert _counts(counts["year"]) == years
    # Other facets count only the documents of the selected year.
    assert _counts(counts["doc_type"]) == _counts(filtered.facets["doc_type"])
    assert sum(_counts(counts["doc_type"]).values()) <= filtered.total
    assert _counts(counts["doc_type"]) != _counts(unfiltered.facets["doc_type"])


def test_two_values_of_one_facet_widen_the_results(corpus_kb):
    years = _counts(corpus_kb.search(SearchRequest(query="UBND tỉnh", limit=1)).facets["year"])
    a, b = sorted(years, key=years.get, reverse=True)[:2]
    both = corpus_kb.search(SearchRequest(query="UBND tỉnh", year=[int(a), int(b)], limit=1))
    assert both.total == years[a] + years[b]


def test_the_command_line_counts_a_query_s_facets_like_the_web_app(corpus_kb, corpus_kb_dir):
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(corpus_kb_dir), "facets", "year",
                           "--query", "UBND tỉnh", "--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = corpus_kb.facet_counts(SearchRequest(query="UBND tỉnh", limit=1))["year"]
    assert json.loads(done.stdout) == [v.model_dump() for v in expected]
    whole = {v.value: v.count for v in corpus_kb.facet_values("year")}
    assert sum(v.count for v in expected) <= sum(whole.values())
