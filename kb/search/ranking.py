"""Which documents match a query, fully or in part, and in what order they are shown.

- A document holds a concept when one of the concept's accepted forms is in it
  (kb.search.query.Form: a pyvi word, an abbreviation or its full form, a document number key,
  or the syllables standing together in order, accent variants included for unaccented queries).
  A full match holds every concept; a partial match some of them. Filters, quoted phrases and
  exclusions apply to both.
- Score: BM25 of every concept over all documents (kb.search.postings), summed over its looser
  alternatives (a word's syllables anywhere add a little), divided by the best score, plus
  COVERAGE_WEIGHT times the rarity-weighted share of the concepts the document holds (for ranking,
  a form's syllables all present count without a position check): of two partial matches, the one
  missing the commoner concept comes first.
- Order: in mode "all" (the default) full matches first, then partial ones; in mode "any" one list.
  Within a list the best RERANK_DEPTH are re-ranked by what a reader sees: each concept written
  as typed, neighbouring concepts together, the whole query as a phrase, the concepts in the title.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kb.models import SearchRequest
from kb.search import query as qb
from kb.search.facets import FacetColumns
from kb.search.match import DocText, QueryMatcher, adjacent, spans_by_concept
from kb.search.phrases import PhraseChecker
from kb.search.postings import PostingIndex

COVERAGE_WEIGHT = 3.0  # share of the query's concepts in the document: all words beat some
TITLE_WEIGHT = 0.6
PAIR_WEIGHT = 0.8  # neighbouring concepts next to each other
PHRASE_WEIGHT = 0.5  # every concept next to the next one
SEEN_WEIGHT = 1.0  # each concept written as in the query (not only its syllables scattered)
RERANK_DEPTH = 40
RERANK_CHARS = 3000  # evidence for re-ranking: the title and the lead, where news puts the facts


@dataclass
class Matches:
    """The documents of one search, as masks over the index version's document numbers."""

    matched: np.ndarray  # what `total`, the facets and the export count
    extra: np.ndarray  # partial matches, counted apart (empty in mode "any")
    complete: np.ndarray  # documents holding every concept: hit.match == "full"
    ranked: list[int]  # the first `top` documents in result order


