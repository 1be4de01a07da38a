"""`kb person`, `kb agency`, `kb who`: people, bodies and office holders on the command line (declared
from kb/cli.py's build_parser; same exit codes: 0 answered, 1 nothing found, 2 usage error)."""

from __future__ import annotations

from kb import cli_parser as cp

EXIT_OK, EXIT_NOT_FOUND = 0, 1


def _kb(args):
    from kb.api import KnowledgeBase

    return KnowledgeBase(args.index)


def _print_json(obj) -> None:
    from kb.cli import _print_json as print_json

    print_json(obj)


def _span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return "không rõ ngày"
    return first if first == last else f"{first or '?'} → {last or '?'}"


def _print_candidates(result: dict, what: str) -> None:
    if result["status"] == "ambiguous":
        print(f"Tên «{result['query']}» ứng với nhiều {what}; chọn một trong số:")
    elif result["candidates"]:
        print(f"Không tìm thấy {what} «{result['query']}». Tên gần giống:")
    else:
        print(f"Không tìm thấy {what} «{result['query']}».")
    for c in result["candidates"]:
        where = f" ({c['province']})" if c.get("province") else ""
        roles = f" — {', '.join(c['roles'])}" if c.get("roles") else ""
        count = c.get("documents", c.get("issued", 0) + c.get("mentioned", 0) + c.get("cited", 0))
        key = f"  [{c['id']}]" if "id" in c else ""
        print(f"  {c['name']}{where}: {count} văn bản{roles}{key}")


def cmd_person(args) -> int:
    result = _kb(args).person(args.name, province=args.province, page=args.page, limit=args.limit)
    if args.json:
        _print_json(result)
    elif result["status"] != "found":
        _print_candidates(result, "người")
    else:
        where = f" ({result['province']})" if result["province"] else ""
        print(f"{result['name']}{where}: {result['documents']['total']} văn bản")
        if result["ambiguous"]:
            others = ", ".join(f"{c['name']} ({c['province'] or 'chưa rõ tỉnh'})" for c in result["same_name"])
            print(f"Lưu ý: cùng tên với người khác: {others}")
        if result["roles"]:
            print("Chức vụ:")
            for r in result["roles"]:
                print(f"  {r['office']}  {_span(r['from'], r['to'])}  ({r['documents']} văn bản)")
        print("Văn bản:")
        for d in result["documents"]["items"]:
            print(f"  {d['date'] or '----------'}  {d['title']}  [{d['id']}]")
    return EXIT_OK if result["status"] in ("found", "ambiguous") else EXIT_NOT_FOUND


def cmd_agency(args) -> int:
    result = _kb(args).agency(args.name, page=args.page, limit=args.limit)
    if args.json:
        _print_json(result)
    elif result["status"] != "found":
        _print_candidates(result, "cơ quan")
    else:
        print(f"{result['name']}: ban hành {result['issued']}, được nhắc đến {result['mentioned']}, "
              f"chỉ được dẫn chiếu {result['cited']} văn bản")
        if result["office_holders"]:
            print("Người giữ chức vụ:")
            for r in result["office_holders"]:
                print(f"  {r['role']}: {r['person']}  {_span(r['from'], r['to'])}  ({r['documents']} văn bản)")
        if result["signers"]:
            print("Người ký văn bản ban hành: " + ", ".join(f"{s['person']} ({s['documents']})" for s in result["signers"]))
        print("Văn bản:")
        for d in result["documents"]["items"]:
            print(f"  {d['date'] or '----------'}  {d['title']}  [{d['id']}]")
    return EXIT_OK if result["status"] in ("found", "ambiguous") else EXIT_NOT_FOUND


def cmd_who(args) -> int:
    result = _kb(args).who(args.office, year=args.year)
    if args.json:
        _print_json(result)
    elif result["status"] == "not_found":
        print(f"Không có văn bản nào ghi nhận chức vụ «{args.office}».")
        for s in result["similar"]:
            print(f"  Chức vụ gần giống: {s['office']} ({s['documents']} văn bản)")
    elif not result["holders"]:
        print(f"Không có văn bản nào năm {args.year} ghi nhận người giữ chức «{result['office']}».")
    else:
        period = f" năm {args.year}" if args.year else ""
        print(f"{result['office']}{period}:")
        for h in result["holders"]:
            print(f"  {h['name']}  {_span(h['from'], h['to'])}  ({h['count']} văn bản)")
            for d in h["documents"][:5]:
                print(f"      {d['date'] or '----------'}  {d['title']}  [{d['id']}]")
    return EXIT_OK if result["holders"] else EXIT_NOT_FOUND


def add_commands(sub) -> None:
    """Declare the three commands on kb's subparsers."""
    s = sub.add_parser(
        "person", help="trang về một người: chức vụ theo thời gian, văn bản nhắc đến, người và cơ quan liên quan",
        description="Tên viết có dấu hay không dấu, hoa hay thường, có hay không \"ông\"/\"bà\" đều được. Nếu tên "
                    "ứng với nhiều người (cùng tên ở các tỉnh khác nhau), lệnh liệt kê các ứng viên.",
        epilog="Ví dụ: kb person \"nguyen xuan phuc\" --json")
    s.add_argument("name", metavar="TÊN", help="tên người, hoặc mã người (như trong danh sách ứng viên)")
    s.add_argument("--province", metavar="TỈNH", help="chỉ người gắn với tỉnh/thành phố này (khi tên bị trùng)")
    s.add_argument("--page", type=cp.int_in(1), default=1, metavar="N", help="trang văn bản thứ mấy, từ 1 (mặc định 1)")
    s.add_argument("--limit", type=cp.int_in(1, 1000), default=10, metavar="N",
                   help="số văn bản mỗi trang, từ 1 đến 1000 (mặc định 10)")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một dòng)")
    s.set_defaults(func=cmd_person)

    s = sub.add_parser(
        "agency", help="trang về một cơ quan: văn bản ban hành và được nhắc đến, người giữ chức vụ, loại văn bản theo năm",
        epilog="Ví dụ: kb agency \"So Y te tinh Thua Thien Hue\" --json")
    s.add_argument("name", metavar="CƠ_QUAN", help="tên cơ quan (có dấu hay không dấu, viết tắt UBND, HĐND… đều được)")
    s.add_argument("--page", type=cp.int_in(1), default=1, metavar="N", help="trang văn bản thứ mấy, từ 1 (mặc định 1)")
    s.add_argument("--limit", type=cp.int_in(1, 1000), default=10, metavar="N",
                   help="số văn bản mỗi trang, từ 1 đến 1000 (mặc định 10)")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một dòng)")
    s.set_defaults(func=cmd_agency)

    s = sub.add_parser(
        "who", help="ai giữ một chức vụ (trong một năm), kèm các văn bản cho thấy điều đó",
        description="Chức vụ được so theo dạng chuẩn: không phân biệt dấu, hoa thường, viết tắt (UBND, HĐND, TP, TT-Huế).",
        epilog="Ví dụ: kb who \"Chủ tịch UBND tỉnh Thừa Thiên Huế\" --year 2021 --json")
    s.add_argument("office", metavar="CHỨC_VỤ", help="chức vụ và cơ quan, ví dụ \"Chủ tịch UBND tỉnh TT-Huế\"")
    s.add_argument("--year", type=cp.year, metavar="NĂM", help="chỉ tính văn bản của năm này, 4 chữ số")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một dòng)")
    s.set_defaults(func=cmd_who)
