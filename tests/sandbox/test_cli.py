"""`connect-tui sandbox` as a user runs it: a subprocess, its first line, signals, bad flags,
the AWS CLI pointed at it, and `connect-tui send` through it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import local_sandbox, profiles, sandbox_identity
from connect_tui.core.defaults import new_draft
from tests.sandbox.conftest import inbound, journal_lines

FIRST_LINE = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


class Process:
    """A `connect-tui sandbox` subprocess and what it printed."""

    def __init__(self, env: dict[str, str], *flags: str) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "connect_tui", "sandbox", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.first_line = self._first_line()
        self.url = self.first_line.removeprefix("listening on ").strip()

    def _first_line(self) -> str:
        assert self.popen.stdout is not None
        found: list[str] = []
        # Byte by byte from the file descriptor: a buffered readline could swallow the lines
        # after the first, which communicate() (reading the descriptor) would then never see.
        descriptor = self.popen.stdout.fileno()

        def read_line() -> None:
            line = b""
            while not line.endswith(b"\n"):
                byte = os.read(descriptor, 1)
                if not byte:
                    break
                line += byte
            found.append(line.decode("utf-8", "replace"))

        reader = threading.Thread(target=read_line)
        reader.daemon = True
        reader.start()
        reader.join(30)
        if not found:
            self.popen.kill()
            raise AssertionError("the sandbox printed nothing within 30 s")
        return found[0]

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str, str]:
        """Send `sig`; the exit code and the rest of stdout and stderr."""
        self.popen.send_signal(sig)
        # Read through the same text streams as the first line: communicate() would read
        # the pipes directly and miss what readline() had already buffered.
        assert self.popen.stdout is not None and self.popen.stderr is not None
        out, err = self.popen.stdout.read(), self.popen.stderr.read()
        self.popen.wait(timeout=15)
        return self.popen.returncode, out, err


@pytest.fixture
def started(cli_env: dict[str, str], tmp_path: Path) -> Iterator[Any]:
    """Start sandbox subprocesses in the test's environment; any still running is killed."""
    processes: list[Process] = []

    def start(*flags: str) -> Process:
        process = Process(cli_env, *flags)
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait(timeout=5)


def test_first_line_then_what_a_client_needs(started: Any) -> None:
    process = started()
    assert FIRST_LINE.fullmatch(process.first_line.rstrip("\n")), process.first_line
    assert local_sandbox.registered_url() == process.url
    code, out, err = process.stop()
    assert code == 0, err
    assert sandbox_identity.INSTANCE_ID in out
    assert all(address in out for address in sandbox_identity.ADDRESSES)
    assert sandbox_identity.ACCESS_KEY_ID in out and sandbox_identity.SECRET_ACCESS_KEY in out
    assert "region:          us-east-1" in out
    assert f"--endpoint-url {process.url}" in out
    assert err == ""
    assert local_sandbox.registered_url(check=False) is None


def test_sigint_stops_cleanly(started: Any) -> None:
    process = started("--port", "0")
    code, out, err = process.stop(signal.SIGINT)
    assert code == 0 and "Traceback" not in err
    assert out.rstrip().endswith("sandbox stopped")


