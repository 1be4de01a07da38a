"""Time and peak memory for each hostile input, each ingested alone in a fresh process, next to a
good file that must still be added. Prints a markdown table (for bench/RESULTS.md).

    python bench/hostile.py [--markdown FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Thông báo\n\nUBND tỉnh Quảng Nam thông báo lịch tiếp công dân tháng 3."


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def inputs() -> dict[str, bytes]:
    nested = b"Tin\n\nNoi dung"
    for depth in range(5):
        nested = _zip({f"lop{depth}.zip" if depth else "tin.txt": nested})
    return {
        "zip-bomb.zip": _zip({"bomb.txt": b"0" * (300 * 1024 * 1024)}),
        "nested.zip": nested,
        "traversal.zip": _zip({"../../etc/passwd": b"root:x:0:0", "ok.txt": GOOD.encode()}),
        "huge-line.txt": ("Dòng dài\n\n" + "chữ " * 2_000_000).encode(),
        "nul-bytes.txt": b"Ti\x00eu de\x00" * 200_000,
        "broken.docx": b"PK\x03\x04" + b"\x00" * 5000,
        "broken.pdf": b"%PDF-1.7\n" + b"garbage" * 10000,
        "wide.csv": (",".join(f"c{i}" for i in range(1_000_000)) + "\n").encode(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "script.html": b"<html><body><script>alert(1)</script><iframe src=x></iframe><article><p onclick=x>"
        + "Nội dung thông báo của UBND tỉnh. ".encode() * 20 + b"</p></article></body></html>",
        "tcvn3.txt": "Uû ban nh©n d©n tØnh Thõa Thiªn HuÕ ®· tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m 2022 ".encode(
            "cp1252") * 20,
    }


# The CLI in a process that reports its own peak memory (a child's ru_maxrss as seen by the
# parent can include the parent's pages from before exec).
_MEASURED = (
    "import resource, sys\n"
    "from kb.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "sys.stderr.write(f'MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    "sys.exit(rc)\n"
)


def run_one(name: str, data: bytes, work: Path) -> dict:
    folder = work / name.replace(".", "_")
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    index = work / f"idx-{name}"
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, "--index", str(index), "ingest", str(folder / name),
                           str(folder / "good.txt"), "--json", "--workers", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    seconds = time.perf_counter() - started
    peak = int(proc.stderr.rsplit("MAXRSS ", 1)[1].split()[0]) / 1024
    report = json.loads(proc.stdout)
    items = report["items"]
    hostile = [i for i in items if not i["origin"].endswith("good.txt")]
    good = [i for i in items if i["origin"].endswith("good.txt")]
    return {"input": name, "bytes": len(data), "seconds": seconds, "peak_rss_mb": peak,
            "outcome": "; ".join(f"{i['status']}: {i.get('reason') or ''}".strip(": ") for i in hostile[:3]),
            "good_file": good[0]["status"] if good else "missing"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--markdown")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in inputs().items():
            rows.append(run_one(name, data, Path(tmp)))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    lines = [f"\n## Hostile inputs, {dt.date.today().isoformat()}\n",
             "Each ingested in a fresh `kb ingest` process (one worker) together with one good file; peak RSS "
             "is that process's own.\n",
             "| input | size | seconds | peak RSS MB | outcome | good file |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['input']} | {r['bytes']:,} B | {r['seconds']:.1f} | {r['peak_rss_mb']:.0f} | "
                     f"{r['outcome'][:120]} | {r['good_file']} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
