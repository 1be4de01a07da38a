"""Snippets and highlighted text: escaped HTML with <mark> around whole matched syllable runs of
the ORIGINAL text, also when the match came from folding or from an abbreviation's full form.

Works on the whole document (no 32K cut-off like Whoosh's highlighter): one regex pass per query
concept (kb.search.match), then the densest windows.
"""

from __future__ import annotations

import html
import re

from kb.search.match import ConceptPattern, DocText, QueryMatcher, merge_spans

_WORD = re.compile(r"[^\W_]+")


def find_marks(text: str, patterns: list[ConceptPattern]) -> list[tuple[int, int, int]]:
    """(start, end, concept index) of every match, in text order."""
    matcher = QueryMatcher(patterns)
    return matcher.find_all(DocText(text, matcher.needs_folded))


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    pos = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        parts.append(html.escape(text[pos:a]))
        parts.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        pos = b
    parts.append(html.escape(text[pos:end]))
    return "".join(parts)


def highlight_all(text: str, patterns: list[ConceptPattern]) -> str:
    """The whole text as escaped HTML with matches marked."""
    marks = find_marks(text, patterns)
    return _render(text, 0, len(text), merge_spans([(a, b) for a, b, _ in marks]))


def _word_boundary_left(text: str, pos: int, budget: int) -> int:
    """A start about `budget` characters before pos, moved forward to the start of a word."""
    lo = max(0, pos - budget)
    if lo == 0:
        return 0
    m = _WORD.search(text, lo)
    if m and m.start() > lo and text[lo - 1 : lo].strip() and text[lo:lo + 1].strip():
        return m.start()
    while lo < pos and not text[lo].isspace():
        lo += 1
    return lo + 1 if lo < pos else pos


def _word_boundary_right(text: str, pos: int) -> int:
    """The end of the word at pos (never inside a word or a character)."""
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def snippet(text: str, patterns: list[ConceptPattern], *, width: int = 220, fragments: int = 2) -> str:
    """Up to `fragments` windows of about `width` characters where the most distinct concepts meet."""
    marks = find_marks(text, patterns)
    if not marks:
        end = _word_boundary_right(text, min(len(text), width)) if len(text) > width else len(text)
        return html.escape(text[:end]) + (" …" if end < len(text) else "")
    candidates = []
    for i, (a, _, _) in enumerate(marks):
        lo = a
        hi = a + width
        distinct = {k for x, _, k in marks[i:] if x < hi}
        candidates.append((len(distinct), -i, lo))
    candidates.sort(reverse=True)
    windows: list[tuple[int, int]] = []
    for _, _, lo in candidates:
        start = _word_boundary_left(text, lo, width // 4)
        end = _word_boundary_right(text, min(len(text), start + width))
        if all(end <= s or start >= e for s, e in windows):
            windows.append((start, end))
        if len(windows) >= fragments:
            break
    windows.sort()
    spans = merge_spans([(a, b) for a, b, _ in marks])
    pieces = []
    for start, end in windows:
        body = _render(text, start, end, spans).replace("\n", " ")
        pieces.append(("… " if start > 0 else "") + body.strip() + (" …" if end < len(text) else ""))
    return " ".join(pieces).replace("… …", "…")
