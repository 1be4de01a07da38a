"""Places: provinces, centrally-run cities, districts and communes mentioned in a text, in canonical
bare form ("Thừa Thiên Huế", "Hồ Chí Minh", "Hội An"), plus the 2025 provincial reorganisation."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kb.extract.lexicon import (
    CAP_SYLLABLE,
    FUNCTION_CAPS,
    LOWER,
    NAME_LIKE_FUNCTION,
    SENTENCE_VERBS,
    UPPER,
    VIETNAMESE_LETTERS,
    Run,
    Spans,
    alternation,
    cap_runs,
    cased,
    cut_at_function_word,
    foreign_word,
    load_json,
    proper_case,
    word_matches,
)
from kb.extract.titles import TITLE_AT
from kb.text.normalize import fold_accents, normalize_text

CENTRAL_CITY = "thành phố trực thuộc trung ương"


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    type: str
    aliases: tuple[str, ...]
    capital: str | None
    cities: tuple[str, ...]
    merged_into: str

    @property
    def is_city(self) -> bool:
        return self.type == CENTRAL_CITY

    @property
    def admin_word(self) -> str:
        """The word that goes before the name in an agency: "tỉnh Quảng Nam", "thành phố Đà Nẵng"."""
        return "thành phố" if self.is_city else "tỉnh"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    name: str  # canonical bare name
    level: str  # "province", "city" (any thành phố), "district", "commune", "place" (known town)
    admin: str | None  # the administrative word written before it, canonical ("huyện"), if any


def _load() -> tuple[list[Province], list[dict]]:
    data = load_json("provinces.json")
    provinces = [
        Province(
            p["name"],
            p["type"],
            tuple(p["aliases"]),
            p.get("capital"),
            tuple(p.get("cities", [])),
            p["merged_into"],
        )
        for p in data["provinces"]
    ]
    return provinces, data["provinces_2025"]


_PROVINCE_LIST, _NEW_UNITS = _load()
PROVINCES: list[str] = [p.name for p in _PROVINCE_LIST]
PROVINCES_2025: list[str] = [u["name"] for u in _NEW_UNITS]
_BY_NAME: dict[str, Province] = {p.name: p for p in _PROVINCE_LIST}


# fold_accents for single letters, as one translation table: the keys of a text's many candidate
# names are built without a Unicode decomposition each.
_FOLD_LETTERS = str.maketrans({c: fold_accents(c) for c in (UPPER + LOWER).replace("A-Z", "").replace("a-z", "")})


def _marked_key(name: str) -> str:
    """Lookup key keeping the marks: lower-case, hyphens and dots as spaces, single spaces."""
    return " ".join(name.lower().replace("-", " ").replace(".", " ").split())


def _key(name: str) -> str:
    """Lookup key: folded, lower-case, hyphens and dots as spaces, single spaces."""
    return _marked_key(name.translate(_FOLD_LETTERS))


def _build_alias_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(surface form -> canonical name, folded key -> canonical name, town -> its province)."""
    surface: dict[str, str] = {}
    town_province: dict[str, str] = {}
    for p in _PROVINCE_LIST:
        for form in (p.name, *p.aliases):
            surface[form] = p.name
        for town in (*((p.capital,) if p.capital else ()), *p.cities):
            town_province.setdefault(town, p.name)
            if town not in surface:
                surface[town] = town
                folded = fold_accents(town)
                if folded != town:
                    surface.setdefault(folded, town)
    keys: dict[str, str] = {}
    for form, canonical in surface.items():
        keys.setdefault(_key(form), canonical)
    return surface, keys, town_province


_SURFACE, _KEYS, _TOWN_PROVINCE = _build_alias_tables()
# The same forms without folding, looked up first: a name with its own marks.
_MARKED_KEYS = {_marked_key(form): canonical for form, canonical in _SURFACE.items()}
_SURFACE_FIRST = frozenset(form.split(" ")[0] for form in _SURFACE)
_KEY_FIRST = frozenset(key.split(" ")[0] for key in _KEYS)
_TOWN_PROVINCE["Huế"] = "Thừa Thiên Huế"


def _build_districts() -> dict[str, frozenset[str]]:
    """District name -> the provinces that have one by that name; "Đắk"/"Đăk"/"Đak" spellings alike."""
    out: dict[str, set[str]] = {}
    for province, units in load_json("provinces.json")["districts"].items():
        for name, _kind in units:
            if name.isdigit():
                continue  # "Quận 1": read by the numbered pattern
            first, _, rest = name.partition(" ")
            spellings = {name}
            if first in ("Đắk", "Đăk", "Đak") and rest:
                spellings |= {f"{f} {rest}" for f in ("Đắk", "Đăk", "Đak")}
            for spelling in spellings:
                out.setdefault(spelling, set()).add(province)
    return {name: frozenset(provinces) for name, provinces in out.items()}


_DISTRICTS = _build_districts()
_DISTRICT_FIRST = frozenset(name.split(" ", 1)[0] for name in _DISTRICTS)


def district_prefix(run: str) -> str | None:
    """The longest district name at the start of a capitalised run ("Ba Vì" in "Ba Vì Theo ...")."""
    words = run.split(" ")
    if words[0] not in _DISTRICT_FIRST:
        return None
    for n in range(min(len(words), 4), 1, -1):
        candidate = " ".join(words[:n])
        if candidate in _DISTRICTS:
            return candidate
    return None


_NEW_BY_NAME = {u["name"]: u for u in _NEW_UNITS}


