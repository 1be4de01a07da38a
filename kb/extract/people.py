"""People: real named persons in a text, with the role the text gives them ("Chủ tịch UBND tỉnh
Nguyễn Văn Phương", "ông Bạch Chơn Đông, Phó Giám đốc Sở Nội vụ", signer blocks), in one canonical
spelling per person. Regex-based: a family-name table, honorifics, a title lexicon and stop lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.extract.header import Header
from kb.extract.lexicon import (
    CAP_RUN,
    FUNCTION_CAPS,
    LOWER,
    UPPER,
    Run,
    Spans,
    alternation,
    canonical_org_words,
    cap_runs,
    cut_at_function_word,
    load_json,
    proper_case,
    word_matches,
)
from kb.extract.places import lookup_place_prefix
from kb.extract.roles import signer_role
from kb.extract.titles import (
    BARE_TITLES,
    GOV_TITLE_RE,
    TITLE_ALT,
    TITLE_AT,
    TITLE_LOWER_RE,
    TITLE_MODIFIERS,
    TITLE_RE,
    title_casing,
)
from kb.models import Person
from kb.text.normalize import lower_same_length

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

_SURNAMES = load_json("surnames.json")
COMMON_SURNAMES = frozenset(_SURNAMES["common"])
SURNAMES = COMMON_SURNAMES | frozenset(_SURNAMES["other"])
ETHNIC_FIRST = frozenset(_SURNAMES["ethnic_prefixes"])
NOT_NAMES = frozenset(_SURNAMES["not_names"])
_NAME_STARTS = SURNAMES | ETHNIC_FIRST

_ROLES = load_json("roles.json")
_HONORIFICS: dict[str, str | None] = {k.lower(): v for k, v in _ROLES["honorifics"].items()}
_HONORIFIC_MAX_WORDS = max(len(k.split()) for k in _HONORIFICS)
_CAP_HONORIFICS = frozenset("Ông Bà Anh Chị Em Cô Chú Cháu Cụ Bé Thầy Ngài".split())
# Lower-case words that end a role phrase: verbs, prepositions, time words.
_ROLE_STOP = frozenset(
    """cho đã đang sẽ vừa mới là được bị có không chưa về với tại trong trên theo từ đến để khi thì mà
    nhưng nên vì do cùng cũng vẫn đều phát nhấn khẳng yêu đề chỉ chủ trả chia ký trao tặng tiếp
    gửi đánh ghi bày nêu kêu mong hy lo thẳng ngay khẩn nói lưu giải xác thừa báo thăm
    tham dẫn làm nhận quyết ra đi lúc sáng chiều tối ngày hôm nay sau trước vào lên này đó bức
    ông bà anh chị vốn hiện từng lần lượt cũ mới đây đương sinh quê trú ở năm tuổi khi""".split()
)  # fmt: skip
# Agency names with a comma inside, which must not end a role ("Bộ Văn hóa, Thể thao và Du lịch").
_COMMA_NAMES = re.compile(
    r"Văn hóa, Thể thao|Lao động, Thương binh|VH, TT|Văn hóa, Xã hội|Khoa học, Công nghệ|[Pp]hòng, chống"
)
# A role continues after " - " only into a body's name ("Chánh tòa Hình sự - Tòa án nhân dân tỉnh").
_ORG_HEADS = (
    "Tòa", "Sở", "Bộ", "UBND", "HĐND", "Công an", "Ban", "Văn phòng", "Trung tâm", "Chi cục", "Cục", "Phòng",
    "Thanh tra", "Viện", "Hội", "Liên đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Ủy ban", "MTTQ",
)  # fmt: skip
_BUSINESS = re.compile(
    r"(?i)công ty|\bcty\b|hđqt|hội đồng quản trị|tập đoàn|tổng công ty|doanh nghiệp|ngân hàng|\bctcp\b"
)
_GOV_ROLE = re.compile(
    r"(?i)ubnd|hđnd|ủy ban|tỉnh ủy|thành ủy|huyện ủy|quận ủy|đảng ủy|\bsở\b|\bbộ\b|chính phủ|quốc hội|"
    r"thủ tướng|bí thư|công an|mttq|mặt trận|\bban\b|văn phòng|thanh tra|cục|tòa án|viện kiểm sát|"
    r"chủ tịch nước|trung ương|\bphòng\b|trung tâm|kiểm lâm|biên phòng|quân sự|đảng"
)

# First words that show a capitalised run is a body, a place or a sentence, not a person.
_NOT_NAME_FIRST = frozenset(
    """Sở Bộ Ban Phòng Ủy Cục Trung Công Hội Đoàn Đảng Nhà Trường Bệnh Viện Tòa Quốc Chính Nhân Thành
    Tỉnh Huyện Xã Phường Quận Thị Khu Cảng Sân Chợ Cầu Đường Phố Sông Núi Hồ Vịnh Đèo Đài Báo Tạp
    Thông Tổng Liên Chi Hạt Đồn Lữ Sư Kho Bảo Ngân Văn Mặt Việt Lào Thái Hàn Nhật Mỹ Pháp Đức Nga
    Anh Úc Tết Lễ Xuân Hè Thu Đông Giải Cúp Quỹ Dự Luật Nghị Quyết Chỉ Kế Thủ Phó Chủ Giám Bí Chánh
    Thứ Đại Thượng Thiếu Học Sinh Nguyên Theo Tin Ảnh Clip Video Kỳ Khóa Lớp Tập Tổ Đội Hệ Cơ Cổng
    Trang Mạng Web Facebook Zalo Vụ Nghĩa Hạ""".split()
)  # fmt: skip
# Words never found inside a person's name.
_NOT_NAME_WORDS = frozenset(
    "UBND HĐND Sở Bộ Phòng Cục Tỉnh Huyện Phường Quận Đảng Ủy Uỷ Bệnh Viện Tòa Ty Kho Báo Đài Luật Cảng "
    "TP TT".split()
)
_NOT_A_NAME_CONTEXT = re.compile("(?<![\\w])(?:" + alternation(_ROLES["not_a_name_context"]) + ")(?![\\w])")
# Words right before a capitalised run that make it a place or a thing named after a person.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:thôn|xóm|ấp|bản|làng|khu|tổ|đường|phố|phường|xã|quận|huyện|tỉnh|thành phố|thị trấn|thị xã|cầu|"
    r"sông|núi|chợ|trường|công ty|tàu|chùa|đền|đình|khu phố|hẻm|ngõ|kiệt|đại lộ|quảng trường|xã đảo)|TP\.?|"
    r"[Cc]ông ty|Trường|Đường|Phố|Cầu|Chợ)\s*$"
)
# A title that ends with an admin word or a company word is followed by a place or company name.
_NEEDS_SPLIT = re.compile(
    r"(?:\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)"
    r"|\b(?:Công ty|công ty|CP|TNHH|MTV|Tập đoàn|HTX|Cty)|[Tt]rường|[Bb]ệnh viện)\s*$"
)

_BYLINE_AFTER = re.compile(
    r"\s*(?:\((?:TTXVN|VOV|VNA|TTO|Dân trí|Báo[^)]*|[^)]{0,25}\.(?:vn|VN|net|com))\)|/TTXVN|-\s*$|$)"
)
_BYLINE_BEFORE = re.compile(
    r"(?i)(?:ảnh|tin|bài|tin, ảnh|bài, ảnh|video|clip|theo|nguồn|thực hiện|nhóm pv)\s*:?\s*$"
)
_AGE_AFTER = re.compile(r"\s*[,(]\s*(?:\d{1,3}\s*tuổi|SN|sinh năm|sinh ngày|s\.\s?\d{4}|\d{4}\))")
_LIST_GLUE = re.compile(
    r"\s*(?:\([^()]{0,120}\))?\s*(?:,|;|và|cùng|với)\s*(?:các\s+)?(?:ông|bà|anh|chị|đồng chí)?\s*:?\s*"
)
_LIST_INTRO = re.compile(
    rf"(?i)((?:{TITLE_ALT})[^.;:()\n]{{0,60}}?),?\s+(?:gồm(?: có)?|là)\s*(?:các\s+)?"
    r"(?:ông|bà|đồng chí|đ/c)?(?:,?\s*bà)?\s*:?\s*$"
)
# How an apposition is attached to a name. "direct" and "paren" give the role the text assigns;
# "predicate" ("... là / làm Chủ tịch UBND xã") is weaker than a title written before the name.
_OPENERS = [
    ("direct", re.compile(r"\s*(?:,|-|–|:)\s*(?:(?:hiện|đang|hiện đang|vốn|từng)\s+)?(?:là\s+)?")),
    ("paren", re.compile(r"\s*\(\s*(?:(?:\d{1,3}\s*tuổi|SN:?\s*\d{4}|sinh năm\s*\d{4})\s*[,;-]\s*)?")),
    (
        "predicate",
        re.compile(
            r"\s+(?:hiện|đang|hiện đang|vẫn|vốn|từng|hiện giữ chức|giữ chức(?: vụ)?|được cử)?\s*(?:là|làm)\s+"
            r"|\s+(?:hiện giữ chức|giữ chức(?: vụ)?)\s+"
        ),
    ),
]
# Written between a name and its apposition: "(SN 1959)", ", sinh ngày 24/4/1975", ", 46 tuổi".
_SKIP_AFTER_NAME = re.compile(
    r"\s*\([^()]{1,90}\)"
    r"|\s*,\s*(?:SN|sinh năm|sinh ngày|\d{1,3}\s*tuổi|quê|trú|ngụ|quốc tịch|dân tộc)[^,;()]{0,60}"
    r"(?=[,(]|\s+(?:là|làm)\s)"
)
_SEGMENT_SEPARATOR = re.compile(r"\s*(?:,|;|kiêm)\s*")
_FEW_WORDS = re.compile(r"(?:[^\s,;.()]+\s+){1,2}")
_SHORT_SEGMENT = re.compile(r"([^,;.()]{1,30}),\s*")
_NAME_IN_SEGMENT = re.compile(rf"(?i)\b(?:ông|bà|anh|chị)\b|[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+")
_WORD = re.compile(rf"[{UPPER}{LOWER}\w&'./-]+")
_DOTTED = re.compile(r"(?:TP|Tp|TX|TT|[A-ZĐ])\.")
_DOTTED_BEFORE = re.compile(r"(?:TP|Tp|TX|TT)$")
_TRAILING_JOINER = re.compile(r"\s+(?:và|của|cùng|kiêm)$")
_HYPHEN_TAIL = re.compile(rf"-[{LOWER}]+(?![\w-])")
_GIVEN_NAME_REF = re.compile(
    rf"(?:ông|bà|anh|chị|em|cháu|cô|chú|Ông|Bà|Anh|Chị|Em|Cháu|Cô|Chú|đồng chí) ([{UPPER}][{LOWER}]+)(?![\w])"
)
_FILLER_HONORIFICS = ("ông", "bà", "đồng chí", "đ/c", "anh", "chị")


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str  # canonical
    surface: str
    role: str | None
    evidence: str  # honorific / title / apposition / age / list / weak / signer
    role_end: int = 0


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    words: list[str]
    evidence: str
    role_before: str | None = None
    honorific_role: str | None = None


@dataclass(slots=True)
class _Found:
    name: str
    first: int
    roles: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    signer_role: str | None = None


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def canonical_name(surface: str) -> str:
    """Proper casing per syllable, keeping an upper-case letter after an apostrophe ("H'Drai")."""
    return proper_case(surface)


def _is_place_name(name: str) -> bool:
    known = lookup_place_prefix(name)
    return known is not None and known[1] == len(name)


def _looks_like_name(words: list[str], strong: bool) -> bool:
    """A family name first and 2-5 syllables; with strong evidence, 3+ syllables of any kind
    (foreign names) or a foreign spelling."""
    if len(words) < 2 or len(words) > 5 or any(w in _NOT_NAME_WORDS for w in words):
        return False
    first = words[0]
    if first in _NOT_NAME_FIRST and first not in SURNAMES:
        return False
    if first in _NAME_STARTS:
        return True
    return strong and (len(words) >= 3 or any(c in "wfjz" for w in words for c in w.lower()))


def _has_name(text: str) -> bool:
    """A capitalised run that looks like a person's name (common family name first, not a place)."""
    for m in CAP_RUN.finditer(text):
        words = m.group(0).split(" ")
        if len(words) >= 2 and words[0] in COMMON_SURNAMES and not lookup_place_prefix(m.group(0)):
            return True
    return False


