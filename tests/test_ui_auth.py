"""kb.ui.auth: PBKDF2 hashes, verification and the failed-login rate limiter."""

from __future__ import annotations

import hashlib

import pytest

from kb.ui import auth


def test_hash_format_matches_the_documented_recipe():
    encoded = auth.hash_password("bí mật", salt="muoi", iterations=1000)
    algo, iterations, salt, digest = encoded.split("$")
    assert (algo, iterations, salt) == ("pbkdf2_sha256", "1000", "muoi")
    assert digest == hashlib.pbkdf2_hmac("sha256", "bí mật".encode(), b"muoi", 1000).hex()


def test_verify():
    encoded = auth.hash_password("đúng", iterations=1000)
    assert auth.verify_password("đúng", encoded)
    assert not auth.verify_password("sai", encoded)
    assert not auth.verify_password("", encoded)
    assert not auth.verify_password("đúng", None)


@pytest.mark.parametrize("bad", ["", "plain", "pbkdf2_sha256$abc$s$00", "md5$1000$s$" + "0" * 64,
                                 "pbkdf2_sha256$10$s$" + "0" * 64, "pbkdf2_sha256$1000$$" + "0" * 64,
                                 "pbkdf2_sha256$1000$s$zz", "pbkdf2_sha256$1000$s$00"])
def test_malformed_hashes_are_refused(bad):
    assert auth.parse_hash(bad) is None
    assert not auth.verify_password("x", bad)


def test_random_salts():
    assert auth.hash_password("x", iterations=1000) != auth.hash_password("x", iterations=1000)


def test_hash_command_prints_a_valid_hash():
    import subprocess
    import sys

    cmd = auth.HASH_COMMAND.replace("python ", f"{sys.executable} ", 1)
    out = subprocess.run(["bash", "-c", cmd], input="pw\n", capture_output=True, text=True, timeout=60, check=True)
    encoded = out.stdout.strip().splitlines()[-1]
    assert auth.parse_hash(encoded) is not None and auth.verify_password("pw", encoded)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_rate_limit_per_session_then_recovers():
    clock = Clock()
    rl = auth.RateLimiter(max_failures=5, window=300, clock=clock)
    good = auth.hash_password("ok", iterations=1000)
    for _ in range(4):
        assert auth.attempt_login("no", good, rl, "s1") == (False, 0.0)
    ok, wait = auth.attempt_login("no", good, rl, "s1")
    assert not ok and wait == pytest.approx(300)
    # The right password is refused while limited, without being checked.
    assert auth.attempt_login("ok", good, rl, "s1")[0] is False
    # Other sessions are not affected by one session's failures.
    assert auth.attempt_login("ok", good, rl, "s2") == (True, 0.0)
    clock.t += 301
    assert auth.attempt_login("ok", good, rl, "s1") == (True, 0.0)


def test_global_limit_stops_session_hopping():
    clock = Clock()
    rl = auth.RateLimiter(max_failures=5, window=300, global_factor=2, clock=clock)
    good = auth.hash_password("ok", iterations=1000)
    for i in range(10):
        auth.attempt_login("no", good, rl, f"new-session-{i}")
    ok, wait = auth.attempt_login("ok", good, rl, "fresh")
    assert not ok and wait > 0
    clock.t += 300
    assert auth.attempt_login("ok", good, rl, "fresh")[0]


def test_success_resets_the_session_counter():
    clock = Clock()
    rl = auth.RateLimiter(max_failures=3, window=300, clock=clock)
    good = auth.hash_password("ok", iterations=1000)
    auth.attempt_login("no", good, rl, "s")
    auth.attempt_login("no", good, rl, "s")
    assert auth.attempt_login("ok", good, rl, "s")[0]
    auth.attempt_login("no", good, rl, "s")
    assert rl.retry_after("s") == 0