def _bare_forms() -> list[str]:
    """Forms matched without an admin word. Single-syllable towns ("Vinh", "Huế") are common words
    or given names, so they are only found after one ("thành phố Vinh")."""
    forms = []
    for form, canonical in _SURFACE.items():
        multi = " " in form or "-" in form or "." in form or form.isupper()
        if multi or form in ("Pleiku", "Kontum", "KonTum") or (canonical in _BY_NAME and form == canonical):
            forms.append(form)
    return forms


_BOUND_R = r"(?![\w'&/-])"
_BARE_SET = frozenset(_bare_forms())
# Forms that are not plain capitalised runs: "TP.HCM", "BR-VT", "Thừa Thiên-Huế", "TT. Huế".
_SPECIAL_FORMS = [f for f in _BARE_SET if not re.fullmatch(rf"{CAP_SYLLABLE}(?: {CAP_SYLLABLE})*", f)]
_SPECIAL_RE = re.compile("(" + alternation(_SPECIAL_FORMS) + ")" + _BOUND_R)
_WORD_GLUE = frozenset("_/-'&.")
_FIRST_WORDS = frozenset(form.split(" ")[0] for form in _BARE_SET)


# Countries, seas and regions whose first words are a province's name ("Thái Bình Dương").
_NOT_PLACES = frozenset(load_json("surnames.json")["not_names"])


def _not_a_place_length(run: str) -> int:
    """Length of a country, sea or region name at the start of a run (0 if none)."""
    words = run.split(" ")
    for n in range(min(len(words), 4), 1, -1):
        phrase = " ".join(words[:n])
        if phrase in _NOT_PLACES:
            return len(phrase)
    return 0


def _inside_not_a_place(run: str, length: int) -> bool:
    """A country, sea or region name starts inside the first `length` characters of the run and runs past
    them: "Đông | Triều Tiên" ("Đông Triều" is a town)."""
    i = run.find(" ")
    while 0 < i < length:
        if _not_a_place_length(run[i + 1 :]) > length - i - 1:
            return True
        i = run.find(" ", i + 1)
    return False


# A capitalised word glued by a hyphen before a run ("Ấn Độ Dương-| Thái" then the run "Bình Dương").
_GLUED_WORD_BEFORE = re.compile(rf"-([{UPPER}][{LOWER}]*) $")


def _glued_not_a_place(text: str, start: int, run: str) -> bool:
    """The run is the rest of a country, sea or region name whose first word is glued to the word before
    by a hyphen ("Ấn Độ Dương-Thái | Bình Dương"), which keeps it out of the run."""
    if text[start - 1 : start] != " " or "-" not in text[max(0, start - 12) : start]:
        return False
    glued = _GLUED_WORD_BEFORE.search(text, max(0, start - 12), start)
    return glued is not None and _not_a_place_length(f"{glued.group(1)} {run}") > len(glued.group(1)) + 1


def _bare_matches(text: str, runs: list[Run] | None = None) -> list[tuple[int, int, str]]:
    """Provinces and known towns written without an admin word: (start, end, canonical)."""
    found: list[tuple[int, int, str]] = []
    for m in word_matches(_SPECIAL_RE, text, _WORD_GLUE):
        found.append((m.start(), m.end(), _SURFACE[m.group(1)]))
    for r in runs if runs is not None else cap_runs(text):
        run = r.text
        if " " not in run:  # most runs: one word, a form by itself or nothing
            if run in _FIRST_WORDS:
                known = lookup_place_prefix(run)
                if known is not None and run[: known[1]] in _BARE_SET:
                    found.append((r.start, r.start + known[1], known[0]))
            continue
        if _FIRST_WORDS.isdisjoint(run.split(" ")):
            continue  # the loop below would step over every word
        offset = r.start
        run_end = r.end
        while run:
            space = run.find(" ")
            first = run if space < 0 else run[:space]
            known = lookup_place_prefix(run) if first in _FIRST_WORDS else None
            not_a_place = _not_a_place_length(run) if known is not None else 0
            if known is not None and not not_a_place and (
                len(run) > known[1] and _inside_not_a_place(run, known[1])
                or offset == r.start and _glued_not_a_place(text, r.start, run)
            ):
                # "Đông Triều Tiên" (Korea's east), "Dương-Thái Bình Dương" (the Pacific): no province or town
                not_a_place = known[1]
            if not_a_place:
                step = not_a_place  # "Thái Bình Dương" is the Pacific, not Thái Bình
            elif known is not None and run[: known[1]] in _BARE_SET:
                found.append((offset, offset + known[1], known[0]))
                step = known[1]
            else:
                step = run.find(" ")
                if step < 0:
                    break
            run = run[step:].lstrip(" ")
            offset = run_end - len(run)
    return found


