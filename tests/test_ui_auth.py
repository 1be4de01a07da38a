"""kb.ui.auth: PBKDF2 hashes, the password file, per-session login throttling and the auth log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat

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


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plain",
        "pbkdf2_sha256$abc$s$00",
        "md5$1000$s$" + "0" * 64,
        "pbkdf2_sha256$10$s$" + "0" * 64,
        "pbkdf2_sha256$1000$$" + "0" * 64,
        "pbkdf2_sha256$1000$s$zz",
        "pbkdf2_sha256$1000$s$00",
    ],
)
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
    """Wall-clock stand-in that tests move by hand: no sleeping, no timing assertions."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


RIGHT = "mật-khẩu-đúng"
WRONG = "đoán-bừa"


@pytest.fixture(scope="module")
def good() -> str:
    return auth.hash_password(RIGHT, iterations=1000)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(tmp_path, clock) -> auth.LoginThrottle:
    return auth.throttle_for(tmp_path, clock=clock)


def browser(name: str, address: str | None = None) -> auth.Client:
    return auth.Client(session=name, address=address)


# -- the schedule ------------------------------------------------------------------------------------------
def test_delay_schedule_is_free_then_doubling_then_capped():
    policy = auth.ThrottlePolicy(free_failures=4, first_delay=30, max_delay=900)
    assert [policy.delay(n, 4) for n in range(1, 12)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]
    assert policy.delay(10_000, 4) == 900


def test_delays_grow_with_each_failure_of_a_session(throttle, clock, good):
    me = browser("trình-duyệt-1")
    waits = []
    for _ in range(8):
        ok, wait = auth.attempt_login(WRONG, good, throttle, me)
        assert not ok
        waits.append(wait)
        clock.t += wait  # wait exactly as long as asked, then guess again
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240]


def test_a_failed_session_is_delayed_not_locked_for_good(throttle, clock, good):
    me = browser("quản-trị-gõ-nhầm")
    for _ in range(5):
        auth.attempt_login(WRONG, good, throttle, me)
    # While the delay runs even the right password is refused, without being checked.
    ok, wait = auth.attempt_login(RIGHT, good, throttle, me)
    assert not ok and wait == pytest.approx(30)
    clock.t += 29
    assert auth.attempt_login(RIGHT, good, throttle, me) == (False, pytest.approx(1))
    clock.t += 1
    assert auth.attempt_login(RIGHT, good, throttle, me) == (True, 0.0)


def test_success_resets_the_session_counter(throttle, good):
    me = browser("s")
    for _ in range(4):
        auth.attempt_login(WRONG, good, throttle, me)
    assert auth.attempt_login(RIGHT, good, throttle, me).ok
    assert auth.attempt_login(WRONG, good, throttle, me) == (False, 0.0)  # back to the free failures


def test_an_idle_counter_is_forgotten(throttle, clock, good):
    me = browser("s")
    for _ in range(6):
        clock.t += throttle.retry_after(me)
        auth.attempt_login(WRONG, good, throttle, me)
    clock.t += throttle.policy.forget_after
    assert throttle.retry_after(me) == 0
    assert auth.attempt_login(WRONG, good, throttle, me) == (False, 0.0)


def test_a_clock_set_back_never_turns_a_delay_into_a_lockout(throttle, clock, good):
    me = browser("s")
    for _ in range(5):
        auth.attempt_login(WRONG, good, throttle, me)
    clock.t -= 86_400  # the server's wall clock is corrected by a day
    assert throttle.retry_after(me) <= throttle.policy.max_delay


# -- nobody locks the admin out ------------------------------------------------------------------------------
@pytest.mark.parametrize("shared_address", [None, "203.0.113.7"], ids=["no-address", "same-office-nat"])
def test_three_browsers_guessing_do_not_lock_out_the_admin(throttle, good, shared_address):
    """The issue "Anyone can lock the admin out": the old process-wide budget (20 failures per 5 minutes)
    refused the real admin after 3 browsers x 5 wrong passwords (and more guessing kept it so)."""
    for name in ("kẻ-đoán-1", "kẻ-đoán-2", "kẻ-đoán-3"):
        for _ in range(5):
            assert not auth.attempt_login(WRONG, good, throttle, browser(name, shared_address)).ok
        assert throttle.retry_after(browser(name, shared_address)) > 0
    # Same instant, same address: a session that has not failed gets in at once.
    assert auth.attempt_login(RIGHT, good, throttle, browser("quản-trị-viên", shared_address)) == (True, 0.0)


def test_browsers_that_reload_and_keep_guessing_do_not_lock_out_the_admin(throttle, clock, good):
    """Past the old global budget: 3 browsers each reload once (a reload is a new session) and guess 5
    times per session, 30 failures in a minute. The old limiter then refused everyone for 5 minutes."""
    for name in ("kẻ-đoán-1", "kẻ-đoán-2", "kẻ-đoán-3"):
        for reload in range(2):
            for _ in range(5):
                clock.t += 2
                auth.attempt_login(WRONG, good, throttle, browser(f"{name}/{reload}"))
    assert auth.attempt_login(RIGHT, good, throttle, browser("quản-trị-viên")) == (True, 0.0)


def test_a_hundred_guessing_sessions_still_do_not_delay_a_fresh_session(throttle, good):
    for i in range(100):
        auth.attempt_login(WRONG, good, throttle, browser(f"kẻ-đoán-{i}", "198.51.100.9"))
    assert throttle.retry_after(browser("mới", "198.51.100.9")) == 0
    assert auth.attempt_login(RIGHT, good, throttle, browser("mới", "198.51.100.9")).ok


