"""The in-memory segment writer must produce the index Whoosh's own writer produces."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as windex

from kb.ingest.pipeline import iter_input_files, iter_records
from kb.ingest.prepare import normalise, prepare
from kb.search import writer as iw
from kb.search.whoosh_compat import FastSegmentWriter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus_fields() -> list[dict]:
    docs = []
    for rec in iter_records(iter_input_files([ROOT / "corpus"])):
        n = normalise(rec)
        docs.append(iw.index_fields(prepare(n)))
    # A long document: terms with more than one posting block need many documents, so repeat the
    # corpus with new ids (300+ documents: "ubnd" and friends span several 128-posting blocks).
    extra = []
    for copy in range(6):
        for d in docs:
            extra.append({**d, "id": f"{d['id']}-copy{copy}"})
    # Odd values: empty text views, no facets, a lone URL/e-mail/number, uppercase, "_" runs.
    extra.append({**docs[0], "id": "odd-1", "w": "", "s": "", "agency": "", "person": ""})
    extra.append({**docs[1], "id": "odd-2", "w": "www.((  a@b.vn 1673/QĐ-UBND __x_ ĐẮK_LẮK", "s": "ĐẮK LẮK 12,5%"})
    return docs + extra


def _new_index(tmp_path: Path, name: str):
    root = tmp_path / name
    root.mkdir()
    gen = iw._new_generation_dir(root)
    return windex.open_dir(str(gen), indexname=iw.INDEX_NAME)


def _dump(ix) -> dict:
    """Everything a reader can tell about an index, in docnum order."""
    out: dict = {}
    with ix.searcher() as s:
        r = s.reader()
        n = r.doc_count_all()
        out["n"] = n
        out["stored"] = list(r.all_stored_fields())
        names = [f for f in ix.schema.names() if ix.schema[f].indexed]
        for f in names:
            out[f"field_length:{f}"] = r.field_length(f)
            out[f"doc_lengths:{f}"] = [r.doc_field_length(d, f) for d in range(n)]
            if r.has_column(f):
                out[f"column:{f}"] = list(r.column_reader(f))
        terms = {}
        for field, text in r.all_terms():
            info = r.term_info(field, text)
            m = r.postings(field, text)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            terms[(field, text)] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                    info.max_weight(), info.min_id(), info.max_id(), postings)
        out["terms"] = terms
    return out


def _assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key == "terms":
            assert a[key].keys() == b[key].keys()
            for term in a[key]:
                assert a[key][term] == b[key][term], term
        else:
            assert a[key] == b[key], key


def test_same_index_as_whoosh_writer(tmp_path, corpus_fields):
    ref = _new_index(tmp_path, "whoosh")
    w = ref.writer(compound=False)
    for d in corpus_fields:
        w.add_document(**d)
    w.commit()
    fast = _new_index(tmp_path, "fast")
    w = FastSegmentWriter(fast, compound=False)
    for d in corpus_fields:
        w.add_document(**d)
    w.commit()
    expected = _dump(ref)
    assert expected["n"] == len(corpus_fields)
    # Terms with several posting blocks are part of the comparison.
    assert max(len(t[-1]) for t in expected["terms"].values()) > 128
    _assert_same(expected, _dump(fast))


def test_segments_rolled_over_and_merged_read_the_same(tmp_path, corpus_fields):
    docs = corpus_fields[:120]
    # Reference: Whoosh's writer, three segments merged by Whoosh. (A merge re-reads field
    # lengths through their one-byte encoding, so the merged totals differ from a direct build.)
    ref = _new_index(tmp_path, "whoosh")
    for part in (docs[:40], docs[40:80], docs[80:]):
        w = ref.writer(compound=False)
        for d in part:
            w.add_document(**d)
        w.commit(merge=False)
    ref.writer(compound=False).commit(optimize=True)
    # A small posting budget makes the writer cut several segments.
    rolled = _new_index(tmp_path, "rolled")
    w = FastSegmentWriter(rolled, compound=False, max_postings=5000)
    for d in docs:
        w.add_document(**d)
    w.commit()
    assert len(rolled._segments()) > 2
    # Merging them (through the writer's in-memory pool, via Whoosh's add_reader) gives one
    # segment equal to Whoosh's.
    w = FastSegmentWriter(rolled, compound=False)
    w.commit(optimize=True)
    assert len(rolled._segments()) == 1
    _assert_same(_dump(ref), _dump(rolled))


def test_update_document_replaces_and_search_works(tmp_path, corpus_fields):
    from whoosh import query as wq

    ix = _new_index(tmp_path, "upd")
    w = FastSegmentWriter(ix, compound=False)
    for d in corpus_fields[:20]:
        w.add_document(**d)
    w.commit()
    changed = {**corpus_fields[3], "w": "nội_dung về kỳ_lân vàng", "s": "nội dung về kỳ lân vàng"}
    w = FastSegmentWriter(ix, compound=False)
    w.update_document(**changed)
    w.commit()
    with ix.searcher() as s:
        assert s.doc_count() == 20
        hits = s.search(wq.Term("w", "kỳ_lân"))
        assert [h["id"] for h in hits] == [changed["id"]]
        phrase = s.search(wq.Phrase("s", ["về", "kỳ", "lân"]))
        assert [h["id"] for h in phrase] == [changed["id"]]
        # The old version of that document is gone.
        assert s.search(wq.Term("id", changed["id"])).scored_length() == 1


def test_cancel_leaves_no_segment_behind(tmp_path, corpus_fields):
    ix = _new_index(tmp_path, "cancel")
    w = FastSegmentWriter(ix, compound=False, max_postings=3000)
    for d in corpus_fields[:60]:
        w.add_document(**d)
    assert w._rolled, "the budget should have cut at least one segment"
    w.cancel()
    assert ix.doc_count_all() == 0
    assert not [f for f in ix.storage.list() if f.endswith((".trm", ".pst", ".seg"))]
