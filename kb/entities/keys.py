"""Comparison keys for people, offices and bodies: one key for every way the press writes the same
name ("Hoà"/"Hòa", "ông X", "Chủ tịch UBND tỉnh TT-Huế" / "chu tich uy ban nhan dan tinh thua thien
hue"), and the split of a role text into the offices it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.extract import PROVINCES
from kb.extract.canonical import canonical_agency
from kb.extract.lexicon import canonical_org_words
from kb.extract.titles import GOV_TITLE_RE, TITLE_AT
from kb.text.normalize import fold_accents, normalize_text

# Words written before a name that are not part of it (a query may carry them: "ông Hồ Đăng Khôi").
_HONORIFIC = re.compile(r"(?i)^(?:ông|bà|anh|chị|đồng chí|đ/c|ong|ba|dong chi)\s+")
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
# Former (and late) holders are named with their old office: such a mention says nothing about who holds it then.
_FORMER = re.compile(r"(?i)^(?:nguyên|cựu|cố)\s+")  # "cố Bí thư": the late former holder
_NEW = re.compile(r"(?i)^tân\s+")
_PART_SPLIT = re.compile(r"(\s*(?:,|;|\bkiêm\b|\s-\s|\s–\s)\s*)")

# Folded spellings of one thing, rewritten to one form (applied on folded, lower-case, space-joined words).
_FOLDED_ALIASES = (
    (r"\buy ban nhan dan\b", "ubnd"),
    (r"\bhoi dong nhan dan\b", "hdnd"),
    (r"\buy ban mat tran to quoc\b", "ubmttq"),
    (r"\b(?:tp ?hcm|tp ho chi minh|thanh pho hcm|hcm)\b", "thanh pho ho chi minh"),
    (r"\btp\b", "thanh pho"),
    (r"\btt ?hue\b", "thua thien hue"),
    (r"\bbr ?vt\b", "ba ria vung tau"),
    (r"\bthu tuong chinh phu\b", "thu tuong"),
)
_FOLDED_ALIAS_RES = tuple((re.compile(p), r) for p, r in _FOLDED_ALIASES)


def fold_key(text: str) -> str:
    """Folded, lower-case words joined by single spaces: "Thừa Thiên-Huế" -> "thua thien hue"."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", fold_accents(text).lower()).replace("_", " ")).strip()


_PROVINCE_BY_KEY: dict[str, str] = {fold_key(p): p for p in PROVINCES}
_PROVINCE_KEYS = sorted(_PROVINCE_BY_KEY, key=len, reverse=True)
_PROVINCE_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _PROVINCE_KEYS) + r")\b")
_ADMIN_BEFORE_PROVINCE = re.compile(r"\b(?:tinh|thanh pho) (?=(?:" + "|".join(re.escape(k) for k in _PROVINCE_KEYS) + r")\b)")


def strip_honorific(name: str) -> str:
    return _HONORIFIC.sub("", normalize_text(name).strip())


# A syllable whose only vowel is a final i or y is spelled either way ("Lý"/"Lí", "Sỹ"/"Sĩ", "Kỳ"/"Kì",
# "Quý"/"Quí"): the key writes i. "Thủy", "Huy" (vowel uy) and a lone "Y" are other syllables.
_I_FOR_Y = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_FINAL_Y = re.compile(r"\b([bcdđghklmnpqrstvx]+|qu)([yýỳỷỹỵ])\b")


def name_key(name: str) -> str:
    """Merge key of a person's name: one tone-mark style, lower case, no "ông/bà", i for a final y
    ("Lê Văn Hoà" and "ông lê văn hòa" share it, as do "Lý Văn Sỹ" and "Lí Văn Sĩ"; "Lê Văn Hoa" does not)."""
    key = _SPACES.sub(" ", strip_honorific(name).lower()).strip()
    return _FINAL_Y.sub(lambda m: m.group(1) + m.group(2).translate(_I_FOR_Y), key)


def folded_name_key(name: str) -> str:
    """Accent-free key for finding a name typed without (or with other) marks, i for a final y."""
    return _FINAL_Y.sub(lambda m: m.group(1) + "i", fold_key(strip_honorific(name)))


@lru_cache(maxsize=65536)
def office_key(text: str) -> str:
    """Comparison key of an office or body: "Chủ tịch UBND tỉnh TT-Huế", "Chủ tịch Ủy ban nhân dân
    tỉnh Thừa Thiên Huế" and "chu tich ubnd tinh thua thien hue" give "chu tich ubnd thua thien hue"."""
    key = fold_key(canonical_org_words(normalize_text(text)))
    for pattern, repl in _FOLDED_ALIAS_RES:
        key = pattern.sub(repl, key)
    return _SPACES.sub(" ", _ADMIN_BEFORE_PROVINCE.sub("", key)).strip()


def province_in(text: str) -> str | None:
    """The province or centrally-run city a role or body names, or None."""
    key = office_key(text)
    m = _PROVINCE_RE.search(key)
    return _PROVINCE_BY_KEY[m.group(1)] if m else None


@dataclass(frozen=True, slots=True)
class Office:
    """One office a role text names: the title, the body it belongs to, and both together."""

    title: str
    agency: str
    former: bool = False

    @property
    def name(self) -> str:
        return f"{self.title} {self.agency}".strip()

    @property
    def key(self) -> str:
        return office_key(self.name)


_BARE_LOCALITY = re.compile(r"(?i)(?:^|\s)(?:tỉnh|thành phố|TP)$")
# A provincial department named without its province ("Sở Y tế") in a document of one province.
_DEPARTMENT = re.compile(r"^Sở\s")
_PARTY_COMMITTEE = re.compile(r"(?i)^(?:Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ)$")


def _title_at(part: str) -> re.Match[str] | None:
    return GOV_TITLE_RE.match(part) or TITLE_AT.match(part)


def split_offices(role: str | None, province: str | None = None) -> list[Office]:
    """The offices of one role text: "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" -> two offices; a body
    written without its province ("UBND tỉnh", "Tỉnh ủy", "Sở Y tế") gets the document's `province`."""
    if not role:
        return []
    pieces = _PART_SPLIT.split(normalize_text(role))  # text, separator, text, ...
    parts: list[str] = []
    for i in range(0, len(pieces), 2):
        piece = pieces[i].strip(" .")
        if not piece:
            continue
        # A separator inside a body's name ("Bộ Văn hóa, Thể thao và Du lịch", "Thừa Thiên - Huế")
        # does not start an office: the piece stays with the previous one, as written.
        if parts and not _title_at(_FORMER.sub("", piece)):
            parts[-1] = f"{parts[-1]}{pieces[i - 1]}{piece}"
        else:
            parts.append(piece)
    out: list[Office] = []
    for part in parts:
        former = bool(_FORMER.match(part))
        part = _NEW.sub("", _FORMER.sub("", part))
        m = _title_at(part)
        if m is None:
            continue  # an occupation or a description, not an office
        title = part[: m.end()].strip()
        title = title[:1].upper() + title[1:]
        body = part[m.end() :].strip(" ,")
        if body.lower().startswith("thường trực"):
            title, body = f"{title} Thường trực", body[len("thường trực") :].strip()
        if body:
            body = canonical_agency(canonical_org_words(body))
            if province and province_in(body) is None and (_BARE_LOCALITY.search(body) or _PARTY_COMMITTEE.match(body)
                                                           or _DEPARTMENT.match(body)):
                body = f"{body} {province}"
        out.append(Office(title, body, former))
    return out
