"""`kb admin set-password` and `kb admin unlock`, and their effect on a running admin page (AppTest)."""

from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_fixtures import APP

from kb.ui import auth

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PAGE = "kb/ui/pages/admin.py"
NEW_PASSWORD = "mật-khẩu-quản-trị-mới"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "KB_ADMIN_PASSWORD_HASH"}


def kb_admin(index: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", "--index", str(index), "admin", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )


def log_rows(index: Path) -> list[dict]:
    path = index / auth.AUTH_LOG_FILE
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


# -- unlock ---------------------------------------------------------------------------------------------
def test_unlock_clears_the_throttle_of_a_running_server(tmp_path):
    server = auth.throttle_for(tmp_path)  # the app's instance, alive across the command
    good = auth.hash_password(NEW_PASSWORD, iterations=1000)
    guesser = auth.Client("phiên-đoán-mò", "203.0.113.7")
    for _ in range(6):
        auth.attempt_login("sai", good, server, guesser)
    assert server.retry_after(guesser) > 0

    out = kb_admin(tmp_path, "unlock")
    assert out.returncode == 0, out.stderr
    assert "Đã mở khóa trang quản trị" in out.stdout and "1 phiên" in out.stdout and "1 địa chỉ" in out.stdout
    assert server.retry_after(guesser) == 0
    assert auth.attempt_login(NEW_PASSWORD, good, server, guesser).ok
    assert [r["event"] for r in log_rows(tmp_path)][-1:] == ["unlock"]


def test_unlock_with_nothing_to_clear_says_so_and_writes_nothing(tmp_path):
    out = kb_admin(tmp_path / "kho", "unlock")
    assert out.returncode == 0, out.stderr
    assert "Không có giới hạn đăng nhập nào cần gỡ" in out.stdout
    assert not (tmp_path / "kho").exists()


# -- set-password ------------------------------------------------------------------------------------------
def test_set_password_from_stdin_stores_a_private_salted_hash(tmp_path):
    out = kb_admin(tmp_path, "set-password", "--stdin", stdin=NEW_PASSWORD + "\n")
    assert out.returncode == 0, out.stderr
    assert "Đã đặt mật khẩu quản trị mới" in out.stdout and "không cần khởi động lại" in out.stdout
    path = tmp_path / auth.PASSWORD_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    encoded = path.read_text(encoding="utf-8").strip()
    assert auth.parse_hash(encoded).iterations == auth.DEFAULT_ITERATIONS
    assert auth.verify_password(NEW_PASSWORD, encoded) and not auth.verify_password("khác", encoded)
    assert NEW_PASSWORD not in (tmp_path / auth.AUTH_LOG_FILE).read_text(encoding="utf-8")
    assert [r["event"] for r in log_rows(tmp_path)] == ["password_set"]

    again = kb_admin(tmp_path, "set-password", "--stdin", stdin=NEW_PASSWORD + "\n")
    assert again.returncode == 0
    assert path.read_text(encoding="utf-8").strip() != encoded  # a fresh salt each time


@pytest.mark.parametrize("given", ["", "ngắn"])
def test_set_password_refuses_a_short_password_with_exit_2(tmp_path, given):
    out = kb_admin(tmp_path, "set-password", "--stdin", stdin=given + "\n")
    assert out.returncode == 2
    assert "quá ngắn" in out.stderr and "chưa được thay đổi" in out.stderr
    assert not (tmp_path / auth.PASSWORD_FILE).exists()


def test_set_password_without_a_terminal_asks_for_stdin_flag(tmp_path):
    out = kb_admin(tmp_path, "set-password", stdin=NEW_PASSWORD + "\n")
    assert out.returncode == 2 and "--stdin" in out.stderr
    assert not (tmp_path / auth.PASSWORD_FILE).exists()


def _on_terminal(index: Path, replies: list[tuple[str, str]]) -> tuple[int, str]:
    """Run `kb admin set-password` with a pseudo-terminal as its controlling terminal (what getpass
    reads), answering each prompt once it shows; returns (exit status, everything printed)."""
    pty = pytest.importorskip("pty")
    import fcntl
    import termios

    master, slave = pty.openpty()

    def take_terminal() -> None:  # runs in the child after setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "--index", str(index), "admin", "set-password"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=_env(),
        start_new_session=True,
        preexec_fn=take_terminal,
    )
    os.close(slave)
    seen = b""

    def read_until(expected: bytes | None) -> None:
        """Collect output until `expected` shows, or (None) until the child closes the terminal."""
        nonlocal seen
        deadline = time.monotonic() + 60
        while (expected is None or expected not in seen) and time.monotonic() < deadline:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: every copy of the terminal's other end is closed
                return
            if not chunk:
                return
            seen += chunk

    try:
        for prompt, reply in replies:
            read_until(prompt.encode())
            assert prompt.encode() in seen, seen.decode(errors="replace")
            os.write(master, reply.encode() + b"\n")
        read_until(None)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, seen.decode("utf-8", errors="replace")


