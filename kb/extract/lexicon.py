"""Shared building blocks of the extractors: Vietnamese letter classes, capitalised-run detection,
package data loading, and the small canonical rewrites (UBND, HĐND, TP) every extractor applies."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
LETTER = UPPER + LOWER

# One capitalised syllable: "Nguyễn", "A", "H'Drai", "R'lấp" (apostrophes are ASCII after normalize_text).
CAP_SYLLABLE = rf"[{UPPER}][{LOWER}]*(?:'[{UPPER}]?[{LOWER}]+)?"
# A run of capitalised syllables separated by single spaces, not glued to other word characters.
CAP_RUN = re.compile(rf"(?<![\w'&/-])(?:{CAP_SYLLABLE})(?: (?:{CAP_SYLLABLE}))*(?![\w'&/])")

NOT_WORD_BEFORE = r"(?<![\w])"
NOT_WORD_AFTER = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of capitalised syllables found in a text."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")


def cap_runs(text: str) -> list[Run]:
    return [Run(m.start(), m.end(), m.group(0)) for m in CAP_RUN.finditer(text)]


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Package data from kb/extract/data/, read once per process."""
    with resources.files("kb.extract").joinpath("data").joinpath(name).open(encoding="utf-8") as f:
        return json.load(f)


def alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Canonical rewrites shared by roles and agencies.
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


def is_upper_text(text: str) -> bool:
    """True when every letter of the text is upper case (and there are some letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
