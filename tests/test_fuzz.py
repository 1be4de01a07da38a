"""Property tests: no input makes the text layer, the readers or the query parser raise or hang."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.ingest.readers import reader_for
from kb.ingest.readers.base import Rejection
from kb.models import RawDocument
from kb.search.parse import parse_query
from kb.text.normalize import fold_accents, fold_same_length, normalize_text, normalize_tones
from kb.text.segment import segment
from kb.text.tokenize import syllables

VIET = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                                          "ĐÀÁÂĂƯƠ0123456789 .,;:-/&%\"'()\n_")), max_size=300)
ANY_TEXT = st.one_of(st.text(max_size=300), VIET)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_text_functions_never_raise(text):
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized  # idempotent
    assert normalize_tones(normalized) == normalized
    fold_accents(text)
    assert len(fold_same_length(text)) == len(text)
    for s in syllables(text):
        assert text[s.start : s.end] == s.text


@FAST
@given(ANY_TEXT)
def test_segmentation_keeps_length_and_characters(text):
    seg = segment(text)
    assert len(seg) == len(text)
    assert all(a == b or (a == " " and b == "_") for a, b in zip(text, seg, strict=True))


@FAST
@given(ANY_TEXT)
def test_query_parser_accepts_anything(text):
    parsed = parse_query(text)
    assert isinstance(parsed.text, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".json", ".jsonl", ".jsonl.gz", ".csv", ".html"]))
def test_readers_turn_any_bytes_into_documents_or_rejections(data, ext):
    read = reader_for("f" + ext)
    for item in read(data, "f" + ext):
        assert isinstance(item, RawDocument | Rejection)
        if isinstance(item, Rejection):
            assert item.reason
