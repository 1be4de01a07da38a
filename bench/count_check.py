"""Do the product's counts agree with a plain count over the stored text?

For each query, the concepts are written out here by hand, each with the written forms it accepts
(the abbreviation and its full form, the word with its marks); a document "holds all concepts" when
a regular expression finds every concept, as whole syllables, in its title or text. The text is
read straight from the store's SQLite file (no kb code), lower-cased, as stored (NFC, old-style
tone marks). The product's full matches are the ids `KnowledgeBase.export` lists (SearchEngine.ranked_ids) and its
`total`; its partial count is `total_partial`.

    python bench/count_check.py --index DIR [--show 3]

Prints one markdown table row per query and, where the two sets differ, a few documents of each
side with the text around the concept that decided it. Exit 0 always (a measurement, not a test).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (query, concepts); a concept is a list of accepted written forms, lower-case. Unaccented forms
# prefixed with "~" are matched on the folded text (any marks).
QUERIES: list[tuple[str, list[list[str]]]] = [
    ("Chủ tịch UBND tỉnh", [["chủ tịch"], ["ubnd", "ủy ban nhân dân"], ["tỉnh"]]),
    ("chuyển đổi số", [["chuyển đổi"], ["số"]]),
    ("giá xăng dầu tăng", [["giá"], ["xăng dầu"], ["tăng"]]),
    ("tai nạn giao thông nghiêm trọng", [["tngt", "tai nạn giao thông"], ["nghiêm trọng"]]),
    ("bảo hiểm xã hội", [["bhxh", "bảo hiểm xã hội"]]),
    ("Thủ tướng Nguyễn Xuân Phúc", [["thủ tướng"], ["nguyễn xuân phúc"]]),
    ("cảnh sát giao thông xử phạt", [["csgt", "cảnh sát giao thông"], ["xử phạt"]]),
    ("ô nhiễm môi trường", [["ô nhiễm"], ["môi trường"]]),
    ("Hội đồng nhân dân tỉnh Quảng Nam", [["hđnd", "hội đồng nhân dân"], ["tỉnh"], ["quảng nam"]]),
    ("giá vàng tăng", [["giá"], ["vàng"], ["tăng"]]),
    # Unaccented: the regex takes any marks; the product takes the accented forms the index has for
    # the word ("chủ tịch") and the commonest forms of a lone syllable ("tinh": tỉnh, tình, tính).
    ("chu tich ubnd tinh", [["~chu tich"], ["~ubnd", "~uy ban nhan dan"], ["~tinh"]]),
]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def form_regex(form: str) -> re.Pattern:
    words = form.split()
    # Whole syllables: no letter or digit right before or after; any non-letters between them.
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![^\W_])")


def load_texts(store: Path) -> dict[str, str]:
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    out = {}
    for doc_id, doc in con.execute("SELECT id, doc FROM documents"):
        data = json.loads(doc)
        out[doc_id] = (data.get("title") or "") + "\n" + (data.get("text") or "")
    con.close()
    return out


def holders(texts: dict[str, str], concepts: list[list[str]]) -> tuple[set[str], set[str]]:
    """(documents holding every concept, documents holding at least one)."""
    compiled = [[(f.startswith("~"), form_regex(f.lstrip("~"))) for f in forms] for forms in concepts]
    every, some = set(), set()
    for doc_id, text in texts.items():
        low = text.lower()
        folded = None
        held = []
        for forms in compiled:
            ok = False
            for on_folded, rx in forms:
                if on_folded and folded is None:
                    folded = fold(low)
                if rx.search(folded if on_folded else low):
                    ok = True
                    break
            held.append(ok)
        if all(held):
            every.add(doc_id)
        if any(held):
            some.add(doc_id)
    return every, some


def context(text: str, concepts: list[list[str]]) -> str:
    low = text.lower()
    parts = []
    for forms in concepts:
        where = None
        for f in forms:
            m = form_regex(f.lstrip("~")).search(fold(low) if f.startswith("~") else low)
            if m:
                where = text[max(0, m.start() - 30): m.end() + 30].replace("\n", " ")
                break
        parts.append(f"{forms[0]}: {'«' + where + '»' if where else 'ABSENT'}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="knowledge base folder (store + index)")
    ap.add_argument("--show", type=int, default=3, help="differing documents shown per side")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from kb.api import KnowledgeBase
    from kb.models import SearchRequest

    started = time.perf_counter()
    texts = load_texts(args.index / "store.sqlite3")
    print(f"{len(texts)} stored documents read in {time.perf_counter() - started:.1f} s\n")
    kb = KnowledgeBase(args.index)
    print("| query | full (total) | partial (total_partial) | regex: all concepts | regex: some concept | agree |")
    print("|---|---:|---:|---:|---:|---|")
    notes = []
    for query, concepts in QUERIES:
        req = SearchRequest(query=query, limit=1, snippets=False)
        resp = kb.search(req)
        full_ids = set(kb.engine.ranked_ids(req))  # what KnowledgeBase.export lists, without reading the documents
        every, some = holders(texts, concepts)
        agree = full_ids == every and resp.total == len(every) and resp.total + resp.total_partial == len(some)
        print(f"| {query} | {resp.total} | {resp.total_partial} | {len(every)} | {len(some) - len(every)} | "
              f"{'yes' if agree else 'no'} |")
        if not agree:
            only_product = sorted(full_ids - every)[: args.show]
            only_regex = sorted(every - full_ids)[: args.show]
            notes.append(f"\n{query}: product only {len(full_ids - every)}, regex only {len(every - full_ids)}; "
                         f"partial: product {resp.total_partial}, regex {len(some) - len(every)}")
            for doc_id in only_product:
                notes.append(f"  product only {doc_id}: {context(texts[doc_id], concepts)}")
            for doc_id in only_regex:
                notes.append(f"  regex only {doc_id}: {context(texts[doc_id], concepts)}")
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
