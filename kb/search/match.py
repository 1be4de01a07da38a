"""Finding a query's concepts in a document's original text, fast, with character offsets.

Used for re-ranking the best candidates (coverage, adjacency, phrase) and for snippets: one
compiled regex per concept over the lower-cased text and its same-length folded copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.text.normalize import fold_same_length, lower_same_length

_SEP = r"[\W_]+"
_AFTER = r"(?![^\W_])"


@dataclass
class ConceptPattern:
    """How one query concept shows in text: exact (lower-case) or folded syllable sequences."""

    exact: set[tuple[str, ...]] = field(default_factory=set)
    folded: set[tuple[str, ...]] = field(default_factory=set)
    @property
    def empty(self) -> bool:
        return not self.exact and not self.folded


@dataclass
class DocText:
    """A text with the lower-case and folded copies that patterns run on (same offsets)."""

    text: str
    with_folded: bool = True
    lower: str = ""
    folded: str = ""

    def __post_init__(self) -> None:
        self.lower = lower_same_length(self.text)
        self.folded = fold_same_length(self.lower) if self.with_folded else ""


class QueryMatcher:
    """All concepts of a query compiled into one regex per view (exact, folded): one pass per text.

    Alternatives are ordered longest first, so "ủy ban nhân dân" wins over "ủy ban" at the same
    place. The left word boundary is checked in Python: a look-behind at every position would
    make the regex several times slower on long texts.
    """

    def __init__(self, patterns: list[ConceptPattern]):
        self.size = len(patterns)
        self._exact = self._build([(k, seq) for k, p in enumerate(patterns) for seq in p.exact])
        self._folded = self._build([(k, seq) for k, p in enumerate(patterns) for seq in p.folded])
        self.needs_folded = self._folded is not None

    @staticmethod
    def _build(items: list[tuple[int, tuple[str, ...]]]):
        items = [(k, seq) for k, seq in items if seq]
        if not items:
            return None
        items.sort(key=lambda kv: (-len(kv[1]), -sum(map(len, kv[1]))))
        alts = [f"(?P<c{i}>" + _SEP.join(re.escape(x) for x in seq) + ")" for i, (_, seq) in enumerate(items)]
        return re.compile("(?:" + "|".join(alts) + ")" + _AFTER), [k for k, _ in items]

    def find_all(self, doc: DocText) -> list[tuple[int, int, int]]:
        """(start, end, concept index) of every match, in text order."""
        out: list[tuple[int, int, int]] = []
        for compiled, text in ((self._exact, doc.lower), (self._folded, doc.folded)):
            if compiled is None:
                continue
            regex, owners = compiled
            for m in regex.finditer(text):
                a = m.start()
                if a > 0 and (text[a - 1].isalnum()):
                    continue
                out.append((a, m.end(), owners[int(m.lastgroup[1:])]))
        out.sort()
        return out


def spans_by_concept(matches: list[tuple[int, int, int]], size: int) -> list[list[tuple[int, int]]]:
    per: list[list[tuple[int, int]]] = [[] for _ in range(size)]
    for a, b, k in matches:
        per[k].append((a, b))
    return per


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_GAP_WORD = re.compile(r"[^\W_]+")


def adjacent(left: list[tuple[int, int]], right: list[tuple[int, int]], text: str, max_words: int = 1) -> bool:
    """True if some match of `right` follows a match of `left` with at most `max_words` between."""
    if not left or not right:
        return False
    j = 0
    for _, a_end in left:
        while j < len(right) and right[j][0] < a_end:
            j += 1
        if j == len(right):
            return False
        b_start = right[j][0]
        if b_start - a_end <= 40 and len(_GAP_WORD.findall(text, a_end, b_start)) <= max_words:
            return True
    return False
