"""Shared building blocks of the extractors: Vietnamese letter classes, capitalised runs, fast
literal-list regexes, span look-ups, package data, and the canonical rewrites (UBND, HĐND, TP)."""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from kb.text.normalize import NEW_STYLE_TONE, fold_accents, normalize_text

# Vietnamese letters, then the other Latin letters of names in the news ("Schröder", "João", "Jeļena").
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ" "ÄÖÜÇÑÅØÆŁŠŽČŘĆŃŚŹŻĖĘĮŲŪŌĒĪŞŢŐŰÎÛËÏ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ" "äöüçñåøæłšžčřćńśźżėęįųūōēīşţőűîûëïßļņģķ"

# A country's name transliterated with hyphens: "Xy-ri", "I-ran", "Ca-dắc-xtan" (not "Rịa-Vũng Tàu",
# whose second part is capitalised).
TRANSLITERATED_NAME = rf"[{UPPER}][{LOWER}]*(?:-[{LOWER}]+)+(?![\w-])"

# One capitalised syllable: "Nguyễn", "A", "H'Drai", "R'lấp" (apostrophes are ASCII after normalize_text).
CAP_SYLLABLE = rf"(?:Mc|Mac|Le|De|Di|La|Du)?[{UPPER}][{LOWER}]*(?:'[{UPPER}]?[{LOWER}]+)?"
# A run of capitalised syllables separated by single spaces, not glued to other word characters.
# The look-behind sits after the first letter (it means the same as a leading one) so that the
# engine can jump straight to upper-case letters.
CAP_RUN = re.compile(
    rf"[{UPPER}](?<![\w'&/-][{UPPER}])(?:(?<=M)(?:c|ac)[{UPPER}]|(?<=[LD])[ea][{UPPER}]|(?<=D)[iu][{UPPER}])?"
    rf"[{LOWER}]*(?:'[{UPPER}]?[{LOWER}]+)?(?: (?:{CAP_SYLLABLE}))*(?![\w'&/])"
)

# Capitalised words that start sentences and are never part of a name: a run stops before them
# ("xã Quế Long | Đến thời điểm ...", "Hồ Văn Núi | Theo ...").
FUNCTION_CAPS = frozenset(
    "Theo Trước Sau Tại Trong Khi Đây Nhưng Về Để Với Do Vì Cũng Ngày Ảnh Nguồn Clip Dù Nếu Video "
    "Chiều Tối Trưa Đêm Rạng Được Đến Các Những Một Lúc Riêng Ngoài Mặc Thực Hiện Hôm Sáng Còn Vậy Đó "
    "Này Ngay Phía Bởi Buổi Đúng Gần Hơn Tin Xin".split()
)
# Capitalised verbs and auxiliaries that start a sentence right after a level word ("UBND phường. Bị
# ..."): never the first word of a place's name.
SENTENCE_VERBS = frozenset("Bị Được Cho Không Đã Đang Sẽ Là Có Vừa Cùng Nên Phải".split())
# Of those, the ones that are also given names ("Mai Xuân Sáng") or parts of place names ("Vĩnh Thực").
NAME_LIKE_FUNCTION = frozenset("Hiện Còn Thực Sáng Xin".split())  # "Phan Văn Xin", as "Lê Văn Sáng"


_VIET_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
# Letters that only Vietnamese spelling uses: a word with one of them is not foreign.
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảãàằắẳẵặầấẩẫậẹẻẽềếểễệịỉĩìọỏõồốổỗộờớởỡợụủũùừứửữựỳỷỹỵ]")


@lru_cache(maxsize=16384)
def foreign_word(word: str) -> bool:
    """A word that is not a Vietnamese syllable ("Spears", "Klopp", "Jae-in", "Yamaguchi")."""
    lowered = word.lower()
    if VIETNAMESE_LETTERS.search(lowered):
        return False
    parts = [p for p in re.split(r"[-']", fold_accents(lowered)) if p]
    return any(not _VIET_SYLLABLE.fullmatch(p) for p in parts)


class Run(NamedTuple):
    """A run of capitalised syllables found in a text. (A named tuple: a text has hundreds, and
    a frozen dataclass cost twice the regex that finds them to create.)"""

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")


def cap_runs(text: str) -> list[Run]:
    """Every run of capitalised syllables, in order."""
    # tuple.__new__ skips the named tuple's Python-level constructor: a text has hundreds of runs.
    return [_new_tuple(Run, (m.start(), m.end(), m.group(0))) for m in CAP_RUN.finditer(text)]


_new_tuple = tuple.__new__


def cut_at_function_word(run: str, keep_names: bool = True) -> str:
    """The part of a capitalised run before a sentence word glued to it ("Quế Long Đến" -> "Quế Long").

    With keep_names, words that are also given names ("Sáng", "Hiện") only cut from the fourth word."""
    words = run.split(" ")
    for i in range(1, len(words)):
        word = words[i]
        if word in FUNCTION_CAPS and not (keep_names and word in NAME_LIKE_FUNCTION and i < 3):
            return " ".join(words[:i])
    return run


