"""Ranking arithmetic against an independent reference: BM25 (idf, length normalisation, term
frequency saturation) and the coverage and proximity bonuses, on a toy corpus whose documents
are written so that each part of the formula decides the order of two of them.

The reference below is written from the formula, not from the product's code: Okapi BM25 with
the Lucene idf ln(1 + (N - df + 0.5) / (df + 0.5)), k1 = 1.2, b = 0.75, over the word view ("w",
weight 1.0) and the syllable view ("s", weight 0.6) of title x2 + text; then the documented
ranking value (docs/ARCHITECTURE.md, "Search"): BM25 divided by the best BM25, plus 3 x the
rarity-weighted share of query words present, plus the re-ranking evidence (0.6 x share of words
in the title, 1.0 x share of words seen in the text, 0.8 x share of neighbouring query words
standing together, 0.5 when all of them do). The constants are literals on purpose: a changed
constant in the product must fail here.

Term statistics (term frequencies, field lengths, document count) are read from the Whoosh index
with Whoosh's own reader, and the syllable view is checked against a count of our own.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.util.numeric import byte_to_length, length_to_byte

from kb.models import SearchRequest
from kb.search import writer as iw
from kb.text.normalize import fold_accents

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"w": 1.0, "s": 0.6}  # an accented one-syllable word: its pyvi word + its syllable
TITLE_REPEAT = 2
COVERAGE_WEIGHT = 3.0
TITLE_WEIGHT = 0.6
SEEN_WEIGHT = 1.0
PAIR_WEIGHT = 0.8
PHRASE_WEIGHT = 0.5
TOLERANCE = 1e-4  # the product scores in float32

_SYLLABLE = re.compile(r"[^\W\d_][^\W_]*")

_F = [
    "Người dân trong xã được hướng dẫn di chuyển đến nơi an toàn.",
    "Các thôn tổ chức kiểm tra nhà cửa và chuẩn bị lương thực.",
    "Lực lượng dân quân trực tại trụ sở suốt đêm.",
    "Trường học cho học sinh nghỉ để bảo đảm an toàn.",
    "Cán bộ xã thường xuyên báo cáo tình hình lên huyện.",
]

# Query words and what each pair of documents is for:
#   "bão":      len-short (bão x2, short) must beat len-long (bão x3, long)    -> length normalisation
#   "đập kè":   sat-even (đập x3, kè x3) must beat sat-many (đập x8, kè x1)    -> tf saturation
#   "mưa đê":   idf-rare (đê x3, mưa x1) must beat idf-common (đê x1, mưa x4),
#               "mưa" being in almost every document                          -> idf
#   "bão cống": both words beat one; both words side by side beat both apart  -> coverage, proximity
# No title contains a query word; query words never stand next to each other except in cover-near.
TOY_DOCUMENTS = [
    ("len-short", "Tin khẩn cấp ven biển", "Trời mưa to. Tin bão khẩn cấp: bão đang vào gần bờ."),
    (
        "len-long",
        "Thông báo của xã ven biển",
        " ".join(
            [
                _F[0],
                "Trời có mưa.",
                "Chủ tịch xã nhắc về bão.",
                _F[1],
                _F[2],
                "Tàu thuyền tránh bão ngoài khơi.",
                _F[3],
                _F[4],
                "Ngư dân theo dõi tin bão.",
                _F[0],
                _F[1],
            ]
        ),
    ),
    (
        "sat-many",
        "Kiểm tra công trình thủy lợi",
        "Trời mưa nhẹ. Đập chính, đập phụ, đập tràn, đập đất, đập đá, đập tạm, đập mới và đập cũ đều được "
        "kiểm tra. " + _F[2] + " Đoạn kè phía nam cũng được xem xét.",
    ),
    (
        "sat-even",
        "Rà soát công trình ven sông",
        "Trời mưa nhẹ. Đập chính, đập phụ và đập tràn được kiểm tra. "
        + _F[2]
        + " Kè phía bắc, kè phía nam và kè cũ được gia cố.",
    ),
    (
        "idf-rare",
        "Gia cố công trình phòng chống thiên tai",
        "Trời mưa nhẹ suốt buổi sáng hôm qua. Đoạn đê phía bắc được gia cố. "
        + _F[1]
        + " Đê phía nam được đắp cao. Cán bộ tuần tra đê suốt đêm.",
    ),
    (
        "idf-common",
        "Tình hình thời tiết trong tuần",
        "Mưa kéo dài. Trời mưa suốt đêm. "
        + _F[1]
        + " Sáng nay vẫn mưa, chiều lại mưa rất to. Cán bộ xã cho biết đoạn đê phía bắc vẫn an toàn.",
    ),
    (
        "cover-near",
        "Báo cáo nhanh của huyện",
        " ".join([_F[0], _F[1], _F[3], "Sau bão, cống ven sông bị hư hỏng nặng.", _F[4], _F[2]]),
    ),
    (
        "cover-far",
        "Tin nhanh từ các xã",
        "Bão đã đi qua. " + _F[2] + " Người dân được nhắc đóng cống trước khi nước lên.",
    ),
    ("filler-a", "Hướng dẫn người dân", "Trời mưa. " + _F[0] + " " + _F[3]),
    ("filler-b", "Lịch trực của xã", _F[2] + " Chiều nay có mưa. " + _F[4] + " " + _F[1]),
]


# -- the reference ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bm25:
    k1: float = K1
    b: float = B
    with_idf: bool = True

    def idf(self, df: int, n: int) -> float:
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5)) if self.with_idf else 1.0

    def score(self, tf: float, length: float, avg_length: float, df: int, n: int) -> float:
        norm = 1.0 - self.b + self.b * length / avg_length
        return self.idf(df, n) * tf * (self.k1 + 1.0) / (tf + self.k1 * norm)


@dataclass
class IndexStats:
    """What BM25 needs, as Whoosh stores it: document count, field lengths, term frequencies."""

    n: int
    lengths: dict[str, dict[str, int]]  # field -> doc id -> length
    tfs: dict[tuple[str, str], dict[str, int]]  # (field, term) -> doc id -> frequency

    @classmethod
    def read(cls, root: Path, terms: list[str]) -> IndexStats:
        ix = windex.open_dir(str(iw.index_path(root)), indexname=iw.INDEX_NAME)
        with ix.reader() as r:
            ids = {d: r.stored_fields(d)["id"] for d in r.all_doc_ids()}
            lengths = {f: {ids[d]: r.doc_field_length(d, f) for d in ids} for f in FIELD_WEIGHTS}
            tfs = {}
            for f in FIELD_WEIGHTS:
                for t in terms:
                    pairs = r.postings(f, t).items_as("frequency") if (f, t) in r else []
                    tfs[(f, t)] = {ids[d]: int(freq) for d, freq in pairs}
        ix.close()
        return cls(len(ids), lengths, tfs)

    def avg_length(self, field: str) -> float:
        values = self.lengths[field].values()
        return sum(values) / len(values)

    def docs_with(self, term: str) -> set[str]:
        return {d for f in FIELD_WEIGHTS for d in self.tfs[(f, term)]}


def reference_term_scores(stats: IndexStats, field: str, term: str, bm25: Bm25 = Bm25()) -> dict[str, float]:
    postings = stats.tfs[(field, term)]
    avg = stats.avg_length(field)
    return {d: bm25.score(tf, stats.lengths[field][d], avg, len(postings), stats.n) for d, tf in postings.items()}


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(text.lower())


def _together(left: str, right: str, sylls: list[str]) -> bool:
    """`right` follows `left` with at most one word between them."""
    return any(a == left and right in sylls[i + 1 : i + 3] for i, a in enumerate(sylls))


def reference_ranking_values(
    stats: IndexStats, docs: dict[str, tuple[str, str]], words: list[str], bm25: Bm25 = Bm25(), proximity: bool = True
) -> dict[str, float]:
    """The ranking value of every matching document for a query of one-syllable accented words."""
    matched = set().union(*(stats.docs_with(w) for w in words))
    relevance = {d: 0.0 for d in matched}
    for w in words:
        for f, weight in FIELD_WEIGHTS.items():
            for d, s in reference_term_scores(stats, f, w, bm25).items():
                relevance[d] += weight * s
    best = max(relevance.values())
    # Coverage: each word weighs by its rarity in documents, ln(1 + N / df).
    rarity = {w: math.log(1.0 + stats.n / len(stats.docs_with(w))) for w in words}
    values = {}
    for d in matched:
        covered = sum(rarity[w] for w in words if d in stats.docs_with(w)) / sum(rarity.values())
        title, text = (_syllables(x) for x in docs[d])
        in_title = sum(1 for w in words if w in title) / len(words)
        seen = sum(1 for w in words if w in title or w in text) / len(words)
        value = relevance[d] / best + COVERAGE_WEIGHT * covered + TITLE_WEIGHT * in_title + SEEN_WEIGHT * seen
        if len(words) > 1 and proximity:
            pairs = sum(
                1 for a, b in zip(words, words[1:], strict=False) if _together(a, b, title) or _together(a, b, text)
            )
            value += PAIR_WEIGHT * pairs / (len(words) - 1) + (PHRASE_WEIGHT if pairs == len(words) - 1 else 0.0)
        values[d] = value
    return values


# -- the toy knowledge base -------------------------------------------------------------------------
QUERY_TERMS = ["bão", "mưa", "đê", "đập", "kè", "cống"]


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    from kb.api import KnowledgeBase

    root = tmp_path_factory.mktemp("toy-ranking")
    src = root / "toy.jsonl"
    src.write_text(
        "\n".join(json.dumps({"id": i, "title": t, "text": x}, ensure_ascii=False) for i, t, x in TOY_DOCUMENTS),
        encoding="utf-8",
    )
    kb = KnowledgeBase(root / "kb")
    report = kb.ingest_paths([src], workers=1)
    assert report.count("added") == len(TOY_DOCUMENTS), report.summary
    stats = IndexStats.read(root / "kb", QUERY_TERMS)
    docs = {i: (kb.get(i).title, kb.get(i).text) for i, _, _ in TOY_DOCUMENTS}
    return kb, stats, docs


def _ranked_ids(kb, query: str) -> list[str]:
    resp = kb.search(SearchRequest(query=query, limit=50, snippets=False, facets=False))
    # Full matches (every word) are counted in `total`, partial ones apart; both fill the page,
    # full matches first.
    assert resp.total + resp.total_partial == len(resp.hits)
    assert all(h.match == "full" for h in resp.hits[: resp.total])
    assert all(h.match == "partial" for h in resp.hits[resp.total :])
    return [h.id for h in resp.hits]


def _assert_order_follows(ranked: list[str], values: dict[str, float]) -> None:
    """Every document at or above the next one in the reference (near ties may go either way)."""
    assert set(ranked) == set(values)
    for upper, lower in zip(ranked, ranked[1:], strict=False):
        assert values[upper] >= values[lower] - TOLERANCE, (upper, lower, values)


# -- the index holds what BM25 is computed from -----------------------------------------------------
def test_syllable_view_statistics_match_an_independent_count(toy):
    _, stats, docs = toy
    for doc_id, (title, text) in docs.items():
        sylls = _syllables("\n".join([title] * TITLE_REPEAT + [text]))
        # Whoosh keeps a field length in one byte: exact up to 10, then a close approximation.
        assert stats.lengths["s"][doc_id] == byte_to_length(length_to_byte(len(sylls))), doc_id
        for term in QUERY_TERMS:
            assert stats.tfs[("s", term)].get(doc_id, 0) == sylls.count(term), (doc_id, term)
    assert stats.n == len(TOY_DOCUMENTS)


# -- per-term BM25 ----------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ["w", "s"])
@pytest.mark.parametrize("term", QUERY_TERMS, ids=fold_accents)
def test_term_bm25_equals_the_reference(toy, term, field):
    kb, stats, _ = toy
    v, searcher = kb.engine.searcher()
    ids, scores = kb.engine.postings_of(v, searcher.reader()).bm25(field, term)
    got = {searcher.stored_fields(int(d))["id"]: float(s) for d, s in zip(ids, scores, strict=True)}
    expected = reference_term_scores(stats, field, term)
    assert expected, f"{term!r} must occur in the {field} view of the toy corpus"
    assert got.keys() == expected.keys()
    for doc_id, score in expected.items():
        assert got[doc_id] == pytest.approx(score, rel=TOLERANCE), (doc_id, got[doc_id], score)


# -- each part of the formula decides an order --------------------------------------------------------
def test_rare_word_outweighs_a_common_word_repeated(toy):
    kb, stats, docs = toy
    words = ["mưa", "đê"]
    truth = reference_ranking_values(stats, docs, words)
    without_idf = reference_ranking_values(stats, docs, words, Bm25(with_idf=False))
    # The corpus is built so that idf decides: without it the order of the pair flips.
    assert truth["idf-rare"] > truth["idf-common"]
    assert without_idf["idf-common"] > without_idf["idf-rare"]
    ranked = _ranked_ids(kb, "mưa đê")
    assert ranked.index("idf-rare") < ranked.index("idf-common")
    _assert_order_follows(ranked, truth)


def test_shorter_document_wins_despite_fewer_occurrences(toy):
    kb, stats, docs = toy
    truth = reference_ranking_values(stats, docs, ["bão"])
    no_length_norm = reference_ranking_values(stats, docs, ["bão"], Bm25(b=0.0))
    assert truth["len-short"] > truth["len-long"]
    assert no_length_norm["len-long"] > no_length_norm["len-short"]
    ranked = _ranked_ids(kb, "bão")
    assert ranked.index("len-short") < ranked.index("len-long")
    _assert_order_follows(ranked, truth)


def test_repeating_one_word_saturates(toy):
    kb, stats, docs = toy
    words = ["đập", "kè"]
    truth = reference_ranking_values(stats, docs, words)
    linear_tf = reference_ranking_values(stats, docs, words, Bm25(k1=1e6))
    assert truth["sat-even"] > truth["sat-many"]
    assert linear_tf["sat-many"] > linear_tf["sat-even"]
    ranked = _ranked_ids(kb, "đập kè")
    assert ranked == ["sat-even", "sat-many"]
    _assert_order_follows(ranked, truth)


def test_every_word_beats_some_and_words_together_beat_words_apart(toy):
    kb, stats, docs = toy
    words = ["bão", "cống"]
    truth = reference_ranking_values(stats, docs, words)
    apart = reference_ranking_values(stats, docs, words, proximity=False)
    # cover-far scores the better BM25 (shorter); only proximity puts cover-near first.
    assert apart["cover-far"] > apart["cover-near"]
    ranked = _ranked_ids(kb, "bão cống")
    assert ranked[:2] == ["cover-near", "cover-far"]
    assert set(ranked[2:]) == {"len-short", "len-long"}
    _assert_order_follows(ranked, truth)