def _starts_name(text: str, pos: int) -> bool:
    """A person's name (common family name, then a capitalised word, not a place) starts at `pos`."""
    m = CAP_RUN.match(text, pos)
    if m is None:
        return False
    words = m.group(0).split(" ")
    return len(words) >= 2 and words[0] in COMMON_SURNAMES and not lookup_place_prefix(m.group(0))


def _split_locality(words: list[str], forced: bool = False) -> int:
    """Where a person's name starts in a run like "Quảng Ninh Nguyễn Đức Long": 0 when the run is
    the name; -1 when a locality or company name was required (the title ended with "xã",
    "Công ty") and no name follows it."""
    run = " ".join(words)
    if words[0] in SURNAMES and not _is_place_name(" ".join(words[:2])):
        if (not forced and len(words) <= 4) or (words[0] in COMMON_SURNAMES and 3 <= len(words) <= 4):
            return 0
    known = lookup_place_prefix(run)
    if known is not None and known[1] < len(run):
        rest = run[known[1] :].strip().split(" ")
        if 2 <= len(rest) <= 4 and rest[0] in _NAME_STARTS:
            return len(words) - len(rest)
    best, best_score = 0, -1
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if 2 <= len(rest) <= 4 and words[i] in SURNAMES:
            score = (2 if words[i] in COMMON_SURNAMES else 1) + (1 if len(rest) == 3 else 0)
            if score > best_score:
                best, best_score = i, score
    return -1 if forced and best == 0 else best


