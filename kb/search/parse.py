"""Reading what a user typed into the search box: phrases, exclusions, field filters, free text.

Never raises: any string becomes a ParsedQuery (unbalanced quotes close at the end, unknown
"field:" prefixes stay as text). The query is also bounded here, so that no input can make a search
slow: repeated words and phrases are collapsed, and beyond a few dozen words, a few phrases and
exclusions the rest is dropped; every reduction is recorded for a notice to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.text.normalize import fold_accents, normalize_text
from kb.text.tokenize import syllables

MAX_QUERY_CHARS = 5000  # the web box sends at most 500; URLs, the CLI and the API are unbounded
MAX_WORDS = 64  # syllables of free text given to query planning (which keeps at most 32 concepts)
MAX_PHRASES = 8
MAX_PHRASE_WORDS = 12  # syllables of one quoted phrase
MAX_EXCLUDED = 16
REPEAT_UNIT = 6  # a run of up to this many words repeated 3 times or more is kept once
NOTICE_ITEMS = 5  # dropped parts named in a notice; the rest are counted

# Field names accepted in the box, with Vietnamese spellings (compared folded, lower-case).
FIELD_ALIASES = {
    "agency": "agency",
    "coquan": "agency",
    "co_quan": "agency",
    "person": "person",
    "nguoi": "person",
    "year": "year",
    "nam": "year",
    "type": "doc_type",
    "loai": "doc_type",
    "place": "place",
    "noi": "place",
    "diadiem": "place",
    "source": "source",
    "nguon": "source",
}

_TOKEN = re.compile(
    r"""(?P<neg>-)?(?:(?P<field>[^\W\d][\w]*):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]+))""", re.UNICODE
)


@dataclass
class Reduction:
    """What was left out of a query to keep it cheap, for a notice to the user."""

    cut_chars: int = 0  # characters beyond MAX_QUERY_CHARS
    duplicates: list[str] = field(default_factory=list)  # words and phrases that were collapsed
    dropped_words: list[str] = field(default_factory=list)
    dropped_phrases: list[str] = field(default_factory=list)
    shortened_phrases: list[str] = field(default_factory=list)  # the part that was kept
    dropped_excluded: list[str] = field(default_factory=list)
    dropped_filters: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # parts with no effect ("--", "-year:2017")
    unverified_phrases: list[str] = field(default_factory=list)  # too common to check in every document
    invalid_filters: list[str] = field(default_factory=list)  # one Vietnamese sentence per filter value
    fallback_phrases: list[str] = field(default_factory=list)  # quoted phrases found nowhere: searched unquoted

    def add_duplicate(self, label: str) -> None:
        if label not in self.duplicates:
            self.duplicates.append(label)

    def notice(self) -> str | None:
        """One Vietnamese sentence per kind of reduction, or None when nothing was left out."""
        parts: list[str] = list(dict.fromkeys(self.invalid_filters))
        if self.fallback_phrases:
            parts.append(f"Không văn bản nào chứa nguyên cụm từ {_listing(self.fallback_phrases)}: "
                         "đã tìm các từ của cụm từ ở bất kỳ vị trí nào trong văn bản.")
        if self.cut_chars:
            parts.append(f"Câu truy vấn dài quá {MAX_QUERY_CHARS} ký tự: đã bỏ {self.cut_chars} ký tự cuối.")
        if self.duplicates:
            parts.append(f"Đã gộp các từ, cụm từ lặp lại: {_listing(self.duplicates)}.")
        if self.dropped_words:
            parts.append(f"Câu truy vấn quá dài: đã bỏ qua phần sau “{_short(' '.join(self.dropped_words))}”.")
        if self.dropped_phrases:
            parts.append(f"Chỉ dùng {MAX_PHRASES} cụm từ trong ngoặc kép đầu tiên, đã bỏ qua "
                         f"{_listing(self.dropped_phrases)}.")
        if self.shortened_phrases:
            parts.append(f"Cụm từ trong ngoặc kép dài quá {MAX_PHRASE_WORDS} từ được rút gọn thành "
                         f"{_listing(self.shortened_phrases)}.")
        if self.dropped_excluded:
            parts.append(f"Chỉ loại trừ {MAX_EXCLUDED} từ đầu tiên, đã bỏ qua "
                         f"{_listing(['-' + x for x in self.dropped_excluded])}.")
        if self.dropped_filters:
            parts.append(f"Quá nhiều bộ lọc, đã bỏ qua {_listing(self.dropped_filters)}.")
        if self.ignored:
            parts.append(f"Đã bỏ qua phần không có tác dụng: {_listing(self.ignored)}.")
        if self.unverified_phrases:
            parts.append(f"Cụm từ {_listing(list(dict.fromkeys(self.unverified_phrases)))} gồm những từ quá phổ "
                         "biến: chỉ kiểm tra những văn bản phù hợp nhất, tổng số kết quả có thể chưa chính xác.")
        return " ".join(parts) or None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _listing(items: list[str]) -> str:
    shown = ", ".join(f"“{_short(x)}”" for x in items[:NOTICE_ITEMS])
    rest = len(items) - NOTICE_ITEMS
    return f"{shown} và {rest} mục khác" if rest > 0 else shown


@dataclass
class ParsedQuery:
    text: str = ""  # free text, in order, phrases included without quotes
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    filter_names: dict[str, str] = field(default_factory=dict)  # filter -> the name as typed ("nam", "type")
    quoted: list[tuple[int, int]] = field(default_factory=list)  # character ranges of quoted phrases in `text`
    ignored: list[str] = field(default_factory=list)  # parts that had no effect, to tell the user
    reduction: Reduction = field(default_factory=Reduction)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.phrases


def parse_query(raw: str) -> ParsedQuery:
    out = ParsedQuery()
    raw = raw or ""
    if len(raw) > MAX_QUERY_CHARS:
        out.reduction.cut_chars = len(raw) - MAX_QUERY_CHARS
        raw = raw[:MAX_QUERY_CHARS]
    q = normalize_text(raw).replace("\n", " ")
    free: list[str] = []
    seen_phrases: set[str] = set()
    seen_excluded: set[str] = set()
    for m in _TOKEN.finditer(q):
        neg, fname, quoted, bare = m.group("neg"), m.group("field"), m.group("quoted"), m.group("bare")
        value = quoted if quoted is not None else (bare or "")
        if fname:
            key = FIELD_ALIASES.get(fold_accents(fname).lower())
            if key is None:  # "http://..." or "10:30": not a filter, keep the whole as text
                value = f"{fname}:{value}"
            elif value.strip():
                if not neg:
                    out.filters.setdefault(key, []).append(value.strip())
                    out.filter_names.setdefault(key, fname)
                    continue
                out.ignored.append(m.group(0))
                continue
        value = " ".join(value.split())
        if not value:
            continue
        if not _has_word(value):  # "--", "-:", a quoted "...": nothing to search for
            if neg or quoted is not None:
                out.ignored.append(m.group(0))
            else:
                free.append(value)
            continue
        if neg and len(m.group(0)) > 1:
            key = value.casefold()
            if key in seen_excluded:
                out.reduction.add_duplicate("-" + value)
                continue
            seen_excluded.add(key)
            if len(out.excluded) >= MAX_EXCLUDED:
                out.reduction.dropped_excluded.append(value)
                continue
            out.excluded.append(value)
            continue
        if quoted is not None:
            key = value.casefold()
            if key in seen_phrases:
                out.reduction.add_duplicate(value)
                continue
            seen_phrases.add(key)
            if len(out.phrases) >= MAX_PHRASES:
                out.reduction.dropped_phrases.append(value)
                continue
            value = _bounded_phrase(value, out.reduction)
            out.phrases.append(value)
        free.append(value)
    out.text = " ".join(_bounded_words(_collapse_repeats(free, out.reduction), out.reduction))
    out.quoted = _quoted_ranges(out.text, out.phrases)
    out.reduction.ignored = list(dict.fromkeys(out.ignored))
    return out


def _quoted_ranges(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Where the quoted phrases stand in the free text (each occurrence)."""
    out: list[tuple[int, int]] = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            out.append((start, start + len(phrase)))
            start = text.find(phrase, start + len(phrase))
    return out


