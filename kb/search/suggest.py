"""Did-you-mean: the accented spelling of an unaccented query, corrected syllables for unknown ones,
and a quoted phrase that exists for one that does not ("Trọng tại thương mại" -> "Trọng tài
thương mại"). Every suggestion is made of terms the index holds."""

from __future__ import annotations

import re

import numpy as np

from kb.search import query as qb
from kb.search.facets import FacetColumns
from kb.search.match import DocText, QueryMatcher
from kb.search.phrases import PhraseChecker
from kb.search.ranking import RERANK_CHARS
from kb.text.normalize import canonical_case, fold_accents
from kb.text.tokenize import syllables

PHRASE_CANDIDATES = 8  # replacements tried per syllable of a phrase found nowhere
_WORD = re.compile(r"[^\W\d_]+")


def suggest(qp: qb.QueryPlan, builder: qb.QueryBuilder) -> str | None:
    """Accented spelling for an unaccented query; corrected syllables for unknown ones."""
    words: list[str] = []
    changed = False
    for c in qp.concepts:
        label = " ".join(c.syllables)
        if c.question:  # "gì", "nào": not searched, so never "corrected" into a word that is
            words.append(label)
            continue
        if c.suggestion and c.suggestion.lower() != label:
            words.append(c.suggestion)
            changed = True
            continue
        if not c.docnum and len(c.syllables) == 1 and not builder.df("s", c.syllables[0]):
            fixed = builder.vocab.correct(c.syllables[0])
            if fixed:
                words.append(fixed)
                changed = True
                continue
        words.append(label)
    return " ".join(words) if changed else None


def spelling_in_results(text: str, concepts: list[qb.Concept], top: list[int], cols: FacetColumns,
                        store) -> str | None:
    """How the best matching documents write an unaccented query: each concept takes the
    accented form it has most often there ("chuyen doi so" -> "chuyển đổi số", not "sở")."""
    if not top or not concepts:
        return None
    docs = store.get_many([cols.ids[d] for d in top if cols.ids[d] is not None])
    matcher = QueryMatcher([c.pattern for c in concepts])
    counts: list[dict[str, float]] = [{} for _ in concepts]
    capitalised: list[dict[str, float]] = [{} for _ in concepts]
    shown: dict[str, str] = {}
    for ann in docs.values():
        for part in (ann.title, ann.text[:RERANK_CHARS]):
            found = matcher.find_all(DocText(part, True))
            for i, (a, b, k) in enumerate(found):
                surface = part[a:b]
                key = surface.lower()
                if fold_accents(key).split() != list(concepts[k].syllables):
                    continue  # another written form (UBND for "uy ban nhan dan"): not a spelling
                # A form standing next to its neighbour in the query counts most ("UBND tỉnh").
                near = (i > 0 and found[i - 1][2] == k - 1 and a - found[i - 1][1] <= 2) or (
                    i + 1 < len(found) and found[i + 1][2] == k + 1 and found[i + 1][0] - b <= 2)
                weight = 20.0 if near else 1.0
                counts[k][key] = counts[k].get(key, 0.0) + weight
                if surface[:1].isupper():
                    capitalised[k][key] = capitalised[k].get(key, 0.0) + weight
                    if surface.isupper() and (" " in surface or len(surface) > 5):
                        surface = canonical_case(surface)  # a header in capitals: "QUẢNG NAM"
                    if not shown.get(key) or shown[key].isupper():
                        shown[key] = surface
    words = []
    for c, seen, caps in zip(concepts, counts, capitalised, strict=True):
        if not seen:
            words.append(c.suggestion or " ".join(c.syllables))
            continue
        key = max(seen.items(), key=lambda kv: kv[1])[0]
        words.append(shown.get(key, key) if caps.get(key, 0.0) >= 0.6 * seen[key] else key)
    out = " ".join(words)
    typed = " ".join(x for c in concepts for x in c.syllables)
    if fold_accents(out).lower() != fold_accents(typed).lower() or out.lower() == text.lower():
        return None
    return out


def phrase_suggestion(phrase: str, checker: PhraseChecker, builder: qb.QueryBuilder,
                      among: np.ndarray | None) -> str | None:
    """A phrase the documents hold, one syllable away from a quoted phrase found nowhere: the
    syllable with other accent marks ("tại" -> "tài") or one edit away; the variant found in the
    most documents wins. The result keeps the capitals of the typed phrase."""
    spans = syllables(phrase)
    sylls = [s.text.lower() for s in spans]
    if not sylls:
        return None
    best: tuple[int, int, str] | None = None  # (documents, -position, replacement)
    best_at = -1
    for i, syl in enumerate(sylls):
        for cand in _replacements(syl, builder):
            trial = [(x,) for x in sylls]
            trial[i] = (cand,)
            found, unchecked = checker.matches(trial, among)
            count = int(found.sum() + unchecked.sum())
            if count and (best is None or count > best[0]):
                best, best_at = (count, -i, cand), i
    if best is None:
        return None
    original = spans[best_at].text
    replacement = best[2]
    if original[:1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    if original.isupper() and len(original) > 1:
        replacement = replacement.upper()
    span = spans[best_at]
    return phrase[: span.start] + replacement + phrase[span.end :]


def _replacements(syl: str, builder: qb.QueryBuilder) -> list[str]:
    """Other spellings of one syllable that the index holds, the most frequent first: the same
    letters with other marks, then syllables one edit away."""
    out: list[str] = []
    if syl[:1].isalpha():
        for form, _ in builder.vocab.syllable_variants(fold_accents(syl)):
            if form != syl and form not in out:
                out.append(form)
    try:
        near = [t for t in builder.reader.terms_within("s", syl, 1, prefix=1) if t != syl and t not in out]
    except Exception:  # noqa: BLE001 - a suggestion is optional; never fail a search for it
        near = []
    near = [t.decode("utf-8") if isinstance(t, bytes) else t for t in near]
    near.sort(key=lambda t: -builder.df("s", t))
    out.extend(near)
    return [t for t in out if _WORD.fullmatch(t)][:PHRASE_CANDIDATES]