def test_set_password_refuses_a_confirmation_that_differs_with_exit_2(tmp_path):
    code, shown = _on_terminal(
        tmp_path, [("Mật khẩu quản trị mới: ", NEW_PASSWORD), ("Nhập lại mật khẩu: ", NEW_PASSWORD + "x")]
    )
    assert code == 2, shown
    assert "không khớp" in shown and NEW_PASSWORD not in shown  # getpass does not echo
    assert not (tmp_path / auth.PASSWORD_FILE).exists()


def test_set_password_on_a_terminal_asks_twice_and_stores_the_hash(tmp_path):
    code, shown = _on_terminal(
        tmp_path, [("Mật khẩu quản trị mới: ", NEW_PASSWORD), ("Nhập lại mật khẩu: ", NEW_PASSWORD)]
    )
    assert code == 0, shown
    assert auth.verify_password(NEW_PASSWORD, auth.read_password_hash(tmp_path))


# -- the running admin page -------------------------------------------------------------------------------
def _admin_page(index: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KB_INDEX_DIR", str(index))
    monkeypatch.delenv("KB_ADMIN_PASSWORD_HASH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page(ADMIN_PAGE)
    return _run(at)


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _login(at: AppTest, password: str) -> AppTest:
    at.text_input(key="admin_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return _run(at)


def _has_form(at: AppTest) -> bool:
    return any(t.key == "admin_password" for t in at.text_input)


def test_set_password_enables_the_admin_page_without_a_restart(tmp_path, monkeypatch):
    at = _admin_page(tmp_path, monkeypatch)
    assert any("chưa cấu hình mật khẩu" in w.value for w in at.warning) and not _has_form(at)

    assert kb_admin(tmp_path, "set-password", "--stdin", stdin=NEW_PASSWORD + "\n").returncode == 0
    at = _run(at)  # the same session, same process: no restart
    assert _has_form(at)
    at = _login(at, NEW_PASSWORD)
    assert any(b.label == "Đăng xuất" for b in at.button)


def test_unlock_brings_back_the_login_form_of_a_running_app(tmp_path, monkeypatch):
    auth.write_password_hash(tmp_path, auth.hash_password(NEW_PASSWORD, iterations=1000))
    at = _admin_page(tmp_path, monkeypatch)
    for _ in range(5):
        at = _login(at, "đoán-mò")
    at = _run(at)
    assert not _has_form(at) and any("sai quá nhiều lần" in e.value for e in at.error)

    assert kb_admin(tmp_path, "unlock").returncode == 0
    at = _run(at)
    assert _has_form(at)
    at = _login(at, NEW_PASSWORD)
    assert any(b.label == "Đăng xuất" for b in at.button)
    events = [r["event"] for r in log_rows(tmp_path)]
    assert events == ["failure"] * 5 + ["unlock", "success"]
