"""Keyring backends for tests: an in-memory one, and a real Secret Service (gnome-keyring over D-Bus).

The real one starts a private D-Bus session bus and a gnome-keyring-daemon unlocked with a
throwaway password, all under the test's own HOME, and stops both afterwards. When the
binaries are missing the tests that need it are skipped, saying why; `.ci/run` installs
them, so CI always runs them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict, for unit tests of one function."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The in-memory keyring as the active backend for the duration of a test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@dataclass
class SecretService:
    """A running private Secret Service: the environment a subprocess needs to reach it."""

    env: dict[str, str]
    home: Path


# A session bus with no service directories: nothing is started on demand, so the only
# Secret Service is the unlocked daemon this fixture starts (an activated one would be
# locked and would try to open a password prompt on a screen there is none of).
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _start_bus(run_dir: Path) -> tuple[subprocess.Popen[str], str]:
    config = run_dir / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=run_dir / "bus"))
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    return bus, address


@pytest.fixture
def secret_service(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    """A real gnome-keyring Secret Service on a private D-Bus, active for this test and its subprocesses."""
    missing = [b for b in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(b) is None]
    if missing:
        pytest.skip(
            f"needs {' and '.join(missing)} (apt-get install dbus gnome-keyring; .ci/run does)"
        )
    run_dir = isolated_home / "run"
    run_dir.mkdir(mode=0o700)
    bus, address = _start_bus(run_dir)
    previous = keyring.get_keyring()  # before the variable goes: never one found on this bus
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)  # let keyring find the real one
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, XDG_RUNTIME_DIR=str(run_dir))
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert daemon.stdin is not None
    daemon.stdin.write("throwaway-test-password")  # unlocks (and creates) the login keyring
    daemon.stdin.close()
    for name in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, env[name])
    try:
        from keyring.backends import SecretService as backend_module

        backend = backend_module.Keyring()
        _wait_until_ready(backend)
        keyring.set_keyring(backend)
        yield SecretService(env=env, home=isolated_home)
    finally:
        keyring.set_keyring(previous)
        for process in (daemon, bus):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_ready(backend: KeyringBackend, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            backend.set_password("connect-tui-probe", "probe", "ready")
            backend.delete_password("connect-tui-probe", "probe")
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
