"""argparse for `kb`, in Vietnamese: a usage error is one Vietnamese sentence on stderr and exit
status 2 (never a traceback), help headings are Vietnamese, and argument types check their range
before anything runs (`--page 0` is refused here, not by a model deep inside)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable

EXIT_USAGE = 2

_KINDS = {"int": "một số nguyên", "float": "một số"}
# argparse's English messages (Python 3.11) and how to say them.
_TRANSLATIONS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"the following arguments are required: (.*)"), lambda m: f"thiếu {m[1]}"),
    (re.compile(r"unrecognized arguments: (.*)"), lambda m: f"không hiểu các đối số: {m[1]}"),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
     lambda m: f"{m[1]}: không có lựa chọn {m[2]}; chọn một trong: {m[3]}"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"),
     lambda m: f"{m[1]}: {m[3]} không phải là {_KINDS.get(m[2], m[2])}"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"{m[1]} cần một giá trị"),
    (re.compile(r"argument (\S+): expected at least one argument"), lambda m: f"{m[1]} cần ít nhất một giá trị"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"),
     lambda m: f"không dùng {m[1]} cùng với {m[2]}"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"),
     lambda m: f"tùy chọn {m[1]} chưa rõ, có thể là: {m[2]}"),
    (re.compile(r"argument (\S+): (.*)", re.S), lambda m: f"{m[1]}: {m[2]}"),
]


def vietnamese(message: str) -> str:
    for pattern, say in _TRANSLATIONS:
        m = pattern.fullmatch(message)
        if m:
            return say(m)
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose messages are Vietnamese; sub-commands get the same class."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {vietnamese(message)}\nXem hướng dẫn: {self.prog} --help\n")


def int_in(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argument type: an integer from `low` to `high` (no upper bound: None)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            wanted = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
            raise argparse.ArgumentTypeError(f"cần một số nguyên {wanted}, không phải {value!r}")
        return number

    return parse


def year(value: str) -> int:
    """An argument type: a year of four digits."""
    if not (value.isdigit() and len(value) == 4 and int(value) > 0):
        raise argparse.ArgumentTypeError(f"cần một năm có 4 chữ số (ví dụ 2017), không phải {value!r}")
    return int(value)


def date(value: str) -> dt.date:
    """An argument type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {value!r} (dạng YYYY-MM-DD, ví dụ 2017-02-06)") from None
