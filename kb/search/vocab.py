"""What the index knows about words: the accented forms behind an unaccented syllable or word,
and spelling corrections, all taken from the index vocabulary (so they exist in documents)."""

from __future__ import annotations

from collections import defaultdict
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


def _ranked(table: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for key, forms in table.items():
        total = sum(forms.values())
        out[key] = [(w, df / total) for w, df in sorted(forms.items(), key=lambda kv: -kv[1])]
    return out


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


class Vocabulary:
    """Folded form -> accented forms with their share of document frequency, for syllables (field
    "s") and multi-syllable words (field "w")."""

    def __init__(self, reader):
        self.reader = reader
        syl: dict[str, dict[str, int]] = defaultdict(dict)
        for term, info in reader.iter_field("s"):
            t = _text(term)
            if t[:1].isalpha():
                syl[fold_accents(t)][t] = info.doc_frequency()
        words: dict[str, dict[str, int]] = defaultdict(dict)
        for term, info in reader.iter_field("w"):
            t = _text(term)
            if "_" not in t or not t[:1].isalpha():
                continue
            df = info.doc_frequency()
            if df >= MIN_WORD_DF:
                words[fold_accents(t)][t] = df
        self._syllables = _ranked(syl)
        self._words = _ranked(words)

    def syllable_variants(self, folded: str) -> list[tuple[str, float]]:
        return self._syllables.get(folded, [])

    def word_candidates(self, folded_word: str) -> list[tuple[str, float]]:
        return self._words.get(folded_word, [])

    def restore(self, folded: list[str]) -> list[Restored]:
        """Greedy longest match of folded syllables against indexed multi-syllable words:
        ["quyet", "dinh", "thanh", "lap"] -> quyết_định, thành_lập; single syllables otherwise."""
        out: list[Restored] = []
        i = 0
        while i < len(folded):
            for size in range(min(MAX_WORD_SYLLABLES, len(folded) - i), 1, -1):
                cands = self._words.get("_".join(folded[i : i + size]))
                if cands:
                    out.append(Restored(i, i + size, cands))
                    i += size
                    break
            else:
                out.append(Restored(i, i + 1, self._syllables.get(folded[i], [])))
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
