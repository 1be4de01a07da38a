"""Where ingest CPU time goes: one in-process ingest (workers=1) of N shared-corpus articles under
cProfile, split by stage. The workers of a normal ingest do the same work per document, so the
split is that of an ingest's total CPU.

    python bench/profile_ingest.py [--docs 1500] [--markdown bench/RESULTS.md]

Skips cleanly (exit 0) when ../shared/data/news-vi-2017.jsonl.gz is absent.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from perf import DATA, load_articles, machine, write_jsonl  # noqa: E402

# (label, file suffix, function name): cumulative time of these functions.
STAGES = [
    ("pyvi segmentation: CRF tagging (C) + our features and tokens", "kb/text/segment.py", "word_joins"),
    ("  of which feature building", "kb/text/segment.py", "_features"),
    ("  of which tokenising for pyvi", "kb/text/segment.py", "_tokens"),
    ("metadata extraction + validation", "kb/ingest/prepare.py", "build_announcement"),
    ("index: analysis and in-memory postings", "kb/search/fastwriter.py", "add_document"),
    ("index: writing segments", "kb/search/fastwriter.py", "_flush_segment"),
    ("store: SQLite batches", "kb/store.py", "put_many"),
    ("reading + normalising (main process)", "kb/ingest/prepare.py", "normalise"),
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1500)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: data not found at {DATA}")
        return 0
    from kb.api import KnowledgeBase
    from kb.text.segment import _model

    work = Path(tempfile.mkdtemp(prefix="kb-prof-"))
    src = work / "docs.jsonl"
    write_jsonl(src, load_articles(args.docs))
    _model()
    kb = KnowledgeBase(work / "kb")
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    kb.ingest_paths([src], workers=1)
    prof.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(v[2] for v in stats.values())
    rows = []
    for label, suffix, name in STAGES:
        ct = sum(v[3] for (f, _, n), v in stats.items() if f.endswith(suffix) and n == name)
        rows.append((label, ct))
    lines = [f"\n## Ingest CPU profile, {dt.datetime.now().isoformat(timespec='minutes')} — {machine()}\n",
             f"{args.docs} articles ingested in one process under cProfile ({wall:.1f} s with the profiler's "
             "overhead, which inflates Python-heavy stages more than C ones).\n",
             "| stage | seconds | share |", "|---|---:|---:|"]
    for label, ct in rows:
        lines.append(f"| {label} | {ct:.1f} | {ct / total:.0%} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