def _cut_run(text: str, start: int, words: list[str]) -> list[str]:
    """Cut a run where a name ends: at a sentence word glued on by a missing full stop ("Hồ Văn Núi
    | Theo ..."), another honorific, a body word or a title ("Nguyễn Văn Hùng | Phó Chủ tịch")."""
    kept = cut_at_function_word(" ".join(words)).split(" ")
    for i in range(1, len(kept)):
        if kept[i] in ("Ông", "Bà"):
            return kept[:i]
    if len(kept) < len(words):
        return kept
    pos = start
    for i, word in enumerate(words):
        if i >= 2 and (word in _NOT_NAME_WORDS or TITLE_RE.match(text, pos)):
            return words[:i]
        pos += len(word) + 1
    return words


def _not_a_name_context(text: str, start: int) -> bool:
    """A street, school, prize... word earlier in the same clause: the name is not a person."""
    window = text[max(0, start - 80) : start]
    clause = window[max(window.rfind(ch) for ch in ".;:!?\n") + 1 :]
    return _NOT_A_NAME_CONTEXT.search(lower_same_length(clause[-60:])) is not None


def _byline(text: str, cand: _Candidate) -> bool:
    """A reporter's or photographer's credit rather than a person in the story."""
    if _BYLINE_BEFORE.search(text[max(0, cand.start - 25) : cand.start]):
        return True
    after = text[cand.end : cand.end + 40]
    if _BYLINE_AFTER.match(after) and (len(text) - cand.end < 60 or after.lstrip().startswith("(")):
        return True
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line_end = line_end if line_end >= 0 else len(text)
    if line_start == 0 or line_end - line_start > 80:
        return False
    line = text[line_start:line_end]
    return len(line.split()) <= 7 and not TITLE_RE.search(line)  # a short line of its own: a credit


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


