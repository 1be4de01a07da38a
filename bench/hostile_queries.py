"""Latency of hostile search queries on a warm index: long, repetitive, operator-heavy input that a
user can type into the box, put in a URL, or send through the CLI or the API. Prints a markdown table
(median of 3 warm runs per query) for bench/RESULTS.md.

    python bench/hostile_queries.py [--n 10000] [--index DIR] [--rounds 3]

Builds an index of the first N articles of ../shared/data/news-vi-2017.jsonl.gz in a temporary
folder, or reuses DIR given with --index (built there first if it holds no index yet). Skips
cleanly (exit 0) when the data file is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"
sys.path.insert(0, str(ROOT))

BOX_LIMIT = 500  # characters the web search box accepts

COMMON_WORDS = (
    "tỉnh thành phố người dân công an giao thông kinh tế xã hội chính quyền ủy ban nhân dân học sinh "
    "giáo dục bệnh viện doanh nghiệp thị trường xây dựng dự án đầu tư ngân hàng nhà nước chủ tịch "
    "hội đồng quốc hội chính phủ bộ trưởng cảnh sát tai nạn sức khỏe thời tiết mưa bão lũ lụt nông dân "
    "sản xuất xuất khẩu giá cả văn hóa du lịch thể thao bóng đá trường học sinh viên đại học"
).split()


def _box(text: str) -> str:
    """What the web box keeps of a long input: the first BOX_LIMIT characters."""
    return text[:BOX_LIMIT]


def hostile_queries() -> list[tuple[str, str]]:
    pairs = [f"{a} {b}" for a, b in zip(COMMON_WORDS, COMMON_WORDS[1:], strict=False)]
    different = [f'"{pairs[i % len(pairs)]} {COMMON_WORDS[(i * 7) % len(COMMON_WORDS)]}"' for i in range(200)]
    return [
        ("200 identical quoted phrases", '"ủy ban nhân dân" ' * 200),
        ("200 different quoted phrases", " ".join(different)),
        ("300 common words", " ".join(COMMON_WORDS[i % len(COMMON_WORDS)] for i in range(300))),
        ('box: `"và của các"` repeated', _box('"và của các" ' * 100)),
        ("box: `và của các` repeated, no quotes", _box("và của các " * 100)),
        ("box: one common word (tỉnh) repeated", _box("tỉnh " * 200)),
        ("box: one stop word (và) repeated", _box("và " * 200)),
        ("box: one long quoted stop-word phrase", _box('"' + "và của các " * 60 + '"')),
        ("8 common two-word phrases", '"của các" "và các" "cho các" "trong các" "với các" "các cơ quan" '
                                      '"người dân" "thành phố"'),
        ("8 long phrases of common words", " ".join(
            '"' + " ".join(COMMON_WORDS[(i * 12 + j) % len(COMMON_WORDS)] for j in range(12)) + '"' for i in range(8))),
        ("16 excluded common phrases", "tỉnh " + " ".join(
            f'-"{COMMON_WORDS[i + 1]} {COMMON_WORDS[i]}"' for i in range(0, 32, 2))),
        ("100 field filters", " ".join(f"agency:ubnd{i} year:{2000 + i % 30}" for i in range(50))),
        ("deep quotes", '"' * 400 + "ủy ban" + '"' * 400),
        ("deep parentheses and operators", "(" * 200 + "ủy ban AND tỉnh OR * ? " + ")" * 200),
        ("100 exclusions", "ủy ban " + " ".join(f"-{COMMON_WORDS[i % len(COMMON_WORDS)]}" for i in range(100))),
        ("bare `--` token", "ủy ban --"),
        ("pasted article (3000 chars)", _article_text(3000)),
        ("normal: Chủ tịch UBND tỉnh Quảng Nam", "Chủ tịch UBND tỉnh Quảng Nam"),
        ('normal: "an toàn thực phẩm"', '"an toàn thực phẩm"'),
    ]


def _article_text(chars: int) -> str:
    if not DATA.exists():
        return ""
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if len(text) >= chars:
                return text[:chars]
    return ""


def build_index(index: Path, n: int) -> None:
    from kb.api import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"news-{n}.jsonl"
        with gzip.open(DATA, "rt", encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
            for count, line in enumerate(f):
                if count >= n:
                    break
                out.write(line)
        started = time.perf_counter()
        report = KnowledgeBase(index).ingest_paths([src])
        print(f"built {index}: {report.summary} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def time_queries(index: Path, rounds: int) -> list[dict]:
    from kb.api import KnowledgeBase
    from kb.models import SearchRequest

    kb = KnowledgeBase(index)
    kb.engine.warm_up()
    rows = []
    for label, q in hostile_queries():
        req = SearchRequest(query=q)
        try:
            resp = kb.search(req)  # warm: this query's postings read, its code paths run once
        except Exception as exc:  # noqa: BLE001 - a crash is a result of this bench, not its end
            rows.append({"query": label, "chars": len(q), "seconds": float("nan"), "total": "-",
                         "reduced": f"raises {type(exc).__name__}", "notice": ""})
            continue
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            resp = kb.search(req)
            times.append(time.perf_counter() - started)
        notice = getattr(resp, "notice", None)
        rows.append({"query": label, "chars": len(q), "seconds": statistics.median(times), "total": resp.total,
                     "reduced": "yes" if notice else "", "notice": notice or ""})
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="articles to index (default 10000)")
    ap.add_argument("--index", type=Path, help="reuse (or build once into) this index folder")
    ap.add_argument("--rounds", type=int, default=3, help="timed warm runs per query (median reported)")
    args = ap.parse_args()
    from kb.api import KnowledgeBase

    if args.index is not None and KnowledgeBase(args.index).has_index():
        rows = time_queries(args.index, args.rounds)
    elif not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    elif args.index is not None:
        build_index(args.index, args.n)
        rows = time_queries(args.index, args.rounds)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build_index(Path(tmp) / "kb", args.n)
            rows = time_queries(Path(tmp) / "kb", args.rounds)
    lines = [f"| query | chars | seconds (warm, median of {args.rounds}) | hits | reduced |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['query']} | {r['chars']} | {r['seconds']:.3f} | {r['total']} | {r['reduced']} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
