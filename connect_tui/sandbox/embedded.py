"""Provides the embedded sandbox: one per process, started on first use, seeded with the defaults.

The composer and the verbs use it when no standalone `connect-tui sandbox` is registered
(connect_tui.core.local_sandbox.locate). It serves from a daemon thread on a free port
of 127.0.0.1, so it ends with the process; its contacts live as long as the process.
"""

from __future__ import annotations

import threading

from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import RunningSandbox, start

_running: RunningSandbox | None = None
_lock = threading.Lock()


def shared() -> RunningSandbox:
    """The process's sandbox, started on the first call (127.0.0.1, a free port, defaults)."""
    global _running
    with _lock:
        if _running is None:
            _running = start(SandboxConfig(host="127.0.0.1", port=0))
        return _running


def shared_url() -> str:
    """The URL of the process's sandbox, started on the first call."""
    return shared().url