def _honorific_before(text: str, start: int) -> tuple[bool, str | None]:
    """Whether an honorific ends right before `start` ("ông ", "Đại tá ", "PGS.TS. "), and its role."""
    left = text[max(0, start - 40) : start].rstrip(" :")
    words = left.split()
    for n in range(min(_HONORIFIC_MAX_WORDS, len(words)), 0, -1):
        written = " ".join(words[-n:])
        key = written.lower().rstrip(".")
        if key in _HONORIFICS:
            before = left[: len(left) - len(written)]
            if before and (before[-1].isalnum() or before[-1] in "/."):
                continue
            return True, _HONORIFICS[key]
    return False, None


def _clean_role(role: str) -> str | None:
    """Canonical role text: UBND/HĐND/TP rewritten, dangling joiners dropped, the title in its usual
    casing ("phó thủ tướng" -> "Phó Thủ tướng"; "nguyên" stays lower case)."""
    role = canonical_org_words(role.strip(" ,;:-–"))
    role = _TRAILING_JOINER.sub("", role).strip(" ,;:-–")
    if not role:
        return None
    m = GOV_TITLE_RE.match(role)
    if m is None:
        return role
    modifier, _, title = m.group(0).partition(" ")
    if modifier.lower() not in TITLE_MODIFIERS:
        modifier, title = "", m.group(0)
    cased = title_casing(title)
    prefix = f"{modifier.lower()} " if modifier else ""
    return prefix + cased + role[m.end() :]


