"""Provides where the local sandbox is, for drafts whose target is the sandbox with no endpoint_url.

A standalone `connect-tui sandbox` registers its URL in the user's data folder while it
runs; when one answers there, every command uses it, so contacts live on between
commands (send, then `send --reply-to`). Otherwise the embedded sandbox is started inside
this process on first use. Core never imports the sandbox package: the layer above it
(connect_tui.runtime) hands `locate` the function that starts the embedded one.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from connect_tui.core import paths
from connect_tui.core.files import atomic_write


def registration_file() -> Path:
    """The file a running standalone sandbox writes its URL and process id to."""
    return paths.data_dir() / "sandbox.json"


def register(url: str) -> None:
    """Record that a standalone sandbox is listening at `url` (called by `connect-tui sandbox`)."""
    atomic_write(registration_file(), json.dumps({"url": url, "pid": os.getpid()}).encode())


def unregister(url: str) -> None:
    """Forget the registration, if it is still ours (another sandbox may have taken over)."""
    if registered_url(check=False) == url:
        with contextlib.suppress(OSError):
            registration_file().unlink()


def registered_url(*, check: bool = True) -> str | None:
    """The URL of a running standalone sandbox, or None (a stale registration is ignored)."""
    try:
        data = json.loads(registration_file().read_text())
        url, pid = str(data["url"]), int(data["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not check:
        return url
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, but another user's: still check that it answers
    return url if answers(url) else None


def answers(url: str, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at the URL's host and port."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class LocalSandbox:
    """The sandbox a draft goes to: its URL, and whether it lives only inside this process."""

    url: str
    embedded: bool


class NoSandboxError(OSError):
    """No standalone sandbox answers, and this process was given no way to start one."""


def locate(start_embedded: Callable[[], str] | None = None) -> LocalSandbox:
    """A registered standalone sandbox if one answers, else the embedded one.

    `start_embedded` starts (once) the sandbox inside this process and returns its URL;
    connect_tui.runtime passes it. Without it, NoSandboxError when none is registered.
    """
    standalone = registered_url()
    if standalone:
        return LocalSandbox(standalone, embedded=False)
    if start_embedded is None:
        raise NoSandboxError("no sandbox is running: start one with `connect-tui sandbox`")
    return LocalSandbox(start_embedded(), embedded=True)
