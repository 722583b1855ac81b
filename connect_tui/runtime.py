"""Provides what joins core to the sandbox when the app runs: finding the local sandbox
(starting the embedded one inside this process when no standalone one answers), and the
process-wide Sender the composer sends with.

Core never imports the sandbox package (tests/test_layers.py), so the function that starts
the embedded sandbox is handed to core from here; the composer and the verbs both use it.
"""

from __future__ import annotations

import threading
from typing import Any

from connect_tui.core import local_sandbox
from connect_tui.core.model import Draft
from connect_tui.core.outcome import SendOutcome
from connect_tui.core.sending import Prepared, Sender


def start_embedded() -> str:
    """Start this process's sandbox (once) and return its URL."""
    from connect_tui.sandbox.embedded import shared_url

    return shared_url()


def locate() -> local_sandbox.LocalSandbox:
    """A registered standalone sandbox if one answers, else the embedded one (started once)."""
    return local_sandbox.locate(start_embedded)


def new_sender(**options: Any) -> Sender:
    """A Sender that starts the embedded sandbox when a draft needs it (options as Sender's)."""
    return Sender(locate=locate, **options)


_shared: Sender | None = None
_shared_lock = threading.Lock()


def shared_sender() -> Sender:
    """The process-wide Sender: its clients (and their connections) serve every caller."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = new_sender()
        return _shared


def send_draft(draft: Draft, prepared: Prepared | None = None) -> SendOutcome:
    """Send one draft with the process-wide Sender (the composer's entry point; blocking)."""
    return shared_sender().send(draft, prepared)