def concept_scores(pidx: PostingIndex, c: qb.Concept, n: int, checker: PhraseChecker | None,
                   unverified: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """BM25 of one concept over all documents (sum over its alternatives) and where any of its
    alternatives matches (a looser set than where the concept is present)."""
    cscore = np.zeros(n, dtype=np.float32)
    cmask = np.zeros(n, dtype=bool)
    for alt in c.alts:
        ascore = np.zeros(n, dtype=np.float32)
        amask: np.ndarray | None = None
        for slot in alt.slots:
            smask = np.zeros(n, dtype=bool)
            for field_name, term, weight in slot:
                ids, sc = pidx.bm25(field_name, term)
                if ids.size:
                    ids = ids[ids < n]
                    ascore[ids] += weight * sc[: ids.size]
                    smask[ids] = True
            amask = smask if amask is None else amask & smask
        if amask is None:
            continue
        if alt.phrase is not None and amask.any() and checker is not None:
            found, unchecked = checker.matches([(x,) for x in alt.phrase], amask, ascore)
            amask &= found
            if unchecked.any():
                unverified.append(" ".join(alt.phrase))
        if len(alt.slots) > 1:
            ascore[~amask] = 0.0
        cscore += ascore
        cmask |= amask
    return cscore, cmask


@dataclass
class Presence:
    """Which documents of `base` hold the query's concepts."""

    full: np.ndarray  # every concept
    some: np.ndarray  # at least one concept
    loose: list[np.ndarray]  # per concept: a form's proof or all its syllables (for ranking only)


def concept_presence(pidx: PostingIndex, concepts: list[qb.Concept], base: np.ndarray, checker: PhraseChecker,
                     priority: np.ndarray, unverified: list[str]) -> Presence:
    """Full and partial matches, with as few position reads as the counts need.

    A form's proof term or a one-syllable form makes a concept surely present; a form of several
    syllables, all in the document but not as a proven word, makes it maybe present, which only a
    phrase check on positions settles. Positions are read only where the answer changes a count:
    for documents that may hold every concept, and for documents that hold no concept surely.
    Documents left unchecked (too many, kb.search.phrases) do not count, and the concept is named
    in `unverified`."""
    n = base.size
    sure: list[np.ndarray] = []
    maybe: list[np.ndarray] = []
    for c in concepts:
        s_mask = np.zeros(n, dtype=bool)
        m_mask = np.zeros(n, dtype=bool)
        for form in c.forms:
            for field_name, term in form.proof:
                ids, _ = pidx.postings(field_name, term)
                s_mask[ids[ids < n]] = True
            if len(form.slots) == 1:
                s_mask |= checker.slot_mask(form.slots[0])[:n]
            elif form.slots:
                m_mask |= np.logical_and.reduce([checker.slot_mask(slot)[:n] for slot in form.slots])
        sure.append(s_mask & base)
        maybe.append(m_mask & base & ~s_mask)
    full = base.copy()
    for s_mask, m_mask in zip(sure, maybe, strict=True):
        full &= s_mask | m_mask
    some_sure = np.logical_or.reduce(sure) if sure else np.zeros(n, dtype=bool)
    some_maybe = np.logical_or.reduce(maybe) if maybe else np.zeros(n, dtype=bool)
    undecided = some_maybe & ~some_sure  # a partial match only if one of its maybes holds
    found_any = np.zeros(n, dtype=bool)
    for k in sorted(range(len(concepts)), key=lambda i: int(maybe[i].sum())):
        check = (full | undecided) & maybe[k]
        if not check.any():
            continue
        held = np.zeros(n, dtype=bool)
        for form in concepts[k].forms:
            if len(form.slots) > 1:
                todo = check & ~held
                if todo.any():
                    found, unchecked = checker.matches(form.slots, todo, priority)
                    held |= found
                    if unchecked.any():
                        unverified.append(concepts[k].label.replace("_", " "))
        full &= ~(maybe[k] & ~held)
        found_any |= held
        undecided &= ~held
    some = some_sure | found_any
    loose = [s_mask | m_mask for s_mask, m_mask in zip(sure, maybe, strict=True)]
    return Presence(full & some, some, loose)


def priority_of(req: SearchRequest, plan_has_concepts: bool, score: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Higher for documents shown first: which ones a bounded phrase check looks at."""
    if req.sort == "oldest":
        return -np.where(dates > 0, dates, 99999999).astype(np.float64)
    if req.sort == "newest" or not plan_has_concepts:
        return dates.astype(np.float64)
    return score


def apply_phrases(checker: PhraseChecker | None, required: list[qb.PhraseSpec], exclude: list[qb.PhraseSpec],
                  matched: np.ndarray, priority: np.ndarray, unverified: list[str]) -> list[qb.PhraseSpec]:
    """Narrow `matched` in place to documents with every quoted phrase and no excluded one. A
    quoted phrase found in none of them is not required (the caller says so and searches its words
    unquoted): returned."""
    if checker is None:
        return []
    fallen: list[qb.PhraseSpec] = []
    # The rarest phrase first: what it leaves is all the next one has to check.
    rarity = {id(p): int(np.logical_and.reduce([checker.slot_mask(x) for x in p.slots]).sum()) for p in required}
    for p in sorted(required, key=lambda p: rarity[id(p)]):
        found, unchecked = checker.matches(p.slots, matched, priority)
        if not found.any() and not unchecked.any():
            fallen.append(p)
            continue
        matched &= found
        if unchecked.any():
            unverified.append(p.label)
    for x in exclude:
        if not matched.any():
            break
        found, unchecked = checker.matches(x.slots, matched, priority)
        # Unchecked documents hold every word of the excluded phrase: left out as well.
        matched &= ~(found | unchecked)
        if unchecked.any():
            unverified.append(x.label)
    return fallen


def match_and_rank(pidx: PostingIndex, checker: PhraseChecker | None, concepts: list[qb.Concept],
                   required: list[qb.PhraseSpec], exclude: list[qb.PhraseSpec], allowed: np.ndarray | None,
                   req: SearchRequest, cols: FacetColumns, top: int | None, store, unverified: list[str],
                   fallen: list[qb.PhraseSpec], with_extra: bool = True) -> Matches:
    """Full and partial matches and the ranking of the first `top` (all of them: None).
    `with_extra=False` skips ranking partial matches (an export lists full matches only)."""
    n = cols.n
    live = pidx.live[:n]
    base = live.copy() if allowed is None else (allowed & live)
    score = np.zeros(n, dtype=np.float32)
    covered = np.zeros(n, dtype=np.float32)
    idf_total = 0.0
    complete = base.copy()
    any_concept = np.zeros(n, dtype=bool)
    if concepts:
        scored = [concept_scores(pidx, c, n, checker, unverified) for c in concepts]
        for cscore, _ in scored:
            score += cscore
        priority = priority_of(req, True, score, cols.date[:n])
        population = max(1, pidx.live_count)
        if checker is not None:
            presence = concept_presence(pidx, concepts, base, checker, priority, unverified)
        else:
            loose_all = [m & base for _, m in scored]
            presence = Presence(base & np.logical_and.reduce(loose_all), base & np.logical_or.reduce(loose_all),
                                loose_all)
        for (_, alts_mask), held in zip(scored, presence.loose, strict=True):
            # Coverage weighs each concept by its rarity: missing "Quảng Nam" costs more than
            # missing "tỉnh". (Ranking only: a concept's syllables all in the document count.)
            idf = float(np.log(1.0 + population / max(1, int(alts_mask.sum()))))
            covered += idf * held
            idf_total += idf
        complete &= presence.full
        any_concept = presence.some
        matched = base & any_concept
    else:
        priority = priority_of(req, False, score, cols.date[:n])
        matched = base
    fallen.extend(apply_phrases(checker, required, exclude, matched, priority, unverified))
    complete &= matched
    if req.match == "any" or not concepts:
        groups = [matched]
        out = Matches(matched, np.zeros(n, dtype=bool), complete, [])
    else:
        partial = matched & ~complete
        groups = [complete, partial] if with_extra else [complete]
        out = Matches(complete, partial, complete, [])
    everything = np.flatnonzero(matched)
    best = float(score[everything].max()) if everything.size and concepts else 1.0
    value = score / (best or 1.0) + COVERAGE_WEIGHT * covered / (idf_total or 1.0)
    ranked: list[int] = []
    for group in groups:
        need = None if top is None else top - len(ranked)
        if need is not None and need <= 0:
            break
        ranked.extend(_order(np.flatnonzero(group), value, req, bool(concepts), cols, need, concepts, store))
    out.ranked = ranked if top is None else ranked[:top]
    return out


def _order(docs: np.ndarray, value: np.ndarray, req: SearchRequest, relevance: bool, cols: FacetColumns,
           need: int | None, concepts: list[qb.Concept], store) -> list[int]:
    """One group of documents in result order; only the first `need` are guaranteed re-ranked."""
    if req.sort in ("newest", "oldest") or not relevance:
        dates = cols.date[docs]
        if req.sort == "oldest":
            order = np.lexsort((docs, np.where(dates > 0, dates, 99999999)))
        else:
            order = np.lexsort((-docs, -dates))
        ranked = docs[order]
        return (ranked if need is None else ranked[:need]).tolist()
    vals = value[docs]
    order = np.argsort(-vals, kind="stable")
    depth = max(RERANK_DEPTH, (need or 0) + 20)
    head = docs[order[:depth]]
    reranked = rerank([(float(vals[i]), int(d)) for i, d in zip(order[:depth], head, strict=True)],
                      concepts, cols, store)
    ranked = reranked + docs[order[depth:]].tolist()
    return ranked if need is None else ranked[:need]


def rerank(scored: list[tuple[float, int]], concepts: list[qb.Concept], cols: FacetColumns, store) -> list[int]:
    """Order the best candidates by evidence a reader sees: neighbouring concepts together, the
    whole query as a phrase, the concepts in the title."""
    n = len(concepts)
    if len(scored) < 2 or not n:
        return [d for _, d in scored]
    docs = store.get_many([cols.ids[d] for _, d in scored if cols.ids[d] is not None])
    matcher = QueryMatcher([c.pattern for c in concepts])
    out = []
    for value, d in scored:
        ann = docs.get(cols.ids[d] or "")
        if ann is None:
            out.append((value, d))
            continue
        title = DocText(ann.title, matcher.needs_folded)
        body = DocText(ann.text[:RERANK_CHARS], matcher.needs_folded)
        in_title = spans_by_concept(matcher.find_all(title), n)
        in_body = spans_by_concept(matcher.find_all(body), n)
        title_cov = sum(1 for t in in_title if t) / n
        seen = sum(1 for t, b in zip(in_title, in_body, strict=True) if t or b) / n
        pairs = 0
        for k in range(n - 1):
            if adjacent(in_title[k], in_title[k + 1], title.text) or adjacent(in_body[k], in_body[k + 1], body.text):
                pairs += 1
        bonus = TITLE_WEIGHT * title_cov + SEEN_WEIGHT * seen
        if n > 1:
            bonus += PAIR_WEIGHT * pairs / (n - 1) + (PHRASE_WEIGHT if pairs == n - 1 else 0.0)
        out.append((value + bonus, d))
    out.sort(key=lambda x: -x[0])
    return [d for _, d in out]
