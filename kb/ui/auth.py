"""Admin password: PBKDF2-SHA256 hashes and a failed-login rate limiter. Pure functions, no Streamlit.

Hash format: "pbkdf2_sha256$<iterations>$<salt>$<hex digest>", where the digest is
hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex().
There is no default password: with no hash configured the admin page stays disabled.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
MIN_ITERATIONS = 1_000
MAX_ITERATIONS = 10_000_000

HASH_COMMAND = (
    'python -c "import getpass,hashlib,secrets; p=getpass.getpass(); s=secrets.token_hex(16); '
    "print(f'pbkdf2_sha256\\$600000\\${s}\\$' + hashlib.pbkdf2_hmac('sha256', p.encode(), s.encode(), 600000).hex())\""
)


@dataclass(frozen=True)
class ParsedHash:
    iterations: int
    salt: str
    digest: str


def parse_hash(encoded: str | None) -> ParsedHash | None:
    """The parts of a stored hash, or None when it is missing or malformed."""
    if not encoded:
        return None
    parts = encoded.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        return None
    _, iterations, salt, digest = parts
    try:
        n = int(iterations)
        bytes.fromhex(digest)
    except ValueError:
        return None
    if not (MIN_ITERATIONS <= n <= MAX_ITERATIONS) or not salt or len(digest) < 32:
        return None
    return ParsedHash(n, salt, digest.lower())


def hash_password(password: str, salt: str | None = None, iterations: int = DEFAULT_ITERATIONS) -> str:
    salt = salt or secrets.token_hex(16)
    if "$" in salt:
        raise ValueError("salt must not contain '$'")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"{ALGORITHM}${iterations}${salt}${digest}"


def verify_password(password: str, encoded: str | None) -> bool:
    """Constant-time check of a password against a stored hash; False for a malformed hash."""
    parsed = parse_hash(encoded)
    if parsed is None or not password:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), parsed.salt.encode(), parsed.iterations).hex()
    return hmac.compare_digest(digest, parsed.digest)


@dataclass
class RateLimiter:
    """At most `max_failures` failed logins per `window` seconds, per session and for the whole process.

    The global budget (a multiple of the per-session one) stops an attacker who opens a new session
    for every guess.
    """

    max_failures: int = 5
    window: float = 300.0
    global_factor: int = 4
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _global: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _prune(self, q: deque[float], now: float) -> None:
        while q and now - q[0] >= self.window:
            q.popleft()

    def retry_after(self, session: str) -> float:
        """Seconds to wait before `session` may try again (0 when it may try now)."""
        now = self.clock()
        with self._lock:
            waits = [0.0]
            q = self._failures.get(session)
            if q is not None:
                self._prune(q, now)
                if len(q) >= self.max_failures:
                    waits.append(self.window - (now - q[0]))
            self._prune(self._global, now)
            if len(self._global) >= self.max_failures * self.global_factor:
                waits.append(self.window - (now - self._global[0]))
            return max(waits)

    def record_failure(self, session: str) -> None:
        now = self.clock()
        with self._lock:
            self._failures.setdefault(session, deque()).append(now)
            self._global.append(now)
            if len(self._failures) > 10_000:  # forget idle sessions
                for key in [k for k, q in self._failures.items() if not q or now - q[-1] >= self.window]:
                    del self._failures[key]

    def record_success(self, session: str) -> None:
        with self._lock:
            self._failures.pop(session, None)


def attempt_login(password: str, encoded: str | None, limiter: RateLimiter, session: str) -> tuple[bool, float]:
    """(ok, retry_after): refuses without checking while the session or the process is rate limited."""
    wait = limiter.retry_after(session)
    if wait > 0:
        return False, wait
    if verify_password(password, encoded):
        limiter.record_success(session)
        return True, 0.0
    limiter.record_failure(session)
    return False, limiter.retry_after(session)
