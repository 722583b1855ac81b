"""A real `connect-tui sandbox` process for the sending tests, driven only by its command line.

The sandbox is started as a subprocess with `--port 0`; its first stdout line is exactly
`listening on http://HOST:PORT` (issue 3). It runs with its own HOME and XDG folders so a
module-wide sandbox never writes into the developer's, and it is stopped with SIGTERM.
Nothing here imports the sandbox's code: the tests hold against its command line alone.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connect_tui.core import sandbox_identity
from tests.isolation import xdg_folders

LISTENING = re.compile(r"listening on (http://[^\s:]+:\d+)")
START_TIMEOUT = 30.0


@dataclass
class RunningSandbox:
    """A sandbox process: its URL, its journal file and a way to stop it."""

    url: str
    process: subprocess.Popen[str]
    journal: Path
    output: list[str] = field(default_factory=list)

    def entries(self) -> list[dict[str, Any]]:
        """Every journal line so far, parsed (one JSON object a request)."""
        if not self.journal.exists():
            return []
        return [json.loads(line) for line in self.journal.read_text().splitlines() if line]

    def entries_for(self, operation: str) -> list[dict[str, Any]]:
        """The journal lines of one operation."""
        return [e for e in self.entries() if e.get("operation") == operation]

    def client(self, attempts: int = 3, **keys: str) -> Any:
        """A boto3 Connect client for this sandbox, signed with the well-known keys by default
        (`attempts` high enough to see through a sandbox's injected faults)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "connect",
            region_name=sandbox_identity.REGION,
            endpoint_url=self.url,
            aws_access_key_id=keys.get("key_id", sandbox_identity.ACCESS_KEY_ID),
            aws_secret_access_key=keys.get("secret", sandbox_identity.SECRET_ACCESS_KEY),
            config=Config(retries={"mode": "standard", "total_max_attempts": attempts}),
        )

    def stop(self) -> None:
        """SIGTERM, then wait; kill only if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def sandbox_command() -> list[str]:
    """The command that runs the sandbox (`connect-tui sandbox`, as a user types it)."""
    return [sys.executable, "-m", "connect_tui", "sandbox"]


def start_sandbox(
    folder: Path, *flags: str, env: dict[str, str] | None = None, rate_off: bool = True
) -> RunningSandbox:
    """Start a sandbox journaling to folder/journal.jsonl; `rate_off` adds `--rate 0`."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.jsonl"
    if env is None:
        env = _own_env(folder)
    command = [*sandbox_command(), "--port", "0", "--journal", str(journal)]
    if rate_off:
        command += ["--rate", "0"]
    process = subprocess.Popen(
        [*command, *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    before: list[str] = []

    def read_to_listening() -> None:
        # Warnings (stderr, merged here) may come first, such as --credentials' about `ps`.
        for text in process.stdout:  # type: ignore[union-attr]
            before.append(text)
            if LISTENING.fullmatch(text.strip()):
                return

    reader = threading.Thread(target=read_to_listening, daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    line = before[-1] if before else ""
    match = LISTENING.fullmatch(line.strip())
    if match is None:
        process.kill()
        rest = process.communicate(timeout=5)[0] if not reader.is_alive() else ""
        raise RuntimeError(f"the sandbox did not start: {''.join(before)!r}\n{rest}")
    running = RunningSandbox(match.group(1), process, journal)
    running.output.extend(before[:-1])
    # Keep draining stdout so the sandbox never blocks on a full pipe.
    threading.Thread(target=_drain, args=(process, running.output), daemon=True).start()
    return running


def _drain(process: subprocess.Popen[str], into: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        into.append(line)


def _own_env(folder: Path) -> dict[str, str]:
    home = folder / "home"
    return {**os.environ, "HOME": str(home), **xdg_folders(home)}