# Administrative words that introduce a place name, and their canonical spelling.
_ADMIN_WORDS = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "tp.": "thành phố",
    "tp": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "tx.": "thị xã",
    "thị trấn": "thị trấn",
    "xã": "xã",
    "phường": "phường",
}
_ADMIN_LEVEL = {
    "tỉnh": "province",
    "thành phố": "city",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "thị trấn": "commune",
    "xã": "commune",
    "phường": "commune",
}
_ADMIN = (
    "(?:"
    + alternation(
        cased("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường")
        + ["TP.", "TP", "Tp.", "Tp", "TX."]
    )
    + ")"
)
_PLACE_RUN = rf"{CAP_SYLLABLE}(?:[ -]{CAP_SYLLABLE}){{0,3}}"
_ADMIN_PLACE_RE = re.compile(rf"{_ADMIN}(?:\s?(?=[{UPPER}])|\s)({_PLACE_RUN}){_BOUND_R}")
# "H.Nghĩa Hành", "TT.Chợ Chùa", "Q. Gò Vấp", "P.Bến Nghé": abbreviated huyện / thị trấn / quận /
# phường, with a name of two words or more.
_ABBREVIATED_PLACE_RE = re.compile(  # not "Ảnh: H.V | Tiếp đó" (a byline's initials), but "H. A Lưới"
    rf"(?:H|TT|Q|P)\.\s?()(?![B-ZĐ] )({CAP_SYLLABLE} {CAP_SYLLABLE}(?: {CAP_SYLLABLE})?){_BOUND_R}"
)
_NUMBERED_RE = re.compile(r"(Phường|phường|Quận|quận|P\.|Q\.)\s*(\d{1,2})(?![\w/.,]\d)")
_NUMBERED_WORD = {"p.": "Phường", "q.": "Quận"}
# "các huyện Chư Pah, Đắk Đoa", "5 phường: Phú Thượng, Nhật Tân, ...": the admin word covers a list.
_PLURAL_BEFORE = re.compile(r"(?:[Cc]ác|hai|ba|bốn|năm|sáu|[0-9]+) $")
# A short qualifier may come between the admin word and the list when "như", "gồm" or a colon ends
# it: "các huyện đồng bằng như: Phong Điền, Quảng Điền, Phú Vang".
_LISTED_RE = re.compile(
    rf"({_ADMIN})(?:(?: [{LOWER}]+){{1,3}}?(?: (?:như|gồm|gồm có|là)\s*:?|\s*:)|\s+(?:như|là|gồm|gồm có))?\s*:?\s+"
    rf"({_PLACE_RUN}(?:\s*(?:,|và)\s*{_PLACE_RUN})+)"
)
# "Huyện ủy Quốc Oai", "Quận ủy Thanh Khê": the committee's name is its district's.
_COMMITTEE_PLACE_RE = re.compile(
    "(" + alternation(cased("huyện ủy", "quận ủy", "thị ủy", "thành ủy")) + rf") ({_PLACE_RUN}){_BOUND_R}"
)
_COMMITTEE_ADMIN = {"huyện ủy": "huyện", "quận ủy": "quận", "thị ủy": "thị xã", "thành ủy": "thành phố"}
# One scan finds every word that can introduce a place; the patterns above run only there.
_INTRODUCER_RE = re.compile(
    "(?:"
    + alternation(
        cased(
            "tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thị ủy", "thành ủy"
        )
        + ["TP", "Tp", "TX.", "H.", "TT.", "Q.", "P."]
    )
    + ")"
)
_LIST_SPLIT = re.compile(r"\s*(?:,|\bvà\b)\s*")

# First words of a capitalised run after an admin word that show it is not a place ("Tỉnh Đoàn").
_NOT_PLACE_FIRST = {
    "Đoàn", "Đảng", "Ủy", "Ban", "Sở", "Bộ", "Hội", "Công", "Trung", "Đội", "Chi", "Cục", "Phòng",
    "Tòa", "Viện", "Kho", "Bảo", "Ngân", "Mặt", "Văn", "Thường", "Nhân", "Uỷ", "Đài", "Báo", "Việt",
}  # fmt: skip
_NOT_PLACE_FIRST_OK = (
    "Văn Yên", "Văn Lâm", "Văn Bàn", "Văn Chấn", "Văn Giang", "Văn Quan", "Văn Lãng", "Văn Ninh",
)  # fmt: skip

# Words that, right before a place name, make it part of something else: a street, a school, a
# newspaper, a port ("đường Hà Nội", "Trường ĐH Luật Hà Nội", "Báo Thừa Thiên Huế", "Cảng Quy Nhơn").
_CONTAINER_WORDS = {
    "đường", "phố", "sông", "cầu", "vịnh", "hồ", "núi", "đèo", "cảng", "chợ", "bến", "trường", "báo",
    "hội", "tuyến", "ga", "đài", "làng", "ngõ", "hẻm", "kiệt", "biển", "bãi", "đảo", "quỹ", "giải", "đội",
    "clb", "đh", "thpt", "thcs", "lữ",
}  # fmt: skip
_CONTAINER_PAIRS = {
    "công ty", "sân bay", "bệnh viện", "nhà máy", "tạp chí", "khách sạn", "dự án", "nhà hàng", "ngân hàng",
    "lạc bộ", "đại học", "học viện", "tập đoàn", "siêu thị", "trung tâm thương mại", "cao tốc", "chi nhánh",
    "thủy điện", "thuỷ điện", "nhiệt điện",
}  # fmt: skip
_CONTAINER_CAP_WORDS = {
    "Trường", "Báo", "Đài", "Cảng", "Công", "Bệnh", "Đại", "ĐH", "Khu", "Sân", "Ngân", "Tập", "Hội",
    "Khách", "Nhà", "Chợ", "Bến", "Ga", "Cầu", "Đường", "Phố", "Sông", "Hồ", "Vịnh", "Núi", "Tạp",
    "Làng", "Quỹ", "Giải", "Câu", "CLB", "Học", "Viện", "THPT", "THCS", "Tiểu", "Mầm", "Lữ", "Pháp",
    "Tuổi", "Thanh", "Người", "Lao", "Dân", "Tiền", "Đảo", "Bãi", "Biển", "Vườn", "Rừng", "Hãng",
    "Tổng", "Ban", "Dự", "Cty", "HTX", "Nông", "Thể", "Cúp", "FLC", "Vingroup", "Tòa", "Khoa",
}  # fmt: skip


_ADMIN_PREFIX = re.compile(rf"{_ADMIN}\s*(.+)$")


