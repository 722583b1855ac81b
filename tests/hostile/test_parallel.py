"""Parallel use: a running sandbox is never missed, never replaced, never unregistered by another.

- locate() waits for a registered, living sandbox that is slow to accept, and reports
  one that never answers instead of starting an embedded sandbox in its place;
- the sandbox answers 200 raw requests opened at once (a full listen backlog);
- a second sandbox says which one is registered, and stopping it leaves that one registered;
- 20 `connect-tui send` processes started at once all reach the running sandbox.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from connect_tui.core import local_sandbox, profiles
from connect_tui.core.defaults import new_draft
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import start
from tests.sending.sandbox_process import start_sandbox


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fake_registration(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Register `url` as if a living sandbox process had (this test's own pid)."""
    path = local_sandbox.registration_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}))
    monkeypatch.setattr(local_sandbox, "_alive", lambda pid: True)


def test_a_registered_sandbox_slow_to_listen_is_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    fake_registration(url, monkeypatch)
    listener = socket.socket()

    def listen_later() -> None:
        time.sleep(0.4)
        listener.bind(("127.0.0.1", port))
        listener.listen(8)

    threading.Thread(target=listen_later, daemon=True).start()
    try:
        located = local_sandbox.locate(wait=10)
    finally:
        listener.close()
    assert located == local_sandbox.LocalSandbox(url, embedded=False)


def test_a_registered_sandbox_that_never_answers_is_reported_not_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    fake_registration(url, monkeypatch)
    with pytest.raises(local_sandbox.SandboxUnavailable, match=url):
        local_sandbox.locate(wait=0.3)
    monkeypatch.setattr(local_sandbox, "WAIT", 0.3)
    from connect_tui.core.sending import Sender

    outcome = Sender(record=False).send(new_draft("silent"))
    assert outcome.error_code == "SandboxUnavailable"
    assert "embedded" not in outcome.target


def test_the_sandbox_answers_200_requests_opened_at_once() -> None:
    running = start(SandboxConfig(host="127.0.0.1", port=0, rate=0))
    port = int(running.url.rsplit(":", 1)[1])

    def request(_: int) -> bytes:
        # Under a second: a SYN dropped from a full backlog is resent only after one.
        with socket.create_connection(("127.0.0.1", port), timeout=0.9) as connection:
            connection.settimeout(30)
            connection.sendall(
                b"GET /contacts/x/y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            return connection.recv(64)

    try:
        with ThreadPoolExecutor(200) as pool:
            replies = list(pool.map(request, range(200)))
    finally:
        running.stop()
    assert all(reply.startswith(b"HTTP/1.1 ") for reply in replies)


@pytest.mark.slow
def test_a_second_sandbox_never_takes_or_removes_the_first_ones_registration(
    tmp_path: Path,
) -> None:
    first = start_sandbox(tmp_path / "first")
    env = dict(os.environ)
    env.update({"HOME": str(tmp_path / "first" / "home")})
    for variable, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config")):
        env[variable] = str(tmp_path / "first" / "home" / sub)
    second = start_sandbox(tmp_path / "second", env=env)
    registration = Path(env["XDG_DATA_HOME"]) / "connect-tui" / "sandbox.json"
    try:
        deadline = time.monotonic() + 10
        while not any("is registered" in line for line in second.output):
            assert time.monotonic() < deadline, second.output
            time.sleep(0.05)
        assert first.url in "".join(second.output)
        assert json.loads(registration.read_text())["url"] == first.url
        second.stop()
        assert json.loads(registration.read_text())["url"] == first.url
    finally:
        second.stop()
        first.stop()
    assert not registration.exists()


@pytest.mark.slow
def test_twenty_sends_at_once_all_reach_the_running_sandbox(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    # The sandbox runs as this user (same data folder), so the sends find its registration.
    sandbox = start_sandbox(tmp_path / "sandbox", env=cli_env)
    try:
        profiles.save(new_draft("hello"), profiles.path_for("hello"))
        command = [sys.executable, "-m", "connect_tui", "send", "hello", "--output", "json"]
        processes = [
            subprocess.Popen(command, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(20)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    finally:
        sandbox.stop()
    outcomes = [json.loads(out) for code, out, err in results]
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    assert all(sandbox.url in o["target"] and "embedded" not in o["target"] for o in outcomes)
    made = {e["ContactId"] for e in sandbox.entries_for("StartEmailContact")}
    assert {o["ContactId"] for o in outcomes} <= made
    assert len(made) == 20
