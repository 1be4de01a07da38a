"""Query understanding: from free text to concepts, and from concepts to a Whoosh query.

A query is cut into concepts: a document number, an abbreviation with its full forms, or a word.
- Typed with diacritics, a word matches exactly: its pyvi word in field "w" and its syllables in
  field "s" (folded matching would merge "bà" and "ba"). Only a word the index has never seen
  (a slip in the marks) falls back to its unaccented variants.
- Typed without diacritics, syllables are matched to indexed words ("quyet dinh" -> quyết_định)
  and to the accented syllables behind them, weighted by how often each form occurs, so the query
  ranks as the accented query would.
Every concept also carries a pattern for finding it in text: re-ranking and snippets use it.
A concept written twice is kept once, and at most MAX_CONCEPTS are kept (the rest is reported).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq

from kb.search.match import ConceptPattern
from kb.search.questions import question_concepts
from kb.search.vocab import MIN_WORD_DF, Vocabulary
from kb.text.abbreviations import MAX_FORM_SYLLABLES, abbreviation_groups, group_forms
from kb.text.normalize import fold_accents, has_diacritics
from kb.text.segment import segment
from kb.text.tokenize import DOC_NUMBER, iter_syllable_spans, iter_word_spans, syllables

W_WEIGHT = 1.0  # pyvi words: the precise view
S_WEIGHT = 0.6  # syllables: partial words and phrases
DOCNUM_OWN = 12.0
DOCNUM_CITED = 3.0
MAX_VARIANTS = 3
MIN_VARIANT_SHARE = 0.05
MIN_WORD_SHARE = 0.05
# Each concept is scored over every document and searched for in the re-ranked texts: a query of
# hundreds of words took seconds. Beyond this many distinct concepts the rest is dropped (reported).
MAX_CONCEPTS = 32
MAX_JOIN = 4  # one-syllable words of an accented query joined into one indexed word, at most

_DOC_NUMBER_RE = re.compile(rf"^(?:{DOC_NUMBER})$", re.UNICODE)

STOP_SYLLABLES = frozenset(
    "và của các những là có được cho với trong trên tại theo về để này đó khi đã đang sẽ thì mà "
    "như từ một cũng rất nhiều ra vào lại nên nhưng hay hoặc bị do ở".split()
)
# An unaccented syllable is a stop word when most of the documents' occurrences of its accented
# forms are a stop word ("thi" is mostly "thì", "co" mostly "có").
STOP_VARIANT_SHARE = 0.5
_FOLDED_STOP = frozenset(fold_accents(x) for x in STOP_SYLLABLES)

# Type words and codes that, followed by a number, name a document: "quyết định 1673", "QĐ 1673".
TYPE_CODES: dict[tuple[str, ...], str] = {
    ("quyet", "dinh"): "qd",
    ("nghi", "quyet"): "nq",
    ("chi", "thi"): "ct",
    ("thong", "bao"): "tb",
    ("ke", "hoach"): "kh",
    ("bao", "cao"): "bc",
    ("to", "trinh"): "ttr",
    ("nghi", "dinh"): "nd",
    ("thong", "tu"): "tt",
    ("cong", "van"): "cv",
}
TYPE_CODES.update({(code,): code for code in set(TYPE_CODES.values())})


Term = tuple[str, str, float]  # (field, term, weight)


@dataclass
class Alt:
    """One way a concept can match: every slot must match; a slot is an OR of weighted terms.
    With `phrase`, the syllables must also stand in that order (checked with Whoosh positions)."""

    slots: list[list[Term]]
    phrase: tuple[str, ...] | None = None


@dataclass
class Form:
    """One accepted written form of a concept, as index terms: present in a document when one of
    the `proof` terms is (a pyvi word, a document number key, a one-syllable term) or when the
    `slots` stand next to each other in this order in field "s" (each slot: one of its accent
    variants). What decides whether a document holds the concept (full and partial matches)."""

    slots: list[tuple[str, ...]] = field(default_factory=list)
    proof: list[tuple[str, str]] = field(default_factory=list)  # (field, term)


@dataclass
class Concept:
    label: str  # as typed
    alts: list[Alt]  # how it scores (BM25): looser than its forms, e.g. a word's syllables anywhere
    pattern: ConceptPattern
    syllables: tuple[str, ...]  # as typed, lower-case: for the whole-phrase check
    stop: bool = False
    docnum: bool = False
    start: int = 0
    end: int = 0
    suggestion: str | None = None  # accented or corrected spelling, if different
    forms: list[Form] = field(default_factory=list)  # how it is present (matching)
    question: bool = False  # a question word or filler ("như thế nào", "gì"): neither matches nor ranks


@dataclass
class PhraseSpec:
    """A quoted phrase (or an excluded word) as index terms: its syllables in this order, each
    position one of a few accent variants when typed without marks."""

    label: str
    slots: list[tuple[str, ...]]
    pattern: ConceptPattern


@dataclass
class QueryPlan:
    concepts: list[Concept] = field(default_factory=list)
    accented: bool = False
    duplicates: list[str] = field(default_factory=list)  # concepts written more than once, kept once
    dropped: list[str] = field(default_factory=list)  # concepts beyond MAX_CONCEPTS, in query order

    @property
    def core(self) -> list[Concept]:
        """The concepts that decide a match and the ranking: not stop words, not question words
        (all of them when nothing else is left, so that "và" still finds documents with "và")."""
        return [c for c in self.concepts if not c.stop and not c.question] or [
            c for c in self.concepts if not c.question] or self.concepts


def _one(field_name: str, term: str, weight: float) -> Alt:
    return Alt([[(field_name, term, weight)]])


@lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w, _, _ in iter_word_spans(segment(text)))


def _sylls_of(text: str) -> tuple[str, ...]:
    return tuple(t.lower() for t, _, _ in iter_syllable_spans(text))


PhraseExists = Callable[[tuple[str, ...]], bool]


class QueryBuilder:
    def __init__(self, searcher, vocab_fn, phrase_exists: PhraseExists | None = None):
        # This thread's Whoosh searcher: term statistics and phrase checks (readers are per thread).
        self.searcher = searcher
        self.reader = searcher.reader()
        self._vocab_fn = vocab_fn
        self._vocab: Vocabulary | None = None
        # The engine's bounded phrase check; Whoosh's own walks every candidate document.
        self._phrase_exists = phrase_exists

    @property
    def vocab(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = self._vocab_fn()
        return self._vocab

    def df(self, field_name: str, text: str) -> int:
        return self.reader.doc_frequency(field_name, text)

    def plan(self, text: str, quoted: list[tuple[int, int]] | None = None) -> QueryPlan:
        """Concepts of the free text; `quoted` character ranges (quoted phrases) keep their
        question words."""
        sylls = syllables(text)
        if not sylls:
            return QueryPlan()
        raw = [s.text for s in sylls]
        lower = [t.lower() for t in raw]
        folded = [fold_accents(t) for t in lower]
        accented = any(has_diacritics(t) for t in raw)
        taken = [False] * len(sylls)
        concepts: list[Concept] = []

        for i, s in enumerate(sylls):
            if s.protected and _DOC_NUMBER_RE.match(s.text):
                key = fold_accents(s.text).lower()
                concepts.append(self._docnum(s.text, [key], (lower[i],), i, alone=True))
                taken[i] = True
        for i, s in enumerate(sylls):
            if taken[i] or not s.text.isdigit() or not 1 <= len(s.text) <= 5:
                continue
            j = i - 1 if i > 0 and folded[i - 1] == "so" else i
            code = None
            for size in (2, 1):
                key = tuple(folded[j - size : j])
                if j - size >= 0 and key in TYPE_CODES:
                    code = TYPE_CODES[key]
                    break
            if code is None and len(sylls) > 1:
                continue  # a number among words ("40 triệu", "năm 2017"): an ordinary term
            keys = [f"{code}:{s.text}"] if code else [s.text]
            concepts.append(self._docnum(s.text, keys, (lower[i],), i, alone=len(sylls) <= 3))
            taken[i] = True

        for start, end, group in _find_abbreviations(folded):
            if any(taken[start:end]):
                continue
            concepts.append(self._abbreviation(group, tuple(lower[start:end]), accented, start, end))
            for k in range(start, end):
                taken[k] = True

        rest = [i for i in range(len(sylls)) if not taken[i]]
        for run in _runs(rest):
            if accented:
                piece = text[sylls[run[0]].start : sylls[run[-1]].end]
                concepts.extend(self._accented_words(piece, run, lower))
            else:
                concepts.extend(self._unaccented_words(run, lower, folded))
        concepts.sort(key=lambda c: c.start)
        for c in concepts:
            c.stop = c.stop or (not c.docnum and all(s in STOP_SYLLABLES for s in c.syllables))
        ranges = quoted or []
        protected = [any(a < sylls[c.end - 1].end and sylls[c.start].start < b for a, b in ranges) for c in concepts]
        asked = question_concepts([c.syllables for c in concepts], accented, protected)
        for c, q in zip(concepts, asked, strict=True):
            c.question = q and not c.docnum
        return _bounded(QueryPlan(concepts, accented))

    def _docnum(self, label: str, keys: list[str], typed: tuple[str, ...], i: int, alone: bool) -> Concept:
        """A document number. Written whole (1673/QĐ-UBND) or asked for alone ("QĐ 1673") it decides
        the ranking; a short number among other words ("nghị định 67 vay vốn") is one clue of many."""
        scale = 1.0 if alone else 0.15
        alts: list[Alt] = []
        for key in keys:
            alts.append(_one("docnum_own", key, DOCNUM_OWN * scale))
            alts.append(_one("docnum_all", key, DOCNUM_CITED * scale))
        alts.append(_one("s", typed[0], S_WEIGHT))
        pattern = ConceptPattern(folded={tuple(fold_accents(t) for t in typed)})
        form = Form([(typed[0],)], [(f, key) for key in keys for f in ("docnum_own", "docnum_all")])
        return Concept(label, alts, pattern, typed, docnum=True, start=i, end=i + 1, forms=[form])

    def _abbreviation(self, group: int, typed: tuple[str, ...], accented: bool, start: int, end: int) -> Concept:
        alts: list[Alt] = []
        forms: list[Form] = []
        pattern = ConceptPattern()
        suggestion = None
        for written in group_forms(group):
            sylls = _sylls_of(written)
            if len(sylls) == 1:
                alts.append(Alt([[("s", sylls[0], S_WEIGHT), ("w", sylls[0], W_WEIGHT)]]))
                forms.append(Form([(sylls[0],)], [("w", sylls[0])]))
            elif all(self.df("s", x) for x in sylls):
                # Every word of the full form present ("ủy_ban" and "nhân_dân"): nearly always the
                # phrase itself, for two cached term lookups instead of a phrase query. Whether a
                # document holds the concept is judged on the phrase.
                words = _words_of(written)
                alts.append(Alt([[("w", w, W_WEIGHT / len(words))] for w in words]))
                forms.append(Form([(x,) for x in sylls], [("w", words[0])] if len(words) == 1 else []))
            else:
                # The index has never seen the full form with these marks (documents written
                # without them, "kinh te xa hoi"): its syllables with the marks the index has.
                slots = [self.variants(fold_accents(x)) for x in sylls]
                alts.append(Alt([[("s", t, S_WEIGHT / len(sylls)) for t in slot] for slot in slots]))
                forms.append(Form(slots))
            pattern.exact.add(sylls)
            pattern.folded.add(tuple(fold_accents(x) for x in sylls))
            if not accented and tuple(fold_accents(x) for x in sylls) == typed and has_diacritics(written):
                suggestion = written
        (pattern.exact if accented else pattern.folded).add(typed)
        return Concept(" ".join(typed), alts, pattern, typed, start=start, end=end, suggestion=suggestion,
                       forms=forms)

    def _accented_words(self, piece: str, run: list[int], lower: list[str]) -> list[Concept]:
        out: list[Concept] = []
        k = run[0]
        words: list[tuple[str, int]] = []
        for word, _, _ in iter_word_spans(segment(piece)):
            n = max(1, min(len([p for p in word.split("_") if p]), run[-1] + 1 - k))
            words.extend(self._split_unknown(word, tuple(lower[k : k + n])))
            k += n
            if k > run[-1]:
                break
        words = self._join_known(words, lower, run[0])
        k = run[0]
        for word, n in words:
            sylls = tuple(lower[k : k + n])
            word_l = word.lower()
            if all(self.df("s", x) for x in sylls):
                known = self.df("w", word_l) > 0
                alts = [*([_one("w", word_l, W_WEIGHT)] if known else []),
                        *self._syllable_view(sylls, word_l, 1.0)]
                form = Form([(x,) for x in sylls], [("w", word_l)] if known and len(sylls) > 1 else [])
                out.append(Concept(word, alts, ConceptPattern(exact={sylls}), sylls, start=k, end=k + n,
                                   forms=[form]))
            else:
                # Never seen with these marks: a slip; match its unaccented variants instead.
                c = self._unaccented_span(tuple(fold_accents(x) for x in sylls), k, k + n)
                c.label, c.syllables = word, sylls
                out.append(c)
            k += n
        return out

    def _join_known(self, words: list[tuple[str, int]], lower: list[str], first: int) -> list[tuple[str, int]]:
        """pyvi often leaves the words of a short query apart where the documents join them
        ("giá xăng dầu tăng" -> "xăng", "dầu"; the documents write "xăng_dầu"). Neighbouring
        one-syllable words that together are a word of the index (in MIN_WORD_DF documents or
        more) become that word, longest first, as for an unaccented query (Vocabulary.restore)."""
        out: list[tuple[str, int]] = []
        i = 0
        k = first
        while i < len(words):
            joined = None
            for size in range(min(MAX_JOIN, len(words) - i), 1, -1):
                if all(n == 1 for _, n in words[i : i + size]):
                    key = "_".join(lower[k : k + size])
                    if self.df("w", key) >= MIN_WORD_DF:
                        joined = ("_".join(w for w, _ in words[i : i + size]), size)
                        break
            if joined is None:
                out.append(words[i])
                k += words[i][1]
                i += 1
            else:
                out.append(joined)
                k += joined[1]
                i += joined[1]
        return out

    def _split_unknown(self, word: str, sylls: tuple[str, ...]) -> list[tuple[str, int]]:
        """pyvi sometimes glues neighbouring names into one word ("Nguyễn_Ngọc_Thuần_Gia_Lâm"). A
        word of three or more syllables that no document contains, not even as a phrase, is cut
        into the longest words the index knows."""
        if len(sylls) < 3 or self.df("w", "_".join(sylls)):
            return [(word, len(sylls))]
        if self.phrase_exists(sylls):
            return [(word, len(sylls))]
        parts = word.split("_")
        out: list[tuple[str, int]] = []
        i = 0
        while i < len(sylls):
            for j in range(min(len(sylls), i + 4), i, -1):
                if j == i + 1 or self.df("w", "_".join(sylls[i:j])):
                    out.append(("_".join(parts[i:j]), j - i))
                    i = j
                    break
        return out

    def phrase_exists(self, sylls: tuple[str, ...]) -> bool:
        if self._phrase_exists is not None:
            return self._phrase_exists(sylls)
        return any(True for _ in self.searcher.docs_for_query(wq.Phrase("s", list(sylls), slop=1)))

    def _unaccented_words(self, run: list[int], lower: list[str], folded: list[str]) -> list[Concept]:
        out: list[Concept] = []
        for r in self.vocab.restore([folded[i] for i in run]):
            start = run[r.start]
            end = start + r.end - r.start
            out.append(self._unaccented_span(tuple(folded[start:end]), start, end, r.candidates))
        return out

    def _unaccented_span(self, sylls: tuple[str, ...], start: int, end: int,
                         candidates: list[tuple[str, float]] | None = None) -> Concept:
        vocab = self.vocab
        alts: list[Alt] = []
        forms: list[Form] = []
        suggestion = None
        variants: list[tuple[str, float]] = []
        if len(sylls) > 1:
            cands = candidates if candidates is not None else vocab.word_candidates("_".join(sylls))
            top = cands[0][1] if cands else 1.0
            for word, share in cands[:4]:
                if share >= MIN_WORD_SHARE:
                    rel = share / top
                    alts.append(_one("w", word, W_WEIGHT * rel))
                    alts.extend(self._syllable_view(tuple(word.split("_")), word, rel))
                    forms.append(Form([(x,) for x in word.split("_")], [("w", word)]))
            if cands:
                suggestion = cands[0][0].replace("_", " ")
            else:
                alts.append(Alt([self._variant_slot(x, S_WEIGHT / len(sylls)) for x in sylls]))
                forms.append(Form([self.variants(x) for x in sylls]))
        else:
            variants = candidates if candidates is not None else vocab.syllable_variants(sylls[0])
            top = variants[0][1] if variants else 1.0
            slot: list[Term] = []
            for syl, share in variants[:MAX_VARIANTS]:
                if share >= MIN_VARIANT_SHARE:
                    rel = share / top
                    # The syllable view only: each variant's word-view term would double the
                    # posting lists read for a small gain.
                    slot.append(("s", syl, (S_WEIGHT + W_WEIGHT) * rel))
            if variants and variants[0][1] >= 0.3:
                suggestion = variants[0][0]
            alts.append(Alt([slot or [("s", sylls[0], S_WEIGHT)]]))
            forms.append(Form([tuple(t for _, t, _ in slot) or (sylls[0],)]))
        stop = len(sylls) == 1 and sylls[0] in _FOLDED_STOP and (
            not variants or (variants[0][0] in STOP_SYLLABLES and variants[0][1] >= STOP_VARIANT_SHARE))
        return Concept(" ".join(sylls), alts, ConceptPattern(folded={sylls}), sylls, start=start, end=end,
                       suggestion=suggestion, forms=forms, stop=stop)

    def _syllable_view(self, sylls: tuple[str, ...], word: str, rel: float) -> list[Alt]:
        """The partial-word view of a word: its syllable for a one-syllable word; for a longer one,
        all its syllables anywhere in the text."""
        if len(sylls) == 1:
            return [_one("s", sylls[0], S_WEIGHT * rel)]
        slots = [[("s", x, S_WEIGHT * rel / len(sylls))] for x in sylls]
        if self.df("w", word) == 0:
            # pyvi cut this word differently in the documents (names often): the syllables in order.
            return [Alt([[("s", x, (W_WEIGHT + S_WEIGHT) * rel / len(sylls))] for x in sylls], phrase=sylls)]
        # All its syllables anywhere: catches texts where pyvi cut the word differently; order and
        # adjacency are judged when re-ranking.
        return [Alt(slots)]

    def _variant_slot(self, folded_syl: str, weight: float) -> list[Term]:
        return [("s", v, weight) for v in self.variants(folded_syl)]

    def variants(self, folded_syl: str) -> tuple[str, ...]:
        """The commonest accented forms of an unaccented syllable (itself if none is known)."""
        return tuple(v for v, _ in self.vocab.syllable_variants(folded_syl)[:MAX_VARIANTS]) or (folded_syl,)


def _bounded(qp: QueryPlan) -> QueryPlan:
    """One concept per distinct written form (the first), and at most MAX_CONCEPTS of them."""
    kept: list[Concept] = []
    seen: set[tuple[str, ...]] = set()
    for c in qp.concepts:
        if c.syllables in seen:
            if c.label.replace("_", " ") not in qp.duplicates:
                qp.duplicates.append(c.label.replace("_", " "))
        elif len(kept) >= MAX_CONCEPTS:
            qp.dropped.append(c.label.replace("_", " "))
        else:
            seen.add(c.syllables)
            kept.append(c)
    qp.concepts = kept
    return qp


def _find_abbreviations(folded: list[str]) -> list[tuple[int, int, int]]:
    groups = abbreviation_groups()
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < len(folded):
        for size in range(min(MAX_FORM_SYLLABLES + 1, len(folded) - i), 0, -1):
            g = groups.get(tuple(folded[i : i + size]))
            if g is not None:
                found.append((i, i + size, g))
                i += size
                break
        else:
            i += 1
    return found


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def phrase_spec(phrase: str, builder: QueryBuilder) -> PhraseSpec | None:
    """A quoted phrase: its syllables in order (accented exactly, or any accent variant); None
    when it has no syllable to search for ("--", "...")."""
    sylls = tuple(s.text.lower() for s in syllables(phrase))
    if not sylls:
        return None
    if any(has_diacritics(s) for s in sylls):
        return PhraseSpec(phrase, [(x,) for x in sylls], ConceptPattern(exact={sylls}))
    return PhraseSpec(phrase, [builder.variants(x) for x in sylls], ConceptPattern(folded={sylls}))
