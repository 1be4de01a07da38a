"""`make bench`: every benchmark on the shared news corpus, results appended to bench/RESULTS.md.
Skips cleanly when ../shared/data is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news-vi-2017.jsonl.gz"
RESULTS = ROOT / "bench" / "RESULTS.md"


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmarks need the shared test data)")
        return 0
    status = 0
    for script, args in (
        ("quality.py", ["--markdown", str(RESULTS)]),
        ("extract_eval.py", ["--markdown", str(RESULTS)]),
        ("hostile.py", ["--markdown", str(RESULTS)]),
        ("profile_ingest.py", ["--markdown", str(RESULTS)]),
        ("perf.py", ["--markdown", str(RESULTS), "--big", "150000"]),
    ):
        print(f"== {script}", flush=True)
        status |= subprocess.call([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT)
    return status


if __name__ == "__main__":
    sys.exit(main())
