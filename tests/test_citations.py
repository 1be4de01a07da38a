"""Document numbers cited in a text: extraction (type, number, year, issuer; lists and ranges; the
document's own number left out), the store's doc_refs table (links that appear when either document
arrives, older stores migrated), the API and `kb show`."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.citations import document_citations
from kb.extract.references import (
    REFERENCES_VERSION,
    citation_key,
    document_references,
    find_citations,
    is_national,
    is_short_key,
    refers_to,
)
from kb.models import DocumentReference
from kb.store import REFERENCES_KEY, STORE_SCHEMA_VERSION, DocumentStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LABELS = ROOT / "bench" / "citations_dev.jsonl"


def numbers(text: str, **kw) -> list[str]:
    return [c.doc_number for c in find_citations(text, **kw)]


def only(text: str, **kw) -> DocumentReference:
    found = find_citations(text, **kw)
    assert len(found) == 1, [c.doc_number for c in found]
    return found[0]


# -- extraction ------------------------------------------------------------------------------------------
def test_decision_with_date_and_issuer_gives_type_number_year_and_issuer():
    c = only("Thực hiện theo Quyết định số 1673/QĐ-UBND ngày 12/5/2023 của UBND tỉnh Quảng Nam về việc thành lập "
             "Tổ công tác.")
    assert (c.doc_number, c.doc_type, c.year, c.issuer) == ("1673/QĐ-UBND", "Quyết định", 2023, "UBND tỉnh Quảng Nam")
    assert c.place == "Quảng Nam"  # the issuer names the province the local number belongs to


def test_year_comes_from_the_number_or_from_the_written_date():
    assert only("Căn cứ Nghị định 15/2020/NĐ-CP quy định xử phạt").year == 2020
    c = only("Thực hiện Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "
             "Chương trình Chuyển đổi số quốc gia")
    assert (c.year, c.issuer, c.doc_type) == (2020, "Thủ tướng Chính phủ", "Quyết định")
    assert only("Quyết định 1313/QĐ-BYT của Bộ Y tế ban hành ngày 22/4/2013 về việc hướng dẫn").year == 2013
    # A date the decision takes effect is not the decision's date.
    assert only("Quyết định số 578/QĐ-UBND về việc thu hồi đất có hiệu lực từ ngày 28/6/2017.").year is None


def test_circular_letter_and_party_numbers_get_their_types():
    assert only("Căn cứ Thông tư số 01/2021/TT-BNV của Bộ Nội vụ").doc_type == "Thông tư"
    letter = only("Theo Công văn 123/UBND-KT của UBND tỉnh Lâm Đồng")
    assert (letter.doc_number, letter.doc_type) == ("123/UBND-KT", "Công văn")
    party = only("theo tinh thần Chỉ thị số 18-CT/TU của Ban Thường vụ Tỉnh ủy")
    assert (party.doc_number, party.doc_type, party.issuer) == ("18-CT/TU", "Chỉ thị", "Ban Thường vụ Tỉnh ủy")
    # The kind the text names wins over a code that is no type ("28-CQ/TW" is a slip for a resolution).
    assert only("theo tinh thần Nghị quyết số 28-CQ/TW về Chiến lược").doc_type == "Nghị quyết"
    assert only("Luật Đất đai số 45/2013/QH13 ngày 29/11/2013").doc_type == "Luật"


@pytest.mark.parametrize("written", [
    "Quyết định số 1673/QĐ-UBND", "Quyết định số: 1673/QĐ-UBND", "Quyết định 1673/QĐ-UBND",
    "Quyết định số 1673/QD-UBND", "quyết định số 1673 / QĐ - UBND", "Quyết định số 01673/QĐ-UBND",
])
def test_so_and_spelling_variants_give_one_key(written):
    assert only(f"Thực hiện {written} của UBND tỉnh.").key == citation_key("1673/QĐ-UBND") == "1673/QD-UBND"


def test_key_ignores_case_so_and_d_for_dj():
    assert citation_key("Số 1673/qd-ubnd") == citation_key("1673/QĐ-UBND")
    assert citation_key("15/2020/nđ-cp") == citation_key("15/2020/NĐ-CP") == "15/2020/ND-CP"
    assert citation_key("1673/QĐ-UBND") != citation_key("1674/QĐ-UBND")


def test_lists_and_ranges_of_numbers_are_each_cited():
    assert numbers("các Quyết định số 1673, 1674 và 1675/QĐ-UBND của UBND tỉnh") == [
        "1673/QĐ-UBND", "1674/QĐ-UBND", "1675/QĐ-UBND"]
    assert numbers("từ Quyết định số 101 đến 104/QĐ-UBND") == ["101/QĐ-UBND", "102/QĐ-UBND", "103/QĐ-UBND",
                                                               "104/QĐ-UBND"]
    assert numbers("các Quyết định từ số 101/QĐ-UBND đến số 103/QĐ-UBND") == ["101/QĐ-UBND", "102/QĐ-UBND",
                                                                              "103/QĐ-UBND"]
    assert numbers("hai Quyết định số 578/QĐ-UBND và 579/QĐ-UBND") == ["578/QĐ-UBND", "579/QĐ-UBND"]
    # A wide range is not expanded into hundreds of numbers: its ends are kept.
    assert numbers("Quyết định số 1 đến 900/QĐ-UBND") == ["1/QĐ-UBND", "900/QĐ-UBND"]


def test_header_number_is_the_document_itself_and_body_citations_are_kept():
    text = (
        "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NAM\n\n"
        "Số: 14/2019/QĐ-UBND            Quảng Nam, ngày 17 tháng 5 năm 2019\n\nQUYẾT ĐỊNH\n\n"
        "Căn cứ Nghị định số 158/2016/NĐ-CP ngày 29 tháng 11 năm 2016 của Chính phủ quy định chi tiết;\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n\n"
        "QUY CHẾ\n(Ban hành kèm theo Quyết định số 14/2019/QĐ-UBND ngày 17 tháng 5 năm 2019 của UBND tỉnh Quảng Nam)\n"
    )
    # Without being told its own number, the "Số:" line names it.
    assert numbers(text) == ["158/2016/NĐ-CP"]
    assert numbers(text, own_number="14/2019/QĐ-UBND") == ["158/2016/NĐ-CP"]


def test_a_document_citing_itself_in_another_spelling_is_not_a_citation():
    text = "Quyết định 1673/QD-UBND về việc thành lập Tổ công tác. Quyết định số 1673/QĐ-UBND có hiệu lực từ ngày ký."
    assert numbers(text, own_number="1673/QĐ-UBND") == []
    assert numbers(text) == ["1673/QD-UBND"] or numbers(text) == ["1673/QĐ-UBND"]


@pytest.mark.parametrize("text", [
    "trực ban 24/24 giờ", "đã hoàn thành 43/46 nhiệm vụ", "ngày 12/5/2023", "đường 3/2, phường 15",
    "tàu 5-Jacob/Poseidon", "tổ 5/KP3 phường Tân Định", "Ảnh: Doãn Tấn/TTXVN", "COVID-19",
    "giấy thông hành số H0126481",
])
def test_ratios_dates_addresses_and_names_are_not_document_numbers(text):
    assert numbers(text) == []


def test_repeated_citation_is_listed_once_with_what_any_mention_writes():
    text = ("Căn cứ Nghị định số 116/2016/NĐ-CP. Mức hỗ trợ đã quy định tại Nghị định số 116/2016/NĐ-CP "
            "ngày 18 tháng 7 năm 2016 của Chính phủ.")
    c = only(text)
    assert (c.year, c.issuer) == (2016, "Chính phủ")


def test_national_numbers_have_no_province_and_local_ones_take_the_citing_document_s():
    assert is_national("15/2020/NĐ-CP") and is_national("54-NQ/TW") and is_national("01/2021/TT-BNV")
    assert not is_national("1673/QĐ-UBND") and not is_national("18-CT/TU") and not is_national("145/TB-BQLDA")
    found = find_citations("Căn cứ Nghị định 15/2020/NĐ-CP và Quyết định số 1673/QĐ-UBND.", home="Quảng Nam")
    assert [(c.doc_number, c.place) for c in found] == [("15/2020/NĐ-CP", None), ("1673/QĐ-UBND", "Quảng Nam")]


def test_a_citation_refers_to_a_document_only_if_year_and_province_agree():
    own = DocumentReference(doc_number="1673/QĐ-UBND", key="1673/QD-UBND", year=2022, place="Quảng Nam", own=True)
    cite = DocumentReference(doc_number="1673/QĐ-UBND", key="1673/QD-UBND")
    assert refers_to(cite, own)
    assert refers_to(cite.model_copy(update={"year": 2022, "place": "Quảng Nam"}), own)
    assert not refers_to(cite.model_copy(update={"year": 2021}), own)
    assert not refers_to(cite.model_copy(update={"place": "Nghệ An"}), own)
    assert not refers_to(cite.model_copy(update={"key": "1674/QD-UBND"}), own)


def short(text: str, **kw) -> list[tuple]:
    return [(c.doc_type, c.doc_number, c.year, c.issuer) for c in find_citations(text, **kw) if is_short_key(c.key)]


def test_short_references_give_type_number_year_and_issuer():
    assert short("chưa phù hợp quy định tại Điều 6 Quyết định số 652 của NHNN ngày 17/5/2001, về việc ban hành") == [
        ("Quyết định", "652", 2001, "NHNN")]
    assert short("Chính phủ đã ban hành Nghị định số 03/2017 về kinh doanh casino") == [
        ("Nghị định", "03", 2017, None)]
    assert short("theo tinh thần Chỉ thị 05 của Bộ Chính trị khóa XII về đẩy mạnh") == [
        ("Chỉ thị", "05", None, "Bộ Chính trị khóa XII")]
    assert short("theo Kế hoạch số 08 của Ủy ban ATGT quốc gia triển khai Năm ATGT") == [
        ("Kế hoạch", "08", None, "Ủy ban ATGT quốc gia")]
    assert short("đã dựa vào công văn số 2916 của Cục Cảnh sát giao thông") == [
        ("Công văn", "2916", None, "Cục Cảnh sát giao thông")]
    assert short("triển khai Quyết định 935, 936 tại các quận") == [
        ("Quyết định", "935", None, None), ("Quyết định", "936", None, None)]
    # Keys: type and number, leading zeros dropped; apart from full numbers' keys.
    assert [c.key for c in find_citations("Nghị định 116, Nghị định 64 và Chỉ thị số 05")] == [
        "ND#116", "ND#64", "CT#5"]


def test_a_short_reference_to_a_number_written_in_full_is_not_listed_twice():
    text = ("theo nghị định 163/2006/NĐ-CP ngày 29/12/2006 về giao dịch bảo đảm. Như quy định tại Nghị định 163 "
            "thì các ngân hàng sẽ gặp khó.")
    assert numbers(text) == ["163/2006/NĐ-CP"]
    # The document's own number read short is no citation of itself either.
    assert short("Quyết định số 1673 có hiệu lực kể từ ngày ký.", own_number="1673/QĐ-UBND") == []


@pytest.mark.parametrize("text", [
    "Ủy ban Thường vụ Quốc hội đã trình Quốc hội quyết định 4 nhóm vấn đề",  # "quyết định" the verb
    "Năm 2017 là năm thứ 2 của kế hoạch 5 năm 2016-2020",
    "Hình thức cắt điện: KẾ HOẠCH 42 13:30 16:00",
    "căn cứ vào điều 17.1 Luật 12 của bóng đá",  # the Laws of the Game, not a law by number
    "Nghị quyết 2017 của Đại hội",  # a year
    "Chỉ thị 05 tháng qua chưa được thực hiện",  # a unit after the number
    "Quyết định số 1673/QĐ-UBND và Nghị định 15/2020/NĐ-CP",  # full numbers only
])
def test_verbs_plans_tables_and_years_are_not_short_references(text):
    assert short(text) == []


def test_a_short_reference_links_only_to_one_document_of_its_level_and_province():
    local = DocumentReference(doc_number="33/QĐ-UBND", key="QD#33", doc_type="Quyết định", place="Hồ Chí Minh",
                              own=True)
    national = DocumentReference(doc_number="48/QĐ-TTg", key="QD#48", doc_type="Quyết định", own=True)
    cite = DocumentReference(doc_number="33", key="QD#33", doc_type="Quyết định", place="Hồ Chí Minh")
    assert refers_to(cite, local)
    assert not refers_to(cite.model_copy(update={"place": "Nghệ An"}), local)
    # A short reference read as national (its issuer is a national body) needs a national document.
    assert not refers_to(cite.model_copy(update={"place": None}), local)
    assert refers_to(cite.model_copy(update={"key": "QD#48", "doc_number": "48", "place": None}), national)
    # Unlike a full number, a province the target lacks does not leave the door open.
    assert not refers_to(cite, local.model_copy(update={"place": None}))


def test_labelled_set_has_both_parts_and_at_least_sixty_documents():
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60 and len({r["id"] for r in rows}) == len(rows)
    tune = [r for r in rows if r["part"] == "tune"]
    assert 0 < len(tune) <= 40 and len(rows) - len(tune) >= 20
    for r in rows:  # news is labelled by id and number only: no article text in the repository
        assert set(r) <= {"id", "source", "path", "part", "cites", "short"}
        assert all(set(c) == {"doc_number", "doc_type", "year"} for c in r["cites"])


def test_corpus_labels_are_met_by_the_extractor():
    """The corpus part of the labelled set (the shared news needs /work/shared; see bench/citations_eval.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from citations_eval import load_labels, load_texts, score
    finally:
        sys.path.remove(str(ROOT / "bench"))
    labels = [r for r in load_labels(LABELS) if r["source"] == "corpus"]
    result = score(labels, load_texts(labels))
    assert result["documents"] == len(labels) >= 30
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result


# -- store and API ---------------------------------------------------------------------------------------
CITED = (
    "Quyết định 1673/QĐ-UBND về việc thành lập Tổ công tác\n\n"
    "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NAM             "
    "Độc lập - Tự do - Hạnh phúc\n\nSố: 1673/QĐ-UBND                Quảng Nam, ngày 15 tháng 3 năm 2022\n\n"
    "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác tháo gỡ vướng mắc giải phóng mặt bằng\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM\n\nĐiều 1. Thành lập Tổ công tác tháo gỡ vướng mắc.\n"
)
CITING = (
    "Thông báo 402/TB-STNMT kết quả kiểm tra\n\n"
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    "      Độc lập - Tự do - Hạnh phúc\n\nSố: 402/TB-STNMT                   Quảng Nam, ngày 14 tháng 6 năm 2022\n\n"
    "THÔNG BÁO\nKết quả kiểm tra\n\nThực hiện Quyết định số 1673/QĐ-UBND ngày 15/3/2022 của UBND tỉnh Quảng Nam "
    "về việc thành lập Tổ công tác, Sở Tài nguyên và Môi trường thông báo kết quả như sau.\n"
)
OTHER_PROVINCE = (
    "Quyết định 1673/QĐ-UBND về việc phê duyệt kế hoạch\n\n"
    "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NGHỆ AN             "
    "Độc lập - Tự do - Hạnh phúc\n\nSố: 1673/QĐ-UBND                Nghệ An, ngày 02 tháng 6 năm 2022\n\n"
    "QUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\n\nĐiều 1. Phê duyệt kế hoạch.\n"
)


def _ingest(kb: KnowledgeBase, name: str, text: str) -> str:
    report = kb.ingest_bytes(name, text.encode())
    assert report.count("added") + report.count("updated") == 1, report.items
    return report.items[0].id


def test_cited_by_appears_when_the_cited_document_arrives_later_without_reindex(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb")
    citing = _ingest(kb, "tb-402.txt", CITING)
    before = kb.citations(citing)
    assert [(c.doc_number, c.doc_type, c.year, c.id) for c in before.cites] == [
        ("1673/QĐ-UBND", "Quyết định", 2022, None)]
    cited = _ingest(kb, "qd-1673.txt", CITED)
    assert kb.citations(citing).cites[0].id == cited
    assert kb.citations(citing).cites[0].title.startswith("Quyết định 1673/QĐ-UBND")
    assert [d.id for d in kb.citations(cited).cited_by] == [citing]
    assert kb.citations(cited).cites == []  # its own number in title and header is no citation
    # The same number issued in another province is not the cited document, and is not cited by it.
    other = _ingest(kb, "qd-1673-nghe-an.txt", OTHER_PROVINCE)
    assert kb.citations(citing).cites[0].id == cited
    assert kb.citations(other).cited_by == []
    # Deleting the citing document removes the link.
    assert kb.delete(citing)
    assert kb.citations(cited).cited_by == []
    assert kb.citations(citing) is None


NEWS_SHORT = (
    "Tổ công tác tháo gỡ vướng mắc bắt đầu làm việc\n\n"
    "Theo Quyết định số 1673 của UBND tỉnh Quảng Nam, Tổ công tác có nhiệm vụ tháo gỡ vướng mắc về mặt bằng "
    "cho các dự án trên địa bàn tỉnh Quảng Nam.\n"
)


def test_a_short_reference_links_when_one_document_of_the_province_fits(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb")
    news = _ingest(kb, "tin.txt", NEWS_SHORT)
    assert [(c.doc_number, c.doc_type, c.issuer, c.id) for c in kb.citations(news).cites] == [
        ("1673", "Quyết định", "UBND tỉnh Quảng Nam", None)]
    cited = _ingest(kb, "qd-1673.txt", CITED)
    assert kb.citations(news).cites[0].id == cited
    assert [d.id for d in kb.citations(cited).cited_by] == [news]
    # Another province's 1673/QĐ-UBND does not fit "của UBND tỉnh Quảng Nam".
    other = _ingest(kb, "qd-1673-nghe-an.txt", OTHER_PROVINCE)
    assert kb.citations(other).cited_by == [] and kb.citations(news).cites[0].id == cited


def test_a_short_reference_that_fits_two_documents_links_neither(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb")
    cited = _ingest(kb, "qd-1673.txt", CITED)
    twin = _ingest(kb, "qd-1673-2023.txt", CITED.replace("1673/QĐ-UBND", "1673/QĐ-UBND-2")
                   .replace("tháo gỡ", "rà soát").replace("2022", "2023"))
    news = _ingest(kb, "tin.txt", NEWS_SHORT)
    assert kb.citations(news).cites[0].id is None
    assert kb.citations(cited).cited_by == [] and kb.citations(twin).cited_by == []


def test_citing_document_added_after_the_cited_one_links_both_ways(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb")
    cited = _ingest(kb, "qd-1673.txt", CITED)
    assert kb.citations(cited).cited_by == []
    citing = _ingest(kb, "tb-402.txt", CITING)
    assert [d.id for d in kb.citations(cited).cited_by] == [citing]
    assert kb.citations(citing).cites[0].id == cited


def _make_old_layout(store_path: Path) -> None:
    """The store as version 1 wrote it: no doc_refs table, no record of reference rules."""
    with sqlite3.connect(store_path) as conn:
        conn.execute("DROP TABLE doc_refs")
        conn.execute("DELETE FROM meta WHERE key=?", (REFERENCES_KEY,))
        conn.execute("UPDATE meta SET value='1' WHERE key='store_schema'")


def _old_store_copy(corpus_kb_dir: Path, dest: Path) -> Path:
    shutil.copytree(corpus_kb_dir, dest, symlinks=True, ignore=shutil.ignore_patterns("write.lock"))
    _make_old_layout(dest / "store.sqlite3")
    return dest


def test_store_of_the_older_layout_is_migrated_on_open(corpus_kb_dir, tmp_path):
    root = _old_store_copy(corpus_kb_dir, tmp_path / "old")
    kb = KnowledgeBase(root)
    assert kb.store.get_meta("store_schema") == str(STORE_SCHEMA_VERSION)
    assert kb.store.get_meta(REFERENCES_KEY) == REFERENCES_VERSION
    found = kb.citations("tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat")
    assert ("14/2019/QĐ-UBND", "qd-14-2019-quang-nam-quy-che-khai-thac-cat") in [(c.doc_number, c.id)
                                                                                 for c in found.cites]
    cited_by = kb.citations("qd-14-2019-quang-nam-quy-che-khai-thac-cat").cited_by
    assert [d.id for d in cited_by] == ["tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"]
    assert kb.verify()["missing"] == []


def test_read_only_store_of_the_older_layout_answers_from_the_texts(corpus_kb_dir, tmp_path):
    root = _old_store_copy(corpus_kb_dir, tmp_path / "old")
    store = DocumentStore(root / "store.sqlite3", readonly=True)
    assert not store.has_references_table()
    cited = document_citations(store, "qd-14-2019-quang-nam-quy-che-khai-thac-cat")
    assert [d.id for d in cited.cited_by] == ["tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"]
    citing = document_citations(store, "tin-nghe-an-2022-bi-thu-lam-viec-nganh-giao-duc")
    assert [(c.doc_number, c.id) for c in citing.cites] == [("18-CT/TU", "ct-18-tu-nghe-an-2022-chuyen-doi-so")]
    store.close()


def test_references_made_by_older_rules_are_extracted_again_on_open_and_on_reindex(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    kb.store.set_meta(REFERENCES_KEY, "0")
    with sqlite3.connect(kb.store.path) as conn:
        conn.execute("DELETE FROM doc_refs")
    reopened = KnowledgeBase(kb.root)
    assert reopened.store.get_meta(REFERENCES_KEY) == REFERENCES_VERSION
    assert reopened.citations("ct-18-tu-nghe-an-2022-chuyen-doi-so").cited_by
    with sqlite3.connect(kb.store.path) as conn:
        conn.execute("DELETE FROM doc_refs")
    reopened.reindex()
    assert [d.id for d in reopened.citations("ct-18-tu-nghe-an-2022-chuyen-doi-so").cited_by] == [
        "tin-nghe-an-2022-bi-thu-lam-viec-nganh-giao-duc"]


def test_backup_of_the_older_layout_restores_and_gets_its_citations(copy_of_corpus_kb, tmp_path):
    kb = copy_of_corpus_kb
    backup = kb.backup(tmp_path / "kho.sqlite3")
    _make_old_layout(backup)
    assert kb.restore(backup) >= 40
    assert kb.store.get_meta(REFERENCES_KEY) == REFERENCES_VERSION
    assert [d.id for d in kb.citations("nq-12-2023-hdnd-nghe-an-ho-tro-hoc-sinh-ban-tru").cited_by] == [
        "tcbc-hdnd-nghe-an-2023-ket-qua-ky-hop"]


def test_stored_references_are_what_ingest_extracts(corpus_kb):
    ann = corpus_kb.get("qd-1120-can-tho-2024-cong-bo-tthc-bao-tro-xa-hoi")
    stored = corpus_kb.store.references(ann.id)
    assert stored == document_references(ann)
    assert stored[0].own and stored[0].doc_number == "1120/QĐ-UBND" and stored[0].place == "Cần Thơ"
    # The own number is also kept under its short key, for texts that cite it as "Quyết định số 1120".
    assert stored[1].own and (stored[1].key, stored[1].place) == ("QD#1120", "Cần Thơ")
    assert [r.doc_number for r in stored[2:]] == ["63/2010/NĐ-CP", "92/2017/NĐ-CP", "02/2017/TT-VPCP",
                                                  "436/QĐ-LĐTBXH", "58/TTr-SLĐTBXH"]


def test_corpus_citing_pairs_are_linked(corpus_kb):
    pairs = {
        "tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat": "qd-14-2019-quang-nam-quy-che-khai-thac-cat",
        "tcbc-hdnd-nghe-an-2023-ket-qua-ky-hop": "nq-12-2023-hdnd-nghe-an-ho-tro-hoc-sinh-ban-tru",
        "tin-nghe-an-2022-bi-thu-lam-viec-nganh-giao-duc": "ct-18-tu-nghe-an-2022-chuyen-doi-so",
        "tin-lam-dong-2023-hoi-nghi-phat-trien-du-lich": "cv-2345-lam-dong-2023-an-toan-du-lich-mua-mua",
    }
    for citing, cited in pairs.items():
        assert cited in [c.id for c in corpus_kb.citations(citing).cites], citing
        assert citing in [d.id for d in corpus_kb.citations(cited).cited_by], cited
    # National documents the corpus cites are not in it: listed, not linked.
    ttr = corpus_kb.citations("ttr-120-snv-ha-noi-2024-tuyen-dung-cong-chuc")
    assert [c.id for c in ttr.cites] == [None, None, None]


# -- command line ----------------------------------------------------------------------------------------
def _kb_cli(*args: str, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def test_show_json_has_cites_and_cited_by(corpus_kb_dir):
    out = _kb_cli("show", "tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat", "--json", index=corpus_kb_dir)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["cited_by"] == []
    assert doc["cites"][0] == {"doc_number": "14/2019/QĐ-UBND", "doc_type": "Quyết định", "year": 2019,
                               "issuer": "UBND tỉnh", "id": "qd-14-2019-quang-nam-quy-che-khai-thac-cat"}
    assert doc["cites"][1]["doc_number"] == "36/2020/NĐ-CP" and doc["cites"][1]["id"] is None
    assert all(set(c) == {"doc_number", "doc_type", "year", "issuer", "id"} for c in doc["cites"])
    cited = json.loads(_kb_cli("show", "qd-14-2019-quang-nam-quy-che-khai-thac-cat", "--json",
                               index=corpus_kb_dir).stdout)
    assert cited["cited_by"] == ["tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"]


def test_show_text_lists_citations_in_vietnamese(corpus_kb_dir):
    out = _kb_cli("show", "qd-14-2019-quang-nam-quy-che-khai-thac-cat", index=corpus_kb_dir)
    assert out.returncode == 0, out.stderr
    assert "Văn bản được dẫn chiếu:" in out.stdout
    assert "  - Nghị định 158/2016/NĐ-CP (2016, Chính phủ): chưa có trong kho" in out.stdout
    assert "Được dẫn chiếu bởi:\n  - tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat: Thông báo 402/TB-STNMT" in out.stdout


def test_verify_finds_and_repairs_a_citation_table_that_drifted_from_the_texts(corpus_kb_dir, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(corpus_kb_dir, root, symlinks=True, ignore=shutil.ignore_patterns("write.lock"))
    clean = json.loads(_kb_cli_at(root, "verify", "--json").stdout)
    assert clean["references_stale"] == clean["references_extra"] == []

    citing = "tb-402-stnmt-quang-nam-2022-kiem-tra-khai-thac-cat"
    with sqlite3.connect(root / "store.sqlite3") as conn:  # a half-finished write, as a crash could leave
        conn.execute("DELETE FROM doc_refs WHERE doc_id=?", (citing,))
        conn.execute("INSERT INTO doc_refs(doc_id, seq, own, key, doc_number) VALUES ('gone', 0, 0, 'k', '1/QĐ')")
    drifted = _kb_cli_at(root, "verify")
    assert drifted.returncode == 1
    assert "Bảng dẫn chiếu lệch với văn bản: 1 văn bản cần đọc lại, 1 văn bản không còn trong kho." in drifted.stdout
    report = json.loads(_kb_cli_at(root, "verify", "--json").stdout)
    assert (report["references_stale"], report["references_extra"]) == ([citing], ["gone"])
    assert KnowledgeBase(root).citations(citing).cites == []  # what users saw while it drifted

    repaired = _kb_cli_at(root, "verify", "--repair")
    assert repaired.returncode == 0 and "Đã sửa." in repaired.stdout
    assert _kb_cli_at(root, "verify").stdout.strip() == "Kho và chỉ mục khớp nhau."
    cites = KnowledgeBase(root).citations(citing).cites
    assert "qd-14-2019-quang-nam-quy-che-khai-thac-cat" in [c.id for c in cites]


def _kb_cli_at(index: Path, *args: str) -> subprocess.CompletedProcess:
    return _kb_cli(*args, index=index)

