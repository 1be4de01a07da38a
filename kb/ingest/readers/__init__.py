"""Readers, one module per format. A module declares EXTENSIONS and read(data, origin).

Adding a format is adding one module to this package: it is discovered by name.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from functools import lru_cache
from types import ModuleType

from kb.ingest.readers.base import Rejection
from kb.models import RawDocument

ReadFn = Callable[[bytes, str], Iterator[RawDocument | Rejection]]


@lru_cache(maxsize=1)
def _registry() -> dict[str, ModuleType]:
    by_ext: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for ext in getattr(module, "EXTENSIONS", ()):
            by_ext[ext] = module
    return by_ext


def supported_extensions() -> list[str]:
    return sorted(_registry())


def reader_for(name: str) -> ReadFn | None:
    """The read function for a file name, by its longest matching extension (".jsonl.gz")."""
    lower = name.lower()
    for ext in sorted(_registry(), key=len, reverse=True):
        if lower.endswith(ext):
            return _registry()[ext].read
    return None
