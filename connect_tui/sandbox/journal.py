"""Provides the journal: one JSON object a line for every request, flushed at once.

Each line has the time, the operation, the request body as received (or the URI
parameters of a GET), and the outcome: `ContactId`, or `error` with the error code;
`replay: true` marks an idempotent replay and `dropped: true` a reply never sent.
Headers are never written, so no signature or key id reaches the file. A demo can
`tail -f` it.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from connect_tui.core import safe_text


class Journal:
    """Appends entries to a file (or nowhere, without a path); thread-safe."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._file: TextIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            # 0600: the journal holds whole message bodies and addresses.
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with contextlib.suppress(OSError):
                os.fchmod(descriptor, 0o600)  # a journal made earlier with wider rights
            self._file = os.fdopen(descriptor, "a", encoding="utf-8")

    def write(self, operation: str | None, request: Any, **outcome: Any) -> None:
        """Record one request and its outcome as one line."""
        if self._file is None:
            return
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "operation": operation,
            "request": request,
            **{k: v for k, v in outcome.items() if v is not None and v is not False},
            "replay": bool(outcome.get("replay")),
        }
        # safe_text.dumps: a control character or lone surrogate in a request is written
        # as a JSON escape, so the line is valid UTF-8 and `tail -f` shows it harmlessly.
        line = safe_text.dumps(entry, default=str)
        with self._lock:
            if self._file is not None:
                self._file.write(line + "\n")
                self._file.flush()

    def close(self) -> None:
        """Close the file; later writes are ignored."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
