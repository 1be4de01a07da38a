"""Hostile and broken input: each gets a clear rejection, bounded in time and memory, and the other
inputs of the same batch are still ingested."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from kb.models import SearchRequest

GOOD = "Thông báo kết luận\n\nỦy ban nhân dân tỉnh Quảng Nam thông báo kết luận của Chủ tịch UBND tỉnh."


def minimal_pdf(text: str | None) -> bytes:
    """A one-page PDF; with text=None the page has no text layer (like a scan)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def by_name(report):
    return {i.origin.rsplit("/", 1)[-1]: i for i in report.items}


def test_docx_and_text_pdf_are_read(fresh_kb, tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Kế hoạch phòng chống thiên tai năm 2024")
    d.add_paragraph("UBND tỉnh Lâm Đồng ban hành kế hoạch phòng chống thiên tai.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Đơn vị chủ trì"
    table.rows[0].cells[1].text = "Sở Nông nghiệp"
    d.save(tmp_path / "ke-hoach.docx")
    (tmp_path / "bao-cao.pdf").write_bytes(minimal_pdf("Bao cao tinh hinh kinh te xa hoi quy I nam 2023 cua tinh"))
    report = fresh_kb.ingest_paths([tmp_path / "ke-hoach.docx", tmp_path / "bao-cao.pdf"], workers=1)
    assert report.count("added") == 2, [(i.origin, i.reason) for i in report.items]
    doc = fresh_kb.get("ke-hoach")
    assert doc.title == "Kế hoạch phòng chống thiên tai năm 2024"
    assert "Sở Nông nghiệp" in doc.text
    assert fresh_kb.search(SearchRequest(query="kinh tế xã hội quý I")).total == 1


def test_scanned_pdf_is_rejected_with_that_reason(fresh_kb, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(minimal_pdf(None))
    item = fresh_kb.ingest_paths([tmp_path / "scan.pdf"], workers=1).items[0]
    assert item.status == "rejected" and "scan" in item.reason


@pytest.mark.parametrize(
    ("name", "data", "reason_part"),
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "hỏng"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "hỏng"),
        ("fake.pdf", b"hello, not a pdf", "không hợp lệ"),
        ("nul.txt", b"Ti\x00\x00\x00eu de\x00" * 100, "nhị phân"),
        ("tcvn3.txt", "Uû ban nh©n d©n tØnh Thõa Thiªn HuÕ ®· tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m 2022 "
                      "víi sù tham dù cña c¸c ®ång chÝ l·nh ®¹o tØnh".encode("cp1252", "replace"), "TCVN3"),
        ("vni.txt", "UÛy ban nhaân daân tænh Thöøa Thieân Hueá ñaõ toå chöùc hoäi nghò toång keát coâng taùc "
                    "naêm 2022 vôùi söï tham döï cuûa caùc ñoàng chí laõnh ñaïo".encode("cp1252"), "VNI"),
    ],
)
def test_broken_files_are_rejected_and_the_batch_goes_on(fresh_kb, tmp_path, name, data, reason_part):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    report = fresh_kb.ingest_paths([tmp_path / name, tmp_path / "good.txt"], workers=1)
    items = by_name(report)
    assert items[name].status == "rejected" and reason_part in items[name].reason, items[name].reason
    assert items["good.txt"].status == "added"


def test_zip_of_files_with_path_traversal_and_nesting(fresh_kb, tmp_path):
    inner = zip_bytes({"sau.txt": GOOD.replace("Quảng Nam", "Nghệ An").encode()})
    innermost = zip_bytes({"x.zip": zip_bytes({"y.txt": b"Tin\n\nNoi dung"})})
    archive = zip_bytes({
        "mot.txt": GOOD.encode(),
        "../../etc/passwd": b"root:x:0:0",
        "/abs/path.txt": b"Tin\n\nNoi dung tuyet doi",
        "long.zip": inner,
        "deep.zip": innermost,
        "anh.png": b"\x89PNG",
    })
    (tmp_path / "goi.zip").write_bytes(archive)
    report = fresh_kb.ingest_paths([tmp_path / "goi.zip"], workers=1)
    reasons = {i.origin.split("!", 1)[1]: (i.status, i.reason) for i in report.items}
    assert reasons["mot.txt"][0] == "added"
    assert reasons["long.zip!sau.txt"][0] == "added"
    assert reasons["../../etc/passwd"][0] == "rejected" and "path traversal" in reasons["../../etc/passwd"][1]
    assert reasons["/abs/path.txt"][0] == "rejected"
    assert any(k.startswith("deep.zip") and v[0] == "rejected" and "lồng nhau" in v[1] for k, v in reasons.items())
    assert not (tmp_path.parent / "etc").exists()


def test_zip_bomb_is_refused_quickly(fresh_kb, tmp_path):
    bomb = zip_bytes({"bomb.txt": b"0" * (150 * 1024 * 1024)})
    (tmp_path / "bomb.zip").write_bytes(bomb)
    started = time.perf_counter()
    item = fresh_kb.ingest_paths([tmp_path / "bomb.zip"], workers=1).items[0]
    assert item.status == "rejected" and ("quá lớn" in item.reason or "zip bomb" in item.reason)
    assert time.perf_counter() - started < 10


def test_huge_line_wide_csv_and_deep_json_are_bounded(fresh_kb, tmp_path):
    (tmp_path / "wide.csv").write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n" + "x," * 10 + "\n")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "line.txt").write_text("Một dòng rất dài\n\n" + "chữ " * 1_000_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.perf_counter()
    report = fresh_kb.ingest_paths([tmp_path / n for n in ("wide.csv", "deep.json", "line.txt", "good.txt")],
                                   workers=1)
    items = by_name(report)
    assert items["wide.csv"].status == "rejected" and "cột" in items["wide.csv"].reason
    assert items["deep.json"].status == "rejected" and "sâu" in items["deep.json"].reason
    assert items["good.txt"].status == "added"
    assert items["line.txt"].status in ("added", "rejected")
    assert time.perf_counter() - started < 120


def test_hostile_html_is_reduced_to_text(fresh_kb, tmp_path):
    page = (
        "<html><body><script>document.location='http://evil'</script><iframe src='http://evil'></iframe>"
        "<article><h1 onclick='alert(1)'>Thông báo lịch tiếp công dân</h1>"
        "<p onmouseover=\"alert('x')\">" + "Lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh. " * 10 +
        "</p><style>p{color:red}</style></article></body></html>"
    )
    (tmp_path / "trang.html").write_text(page, encoding="utf-8")
    fresh_kb.ingest_paths([tmp_path / "trang.html"], workers=1)
    doc = fresh_kb.get("trang")
    assert doc.title == "Thông báo lịch tiếp công dân"
    for bad in ("<script", "evil", "alert", "onclick", "iframe", "color:red"):
        assert bad not in doc.text and bad not in doc.title


def test_oversized_upload_is_rejected_before_reading(fresh_kb):
    fresh_kb.settings.max_upload_bytes = 1000
    report = fresh_kb.ingest_bytes("lon.txt", b"x" * 2000)
    assert report.items[0].status == "rejected" and "quá lớn" in report.items[0].reason
    assert fresh_kb.stats()["documents"] == 0


def test_upload_name_cannot_escape(fresh_kb):
    report = fresh_kb.ingest_bytes("../../etc/tin.txt", GOOD.encode())
    assert report.items[0].status == "added"
    assert report.items[0].id == "tin"
