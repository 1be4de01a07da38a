"""What a body does in a document: cited only, inside a legal reference ("Nghị định 15/2020/NĐ-CP của
Chính phủ", "Luật Tổ chức Chính phủ"), or mentioned as an actor; and, for news, the body that acts
(the first body of the title, else of the lead sentence)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from kb.extract.lexicon import alternation, cased
from kb.extract.titles import TITLE_AT

# Kinds of document a text cites by number ("Nghị định 24/2014/NĐ-CP", "Quyết định số 1673/QĐ-UBND").
_DOC_KINDS = (
    "nghị định", "thông tư", "thông tư liên tịch", "quyết định", "chỉ thị", "nghị quyết", "công văn",
    "thông báo", "kế hoạch", "kết luận", "tờ trình", "công điện", "hướng dẫn", "pháp lệnh", "luật",
    "bộ luật", "văn bản", "báo cáo", "thông cáo",
)  # fmt: skip
# A numbered reference up to the "của" / "do" that names its author, within one clause.
_NUMBERED_REFERENCE = re.compile(
    "(?:" + alternation(cased(*_DOC_KINDS)) + r")(?: số)?:?\s*\d[\w/.&-]*"
    r"(?:(?!\. )[^;:\n()\"]){0,140}?\s(?:của|do)\s+"
)
# The body a law is named after is not mentioned: "Luật Tổ chức Chính phủ", "Luật Tổ chức Quốc hội".
_LAW_TITLE = re.compile(r"Luật [Tt]ổ chức ")


class Mention(Protocol):
    start: int
    end: int
    name: str


def citation_anchors(text: str) -> list[int]:
    """Offsets where a cited author's name starts (after "của", and after its title if any:
    "của Thủ tướng Chính phủ" -> the offset of "Chính phủ")."""
    anchors: list[int] = []
    for m in _NUMBERED_REFERENCE.finditer(text):
        pos = m.end()
        anchors.append(pos)
        title = TITLE_AT.match(text, pos)
        if title is not None and text[title.end() : title.end() + 1] == " ":
            anchors.append(title.end() + 1)
    anchors.extend(m.end() for m in _LAW_TITLE.finditer(text))
    return sorted(set(anchors))


def split_citations(text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(mentions as actors, mentions inside a legal citation). A citation covers the body right after
    its anchor and every body nested in that name ("Cục Kiểm tra ... Bộ Tư pháp")."""
    anchors = citation_anchors(text)
    if not anchors:
        return list(mentions), []
    covered: list[tuple[int, int]] = []
    by_start: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_start.setdefault(mention.start, []).append(mention)
    for anchor in anchors:
        for mention in by_start.get(anchor, ()):
            covered.append((mention.start, mention.end))
    actors: list[Mention] = []
    cited: list[Mention] = []
    for mention in mentions:
        inside = any(start <= mention.start and mention.end <= end for start, end in covered)
        (cited if inside else actors).append(mention)
    return actors, cited


def news_issuer(text: str, mentions: Sequence[Mention], title_end: int) -> Mention | None:
    """The body that acts in a news story: the first body named in the title, else the first body
    of the lead sentence. None when neither names one (foreign news, sport, human interest)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for mention in ordered:
        if mention.start < title_end:
            return mention
    lead_end = _lead_end(text, title_end)
    for mention in ordered:
        if title_end <= mention.start < lead_end:
            return mention
    return None


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐÀ-Ỹ\"“])|\n")


def _lead_end(text: str, start: int) -> int:
    """End of the first sentence at or after `start` (blank lines skipped)."""
    while start < len(text) and text[start] in "\n ":
        start += 1
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)