def _has_word(text: str) -> bool:
    return bool(syllables(text))


def _bounded_phrase(phrase: str, reduction: Reduction) -> str:
    sylls = syllables(phrase)
    if len(sylls) <= MAX_PHRASE_WORDS:
        return phrase
    kept = phrase[: sylls[MAX_PHRASE_WORDS - 1].end]
    reduction.shortened_phrases.append(kept)
    return kept


def _collapse_repeats(parts: list[str], reduction: Reduction) -> list[str]:
    """A unit of up to REPEAT_UNIT parts written three times or more in a row is kept once
    ("và của các và của các ..."); twice is left alone ("chuồn chuồn", "ba ba" are words)."""
    keys = [p.casefold() for p in parts]
    out: list[str] = []
    i = 0
    while i < len(parts):
        for size in range(1, min(REPEAT_UNIT, len(parts) - i) + 1):
            unit = keys[i : i + size]
            copies = 1
            while keys[i + copies * size : i + (copies + 1) * size] == unit:
                copies += 1
            if copies >= 3:
                out.extend(parts[i : i + size])
                reduction.add_duplicate(" ".join(parts[i : i + size]))
                i += copies * size
                break
        else:
            out.append(parts[i])
            i += 1
    return out


def _bounded_words(parts: list[str], reduction: Reduction) -> list[str]:
    """The parts of free text up to MAX_WORDS syllables; what follows is recorded as dropped."""
    out: list[str] = []
    budget = MAX_WORDS
    for p in parts:
        if budget <= 0:
            reduction.dropped_words.append(p)
            continue
        sylls = syllables(p)
        if len(sylls) > budget:
            out.append(p[: sylls[budget - 1].end])
            reduction.dropped_words.append(p[sylls[budget].start :])
            budget = 0
            continue
        budget -= len(sylls)
        out.append(p)
    return out


_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|\.\.|–|đến)\s*(\d{4})$")


def parse_year(value: str) -> list[int] | None:
    """"2021", "2019-2021", "2019..2021", "2019 đến 2021" -> the years; None when the value is
    not a year or a range of years ("abcd", "3000-1", "21")."""
    v = value.strip()
    m = _YEAR_RANGE.match(v)
    if m:
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        years = list(range(a, min(b, a + 200) + 1))
    elif v.isdigit() and len(v) == 4:
        years = [int(v)]
    else:
        return None
    return [y for y in years if y > 0]  # year 0 stands for "no date" in the facet columns


def parse_years(values: list[str]) -> list[int]:
    """The years of several values; values that are not years are left out."""
    return [y for v in values for y in (parse_year(v) or [])]