def canonical_place(name: str) -> str | None:
    """The canonical bare name of a province, centrally-run city or known town, or None.

    Administrative words are dropped ("tỉnh Thừa Thiên-Huế" -> "Thừa Thiên Huế", "TP.HCM" ->
    "Hồ Chí Minh"). A name that is not in the table comes back title-cased when the input named its
    administrative level ("huyện chư pah" -> "Chư Pah"), else None.
    """
    text = normalize_text(name).strip(" ,.;:")
    if not text:
        return None
    key = _key(text)
    if key in _KEYS:
        return _KEYS[key]
    m = _ADMIN_PREFIX.match(text)
    if m:
        rest = m.group(1).strip()
        rest_key = _key(rest)
        if rest_key in _KEYS:
            return _KEYS[rest_key]
        if rest and not rest.isdigit():
            return proper_case(rest)
    return None


def province_record(name: str) -> Province | None:
    """The pre-2025 province a place name belongs to (a province, its alias, or one of its towns)."""
    canonical = canonical_place(name)
    if canonical is None:
        return None
    if canonical in _BY_NAME:
        return _BY_NAME[canonical]
    parent = _TOWN_PROVINCE.get(canonical)
    return _BY_NAME.get(parent) if parent else None


def province_successor(name: str) -> str | None:
    """The 2025 provincial unit that a province (or one of its towns) became part of.

    "Quảng Nam" -> "Đà Nẵng", "Thừa Thiên Huế" -> "Huế", "Hội An" -> "Đà Nẵng". A name of one of the
    34 new units is returned as is.
    """
    record = province_record(name)
    if record is not None:
        return record.merged_into
    canonical = canonical_place(name)
    if canonical in _NEW_BY_NAME:
        return canonical
    return None


def is_province(name: str) -> bool:
    return name in _BY_NAME


def province_info(name: str) -> Province | None:
    return _BY_NAME.get(name)


def town_province(name: str) -> str | None:
    """The province of a known town or city ("Hội An" -> "Quảng Nam"); a province maps to itself."""
    if name in _BY_NAME:
        return name
    return _TOWN_PROVINCE.get(name)


@lru_cache(maxsize=4096)
def lookup_place_prefix(run: str) -> tuple[str, int] | None:
    """Longest known place at the start of a capitalised run: (canonical, length in characters)."""
    words = run.split(" ")
    if words[0] not in _SURFACE_FIRST and _key(words[0]).split(" ", 1)[0] not in _KEY_FIRST:
        return None  # most runs: no place starts with their first word
    for n in range(min(len(words), 5), 0, -1):
        candidate = " ".join(words[:n])
        canonical = _SURFACE.get(candidate)
        if canonical is None and (n > 1 or len(candidate) > 4):
            # Case, hyphens, dots and marks aside ("Thua Thien-Hue", "Hà Nôi"); but a district's own name
            # is not folded into another place's ("Phù Yên" of Sơn La is not the province "Phú Yên").
            canonical = _MARKED_KEYS.get(_marked_key(candidate))
            if canonical is None and candidate not in _DISTRICTS:
                canonical = _KEYS.get(_key(candidate))
        if canonical is not None:
            return canonical, len(candidate)
    return None


def _inside_container(text: str, start: int) -> bool:
    """True when the name at `start` is part of a street, school, newspaper, port... name."""
    words = text[max(0, start - 60) : start].split()
    # Walk back over the capitalised words glued to the name ("Trường ĐH Luật | Hà Nội").
    for i in range(len(words) - 1, max(-1, len(words) - 8), -1):
        word = words[i].strip("\"'(")
        if word in ("-", "–"):
            continue  # "cao tốc Hà Nội - | Hải Phòng": the second end of a route's name
        if not word:
            return False
        if word in _CONTAINER_CAP_WORDS:
            return True
        if (
            i == len(words) - 1
            and word.isalpha()
            and word[1:].islower()
            and foreign_word(word)
            and not word.startswith(_MINORITY_CAPS)
        ):
            return True  # a brand or company right before the name: "Formosa Hà Tĩnh", "Vinpearl Nha Trang"
        lower = word.lower()
        pair = f"{words[i - 1].lower()} {lower}" if i else lower
        if (
            lower in _CONTAINER_WORDS and (i == len(words) - 1 or word[0].islower())
        ) or pair in _CONTAINER_PAIRS:
            return True
        if not (word[0].isupper() or word[0].isdigit()) or word[-1] in ",.;:)":
            return False
    return False


# "SHB.Đà Nẵng", "B.Bình Dương", "Hà Nội FC": a football club named after its city.
_CLUB_PREFIX = re.compile(r"(?<![\w.])(?!TP\.|Tp\.|TX\.|TT\.|[HQPX]\.)[A-ZĐ]{1,4}\.$")
_CLUB_SUFFIX = re.compile(r" (?:FC|F\.C\.|United|T&T)(?![\w])")


# "thua Long An", "gặp Hải Phòng": in a football story, a team named after its province.
_MATCH_BEFORE = re.compile(r"(?:thua|thắng|gặp|hòa|đánh bại|đả bại|tiếp đón|làm khách trên sân|cầm hòa) $")
_SPORT_STORY = re.compile(r"V-League|V\.League|giải hạng Nhất|đội bóng|HLV|cầu thủ|sân cỏ")


# "xe mang biển số TP.HCM", "biển kiểm soát Nghệ An": where a vehicle is registered, not a place of the story.
_PLATE_BEFORE = re.compile(r"(?:biển số|biển kiểm soát|BKS|BSX) $")