class Spans:
    """Sorted, non-overlapping (start, end) spans with logarithmic look-ups (person names in a text)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._spans = sorted(spans or [])
        self._starts = [s for s, _ in self._spans]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._spans[i - 1][1] > start

    def starts_at(self, pos: int) -> bool:
        i = bisect_left(self._starts, pos)
        return i < len(self._starts) and self._starts[i] == pos

    def first_start(self, lo: int, hi: int) -> int | None:
        """The first span start s with lo <= s < hi."""
        i = bisect_left(self._starts, lo)
        return self._starts[i] if i < len(self._starts) and self._starts[i] < hi else None


# --------------------------------------------------------------------------------------------
# Regex helpers
# --------------------------------------------------------------------------------------------


def alternation(words: list[str] | set[str] | tuple[str, ...] | dict[str, Any]) -> str:
    """A regex matching any of the literal words, the longest one when several match, as a trie.

    Python's regex engine tries the branches of "a|b|c" one by one and cannot skip ahead to their
    first letters; factoring common prefixes ("Sở Y tế|Sở Nội vụ" -> "Sở (?:Nội vụ|Y tế)") keeps
    long word lists fast."""
    trie: dict[str, dict] = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word that ends here and continues further: the optional group is greedy, so the longer wins.
    return f"(?:{body})?" if "" in node else body


def cased(*words: str) -> list[str]:
    """Each word with its first letter in both cases ("tỉnh ủy", "Tỉnh ủy")."""
    out: list[str] = []
    for word in words:
        out += [word[:1].upper() + word[1:], word[:1].lower() + word[1:]]
    return out


_GLUE_BEFORE = frozenset("_/-'&")


def at_word_start(text: str, pos: int, glue: frozenset[str] = _GLUE_BEFORE) -> bool:
    """True when `pos` starts a word: nothing word-like (or glued by "/", "-", ...) right before it.

    Patterns check this in Python instead of a leading look-behind, which would stop the regex
    engine from skipping quickly to the possible first characters."""
    if pos == 0:
        return True
    before = text[pos - 1]
    return not (before.isalnum() or before in glue)


def word_matches(
    pattern: re.Pattern[str], text: str, glue: frozenset[str] = _GLUE_BEFORE
) -> list[re.Match[str]]:
    """pattern.finditer(text), keeping the matches that start a word (at_word_start, written inline:
    the scans of a text find hundreds of matches, and a call per match cost more than the check)."""
    return [
        m for m in pattern.finditer(text)
        if (pos := m.start()) == 0 or not ((before := text[pos - 1]).isalnum() or before in glue)
    ]


# --------------------------------------------------------------------------------------------
# Canonical forms
# --------------------------------------------------------------------------------------------

_UBND = re.compile(r"(?i)ủy ban nhân dân|uỷ ban nhân dân|\bUBND\b")
_HDND = re.compile(r"(?i)hội đồng nhân dân|\bHĐND\b")
_UBMTTQ = re.compile(r"(?i)ủy ban mặt trận tổ quốc|\bUB\s?MTTQ\b|\bỦy ban MTTQ\b")
_TPHCM = re.compile(r"\b(?:TP|Tp|tp)\.?\s?(?:HCM|HCMC|Hồ Chí Minh)\b|\bTPHCM\b")
_TP = re.compile(r"(?<![\w.])(?:TP|Tp)(?:\.\s?|\s|(?=[" + UPPER + r"]))")
_SPACES = re.compile(r"\s+")


def canonical_org_words(text: str) -> str:
    """UBND / HĐND / UBMTTQ abbreviated, "TP"/"TP." spelled out, spaces tidied."""
    text = _UBND.sub("UBND", text)
    text = _HDND.sub("HĐND", text)
    text = _UBMTTQ.sub("UBMTTQ", text)
    text = _TPHCM.sub("thành phố Hồ Chí Minh", text)
    text = _TP.sub("thành phố ", text)
    return _SPACES.sub(" ", text).strip()


_APOSTROPHE_LETTER = re.compile(r"'(\w)")


def proper_case(name: str) -> str:
    """Each syllable capitalised, the rest as written unless the word is all upper case; a letter
    after an apostrophe stays upper case: "NGUYỄN VĂN A" -> "Nguyễn Văn A", "ia H'Drai" -> "Ia H'Drai"."""
    words = []
    for word in name.split():
        if word.isupper() and len(word) > 1:
            word = _APOSTROPHE_LETTER.sub(lambda m: "'" + m.group(1).upper(), word[0] + word[1:].lower())
        elif word[:1].islower():
            word = word[:1].upper() + word[1:]
        words.append(word)
    return " ".join(words)


def is_upper_text(text: str) -> bool:
    """True when every letter of the text is upper case (and there are some letters)."""
    return text.isupper()


# Anything normalize_text() would change: odd spaces and controls, typographic quotes and dashes;
# doubled or edge spaces, trailing spaces on a line and triple line breaks are checked as substrings.
_NOT_NORMALISED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff\r\t\u00a0\u2000-\u200a\u202f"
    "\u205f\u3000“”„«»‘’‚–—‒―−‐‑]"
)


def ensure_normalized(text: str) -> str:
    """normalize_text(text), skipped when the text is already normalised (the ingest pipeline
    normalises before it extracts, and normalising twice would cost as much as extracting)."""
    if (
        text == text.strip()
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and "\n\n\n" not in text
        and unicodedata.is_normalized("NFC", text)
        and not _NOT_NORMALISED.search(text)
        and not NEW_STYLE_TONE.search(text)
    ):
        return text
    return normalize_text(text)


@cache
def load_json(name: str) -> Any:
    """Package data from kb/extract/data/, read once per process."""
    with resources.files("kb.extract").joinpath("data").joinpath(name).open(encoding="utf-8") as f:
        return json.load(f)
