"""The entity catalog: per person, body and office, the documents that name them (postings), built
once per data version from the store's metadata (never its texts) and kept in memory and on disk.

People whose names differ only in tone-mark style, case or an "ông/bà" are one person; one name
seen with offices in two provinces is two people (and a third entry for its mentions that name no
province), never merged.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.entities.keys import Office, folded_name_key, name_key, office_key, province_in, split_offices
from kb.extract import PROVINCES
from kb.store import DocumentStore

log = logging.getLogger(__name__)

CATALOG_FORMAT = 2  # bump when the pickled layout changes: an older file is rebuilt
# The rules that made a cache file: a file written by other code (keys, grouping) is rebuilt too.
_CODE = hashlib.sha1(b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))).hexdigest()[:12]
CACHE_FILE = "entities-cache.pickle"
_FIELDS = ("title", "date", "year", "doc_type", "issuer", "agencies", "cited_agencies", "places", "people", "signer")
_PROVINCE_SET = frozenset(PROVINCES)


@dataclass(slots=True)
class DocRow:
    id: str
    title: str
    date: str | None  # ISO date
    year: int | None
    doc_type: str | None
    issuer: str | None
    agencies: list[str]
    province: str | None
    people: list[str] = field(default_factory=list)  # person ids
    signer: str | None = None  # the signer's name (a formal document's signature block), one of `people`


@dataclass(slots=True)
class Mention:
    doc: int  # index into Catalog.docs
    name: str  # the name as stored for this document (a person facet value)
    role: str | None
    offices: tuple[Office, ...]


@dataclass(slots=True)
class PersonEntry:
    id: str
    key: str  # name_key
    province: str | None
    mentions: list[Mention] = field(default_factory=list)  # newest document first

    @property
    def names(self) -> Counter[str]:
        return Counter(m.name for m in self.mentions)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]


@dataclass(slots=True)
class AgencyEntry:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    issued: list[int] = field(default_factory=list)
    mentioned: list[int] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]


@dataclass(slots=True)
class OfficeEntry:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    agency_key: str = ""
    holders: list[tuple[str, int]] = field(default_factory=list)  # (person id, doc index)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]


@dataclass
class Catalog:
    version: str
    docs: list[DocRow] = field(default_factory=list)
    persons: dict[str, PersonEntry] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)  # name_key -> person ids
    by_folded: dict[str, set[str]] = field(default_factory=dict)  # folded name -> name_keys
    agencies: dict[str, AgencyEntry] = field(default_factory=dict)
    offices: dict[str, OfficeEntry] = field(default_factory=dict)
    offices_by_agency: dict[str, list[str]] = field(default_factory=dict)  # agency key -> office keys


def _loads(value) -> list:
    if not value:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _doc_province(issuer: str | None, places: list[str]) -> tuple[str | None, bool]:
    """The document's province: the issuer's, else the first province among its places (the main
    one); and whether it is sure (the issuer's, or the only province named)."""
    if issuer:
        found = province_in(issuer)
        if found:
            return found, True
    provinces = [p for p in places if p in _PROVINCE_SET]
    return (provinces[0] if provinces else None), len(set(provinces)) == 1


def _names_inside(office: Office, names: list[str]) -> bool:
    """Whether an office's body holds a person's name: a role phrase that ran on into another
    sentence part ("Thủ tướng Nhật Bản Shinzo Abe đón Thủ tướng") is not an office."""
    return any(n in office.agency for n in names)


def _sort_key(doc: DocRow) -> tuple[str, str]:
    return (doc.date or (f"{doc.year:04d}" if doc.year else ""), doc.id)


def build(store: DocumentStore, version: str) -> Catalog:
    cat = Catalog(version)
    raw: dict[str, list[tuple[int, str, str | None, tuple[Office, ...]]]] = defaultdict(list)
    # One object per distinct value (names, bodies, offices repeat across documents): the catalog
    # of 30k documents stays a few tens of MB, in memory and pickled.
    pool: dict = {}
    share = pool.setdefault
    for row in store.iter_fields(_FIELDS):
        doc_id, title, date, year, doc_type, issuer, agencies, cited, places, people, signer = row
        agencies_l = [share(a, a) for a in _loads(agencies)]
        cited_l, places_l = _loads(cited), _loads(places)
        province, sure = _doc_province(issuer, places_l)
        doc = DocRow(doc_id, title or "", date and share(date, date), year, doc_type and share(doc_type, doc_type),
                     issuer and share(issuer, issuer), agencies_l, province, signer=signer or None)
        # A body written without its province ("Bí thư Thành ủy") takes the document's only when
        # that is sure: a news article naming Hà Nội first may quote the Bí thư of another city.
        complete_with = province if sure else None
        idx = len(cat.docs)
        cat.docs.append(doc)
        for name in agencies_l:
            entry = cat.agencies.setdefault(office_key(name), AgencyEntry(office_key(name)))
            entry.names[name] += 1
            (entry.issued if name == issuer else entry.mentioned).append(idx)
        for name in cited_l:
            if name in agencies_l:
                continue
            entry = cat.agencies.setdefault(office_key(name), AgencyEntry(office_key(name)))
            entry.names[name] += 1
            entry.cited.append(idx)
        named = [p for p in _loads(people) if p and p.get("name")]
        names = [p["name"] for p in named if " " in p["name"]]
        for person in named:
            offices = [o for o in split_offices(person.get("role"), complete_with) if not _names_inside(o, names)]
            offices_t = tuple(share(o, o) for o in offices)
            offices_t = share(offices_t, offices_t)
            name, role = share(person["name"], person["name"]), person.get("role")
            raw[name_key(name)].append((idx, name, role and share(role, role), offices_t))
    order = sorted(range(len(cat.docs)), key=lambda i: _sort_key(cat.docs[i]), reverse=True)
    rank = {doc: r for r, doc in enumerate(order)}
    for key, mentions in raw.items():
        _add_person(cat, key, mentions, rank)
    for entry in cat.agencies.values():
        for lst in (entry.issued, entry.mentioned, entry.cited):
            lst.sort(key=rank.__getitem__)
    for office in cat.offices.values():
        office.holders.sort(key=lambda h: rank[h[1]])
        cat.offices_by_agency.setdefault(office.agency_key, []).append(office.key)
    return cat


def _mention_province(offices: tuple[Office, ...]) -> str | None:
    for office in offices:
        found = province_in(office.agency)
        if found:
            return found
    return None


def _add_person(cat: Catalog, key: str, mentions: list, rank: dict[int, int]) -> None:
    provinces = Counter(p for m in mentions if (p := _mention_province(m[3])) is not None)
    groups: dict[str | None, list] = defaultdict(list)
    if len(provinces) <= 1:
        only = next(iter(provinces), None)
        groups[only] = mentions
    else:
        for m in mentions:
            # A mention without an office goes to the person of its document's province, if one.
            p = _mention_province(m[3]) or (cat.docs[m[0]].province if cat.docs[m[0]].province in provinces else None)
            groups[p].append(m)
    split = len(groups) > 1
    for province, group in groups.items():
        pid = f"{key}@{province or '?'}" if split else key
        entry = PersonEntry(pid, key, province)
        seen_docs: set[int] = set()
        for idx, name, role, offices in sorted(group, key=lambda m: rank[m[0]]):
            entry.mentions.append(Mention(idx, name, role, offices))
            if idx not in seen_docs:
                seen_docs.add(idx)
                cat.docs[idx].people.append(pid)
            for office in offices:
                if office.former:
                    continue
                okey = office.key
                oentry = cat.offices.setdefault(okey, OfficeEntry(okey, agency_key=office_key(office.agency)))
                oentry.names[office.name] += 1
                oentry.holders.append((pid, idx))
        cat.persons[pid] = entry
        cat.by_name.setdefault(key, []).append(pid)
    cat.by_folded.setdefault(folded_name_key(key), set()).add(key)


# -- one catalog per data version, in memory and on disk --------------------------------------------------
_LOCK = threading.Lock()
_MEMORY: dict[str, Catalog] = {}


def catalog_for(store: DocumentStore, root: Path, version: str) -> Catalog:
    """The catalog of this data version: from memory, else from the cache file, else built (and saved)."""
    cached = _MEMORY.get(str(root))
    if cached is not None and cached.version == version:
        return cached
    with _LOCK:
        cached = _MEMORY.get(str(root))
        if cached is not None and cached.version == version:
            return cached
        # Millions of small objects: the cyclic collector would walk them again and again while they
        # are made (it halves load and build times); they hold no cycles to collect.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            cat = _load(root / CACHE_FILE, version)
            if cat is None:
                cat = build(store, version)
                if not store.readonly:
                    _save(root / CACHE_FILE, cat)
        finally:
            if gc_was_on:
                gc.enable()
        _MEMORY[str(root)] = cat
        return cat


def _load(path: Path, version: str) -> Catalog | None:
    try:
        with open(path, "rb") as f:
            fmt, file_version = pickle.load(f)
            if fmt != (CATALOG_FORMAT, _CODE) or file_version != version:
                return None
            cat = pickle.load(f)
        return cat if isinstance(cat, Catalog) else None
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is rebuilt, not trusted
        log.warning("entity cache %s unreadable; rebuilding", path)
        return None


def _save(path: Path, cat: Catalog) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            pickle.dump(((CATALOG_FORMAT, _CODE), cat.version), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(cat, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        log.warning("cannot write entity cache %s", path)
        tmp.unlink(missing_ok=True)