def _club_name(text: str, start: int, end: int) -> bool:
    if _CLUB_PREFIX.search(text, max(0, start - 5), start) is not None or _CLUB_SUFFIX.match(text, end) is not None:
        return True
    return _MATCH_BEFORE.search(text, max(0, start - 20), start) is not None and _SPORT_STORY.search(text) is not None


def _split_place_run(run: str, max_words: int = 4) -> str:
    """The place part of a capitalised run that follows an admin word."""
    known = lookup_place_prefix(run)
    if known is not None:
        return run[: known[1]]
    return " ".join(run.split(" ")[:max_words])


_HONORIFIC_WORDS = frozenset("Ông Bà Anh Chị Em Cô Chú Cụ".split())  # no place is named by one alone


def _admin_place(text: str, m: re.Match[str], spans: Spans) -> PlaceMention | None:
    """A place after an admin word: "huyện Chư Pah", "TP.Huế", "H.Nghĩa Hành"."""
    group = 1 if m.group(1) else 2
    prefix = m.group(0)[: m.start(group) - m.start()].strip().lower()
    admin = {"h.": "huyện", "tt.": "thị trấn", "q.": "quận", "p.": "phường"}.get(prefix) or _ADMIN_WORDS[prefix]
    if admin == "xã" and text.endswith(("bà ", "ông ", "Bà ", "Ông "), 0, m.start()):
        return None  # "bà xã Thủy Tiên": a wife, not a commune
    run = _cut_place_run(text, m.start(group), m.group(group))
    first = run.split(" ")[0]
    title = TITLE_AT.match(text, m.start(group)) if first in _TITLE_FIRST else None
    if title is not None and title.end() > m.start(group) + len(run):
        return None  # "Công an TP. | Bí thư Đinh La Thăng": a title starts the next sentence
    if first in FUNCTION_CAPS or first in SENTENCE_VERBS or (
        first in _NOT_PLACE_FIRST
        and not run.startswith(_NOT_PLACE_FIRST_OK)
        and not _relaxed_first(run)
        and district_prefix(run) is None  # "huyện Thường Tín", "huyện Bảo Lâm"
    ):
        return None
    start = m.start(group)
    special = _SPECIAL_RE.match(text, start)
    part = special.group(1) if special and len(special.group(1)) > len(run) else _split_place_run(run)
    person = spans.first_start(start + 1, start + len(part))
    if person is not None:  # the run goes on into a person's name
        part = text[start:person].rstrip(" ,-")
    if not part or part in _HONORIFIC_WORDS:
        return None  # "TP. | Ông Vũ Bằng": a sentence starts; "xã Anh | hùng Trí Phải": the title "Anh hùng"
    known = lookup_place_prefix(part) or (_SURFACE.get(part) and (_SURFACE[part], len(part)))
    name = known[0] if known and known[1] == len(part) else proper_case(part)
    if not _could_be_vietnamese(name, admin) or _abroad_after(text, start + len(part)):
        return None
    number = _TRAILING_NUMBER.match(text, start + len(part)) if admin in ("phường", "xã") else None
    if number is not None:  # "phường Hải Châu 1"
        name, part = f"{name}{number.group(0)}", text[start : number.end()]
    level = _ADMIN_LEVEL[admin]
    if name in _BY_NAME and (admin == "tỉnh" or (admin == "thành phố" and _BY_NAME[name].is_city)):
        level = "province"
    return PlaceMention(m.start(), start + len(part), name, level, admin)


# First words of titles whose next word is lower case ("Bí thư", "Chủ tịch", "Giám đốc").
_TITLE_FIRST = frozenset("Bí Chủ Giám Trưởng Phó Thủ Bộ Thứ Tổng Chánh Viện Đại Cục Chi".split())


_MINORITY_CAPS = ("Kr", "Kb", "Kl", "Kp", "Kn", "Pl", "Gl", "Gr", "Br", "Dr", "Bl", "Hr", "Ml", "Mr", "Ea", "Ia")
# "phường Hải Châu 1": a one-digit number ending the name, before punctuation ("phường Trung Tự 30
# tháng tù" is a sentence going on).
_TRAILING_NUMBER = re.compile(r" \d(?=[,.;:)\n]|$| \()")
_FORMER_PROVINCES = frozenset(load_json("provinces.json")["former_provinces"])
FORMER_PROVINCES = _FORMER_PROVINCES  # "UBND tỉnh Hà Tây": provinces merged away, still named in texts
_FOREIGN_PLACES = frozenset(load_json("foreign.json")["places"])
# First letters of Tây Nguyên and other minority place names that are not Vietnamese syllables
# ("Krông Pắc", "Kbang", "Ia Grai", "Ea Súp", "Đắk Glei").
_MINORITY_STARTS = ("kr", "kb", "kl", "kp", "kn", "pl", "gl", "gr", "br", "dr", "bl", "hr", "ml", "mr", "ea", "ia")
# First words of Tây Nguyên place names ("Ea Kar", "Ia Grai", "Kon Plông"): the rest may look foreign.
MINORITY_FIRST_WORDS = frozenset("Ea Ia Chư Cư Krông Đắk Đăk Buôn Kon".split())
_RELAXED_FIRST = frozenset("Trung Nhân Bảo Việt".split())
_NOT_RELAXED = ("Trung Ương", "Trung Tâm", "Nhân Dân", "Bảo Hiểm", "Việt Nam")


def _relaxed_first(run: str) -> bool:
    """A commune named with a word that usually starts a body's name: "phường Trung Mỹ Tây", "xã Nhân Hòa"."""
    return " " in run and run.split(" ", 1)[0] in _RELAXED_FIRST and not run.startswith(_NOT_RELAXED)


