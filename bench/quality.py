"""Search-quality benchmark: the product against two plain baselines on a fixed news subset.

Usage:
    python bench/quality.py [--data PATH] [--n 5000] [--queries bench/queries_dev.jsonl]
                            [--out bench/out/quality.json] [--systems product,whoosh_plain,fts5,fts5_or]
                            [--index DIR] [--markdown FILE] [--failures]

The subset is the first N lines of the news data file (file order). The judged queries in
bench/queries_dev.jsonl hold only query strings and article ids; article text is read at run time
and never stored in the repository. Metrics are computed from each system's ranked top 10:
MRR@10, Recall@10, Success@10 and nDCG@10 (binary gains), per query kind and overall, plus query
latency p50/p95.

Systems:
    product       kb.api.KnowledgeBase (skipped with a message when it cannot be imported yet)
    whoosh_plain  Whoosh StandardAnalyzer over title+text, MultifieldParser with default AND grouping
    fts5          SQLite FTS5, unicode61 remove_diacritics 2, every query token quoted (implicit AND), bm25
    fts5_or       the same index, tokens joined with OR, bm25

Exits 0 with "skipped: data not found" when the data file is absent. See bench/README-quality.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"
DEFAULT_QUERIES = REPO_ROOT / "bench" / "queries_dev.jsonl"
DEFAULT_OUT = REPO_ROOT / "bench" / "out" / "quality.json"
DEFAULT_SYSTEMS = "product,whoosh_plain,fts5,fts5_or"
KINDS = ("known_item_accented", "known_item_unaccented", "abbreviation", "person", "topical", "variant",
         "question_accented", "question_unaccented")
K = 10

SearchFn = Callable[[str], list[str]]


# ---------------------------------------------------------------------------------------------
# Data and queries
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class Query:
    qid: str
    kind: str
    query: str
    relevant: tuple[str, ...]
    note: str = ""


def open_text(path: Path) -> Any:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def load_articles(path: Path, n: int) -> list[Article]:
    """The first n lines of the data file, in file order."""
    articles: list[Article] = []
    with open_text(path) as fh:
        for line in fh:
            if len(articles) >= n:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            articles.append(
                Article(
                    id=str(rec["id"]),
                    title=str(rec.get("title") or ""),
                    text=str(rec.get("text") or ""),
                    source=str(rec.get("source") or ""),
                )
            )
    return articles


def load_queries(path: Path) -> list[Query]:
    queries: list[Query] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            queries.append(
                Query(
                    qid=rec["qid"],
                    kind=rec["kind"],
                    query=rec["query"],
                    relevant=tuple(rec["relevant"]),
                    note=rec.get("note", ""),
                )
            )
    return queries


def check_judgments(queries: list[Query], articles: list[Article]) -> list[str]:
    """Relevant ids that are not in the subset (a sign that --n or the data file changed)."""
    known = {a.id for a in articles}
    return [f"{q.qid}: {rid}" for q in queries for rid in q.relevant if rid not in known]


# ---------------------------------------------------------------------------------------------
# Systems
# ---------------------------------------------------------------------------------------------


def build_whoosh_plain(articles: list[Article], workdir: Path) -> SearchFn:
    from whoosh import index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import MultifieldParser

    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=StandardAnalyzer()),
        text=TEXT(analyzer=StandardAnalyzer()),
    )
    ix_dir = workdir / "whoosh_plain"
    ix_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(ix_dir), schema)
    writer = ix.writer(limitmb=256)
    for a in articles:
        writer.add_document(id=a.id, title=a.title, text=a.text)
    writer.commit()
    parser = MultifieldParser(["title", "text"], schema=ix.schema)
    searcher = ix.searcher()

    def search(q: str) -> list[str]:
        try:
            parsed = parser.parse(q)
            return [hit["id"] for hit in searcher.search(parsed, limit=K)]
        except Exception:  # noqa: BLE001 - a parse or search error counts as zero results
            return []

    return search


def fts5_tokens(q: str) -> list[str]:
    """Whitespace tokens with double quotes removed, each safe to wrap in double quotes."""
    return [t for t in (tok.replace('"', "") for tok in q.split()) if t]


def fts5_match(q: str, operator: str) -> str:
    quoted = [f'"{t}"' for t in fts5_tokens(q)]
    return f" {operator} ".join(quoted) if operator == "OR" else " ".join(quoted)


def build_fts5_db(articles: list[Article], workdir: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(workdir / "fts5.sqlite3"), check_same_thread=False)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
    )
    con.executemany(
        "INSERT INTO docs(id, title, text) VALUES (?, ?, ?)", ((a.id, a.title, a.text) for a in articles)
    )
    con.commit()
    return con


def fts5_searcher(con: sqlite3.Connection, operator: str) -> SearchFn:
    def search(q: str) -> list[str]:
        match = fts5_match(q, operator)
        if not match:
            return []
        try:
            rows = con.execute(
                "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, K)
            ).fetchall()
        except sqlite3.Error:
            return []
        return [r[0] for r in rows]

    return search


def write_jsonl(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            rec = {"id": a.id, "title": a.title, "text": a.text, "source": a.source}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def ingest_product(kb: Any, articles: list[Article], workdir: Path) -> None:
    jsonl = workdir / "subset.jsonl"
    write_jsonl(articles, jsonl)
    start = time.perf_counter()
    report = kb.ingest_paths([jsonl])
    print(f"product: ingested {len(articles)} articles in {time.perf_counter() - start:.1f}s")
    summary = getattr(report, "summary", None)
    if summary is not None:
        print(f"product: ingest report {summary() if callable(summary) else summary}")


def build_product(articles: list[Article], workdir: Path, index_dir: Path | None) -> SearchFn | None:
    """The product's own API, or None (with a message) when it is not importable yet."""
    try:
        from kb.api import KnowledgeBase
        from kb.models import SearchRequest
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available yet"
        print(f"product: not available yet ({type(exc).__name__}: {exc})")
        return None
    root = index_dir if index_dir is not None else workdir / "product"
    try:
        kb = KnowledgeBase(root)
        if index_dir is not None and kb.has_index():
            print(f"product: reusing the index in {root}")
        else:
            ingest_product(kb, articles, workdir)
    except Exception as exc:  # noqa: BLE001 - a broken build is reported, the baselines still run
        print(f"product: index build failed ({type(exc).__name__}: {exc}); skipped")
        return None
    kb.engine.warm_up()  # what the app does at start: latency below is for a running service

    def search(q: str) -> list[str]:
        resp = kb.search(SearchRequest(query=q, limit=K, snippets=False, facets=False))
        return [h.id for h in resp.hits]

    return search


# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------

METRICS = ("mrr", "recall", "success", "ndcg")


def query_metrics(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    top = ranked[:K]
    hits = [i for i, doc_id in enumerate(top, start=1) if doc_id in relevant]
    dcg = sum(1.0 / math.log2(rank + 1) for rank in hits)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), K) + 1))
    return {
        "mrr": 1.0 / hits[0] if hits else 0.0,
        "recall": len(hits) / len(relevant) if relevant else 0.0,
        "success": 1.0 if hits else 0.0,
        "ndcg": dcg / ideal if ideal else 0.0,
    }


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[idx]


@dataclass
class SystemRun:
    name: str
    per_query: list[dict[str, Any]] = field(default_factory=list)
    errors: int = 0

    def aggregate(self, kinds: list[str]) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for kind in [*kinds, "all"]:
            rows = [r for r in self.per_query if kind == "all" or r["kind"] == kind]
            out[kind] = {m: mean([r["metrics"][m] for r in rows]) for m in METRICS}
            out[kind]["queries"] = len(rows)
        return out

    def latency(self) -> dict[str, float]:
        ms = [r["latency_ms"] for r in self.per_query]
        return {
            "p50_ms": statistics.median(ms) if ms else 0.0,
            "p95_ms": percentile(ms, 95),
            "mean_ms": mean(ms),
        }


