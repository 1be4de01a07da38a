"""ZIP archives of supported files, with limits against zip bombs, deep nesting and path tricks.

Each member is read by the reader of its own format; a bad member is rejected alone.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator

from kb.ingest.readers.base import Rejection
from kb.models import RawDocument

EXTENSIONS = (".zip",)
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed
MAX_DEPTH = 2  # a zip inside a zip is fine; deeper is refused


class ZipLimitError(ValueError):
    pass


def check_archive(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ZipLimitError(f"quá nhiều tệp bên trong ({len(infos)}; tối đa {MAX_MEMBERS}).")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ZipLimitError(f"dung lượng giải nén quá lớn ({total / 1e6:.0f} MB).")
    for i in infos:
        if i.file_size > MAX_MEMBER_BYTES:
            raise ZipLimitError(f"tệp {i.filename!r} giải nén ra quá lớn ({i.file_size / 1e6:.0f} MB).")
        if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1_000_000:
            raise ZipLimitError(f"tỷ lệ nén bất thường ở {i.filename!r} (nghi là zip bomb).")


def _unsafe(name: str) -> bool:
    norm = posixpath.normpath(name.replace("\\", "/"))
    return name.startswith(("/", "\\")) or norm.startswith("..") or ":" in name.split("/")[0]


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    from kb.ingest.readers import reader_for

    depth = origin.count("!")
    if depth >= MAX_DEPTH:
        yield Rejection(origin, f"Tệp zip lồng nhau quá sâu (tối đa {MAX_DEPTH} tầng).")
        return
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield Rejection(origin, "Tệp zip bị hỏng.")
        return
    with zf:
        try:
            check_archive(zf)
        except ZipLimitError as exc:
            yield Rejection(origin, f"Tệp zip bị từ chối: {exc}")
            return
        for info in zf.infolist():
            if info.is_dir():
                continue
            where = f"{origin}!{info.filename}"
            if _unsafe(info.filename):
                yield Rejection(where, "Tên tệp trong zip trỏ ra ngoài thư mục (path traversal); bỏ qua.")
                continue
            base = posixpath.basename(info.filename)
            if base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue
            member_reader = reader_for(base)
            if member_reader is None:
                yield Rejection(where, "Định dạng tệp không được hỗ trợ.")
                continue
            try:
                member = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                yield Rejection(where, f"Không giải nén được ({type(exc).__name__}).")
                continue
            yield from member_reader(member, where)
