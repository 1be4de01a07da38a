"""Where ingest CPU time goes: one in-process ingest (workers=1) of N shared-corpus articles under
cProfile, split by stage, then once more without the profiler with a timer around each stage. The
workers of a normal ingest do the same work per document, so the split is that of an ingest's
total CPU.

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
    ("index: analysis and in-memory postings", "kb/search/whoosh_compat.py", "add_document"),
    ("index: writing segments", "kb/search/whoosh_compat.py", "_flush_segment"),
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
    text = "\n".join(lines) + "\n" + timed_stages(src, work, args.docs)
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text)
    return 0


def timed_stages(src: Path, work: Path, docs: int) -> str:
    """The same ingest again without the profiler, each stage's function wrapped in a timer (a few
    thousand calls in all, so the timers cost nothing measurable): the true split, C included."""
    import kb.ingest.pipeline as pipeline
    import kb.ingest.prepare as prepare
    import kb.text.segment as segment
    from kb.api import KnowledgeBase
    from kb.search.whoosh_compat import FastSegmentWriter
    from kb.store import DocumentStore

    spent: dict[str, float] = {}

    def timed(label: str, fn):
        spent[label] = 0.0

        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[label] += time.perf_counter() - t

        return wrapper

    tagger, bigrams, trigrams = segment._model()
    segmentation = timed("pyvi segmentation (our tokens and features, pyvi's CRF)", prepare.word_joins)

    class TimedTagger:
        tag = staticmethod(timed("  of which CRF tagging (pycrfsuite, C++)", tagger.tag))

    patches = [
        (prepare, "word_joins", segmentation),
        (segment, "_model", lambda: (TimedTagger, bigrams, trigrams)),
        (segment, "_features", timed("  of which feature building", segment._features)),
        (segment, "_tokens", timed("  of which tokenising for pyvi", segment._tokens)),
        (prepare, "build_announcement", timed("metadata extraction + validation", prepare.build_announcement)),
        (FastSegmentWriter, "add_document", timed("index: analysis and in-memory postings",
                                                  FastSegmentWriter.add_document)),
        (FastSegmentWriter, "_flush_segment", timed("index: writing segments", FastSegmentWriter._flush_segment)),
        (DocumentStore, "put_many", timed("store: SQLite batches", DocumentStore.put_many)),
        (pipeline, "normalise", timed("normalising (the main process's part)", pipeline.normalise)),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, fn in patches:
        setattr(owner, name, fn)
    try:
        kb = KnowledgeBase(work / "kb-timed")
        started = time.perf_counter()
        kb.ingest_paths([src], workers=1)
        wall = time.perf_counter() - started
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)
    top = sum(v for label, v in spent.items() if not label.startswith(" "))
    spent["everything else (reading, pydantic models, bookkeeping, commit)"] = wall - top
    lines = [f"\nThe same {docs} articles again without the profiler, stage functions timed ({wall:.1f} s):\n",
             "| stage | seconds | share |", "|---|---:|---:|"]
    lines += [f"| {label} | {v:.1f} | {v / wall:.0%} |" for label, v in spent.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
