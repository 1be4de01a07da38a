"""`kb`: the command line over the same API as the web app.

Exit status: 0 success, 1 some input was rejected (ingest) or a document was not found,
2 usage error, 3 another process is writing to the knowledge base.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from kb.models import SearchRequest

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_BUSY, EXIT_WORKER = 0, 1, 2, 3, 4


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _kb(args):
    from kb.api import KnowledgeBase

    return KnowledgeBase(args.index)


class _Progress:
    """A one-line progress display on a terminal; silent when output is piped."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.last = 0

    def __call__(self, done: int, total: int | None, origin: str = "") -> None:
        if not self.enabled or (done - self.last < 25 and done != total):
            return
        self.last = done
        of = f"/{total}" if total else ""
        sys.stderr.write(f"\r  đã xử lý {done}{of} văn bản  {origin[-50:]:<50}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def cmd_ingest(args) -> int:
    kb = _kb(args)
    progress = _Progress(not args.quiet)
    report = kb.ingest_paths(args.paths, progress=progress, workers=args.workers)
    progress.close()
    if args.json:
        _print_json(report.model_dump(mode="json"))
    else:
        s = report.summary
        print(
            f"Thêm mới: {s['added']}, cập nhật: {s['updated']}, không đổi: {s['unchanged']}, "
            f"bị từ chối: {s['rejected']}  ({report.seconds:.1f} giây)"
        )
        for item in report.items:
            if item.status == "rejected":
                print(f"  ✗ {item.origin}: {item.reason}")
    return EXIT_REJECTED if report.count("rejected") else EXIT_OK


def _request(args, query: str) -> SearchRequest:
    return SearchRequest(
        query=query,
        page=args.page,
        limit=args.limit,
        sort=args.sort,
        agency=args.agency or [],
        person=args.person or [],
        place=args.place or [],
        doc_type=args.type or [],
        source=args.source or [],
        year=args.year or [],
        date_from=args.date_from,
        date_to=args.date_to,
    )


def _print_hits(resp) -> None:
    print(f"{resp.total} kết quả ({resp.took_ms:.0f} ms)")
    if resp.suggestion:
        print(f"Có phải bạn muốn tìm: {resp.suggestion}")
    for i, h in enumerate(resp.hits, 1 + (resp.page - 1) * len(resp.hits or [1])):
        meta = " · ".join(x for x in (h.date.isoformat() if h.date else "", h.doc_number or "", h.source) if x)
        print(f"{i}. {h.title}  [{h.id}]")
        if meta:
            print(f"   {meta}")
        if h.snippet:
            import html
            import re

            print("   " + html.unescape(re.sub(r"</?mark>", "*", h.snippet))[:300])


def cmd_search(args) -> int:
    kb = _kb(args)
    if args.batch:
        path = Path(args.batch)
        lines = sys.stdin.read().splitlines() if args.batch == "-" else path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            resp = kb.search(_request(args, line))
            if args.json:
                _print_json(resp.to_contract())
            else:
                print(f"== {line}")
                _print_hits(resp)
        return EXIT_OK
    if args.query is None:
        print("Thiếu câu truy vấn: kb search \"từ khóa\" (hoặc --batch TỆP).", file=sys.stderr)
        return EXIT_USAGE
    resp = kb.search(_request(args, args.query))
    if args.json:
        _print_json(resp.to_contract())
    else:
        if resp.message == "no_index":
            print("Chưa có chỉ mục. Hãy nạp văn bản trước: kb ingest THƯ_MỤC", file=sys.stderr)
            return EXIT_REJECTED
        _print_hits(resp)
    return EXIT_OK


def cmd_show(args) -> int:
    ann = _kb(args).get(args.id)
    if ann is None:
        print(f"Không tìm thấy văn bản có mã {args.id!r}.", file=sys.stderr)
        return EXIT_REJECTED
    if args.json:
        _print_json(ann.model_dump(mode="json"))
    else:
        print(ann.title)
        for label, value in (
            ("Ngày", ann.date), ("Loại", ann.doc_type), ("Số", ann.doc_number), ("Cơ quan", ", ".join(ann.agencies)),
            ("Người", ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in ann.people)),
            ("Địa danh", ", ".join(ann.places)), ("Nguồn", ann.source), ("URL", ann.url),
        ):
            if value:
                print(f"{label}: {value}")
        print()
        print(ann.text)
    return EXIT_OK


def cmd_stats(args) -> int:
    stats = _kb(args).stats()
    if args.json:
        _print_json(stats)
    else:
        print(f"Văn bản trong kho: {stats['documents']}")
        print(f"Đã lập chỉ mục: {stats['indexed']}")
        print(f"Thay đổi gần nhất: {stats['last_change'] or 'chưa có'}")
        print(f"Dung lượng chỉ mục: {stats['index_bytes'] / 1e6:.1f} MB, kho: {stats['store_bytes'] / 1e6:.1f} MB")
    return EXIT_OK


def cmd_facets(args) -> int:
    try:
        values = _kb(args).facet_values(args.field)
    except KeyError:
        print(f"Không có trường {args.field!r}. Chọn: agency, person, year, doc_type, place, source.", file=sys.stderr)
        return EXIT_USAGE
    values = values[: args.limit] if args.limit else values
    if args.json:
        _print_json([v.model_dump() for v in values])
    else:
        for v in values:
            print(f"{v.count:6d}  {v.value}")
    return EXIT_OK


