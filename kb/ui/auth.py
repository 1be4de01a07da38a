"""Admin login: PBKDF2-SHA256 hashes, the password file, failed-login throttling and the auth log.

No Streamlit here: the admin page and `kb admin` both use these pieces.

Hash format: "pbkdf2_sha256$<iterations>$<salt>$<hex digest>", where the digest is
hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex().
There is no default password: with no hash configured the admin page stays disabled.

Files in the index directory (all mode 0600):
- admin-password: the hash written by `kb admin set-password`, read on every visit;
- admin-throttle.json: failed-login counters, read on every attempt, cleared by `kb admin unlock`;
- admin-auth.log: one JSON object per login attempt (time, client, outcome), append-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

try:
    import fcntl
except ImportError:  # not POSIX: the thread lock alone guards the throttle file
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

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


# -- files in the index directory ---------------------------------------------------------------------------
PASSWORD_FILE = "admin-password"
THROTTLE_FILE = "admin-throttle.json"
AUTH_LOG_FILE = "admin-auth.log"
MIN_PASSWORD_LENGTH = 8


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically (temp file + os.replace), readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def password_path(index_dir: Path) -> Path:
    return Path(index_dir) / PASSWORD_FILE


def read_password_hash(index_dir: Path) -> str | None:
    """The hash stored by `kb admin set-password`, or None when there is none (or it cannot be read)."""
    path = password_path(index_dir)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read the admin password file %s: %s", path, exc)
        return None
    return value or None


def write_password_hash(index_dir: Path, encoded: str) -> Path:
    if parse_hash(encoded) is None:
        raise ValueError("not a pbkdf2_sha256 hash")
    path = password_path(index_dir)
    write_private(path, encoded + "\n")
    return path


# -- who is trying ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Client:
    """One login form: the app's random id for the browser session, and what Streamlit knows of the peer.

    The address is only a throttling key and a log field, never a reason to let anyone in.
    """

    session: str
    address: str | None = None
    user_agent: str | None = None


# -- throttling -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThrottlePolicy:
    """Growing delays after repeated failures: none for the first `free_failures`, then
    `first_delay`, doubling with each failure, capped at `max_delay`.

    The same schedule runs per client address with a larger free budget, but it only holds back
    sessions that have failed themselves: a session with no failure is never delayed, so failures
    elsewhere (other browsers, the same office NAT) can never keep the real admin out.
    A counter idle for `forget_after` seconds starts again from zero.
    """

    free_failures: int = 4
    first_delay: float = 30.0
    max_delay: float = 900.0
    address_free_failures: int = 10
    forget_after: float = 3600.0
    max_entries: int = 5000  # bounds the state file when an attacker opens session after session

    def delay(self, failures: int, free: int) -> float:
        """Seconds to wait after the `failures`-th failure, when the first `free` cost nothing."""
        over = failures - free
        if over <= 0:
            return 0.0
        return min(self.max_delay, self.first_delay * 2 ** min(over - 1, 32))


@dataclass
class Strikes:
    failures: int
    last: float  # wall-clock time of the latest failure (shared by processes, so not monotonic)


@dataclass
class ThrottleState:
    sessions: dict[str, Strikes] = field(default_factory=dict)
    addresses: dict[str, Strikes] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "sessions": {k: asdict(v) for k, v in self.sessions.items()},
                "addresses": {k: asdict(v) for k, v in self.addresses.items()},
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> ThrottleState:
        data = json.loads(text)

        def table(name: str) -> dict[str, Strikes]:
            rows = data.get(name) or {}
            return {str(k): Strikes(int(v["failures"]), float(v["last"])) for k, v in rows.items()}

        return cls(table("sessions"), table("addresses"))


class LoginResult(NamedTuple):
    ok: bool
    retry_after: float  # seconds before this session may try again; 0 when it may try now


class Failure(NamedTuple):
    failures: int  # this session's recent failures, the new one included
    retry_after: float


class Cleared(NamedTuple):
    sessions: int  # sessions with recent failures
    waiting: int  # of those, sessions that still had to wait
    addresses: int


class LoginThrottle:
    """Failed-login counters per session and per address, kept in a JSON file (`path`) that is read on
    every check, so `kb admin unlock` takes effect in a running server. `path=None` keeps them in memory.

    `clock` is injectable (tests move time without sleeping); it must be wall-clock time because the
    file is shared between processes. With `tolerate_write_errors` (the web app) an unwritable file
    makes this process count in memory, retrying the file on each failure, instead of breaking the login
    form; without it (the CLI) the OSError is raised, so an operator is never told a change was made
    when it was not.
    """

    def __init__(
        self,
        path: Path | None = None,
        policy: ThrottlePolicy | None = None,
        clock: Callable[[], float] = time.time,
        tolerate_write_errors: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.policy = policy or ThrottlePolicy()
        self.clock = clock
        self.tolerate_write_errors = tolerate_write_errors
        self._memory = ThrottleState()  # the state itself without a path, else the last one written
        self._degraded = False  # the last write failed: the file is behind this process's memory
        self._lock = threading.Lock()

    # state storage
    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        if self.path is None or fcntl is None:
            yield
            return
        assert self.path is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if not self.tolerate_write_errors:
                raise
            log.warning("cannot lock %s (%s); login throttling runs in memory", self.path, exc)
            self._degraded = True
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _load(self) -> ThrottleState:
        if self.path is None or self._degraded:
            return self._memory
        try:
            return ThrottleState.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ThrottleState()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("unreadable login throttle file %s (%s); starting from an empty state", self.path, exc)
            return ThrottleState()

    def _save(self, state: ThrottleState) -> None:
        self._memory = state
        if self.path is None:
            return
        try:
            write_private(self.path, state.to_json())
            self._degraded = False
        except OSError as exc:
            if not self.tolerate_write_errors:
                raise
            # A read-only index directory must not break the login form; this process keeps counting.
            log.warning("cannot write %s (%s); login throttling runs in memory", self.path, exc)
            self._degraded = True

    @contextmanager
    def _state(self, write: bool) -> Iterator[ThrottleState]:
        with self._lock, self._file_lock():
            state = self._load()
            yield state
            if write:
                self._save(state)

    # the rules
    def _fresh(self, strikes: Strikes | None, now: float) -> Strikes | None:
        if strikes is None or now - strikes.last >= self.policy.forget_after:
            return None
        return strikes

    def _wait(self, state: ThrottleState, client: Client, now: float) -> float:
        own = self._fresh(state.sessions.get(client.session), now)
        if own is None:
            return 0.0  # a session that has not failed is never held back
        p = self.policy
        waits = [own.last + p.delay(own.failures, p.free_failures) - now]
        if client.address:
            shared = self._fresh(state.addresses.get(client.address), now)
            if shared is not None:
                waits.append(shared.last + p.delay(shared.failures, p.address_free_failures) - now)
        # Capped so that a wall clock set back cannot turn a delay into a lockout.
        return min(p.max_delay, max(0.0, *waits))

    def _prune(self, table: dict[str, Strikes], now: float) -> None:
        for key in [k for k, v in table.items() if self._fresh(v, now) is None]:
            del table[key]
        if len(table) > self.policy.max_entries:
            for key in sorted(table, key=lambda k: table[k].last)[: len(table) - self.policy.max_entries]:
                del table[key]

    def _strike(self, table: dict[str, Strikes], key: str, now: float) -> Strikes:
        current = self._fresh(table.get(key), now)
        table[key] = Strikes((current.failures if current else 0) + 1, now)
        return table[key]

    # public
    def retry_after(self, client: Client) -> float:
        """Seconds `client` must wait before its next attempt (0 when it may try now)."""
        with self._state(write=False) as state:
            return self._wait(state, client, self.clock())

    def record_failure(self, client: Client) -> Failure:
        """Count a wrong password; returns the session's count and the wait now imposed on it."""
        now = self.clock()
        with self._state(write=True) as state:
            self._prune(state.sessions, now)
            self._prune(state.addresses, now)
            own = self._strike(state.sessions, client.session, now)
            if client.address:
                self._strike(state.addresses, client.address, now)
            return Failure(own.failures, self._wait(state, client, now))

    def record_success(self, client: Client) -> None:
        """Forget this session's failures (its address keeps its count: others there may still be guessing)."""
        with self._state(write=True) as state:
            state.sessions.pop(client.session, None)

    def clear(self) -> Cleared:
        """Forget every counter (the operator's `kb admin unlock`)."""
        now = self.clock()
        with self._state(write=True) as state:
            self._prune(state.sessions, now)
            self._prune(state.addresses, now)
            cleared = Cleared(
                len(state.sessions),
                sum(self._wait(state, Client(k), now) > 0 for k in state.sessions),
                len(state.addresses),
            )
            state.sessions.clear()
            state.addresses.clear()
            return cleared