def _role_phrase(text: str, start: int, limit: int = 160) -> tuple[str, int]:
    """The role phrase that starts with a title at `start`: up to a delimiter or a stop word."""
    title = TITLE_AT.match(text, start)
    end = title.end() if title else start
    words = 0
    stop = min(len(text), start + limit)
    while end < stop and words < 18:
        comma = _COMMA_NAMES.match(text, end)
        if comma is not None:
            end, words = comma.end(), words + 2
            continue
        ch = text[end]
        if ch in ',;.:()\n"!?':
            if ch == "." and _DOTTED_BEFORE.search(text, max(start, end - 2), end):
                end += 1
                continue
            break
        if ch == " ":
            if text.startswith((" - ", " – "), end):
                if not text.startswith(_ORG_HEADS, end + 3):
                    break
                end += 3
                continue
            m = _WORD.match(text, end + 1)
            word = m.group(0) if m else ""
            if not word or word in _ROLE_STOP or word.lower() in ("ông", "bà"):
                break
            if word in COMMON_SURNAMES and _starts_name(text, end + 1):
                break  # the title of the next person in a list: "..., Trưởng Ban X Phạm Minh Chính"
            if word == "và" and (not text[end + 4 : end + 5].isupper() or _starts_name(text, end + 4)):
                break
            end += 1
            continue
        m = _WORD.match(text, end)
        if m is None:
            break
        end, words = m.end(), words + 1
        if m.group(0).endswith(".") and not _DOTTED.fullmatch(m.group(0)):
            end -= 1
            break
    return text[start:end], end


def _skip_to_title(text: str, cursor: int) -> int | None:
    """Where the next title starts: at `cursor`, a word or two in ("tập sự Phó Vụ trưởng"), or after
    a short segment without a title or a name ("Hàm Vụ phó, ...")."""
    for _ in range(3):
        if TITLE_AT.match(text, cursor):
            return cursor
        near = _FEW_WORDS.match(text, cursor, cursor + 30)
        if near and not any(w in _ROLE_STOP for w in near.group(0).split()):
            if TITLE_AT.match(text, near.end()):
                return near.end()
        segment = _SHORT_SEGMENT.match(text, cursor)
        if segment is None or segment.group(1).count(" ") > 4 or _NAME_IN_SEGMENT.search(segment.group(1)):
            return None
        cursor = segment.end()
    return None


def _segments(text: str, cursor: int) -> tuple[list[str], int]:
    """Role phrases from `cursor` on, separated by commas or "kiêm"."""
    roles: list[str] = []
    end = cursor
    while len(roles) < 6:
        if roles:
            start = cursor if TITLE_AT.match(text, cursor) else None
        else:
            start = _skip_to_title(text, cursor)
        if start is None:
            break
        phrase, phrase_end = _role_phrase(text, start)
        if phrase.lower().strip() in BARE_TITLES or _starts_name(text, phrase_end + 1):
            break  # a bare title, or the title of someone else named next
        roles.append(phrase)
        end = phrase_end
        separator = _SEGMENT_SEPARATOR.match(text, phrase_end)
        if separator is None:
            break
        cursor = separator.end()
    return roles, end


def _appositive_roles(text: str, pos: int) -> tuple[list[str], int, str]:
    """Roles written after a name: ", Phó Giám đốc Sở Y tế, ...", " - Chủ tịch ...", " (Chủ tịch)",
    " (51 tuổi, Giám đốc ...)", " ... là Chủ tịch UBND xã". Returns (roles, end, opener kind)."""
    starts = [pos]
    skip = _SKIP_AFTER_NAME.match(text, pos)
    if skip is not None:
        starts.append(skip.end())
    for start in starts:
        for kind, opener in _OPENERS:
            m = opener.match(text, start)
            if m is None:
                continue
            roles, end = _segments(text, m.end())
            if not roles:
                continue
            if kind == "paren":
                close = text.find(")", end)
                end = close + 1 if 0 <= close - end < 80 else end
            return roles, end, kind
    return [], pos, ""


