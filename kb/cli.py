"""`kb`: the command line over the same API as the web app.

Exit status: 0 success, 1 some input was rejected (ingest) or a document was not found,
2 usage error, 3 another process is writing to the knowledge base, 4 an ingest worker process
died (what it had stored is kept), 5 the disk refused (full, read-only, no permission, damaged file),
6 derived data was made by another version (the message says which `kb reindex` to run).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kb import cli_parser as cp
from kb.models import DocumentCitations, SearchRequest

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_BUSY, EXIT_WORKER, EXIT_STORAGE, EXIT_STALE = 0, 1, 2, 3, 4, 5, 6


# Characters that text tools take for line breaks although JSON leaves them raw: escaped, so that
# one JSON object is always one line (--batch prints one per query).
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str).translate(_LINE_BREAKS) + "\n")


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
        match="any" if args.any else "all",
    )


def _print_hits(resp, limit: int, any_word: bool = False) -> None:
    if any_word:
        print(f"{resp.total} kết quả có ít nhất một từ ({resp.took_ms:.0f} ms)")
    else:
        partial = f", {resp.total_partial} kết quả khớp một phần" if resp.total_partial else ""
        print(f"{resp.total} kết quả khớp đủ các từ{partial} ({resp.took_ms:.0f} ms)")
    if resp.notice:
        print(f"Lưu ý: {resp.notice}")
    if resp.suggestion:
        print(f"Có phải bạn muốn tìm: {resp.suggestion}")
    previous = "full"
    for i, h in enumerate(resp.hits, 1 + (resp.page - 1) * limit):
        if h.match == "partial" and previous == "full" and not any_word:
            print("-- Kết quả khớp một phần (thiếu một số từ):")
        previous = h.match
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
    for problem in kb.version_problems():  # results may be off until it is fixed; say so on stderr
        print(f"Cảnh báo: {problem}", file=sys.stderr)
    if args.batch:
        path = Path(args.batch)
        if args.batch != "-" and not path.is_file():
            print(f"kb search: lỗi: --batch: không có tệp {args.batch!r}.", file=sys.stderr)
            return EXIT_USAGE
        lines = sys.stdin.read().splitlines() if args.batch == "-" else path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            resp = kb.search(_request(args, line))
            if args.json:
                _print_json(resp.to_contract())
            else:
                print(f"== {line}")
                _print_hits(resp, args.limit, args.any)
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
        _print_hits(resp, args.limit, args.any)
    return EXIT_OK


def cmd_show(args) -> int:
    kb = _kb(args)
    ann = kb.get(args.id)
    if ann is None:
        print(f"Không tìm thấy văn bản có mã {args.id!r}.", file=sys.stderr)
        return EXIT_REJECTED
    citations = kb.citations(args.id) or DocumentCitations()
    if args.json:
        _print_json({**ann.model_dump(mode="json"), **citations.to_contract()})
    else:
        print(ann.title)
        for label, value in (
            ("Ngày", ann.date), ("Loại", ann.doc_type), ("Số", ann.doc_number), ("Cơ quan", ", ".join(ann.agencies)),
            ("Người", ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in ann.people)),
            ("Địa danh", ", ".join(ann.places)), ("Nguồn", ann.source), ("URL", ann.url),
        ):
            if value:
                print(f"{label}: {value}")
        _print_citations(citations)
        print()
        print(ann.text)
    return EXIT_OK


def _print_citations(citations: DocumentCitations) -> None:
    if citations.cites:
        print("Văn bản được dẫn chiếu:")
        for c in citations.cites:
            what = " ".join(x for x in (c.doc_type, c.doc_number) if x)
            extra = ", ".join(x for x in (str(c.year) if c.year else "", c.issuer or "") if x)
            where = f"mã {c.id}" if c.id else "chưa có trong kho"
            print(f"  - {what}{f' ({extra})' if extra else ''}: {where}")
    if citations.cited_by:
        print("Được dẫn chiếu bởi:")
        for d in citations.cited_by:
            print(f"  - {d.id}: {d.title}")


def cmd_stats(args) -> int:
    stats = _kb(args).stats()
    if args.json:
        _print_json(stats)
    else:
        print(f"Văn bản trong kho: {stats['documents']}")
        print(f"Đã lập chỉ mục: {stats['indexed']}")
        print(f"Thay đổi gần nhất: {stats['last_change'] or 'chưa có'}")
        print(f"Dung lượng chỉ mục: {stats['index_bytes'] / 1e6:.1f} MB, kho: {stats['store_bytes'] / 1e6:.1f} MB")
        for problem in stats["problems"]:
            print(f"Cảnh báo: {problem}")
        if stats["outdated_metadata"]:
            from kb.ingest.reextract import outdated_notice

            print(f"Lưu ý: {outdated_notice(stats['outdated_metadata'])}")
    return EXIT_OK


def cmd_facets(args) -> int:
    try:
        if args.query is not None:
            # The same counts as the web app's filters: over every full match of the query.
            counts = _kb(args).facet_counts(SearchRequest(query=args.query, limit=1, snippets=False))
            values = counts[args.field]
        else:
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
    kb = _kb(args)
    n = kb.reindex(progress=lambda done, total: progress(done, total), resegment=args.resegment,
                   reextract=args.reextract)
    progress.close()
    if kb.last_reextract is not None:
        print(kb.last_reextract.summary())
    print(f"Đã lập chỉ mục lại {n} văn bản từ kho.")
    return EXIT_OK


def cmd_verify(args) -> int:
    result = _kb(args).verify(repair=args.repair)
    if args.json:
        _print_json(result)
    else:
        fix = " Đã sửa." if result["repaired"] else " Chạy lại với --repair để sửa."
        drift = len(result["missing"]) + len(result["stale"]) + len(result["extra"])
        refs = len(result["references_stale"]) + len(result["references_extra"])
        if not drift and not refs:
            print("Kho và chỉ mục khớp nhau.")
        if drift:
            print(
                f"Lệch: thiếu trong chỉ mục {len(result['missing'])}, cũ {len(result['stale'])}, "
                f"thừa {len(result['extra'])}." + fix
            )
        if refs:
            print(
                f"Bảng dẫn chiếu lệch với văn bản: {len(result['references_stale'])} văn bản cần đọc lại, "
                f"{len(result['references_extra'])} văn bản không còn trong kho." + fix
            )
    drift = (result["missing"] or result["stale"] or result["extra"]
             or result["references_stale"] or result["references_extra"])
    return EXIT_REJECTED if drift and not result["repaired"] else EXIT_OK


def cmd_backup(args) -> int:
    from kb.backup import BackupFailed

    try:
        dest = _kb(args).backup(args.path, force=args.force)
    except ValueError as exc:  # the destination exists (without --force) or is a folder
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    except BackupFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_STORAGE if exc.storage else EXIT_REJECTED
    print(f"Đã sao lưu kho vào {dest} (bản sao đã được kiểm tra đầy đủ).")
    return EXIT_OK


def cmd_restore(args) -> int:
    from kb.backup import RestoreFailed

    kb = _kb(args)
    try:
        n = kb.restore(args.path)
    except ValueError as exc:  # not a usable backup: nothing was changed
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    except RestoreFailed as exc:  # failed on the way and rolled back
        print(str(exc), file=sys.stderr)
        return EXIT_STORAGE if exc.storage else EXIT_REJECTED
    kept = kb.last_restore.previous_copy
    print(f"Đã khôi phục {n} văn bản từ {args.path} và lập chỉ mục lại.")
    print(f"Kho trước khi khôi phục được giữ tại {kept} "
          f"(quay lại bằng: kb --index {args.index} restore {kept / kb.store.path.name}).")
    print("Nếu giao diện web đang chạy, hãy khởi động lại nó để đọc kho mới.")
    return EXIT_OK


def cmd_serve(args) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "app.py"
    env = {**os.environ, "KB_INDEX_DIR": str(args.index)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--server.address", args.address, "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    return subprocess.call(cmd, env=env)


def cmd_admin_unlock(args) -> int:
    from kb.ui import auth

    throttle = auth.throttle_for(args.index, tolerate_write_errors=False)
    if throttle.path is None or not throttle.path.exists():
        print("Không có giới hạn đăng nhập nào cần gỡ: chưa ghi nhận lần đăng nhập sai nào.")
        return EXIT_OK
    cleared = throttle.clear()
    auth.auth_log_for(args.index).write("unlock", operator=_admin_operator(), sessions=cleared.sessions,
                                        addresses=cleared.addresses)
    print(f"Đã mở khóa trang quản trị: xóa bộ đếm đăng nhập sai của {cleared.sessions} phiên "
          f"({cleared.waiting} phiên đang phải chờ) và {cleared.addresses} địa chỉ. "
          "Có thể đăng nhập lại ngay, không cần khởi động lại ứng dụng.")
    return EXIT_OK


def _admin_operator() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _read_new_password(use_stdin: bool) -> str | None:
    """The new password, or None (after saying why on stderr) when it cannot be had."""
    import getpass

    if use_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        print("Đầu vào chuẩn không phải là terminal nên không hỏi mật khẩu được. Để đọc mật khẩu từ dòng đầu "
              "của đầu vào chuẩn, thêm --stdin.", file=sys.stderr)
        return None
    try:
        first = getpass.getpass("Mật khẩu quản trị mới: ")
        second = getpass.getpass("Nhập lại mật khẩu: ")
    except EOFError:
        print("\nChưa nhập đủ hai lần; mật khẩu chưa được thay đổi.", file=sys.stderr)
        return None
    if first != second:
        print("Hai lần nhập không khớp nhau; mật khẩu chưa được thay đổi.", file=sys.stderr)
        return None
    return first


def cmd_admin_set_password(args) -> int:
    from kb.ui import auth

    password = _read_new_password(args.stdin)
    if password is None:
        return EXIT_USAGE
    if len(password) < auth.MIN_PASSWORD_LENGTH:
        print(f"Mật khẩu quá ngắn: cần ít nhất {auth.MIN_PASSWORD_LENGTH} ký tự. Mật khẩu chưa được thay đổi.",
              file=sys.stderr)
        return EXIT_USAGE
    path = auth.write_password_hash(args.index, auth.hash_password(password))
    auth.auth_log_for(args.index).write("password_set", operator=_admin_operator())
    print(f"Đã đặt mật khẩu quản trị mới (mã băm PBKDF2 lưu ở {path}, chỉ chủ tệp đọc được). Trang quản trị "
          "dùng mật khẩu này ngay, không cần khởi động lại; các phiên đang đăng nhập sẽ phải đăng nhập lại.")
    if os.environ.get("KB_ADMIN_PASSWORD_HASH"):
        print("Lưu ý: biến môi trường KB_ADMIN_PASSWORD_HASH vẫn được đặt, nhưng tệp này được ưu tiên.")
    return EXIT_OK


INDEX_HELP = ("thư mục chứa kho và chỉ mục (mặc định: $KB_INDEX_DIR, nếu không có thì ./index); "
              "đặt trước hay sau tên lệnh đều được")


def build_parser() -> argparse.ArgumentParser:
    p = cp.Parser(
        prog="kb",
        description="Kho tra cứu thông báo của chính quyền cấp tỉnh: nạp, tìm kiếm, xem văn bản.",
        epilog="Mã thoát: 0 thành công; 1 có đầu vào bị từ chối hoặc không tìm thấy văn bản; 2 dùng sai lệnh; "
               "3 tiến trình khác đang ghi; 4 tiến trình nạp bị dừng; 5 lỗi đĩa; 6 dữ liệu cần lập chỉ mục lại.",
    )
    p.add_argument("--index", type=Path, default=Path(os.environ.get("KB_INDEX_DIR", "index")), metavar="THƯ_MỤC",
                   help=INDEX_HELP)
    sub = p.add_subparsers(dest="command", required=True, title="lệnh", metavar="LỆNH")

    s = sub.add_parser("ingest", help="nạp tệp hoặc thư mục (txt, md, html, json, jsonl, jsonl.gz, csv)")
    s.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục cần nạp (thư mục: mọi tệp bên trong)")
    s.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    s.add_argument("--quiet", action="store_true", help="không hiện tiến trình")
    s.add_argument("--workers", type=cp.int_in(1), default=None, metavar="N", help="số tiến trình xử lý (tách từ, lưu, lập chỉ mục; mặc định: số lõi CPU)")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser(
        "search", help="tìm kiếm",
        description="Tìm văn bản. Mặc định chỉ đếm các văn bản có đủ mọi từ của câu truy vấn (ở bất kỳ dạng "
                    "nào: có dấu hay không dấu, viết tắt hay viết đầy đủ); nếu chưa đủ một trang, các văn bản "
                    "có một phần các từ được xếp tiếp theo và đếm riêng. Trong câu truy vấn: \"cụm từ\" phải "
                    "đứng liền nhau, -từ để loại trừ, và các bộ lọc agency:, person:, place:, type:, source:, "
                    "year:2017 hoặc year:2015-2017.",
        epilog="Ví dụ: kb search \"Chủ tịch UBND tỉnh\" --year 2017 --limit 5 --json")
    s.add_argument("query", nargs="?", metavar="TRUY_VẤN", help="câu truy vấn (bỏ qua khi dùng --batch)")
    s.add_argument("--batch", metavar="TỆP",
                   help="tệp có một truy vấn mỗi dòng (- là đầu vào chuẩn); với --json in một JSON mỗi dòng")
    s.add_argument("--json", action="store_true",
                   help="in kết quả dạng JSON (một đối tượng, không in gì khác ra đầu ra chuẩn)")
    s.add_argument("--limit", type=cp.int_in(1, 1000), default=10, metavar="N",
                   help="số kết quả mỗi trang, từ 1 đến 1000 (mặc định 10)")
    s.add_argument("--page", type=cp.int_in(1), default=1, metavar="N", help="trang thứ mấy, từ 1 (mặc định 1)")
    s.add_argument("--any", action="store_true",
                   help="khớp bất kỳ từ nào: mọi văn bản có ít nhất một từ đều được đếm (mặc định: phải đủ các từ)")
    s.add_argument("--agency", action="append", metavar="CƠ_QUAN",
                   help="lọc theo cơ quan (tên đầy đủ hoặc một phần, không cần dấu); lặp lại để chọn nhiều")
    s.add_argument("--person", action="append", metavar="TÊN", help="lọc theo người; lặp lại để chọn nhiều")
    s.add_argument("--place", action="append", metavar="ĐỊA_DANH", help="lọc theo địa danh; lặp lại để chọn nhiều")
    s.add_argument("--source", action="append", metavar="NGUỒN", help="lọc theo nguồn; lặp lại để chọn nhiều")
    s.add_argument("--year", type=cp.year, action="append", metavar="NĂM",
                   help="lọc theo năm, 4 chữ số; lặp lại để chọn nhiều năm")
    s.add_argument("--type", action="append", metavar="LOẠI",
                   help="lọc theo loại văn bản, ví dụ \"Quyết định\"; lặp lại để chọn nhiều")
    s.add_argument("--from", dest="date_from", type=cp.date, metavar="NGÀY",
                   help="chỉ văn bản từ ngày này, dạng YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", type=cp.date, metavar="NGÀY",
                   help="chỉ văn bản đến ngày này, dạng YYYY-MM-DD")
    s.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance",
                   help="thứ tự: relevance (phù hợp nhất, mặc định), newest (mới nhất), oldest (cũ nhất)")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("show", help="xem một văn bản và siêu dữ liệu")
    s.add_argument("id", metavar="MÃ", help="mã văn bản (như trong kết quả tìm kiếm)")
    s.add_argument("--json", action="store_true", help="in văn bản và siêu dữ liệu dạng JSON")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("stats", help="thống kê kho")
    s.add_argument("--json", action="store_true", help="in dạng JSON")
    s.set_defaults(func=cmd_stats)

    s = sub.add_parser("facets", help="các giá trị của một trường trên toàn bộ kho, kèm số lượng")
    s.add_argument("field", metavar="TRƯỜNG", help="agency, person, year, doc_type, place hoặc source")
    s.add_argument("--query", help="chỉ đếm trong các văn bản khớp câu truy vấn này (như bộ lọc trên giao diện web)")
    s.add_argument("--json", action="store_true", help="in dạng JSON")
    s.add_argument("--limit", type=cp.int_in(0), default=0, metavar="N",
                   help="chỉ in N giá trị nhiều nhất (mặc định 0: tất cả)")
    s.set_defaults(func=cmd_facets)

    from kb import cli_entities

    cli_entities.add_commands(sub)  # person, agency, who

    s = sub.add_parser("delete", help="xóa một văn bản")
    s.add_argument("id", metavar="MÃ", help="mã văn bản cần xóa")
    s.set_defaults(func=cmd_delete)

    s = sub.add_parser("reindex", help="lập chỉ mục lại từ kho (không đọc lại tệp; không tách từ lại, trừ khi có --resegment)")
    s.add_argument("--quiet", action="store_true", help="không hiện tiến trình")
    s.add_argument("--resegment", action="store_true",
                   help="tách từ lại toàn bộ văn bản trong kho bằng bộ tách từ hiện tại (cần khi đổi phiên bản pyvi "
                        "hoặc quy tắc tách từ), rồi lập chỉ mục lại")
    s.add_argument("--reextract", action="store_true",
                   help="đọc lại siêu dữ liệu (người, cơ quan, chức vụ, địa danh...) của các văn bản do phiên bản "
                        "trước đọc, bằng quy tắc trích xuất hiện tại, rồi lập chỉ mục lại")
    s.set_defaults(func=cmd_reindex)

    s = sub.add_parser("verify", help="kiểm tra kho và chỉ mục có khớp nhau")
    s.add_argument("--repair", action="store_true", help="sửa chỗ lệch")
    s.add_argument("--json", action="store_true", help="in kết quả kiểm tra dạng JSON")
    s.set_defaults(func=cmd_verify)

    s = sub.add_parser("backup", help="sao lưu kho vào một tệp")
    s.add_argument("path", metavar="TỆP", help="tệp sao lưu sẽ được tạo")
    s.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã tồn tại")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("restore", help="khôi phục kho từ tệp sao lưu và lập chỉ mục lại")
    s.add_argument("path", metavar="TỆP", help="tệp sao lưu (do kb backup tạo)")
    s.set_defaults(func=cmd_restore)

    s = sub.add_parser("serve", help="chạy giao diện web")
    s.add_argument("--port", type=cp.int_in(1, 65535), default=int(os.environ.get("PORT", 8501)), metavar="CỔNG",
                   help="cổng, từ 1 đến 65535 (mặc định: $PORT, nếu không có thì 8501)")
    s.add_argument("--address", default="localhost", metavar="ĐỊA_CHỈ",
                   help="địa chỉ lắng nghe (mặc định localhost; 0.0.0.0 để máy khác truy cập)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("admin", help="đăng nhập trang quản trị: đặt mật khẩu, gỡ giới hạn đăng nhập sai",
                       description="Quản lý đăng nhập trang quản trị. Các tệp nằm trong thư mục dữ liệu (--index): "
                                   "admin-password (mã băm mật khẩu), admin-throttle.json (bộ đếm đăng nhập sai), "
                                   "admin-auth.log (nhật ký đăng nhập, một JSON mỗi dòng).")
    admin = s.add_subparsers(dest="admin_command", required=True)
    a = admin.add_parser("set-password", help="đặt mật khẩu quản trị; ứng dụng đang chạy dùng ngay",
                         description="Hỏi mật khẩu hai lần rồi lưu mã băm PBKDF2 (có salt) vào <index>/admin-password "
                                     "(quyền 0600). Tệp này được ưu tiên hơn biến KB_ADMIN_PASSWORD_HASH. "
                                     "Thoát với mã 2 nếu hai lần nhập không khớp hoặc mật khẩu quá ngắn.")
    a.add_argument("--stdin", action="store_true",
                   help="đọc mật khẩu từ dòng đầu của đầu vào chuẩn thay vì hỏi (dùng trong kịch bản)")
    a.set_defaults(func=cmd_admin_set_password)
    a = admin.add_parser("unlock", help="gỡ mọi giới hạn đăng nhập sai; ứng dụng đang chạy áp dụng ngay",
                         description="Xóa bộ đếm đăng nhập sai của mọi phiên và địa chỉ (<index>/admin-throttle.json). "
                                     "Ứng dụng đọc tệp này ở mỗi lần đăng nhập nên không cần khởi động lại.")
    a.set_defaults(func=cmd_admin_unlock)
    # Global options are accepted after the command too ("kb search Q --index DIR"); given there,
    # they win over the same option before the command.
    for command in (*sub.choices.values(), *admin.choices.values()):
        command.add_argument("--index", type=Path, default=argparse.SUPPRESS, metavar="THƯ_MỤC", help=INDEX_HELP)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    import sqlite3

    from kb.errors import IngestWorkerError, StaleData, StorageError, WriterBusy, as_storage_error

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
    except StaleData as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_STALE
    except BrokenPipeError:  # before OSError, of which it is one
        # The reader of our output went away (`kb show ID | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (StorageError, OSError, sqlite3.DatabaseError) as exc:
        err = as_storage_error(exc, getattr(args, "index", None))
        if err is None:
            raise
        print(str(err), file=sys.stderr)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
