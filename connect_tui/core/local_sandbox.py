"""Provides where the local sandbox is, for drafts whose target is the sandbox with no endpoint_url.

A standalone `connect-tui sandbox` registers its URL and process id in the user's data
folder while it runs; when one is registered and alive, every command uses it, so
contacts live on between commands (send, then `send --reply-to`). A registered sandbox
that is alive but slow to accept (twenty sends starting at once on a busy machine) is
waited for, up to WAIT seconds, and then reported: a send never goes silently to a
throw-away embedded sandbox in its place. Only when none is registered (or the one
registered has exited) is the embedded sandbox started inside this process.

A second standalone sandbox does not take over a live registration, and a sandbox that
stops removes the registration only when it is its own (same process id and URL).
Core never imports the sandbox package: the layer above it (connect_tui.runtime)
hands `locate` the function that starts the embedded one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from connect_tui.core import paths
from connect_tui.core.files import UserError, atomic_write

#: How long a registered, living sandbox may take to accept a connection before a send
#: says it does not answer (a loaded 2-core machine starting 20 sends needs a few seconds).
WAIT: Final = 10.0


class SandboxUnavailable(UserError):
    """The registered sandbox is alive but does not answer; the message says which one."""


@dataclass(frozen=True)
class Registration:
    """A standalone sandbox's registration: its URL and process id."""

    url: str
    pid: int


def registration_file() -> Path:
    """The file a running standalone sandbox writes its URL and process id to."""
    return paths.data_dir() / "sandbox.json"


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """Hold the registration lock, so that two sandboxes starting at once never both register."""
    path = registration_file().with_suffix(".lock")
    paths.ensure_private_dir(path.parent)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def read_registration() -> Registration | None:
    """What the registration file says (alive or not), or None when there is none."""
    try:
        data = json.loads(registration_file().read_text())
        return Registration(str(data["url"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    """True when process `pid` exists and (where /proc tells) is a connect-tui process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but another user's
    try:
        # A stale registration whose pid was reused by another program is not a sandbox.
        return b"connect" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid


def registered() -> Registration | None:
    """The registration of a standalone sandbox whose process is alive, else None."""
    found = read_registration()
    return found if found is not None and _alive(found.pid) else None


def register(url: str) -> Registration | None:
    """Register this process's sandbox at `url`, unless another living one is registered.

    Returns None when this one is now registered, else the other one's registration
    (it keeps it: commands go on sending there).
    """
    with _locked():
        other = registered()
        if other is not None and other.pid != os.getpid() and answers(other.url, timeout=1.0):
            return other
        payload = json.dumps({"url": url, "pid": os.getpid()}).encode()
        atomic_write(registration_file(), payload)
    return None


def unregister(url: str) -> bool:
    """Remove the registration if it is this process's own at `url`; True when removed."""
    with _locked():
        found = read_registration()
        if found is None or found.pid != os.getpid() or found.url != url:
            return False  # another sandbox's: never ours to remove
        with contextlib.suppress(OSError):
            registration_file().unlink()
    return True


def registered_url(*, check: bool = True) -> str | None:
    """The URL of a registered standalone sandbox whose process is alive, or None.

    With `check`, also None when it does not accept a connection at once (no waiting).
    """
    found = registered()
    if found is None:
        return None
    if check and not answers(found.url):
        return None
    return found.url


_seen: tuple[float, Path | None, str | None] = (-1e9, None, None)

#: How long `running_url` trusts what it last found (a screen asks on every redraw).
FRESH: Final = 1.0


def running_url() -> str | None:
    """The URL of the registered standalone sandbox when it answers, else None; cached briefly.

    What a screen shows as where a sandbox draft goes: cheap (a file read and a loopback
    connect, at most once a second) and never waits.
    """
    global _seen
    checked, where, url = _seen
    now, here = time.monotonic(), registration_file()
    if now - checked > FRESH or where != here:  # another user data folder: ask again
        url = registered_url()
        _seen = (now, here, url)
    return url


def answers(url: str, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at the URL's host and port."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until_answering(url: str, seconds: float) -> bool:
    """True as soon as `url` accepts a connection; False when `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if answers(url, timeout=max(0.05, min(1.0, left))):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@dataclass(frozen=True)
class LocalSandbox:
    """The sandbox a draft goes to: its URL, and whether it lives only inside this process."""

    url: str
    embedded: bool


class NoSandboxError(OSError):
    """No standalone sandbox answers, and this process was given no way to start one."""


def locate(
    start_embedded: Callable[[], str] | None = None, *, wait: float | None = None
) -> LocalSandbox:
    """The registered standalone sandbox (waited for up to `wait` s, default WAIT), else embedded.

    `start_embedded` starts (once) the sandbox inside this process and returns its URL;
    connect_tui.runtime passes it. Without it, NoSandboxError when none is registered.
    SandboxUnavailable when one is registered and alive but does not answer in time: it
    is never silently replaced by an embedded one.
    """
    wait = WAIT if wait is None else wait
    found = registered()
    if found is not None:
        if wait_until_answering(found.url, wait):
            return LocalSandbox(found.url, embedded=False)
        raise SandboxUnavailable(
            f"the sandbox registered at {found.url} (pid {found.pid}) does not answer after "
            f"{wait:g} s; nothing was sent (stop it, or pass --endpoint-url)"
        )
    if start_embedded is None:
        raise NoSandboxError("no sandbox is running: start one with `connect-tui sandbox`")
    return LocalSandbox(start_embedded(), embedded=True)
