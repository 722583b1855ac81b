"""`connect-tui serve` in a real headless browser: Debian's chromium, driven by Playwright.

The browser opens the page, types into the From field, presses f5, and the ContactId the
composer shows comes back through the page's terminal stream; the history of the isolated
user holds the same ContactId, sent to the sandbox serve started. No browser is downloaded:
Playwright drives /usr/bin/chromium through its executable path (.ci/run installs it).

Set CONNECT_TUI_SERVE_SCREENSHOT=screenshots/serve.png to keep the page's screenshot (the
README shows it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

#: Flags for a headless chromium on a machine with no network but loopback.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_line(process: subprocess.Popen[str], prefix: str, seconds: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"serve never said {prefix!r}")


@contextlib.contextmanager
def _serving(cli_env: dict[str, str], *flags: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`connect-tui serve FLAGS` on a free port; the URL it prints; stopped afterwards."""
    command = [sys.executable, "-m", "connect_tui", "serve", "--port", str(_free_port()), *flags]
    process = subprocess.Popen(
        command,
        env=cli_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield _wait_for_line(process, "serving the composer on ", 30), process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served(cli_env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A running `connect-tui serve` on a free loopback port, and the URL it prints."""
    with _serving(cli_env) as running:
        yield running


def _first_answer(url: str, seconds: float = 30) -> urllib.error.HTTPError:
    """The HTTP error `url` answers with, once something listens there."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=10)
        except urllib.error.HTTPError as error:
            return error
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        else:
            raise AssertionError(f"{url} answered without its token")


def _screen_text(frames: list[bytes]) -> str:
    """What the page's terminal was sent, as text without escape sequences."""
    return ANSI.sub("", b"".join(frames).decode("utf-8", "replace"))


def _wait_for(
    page: Any, frames: list[bytes], pattern: re.Pattern[str], seconds: float
) -> re.Match[str]:
    """The first match of `pattern` in what the page was sent, waiting up to `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = pattern.search(_screen_text(frames))
        if found:
            return found
        # Playwright's sync API delivers events only inside its own calls: wait through it.
        page.wait_for_timeout(100)
    raise AssertionError(
        f"{pattern.pattern!r} never reached the page: {_screen_text(frames)[-2000:]!r}"
    )


def test_a_browser_tab_composes_and_sends_to_the_shared_sandbox(
    served: tuple[str, subprocess.Popen[str]], isolated_home: Path, tmp_path: Path
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    url, process = served
    frames: list[bytes] = []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def on_socket(websocket: object) -> None:
                def keep(payload: bytes | str) -> None:
                    frames.append(payload if isinstance(payload, bytes) else payload.encode())

                websocket.on("framereceived", keep)  # type: ignore[attr-defined]

            page.on("websocket", on_socket)
            page.goto(url)
            _wait_for(page, frames, re.compile("Addresses"), 30)
            # The composer starts in the From field: clear it and type a new address.
            # Keys go to xterm.js's hidden textarea (a click would land on a widget).
            page.focus("textarea.xterm-helper-textarea")
            page.keyboard.press("End")
            page.keyboard.press("Control+u")
            page.keyboard.type("browser@example.com")
            _wait_for(page, frames, re.compile("browser@example.com"), 15)
            page.keyboard.press("F5")
            contact_id = _wait_for(
                page, frames, re.compile(r"ContactId\s+(" + UUID.pattern + ")"), 30
            )
            page.screenshot(path=str(tmp_path / "serve.png"))
            keep = os.environ.get("CONNECT_TUI_SERVE_SCREENSHOT")
            if keep:
                shutil.copyfile(tmp_path / "serve.png", keep)
        finally:
            browser.close()

    from connect_tui.core import paths

    sent = [json.loads(line) for line in paths.history_file().read_text().splitlines()]
    assert contact_id.group(1) in json.dumps(sent)
    assert "browser@example.com" in json.dumps(sent)
    assert (tmp_path / "serve.png").stat().st_size > 10_000
    # The draft went to the standalone sandbox serve started, not one inside the tab's process.
    assert "127.0.0.1" in json.dumps(sent) and "embedded" not in json.dumps(sent)


def test_another_host_needs_the_token(cli_env: dict[str, str]) -> None:
    """On a non-loopback address the page answers only with the printed token."""
    with _serving(cli_env, "--host", "0.0.0.0") as (url, process):
        assert "?token=" in url
        bare = url.split("?", 1)[0]
        # serve says where before it listens: wait until it answers at all.
        refused = _first_answer(bare)
        assert refused.code == 403
        with urllib.request.urlopen(url, timeout=10) as page:
            body = page.read().decode()
        token = url.split("token=", 1)[1]
        assert f"/ws/{token}" in body
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert "warning: 0.0.0.0 is reachable from other machines" in stderr
