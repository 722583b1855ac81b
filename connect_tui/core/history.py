"""Provides the send history: one JSON line per send, success or failure, in the user data folder.

Each line holds the time, profile, operation, where it went (Region or endpoint, never
credentials), the ContactId(s), ClientToken, request id, error, and the requests as sent,
so `send --from-history N` can replay one with a new ClientToken. Entries are numbered
by their line, oldest first, so a number keeps meaning the same send.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from connect_tui.core import paths
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft, Target
from connect_tui.core.outcome import REQUEST_FIELDS, SendOutcome

_TARGET_FIELDS = tuple(f.name for f in dataclasses.fields(Target))
#: The outcome's fields a history line holds under another name (time and elapsed_ms).
_TIMING_FIELDS = ("started_at", "elapsed")


@dataclass(frozen=True)
class HistoryEntry(SendOutcome):
    """One recorded send: its SendOutcome, numbered, with the target's settings (no secrets).

    A line of the file holds the outcome's fields, with `time` (ISO 8601, UTC) and
    `elapsed_ms` in place of `started_at` and `elapsed`, and `settings` (the Target).
    """

    number: int = 0
    settings: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def time(self) -> str:
        """When the send started, as recorded: ISO 8601 in UTC, to the millisecond."""
        return iso_time(self.started_at)

    @property
    def elapsed_ms(self) -> float:
        """How long the send took, in milliseconds (as recorded, to a tenth)."""
        return round(self.elapsed * 1000, 1)

    def summary(self) -> dict[str, Any]:
        """The entry as JSON-ready data, without the requests or the settings."""
        return {"number": self.number, **_line(self)}


def iso_time(stamp: float) -> str:
    """Seconds since the epoch as the history writes them: ISO 8601, UTC, milliseconds."""
    return datetime.fromtimestamp(stamp or 0, UTC).isoformat(timespec="milliseconds")


def _line(outcome: SendOutcome) -> dict[str, Any]:
    """An outcome as a history line, without the requests: time first, elapsed_ms last."""
    line: dict[str, Any] = {"time": iso_time(outcome.started_at)}
    for item in dataclasses.fields(SendOutcome):
        if item.name not in (*_TIMING_FIELDS, *REQUEST_FIELDS):
            line[item.name] = getattr(outcome, item.name)
    line["elapsed_ms"] = round(outcome.elapsed * 1000, 1)
    return line


def append(outcome: SendOutcome, target: Target) -> None:
    """Add one send to the history (a failure to write it is not a failure of the send)."""
    record = _line(outcome)
    # The target's settings, never credentials: a Target holds none.
    record["settings"] = {name: getattr(target, name) for name in _TARGET_FIELDS}
    record.update((name, getattr(outcome, name)) for name in REQUEST_FIELDS)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path = paths.history_file()
    with contextlib.suppress(OSError):
        paths.ensure_private_dir(path.parent)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            # A lock, so that sends from two processes never interleave their lines.
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            os.write(descriptor, line)
        finally:
            os.close(descriptor)


def read(limit: int | None = None) -> list[HistoryEntry]:
    """The recorded sends, oldest first; the last `limit` of them when a limit is given."""
    path = paths.history_file()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UserError(f"{path}: cannot read the history: {exc.strerror}") from None
    entries = []
    for number, line in enumerate(lines, start=1):
        entry = _parse(number, line)
        if entry is not None:
            entries.append(entry)
    return entries[-limit:] if limit else entries


def entry(number: int) -> HistoryEntry:
    """History entry `number`; UserError when there is none."""
    for candidate in read():
        if candidate.number == number:
            return candidate
    raise UserError(f"--from-history {number}: no such entry (see `connect-tui history`)")


def to_draft(recorded: HistoryEntry) -> Draft:
    """A draft that sends what the entry sent again, with new ClientTokens."""
    if recorded.request is None:
        raise UserError(f"history entry {recorded.number} has no request to send again")
    request = {k: v for k, v in recorded.request.items() if k != "ClientToken"}
    chain = None
    if recorded.create_contact is not None:
        chain = {k: v for k, v in recorded.create_contact.items() if k != "ClientToken"}
        request.pop("ContactId", None)  # made again by the CreateContact step
    settings = {k: v for k, v in recorded.settings.items() if k in _TARGET_FIELDS}
    return Draft(
        name=recorded.profile,
        operation=recorded.operation,
        target=Target(**settings),
        request=request,
        create_contact=chain,
    )


def _parse(number: int, line: str) -> HistoryEntry | None:
    try:
        data = json.loads(line)
        known = {f.name for f in dataclasses.fields(HistoryEntry)} - {"number", *_TIMING_FIELDS}
        values = {k: v for k, v in data.items() if k in known}
        values["started_at"] = _stamp(data.get("time"))
        values["elapsed"] = float(data.get("elapsed_ms") or 0) / 1000
        return HistoryEntry(number=number, **values)
    except (ValueError, TypeError, AttributeError):
        return None  # a damaged line is skipped; the numbers of the others stay the same


def _stamp(time: Any) -> float:
    """A recorded ISO time as seconds since the epoch (0 when it cannot be read)."""
    try:
        return datetime.fromisoformat(str(time)).timestamp()
    except ValueError:
        return 0.0