def throttle_for(index_dir: Path, **kwargs) -> LoginThrottle:
    return LoginThrottle(Path(index_dir) / THROTTLE_FILE, **kwargs)


# -- the auth log ---------------------------------------------------------------------------------------
class AuthLog:
    """Append-only JSON lines: when (UTC, ISO 8601), what happened, and which client. Never a password."""

    def __init__(self, path: Path | None, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path) if path is not None else None
        self.clock = clock

    def write(self, event: str, client: Client | None = None, **details: object) -> None:
        if self.path is None:
            return
        record: dict[str, object] = {
            "at": dt.datetime.fromtimestamp(self.clock(), dt.UTC).isoformat(timespec="milliseconds"),
            "event": event,
        }
        if client is not None:
            record["session"] = client.session
            record["address"] = client.address
            if client.user_agent:
                record["user_agent"] = client.user_agent[:200]
        record.update(details)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))  # one write per line: O_APPEND keeps lines whole
            finally:
                os.close(fd)
        except OSError as exc:
            log.warning("cannot append to the admin auth log %s: %s", self.path, exc)


def auth_log_for(index_dir: Path, **kwargs) -> AuthLog:
    return AuthLog(Path(index_dir) / AUTH_LOG_FILE, **kwargs)


# -- one attempt -----------------------------------------------------------------------------------------
def attempt_login(
    password: str, encoded: str | None, throttle: LoginThrottle, client: Client, audit: AuthLog | None = None
) -> LoginResult:
    """Check a password unless this session must still wait; count and log the outcome."""
    audit = audit or AuthLog(None)
    wait = throttle.retry_after(client)
    if wait > 0:
        audit.write("throttled", client, retry_after=round(wait, 1))
        return LoginResult(False, wait)
    if verify_password(password, encoded):
        throttle.record_success(client)
        audit.write("success", client)
        return LoginResult(True, 0.0)
    failure = throttle.record_failure(client)
    audit.write("failure", client, failures=failure.failures, retry_after=round(failure.retry_after, 1))
    return LoginResult(False, failure.retry_after)