def _cut_place_run(text: str, start: int, run: str) -> str:
    """The place name at the start of a run after an admin word, before a sentence word glued to it
    ("xã Quế Long | Đến ..."). A word that is also a name ("Thực", "Sáng") only ends the place when
    a sentence goes on after it ("xã Vĩnh Thực, ..." vs "xã Quế Long Sáng nay")."""
    words = run.split(" ")
    known: tuple[str, int] | None | bool = False  # looked up at the first function word only
    for i in range(1, len(words)):
        word = words[i]
        if word not in FUNCTION_CAPS:
            continue
        if known is False:
            known = lookup_place_prefix(run)
            district = district_prefix(run)
            if district is not None and (not known or len(district) > known[1]):
                known = (district, len(district))
        if known and known[1] >= len(" ".join(words[: i + 1])):
            continue  # "Thủ Dầu Một", "huyện Ba Vì": a known place whose name holds the word
        if word in NAME_LIKE_FUNCTION and i == len(words) - 1:
            after = text[start + len(run) : start + len(run) + 2]
            if not (after[:1] == " " and after[1:2].islower()):
                continue
        return " ".join(words[:i])
    return run


# The level above a place, written after it: ", tỉnh Tứ Xuyên", ", Trung Quốc".
_PARENT_PLACE = re.compile(rf", (?:(tỉnh|thành phố) )?([{UPPER}][{LOWER}]*(?: [{UPPER}][{LOWER}]*){{0,3}})")
_COUNTRIES = frozenset(load_json("foreign.json")["countries"])


def _abroad_after(text: str, end: int) -> bool:
    """A place whose province or country, written after it, is another country's: "huyện Mậu, tỉnh Tứ
    Xuyên, Trung Quốc" (a Vietnamese province after it is no such sign)."""
    m = _PARENT_PLACE.match(text, end)
    if m is None:
        return False
    name = m.group(2)
    if m.group(1) is not None:
        written = re.split(r"[,.;:()\n]", text[m.start(2) : m.start(2) + 40], maxsplit=1)[0]
        return lookup_place_prefix(written) is None and not _could_be_vietnamese(name, m.group(1))
    return name in _COUNTRIES


def _could_be_vietnamese(name: str, admin: str) -> bool:
    """False for a place of another country after an admin word: "tỉnh Sơn Đông", "thành phố
    Vladivostok", "quận White City". Every Vietnamese province is known, so an unknown one is foreign."""
    if name in _FOREIGN_PLACES and admin in ("tỉnh", "thành phố"):
        return False
    if name in _SURFACE:
        return True
    if name in _NOT_PLACES or name.endswith(" Bộ"):
        return False  # regions: "Tây Bắc Bộ", "Tây Nguyên"
    if admin == "tỉnh" and name not in _NEW_BY_NAME and name not in _FORMER_PROVINCES:
        return False
    if VIETNAMESE_LETTERS.search(name.lower()) or name.split(" ", 1)[0] in MINORITY_FIRST_WORDS:
        return True  # "Đắk Rơ Wa", "Chư Pah": one Vietnamese-spelled word is enough; "Ea Kar", "Ia Grai"
    return not any(foreign_word(w) and "'" not in w and not w.lower().startswith(_MINORITY_STARTS) for w in name.split(" "))


def _committee_place(m: re.Match[str]) -> PlaceMention | None:
    """The district named by a party committee: "Huyện ủy Quốc Oai" -> Quốc Oai."""
    admin = _COMMITTEE_ADMIN[m.group(1).lower()]
    part = _split_place_run(cut_at_function_word(m.group(2), keep_names=False))
    first = part.split(" ")[0]
    if first in FUNCTION_CAPS or first in _NOT_PLACE_FIRST:
        return None
    known = lookup_place_prefix(part)
    name = known[0] if known and known[1] == len(part) else proper_case(part)
    if name in _BY_NAME:
        return PlaceMention(m.start(2), m.start(2) + len(part), name, "province", None)
    return PlaceMention(m.start(2), m.start(2) + len(part), name, _ADMIN_LEVEL[admin], admin)


def _listed_places(text: str, m: re.Match[str]) -> list[PlaceMention]:
    """Places listed after a plural admin word: "các huyện Chư Pah, Đắk Đoa và Mang Yang"."""
    admin = _ADMIN_WORDS[m.group(1).lower()]
    out: list[PlaceMention] = []
    offset = m.start(2)
    for part in _LIST_SPLIT.split(m.group(2)):
        pos = text.find(part, offset)
        offset = pos + len(part)
        known = lookup_place_prefix(part)
        name = known[0] if known and known[1] == len(part) else proper_case(part)
        if _could_be_vietnamese(name, admin):
            out.append(PlaceMention(pos, pos + len(part), name, _ADMIN_LEVEL[admin], admin))
    return out


