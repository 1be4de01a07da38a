"""kb.ui.state: the view <-> URL query parameters."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from kb.ui.state import ViewState


def test_round_trip_through_the_url():
    state = ViewState(q="chủ tịch", page=3, sort="newest", filters={"agency": ("UBND tỉnh A", "Sở B & C"),
                      "year": ("2023",), "doc_type": ("Quyết định",)}, date_from=dt.date(2022, 1, 2),
                      date_to=dt.date(2023, 4, 5), doc="id/1", tab="tong-quan")
    params = parse_qs(urlsplit(state.query_string()).query)
    assert params["agency"] == ["UBND tỉnh A", "Sở B & C"] and params["type"] == ["Quyết định"]
    assert ViewState.from_params(params) == state


def test_defaults_are_left_out():
    assert ViewState(q="x").to_params() == {"q": "x"}
    assert ViewState().query_string() == "?"


def test_bad_values_fall_back_to_defaults():
    s = ViewState.from_params({"page": ["-4"], "sort": ["evil"], "year": ["20x3", "2021"], "from": ["31/12/2020"],
                               "tab": ["nope"], "q": ["  a  "], "agency": ["", "  "]})
    assert (s.page, s.sort, s.filters, s.date_from, s.tab, s.q) == (1, "relevance", {"year": ("2021",)}, None,
                                                                   "ket-qua", "a")
    assert ViewState.from_params({"page": ["abc"]}).page == 1
    assert len(ViewState.from_params({"q": ["x" * 5000]}).q) == 500


def test_changes_reset_page_and_document():
    s = ViewState(q="a", page=4, doc="d", filters={"year": ("2020",)})
    assert s.with_query("b").page == 1 and s.with_query("b").doc is None
    assert s.with_facet("agency", ["X"]).filters == {"year": ("2020",), "agency": ("X",)}
    assert s.without_filter("year", "2020").filters == {}
    assert s.without_filters().has_filters is False
    assert s.with_sort("oldest").page == 1
    assert s.with_doc(None).page == 4  # back to the same result page


def test_to_request():
    s = ViewState(q="x", filters={"year": ("2021", "2022"), "doc_type": ("Kế hoạch",), "person": ("A",)},
                  sort="oldest", page=2)
    req = s.to_request()
    assert (req.query, req.year, req.doc_type, req.person, req.sort, req.page) == ("x", [2021, 2022], ["Kế hoạch"],
                                                                                    ["A"], "oldest", 2)
