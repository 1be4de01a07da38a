"""What a person page, an agency page and an office-holder question show, as JSON-ready dicts, read
from the catalog (kb/entities/catalog.py); only the shown page of documents touches the store (for
snippets around the name)."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from typing import Any

from kb.entities.catalog import Catalog, DocRow, PersonEntry
from kb.entities.keys import fold_key, folded_name_key, name_key, office_key
from kb.extract.canonical import canonical_agency
from kb.store import DocumentStore
from kb.text.normalize import fold_same_length, lower_same_length

SNIPPET_RADIUS = 110
TOP_RELATED = 10
MAX_CANDIDATES = 20


def _doc_brief(doc: DocRow) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "date": doc.date, "year": doc.year, "doc_type": doc.doc_type}


def _when(doc: DocRow) -> str | None:
    return doc.date or (str(doc.year) if doc.year else None)


def _span(docs: list[DocRow]) -> tuple[str | None, str | None]:
    dates = sorted(w for d in docs if (w := _when(d)))
    return (dates[0], dates[-1]) if dates else (None, None)


def _page(items: list, page: int, limit: int) -> tuple[list, int]:
    pages = max(1, -(-len(items) // limit))
    page = min(max(1, page), pages)
    return items[(page - 1) * limit : page * limit], page


# -- people --------------------------------------------------------------------------------------------
def _candidate(cat: Catalog, entry: PersonEntry) -> dict[str, Any]:
    docs = {m.doc for m in entry.mentions}
    roles = Counter(o.name for m in entry.mentions for o in m.offices if not o.former)
    return {"id": entry.id, "name": entry.name, "province": entry.province, "documents": len(docs),
            "roles": [r for r, _ in roles.most_common(3)]}


def find_person(cat: Catalog, query: str, province: str | None = None) -> tuple[str, list[PersonEntry]]:
    """("found", [person]) | ("ambiguous", candidates) | ("not_found", names that contain the query)."""
    query = query.strip()
    if query in cat.persons:
        return "found", [cat.persons[query]]
    keys = [name_key(query)] if name_key(query) in cat.by_name else sorted(cat.by_folded.get(folded_name_key(query), ()))
    ids = [pid for k in keys for pid in cat.by_name[k]]
    if province:
        wanted = fold_key(province)
        ids = [pid for pid in ids if fold_key(cat.persons[pid].province or "") == wanted]
    entries = sorted((cat.persons[pid] for pid in ids), key=lambda e: -len({m.doc for m in e.mentions}))
    if len(entries) == 1:
        return "found", entries
    if entries:
        return "ambiguous", entries[:MAX_CANDIDATES]
    folded = folded_name_key(query)
    if len(folded) < 3:
        return "not_found", []
    near = [cat.persons[pid] for k, names in cat.by_folded.items() if folded in k for n in names
            for pid in cat.by_name[n]]
    near.sort(key=lambda e: -len(e.mentions))
    return "not_found", near[:MAX_CANDIDATES]


def _name_pattern(names: list[str]) -> re.Pattern[str]:
    """Any written form of the names, matched on folded lower-case text (same length as the original)."""
    forms = sorted({fold_same_length(lower_same_length(n)) for n in names}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def name_snippet(text: str, pattern: re.Pattern[str], radius: int = SNIPPET_RADIUS) -> str:
    """Escaped HTML: the text around the first mention of the name, the name in <mark>."""
    folded = fold_same_length(lower_same_length(text))
    m = pattern.search(folded) if len(folded) == len(text) else None
    if m is None:
        cut = text[: 2 * radius].strip()
        return html.escape(cut) + ("…" if len(text) > 2 * radius else "")
    start, end = max(0, m.start() - radius), min(len(text), m.end() + radius)
    while start > 0 and not text[start - 1].isspace():
        start += 1
    while end < len(text) and not text[end].isspace() and end - m.end() < radius + 20:
        end += 1
    before, name, after = text[start : m.start()], text[m.start() : m.end()], text[m.end() : end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return (prefix + html.escape(" ".join(before.split()) + (" " if before[-1:].isspace() else ""))
            + f"<mark>{html.escape(name)}</mark>" + html.escape(after.rstrip()) + suffix)


def person_roles(cat: Catalog, entry: PersonEntry) -> list[dict[str, Any]]:
    """Offices held, one span each: first and last document date in that office, newest first."""
    by_office: dict[str, list] = defaultdict(list)
    for m in entry.mentions:
        for office in m.offices:
            if not office.former:
                by_office[office.key].append((office, cat.docs[m.doc]))
    out = []
    for key, seen in by_office.items():
        docs = list({id(d): d for _, d in seen}.values())
        first, last = _span(docs)
        office = Counter(o for o, _ in seen).most_common(1)[0][0]
        out.append({"role": office.title, "agency": office.agency, "office": office.name, "office_key": key,
                    "from": first, "to": last, "documents": len(docs)})
    out.sort(key=lambda r: (r["to"] or "", r["from"] or "", r["documents"]), reverse=True)
    return out


def person_view(cat: Catalog, store: DocumentStore, entry: PersonEntry, page: int = 1, limit: int = 10) -> dict:
    doc_roles: dict[int, str | None] = {}
    for m in entry.mentions:  # newest first; the first role written in a document is kept
        if m.doc not in doc_roles or (doc_roles[m.doc] is None and m.role):
            doc_roles[m.doc] = m.role
    doc_idx = list(doc_roles)
    shown, page = _page(doc_idx, page, limit)
    names = list(entry.names)
    texts = store.get_many([cat.docs[i].id for i in shown])
    pattern = _name_pattern(names)
    items = []
    for i in shown:
        doc = cat.docs[i]
        ann = texts.get(doc.id)
        items.append({**_doc_brief(doc), "role": doc_roles[i],
                      "snippet": name_snippet(ann.text, pattern) if ann is not None else ""})
    timeline: Counter[str] = Counter()
    undated = 0
    people: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    for i in doc_idx:
        doc = cat.docs[i]
        when = doc.date[:7] if doc.date else (str(doc.year) if doc.year else None)
        if when:
            timeline[when] += 1
        else:
            undated += 1
        people.update(p for p in set(doc.people) if p != entry.id)
        agencies.update(set(doc.agencies))
    same_name = [e for pid in cat.by_name.get(entry.key, []) if (e := cat.persons[pid]).id != entry.id]
    return {
        "status": "found",
        "id": entry.id,
        "name": entry.name,
        "province": entry.province,
        "variants": names,
        "ambiguous": bool(same_name),
        "same_name": [_candidate(cat, e) for e in same_name],
        "roles": person_roles(cat, entry),
        "documents": {"total": len(doc_idx), "page": page, "limit": limit, "items": items},
        "timeline": [{"period": k, "count": v} for k, v in sorted(timeline.items())],
        "undated": undated,
        "related_people": [{"id": pid, "name": cat.persons[pid].name, "province": cat.persons[pid].province,
                            "count": n} for pid, n in people.most_common(TOP_RELATED)],
        "related_agencies": [{"name": a, "count": n} for a, n in agencies.most_common(TOP_RELATED)],
        "search": {"person": names},
    }


def person(cat: Catalog, store: DocumentStore, query: str, province: str | None = None, page: int = 1,
           limit: int = 10, in_document: str | None = None) -> dict:
    """`in_document`: the document the name was read in (a chip under a result); it settles an
    ambiguous name when only one of the candidates is named there."""
    status, entries = find_person(cat, query, province)
    if status == "ambiguous" and in_document:
        named_there = [e for e in entries if any(cat.docs[m.doc].id == in_document for m in e.mentions)]
        if len(named_there) == 1:
            status, entries = "found", named_there
    if status == "found":
        return person_view(cat, store, entries[0], page, limit)
    return {"status": status, "query": query, "candidates": [_candidate(cat, e) for e in entries]}


# -- bodies --------------------------------------------------------------------------------------------
def find_agency(cat: Catalog, query: str) -> tuple[str, list[str]]:
    """("found", [key]) | ("ambiguous", keys) | ("not_found", keys of similar names)."""
    for key in (office_key(query), office_key(canonical_agency(query))):
        if key in cat.agencies:
            return "found", [key]
    words = office_key(query).split()
    if not words:
        return "not_found", []
    pattern = re.compile(r"(?<!\w)" + r"\s(?:\w+\s)*?".join(re.escape(w) for w in words) + r"(?!\w)")
    near = [k for k in cat.agencies if pattern.search(k)]
    near.sort(key=lambda k: -(len(cat.agencies[k].issued) + len(cat.agencies[k].mentioned)))
    if len(near) == 1:
        return "found", near
    return ("ambiguous" if near else "not_found"), near[:MAX_CANDIDATES]


def _agency_candidate(cat: Catalog, key: str) -> dict[str, Any]:
    e = cat.agencies[key]
    return {"name": e.name, "issued": len(e.issued), "mentioned": len(e.mentioned), "cited": len(e.cited)}


def agency_view(cat: Catalog, key: str, page: int = 1, limit: int = 10) -> dict:
    entry = cat.agencies[key]
    relation = {i: "issued" for i in entry.issued}
    for i in entry.mentioned:
        relation.setdefault(i, "mentioned")
    for i in entry.cited:
        relation.setdefault(i, "cited")
    order = {i: r for r, i in enumerate(sorted(relation, key=lambda i: (cat.docs[i].date or "", cat.docs[i].id),
                                               reverse=True))}
    docs_sorted = sorted(relation, key=order.__getitem__)
    shown, page = _page(docs_sorted, page, limit)
    holders: dict[tuple[str, str], list[DocRow]] = defaultdict(list)
    titles: dict[tuple[str, str], str] = {}
    for okey in cat.offices_by_agency.get(key, []):
        office = cat.offices[okey]
        for pid, idx in office.holders:
            holders[(okey, pid)].append(cat.docs[idx])
            titles[(okey, pid)] = office.name
    table = []
    for (okey, pid), docs in holders.items():
        unique = list({d.id: d for d in docs}.values())
        first, last = _span(unique)
        role = titles[(okey, pid)]
        table.append({"role": role, "office_key": okey, "person": cat.persons[pid].name, "person_id": pid,
                      "from": first, "to": last, "documents": len(unique)})
    # Who signed the documents it issued: the name in each one's signature block.
    signers: Counter[str] = Counter()
    for i in entry.issued:
        doc = cat.docs[i]
        if doc.signer:
            key = name_key(doc.signer)
            pid = next((p for p in doc.people if cat.persons[p].key == key), None)
            if pid is not None:
                signers[pid] += 1
    # Per office, the newest holder first.
    table.sort(key=lambda r: (r["to"] or "", r["documents"]), reverse=True)
    table.sort(key=lambda r: r["role"])
    types: Counter[tuple[int | None, str]] = Counter()
    for i in relation:
        doc = cat.docs[i]
        year = doc.year or (int(doc.date[:4]) if doc.date else None)
        types[(year, doc.doc_type or "Không rõ loại")] += 1
    return {
        "status": "found",
        "name": entry.name,
        "variants": list(entry.names),
        "issued": len(entry.issued),
        "mentioned": len(entry.mentioned),
        "cited": len(entry.cited),
        "signers": [{"person_id": pid, "person": cat.persons[pid].name, "documents": n}
                    for pid, n in signers.most_common(TOP_RELATED)],
        "office_holders": table,
        "doc_types_by_year": [{"year": y, "doc_type": t, "count": n}
                              for (y, t), n in sorted(types.items(), key=lambda x: (x[0][0] or 0, -x[1]), reverse=True)],
        "documents": {"total": len(docs_sorted), "page": page, "limit": limit,
                      "items": [{**_doc_brief(cat.docs[i]), "relation": relation[i]} for i in shown]},
        "search": {"agency": list(entry.names)},
    }


def agency(cat: Catalog, query: str, page: int = 1, limit: int = 10) -> dict:
    status, keys = find_agency(cat, query)
    if status == "found":
        return agency_view(cat, keys[0], page, limit)
    return {"status": status, "query": query, "candidates": [_agency_candidate(cat, k) for k in keys]}


# -- office holders ------------------------------------------------------------------------------------
def _year_of(doc: DocRow) -> int | None:
    return doc.year or (int(doc.date[:4]) if doc.date else None)


def who(cat: Catalog, office: str, year: int | None = None, max_documents: int = 20) -> dict:
    """The people documented in an office (in `year`, when given), each with the documents that show it."""
    key = office_key(office)
    entry = cat.offices.get(key)
    if entry is None:
        words = key.split()
        similar = [o for k, o in cat.offices.items() if words and all(w in k.split() for w in words)]
        similar.sort(key=lambda o: -len(o.holders))
        return {"status": "not_found", "query": office, "office": None, "year": year, "holders": [],
                "similar": [{"office": o.name, "documents": len({i for _, i in o.holders})} for o in similar[:10]]}
    per_person: dict[str, list[DocRow]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    undated = 0
    for pid, idx in entry.holders:
        doc = cat.docs[idx]
        if year is not None and _year_of(doc) != year:
            undated += _year_of(doc) is None
            continue
        if (pid, idx) not in seen:
            seen.add((pid, idx))
            per_person[pid].append(doc)
    holders = []
    for pid, docs in per_person.items():
        first, last = _span(docs)
        p = cat.persons[pid]
        holders.append({"person_id": pid, "name": p.name, "province": p.province, "from": first, "to": last,
                        "count": len(docs), "documents": [_doc_brief(d) for d in docs[:max_documents]]})
    holders.sort(key=lambda h: (h["to"] or "", h["count"]), reverse=True)
    return {"status": "found" if holders else "none_in_period", "query": office, "office": entry.name,
            "year": year, "holders": holders, "undated_excluded": undated, "similar": []}