def place_mentions(
    text: str, exclude: Spans | list[tuple[int, int]] | None = None, runs: list[Run] | None = None
) -> list[PlaceMention]:
    """Every place mention in a normalised text, in order; spans in `exclude` (person names) are skipped.
    `runs` are the text's capitalised runs when the caller has them already."""
    spans = exclude if isinstance(exclude, Spans) else Spans(exclude)
    found: dict[int, PlaceMention] = {}

    def add(mention: PlaceMention) -> None:
        if spans.overlaps(mention.start, mention.end):
            return
        old = found.get(mention.start)
        if old is None or (mention.end - mention.start) > (old.end - old.start):
            found[mention.start] = mention

    for m in word_matches(_INTRODUCER_RE, text, _WORD_GLUE):
        pos = m.start()
        for match in (_ADMIN_PLACE_RE.match(text, pos), _ABBREVIATED_PLACE_RE.match(text, pos)):
            if match is not None:
                mention = _admin_place(text, match, spans)
                if mention is not None:
                    add(mention)
        committee = _COMMITTEE_PLACE_RE.match(text, pos)
        if committee is not None:
            mention = _committee_place(committee)
            if mention is not None:
                add(mention)
        numbered = _NUMBERED_RE.match(text, pos)
        if numbered is not None:
            word = _NUMBERED_WORD.get(numbered.group(1).lower()) or numbered.group(1).capitalize()
            add(
                PlaceMention(
                    pos,
                    numbered.end(),
                    f"{word} {numbered.group(2)}",
                    _ADMIN_LEVEL[word.lower()],
                    word.lower(),
                )
            )
        if _PLURAL_BEFORE.search(text, max(0, pos - 8), pos):
            listed = _LISTED_RE.match(text, pos)
            for mention in _listed_places(text, listed) if listed is not None else ():
                add(mention)
    covered = Spans([(p.start, p.end) for p in found.values()])
    for start, end, canonical in _bare_matches(text, runs):
        if covered.overlaps(start, end):
            continue
        if _inside_container(text, start) or _club_name(text, start, end) or _PLATE_BEFORE.search(
                text, max(0, start - 20), start):
            continue
        if text.endswith(("giờ ", "Giờ "), 0, start):
            continue  # "10h sáng (giờ Hà Nội)": a time zone, not a place the story is about
        level = "province" if canonical in _BY_NAME else "place"
        add(PlaceMention(start, end, canonical, level, None))
    for mention in _places_from_context(text, list(found.values()), spans):
        add(mention)
    out: list[PlaceMention] = []
    for key in sorted(found):
        mention = found[key]
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


# "xã Đông Ngũ (Tiên Yên)", "xã Phủ Lỗ, Sóc Sơn, Hà Nội": the district of a commune written bare.
_PLACE_AFTER_COMMUNE = re.compile(rf"(?: ?\(|, )({_PLACE_RUN})(?=\)|, | ?\()")
# "sinh tại Mỹ Đức, Hà Nội", "trú ở Cẩm Lệ, Đà Nẵng": a place written bare before its province.
_PLACE_BEFORE_PROVINCE = re.compile(rf"(?:tại|ở|quê) ({_PLACE_RUN}), ")


def _places_from_context(text: str, found: list[PlaceMention], spans: Spans) -> list[PlaceMention]:
    """Districts and communes written without their admin word where the address around them shows
    what they are: in brackets or after a comma right after a commune, or right before a province."""
    out: list[PlaceMention] = []
    for mention in found:
        if mention.admin in ("huyện", "quận", "thị xã") and (
            mention.name in _DISTRICTS or _NUMBERED_DISTRICT.fullmatch(mention.name)
        ):
            out += _districts_listed_after(text, mention, spans)
        if mention.level != "commune" or mention.admin is None:
            continue
        m = _PLACE_AFTER_COMMUNE.match(text, mention.end)
        if m is not None:
            out += _bare_place(text, m.start(1), m.group(1), spans)
    if "tại " in text or "ở " in text or "quê " in text:
        for m in word_matches(_PLACE_BEFORE_PROVINCE, text):
            if province_alias_at(text, m.end()) is not None:
                out += _bare_place(text, m.start(1), m.group(1), spans)
    for m in _BRACKET.finditer(text):
        out += _districts_of_bracket(text, m, spans)
    return out


_NEXT_LISTED = re.compile(rf"(?:, | và |, và )({_PLACE_RUN})")
_NUMBERED_DISTRICT = re.compile(r"Quận \d{1,2}")
_NEXT_NUMBER = re.compile(r"(?:, | và |, và )(\d{1,2})(?![\w/.,]\d|\w)")


def _districts_listed_after(text: str, first: PlaceMention, spans: Spans) -> list[PlaceMention]:
    """Districts listed bare after one written with its level ("huyện Tân Uyên, Than Uyên", "huyện
    Thoại Sơn, Phú Tân và Châu Thành"): each a district of a province the first one belongs to."""
    # Only Hồ Chí Minh City numbers its districts ("Quận 7, Nhà Bè, Bình Chánh").
    provinces = _DISTRICTS.get(first.name) or frozenset({"Hồ Chí Minh"})
    out: list[PlaceMention] = []
    pos = first.end
    numbers = first.name not in _DISTRICTS and text.endswith(("các quận ", "Các quận ", "các Quận "), 0, first.start + 5)
    while numbers and len(out) < 12:  # "các quận 1, 3 và 5": numbers alone, after a plural
        m = _NEXT_NUMBER.match(text, pos)
        if m is None:
            break
        out.append(PlaceMention(m.start(1), m.end(1), f"Quận {m.group(1)}", "district", "quận"))
        pos = m.end(1)
    while len(out) < 12:
        m = _NEXT_LISTED.match(text, pos)
        if m is None:
            break
        name = district_prefix(m.group(1))
        if name is None or not _DISTRICTS[name] & provinces or spans.overlaps(m.start(1), m.start(1) + len(name)):
            break
        out.append(PlaceMention(m.start(1), m.start(1) + len(name), name, "district", None))
        pos = m.start(1) + len(name)
    return out