def run_system(name: str, search: SearchFn, queries: list[Query], titles: dict[str, str]) -> SystemRun:
    run = SystemRun(name)
    search("khởi động")  # warm-up: open readers and caches outside the timed loop
    for q in queries:
        error = None
        start = time.perf_counter()
        try:
            ranked = search(q.query)
        except Exception as exc:  # noqa: BLE001 - a failing query scores zero but is recorded
            ranked, error = [], f"{type(exc).__name__}: {exc}"
            run.errors += 1
        elapsed = (time.perf_counter() - start) * 1000
        relevant = set(q.relevant)
        top = ranked[:K]
        run.per_query.append(
            {
                "qid": q.qid,
                "kind": q.kind,
                "query": q.query,
                "relevant": list(q.relevant),
                "returned": top,
                "returned_titles": [titles.get(i, "?") for i in top[:3]],
                "relevant_ranks": {rid: (top.index(rid) + 1 if rid in top else None) for rid in q.relevant},
                "metrics": query_metrics(top, relevant),
                "latency_ms": round(elapsed, 3),
                "error": error,
            }
        )
    return run


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def system_table(runs: list[SystemRun], kinds: list[str], metric: str = "mrr", latency: bool = True) -> str:
    """Rows = kinds + "all", columns = systems, cells = one metric."""
    aggs = {r.name: r.aggregate(kinds) for r in runs}
    lines = [
        "| kind (queries) | " + " | ".join(r.name for r in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for kind in [*kinds, "all"]:
        count = int(aggs[runs[0].name][kind]["queries"])
        cells = " | ".join(f"{aggs[r.name][kind][metric]:.3f}" for r in runs)
        lines.append(f"| {kind} ({count}) | {cells} |")
    if latency:
        lat = " | ".join(f"{r.latency()['p50_ms']:.1f} / {r.latency()['p95_ms']:.1f}" for r in runs)
        lines.append(f"| latency p50 / p95 ms | {lat} |")
    return "\n".join(lines)


def metrics_table(run: SystemRun, kinds: list[str]) -> str:
    agg = run.aggregate(kinds)
    lines = ["| kind | MRR@10 | Recall@10 | Success@10 | nDCG@10 |", "|---|---:|---:|---:|---:|"]
    for kind in [*kinds, "all"]:
        row = agg[kind]
        lines.append(
            f"| {kind} | {row['mrr']:.3f} | {row['recall']:.3f} | {row['success']:.3f} | {row['ndcg']:.3f} |"
        )
    return "\n".join(lines)


def render_markdown(
    runs: list[SystemRun], kinds: list[str], n_docs: int, queries: Path, n_queries: int
) -> str:
    parts = [
        f"MRR@10 on the first {n_docs} articles, {n_queries} judged queries ({display_path(queries)}).",
        "",
        system_table(runs, kinds, "mrr"),
        "",
        "nDCG@10 (binary gains; the better measure for topical and person queries with many "
        "relevant articles):",
        "",
        system_table(runs, kinds, "ndcg", latency=False),
    ]
    detailed = next((r for r in runs if r.name == "product"), None)
    if detailed is None:
        parts += ["", "product: not run, so the all-metrics table shows the first baseline."]
        detailed = runs[0]
    parts += ["", f"All metrics for {detailed.name}:", "", metrics_table(detailed, kinds)]
    return "\n".join(parts)


def print_failures(run: SystemRun) -> None:
    print(f"\n## Failures of {run.name} (MRR@10 < 1)\n")
    for r in run.per_query:
        if r["metrics"]["mrr"] >= 1.0:
            continue
        found = {k: v for k, v in r["relevant_ranks"].items() if v is not None}
        print(f"[{r['qid']}] {r['query']!r}  mrr={r['metrics']['mrr']:.2f} found={found or 'none'}")
        if r["error"]:
            print(f"    error: {r['error']}")
        for i, title in enumerate(r["returned_titles"], start=1):
            mark = "*" if i <= len(r["returned"]) and r["returned"][i - 1] in r["relevant"] else " "
            print(f"    {mark}{i}. {title[:100]}")


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def append_markdown(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"\n## Search quality ({stamp})\n\n{body}\n")


def write_json(path: Path, runs: list[SystemRun], kinds: list[str], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        **meta,
        "systems": {
            r.name: {
                "aggregate": r.aggregate(kinds),
                "latency": r.latency(),
                "errors": r.errors,
                "per_query": r.per_query,
            }
            for r in runs
        },
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--n", type=int, default=5000, help="number of articles: the first N lines of --data")
    p.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument(
        "--systems", default=DEFAULT_SYSTEMS, help="comma-separated: product,whoosh_plain,fts5,fts5_or"
    )
    p.add_argument(
        "--index", type=Path, default=None, help="product index dir to reuse (built there if empty)"
    )
    p.add_argument("--markdown", type=Path, default=None, help="append the tables under a dated heading")
    p.add_argument("--failures", action="store_true", help="print the product's queries with MRR@10 < 1")
    return p.parse_args(argv)


def iter_systems(
    names: list[str], articles: list[Article], workdir: Path, index_dir: Path | None
) -> Iterator[tuple[str, SearchFn]]:
    fts_con: sqlite3.Connection | None = None
    for name in names:
        start = time.perf_counter()
        if name == "product":
            fn = build_product(articles, workdir, index_dir)
        elif name == "whoosh_plain":
            fn = build_whoosh_plain(articles, workdir)
        elif name in ("fts5", "fts5_or"):
            fts_con = fts_con or build_fts5_db(articles, workdir)
            fn = fts5_searcher(fts_con, "OR" if name == "fts5_or" else "AND")
        else:
            print(f"unknown system {name!r} (skipped)")
            continue
        if fn is not None:
            print(f"{name}: ready in {time.perf_counter() - start:.1f}s", flush=True)
            yield name, fn
    if fts_con is not None:
        fts_con.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.exists():
        print(f"skipped: data not found ({args.data})")
        return 0
    sys.path.insert(0, str(REPO_ROOT))
    articles = load_articles(args.data, args.n)
    queries = load_queries(args.queries)
    missing = check_judgments(queries, articles)
    if missing:
        print(f"warning: {len(missing)} judged ids are not in the first {args.n} articles: {missing[:5]}")
    present = {q.kind for q in queries}
    kinds = [k for k in KINDS if k in present] + sorted(present - set(KINDS))
    titles = {a.id: a.title for a in articles}
    print(f"{len(articles)} articles, {len(queries)} queries", flush=True)

    runs: list[SystemRun] = []
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="kb-quality-") as tmp:
        for name, fn in iter_systems(names, articles, Path(tmp), args.index):
            runs.append(run_system(name, fn, queries, titles))
    if not runs:
        print("no system ran")
        return 0

    body = render_markdown(runs, kinds, len(articles), args.queries, len(queries))
    print()
    print(body)
    meta = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "data": str(args.data),
        "n_articles": len(articles),
        "queries_file": str(args.queries),
        "n_queries": len(queries),
        "missing_judged_ids": missing,
    }
    write_json(args.out, runs, kinds, meta)
    print(f"\nwrote {args.out}")
    if args.markdown is not None:
        append_markdown(args.markdown, body)
        print(f"appended to {args.markdown}")
    if args.failures:
        product = next((r for r in runs if r.name == "product"), None)
        if product is None:
            print("\n--failures: the product did not run")
        else:
            print_failures(product)
    return 0


if __name__ == "__main__":
    sys.exit(main())
