"""Settings from the environment: where the index lives, upload limits, the admin secret."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Settings:
    index_dir: Path = field(default_factory=lambda: Path(os.environ.get("KB_INDEX_DIR", "index")))
    max_upload_bytes: int = field(default_factory=lambda: _env_int("KB_MAX_UPLOAD_MB", 20) * 1024 * 1024)
    # A password hash ("pbkdf2_sha256$iterations$salt$hex"); no default password exists.
    admin_password_hash: str | None = field(default_factory=lambda: os.environ.get("KB_ADMIN_PASSWORD_HASH"))
    corpus_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("KB_CORPUS_DIR", Path(__file__).resolve().parent.parent / "corpus"))
    )