def cmd_delete(args) -> int:
    ok = _kb(args).delete(args.id)
    print("Đã xóa." if ok else f"Không tìm thấy văn bản có mã {args.id!r}.")
    return EXIT_OK if ok else EXIT_REJECTED


def cmd_reindex(args) -> int:
    progress = _Progress(not args.quiet)
    n = _kb(args).reindex(progress=lambda done, total: progress(done, total))
    progress.close()
    print(f"Đã lập chỉ mục lại {n} văn bản từ kho.")
    return EXIT_OK


def cmd_verify(args) -> int:
    result = _kb(args).verify(repair=args.repair)
    if args.json:
        _print_json(result)
    else:
        drift = len(result["missing"]) + len(result["stale"]) + len(result["extra"])
        if not drift:
            print("Kho và chỉ mục khớp nhau.")
        else:
            print(
                f"Lệch: thiếu trong chỉ mục {len(result['missing'])}, cũ {len(result['stale'])}, "
                f"thừa {len(result['extra'])}." + (" Đã sửa." if result["repaired"] else " Chạy lại với --repair để sửa.")
            )
    drift = result["missing"] or result["stale"] or result["extra"]
    return EXIT_REJECTED if drift and not result["repaired"] else EXIT_OK


def cmd_backup(args) -> int:
    dest = _kb(args).backup(args.path)
    print(f"Đã sao lưu kho vào {dest}.")
    return EXIT_OK


def cmd_restore(args) -> int:
    try:
        n = _kb(args).restore(args.path)
    except (ValueError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    print(f"Đã khôi phục {n} văn bản và lập chỉ mục lại.")
    return EXIT_OK


def cmd_serve(args) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "app.py"
    env = {**os.environ, "KB_INDEX_DIR": str(args.index)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--server.address", args.address, "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    return subprocess.call(cmd, env=env)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {value!r} (dạng YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kb",
        description="Kho tra cứu thông báo của chính quyền cấp tỉnh: nạp, tìm kiếm, xem văn bản.",
    )
    p.add_argument("--index", type=Path, default=Path(os.environ.get("KB_INDEX_DIR", "index")),
                   help="thư mục chứa kho và chỉ mục (mặc định ./index hoặc $KB_INDEX_DIR)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="nạp tệp hoặc thư mục (txt, md, html, json, jsonl, jsonl.gz, csv)")
    s.add_argument("paths", nargs="+")
    s.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    s.add_argument("--quiet", action="store_true", help="không hiện tiến trình")
    s.add_argument("--workers", type=int, default=None, help="số tiến trình xử lý (tách từ, lưu, lập chỉ mục; mặc định: số lõi CPU)")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("search", help="tìm kiếm")
    s.add_argument("query", nargs="?")
    s.add_argument("--batch", help="tệp có một truy vấn mỗi dòng (- là đầu vào chuẩn); in một JSON mỗi dòng")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--agency", action="append")
    s.add_argument("--person", action="append")
    s.add_argument("--place", action="append")
    s.add_argument("--source", action="append")
    s.add_argument("--year", type=int, action="append")
    s.add_argument("--type", action="append", help="loại văn bản, ví dụ \"Quyết định\"")
    s.add_argument("--from", dest="date_from", type=_date)
    s.add_argument("--to", dest="date_to", type=_date)
    s.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("show", help="xem một văn bản và siêu dữ liệu")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("stats", help="thống kê kho")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    s = sub.add_parser("facets", help="các giá trị của một trường trên toàn bộ kho, kèm số lượng")
    s.add_argument("field", help="agency, person, year, doc_type, place hoặc source")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=0)
    s.set_defaults(func=cmd_facets)

    s = sub.add_parser("delete", help="xóa một văn bản")
    s.add_argument("id")
    s.set_defaults(func=cmd_delete)

    s = sub.add_parser("reindex", help="lập chỉ mục lại từ kho (không đọc lại tệp, không tách từ lại)")
    s.add_argument("--quiet", action="store_true")
    s.set_defaults(func=cmd_reindex)

    s = sub.add_parser("verify", help="kiểm tra kho và chỉ mục có khớp nhau")
    s.add_argument("--repair", action="store_true", help="sửa chỗ lệch")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_verify)

    s = sub.add_parser("backup", help="sao lưu kho vào một tệp")
    s.add_argument("path")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("restore", help="khôi phục kho từ tệp sao lưu và lập chỉ mục lại")
    s.add_argument("path")
    s.set_defaults(func=cmd_restore)

    s = sub.add_parser("serve", help="chạy giao diện web")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    s.add_argument("--address", default="localhost")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    from kb.api import WriterBusy
    from kb.ingest.pipeline import IngestWorkerError

    try:
        return args.func(args)
    except WriterBusy as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BUSY
    except IngestWorkerError as exc:
        # The documents committed before the failure are kept; the next run indexes them.
        print(f"{str(exc).splitlines()[0]} Các văn bản đã lưu vẫn được giữ; hãy chạy lại lệnh để nạp tiếp.",
              file=sys.stderr)
        return EXIT_WORKER
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
