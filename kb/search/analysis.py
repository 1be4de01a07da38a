"""Whoosh analyzers for Vietnamese, composed from one tokenizer per unit and small filters.

Views of the same text, all keeping character offsets:
- words     ("chủ_tịch"): pyvi words, precise; fed the segmented text (see kb.text.segment)
- syllables ("chủ", "tịch"): accented syllables, for phrases and partial words
Unaccented queries reach them through the index vocabulary (kb.search.vocab) rather than a third,
folded, field: same recall, a third fewer postings to write.
"""

from __future__ import annotations

from whoosh.analysis import Token, Tokenizer

from kb.text.normalize import lower_same_length
from kb.text.tokenize import iter_syllable_spans, iter_word_spans


class _SpanTokenizer(Tokenizer):
    """Turns (text, start, end) spans of the lower-cased value into Whoosh tokens."""

    def spans(self, value: str):  # pragma: no cover - overridden
        raise NotImplementedError

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        lowered = lower_same_length(value)
        for pos, (text, start, end) in enumerate(self.spans(lowered)):
            t.text = text
            t.boost = 1.0
            if keeporiginal:
                t.original = text
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class SyllableTokenizer(_SpanTokenizer):
    """One token per syllable or protected span; "_" from segmentation separates syllables."""

    def spans(self, value: str):
        return iter_syllable_spans(value)


class WordTokenizer(_SpanTokenizer):
    """One token per pyvi word of a segmented text ("Chủ_tịch UBND" -> "Chủ_tịch", "UBND")."""

    def spans(self, value: str):
        return iter_word_spans(value)


class SplitValuesTokenizer(Tokenizer):
    """Facet values joined by the unit separator, each value kept whole and exact."""

    SEP = "\x1f"

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        t = Token(positions, chars, mode=mode, **kwargs)
        for pos, part in enumerate(p for p in value.split(self.SEP) if p):
            t.text = part
            t.boost = 1.0
            if positions:
                t.pos = pos
            yield t


# The tokenizers lower-case the text before cutting it (one str.lower() per document is far
# cheaper than a LowercaseFilter step per token).
def word_analyzer():
    return WordTokenizer()


def syllable_analyzer():
    return SyllableTokenizer()


def values_analyzer():
    return SplitValuesTokenizer()


def join_values(values) -> str:
    return SplitValuesTokenizer.SEP.join(v for v in values if v)
