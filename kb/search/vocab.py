"""What the index knows about words: the accented forms behind an unaccented syllable or word,
and spelling corrections, all taken from the index vocabulary (so they exist in documents)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from kb.text.normalize import fold_accents

MIN_WORD_DF = 2  # words seen in one document only are mostly typos and rare names
MAX_WORD_SYLLABLES = 4


@dataclass(slots=True)
class Restored:
    """A run of query syllables [start, end) and the accented words it may stand for."""

    start: int
    end: int
    candidates: list[tuple[str, float]]  # (word as indexed, share of document frequency)


Groups = dict[str, list[list]]  # folded form -> [[accented form, document frequency], ...], most frequent first


def group_terms(syllables: dict[str, int], words: dict[str, int]) -> tuple[Groups, Groups]:
    """Index terms with their document frequencies, grouped by folded form: syllables of field "s"
    and multi-syllable words of field "w" (those in at least MIN_WORD_DF documents)."""
    out: list[Groups] = []
    for table, min_df in ((syllables, 1), (words, MIN_WORD_DF)):
        groups: dict[str, list[list]] = defaultdict(list)
        for term, df in table.items():
            if df >= min_df:
                groups[fold_accents(term)].append([term, df])
        for forms in groups.values():
            forms.sort(key=lambda f: (-f[1], f[0]))
        out.append(dict(groups))
    return out[0], out[1]


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def read_terms(reader) -> tuple[dict[str, int], dict[str, int]]:
    """Alphabetic syllables of field "s" and multi-syllable words of field "w", with document
    frequencies, read from a Whoosh reader (kb.search.derived keeps them per segment)."""
    syllables: dict[str, int] = {}
    for term, info in reader.iter_field("s"):
        t = _text(term)
        if t[:1].isalpha():
            syllables[t] = info.doc_frequency()
    words: dict[str, int] = {}
    for term, info in reader.iter_field("w"):
        t = _text(term)
        if "_" in t and t[:1].isalpha():
            words[t] = info.doc_frequency()
    return syllables, words


def shard_of(folded_key: str) -> str:
    """Vocabulary files are split by the first letter of the folded form, so that a query reads
    only the few it needs (kb.search.derived)."""
    first = folded_key[:1]
    return first if "a" <= first <= "z" else "other"


ShardLoader = Callable[[str], tuple[Groups, Groups]]


class Vocabulary:
    """Folded form -> accented forms with their share of document frequency, for syllables (field
    "s") and multi-syllable words (field "w").

    Built from the reader's terms, or given `load_shard`, which returns the groups of one shard
    (shard_of) and is called the first time a form of that shard is looked up."""

    def __init__(self, reader, groups: tuple[Groups, Groups] | None = None, load_shard: ShardLoader | None = None):
        self.reader = reader
        self._load_shard = load_shard
        self._syllable_groups: Groups = {}
        self._word_groups: Groups = {}
        self._loaded: set[str] = set()
        if load_shard is None:
            if groups is None:
                groups = group_terms(*read_terms(reader))
            self._syllable_groups, self._word_groups = groups
        self._shares: dict[tuple[int, str], list[tuple[str, float]]] = {}

    def _groups(self, which: int, key: str) -> Groups:
        if self._load_shard is not None:
            shard = shard_of(key)
            if shard not in self._loaded:
                syl, words = self._load_shard(shard)
                self._syllable_groups.update(syl)
                self._word_groups.update(words)
                self._loaded.add(shard)
        return self._syllable_groups if which == 0 else self._word_groups

    def _ranked(self, which: int, key: str) -> list[tuple[str, float]]:
        got = self._shares.get((which, key))
        if got is None:
            forms = self._groups(which, key).get(key, [])
            total = sum(df for _, df in forms) or 1
            got = self._shares[(which, key)] = [(form, df / total) for form, df in forms]
        return got

    def syllable_variants(self, folded: str) -> list[tuple[str, float]]:
        return self._ranked(0, folded)

    def word_candidates(self, folded_word: str) -> list[tuple[str, float]]:
        return self._ranked(1, folded_word)

    def restore(self, folded: list[str]) -> list[Restored]:
        """Greedy longest match of folded syllables against indexed multi-syllable words:
        ["quyet", "dinh", "thanh", "lap"] -> quyết_định, thành_lập; single syllables otherwise."""
        out: list[Restored] = []
        i = 0
        while i < len(folded):
            for size in range(min(MAX_WORD_SYLLABLES, len(folded) - i), 1, -1):
                key = "_".join(folded[i : i + size])
                cands = self._ranked(1, key) if key in self._groups(1, key) else None
                if cands:
                    out.append(Restored(i, i + size, cands))
                    i += size
                    break
            else:
                out.append(Restored(i, i + 1, self._ranked(0, folded[i])))
                i += 1
        return out

    def correct(self, term: str) -> str | None:
        """The most frequent syllable within one edit of `term` (accented or folded input)."""
        best, best_df = None, 0
        try:
            for cand in self.reader.terms_within("s", term, 1, prefix=1):
                if cand == term:
                    continue
                df = self.reader.doc_frequency("s", cand)
                if df > best_df:
                    best, best_df = cand, df
        except Exception:  # noqa: BLE001 - a suggestion is optional; never fail a search for it
            return None
        return best if best_df >= MIN_WORD_DF else None
