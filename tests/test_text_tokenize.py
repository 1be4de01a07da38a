import pytest

from kb.text.abbreviations import expand, syllable_key
from kb.text.segment import segment, segment_words
from kb.text.tokenize import syllables

SAMPLE = (
    "Chủ tịch UBND tỉnh Nguyễn Văn Phương ký Quyết định số 1673/QĐ-UBND ngày 12/3/2022 "
    "theo Nghị quyết số 54-NQ/TW và 14/2014/QĐ-UBND; giải quyết 83.408 hồ sơ, đạt 77,18%. "
    "Liên hệ vp@thuathienhue.gov.vn hoặc https://thuathienhue.gov.vn/tin-tuc."
)


@pytest.mark.parametrize(
    "span",
    ["1673/QĐ-UBND", "54-NQ/TW", "14/2014/QĐ-UBND", "12/3/2022", "83.408", "77,18%",
     "vp@thuathienhue.gov.vn", "https://thuathienhue.gov.vn/tin-tuc"],
)
def test_protected_spans_survive_as_one_token(span):
    tokens = {s.text for s in syllables(SAMPLE)}
    assert span in tokens


def test_protected_spans_survive_segmentation_as_single_words():
    words = segment_words(SAMPLE)
    for span in ("1673/QĐ-UBND", "54-NQ/TW", "14/2014/QĐ-UBND", "12/3/2022", "83.408", "77,18%"):
        assert span in words


def test_segmentation_joins_words_and_keeps_offsets():
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Phương phát biểu"
    seg = segment(text)
    assert len(seg) == len(text)
    assert seg.replace("_", " ") == text
    words = segment_words(text)
    assert "Chủ_tịch" in words
    assert "Nguyễn_Văn_Phương" in words
    assert "phát_biểu" in words


def test_segmentation_never_joins_across_lines():
    seg = segment("Ủy ban\nnhân dân")
    assert "\n" in seg


def test_token_offsets_point_into_the_original_text():
    for s in syllables(SAMPLE):
        assert SAMPLE[s.start : s.end] == s.text


def test_abbreviations_expand_in_both_directions():
    assert "Ủy ban nhân dân" in expand("UBND")
    assert "UBND" in expand("ủy ban nhân dân")
    assert "UBND" in expand("uy ban nhan dan")
    assert "Giáo dục và Đào tạo" in expand("GD&ĐT")
    assert "TP.HCM" in expand("thành phố Hồ Chí Minh")


def test_syllable_key_folds_case_and_accents():
    assert syllable_key("Ủy ban Nhân dân") == ("uy", "ban", "nhan", "dan")
    assert syllable_key("TP.HCM") == ("tp", "hcm")


# -- fast paths used by indexing and segmentation must agree with the regexes ----------------------
from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kb.text import segment as seg  # noqa: E402
from kb.text import tokenize as tok  # noqa: E402

_PIECES = ["www", "http", "https", "://", ".", ",", "(", ")", "@", "&", "_", "__", "-", "/", "1673", "12,5", "%",
           "Đ", "đắk", "lắk", "UBND", "chủ", "tịch", " ", "  ", "\t", "\n", "a", "é", "²", "½", "“", "”", "…", "vn"]
_text = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text(max_size=40)


@settings(max_examples=600, deadline=None)
@given(_text)
def test_fast_token_lists_equal_the_regex_tokenizers(text):
    for value in (text, text.lower()):
        assert tok.syllable_tokens(value) == [t for t, _, _ in tok.iter_syllable_spans(value)]
        assert tok.word_tokens(value) == [t for t, _, _ in tok.iter_word_spans(value)]
        assert tok.word_and_syllable_tokens(value) == (tok.word_tokens(value), tok.syllable_tokens(value))


@settings(max_examples=600, deadline=None)
@given(_text)
def test_segmenter_tokens_equal_the_regex(text):
    for _, para in seg._paragraphs(text):
        expected = [(m.group(), m.start(), m.end()) for m in tok._ANY_TOKEN_RE.finditer(para)]
        got = seg._tokens(para)
        assert [t[:3] for t in got] == expected
        # A token marked plain is never a protected span.
        assert not any(plain and tok.is_protected(t) for t, _, _, plain in got)


@pytest.fixture(scope="module")
def pyvi_tokenizer(tmp_path_factory):
    """pyvi's own tokenizer class, the reference for our features. Importing it writes its CRF to
    a temp file (see kb.text.pyvi_compat), so that file goes to pytest's temp dir, not /tmp."""
    import tempfile

    saved = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("pyvi-tmp"))
    try:
        from pyvi.ViTokenizer import ViTokenizer
    finally:
        tempfile.tempdir = saved
    return ViTokenizer


def test_segmenter_features_give_pyvis_own_labels(pyvi_tokenizer):
    tagger, bi, tri = seg._model()
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:6]]
    compared = 0
    for text in texts:
        for _, para in seg._paragraphs(text):
            words = [t[0] for t in seg._tokens(para)]
            if len(words) < 2:
                continue
            ours = tagger.tag(seg._features(words, bi, tri))
            theirs = tagger.tag(pyvi_tokenizer.sent2features(words, False))
            assert ours == theirs, para[:80]
            compared += len(words)
    assert compared > 2000


def _pyvi_attributes(features: dict) -> set[str]:
    """pyvi's feature dict as the attribute names pycrfsuite scores with weight 1."""
    names = set()
    for key, value in features.items():
        if isinstance(value, str):
            names.add(f"{key}:{value}")
        elif value is True or (not isinstance(value, bool) and value == 1.0):
            names.add(key)
    return names


@settings(max_examples=300, deadline=None)
@given(_text)
def test_segmenter_features_equal_pyvis(pyvi_tokenizer, text):
    _, bigrams, trigrams = seg._model()
    for _, para in seg._paragraphs(text):
        words = [t[0] for t in seg._tokens(para)]
        if not words:
            continue
        ours = [{a.decode("utf-8", "surrogatepass") for a in item} for item in seg._features(words, bigrams, trigrams)]
        theirs = [_pyvi_attributes(f) for f in pyvi_tokenizer.sent2features(words, False)]
        assert ours == theirs


def test_segmenter_features_see_pyvis_ngrams(pyvi_tokenizer):
    # Hypothesis text rarely forms a known bigram or trigram: check real ones.
    _, bigrams, trigrams = seg._model()
    bigram = sorted(pyvi_tokenizer.bi_grams)[100].split(" ")
    trigram = sorted(pyvi_tokenizer.tri_grams)[100].split(" ")
    for words in (bigram, trigram, ["Ông", *trigram, "và", *bigram]):
        ours = [{a.decode() for a in item} for item in seg._features(words, bigrams, trigrams)]
        theirs = [_pyvi_attributes(f) for f in pyvi_tokenizer.sent2features(words, False)]
        assert ours == theirs
        assert any("gram()" in a for item in ours for a in item)
