"""Browser-test fixtures: the app served the way `kb serve` does (`streamlit run <repo>/app.py`, here
from a working directory outside the repository, so the test proves that Streamlit finds the
project's .streamlit/config.toml next to app.py) against a private copy of the test index, and
Debian's chromium driven by Playwright (sync API). Every context records the requests and console
errors of its pages; a request to any host but the app's own fails the test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import ui_fixtures
except ImportError:  # run from another root: make tests/ importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import ui_fixtures

from browser_helpers import foreign  # noqa: E402 - after the sys.path fallback above

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ui_fixtures.ROOT / "tests" / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SERVER_START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not start in {SERVER_START_TIMEOUT}s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `make test`, or `npm ci` in tests/browser")
    return AXE


@pytest.fixture(scope="session")
def ui_index_dir(tmp_path_factory) -> Path:
    return ui_fixtures.session_index(tmp_path_factory)


@pytest.fixture(scope="session")
def browser_index_dir(ui_index_dir, tmp_path_factory) -> Path:
    """The server's own copy: the admin tests add documents to it."""
    return ui_fixtures.copy_index(ui_index_dir, tmp_path_factory.mktemp("browser") / "kb")


@pytest.fixture(scope="session")
def server(chromium_path, browser_index_dir, artifacts, tmp_path_factory) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KB_INDEX_DIR": str(browser_index_dir), "KB_ADMIN_PASSWORD_HASH": ui_fixtures.admin_hash(),
           "KB_MAX_UPLOAD_MB": "1"}
    log = artifacts / "streamlit.log"
    # What `kb serve` runs; everything else (toolbar, telemetry, theme, file watcher) comes from
    # <repo>/.streamlit/config.toml, found next to app.py although the working directory is elsewhere.
    cmd = [sys.executable, "-m", "streamlit", "run", str(ui_fixtures.APP), "--server.port", str(port),
           "--server.address", "127.0.0.1"]
    cwd = tmp_path_factory.mktemp("server-cwd")
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every JavaScript dialog (alert/confirm/prompt) any page opened during the test."""
    return []


@pytest.fixture
def requests_made() -> list[str]:
    """URL of every request any page of the test's context made."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    return []


@pytest.fixture
def viewport(request) -> dict:
    """1400 x 1000, or the size a test asks for with parametrize("viewport", [...], indirect=True)."""
    return getattr(request, "param", {"width": 1400, "height": 1000})


@pytest.fixture
def browser_locale(request) -> str:
    """The browser's language: vi-VN, or what a test asks for with parametrize(..., indirect=True)."""
    return getattr(request, "param", "vi-VN")


@pytest.fixture
def context(browser, server, dialogs, requests_made, console_errors, viewport, browser_locale):
    ctx = browser.new_context(viewport=viewport, accept_downloads=True, locale=browser_locale)

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_page(p) -> None:
        p.on("dialog", on_dialog)
        p.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    ctx.on("page", on_page)
    ctx.on("request", lambda r: requests_made.append(r.url))
    try:
        yield ctx
    finally:
        ctx.close()
    assert dialogs == [], f"a JavaScript dialog fired: {dialogs}"
    assert foreign(requests_made, server) == [], "the page asked for something outside the machine"


@pytest.fixture
def page(context):
    return context.new_page()
