"""What a body does in a document: cited only, inside a legal reference ("Nghị định 15/2020/NĐ-CP của
Chính phủ", "Luật Tổ chức Chính phủ"), or mentioned as an actor; and, for news, the body that acts
(the first body of the title, else of the lead sentence)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from kb.extract.lexicon import LOWER, UPPER, alternation, load_json
from kb.extract.titles import TITLE_AT
from kb.text.normalize import lower_same_length

# Kinds of document a text cites by number ("Nghị định 24/2014/NĐ-CP", "Quyết định số 1673/QĐ-UBND").
_DOC_KINDS = (
    "nghị định", "thông tư", "thông tư liên tịch", "quyết định", "chỉ thị", "nghị quyết", "công văn",
    "thông báo", "kế hoạch", "kết luận", "tờ trình", "công điện", "hướng dẫn", "pháp lệnh", "luật",
    "bộ luật", "văn bản", "báo cáo", "thông cáo", "đề án",
)  # fmt: skip
# A numbered reference up to the "của" / "do" that names its author, within one clause.
_NUMBERED_REFERENCE = re.compile(
    "(?:" + alternation(_DOC_KINDS) + r")(?: số)?:?\s*\d[\w/.&-]*"
    r"(?:(?!\. )[^;:\n()\"]){0,140}?\s(?:của|do)\s+"
)
# A kind followed by a number, searched in the reversed text: the pattern then starts with a digit,
# which the regex engine finds far faster than the many words a kind starts with.
_NUMBER_THEN_KIND_REVERSED = re.compile(r"\d ?:?(?:ốs )?(?:" + alternation([k[::-1] for k in _DOC_KINDS]) + ")")
# The body a law is named after is not mentioned: "Luật Tổ chức Chính phủ", "Luật Tổ chức Quốc hội".
_LAW_TITLE = re.compile(r"Luật [Tt]ổ chức ")


# A decree or resolution named by its author alone, no number ("Nghị quyết của Quốc hội và Chính phủ về
# ...", "Nghị định của Chính phủ về lĩnh vực văn hóa"): the author is cited, and so is a second author
# joined by "và". ("quyết định của" is left out: a decision in general, often the body acting.) Found
# from each " của " by a look at the words before it: a regex scan for the kinds is far slower.
_UNNUMBERED_KINDS = ("nghị định", "nghị quyết", "thông tư", "chỉ thị")
_OF = " của "


def _unnumbered_anchors(lowered: str) -> list[int]:
    """Offsets after "<kind> của " in the lower-cased text, the kind a whole word."""
    anchors = []
    i = lowered.find(_OF)
    while i >= 0:
        if lowered.endswith(_UNNUMBERED_KINDS, 0, i):
            kind_start = next(i - len(k) for k in _UNNUMBERED_KINDS if lowered.endswith(k, 0, i))
            if kind_start == 0 or not lowered[kind_start - 1].isalnum():
                anchors.append(i + len(_OF))
        i = lowered.find(_OF, i + 1)
    return anchors


class Mention(Protocol):
    start: int
    end: int
    name: str


def citation_anchors(text: str) -> list[int]:
    """Offsets where a cited author's name starts (after "của", and after its title if any:
    "của Thủ tướng Chính phủ" -> the offset of "Chính phủ")."""
    anchors: list[int] = [m.end() for m in _LAW_TITLE.finditer(text)] if "Luật " in text else []
    # Offsets are the same in the lower-cased text, which a case-sensitive pattern scans faster.
    lowered = lower_same_length(text)
    anchors += _unnumbered_anchors(lowered)
    if not _NUMBER_THEN_KIND_REVERSED.search(lowered[::-1]):
        return sorted(anchors)  # most news cites no numbered document
    for m in _NUMBERED_REFERENCE.finditer(lowered):
        pos = m.end()
        anchors.append(pos)
        title = TITLE_AT.match(text, pos)
        if title is not None and text[title.end() : title.end() + 1] == " ":
            anchors.append(title.end() + 1)
    return sorted(set(anchors))


# A joint document ("Thông tư liên tịch số 06/2013/TTLT-BCA-BQP ... của Bộ Công an, Bộ Quốc phòng và Bộ
# Tài chính"): every body listed after "của" is one of its authors.
_JOINT_KIND = re.compile(r"(?i)liên tịch|liên bộ")
_AUTHOR_JOINT = re.compile(r", | và |; ")


def _joint_authors(text: str, end: int, by_start: dict[int, list[Mention]]) -> list[tuple[int, int]]:
    """The spans of the bodies listed one after another from `end` on."""
    spans: list[tuple[int, int]] = []
    while len(spans) < 12:
        joint = _AUTHOR_JOINT.match(text, end)
        following = by_start.get(joint.end(), ()) if joint is not None else ()
        if not following:
            break
        spans += [(m.start, m.end) for m in following]
        if joint.group(0) == " và ":
            break  # "..., Bộ Tài chính và | Viện Kiểm sát ...": the last author
        end = max(m.end for m in following)
    return spans


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
            if text.startswith(" và ", mention.end) and _unnumbered_anchors(
                " " + text[max(0, anchor - 20) : anchor].lower()
            ):  # "Nghị quyết của Quốc hội và | Chính phủ": both authors (the space: a kind cut at its start)
                covered += [(m.start, m.end) for m in by_start.get(mention.end + len(" và "), ())]
            if _JOINT_KIND.search(text, max(0, anchor - 200), anchor):
                covered += _joint_authors(text, mention.end, by_start)
    actors: list[Mention] = []
    cited: list[Mention] = []
    for mention in mentions:
        inside = any(start <= mention.start and mention.end <= end for start, end in covered)
        (cited if inside else actors).append(mention)
    return actors, cited


def news_issuer(text: str, mentions: Sequence[Mention], title_end: int) -> str | None:
    """The body that acts in a news story: the first body of the lead sentence that is not part of a
    person's role ("Chủ tịch UBND huyện X" is about a person), else the first such body of the title;
    else the Government when the Prime Minister acts there; else the first such body of the next two
    sentences, else the first body of any of them. None when none names one (foreign news, sport,
    human interest)."""
    outer = _outermost(mentions)
    lead_end = _lead_end(text, title_end)
    opening_end = _lead_end(text, _lead_end(text, lead_end))
    lead = [m for m in outer if title_end <= m.start < lead_end]
    title = [m for m in outer if m.start < title_end]
    opening = [m for m in outer if lead_end <= m.start < opening_end]
    for group, start in ((lead, title_end), (title, 0)):
        subject = _subject_body(text, group, start)
        if subject is not None:
            return subject.name
        if _prime_minister_subject(text, group, start):
            return "Chính phủ"  # "Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa ký công văn yêu cầu UBND tỉnh X ..."
    for group in (lead, title):
        actor = _first_actor(text, group, served=False)
        if actor is not None:
            return actor.name
    if _PRIME_MINISTER.search(text, 0, lead_end):
        return "Chính phủ"
    for group in (opening, lead, title):
        actor = _first_actor(text, group, served=group is not opening)
        if actor is not None:
            return actor.name
    for group in (lead, title, opening):
        if group:
            return min(group, key=lambda m: m.start).name
    return None


# The Vietnamese Prime Minister or a deputy ("Thủ tướng Nguyễn Xuân Phúc", "Phó Thủ tướng Thường trực
# Trương Hòa Bình", "Thủ tướng chủ trì", "Thủ tướng Chính phủ"), not another country's ("Thủ tướng Anh",
# "Thủ tướng Shinzo Abe") nor a former one: the word after the title is lower case, "Chính phủ" or a
# Vietnamese family name.
_PRIME_MINISTER = re.compile(
    r"(?<![Cc]ựu )(?<![Nn]guyên )(?<![Cc]ựu [Pp]hó )(?<![Nn]guyên [Pp]hó )Thủ tướng(?: Thường trực)?(?=[:,.]|$| ["
    + LOWER
    + "]| Chính phủ| (?:"
    + alternation(load_json("surnames.json")["common"])
    + r") )"
)


# Bodies that news is mostly about rather than bodies that act: a school or hospital in the lead is
# usually where something happened, and the education or health authority, the police or the council
# that answers is the actor. They act only when no other body does.
_SERVED = ("Trường ", "Bệnh viện ")


def _first_actor(text: str, group: list[Mention], served: bool = True) -> Mention | None:
    """The first body of a group that is not part of a person's role (schools and hospitals only with
    `served`)."""
    for mention in sorted(group, key=lambda m: m.start):
        if not _after_title(text, mention.start) and (served or not mention.name.startswith(_SERVED)):
            return mention
    return None


# A sentence whose subject is an office holder: an optional time phrase, an optional honorific and
# name, then the title of the body named next ("Chiều 9/7, ông Hồ Đăng Khôi, Chủ tịch | UBND tỉnh ...",
# "Bí thư | Tỉnh ủy Nghệ An làm việc ..."): that body acts.
_SUBJECT_TITLE = re.compile(
    rf"(?:[^,.;:\n]{{0,40}}, )?(?:(?:ông|bà|đồng chí|Ông|Bà|Đồng chí) )?"
    rf"(?:[{UPPER}][{LOWER}]*(?: [{UPPER}][{LOWER}]*){{1,4}}(?:, | - | – ))?"
    r"(?:[Pp]hó )?(?:Chủ tịch|Bí thư|Giám đốc|Bộ trưởng|Chủ nhiệm|Viện trưởng|Chánh án|Trưởng ban) $"
)


def _subject_body(text: str, group: list[Mention], start: int) -> Mention | None:
    """The body of the office holder who is the subject of the sentence starting at `start`."""
    first = min(group, key=lambda m: m.start, default=None)
    while start < len(text) and text[start] in "\n ":
        start += 1
    if first is None or first.start - start > 120:
        return None
    return first if _SUBJECT_TITLE.fullmatch(text, start, first.start) else None


def _prime_minister_subject(text: str, group: list[Mention], start: int) -> bool:
    """The (Deputy) Prime Minister is the subject of the sentence at `start`, before any body: "Thủ tướng
    yêu cầu ...", "Sáng 5/6, Thủ tướng Nguyễn Xuân Phúc chủ trì ..."."""
    if text.find("Thủ tướng", start, start + 130) < 0:
        return False  # most leads
    while start < len(text) and text[start] in "\n ":
        start += 1
    first = min((m.start for m in group), default=start + 120)
    pm = _PRIME_MINISTER.search(text, start, min(first, start + 60) + len("Thủ tướng"))
    return pm is not None and pm.start() < first and _SUBJECT_LEAD.fullmatch(text, start, pm.start()) is not None


