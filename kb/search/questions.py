"""Question words and filler of natural-language questions ("thủ tục cấp giấy phép xây dựng cần
những giấy tờ gì", "trường hợp nào thì bị thu hồi đất"): they ask, they do not describe what the
documents hold, so they neither decide a match nor weigh in the ranking. Typed inside quotes they
are part of the phrase and count.

The lists are of whole syllable sequences matched on the query's concepts (pyvi words and
abbreviations stay whole: "thiết bị", "Ai Cập", "cần thiết" are never touched). A question phrase
is dropped only when it covers whole concepts. Unaccented queries are matched on folded syllables,
with only the sequences whose folded form has no common other meaning ("gi", "nao", "bao nhieu";
not "can", "dau", "chua", which are also "căn", "dầu", "chùa").
"""

from __future__ import annotations

from kb.text.normalize import fold_accents

# Anywhere in the query.
QUESTION_PHRASES = [
    "như thế nào", "thế nào", "như nào", "ra sao", "làm sao", "làm thế nào", "tại sao", "vì sao",
    "là gì", "những gì", "cái gì", "điều gì", "gì", "nào", "trường hợp nào", "bao nhiêu", "bao giờ",
    "khi nào", "lúc nào", "ở đâu", "đâu", "ai", "mấy", "có được không", "được không", "hay không",
    "có phải", "phải không", "hay chưa", "cho hỏi", "xin hỏi", "cho tôi hỏi", "tôi muốn hỏi", "tôi",
    "cần", "phải", "muốn", "có thể",
]
# Only as the last word: "... có được hưởng chế độ thai sản không", "... đã nhận giải chưa".
TRAILING = ["không", "chưa", "nhỉ", "vậy", "ạ", "à"]
# Folded forms that stand for other common words as well: not dropped from unaccented queries.
AMBIGUOUS_FOLDED = {"dau", "may", "can", "phai", "muon", "toi", "chua", "vay", "a", "co the"}

MAX_PHRASE = 4


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


_ACCENTED = {_key(p) for p in QUESTION_PHRASES}
_FOLDED = {_key(fold_accents(p)) for p in QUESTION_PHRASES} - {_key(a) for a in AMBIGUOUS_FOLDED}
_TRAILING = {(t,) for t in TRAILING}
_TRAILING_FOLDED = {(fold_accents(t),) for t in TRAILING} - {_key(a) for a in AMBIGUOUS_FOLDED}


def question_concepts(concept_syllables: list[tuple[str, ...]], accented: bool,
                      protected: list[bool] | None = None) -> list[bool]:
    """Which concepts (given by their lower-case syllables, in query order) are question words or
    filler. `protected` concepts (typed inside quotes) are never dropped."""
    n = len(concept_syllables)
    out = [False] * n
    phrases = _ACCENTED if accented else _FOLDED
    trailing = _TRAILING if accented else _TRAILING_FOLDED
    keys = [tuple(s if accented else fold_accents(s) for s in sylls) for sylls in concept_syllables]
    i = 0
    while i < n:
        # The longest run of whole concepts, starting here, that is one question phrase.
        taken = 0
        run: tuple[str, ...] = ()
        for j in range(i, n):
            run = run + keys[j]
            if len(run) > MAX_PHRASE:
                break
            if run in phrases:
                taken = j - i + 1
        if taken and not any(protected[i : i + taken] if protected else ()):
            for k in range(i, i + taken):
                out[k] = True
            i += taken
        else:
            i += 1
    if n and keys[-1] in trailing and not (protected and protected[-1]):
        out[-1] = True
    return out