def test_flags_are_served(started: Any, tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    process = started(
        "--instance", "inst-a", "--instance", "inst-b",
        "--email-address", "help@demo.example",
        "--credentials", "AKIADEMOKEY000000000:demo/secret",
        "--rate", "0", "--journal", str(journal),
    )  # fmt: skip
    from tests.sandbox.conftest import make_client

    client = make_client(process.url, key_id="AKIADEMOKEY000000000", secret="demo/secret")
    for instance in ("inst-a", "inst-b"):
        found = client.search_email_addresses(InstanceId=instance)["EmailAddresses"]
        assert [a["EmailAddress"] for a in found] == ["help@demo.example"]
    code, out, _ = process.stop()
    assert code == 0
    assert "demo/secret" not in out  # a secret given on the command line is not repeated
    assert [e["operation"] for e in journal_lines(journal)] == ["SearchEmailAddresses"] * 2


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--port", "x"], "argument --port: invalid int value: 'x'"),
        (["--port", "70000"], "--port 70000: must be from 0 to 65535"),
        (["--drop-rate", "1.5"], "--drop-rate 1.5: must be from 0 to 1"),
        (["--rate", "-1"], "--rate must be 0 or more"),
        (["--latency", "-5"], "--latency -5: must be 0 or more"),
        (["--email-address", "nobody"], "--email-address 'nobody'"),
        (["--credentials", "no-colon-secret"], "--credentials: expected KEYID:SECRET"),
        (["--journal", "/dev/null/j.jsonl"], "--journal /dev/null/j.jsonl: cannot write it"),
    ],
)
def test_bad_flag_is_one_line_exit_2(flags: list[str], words: str, cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "connect_tui", "sandbox", *flags],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert "no-colon-secret" not in result.stderr


def test_port_in_use_is_one_line(started: Any, cli_env: dict[str, str]) -> None:
    process = started()
    port = process.url.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "connect_tui", "sandbox", "--port", port],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and f"--port {port}: cannot listen" in result.stderr


def _aws(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    aws_env = dict(
        env,
        AWS_ACCESS_KEY_ID=sandbox_identity.ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=sandbox_identity.SECRET_ACCESS_KEY,
        AWS_DEFAULT_REGION=sandbox_identity.REGION,
        AWS_REGION=sandbox_identity.REGION,
        AWS_MAX_ATTEMPTS="1",
    )
    return subprocess.run(
        [sys.executable, "-m", "awscli", "connect", *args],
        capture_output=True,
        text=True,
        env=aws_env,
        timeout=120,
    )


def test_the_aws_cli(started: Any, cli_env: dict[str, str], tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    process = started("--journal", str(journal))
    request = inbound()
    request.pop("ClientToken")
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request))
    sent = _aws(
        cli_env, "start-email-contact", "--cli-input-json", f"file://{path}",
        "--endpoint-url", process.url,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    contact_id = json.loads(sent.stdout)["ContactId"]
    described = _aws(
        cli_env, "describe-contact", "--instance-id", request["InstanceId"],
        "--contact-id", contact_id, "--endpoint-url", process.url,
    )  # fmt: skip
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["Contact"]["Channel"] == "EMAIL"
    path.write_text(json.dumps({**request, "InstanceId": "nope"}))
    refused = _aws(
        cli_env, "start-email-contact", "--cli-input-json", f"file://{path}",
        "--endpoint-url", process.url,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "(ResourceNotFoundException)" in refused.stderr and "Instance nope" in refused.stderr
    (first, _, _) = journal_lines(journal)
    assert first["ContactId"] == contact_id
    assert first["request"]["ClientToken"]  # the AWS CLI fills in the idempotency token
    assert process.stop()[0] == 0


def test_connect_tui_send_through_a_registered_sandbox(
    started: Any, cli_env: dict[str, str], tmp_path: Path
) -> None:
    journal = tmp_path / "j.jsonl"
    process = started("--journal", str(journal))
    draft = new_draft("hello")  # targets the sandbox, with no endpoint: it finds the registration
    path = tmp_path / "hello.toml"
    profiles.save(draft, path)
    result = subprocess.run(
        [sys.executable, "-m", "connect_tui", "send", str(path), "--output", "json"],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (outcome,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert outcome["ContactId"] and outcome["error"] is None
    assert process.url in outcome["target"]
    (entry,) = journal_lines(journal)
    assert entry["operation"] == "StartEmailContact"
    assert entry["ContactId"] == outcome["ContactId"]
    assert entry["request"]["ClientToken"] == outcome["ClientToken"]
    assert process.stop()[0] == 0


def test_loopback_is_told_apart() -> None:
    from connect_tui.verbs.sandbox import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
