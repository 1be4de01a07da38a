"""Vietnamese word segmentation with pyvi's CRF model, keeping the text's own character offsets.

`segment(text)` returns a string of the same length as `text` in which the space between two
syllables of one word is replaced by "_" ("Chủ tịch UBND" -> "Chủ_tịch UBND"). Offsets therefore
stay valid for highlighting, and the result can be stored and re-indexed without running pyvi
again. Protected spans (document numbers, dates, numbers, e-mails, URLs) are never joined.
"""

from __future__ import annotations

import string
from functools import lru_cache

from kb.text import pyvi_compat as pv
from kb.text.tokenize import _ANY_TOKEN_RE, _EDGE_PUNCT, URL_STARTS, is_protected

# Bump when a change here (tokens, features, join rules) changes what segment() returns for some
# text, so that stored segmentations made by the old rules can be told apart.
RULES_VERSION = "1"

_PUNCT = set(string.punctuation)


def segmenter_version() -> str:
    """What segment()'s output depends on, to record next to stored segmentations."""
    return f"pyvi {pv.PYVI_VERSION}; python-crfsuite {pv.PYCRFSUITE_VERSION}; rules {RULES_VERSION}"


@lru_cache(maxsize=1)
def _model() -> pv.SegmenterModel:
    """pyvi's CRF tagger and its n-grams indexed for _features (see pyvi_compat.SegmenterModel).
    Loaded once, lazily; the ingest pipeline calls it before forking so workers share it."""
    return pv.load_model()


# What one token contributes: its lower-case form, its attributes as the current word, as the
# left neighbour and as the right neighbour, and the n-grams it starts (the syllables that follow
# it in a known bigram, the pairs in a known trigram). They depend only on the token (and the one
# model), so they are cached (bounded). Attributes are bytes, which pycrfsuite takes as they are.
_ATTRS: dict[str, tuple] = {}
_ATTRS_MAX = 200_000
_NONE: frozenset[str] = frozenset()
_NO_PAIRS: dict[str, set[str]] = {}


def _token_attrs(tok: str, bigrams: pv.Bigrams, trigrams: pv.Trigrams):
    got = _ATTRS.get(tok)
    if got is not None:
        return got
    low = tok.lower()
    name = pv.attribute_value(low)
    up = tok.isupper()
    title = tok.istitle()
    cur = (pv.BIAS, pv.WORD_LOWER + name) + (pv.WORD_ISUPPER,) * up + (pv.WORD_ISTITLE,) * title
    if tok.isdigit():
        cur += (pv.WORD_ISDIGIT,)
    left = (pv.PREV_WORD_LOWER + name,) + (pv.PREV_WORD_ISTITLE,) * title + (pv.PREV_WORD_ISUPPER,) * up
    right = (pv.NEXT_WORD_LOWER + name,) + (pv.NEXT_WORD_ISTITLE,) * title + (pv.NEXT_WORD_ISUPPER,) * up
    got = (low, cur, left, right, bigrams.get(low, _NONE), trigrams.get(low, _NO_PAIRS))
    if len(_ATTRS) >= _ATTRS_MAX:
        _ATTRS.clear()
    _ATTRS[tok] = got
    return got


# n-gram attributes of a position, indexed by a 4-bit code: bigram ending here, trigram ending
# here, bigram ending at the next token, trigram ending two tokens on.
_NGRAM_NAMES = (pv.BIGRAM_ENDS_HERE, pv.TRIGRAM_ENDS_HERE, pv.BIGRAM_STARTS_HERE, pv.TRIGRAM_STARTS_HERE)
_NGRAMS = [tuple(name for bit, name in enumerate(_NGRAM_NAMES) if code >> bit & 1) for code in range(16)]


