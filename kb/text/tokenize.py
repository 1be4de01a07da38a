"""Syllable tokenisation with character offsets; protected spans stay whole.

Vietnamese writes one syllable per space-separated unit. Codes that people paste whole (document
numbers like 1673/QĐ-UBND, dates, numbers with separators, e-mails, URLs) must survive as one token,
so they are matched before ordinary syllables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_L = r"[^\W\d_]"  # one letter, any script
_CODE = rf"{_L}(?:[^\W_]|&)*"  # QĐ, UBND, GD&ĐT, TTr, NĐ

URL = r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# 1673/QĐ-UBND, 14/2014/QĐ-UBND, 54-NQ/TW, 2345/UBND-KT, 45/NQ-HĐND, 120/TTr-SNV, 88/2020/NĐ-CP
DOC_NUMBER = rf"\d{{1,5}}(?:/\d{{4}})?[/-]{_CODE}(?:[-/]{_CODE})+|\d{{1,5}}(?:/\d{{4}})?/{_CODE}"
DATE = r"\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|\d{1,2}-\d{1,2}-\d{4}(?!\d)|\d{1,2}\.\d{1,2}\.\d{4}(?!\d)"
NUMBER = rf"\d+(?:[.,]\d+)+%?|\d+{_L}[^\W_]*|\d+%?"  # 83.408, 77,18%, 6x36, 19A
ABBREV_AMP = rf"{_L}+&{_L}+"  # GD&ĐT, NN&PTNT
WORD = rf"{_L}[^\W_]*"

_PROTECTED = (URL, EMAIL, DOC_NUMBER, DATE, NUMBER, ABBREV_AMP)
_TOKEN_RE = re.compile("|".join(f"({p})" for p in (*_PROTECTED, WORD)), re.UNICODE)
_PROTECTED_GROUPS = len(_PROTECTED)
# The same tokens as _TOKEN_RE without groups, for re.findall (the bulk index writer).
SYLLABLE_FINDALL_RE = re.compile("|".join(f"(?:{p})" for p in (*_PROTECTED, WORD)), re.UNICODE)
# Every other non-space character is punctuation: it is passed to the segmenter (pyvi was trained
# with punctuation in its input) but never indexed.
_ANY_TOKEN_RE = re.compile("|".join(f"(?:{p})" for p in (*_PROTECTED, WORD)) + r"|[^\s\w]|_", re.UNICODE)


@dataclass(slots=True)
class Syllable:
    text: str
    start: int
    end: int
    protected: bool  # a code, number, date, e-mail or URL: never joined into a word


def syllables(text: str) -> list[Syllable]:
    """Indexable syllables of `text` with offsets; punctuation is dropped."""
    out: list[Syllable] = []
    for m in _TOKEN_RE.finditer(text):
        protected = m.lastindex is not None and m.lastindex <= _PROTECTED_GROUPS
        out.append(Syllable(m.group(), m.start(), m.end(), protected))
    return out


def iter_syllable_spans(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _TOKEN_RE.finditer(text):
        yield m.group(), m.start(), m.end()


def is_protected(token: str) -> bool:
    m = _TOKEN_RE.fullmatch(token)
    return bool(m and m.lastindex is not None and m.lastindex <= _PROTECTED_GROUPS)


# Over segmented text ("Chủ_tịch UBND"): a word is syllables joined by "_".
_WORD_TOKEN_RE = re.compile(
    "|".join(f"(?:{p})" for p in _PROTECTED) + rf"|{WORD}(?:_{WORD})*", re.UNICODE
)


WORD_FINDALL_RE = _WORD_TOKEN_RE


# Fast token lists for indexing. Tokens never contain whitespace, so the text can be cut at
# whitespace first. A chunk whose core (without surrounding punctuation) is only letters holds no
# protected span (those need a digit, "@", "&", or "." / ":" inside) and is one token; only the
# other chunks go through the regex. tests/test_text_tokenize.py checks both against the regexes.
_EDGE_PUNCT = ".,;:!?()[]{}<>\"'“”‘’«»…-–—/\\|*#%+=~`^"
# ...except a core ending like this: with the punctuation after it, it can be a URL ("www.((").
URL_STARTS = ("www", "http", "https")


def syllable_tokens(text: str) -> list[str]:
    """The texts of iter_syllable_spans(text), as a list."""
    out: list[str] = []
    append = out.append
    findall = SYLLABLE_FINDALL_RE.findall
    for chunk in text.split():
        if chunk.isalpha():
            append(chunk)
            continue
        core = chunk.strip(_EDGE_PUNCT)
        if core.endswith(URL_STARTS):
            out += findall(chunk)
        elif core.isalpha():
            append(core)
        elif "_" in core and core.replace("_", "").isalpha():
            out += [p for p in core.split("_") if p]
        else:
            out += findall(chunk)
    return out


def word_tokens(segmented: str) -> list[str]:
    """The texts of iter_word_spans(segmented), as a list."""
    out: list[str] = []
    append = out.append
    findall = WORD_FINDALL_RE.findall
    for chunk in segmented.split():
        if chunk.isalpha():
            append(chunk)
            continue
        core = chunk.strip(_EDGE_PUNCT)
        if core.endswith(URL_STARTS):
            out += findall(chunk)
        elif core.isalpha() or (
            "_" in core
            and core[0] != "_"
            and core[-1] != "_"
            and "__" not in core
            and core.replace("_", "").isalpha()
        ):
            append(core)
        else:
            out += findall(chunk)
    return out


def word_and_syllable_tokens(segmented: str) -> tuple[list[str], list[str]]:
    """(word_tokens(segmented), syllable_tokens(segmented)) in one pass over the text: the two
    views the index takes of the same segmented text."""
    words: list[str] = []
    syllables: list[str] = []
    add_word = words.append
    add_syllable = syllables.append
    find_words = WORD_FINDALL_RE.findall
    find_syllables = SYLLABLE_FINDALL_RE.findall
    for chunk in segmented.split():
        if chunk.isalpha():
            add_word(chunk)
            add_syllable(chunk)
            continue
        core = chunk.strip(_EDGE_PUNCT)
        if core.endswith(URL_STARTS):
            words += find_words(chunk)
            syllables += find_syllables(chunk)
        elif core.isalpha():
            add_word(core)
            add_syllable(core)
        elif "_" in core and core.replace("_", "").isalpha():
            syllables += [p for p in core.split("_") if p]
            if core[0] != "_" and core[-1] != "_" and "__" not in core:
                add_word(core)
            else:
                words += find_words(chunk)
        else:
            words += find_words(chunk)
            syllables += find_syllables(chunk)
    return words, syllables


def iter_word_spans(segmented: str) -> Iterator[tuple[str, int, int]]:
    """Words of a segmented text with offsets; works on unsegmented text too (one word a syllable)."""
    for m in _WORD_TOKEN_RE.finditer(segmented):
        yield m.group(), m.start(), m.end()