def _is_gov_role(role: str) -> bool:
    return bool(GOV_TITLE_RE.match(role) or _GOV_ROLE.search(role))


def _choose_role(roles: list[str]) -> str | None:
    """The most specific government role of an apposition: the last government role, else the last
    role that is not a business one, else the last."""
    cleaned = [r for r in (_clean_role(role) for role in roles) if r]
    for role in reversed(cleaned):
        if _GOV_ROLE.search(role) and not _BUSINESS.search(role):
            return role
    for role in reversed(cleaned):
        if not _BUSINESS.search(role):
            return role
    return cleaned[-1] if cleaned else None


def _strip_filler(window: str) -> str:
    """The text before a name without the words that join it to a title: ", ông", " là bà", " của ông"."""
    core = window.rstrip()
    for word in _FILLER_HONORIFICS:
        if core.endswith(" " + word):
            core = core[: -len(word)].rstrip()
            for joiner in ("là", "của"):
                if core.endswith(" " + joiner):
                    core = core[: -len(joiner)].rstrip()
            return core.rstrip(",").rstrip()
    return core


def _role_before(text: str, start: int) -> str | None:
    """A title written right before a name: "Chủ tịch UBND tỉnh Quảng Nam | Nguyễn Văn A",
    "Giám đốc Sở Y tế, ông | X", "cách chức Chi cục trưởng ... của ông | X". The role may still
    lack the locality glued to the name."""
    core = _strip_filler(text[max(0, start - 160) : start])
    lowered = lower_same_length(core)
    if TITLE_LOWER_RE.search(lowered) is None:
        return None
    cut = max(core.rfind(ch) for ch in ',;.:()\n"')
    for separator in (" - ", " – ", " và ", " cùng ", " với "):
        i = core.rfind(separator)
        if i > cut:
            cut = i + len(separator) - 1
    segment, segment_lower = core[cut + 1 :], lowered[cut + 1 :]
    for m in word_matches(TITLE_LOWER_RE, segment_lower):
        between = segment[m.end() :]
        if any(w in _ROLE_STOP for w in between.split()) or _has_name(between):
            continue
        role = segment[m.start() :].strip()
        return None if role.lower() in BARE_TITLES else role
    return None


def _pick_role(roles: list[str], signer_role: str | None) -> str | None:
    """The role of a person named several times: the signer block's, else the first government
    role (or a longer form of it given later), else the first role."""
    if signer_role:
        return signer_role
    if not roles:
        return None
    pool = [r for r in roles if _GOV_ROLE.search(r) and not _BUSINESS.search(r)] or roles
    chosen = pool[0]
    for role in pool[1:]:
        if role.casefold().startswith(chosen.casefold() + " "):
            chosen = role
    return chosen


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def _candidates(text: str, runs: list[Run]) -> list[_Candidate]:
    """Capitalised runs that may hold a name, with the evidence found before them."""
    out: list[_Candidate] = []
    for run in runs:
        words, start = run.words, run.start
        evidence, honorific_role = "", None
        if words[0] in FUNCTION_CAPS and len(words) > 2:
            start += len(words[0]) + 1
            words = words[1:]
        if words[0] in _CAP_HONORIFICS and len(words) > 1:
            start += len(words[0]) + 1
            words = words[1:]
            evidence = "honorific"
        no_family_name = not any(w in _NAME_STARTS for w in words)
        if no_family_name and len(words) < 3:
            continue  # not a Vietnamese name; a foreign one needs three words and an honorific
        if not evidence:
            found, honorific_role = _honorific_before(text, start)
            evidence = "honorific" if found else ""
        if no_family_name and not evidence:
            continue
        role_before = _role_before(text, start) if evidence != "honorific" or honorific_role is None else None
        if role_before and evidence != "honorific":
            first = _split_locality(words, bool(_NEEDS_SPLIT.search(role_before)))
            if first < 0:
                continue
            if first:
                role_before = f"{role_before} {' '.join(words[:first])}"
                start += len(" ".join(words[:first])) + 1
                words = words[first:]
            evidence = "title"
        words = _cut_run(text, start, words)
        end = start + len(" ".join(words))
        out.append(_Candidate(start, end, words, evidence or "weak", role_before, honorific_role))
    return out


