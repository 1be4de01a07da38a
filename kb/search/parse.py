"""Reading what a user typed into the search box: phrases, exclusions, field filters, free text.

Never raises: any string becomes a ParsedQuery (unbalanced quotes close at the end, unknown
"field:" prefixes stay as text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.text.normalize import fold_accents, normalize_text

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
class ParsedQuery:
    text: str = ""  # free text, in order, phrases included without quotes
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # parts that had no effect, to tell the user

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.phrases


def parse_query(raw: str) -> ParsedQuery:
    q = normalize_text(raw or "").replace("\n", " ")
    out = ParsedQuery()
    free: list[str] = []
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
                    continue
                out.ignored.append(m.group(0))
                continue
        value = value.strip()
        if not value:
            continue
        if neg and len(m.group(0)) > 1:
            out.excluded.append(value)
            continue
        if quoted is not None:
            out.phrases.append(value)
        free.append(value)
    out.text = " ".join(free)
    return out


_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|\.\.|–|đến)\s*(\d{4})$")


def parse_years(values: list[str]) -> list[int]:
    """"2021", "2019-2021", "2019..2021" -> years; anything else is ignored."""
    years: list[int] = []
    for v in values:
        v = v.strip()
        m = _YEAR_RANGE.match(v)
        if m:
            a, b = sorted((int(m.group(1)), int(m.group(2))))
            years.extend(range(a, min(b, a + 200) + 1))
        elif v.isdigit() and len(v) == 4:
            years.append(int(v))
    return years
