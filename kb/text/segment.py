"""Vietnamese word segmentation with pyvi's CRF model, keeping the text's own character offsets.

`segment(text)` returns a string of the same length as `text` in which the space between two
syllables of one word is replaced by "_" ("Chủ tịch UBND" -> "Chủ_tịch UBND"). Offsets therefore
stay valid for highlighting, and the result can be stored and re-indexed without running pyvi
again. Protected spans (document numbers, dates, numbers, e-mails, URLs) are never joined.
"""

from __future__ import annotations

import string
from functools import lru_cache

from kb.text.tokenize import _ANY_TOKEN_RE, is_protected

_PUNCT = set(string.punctuation)


@lru_cache(maxsize=1)
def _model():
    # Importing pyvi loads its CRF and n-gram tables (~0.5 s); do it once, lazily.
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer.model.tagger_, ViTokenizer.bi_grams, ViTokenizer.tri_grams


def _features(tokens: list[str], bi_grams: set[str], tri_grams: set[str]) -> list[dict]:
    """The feature dicts pyvi's tokenizer was trained with, computed once per token."""
    lows = [t.lower() for t in tokens]
    title = [t.istitle() for t in tokens]
    upper = [t.isupper() for t in tokens]
    n = len(tokens)
    bigram = [False] * n  # bigram[i]: tokens i-1, i form a known two-syllable word
    for i in range(1, n):
        bigram[i] = f"{lows[i - 1]} {lows[i]}" in bi_grams
    trigram = [False] * n  # trigram[i]: tokens i-2, i-1, i form a known word
    for i in range(2, n):
        trigram[i] = f"{lows[i - 2]} {lows[i - 1]} {lows[i]}" in tri_grams
    # pycrfsuite scales a feature by its value, so a False (0.0) feature adds nothing to any score:
    # leaving those out gives the same labels as pyvi and halves the work of building the items.
    feats = []
    for i in range(n):
        f = {"bias": 1.0, "word.lower()": lows[i]}
        if upper[i]:
            f["word.isupper()"] = True
        if title[i]:
            f["word.istitle()"] = True
        if tokens[i].isdigit():
            f["word.isdigit()"] = True
        if i > 0:
            f["-1:word.lower()"] = lows[i - 1]
            if title[i - 1]:
                f["-1:word.istitle()"] = True
            if upper[i - 1]:
                f["-1:word.isupper()"] = True
            if bigram[i]:
                f["-1:word.bi_gram()"] = True
            if i > 1 and trigram[i]:
                f["-2:word.tri_gram()"] = True
        if i < n - 1:
            f["+1:word.lower()"] = lows[i + 1]
            if title[i + 1]:
                f["+1:word.istitle()"] = True
            if upper[i + 1]:
                f["+1:word.isupper()"] = True
            if bigram[i + 1]:
                f["+1:word.bi_gram()"] = True
            if i < n - 2 and trigram[i + 2]:
                f["+2:word.tri_gram()"] = True
        feats.append(f)
    return feats


def _joinable(prev: str, cur: str) -> bool:
    # pyvi's own rule, plus: codes and numbers are never part of a word.
    return (
        cur not in _PUNCT
        and prev not in _PUNCT
        and not cur[0].isdigit()
        and not prev[0].isdigit()
        and not (cur[0].istitle() and not prev[0].istitle())
        and not is_protected(cur)
        and not is_protected(prev)
    )


def word_joins(text: str) -> list[int]:
    """Offsets of the single spaces that lie inside words (where "_" goes)."""
    tagger, bi_grams, tri_grams = _model()
    joins: list[int] = []
    for para_start, para in _paragraphs(text):
        toks = [(m.group(), m.start(), m.end()) for m in _ANY_TOKEN_RE.finditer(para)]
        if len(toks) < 2:
            continue
        words = [t[0] for t in toks]
        labels = tagger.tag(_features(words, bi_grams, tri_grams))
        for i in range(1, len(toks)):
            if labels[i] != "I_W":
                continue
            prev, cur = toks[i - 1], toks[i]
            if cur[1] - prev[2] == 1 and para[prev[2]] == " " and _joinable(prev[0], cur[0]):
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
