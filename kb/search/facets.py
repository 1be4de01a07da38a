"""Facet columns of one index version and the counts over a set of documents.

Each document's facet values are kept as compressed rows (offsets + value numbers per facet), so
counting the values of any set of matches is one bincount; years and dates are plain columns.
The columns are built from the segments' stored fields once per index version (kb.search.derived).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kb.models import FacetValue
from kb.text.normalize import fold_accents, spelling_key

FACET_NAMES = ("agency", "person", "place", "doc_type", "source")
FACET_LIMIT = 30



@dataclass
class FacetColumns:
    """Per-document facet values of one index version, as compressed rows for fast counting."""

    n: int
    ids: list[str | None]
    names: dict[str, list[str]]  # facet -> value names
    lookup: dict[str, dict[str, int]]  # facet -> value -> value number
    ptr: dict[str, np.ndarray]  # facet -> row offsets (n + 1)
    vals: dict[str, np.ndarray]  # facet -> value numbers, row after row
    year: np.ndarray
    date: np.ndarray
    _folded_names: dict[str, list[str]] = field(default_factory=dict)  # for resolve(), built on first use
    _ranks: dict[str, np.ndarray] = field(default_factory=dict)  # each value's place in name order
    _live: np.ndarray | None = None  # live_mask(), built on first use

    def docs_with(self, facet: str, value_numbers: list[int]) -> np.ndarray:
        """Boolean mask of documents having any of the values."""
        wanted = np.zeros(len(self.names[facet]) + 1, dtype=bool)
        wanted[value_numbers] = True
        owners = np.repeat(np.arange(self.n), np.diff(self.ptr[facet]))
        mask = np.zeros(self.n, dtype=bool)
        mask[owners[wanted[self.vals[facet]]]] = True
        return mask

    def count(self, facet: str, mask: np.ndarray, limit: int | None = None) -> list[tuple[str, int]]:
        """(value, documents) for values present under `mask`, most frequent first (ties in name
        order, so that the same documents list the same way however they were indexed); with `limit`,
        only the first `limit` of that list, found without sorting or listing the rest (a person facet
        has tens of thousands of values)."""
        lengths = np.diff(self.ptr[facet])
        selected = np.repeat(mask, lengths)
        counts = np.bincount(self.vals[facet][selected], minlength=len(self.names[facet]))
        present = np.flatnonzero(counts)
        if limit is not None and present.size > limit:
            # The limit-th largest count; everything above it, then the first values equal to it.
            threshold = -np.partition(-counts[present], limit - 1)[limit - 1]
            above = present[counts[present] > threshold]
            tied = present[counts[present] == threshold]
            tied = tied[np.argsort(self._rank(facet)[tied], kind="stable")][: limit - above.size]
            present = np.concatenate([above, tied])
        order = present[np.lexsort((self._rank(facet)[present], -counts[present]))]
        names = self.names[facet]
        return [(names[i], int(counts[i])) for i in order]

    def _rank(self, facet: str) -> np.ndarray:
        rank = self._ranks.get(facet)
        if rank is None:
            names = self.names[facet]
            rank = np.empty(len(names), dtype=np.int64)
            rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
            self._ranks[facet] = rank
        return rank

    def resolve(self, facet: str, wanted: str) -> list[int]:
        """Value numbers a user's filter means: the exact value, else values containing it (folded)."""
        if facet == "year":
            return []
        table = self.lookup.get(facet, {})
        if wanted in table:
            return [table[wanted]]
        key = spelling_key(wanted)
        same = [k for k, v in enumerate(self.names.get(facet, [])) if spelling_key(v) == key]
        if same:
            return same  # another spelling of a value ("Cục Nghệ thuật Biểu diễn", "Al-Thani"): the same value
        key = fold_accents(wanted).lower().strip()
        if not key:
            return []
        folded = self._folded_names.get(facet)
        if folded is None:
            folded = self._folded_names[facet] = [fold_accents(v).lower() for v in self.names.get(facet, [])]
        return [k for k, v in enumerate(folded) if key in v]

    def live_mask(self) -> np.ndarray:
        """Documents of this version that are not deleted."""
        if self._live is None:
            mask = np.zeros(self.n, dtype=bool)
            mask[[d for d, i in enumerate(self.ids) if i is not None]] = True
            self._live = mask
        return self._live


def facet_lists(matched: np.ndarray, cols: FacetColumns) -> dict[str, list[FacetValue]]:
    """The shown values of every facet over the documents of `matched`: the FACET_LIMIT most
    frequent of each facet, and every year (newest first)."""
    out: dict[str, list[FacetValue]] = {}
    for f in FACET_NAMES:
        out[f] = [FacetValue(value=v, count=c) for v, c in cols.count(f, matched, FACET_LIMIT)]
    years = cols.year[matched]
    values, counts = np.unique(years[years > 0], return_counts=True)
    out["year"] = [FacetValue(value=str(int(y)), count=int(c))
                   for y, c in sorted(zip(values, counts, strict=False), reverse=True)]
    return out
