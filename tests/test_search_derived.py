"""What searches derive from an index version (facet columns, lengths, live documents, vocabulary)
is written next to the index when it is written, and a new process reads it instead of walking the
stored documents and terms: same answers, no rebuild; missing, stale or damaged files are rebuilt."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kb.models import SearchRequest
from kb.search import derived
from kb.search import writer as iw
from kb.search.vocab import group_terms, read_terms

QUERIES = ["Chủ tịch UBND tỉnh", "chuyen doi so", "HĐND tỉnh Nghệ An", '"khai thác cát"', "tỉnh year:2022"]


def generation_dir(kb):
    return iw.index_path(kb.root).resolve()


def answers(kb) -> list[tuple]:
    out = []
    for q in QUERIES:
        r = kb.search(SearchRequest(query=q, limit=20))
        out.append((q, r.total, r.total_partial, [h.id for h in r.hits], r.suggestion,
                    {k: [(f.value, f.count) for f in v] for k, v in r.facets.items()}))
    return out


def fresh(kb):
    from kb.api import KnowledgeBase

    return KnowledgeBase(kb.root)


def test_a_write_leaves_the_derived_files_of_the_new_version(copy_of_corpus_kb):
    names = {p.name for p in generation_dir(copy_of_corpus_kb).iterdir()}
    assert any(n.startswith("kb-version-") and n.endswith(".json") for n in names)
    assert any(n.startswith("kb-version-") and n.endswith(".npz") for n in names)
    assert any(n.startswith("kb-vocab-") for n in names)
    assert any(n.startswith("kb-seg-") for n in names)


def test_a_new_process_answers_from_the_files_without_rebuilding(copy_of_corpus_kb, monkeypatch):
    expected = answers(fresh(copy_of_corpus_kb))

    def refuse(*_args, **_kw):
        raise AssertionError("derived data rebuilt although its files exist")

    monkeypatch.setattr(derived, "build_part", refuse)
    monkeypatch.setattr(derived, "join_parts", refuse)
    monkeypatch.setattr(derived, "group_terms", refuse)
    assert answers(fresh(copy_of_corpus_kb)) == expected


def test_files_hold_what_the_reader_holds(copy_of_corpus_kb):
    kb = fresh(copy_of_corpus_kb)
    v, s = kb.engine.searcher()
    reader = s.reader()
    data = kb.engine.version_data_of(v)
    cols = data.columns
    stored = {d: f for d, f in reader.iter_docs()}
    assert [cols.ids[d] for d in sorted(stored)] == [stored[d]["id"] for d in sorted(stored)]
    for d, fields in stored.items():
        facets = json.loads(fields["facets"])
        for f in ("agency", "person", "place", "doc_type", "source"):
            row = cols.vals[f][cols.ptr[f][d] : cols.ptr[f][d + 1]]
            assert [cols.names[f][k] for k in row] == list(dict.fromkeys(facets.get(f) or [])), (d, f)
        assert cols.year[d] == (facets.get("year") or 0)
        for field in ("w", "s"):
            assert data.lengths[field][d] == pytest.approx(reader.doc_field_length(d, field, 0))
    syllables, words = group_terms(*read_terms(reader))
    vocab = kb.engine.vocab_of(v, reader)
    for folded in ("chuyen", "so", "tinh", "uy", "ban", "nghe", "an"):
        assert vocab.syllable_variants(folded) == [
            (form, df / sum(x for _, x in syllables[folded])) for form, df in syllables.get(folded, [])]
    for folded in ("chuyen_doi", "uy_ban", "nhan_dan", "quang_nam"):
        assert [w for w, _ in vocab.word_candidates(folded)] == [w for w, _ in words.get(folded, [])]


def test_an_ingest_adds_parts_for_new_segments_and_drops_the_old_version(copy_of_corpus_kb, tmp_path):
    folder = generation_dir(copy_of_corpus_kb)
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("kb-seg-*")}
    old_versions = {p.name for p in folder.glob("kb-version-*")}
    doc = tmp_path / "moi.json"
    doc.write_text(json.dumps({"id": "moi-1", "title": "Tỉnh Quảng Trị khai trương cầu mới",
                               "text": "UBND tỉnh Quảng Trị khai trương cầu Hiền Lương mới."}, ensure_ascii=False),
                   encoding="utf-8")
    copy_of_corpus_kb.ingest_paths([doc], workers=1)
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("kb-seg-*")}
    kept = set(before) & set(after)
    assert all(before[n] == after[n] for n in kept)  # parts of unchanged segments were not rewritten
    assert set(after) - set(before)  # the new segment has its part
    assert not (old_versions & {p.name for p in folder.glob("kb-version-*")})
    r = fresh(copy_of_corpus_kb).search(SearchRequest(query="cầu Hiền Lương Quảng Trị"))
    assert [h.id for h in r.hits][:1] == ["moi-1"] and r.total == 1


def test_a_deleted_document_is_gone_from_counts_and_facets(copy_of_corpus_kb):
    kb = fresh(copy_of_corpus_kb)
    before = kb.search(SearchRequest(query="chuyển đổi số", limit=50))
    gone = before.hits[0].id
    copy_of_corpus_kb.delete(gone)
    after = fresh(copy_of_corpus_kb).search(SearchRequest(query="chuyển đổi số", limit=50))
    assert gone not in [h.id for h in after.hits]
    assert after.total == before.total - 1
    assert sum(f.count for f in after.facets["year"]) == sum(f.count for f in before.facets["year"]) - 1


def test_missing_or_damaged_files_are_rebuilt(copy_of_corpus_kb):
    expected = answers(fresh(copy_of_corpus_kb))
    folder = generation_dir(copy_of_corpus_kb)
    for p in folder.glob("kb-version-*.json"):
        p.write_text("{not json", encoding="utf-8")
    for p in folder.glob("kb-vocab-*"):
        p.unlink()
    assert answers(fresh(copy_of_corpus_kb)) == expected
    assert all(json.loads(p.read_text(encoding="utf-8"))["format"] == derived.FORMAT
               for p in folder.glob("kb-version-*.json"))


def test_an_index_that_cannot_be_written_is_served_from_memory(copy_of_corpus_kb, monkeypatch):
    expected = answers(fresh(copy_of_corpus_kb))
    folder = generation_dir(copy_of_corpus_kb)
    for p in folder.glob("kb-*"):
        if not p.name.startswith("kb-schema"):
            p.unlink()

    def read_only(*_args, **_kw):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(derived, "_write_atomically", read_only)
    assert answers(fresh(copy_of_corpus_kb)) == expected
    assert not [p for p in folder.glob("kb-*") if not p.name.startswith("kb-schema")]


def test_live_mask_matches_the_reader(copy_of_corpus_kb):
    kb = fresh(copy_of_corpus_kb)
    v, s = kb.engine.searcher()
    data = kb.engine.version_data_of(v)
    expected = np.zeros(s.reader().doc_count_all(), dtype=bool)
    expected[list(s.reader().all_doc_ids())] = True
    assert (data.live == expected).all()