# What may come before the subject of a lead: a time or a place ("Sáng 5/6, ", "Chiều nay, tại Hà Nội, ").
_SUBJECT_LEAD = re.compile(r"(?:[^.,;:!?\n]{0,40}, )*(?:(?:Phó|phó) )?")


def _outermost(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions not nested in another body's name ("Chính phủ" in "Văn phòng Chính phủ" is not
    the actor), one per span."""
    out: list[Mention] = []
    spans: set[tuple[int, int]] = set()
    for m in mentions:
        span = (m.start, m.end)
        if span in spans:
            continue
        if any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != span for o in mentions):
            continue
        spans.add(span)
        out.append(m)
    return out


def _after_title(text: str, start: int) -> bool:
    """True when a title ends right before `start` ("Chủ tịch | UBND tỉnh", "Giám đốc | Sở Y tế")."""
    window = text[max(0, start - 30) : start].lower()
    return bool(_TITLE_BEFORE.search(window))


_TITLE_BEFORE = re.compile(
    r"(?:chủ tịch|giám đốc|bí thư|trưởng|phó|chánh|thứ trưởng|bộ trưởng|thủ tướng|ủy viên|chủ nhiệm|"
    r"viện trưởng|cán bộ|chuyên viên|lãnh đạo|thanh tra|đại diện|nguyên|cựu)(?: ban| phòng)?\s*$"
)


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐÀ-Ỹ\"“])|\n")


def _lead_end(text: str, start: int) -> int:
    """End of the first sentence at or after `start` (blank lines skipped)."""
    while start < len(text) and text[start] in "\n ":
        start += 1
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)