def test_failures_at_one_address_slow_the_failed_sessions_there(throttle, good):
    """Hopping to a new session buys one free guess, not five, once an address has failed a lot."""
    nat = "203.0.113.7"
    for i in range(throttle.policy.address_free_failures + 1):
        auth.attempt_login(WRONG, good, throttle, browser(f"kẻ-đoán-{i}", nat))
    ok, wait = auth.attempt_login(WRONG, good, throttle, browser("phiên-mới", nat))
    assert not ok and wait > 0  # its own count is 1, the address's is over the free budget
    assert throttle.retry_after(browser("phiên-mới", "192.0.2.1")) == 0  # another address: own count only


# -- the state file ----------------------------------------------------------------------------------------
def test_state_lives_in_a_private_json_file_that_other_instances_read(tmp_path, clock, good):
    server = auth.throttle_for(tmp_path, clock=clock)
    for _ in range(5):
        auth.attempt_login(WRONG, good, server, browser("s", "192.0.2.1"))
    path = tmp_path / auth.THROTTLE_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sessions"]["s"]["failures"] == 5 and data["addresses"]["192.0.2.1"]["failures"] == 5
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # written via temp file + os.replace
    operator = auth.throttle_for(tmp_path, clock=clock)  # e.g. `kb admin unlock` in another process
    assert operator.retry_after(browser("s")) == pytest.approx(30)
    assert operator.clear() == (1, 1, 1)
    assert server.retry_after(browser("s", "192.0.2.1")) == 0
    assert auth.attempt_login(RIGHT, good, server, browser("s", "192.0.2.1")).ok


def test_a_damaged_state_file_is_ignored(tmp_path, clock, good):
    (tmp_path / auth.THROTTLE_FILE).write_text("{không phải json", encoding="utf-8")
    throttle = auth.throttle_for(tmp_path, clock=clock)
    assert auth.attempt_login(RIGHT, good, throttle, browser("s")).ok
    auth.attempt_login(WRONG, good, throttle, browser("s"))
    assert json.loads((tmp_path / auth.THROTTLE_FILE).read_text())["sessions"]["s"]["failures"] == 1


def test_an_unwritable_index_dir_keeps_the_form_working_in_memory(tmp_path, clock, good):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    throttle = auth.throttle_for(blocker, clock=clock)  # every write under it fails
    for _ in range(5):
        auth.attempt_login(WRONG, good, throttle, browser("s"), auth.auth_log_for(blocker, clock=clock))
    assert throttle.retry_after(browser("s")) == pytest.approx(30)
    assert auth.attempt_login(RIGHT, good, throttle, browser("khác")).ok
    with pytest.raises(OSError):
        auth.throttle_for(blocker, clock=clock, tolerate_write_errors=False).clear()


def test_the_state_file_stays_bounded_when_sessions_keep_changing(tmp_path, clock, good):
    throttle = auth.throttle_for(tmp_path, clock=clock, policy=auth.ThrottlePolicy(max_entries=10))
    for i in range(50):
        clock.t += 1
        throttle.record_failure(browser(f"s{i}"))
    sessions = json.loads((tmp_path / auth.THROTTLE_FILE).read_text())["sessions"]
    assert len(sessions) <= 11 and "s49" in sessions


# -- the auth log -----------------------------------------------------------------------------------------
def test_every_attempt_is_logged_with_time_and_client_but_never_the_password(tmp_path, clock, good):
    throttle = auth.throttle_for(tmp_path, clock=clock)
    audit = auth.auth_log_for(tmp_path, clock=clock)
    guesser = auth.Client("phiên-a", "203.0.113.7", "Mozilla/5.0 (thử nghiệm)")
    for _ in range(6):
        auth.attempt_login(WRONG, good, throttle, guesser, audit)  # 5 failures, then 1 refused while waiting
    auth.attempt_login(RIGHT, good, throttle, browser("phiên-b"), audit)
    path = tmp_path / auth.AUTH_LOG_FILE
    text = path.read_text(encoding="utf-8")
    assert WRONG not in text and RIGHT not in text
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["event"] for r in rows] == ["failure"] * 5 + ["throttled", "success"]
    when = dt.datetime.fromisoformat(rows[0]["at"])
    assert when.utcoffset() == dt.timedelta(0) and when.timestamp() == pytest.approx(clock.t)
    assert rows[0]["session"] == "phiên-a" and rows[0]["address"] == "203.0.113.7"
    assert rows[0]["user_agent"] == "Mozilla/5.0 (thử nghiệm)"
    assert [r["failures"] for r in rows[:5]] == [1, 2, 3, 4, 5]
    assert rows[4]["retry_after"] == 30 and rows[5]["retry_after"] == 30
    assert rows[6]["session"] == "phiên-b" and rows[6]["address"] is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_log_is_appended_to_not_rewritten(tmp_path, clock, good):
    path = tmp_path / auth.AUTH_LOG_FILE
    path.write_text('{"event": "cũ"}\n', encoding="utf-8")
    auth.attempt_login(
        WRONG, good, auth.throttle_for(tmp_path, clock=clock), browser("s"), auth.auth_log_for(tmp_path, clock=clock)
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"event": "cũ"}' and json.loads(lines[1])["event"] == "failure"


# -- the password file ---------------------------------------------------------------------------------------
def test_password_file_is_private_and_read_back(tmp_path):
    assert auth.read_password_hash(tmp_path) is None
    encoded = auth.hash_password("mật khẩu mới", iterations=1000)
    path = auth.write_password_hash(tmp_path / "kho", encoded)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert auth.read_password_hash(tmp_path / "kho") == encoded
    assert auth.verify_password("mật khẩu mới", auth.read_password_hash(tmp_path / "kho"))
    with pytest.raises(ValueError):
        auth.write_password_hash(tmp_path, "mật khẩu dạng chữ thường")