# An address in brackets: "(Thường Tín, Hà Nội)", "Hải Hà và Móng Cái (Quảng Ninh)".
_BRACKET = re.compile(r"\(([^()\n]{3,60})\)")
_BRACKET_ITEM = re.compile(r",\s*|\s+-\s+")
_STREET_WORD = re.compile(r"(?<!\w)(?:phố|đường|ngõ|ngách|hẻm|quốc lộ|cầu)(?!\w)", re.IGNORECASE)
_LOWER_LEAD = re.compile(rf"(?:[{LOWER}]+ )*")
_BEFORE_BRACKET = re.compile(rf"({_PLACE_RUN})(?:(?:, | và )({_PLACE_RUN}))? $")
_PROVINCE_BEFORE_BRACKET = re.compile(rf"(?<![\w])({_PLACE_RUN}) $")


def _districts_of_bracket(text: str, m: re.Match[str], spans: Spans) -> list[PlaceMention]:
    """Districts written bare next to their province in brackets: a name counts only when it is a
    district of the province the bracket names."""
    items = [item.strip() for item in _BRACKET_ITEM.split(m.group(1))]
    provinces = {_SURFACE[i] for i in items if i in _SURFACE and _SURFACE[i] in _BY_NAME}
    province_before = None
    if not provinces:
        # "Lào Cai (Bát Xát, Bắc Hà, Mường Khương)": the districts of the province written right before
        province_before = _PROVINCE_BEFORE_BRACKET.search(text, max(0, m.start() - 40), m.start())
        if province_before is None or _SURFACE.get(province_before.group(1)) not in _BY_NAME:
            return []
        provinces = {_SURFACE[province_before.group(1)]}
    found: list[tuple[int, str]] = []
    offset = m.start(1)
    for item in items:
        pos = text.find(item, offset)
        offset = pos + len(item)
        lead = _LOWER_LEAD.match(item)  # "(trú Thanh Trì, Hà Nội)": the address after its verb
        found.append((pos + lead.end(), item[lead.end() :]))
    before = _BEFORE_BRACKET.search(text, max(0, m.start() - 60), m.start()) if province_before is None else None
    clause = text[max(0, m.start() - 80) : m.start()].rsplit(".", 1)[-1]
    if before is not None and not _STREET_WORD.search(clause):  # "phố Trần Nhân Tông, Cầu Giấy (Hà Nội)"
        found += [(before.start(g), before.group(g)) for g in (1, 2) if before.group(g)]
    out = []
    for pos, name in found:
        if _DISTRICTS.get(name, frozenset()) & provinces and not spans.overlaps(pos, pos + len(name)):
            out.append(PlaceMention(pos, pos + len(name), name, "district", None))
    return out


# First words of schools, hospitals, companies and the like, which an address may name too.
_INSTITUTION_FIRST = frozenset(
    "Trường Báo Đài Bệnh ĐH Học Viện Công Ngân Tập Hội Khách Nhà Sân Khu CLB Câu Giải Cúp Quỹ Tòa Khoa "
    "THPT THCS Cty HTX".split()
)


def _bare_place(text: str, start: int, run: str, spans: Spans) -> list[PlaceMention]:
    """A district written bare, if the words can be one: two words or more, not a body, a thing
    with a name (a school, a lake...), a region or a person."""
    run = _cut_place_run(text, start, run)
    words = run.split(" ")
    known_district = district_prefix(run) == run
    if len(words) < 2 or (words[0] in _NOT_PLACE_FIRST or words[0] in _INSTITUTION_FIRST) and not known_district:
        return []
    if words[0] in FUNCTION_CAPS or spans.overlaps(start, start + len(run)):
        return []
    known = lookup_place_prefix(run)
    name = known[0] if known and known[1] == len(run) else proper_case(run)
    if not _could_be_vietnamese(name, "huyện"):
        return []
    level = "province" if name in _BY_NAME else "district"
    return [PlaceMention(start, start + len(run), name, level, None)]


def distinct_places(mentions: list[PlaceMention], first: str | None = None) -> list[str]:
    """Distinct canonical place names in order of first mention, `first` (if any) in front."""
    out: list[str] = [first] if first else []
    for mention in mentions:
        if mention.name not in out and mention.name != "Việt Nam":
            out.append(mention.name)
    return out


def find_places(text: str) -> list[str]:
    """Distinct canonical place names of a text, in order of first mention."""
    return distinct_places(place_mentions(normalize_text(text)))


def most_mentioned_province(
    mentions: list[PlaceMention], title_mentions: list[PlaceMention] | tuple[()] = ()
) -> str | None:
    """The province mentioned most often (a town counts for its province; title mentions count double)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for weight, group in ((2, title_mentions), (1, mentions)):
        for i, mention in enumerate(group):
            province = town_province(mention.name)
            if mention.level in ("district", "commune") or province is None:
                continue
            counts[province] += weight if mention.name == province else weight * 0.5
            first.setdefault(province, i if weight == 1 else -1000 + i)
    if not counts:
        return None
    return max(counts, key=lambda p: (counts[p], -first[p]))


# Every spelling of a province or centrally-run city ("Hà Nội", "TP.HCM", "Thừa Thiên-Huế").
PROVINCE_FORMS = [form for form, canonical in _SURFACE.items() if canonical in _BY_NAME]
_PROVINCE_AT = re.compile("(" + alternation(PROVINCE_FORMS) + ")" + _BOUND_R)


def province_alias_at(text: str, pos: int) -> tuple[str, int] | None:
    """A province or centrally-run city written at `pos` ("Hà Nội", "TP.HCM"): (canonical, end)."""
    m = _PROVINCE_AT.match(text, pos)
    if m is None:
        return None
    return _SURFACE[m.group(1)], m.end()
