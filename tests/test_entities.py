"""People, bodies and office holders (kb/entities) through the API and the CLI, on small stores built
by hand: the extracted metadata is given, so these tests check the aggregation, not extraction."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.models import Announcement, Person
from kb.store import DocumentStore, StoredDocument

ROOT = Path(__file__).resolve().parent.parent
HUE = "UBND tỉnh Thừa Thiên Huế"


def _doc(doc_id: str, date: str, people: list[tuple[str, str | None]], *, issuer: str | None = None,
         places: tuple[str, ...] = (), text: str = "", doc_type: str = "Thông báo",
         signer: str | None = None) -> Announcement:
    d = dt.date.fromisoformat(date)
    names = " và ".join(f"ông {n}" for n, _ in people)
    return Announcement(
        id=doc_id, title=f"Văn bản {doc_id}", text=text or f"Hôm nay {names} làm việc với các sở, ngành.",
        date=d, year=d.year, issuer=issuer, agencies=[issuer] if issuer else [], places=list(places),
        people=[Person(name=n, role=r) for n, r in people], doc_type=doc_type, signer=signer,
    )


DOCS = [
    _doc("hue-2019", "2019-03-01", [("Phan Ngọc Thọ", "Chủ tịch UBND tỉnh Thừa Thiên Huế")], issuer=HUE,
         signer="Phan Ngọc Thọ"),
    _doc("hue-2020", "2020-06-10", [("Phan Ngọc Thọ", "Chủ tịch UBND tỉnh TT-Huế")], issuer=HUE, signer="Phan Ngọc Thọ"),
    _doc("hue-2018", "2018-04-01", [("Nguyễn Văn Phương", "Phó Chủ tịch UBND tỉnh Thừa Thiên Huế")], issuer=HUE),
    # A bare "tỉnh" takes the document's province (the issuer's).
    _doc("hue-2021a", "2021-05-02", [("Nguyễn Văn Phương", "Chủ tịch UBND tỉnh")], issuer=HUE,
         places=("Thừa Thiên Huế",)),
    _doc("hue-2021b", "2021-11-20", [("Nguyễn Văn Phương", "Chủ tịch Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
                                     ("Phan Ngọc Thọ", "nguyên Chủ tịch UBND tỉnh Thừa Thiên Huế")], issuer=HUE,
         signer="Nguyễn Văn Phương"),
    # One person written with two tone-mark styles and two cases.
    _doc("qn-2020", "2020-01-15", [("Lê Văn Hoà", "Giám đốc Sở Y tế tỉnh Quảng Nam")], issuer="Sở Y tế tỉnh Quảng Nam",
         text="Ông Lê Văn Hoà, Giám đốc Sở Y tế, chủ trì cuộc họp."),
    _doc("qn-2021", "2021-02-03", [("LÊ VĂN HÒA", "Giám đốc Sở Y tế tỉnh Quảng Nam")], issuer="Sở Y tế tỉnh Quảng Nam"),
    # One name, two people: offices in two provinces.
    _doc("bd-2019", "2019-09-09", [("Trần Văn Nam", "Bí thư Tỉnh ủy Bình Dương")]),
    _doc("dl-2020", "2020-10-10", [("Trần Văn Nam", "Giám đốc Sở Tài chính tỉnh Đắk Lắk")]),
]


def build_store(root: Path, docs: list[Announcement] = DOCS) -> Path:
    store = DocumentStore(root / "store.sqlite3")
    store.put_many([StoredDocument(d, [], [], []) for d in docs])
    store.close()
    return root


@pytest.fixture
def kb(tmp_path) -> KnowledgeBase:
    return KnowledgeBase(build_store(tmp_path))


def test_tone_mark_styles_and_case_are_one_person(kb):
    for query in ("Lê Văn Hòa", "le van hoa", "ông LÊ VĂN HOÀ"):
        page = kb.person(query)
        assert page["status"] == "found", query
        assert page["documents"]["total"] == 2
        assert page["roles"] == [{"role": "Giám đốc", "agency": "Sở Y tế tỉnh Quảng Nam",
                                  "office": "Giám đốc Sở Y tế tỉnh Quảng Nam",
                                  "office_key": "giam doc so y te quang nam",
                                  "from": "2020-01-15", "to": "2021-02-03", "documents": 2}]
    assert not kb.person("Lê Văn Hoa")["status"] == "ambiguous"


def test_a_name_with_offices_in_two_provinces_is_two_people(kb):
    page = kb.person("tran van nam")
    assert page["status"] == "ambiguous"
    assert {c["province"] for c in page["candidates"]} == {"Bình Dương", "Đắk Lắk"}
    one = kb.person("Trần Văn Nam", province="Đắk Lắk")
    assert one["status"] == "found" and one["ambiguous"] is True
    assert [r["office"] for r in one["roles"]] == ["Giám đốc Sở Tài chính tỉnh Đắk Lắk"]
    assert [c["province"] for c in one["same_name"]] == ["Bình Dương"]
    # A candidate's id opens that person's page.
    bd = next(c for c in page["candidates"] if c["province"] == "Bình Dương")
    assert kb.person(bd["id"])["roles"][0]["office"] == "Bí thư Tỉnh ủy Bình Dương"


def test_roles_are_spans_newest_first_and_former_mentions_do_not_extend_them(kb):
    phuong = kb.person("Nguyễn Văn Phương")
    assert [(r["office"], r["from"], r["to"], r["documents"]) for r in phuong["roles"]] == [
        ("Chủ tịch UBND tỉnh Thừa Thiên Huế", "2021-05-02", "2021-11-20", 2),
        ("Phó Chủ tịch UBND tỉnh Thừa Thiên Huế", "2018-04-01", "2018-04-01", 1),
    ]
    tho = kb.person("Phan Ngọc Thọ")
    # "nguyên Chủ tịch" in 2021 names a former office: the span ends in 2020.
    assert [(r["from"], r["to"]) for r in tho["roles"]] == [("2019-03-01", "2020-06-10")]
    assert tho["documents"]["total"] == 3
    assert [d["id"] for d in tho["documents"]["items"]] == ["hue-2021b", "hue-2020", "hue-2019"]


def test_person_page_has_timeline_related_people_and_snippets_around_the_name(kb):
    page = kb.person("Lê Văn Hòa")
    assert page["timeline"] == [{"period": "2020-01", "count": 1}, {"period": "2021-02", "count": 1}]
    assert page["related_agencies"] == [{"name": "Sở Y tế tỉnh Quảng Nam", "count": 2}]
    snippet = next(d["snippet"] for d in page["documents"]["items"] if d["id"] == "qn-2020")
    assert "<mark>Lê Văn Hoà</mark>" in snippet
    tho = kb.person("Phan Ngọc Thọ")
    assert [p["name"] for p in tho["related_people"]] == ["Nguyễn Văn Phương"]
    paged = kb.person("Phan Ngọc Thọ", page=2, limit=2)
    assert [d["id"] for d in paged["documents"]["items"]] == ["hue-2019"]


@pytest.mark.parametrize("office", [
    "Chủ tịch UBND tỉnh Thừa Thiên Huế", "Chủ tịch UBND tỉnh TT-Huế", "chu tich ubnd tinh thua thien hue",
    "Chủ tịch Ủy ban nhân dân tỉnh Thừa Thiên - Huế", "CHỦ TỊCH UBND TỈNH THỪA THIÊN HUẾ",
])
def test_office_holder_is_matched_on_the_canonical_form(kb, office):
    answer = kb.who(office, year=2021)
    assert answer["status"] == "found"
    assert [(h["name"], h["from"], h["to"]) for h in answer["holders"]] == [
        ("Nguyễn Văn Phương", "2021-05-02", "2021-11-20")]
    assert [d["id"] for d in answer["holders"][0]["documents"]] == ["hue-2021b", "hue-2021a"]


def test_office_holder_by_year_and_over_all_years(kb):
    assert [h["name"] for h in kb.who("Chủ tịch UBND tỉnh Thừa Thiên Huế", year=2020)["holders"]] == ["Phan Ngọc Thọ"]
    assert [h["name"] for h in kb.who("Chủ tịch UBND tỉnh Thừa Thiên Huế")["holders"]] == [
        "Nguyễn Văn Phương", "Phan Ngọc Thọ"]
    # A deputy is another office.
    assert [h["name"] for h in kb.who("Phó Chủ tịch UBND tỉnh Thừa Thiên Huế")["holders"]] == ["Nguyễn Văn Phương"]
    assert kb.who("Chủ tịch UBND tỉnh Thừa Thiên Huế", year=2016)["status"] == "none_in_period"
    missing = kb.who("Chủ tịch UBND tỉnh Quảng Nam")
    assert missing["status"] == "not_found" and missing["holders"] == []


def test_agency_page_counts_documents_and_lists_office_holders(kb):
    page = kb.agency("ubnd tinh tt-hue")
    assert page["status"] == "found" and page["name"] == HUE
    assert page["issued"] == 5 and page["mentioned"] == 0
    assert [(r["role"], r["person"], r["from"], r["to"]) for r in page["office_holders"]] == [
        ("Chủ tịch UBND tỉnh Thừa Thiên Huế", "Nguyễn Văn Phương", "2021-05-02", "2021-11-20"),
        ("Chủ tịch UBND tỉnh Thừa Thiên Huế", "Phan Ngọc Thọ", "2019-03-01", "2020-06-10"),
        ("Phó Chủ tịch UBND tỉnh Thừa Thiên Huế", "Nguyễn Văn Phương", "2018-04-01", "2018-04-01"),
    ]
    # Signers are the names in the signature blocks of what it issued, not everyone those documents name
    # (hue-2021b, signed by Nguyễn Văn Phương, also names his predecessor).
    assert [(s["person"], s["documents"]) for s in page["signers"]] == [("Phan Ngọc Thọ", 2), ("Nguyễn Văn Phương", 1)]
    assert {(r["year"], r["count"]) for r in page["doc_types_by_year"]} == {(2018, 1), (2019, 1), (2020, 1), (2021, 2)}
    assert kb.agency("Bộ Ngoại giao")["status"] == "not_found"


def test_a_new_document_is_seen_without_any_rebuild_command(tmp_path):
    build_store(tmp_path)
    kb = KnowledgeBase(tmp_path)
    assert kb.who("Chủ tịch UBND tỉnh Thừa Thiên Huế", year=2022)["status"] == "none_in_period"
    kb.store.put_many([StoredDocument(
        _doc("hue-2022", "2022-03-03", [("Nguyễn Văn Phương", "Chủ tịch UBND tỉnh Thừa Thiên Huế")], issuer=HUE),
        [], [], [])])
    assert [h["name"] for h in kb.who("Chủ tịch UBND tỉnh Thừa Thiên Huế", year=2022)["holders"]] == [
        "Nguyễn Văn Phương"]
    # A new process reads the catalog from the cache file written for this data version.
    from kb.entities import catalog

    assert (tmp_path / catalog.CACHE_FILE).exists()
    catalog._MEMORY.clear()
    again = KnowledgeBase(tmp_path)
    assert again.person("Nguyễn Văn Phương")["roles"][0]["to"] == "2022-03-03"


def test_a_damaged_cache_file_is_rebuilt_not_trusted(tmp_path):
    from kb.entities import catalog

    kb = KnowledgeBase(build_store(tmp_path))
    assert kb.person("Lê Văn Hòa")["status"] == "found"
    (tmp_path / catalog.CACHE_FILE).write_bytes(b"not a pickle")
    catalog._MEMORY.clear()
    assert KnowledgeBase(tmp_path).person("Lê Văn Hòa")["documents"]["total"] == 2


def run_kb(index: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_person_agency_who_json_shape_and_exit_codes(tmp_path):
    build_store(tmp_path)
    r = run_kb(tmp_path, "person", "le van hoa", "--json")
    assert r.returncode == 0, r.stderr
    page = json.loads(r.stdout)
    assert r.stdout.count("\n") == 1
    assert set(page["roles"][0]) >= {"role", "agency", "from", "to", "documents"}
    assert page["documents"]["items"][0]["id"] == "qn-2021"

    r = run_kb(tmp_path, "person", "Trần Văn Nam", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["status"] == "ambiguous"
    r = run_kb(tmp_path, "person", "Trần Văn Nam")
    assert "nhiều người" in r.stdout and "Bình Dương" in r.stdout

    r = run_kb(tmp_path, "who", "Chủ tịch UBND tỉnh TT-Huế", "--year", "2021", "--json")
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert [h["name"] for h in answer["holders"]] == ["Nguyễn Văn Phương"]
    assert set(answer["holders"][0]) >= {"name", "from", "to", "documents"}

    r = run_kb(tmp_path, "agency", "UBND tỉnh Thừa Thiên Huế", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["issued"] == 5

    assert run_kb(tmp_path, "person", "Không Có Ai", "--json").returncode == 1
    assert run_kb(tmp_path, "who", "Chủ tịch UBND tỉnh Quảng Nam").returncode == 1
    bad = run_kb(tmp_path, "who", "Chủ tịch", "--year", "21")
    assert bad.returncode == 2 and "năm" in bad.stderr
    # The global option after the command, as for the other commands.
    r = subprocess.run([sys.executable, "-m", "kb.cli", "who", "Chủ tịch UBND tỉnh TT-Huế", "--index", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "Nguyễn Văn Phương" in r.stdout


def test_a_late_or_former_holder_and_an_unsure_province_do_not_make_an_office_holder(tmp_path):
    kb = KnowledgeBase(build_store(tmp_path, [
        _doc("dn-1", "2017-05-01", [("Nguyễn Bá Thanh", "cố Bí thư Thành ủy Đà Nẵng")]),
        _doc("dn-2", "2017-06-01", [("Nguyễn Xuân Anh", "Bí thư Thành ủy Đà Nẵng")]),
        # A bare "Bí thư Thành ủy" in an article naming two cities: which city is not sure.
        _doc("hn-1", "2017-01-01", [("Đinh La Thăng", "Bí thư Thành ủy")], places=("Hà Nội", "Hồ Chí Minh")),
        _doc("hn-2", "2017-02-01", [("Hoàng Trung Hải", "Bí thư Thành ủy")], places=("Hà Nội",)),
    ]))
    assert [h["name"] for h in kb.who("Bí thư Thành ủy Đà Nẵng")["holders"]] == ["Nguyễn Xuân Anh"]
    assert [h["name"] for h in kb.who("Bí thư Thành ủy Hà Nội")["holders"]] == ["Hoàng Trung Hải"]


def test_the_document_a_chip_was_read_in_settles_a_shared_name(kb):
    page = kb.person("Trần Văn Nam", in_document="bd-2019")
    assert page["status"] == "found" and page["province"] == "Bình Dương"
    # A document naming neither candidate leaves the name ambiguous.
    assert kb.person("Trần Văn Nam", in_document="hue-2019")["status"] == "ambiguous"


def test_i_and_y_spellings_of_one_name_are_one_person(tmp_path):
    docs = [
        _doc("ls-2019", "2019-05-01", [("Lý Văn Sỹ", "Phó Giám đốc Sở Xây dựng tỉnh Lạng Sơn")]),
        _doc("ls-2020", "2020-05-01", [("Lí Văn Sĩ", "Phó Giám đốc Sở Xây dựng tỉnh Lạng Sơn")]),
        _doc("hn-2020", "2020-06-01", [("Trần Văn Huy", None)]),
        _doc("hn-2021", "2021-06-01", [("Trần Văn Hui", None)]),  # "uy" is not "ui": two names
    ]
    kb = KnowledgeBase(build_store(tmp_path, docs))
    for query in ("Lý Văn Sỹ", "Lí Văn Sĩ", "ly van sy", "li van si"):
        page = kb.person(query)
        assert page["status"] == "found", query
        assert page["documents"]["total"] == 2, query
    assert kb.person("Trần Văn Huy")["documents"]["total"] == 1


def test_signers_of_the_sample_corpus_come_from_signature_blocks(corpus_kb):
    assert corpus_kb.get("qd-2891-thua-thien-hue-2019-bo-nhiem-giam-doc-so-y-te").signer == "Hồ Đăng Khôi"
    page = corpus_kb.agency("UBND tỉnh Thừa Thiên Huế")
    signers = {s["person"]: s["documents"] for s in page["signers"]}
    assert signers.get("Hồ Đăng Khôi") == 1
    # The counts add up to the documents it issued that carry a signature block, by an independent count.
    signed = [a for a in corpus_kb.store.iter_announcements() if a.issuer == page["name"] and a.signer]
    assert sum(signers.values()) == len(signed) >= 2
    out = run_kb(corpus_kb.root, "agency", "UBND tỉnh Thừa Thiên Huế")
    assert "Người ký văn bản ban hành: " in out.stdout and "Hồ Đăng Khôi (1)" in out.stdout