def find_people(
    text: str, header: Header | None = None, issuer: str | None = None, runs: list[Run] | None = None
) -> list[PersonMention]:
    """Person mentions in a normalised text, in order; each carries the role given at that mention.
    `runs` are the text's capitalised runs when the caller has them already."""
    runs = [r for r in (runs if runs is not None else cap_runs(text)) if " " in r.text]
    mentions: list[PersonMention] = []
    previous: PersonMention | None = None
    list_role: str | None = None
    given_names: set[str] | None = None
    for cand in _candidates(text, runs):
        evidence = cand.evidence
        apposition, role_end, apposition_kind = _appositive_roles(text, cand.end)
        glued = previous is not None and _LIST_GLUE.fullmatch(
            text, previous.role_end or previous.end, cand.start
        )
        window = text[max(0, cand.start - 120) : cand.start]
        tail = window[-30:]
        intro = _LIST_INTRO.search(window) if ("gồm" in tail or " là " in tail[-14:]) else None
        if intro is not None:
            list_role = _clean_role(intro.group(1))
        elif not glued:
            list_role = None
        if evidence == "weak":
            if apposition and apposition_kind != "predicate" and _is_gov_role(apposition[0]):
                evidence = "apposition"
            elif _AGE_AFTER.match(text, cand.end):
                evidence = "age"
            elif glued or intro is not None:
                evidence = "list"
        if not _looks_like_name(cand.words, evidence != "weak"):
            continue
        name = canonical_name(" ".join(cand.words))
        if name in NOT_NAMES or _is_place_name(name):
            continue
        hyphen = _HYPHEN_TAIL.match(text, cand.end)
        if hyphen is not None:  # "Kim Jong-un"
            name += hyphen.group(0)
            cand.end = hyphen.end()
        if evidence == "weak":
            # No evidence: keep the name only if the text refers back to it ("ông Hưng").
            if given_names is None:
                given_names = {m.group(1) for m in _GIVEN_NAME_REF.finditer(text)}
            if cand.words[-1] not in given_names or _not_a_name_context(text, cand.start):
                continue
        if evidence not in ("honorific", "title") and _PLACE_BEFORE.search(
            text, max(0, cand.start - 20), cand.start
        ):
            continue
        if evidence != "honorific" and _byline(text, cand):
            continue
        role = _choose_role(apposition) if apposition and apposition_kind != "predicate" else None
        role = role or (_clean_role(cand.role_before) if cand.role_before else None)
        role = role or (_choose_role(apposition) if apposition else None)
        role = role or cand.honorific_role or list_role
        mention = PersonMention(
            cand.start, cand.end, name, text[cand.start : cand.end], role, evidence, role_end
        )
        mentions.append(mention)
        previous = mention
    if header is not None and header.signer is not None:
        signer = header.signer
        role = signer_role(signer.title, issuer)
        mentions.append(
            PersonMention(signer.start, signer.end, canonical_name(signer.name), signer.name, role, "signer")
        )
    return mentions


def merge_people(mentions: list[PersonMention]) -> list[Person]:
    """One Person per canonical name, in order of first mention, with every surface form seen."""
    found: dict[str, _Found] = {}
    for mention in mentions:
        entry = found.setdefault(mention.name.casefold(), _Found(mention.name, mention.start))
        if mention.surface not in entry.surfaces:
            entry.surfaces.append(mention.surface)
        if mention.role and mention.evidence == "signer":
            entry.signer_role = mention.role
        elif mention.role:
            entry.roles.append(mention.role)
    return [
        Person(name=entry.name, role=_pick_role(entry.roles, entry.signer_role), surface_forms=entry.surfaces)
        for entry in sorted(found.values(), key=lambda f: f.first)
    ]


def person_spans(mentions: list[PersonMention]) -> Spans:
    return Spans([(m.start, m.end) for m in mentions])
