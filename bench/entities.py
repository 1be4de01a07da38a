"""Entity benchmark on the shared news corpus: how long a person page takes (median of warm loads; the
catalog build and a cold load from its cache file), and what the catalog holds: persons with at least
one role span, the share of role spans whose dates are consistent, and office-holder answers to read.
Writes bench/out/entities.json.

    python bench/entities.py [--index /tmp/kb-30k] [--docs 30000] [--repeat 9]

The index is built once (as bench/perf.py does) when --index does not exist yet, then reused.
Skips cleanly (exit 0) when ../shared/data/news-vi-2017.jsonl.gz is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from perf import DATA, load_articles, machine, run_kb, write_jsonl  # noqa: E402

# Offices that one person holds at a time: two people's spans of one of them must not overlap.
# Deputies, members and collective titles are held by several people at once.
_SHARED_TITLES = ("Phó", "Ủy viên", "Thành viên", "Đại biểu", "Thường trực")


def build_index(index: Path, docs: int) -> float:
    articles = load_articles(docs)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        write_jsonl(src, articles)
        wall, _, _ = run_kb(["ingest", str(src), "--quiet"], index)
    return wall


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), runs


def span_consistency(cat, views) -> dict:
    """Role spans per (person, office); a dated span is consistent when from <= to and, for an office
    one person holds at a time, no other person's span of that office overlaps it."""
    spans: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    persons_with_span = 0
    for entry in cat.persons.values():
        roles = views.person_roles(cat, entry)
        if roles:
            persons_with_span += 1
        for r in roles:
            spans[r["office_key"]].append((entry.id, r["from"], r["to"], r["role"]))
    total = dated = ordered = clash_free = 0
    for office_spans in spans.values():
        for pid, first, last, title in office_spans:
            total += 1
            if not (first and last):
                continue
            dated += 1
            if first > last:
                continue
            ordered += 1
            single = not title.startswith(_SHARED_TITLES)
            overlap = single and any(
                other != pid and f and t and f <= last and first <= t for other, f, t, _ in office_spans)
            clash_free += not overlap
    return {"persons": len(cat.persons), "persons_with_role_span": persons_with_span, "role_spans": total,
            "dated_spans": dated, "ordered_spans": ordered, "consistent_spans": clash_free,
            "consistent_share_of_dated": round(clash_free / dated, 4) if dated else None}


PROVINCIAL_OFFICES = ("chu tich ubnd ", "bi thu tinh uy ", "bi thu thanh uy ", "chu tich hdnd ", "giam doc so ")


def office_answers(kb, cat, limit: int = 10) -> list[dict]:
    """The most documented provincial offices (one per office), answered as `kb who` does."""
    offices = [o for o in cat.offices.values() if o.key.startswith(PROVINCIAL_OFFICES)]
    offices.sort(key=lambda o: -len({i for _, i in o.holders}))
    out = []
    for office in offices[:limit]:
        answer = kb.who(office.name)
        out.append({"office": answer["office"], "holders": [
            {"name": h["name"], "from": h["from"], "to": h["to"], "count": h["count"],
             "documents": [d["id"] for d in h["documents"][:3]]} for h in answer["holders"][:4]]})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, default=Path(tempfile.gettempdir()) / "kb-entities-30k",
                    help="index directory; built from the corpus when it does not exist")
    ap.add_argument("--docs", type=int, default=30000, help="articles to ingest when building")
    ap.add_argument("--repeat", type=int, default=9, help="warm loads measured per page")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    result: dict = {"machine": machine(), "index": str(args.index)}
    if not (args.index / "store.sqlite3").exists():
        result["ingest_seconds"] = build_index(args.index, args.docs)

    from kb.api import KnowledgeBase
    from kb.entities import catalog as catalog_mod
    from kb.entities import views

    kb = KnowledgeBase(args.index)
    result["documents"] = kb.store.count()
    version = kb.data_version()
    started = time.perf_counter()
    cat = catalog_mod.build(kb.store, version)
    result["catalog_build_seconds"] = round(time.perf_counter() - started, 3)
    (args.index / catalog_mod.CACHE_FILE).unlink(missing_ok=True)
    catalog_mod._MEMORY.clear()
    kb._entities()  # builds and writes the cache file
    catalog_mod._MEMORY.clear()
    started = time.perf_counter()
    cat = kb._entities()  # what a new process does: read the cache file
    result["catalog_cold_load_seconds"] = round(time.perf_counter() - started, 3)

    by_docs = sorted(cat.persons.values(), key=lambda e: -len({m.doc for m in e.mentions}))
    top = by_docs[0]
    near_500 = min(by_docs, key=lambda e: abs(len({m.doc for m in e.mentions}) - 500))
    pages = {}
    for label, entry in (("most_frequent", top), ("about_500", near_500)):
        kb.person(entry.id)  # warm
        median, runs = timed(lambda e=entry: kb.person(e.id), args.repeat)
        pages[label] = {"person": entry.name, "documents": len({m.doc for m in entry.mentions}),
                        "median_ms": round(median * 1000, 2), "max_ms": round(max(runs) * 1000, 2)}
    agency = max(cat.agencies.values(), key=lambda a: len(a.issued) + len(a.mentioned))
    kb.agency(agency.name)
    median, _ = timed(lambda: kb.agency(agency.name), args.repeat)
    pages["agency_most_frequent"] = {"agency": agency.name, "documents": len(agency.issued) + len(agency.mentioned),
                                     "median_ms": round(median * 1000, 2)}
    office = office_answers(kb, cat, 1)[0]["office"]
    median, _ = timed(lambda: kb.who(office, year=2017), args.repeat)
    pages["who"] = {"office": office, "median_ms": round(median * 1000, 2)}
    result["warm_page_loads"] = pages
    result["spans"] = span_consistency(cat, views)
    result["office_answers"] = office_answers(kb, cat)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "entities.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
