"""Performance benchmark on the shared news corpus: segmentation limit, cold ingest at several
sizes, reindex, incremental ingest, query latency (warm, and cold: one query per process), app
memory. Writes bench/out/perf.json and, with --markdown, appends a dated section to bench/RESULTS.md.

    python bench/perf.py [--sizes 5000,15000,30000] [--big 150000] [--markdown bench/RESULTS.md]
    python bench/perf.py --cold /tmp/kb-5k,/tmp/kb-30k [--code ../other-checkout]   # cold queries only

Skips cleanly (exit 0) when ../shared/data/news-vi-2017.jsonl.gz is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"
sys.path.insert(0, str(ROOT))

QUERY_MIX = [
    # short
    ("short", "Đà Nẵng"), ("short", "ngập lụt"), ("short", "UBND"), ("short", "xổ số"), ("short", "học phí"),
    # long
    ("long", "Chủ tịch UBND tỉnh Quảng Nam kiểm tra công tác phòng chống lụt bão"),
    ("long", "Hội đồng nhân dân thành phố Hà Nội thông qua nghị quyết về ngân sách năm 2017"),
    ("long", "cảnh sát giao thông xử phạt xe khách vi phạm tải trọng trên quốc lộ 1A"),
    # unaccented
    ("unaccented", "chu tich ubnd tinh"), ("unaccented", "uy ban nhan dan thanh pho ho chi minh"),
    ("unaccented", "tai nan giao thong nghiem trong"), ("unaccented", "quyet dinh bo nhiem giam doc so"),
    ("unaccented", "gia xang dau tang"),
    # phrase
    ("phrase", '"an toàn thực phẩm"'), ("phrase", '"bán đảo Sơn Trà"'), ("phrase", '"Tết Nguyên đán" -pháo'),
    # filtered
    ("filtered", "giáo dục year:2017"), ("filtered", "y tế place:Hà Nội"), ("filtered", "Thủ tướng type:\"Tin tức\""),
    ("abbreviation", "HĐND TP.HCM"), ("abbreviation", "Sở GD&ĐT Hà Nội"), ("abbreviation", "CSGT"),
]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def load_articles(n: int) -> list[dict]:
    out = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def write_jsonl(path: Path, docs: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def syllable_count(docs: list[dict]) -> int:
    return sum(len(d["title"].split()) + len(d["text"].split()) for d in docs)


# -- segmentation limit ---------------------------------------------------------------------------
def _pyvi_chunk(texts: list[str]) -> int:
    from pyvi import ViTokenizer

    for t in texts:
        ViTokenizer.tokenize(t)
    return len(texts)


def segmentation_limit(docs: list[dict]) -> dict:
    from pyvi import ViTokenizer  # noqa: F401 - load the model before forking

    texts = [d["title"] + "\n" + d["text"] for d in docs]
    out = {}
    for procs in (1, 2):
        started = time.perf_counter()
        if procs == 1:
            _pyvi_chunk(texts)
        else:
            chunks = [texts[i::procs] for i in range(procs)]
            with mp.get_context("fork").Pool(procs) as pool:
                pool.map(_pyvi_chunk, chunks)
        out[f"pyvi_{procs}proc_s"] = time.perf_counter() - started
    return out


# -- ingest ---------------------------------------------------------------------------------------
def run_kb(args: list[str], index: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (kB) of the kb process and its workers, and stdout.

    The peak comes from wait4() on that one process, so processes this script forked earlier
    (the pyvi timing pool, with all articles in memory) do not count."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--index", str(index), *args], cwd=ROOT,
                                stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(stderr[-2000:])
    return wall, usage.ru_maxrss, stdout


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cold_ingest(docs: list[dict], work: Path, label: str) -> dict:
    src = work / f"{label}.jsonl"
    write_jsonl(src, docs)
    index = work / f"idx-{label}"
    shutil.rmtree(index, ignore_errors=True)
    wall, peak_kb, _ = run_kb(["ingest", str(src), "--quiet"], index)
    syl = syllable_count(docs)
    return {
        "docs": len(docs), "seconds": wall, "docs_per_s": len(docs) / wall, "syllables_per_s": syl / wall,
        "peak_rss_mb": peak_kb / 1024, "store_mb": dir_bytes(index) / 1e6 - dir_bytes(index / "whoosh") / 1e6,
        "index_mb": dir_bytes(index / "whoosh") / 1e6, "index": str(index),
    }


def altered(docs: list[dict], copy: int) -> list[dict]:
    """New ids and slightly altered text: a bigger collection that is not a pure duplicate."""
    rng = random.Random(copy)
    out = []
    for d in docs:
        words = d["text"].split()
        if len(words) > 20:
            i = rng.randrange(len(words))
            words.insert(i, rng.choice(["năm", "tỉnh", "thành phố", "cho biết", "theo đó"]))
        out.append({**d, "id": f"{d['id']}-r{copy}", "text": " ".join(words)})
    return out


# -- queries --------------------------------------------------------------------------------------
def query_latency(index: Path, rounds: int = 3) -> dict:
    from kb.api import KnowledgeBase
    from kb.models import SearchRequest

    kb = KnowledgeBase(index)
    kb.engine.warm_up()
    for _, q in QUERY_MIX:  # warm
        kb.search(SearchRequest(query=q))
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, q in QUERY_MIX:
            started = time.perf_counter()
            kb.search(SearchRequest(query=q, limit=10))
            times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    all_times = sorted(t for ts in times.values() for t in ts)
    return {"p50_ms": pct(all_times, 50), "p95_ms": pct(all_times, 95), "p99_ms": pct(all_times, 99),
            "by_kind_p50_ms": {k: statistics.median(v) for k, v in times.items()}, "queries": len(all_times)}


# Cold queries: one query per `kb search` process, as a script or a journalist at a shell runs it.
COLD_ACCENTED = ["Chủ tịch UBND tỉnh", "chuyển đổi số", "tai nạn giao thông nghiêm trọng",
                 "Hội đồng nhân dân thành phố Hà Nội", "giá xăng dầu tăng", "an toàn thực phẩm"]
COLD_UNACCENTED = ["chu tich ubnd tinh", "chuyen doi so", "tai nan giao thong nghiem trong",
                   "hoi dong nhan dan thanh pho ha noi", "gia xang dau tang", "an toan thuc pham"]


def cold_queries(index: Path, repeat: int = 3, code: Path = ROOT) -> dict:
    """took_ms of each query in a fresh `kb search --json` process (medians over `repeat`), and
    the medians per kind. `code` is the checkout whose kb runs (another one for before/after)."""
    per_query: dict[str, float] = {}
    for q in COLD_ACCENTED + COLD_UNACCENTED:
        took = []
        for _ in range(max(1, repeat)):
            out = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(index), "search", q, "--json"],
                                 cwd=code, capture_output=True, text=True, check=True)
            took.append(json.loads(out.stdout)["took_ms"])
        per_query[q] = statistics.median(took)
        print(f"  cold {q!r}: {per_query[q]:.0f} ms", flush=True)
    acc = [per_query[q] for q in COLD_ACCENTED]
    una = [per_query[q] for q in COLD_UNACCENTED]
    return {"median_ms": statistics.median(acc + una), "accented_median_ms": statistics.median(acc),
            "unaccented_median_ms": statistics.median(una), "max_ms": max(acc + una), "per_query_ms": per_query}


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return sorted(values)[k]


def app_rss(index: Path) -> float:
    code = (
        f"import resource,sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from kb.api import KnowledgeBase; from kb.models import SearchRequest\n"
        f"kb = KnowledgeBase({str(index)!r}); kb.engine.warm_up()\n"
        "[kb.search(SearchRequest(query=q)) for q in ('chu tich ubnd tinh', 'Đà Nẵng', 'HĐND')]\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5000,15000,30000")
    ap.add_argument("--big", type=int, default=0, help="also build a collection of this size (e.g. 150000)")
    ap.add_argument("--seg-docs", type=int, default=3000)
    ap.add_argument("--markdown")
    ap.add_argument("--keep", help="keep the built indexes in this folder")
    ap.add_argument("--big-base", type=int, default=30000, help="articles replicated into the big collection")
    ap.add_argument("--repeat", type=int, default=1, help="cold ingests per size (the median is reported)")
    ap.add_argument("--cold", help="only measure cold queries on these existing indexes (comma-separated folders)")
    ap.add_argument("--cold-repeat", type=int, default=3, help="processes per cold query (the median is reported)")
    ap.add_argument("--code", type=Path, default=ROOT,
                    help="checkout whose kb answers the cold queries (default: this one; another for before/after)")
    args = ap.parse_args()
    if args.cold:
        cold = {}
        for folder in args.cold.split(","):
            print(folder, flush=True)
            cold[folder] = cold_queries(Path(folder), args.cold_repeat, args.code)
            print(json.dumps({k: v for k, v in cold[folder].items() if k != "per_query_ms"}), flush=True)
        out = ROOT / "bench" / "out" / "perf-cold.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"date": dt.datetime.now().isoformat(timespec="minutes"), "machine": machine(),
                                   "code": str(args.code), "cold": cold}, indent=2, ensure_ascii=False))
        return 0
    if not DATA.exists():
        print(f"skipped: data not found at {DATA}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = Path(args.keep or tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    articles = load_articles(max(sizes + [args.seg_docs] + ([args.big_base] if args.big else [])))
    result: dict = {"date": dt.datetime.now().isoformat(timespec="minutes"), "machine": machine()}

    seg_docs = articles[: args.seg_docs]
    result["segmentation"] = {"docs": len(seg_docs), "syllables": syllable_count(seg_docs),
                              **segmentation_limit(seg_docs)}
    print(json.dumps(result["segmentation"]), flush=True)

    result["ingest"] = {}
    result["queries"] = {}
    for n in sizes:
        runs = []
        for _ in range(max(1, args.repeat)):
            runs.append(cold_ingest(articles[:n], work, str(n)))
            print(n, json.dumps(runs[-1]), flush=True)
        stats = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
        stats["runs_s"] = [round(r["seconds"], 1) for r in runs]
        result["ingest"][n] = stats
        result["queries"][n] = query_latency(Path(stats["index"]))
        print(n, json.dumps(result["queries"][n]), flush=True)
        result.setdefault("cold", {})[n] = cold_queries(Path(stats["index"]), args.cold_repeat)

    if sizes:
        largest_size(result, sizes, work, articles, args.repeat)
    save(result)

    if args.big:
        base = articles[: args.big_base]
        big: list[dict] = []
        copy = 0
        while len(big) < args.big:
            big.extend(base if copy == 0 else altered(base, copy))
            copy += 1
        stats = cold_ingest(big[: args.big], work, str(args.big))
        print(args.big, json.dumps(stats), flush=True)
        result["ingest"][args.big] = stats
        result["queries"][args.big] = query_latency(Path(stats["index"]))
        print(args.big, json.dumps(result["queries"][args.big]), flush=True)
        result["app_rss_big_mb"] = app_rss(Path(stats["index"]))
    save(result)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(render_markdown(result))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def save(result: dict) -> None:
    out = ROOT / "bench" / "out" / "perf.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def largest_size(result: dict, sizes: list[int], work: Path, articles: list[dict], repeat: int) -> None:
    """Reindex, incremental ingest and app memory on the largest collection."""
    largest = Path(result["ingest"][sizes[-1]]["index"])
    reindex_runs = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        run_kb(["reindex", "--quiet"], largest)
        reindex_runs.append(time.perf_counter() - started)
    result["reindex_s"] = statistics.median(reindex_runs)
    result["reindex_runs_s"] = [round(r, 1) for r in reindex_runs]
    new_docs = altered(articles[:100], 99)
    src = work / "new100.jsonl"
    write_jsonl(src, new_docs)
    wall, _, _ = run_kb(["ingest", str(src), "--quiet"], largest)
    result["incremental_100_s"] = wall
    result["app_rss_mb"] = app_rss(largest)
    print(json.dumps({k: result[k] for k in ("reindex_s", "incremental_100_s", "app_rss_mb")}), flush=True)


def render_markdown(r: dict) -> str:
    seg = r["segmentation"]
    lines = [f"\n## Performance, {r['date']} — {r['machine']}\n",
             f"pyvi segmentation of {seg['docs']} articles ({seg['syllables']:,} syllables): "
             f"1 process {seg['pyvi_1proc_s']:.1f} s, 2 processes {seg['pyvi_2proc_s']:.1f} s "
             f"({seg['syllables'] / seg['pyvi_2proc_s']:,.0f} syllables/s on 2).\n",
             "| docs | cold ingest s (median; runs) | docs/s | syllables/s | peak RSS MB | store MB | index MB | "
             "query p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|---|---|---|---|"]
    for n, s in r["ingest"].items():
        q = r["queries"].get(n, {})
        runs = ", ".join(f"{x:.0f}" for x in s.get("runs_s", [s["seconds"]]))
        lines.append(f"| {n} | {s['seconds']:.0f} ({runs}) | {s['docs_per_s']:.0f} | {s['syllables_per_s']:,.0f} | "
                     f"{s['peak_rss_mb']:.0f} | {s['store_mb']:.0f} | {s['index_mb']:.0f} | "
                     f"{q.get('p50_ms', 0):.0f} | {q.get('p95_ms', 0):.0f} | {q.get('p99_ms', 0):.0f} |")
    if r.get("cold"):
        lines += ["", "Cold queries (one `kb search --json` process per query, took_ms, medians of "
                      f"{len(COLD_ACCENTED)} accented and {len(COLD_UNACCENTED)} unaccented queries):", "",
                  "| docs | median ms | accented | unaccented | slowest |", "|---|---:|---:|---:|---:|"]
        for n, c in r["cold"].items():
            lines.append(f"| {n} | {c['median_ms']:.0f} | {c['accented_median_ms']:.0f} | "
                         f"{c['unaccented_median_ms']:.0f} | {c['max_ms']:.0f} |")
    if "reindex_s" in r:
        lines.append(f"\nReindex from the store: {r['reindex_s']:.0f} s (runs: {r.get('reindex_runs_s')}). "
                     f"Incremental ingest of 100 documents into the largest index: {r['incremental_100_s']:.1f} s. "
                     f"App process RSS with that index open: {r['app_rss_mb']:.0f} MB.\n")
    if "app_rss_big_mb" in r:
        lines.append(f"App process RSS with the largest (replicated) collection open: {r['app_rss_big_mb']:.0f} MB.\n")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
