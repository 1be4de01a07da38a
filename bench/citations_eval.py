"""Citation extraction scored against bench/citations_dev.jsonl: precision, recall and F1 of the
cited numbers (one per number and document, compared by matching key), per part ("tune": the
documents rules were tuned on; "test": kept untouched until the final score), with type and year
accuracy over the numbers found.

    .venv/bin/python bench/citations_eval.py [--part tune|test|all] [--forms full|short|all] [--show]

Full numbers ("1673/QĐ-UBND") and short references ("Quyết định số 652", labelled under "short") are
scored apart and together.

Corpus documents are read from corpus/ (title = first line, as the .txt reader does); news from
/work/shared/data/news-vi-2017.jsonl.gz by id (the labels hold ids and numbers only, no article text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.extract import extract_metadata  # noqa: E402
from kb.extract.references import citation_key, find_citations, home_province, is_short_key, short_key  # noqa: E402
from kb.models import Announcement  # noqa: E402
from kb.text.normalize import normalize_text  # noqa: E402

LABELS = ROOT / "bench" / "citations_dev.jsonl"
NEWS = Path("/work/shared/data/news-vi-2017.jsonl.gz")


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_texts(labels: list[dict]) -> dict[str, tuple[str, str]]:
    """id -> (title, text) for every labelled document that can be read here."""
    out: dict[str, tuple[str, str]] = {}
    wanted = {r["id"] for r in labels if r["source"] != "corpus"}
    for r in labels:
        if r["source"] == "corpus":
            raw = (ROOT / r["path"]).read_text(encoding="utf-8")
            title, _, text = raw.lstrip().partition("\n")
            out[r["id"]] = (title.strip(), text.strip())
    if wanted and NEWS.exists():
        with gzip.open(NEWS, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in wanted:
                    out[d["id"]] = (d.get("title") or "", d.get("text") or "")
    return out


def predict(title: str, text: str) -> list:
    """The citations ingest would store for this document (same normalisation and metadata)."""
    title, text = normalize_text(title).replace("\n", " "), normalize_text(text)
    meta = extract_metadata(title, text, normalized=True)
    ann = Announcement(id="x", title=title, text=text, issuer=meta.issuer, places=meta.places,
                       doc_number=meta.doc_number)
    return find_citations(f"{title}\n\n{text}", meta.doc_number, home_province(ann))


def gold_of(record: dict, forms: str) -> dict[str, dict]:
    """Matching key -> labelled citation: full numbers by their key, short references ("Quyết định số
    652") by their type and number ("QD#652")."""
    gold: dict[str, dict] = {}
    if forms in ("full", "all"):
        gold.update({citation_key(c["doc_number"]): c for c in record["cites"]})
    if forms in ("short", "all"):
        for c in record.get("short", []):
            key = short_key(c["doc_type"], c["number"])
            if key:
                gold[key] = {"doc_number": c["number"], "doc_type": c["doc_type"], "year": c["year"]}
    return gold


def score(labels: list[dict], texts: dict[str, tuple[str, str]], show: bool = False, forms: str = "full") -> dict:
    tp = fp = fn = 0
    type_ok = year_ok = year_n = 0
    docs = 0
    for r in labels:
        if r["id"] not in texts:
            continue
        docs += 1
        gold = gold_of(r, forms)
        pred = {c.key: c for c in predict(*texts[r["id"]])
                if forms == "all" or is_short_key(c.key) == (forms == "short")}
        hit = gold.keys() & pred.keys()
        tp += len(hit)
        fp += len(pred.keys() - gold.keys())
        fn += len(gold.keys() - pred.keys())
        for k in hit:
            type_ok += pred[k].doc_type == gold[k]["doc_type"]
            if gold[k]["year"] is not None:
                year_n += 1
                year_ok += pred[k].year == gold[k]["year"]
        if show and (pred.keys() ^ gold.keys() or any(pred[k].doc_type != gold[k]["doc_type"] for k in hit)):
            print(f"  {r['id']}: missed {sorted(gold.keys() - pred.keys())} spurious "
                  f"{sorted(pred[k].doc_number for k in pred.keys() - gold.keys())} type "
                  f"{[(k, pred[k].doc_type, gold[k]['doc_type']) for k in hit if pred[k].doc_type != gold[k]['doc_type']]}")
        if show:
            for k in hit:
                if gold[k]["year"] is not None and pred[k].year != gold[k]["year"]:
                    print(f"  {r['id']}: year of {k}: {pred[k].year} (gold {gold[k]['year']})")
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {"documents": docs, "gold": tp + fn, "predicted": tp + fp, "tp": tp, "precision": round(p, 3),
            "recall": round(rc, 3), "f1": round(f1, 3), "type_accuracy": round(type_ok / tp, 3) if tp else None,
            "year_accuracy": round(year_ok / year_n, 3) if year_n else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("tune", "test", "all"), default="tune")
    ap.add_argument("--forms", choices=("full", "short", "all"), default="all",
                    help="full numbers (with a symbol), short references (kind and number), or both")
    ap.add_argument("--show", action="store_true", help="print every miss and spurious number")
    args = ap.parse_args()
    labels = load_labels()
    texts = load_texts(labels)
    parts = ("tune", "test") if args.part == "all" else (args.part,)
    for part in parts:
        rows = [r for r in labels if r["part"] == part]
        forms = ("full", "short", "all") if args.forms == "all" else (args.forms,)
        for form in forms:
            result = score(rows, texts, args.show and form != "all", form)
            missing = len(rows) - result["documents"]
            note = f" ({missing} documents unreadable here)" if missing else ""
            print(f"{part} {form}: " + json.dumps(result, ensure_ascii=False) + note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
