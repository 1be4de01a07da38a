"""Draw the documents of a new extraction dev set from slices of the data file that no earlier set
uses, so that nobody has tuned the extractor on them. Prints one line per pick (slice, kind, line,
id, title) and, with --ids, writes the ids as a JSON list.

    python bench/extract_pick.py [--slices 100] [--per-slice 2] [--seed 2031] [--ids picks.json]

The third set (bench/extract_dev3.jsonl) is this script's output with the defaults. Picking only
reads titles and texts to sort articles by kind; labelling happens afterwards, by hand, before the
extractor is run (bench/README-extract.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/news-vi-2017.jsonl.gz")
EARLIER_SETS = sorted((REPO_ROOT / "bench").glob("extract_dev*.jsonl"))

# Where a place word shows the story is Vietnamese (court, accident and economy stories).
_VIETNAMESE_PLACE = r"\b(tỉnh|huyện|xã|phường|quận|thị xã|TP\.?|thành phố|Công an|UBND)\b"
# Two or more of these in a story make it a government story.
_GOVERNMENT = (
    r"UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|Tỉnh ủy|Thành ủy|Huyện ủy|Sở [A-ZĐ]|Bộ trưởng Bộ|Quốc hội|"
    r"Chính phủ|Thủ tướng Nguyễn"
)
# Title words of each kind.
_KINDS = {
    "court": r"xét xử|tòa|Tòa|bị cáo|án tù|tử hình|khởi tố|bắt tạm giam|truy tố|TAND",
    "accident": r"tai nạn|TNGT|va chạm|lật|cháy|chết đuối|tử vong|đâm|sạt lở|lũ",
    "sport": r"bóng đá|HLV|V-League|đội tuyển|U2[0-3]|World Cup|Ngoại hạng|trận|vô địch|SEA Games|cầu thủ|giải",
    "economy": r"doanh nghiệp|giá|xuất khẩu|ngân hàng|tỷ đồng|tỉ đồng|kinh tế|thị trường|đầu tư|chứng khoán|"
    r"lãi suất|dự án",
    "foreign": r"Mỹ|Trung Quốc|Nga|Triều Tiên|Nhật|Hàn Quốc|Anh|Pháp|Đức|IS|Syria|Ukraine|EU|Trump|Philippines|"
    r"Thái Lan|Tổng thống",
}
# The kinds asked for in turn: government stories three times in eight, the product's main case.
_ORDER = ["government", "court", "government", "accident", "economy", "government", "sport", "foreign"]


def _is_kind(kind: str, title: str, text: str) -> bool:
    if kind == "government":
        return len(re.findall(_GOVERNMENT, f"{title} {text}")) >= 3
    if not re.search(_KINDS[kind], title):
        return False
    return kind not in ("court", "accident", "economy") or re.search(_VIETNAMESE_PLACE, f"{title} {text}") is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=100)
    parser.add_argument("--per-slice", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2031)
    parser.add_argument("--ids", type=Path, help="write the picked ids here (JSON list)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"Data file not found: {DATA}")
        return 0
    used = {json.loads(line)["id"] for path in EARLIER_SETS for line in path.open(encoding="utf-8") if line.strip()}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        docs = [(i, d["id"], d["title"], d["text"]) for i, d in enumerate(map(json.loads, f))]
    n = len(docs)
    used_slices = {i * args.slices // n for i, doc_id, _, _ in docs if doc_id in used}
    rng = random.Random(args.seed)
    picks: list[str] = []
    k = 0
    for s in (s for s in range(args.slices) if s not in used_slices):
        pool = [d for d in docs if d[0] * args.slices // n == s and 600 <= len(d[3]) <= 3000 and d[1] not in used]
        for _ in range(args.per_slice):
            kind = _ORDER[k % len(_ORDER)]
            k += 1
            candidates = [d for d in pool if _is_kind(kind, d[2], d[3])]
            if not candidates:
                candidates, kind = pool, "any"
            if not candidates:
                break  # the slice has no unused article of a suitable length left
            line, doc_id, title, _ = rng.choice(candidates)
            pool.remove((line, doc_id, title, _))
            picks.append(doc_id)
            print(f"{s}\t{kind}\t{line}\t{doc_id}\t{title}")
    if args.ids:
        args.ids.write_text(json.dumps(picks), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