def _features(tokens: list[str], bigrams: pv.Bigrams, trigrams: pv.Trigrams) -> list[tuple[bytes, ...]]:
    """The features pyvi's tokenizer was trained with, as pycrfsuite attribute names.

    pyvi passes one dict per token ({"word.lower()": "chủ", "word.istitle()": True, ...});
    pycrfsuite turns a string value into the attribute "name:value" and a boolean into "name" with
    weight 1 or 0. A False feature adds nothing to any score, so it is left out, and each item is
    the tuple of attribute names with weight 1: the same scores and labels as pyvi, assembled from
    cached per-token tuples instead of a dict per token. `bigrams`, `trigrams`: see _model().
    """
    n = len(tokens)
    get = _ATTRS.get
    attrs = [get(t) or _token_attrs(t, bigrams, trigrams) for t in tokens]
    lows = [a[0] for a in attrs]
    # bigram[i]: tokens i-1, i form a known two-syllable word; trigram[i]: tokens i-2..i a known word.
    bigram = [False] + [b in a[4] for a, b in zip(attrs, lows[1:], strict=False)]
    trigram = [False, False][:n] + [c in a[5][b] if b in a[5] else False
                                    for a, b, c in zip(attrs, lows[1:], lows[2:], strict=False)]
    nxt_bigram = bigram[1:] + [False]
    nxt2_trigram = trigram[2:] + [False, False][: min(2, n)]
    codes = [b | t << 1 | nb << 2 | nt << 3 for b, t, nb, nt in zip(bigram, trigram, nxt_bigram, nxt2_trigram, strict=True)]
    left = [()] + [a[2] for a in attrs[:-1]]
    right = [a[3] for a in attrs[1:]] + [()]
    ngrams = _NGRAMS
    return [a[1] + lt + rt + ngrams[c] for a, lt, rt, c in zip(attrs, left, right, codes, strict=True)]


def _joinable(prev: str, cur: str, plain: bool) -> bool:
    # pyvi's own rule, plus: codes and numbers are never part of a word. `plain`: both tokens are
    # known not to be protected spans (letters only, or one punctuation character).
    return (
        cur not in _PUNCT
        and prev not in _PUNCT
        and not cur[0].isdigit()
        and not prev[0].isdigit()
        and not (cur[0].istitle() and not prev[0].istitle())
        and (plain or (not is_protected(cur) and not is_protected(prev)))
    )


def _tokens(para: str) -> list[tuple[str, int, int, bool]]:
    """The tokens _ANY_TOKEN_RE finds in `para`, as (text, start, end, plain).

    The same idea as kb.text.tokenize.syllable_tokens: tokens never contain a space, and a chunk
    that is letters with punctuation around them holds no protected span, so only the other
    chunks need the regex. `plain` marks tokens known not to be protected.
    """
    toks: list[tuple[str, int, int, bool]] = []
    append = toks.append
    finditer = _ANY_TOKEN_RE.finditer
    pos = 0
    for chunk in para.split(" "):
        n = len(chunk)
        if n:
            if chunk.isalpha():
                append((chunk, pos, pos + n, True))
            else:
                core = chunk.strip(_EDGE_PUNCT)
                if core.isalpha() and not core.endswith(URL_STARTS):
                    k = chunk.find(core)
                    for j in range(k):
                        append((chunk[j], pos + j, pos + j + 1, True))
                    end = k + len(core)
                    append((core, pos + k, pos + end, True))
                    for j in range(end, n):
                        append((chunk[j], pos + j, pos + j + 1, True))
                else:
                    for m in finditer(chunk):
                        start, stop = m.span()
                        append((m.group(), pos + start, pos + stop, False))
        pos += n + 1
    return toks


def word_joins(text: str) -> list[int]:
    """Offsets of the single spaces that lie inside words (where "_" goes)."""
    tagger, bigrams, trigrams = _model()
    joins: list[int] = []
    for para_start, para in _paragraphs(text):
        toks = _tokens(para)
        if len(toks) < 2:
            continue
        labels = tagger.tag(_features([t[0] for t in toks], bigrams, trigrams))
        for i in range(1, len(toks)):
            if labels[i] != pv.INSIDE_WORD:
                continue
            prev, cur = toks[i - 1], toks[i]
            if (cur[1] - prev[2] == 1 and para[prev[2]] == " "
                    and _joinable(prev[0], cur[0], prev[3] and cur[3])):
                joins.append(para_start + prev[2])
    return joins


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def apply_joins(text: str, joins: list[int]) -> str:
    if not joins:
        return text
    chars = list(text)
    for j in joins:
        chars[j] = "_"
    return "".join(chars)


def segment(text: str) -> str:
    """`text` with "_" between the syllables of each word; same length, same offsets."""
    return apply_joins(text, word_joins(text))


def segment_words(text: str) -> list[str]:
    """The words of `text` as pyvi segments them, e.g. ["Chủ_tịch", "UBND", "tỉnh"]."""
    from kb.text.tokenize import iter_word_spans

    seg = segment(text)
    return [w for w, _, _ in iter_word_spans(seg)]
