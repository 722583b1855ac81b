"""Provides the journal: one JSON object a line for every request, flushed at once.

Each line has the time, the operation, the request body as received (or the URI
parameters of a GET), and the outcome: `ContactId`, or `error` with the error code;
`replay: true` marks an idempotent replay and `dropped: true` a reply never sent.
Headers are never written, so no signature or key id reaches the file. A demo can
`tail -f` it.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any, TextIO


class Journal:
    """Appends entries to a file (or nowhere, without a path); thread-safe."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._file: TextIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")

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
        line = json.dumps(entry, ensure_ascii=False, default=str)
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
