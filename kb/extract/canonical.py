"""One canonical name per body: abbreviations spelled out ("Ban ATGT" -> "Ban An toàn giao thông") and
the press's second names for a body merged into its first ("MTTQ Việt Nam tỉnh X" -> "UBMTTQ Việt Nam
tỉnh X"). Driven by kb/extract/data/canonical.json; UBND, HĐND and UBMTTQ stay short by convention."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.extract.lexicon import alternation, load_json

_DATA = load_json("canonical.json")
_ABBREVIATIONS: dict[str, str] = _DATA["abbreviations"]


def _department_abbreviations() -> dict[str, str]:
    """Abbreviated department names from agencies.json ("TN&MT" -> "Tài nguyên và Môi trường")."""
    out: dict[str, str] = {}
    for canonical, variants in load_json("agencies.json")["departments"].items():
        for variant in variants:
            letters = variant.replace("và", "").replace("&", "").replace("-", "").replace(",", "")
            if variant != canonical and letters.replace(" ", "").isupper():
                out[variant] = canonical
    return out


_WORDS = {**_department_abbreviations(), **_ABBREVIATIONS}
NAME_ABBREVIATIONS = frozenset(_WORDS)  # the abbreviations a body's name may contain ("TN&MT", "ATGT")
# Whole words only: "BV" but not "BVĐK" inside another word, "TAND" but not "TANDTC" (a national body
# spelled out by the national table).
_WORD_RE = re.compile(r"(?<![\w&-])(" + alternation(_WORDS) + r")(?![\w&])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Merge:
    """One rewrite of a whole name, with the example the tests check."""

    pattern: re.Pattern[str]
    template: str
    example: tuple[str, str]

    def apply(self, name: str) -> str | None:
        m = self.pattern.match(name)
        if m is None:
            return None
        out = m.expand(self.template.replace("{cap1}", "\\1"))
        if "{cap1}" in self.template:
            first = m.group(1)
            out = out.replace(first, first[:1].upper() + first[1:], 1)
        return out


MERGES: tuple[Merge, ...] = tuple(
    Merge(re.compile(entry["from"]), entry["to"], (entry["example"][0], entry["example"][1]))
    for entry in _DATA["merges"]
)


def expand_abbreviations(name: str) -> str:
    """Abbreviations inside a body's name spelled out ("Đoàn ĐBQH tỉnh X" -> "Đoàn Đại biểu Quốc hội tỉnh X")."""
    if not _WORD_RE.search(name):
        return name
    return _SPACES.sub(" ", _WORD_RE.sub(lambda m: _WORDS[m.group(1)], name)).strip()


@lru_cache(maxsize=8192)
def canonical_agency(name: str) -> str:
    """The one name of a body: abbreviations spelled out, then the first matching merge applied."""
    name = expand_abbreviations(name)
    for merge in MERGES:
        merged = merge.apply(name)
        if merged is not None:
            return merged
    return name
