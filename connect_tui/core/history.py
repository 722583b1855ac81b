"""Provides the send history: one JSON line per send, success or failure, in the user data folder.

Each line holds the time, profile, operation, where it went (Region or endpoint, never
credentials), the ContactId(s), ClientToken, request id, error, and the requests as sent,
so `send --from-history N` can replay one (with its own ClientToken when it was not sent).
Entries are numbered by their line, oldest first, so a number keeps meaning the same send.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from connect_tui.core import paths, variables
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
    #: The draft as written, before its ${variables} were resolved (only when it had some):
    #: {"variables": ..., "request": ..., "create_contact": ...}; reopening starts from it.
    template: dict[str, Any] | None = field(default=None, repr=False)

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


def template_of(draft: Draft) -> dict[str, Any] | None:
    """What reopening needs to give back the draft as written: its variables and unresolved
    requests (None when it has neither variables nor `${`: the requests as sent are it)."""
    written = json.dumps([draft.request, draft.create_contact], ensure_ascii=False)
    if not draft.variables and "${" not in written:
        return None  # nothing was resolved: the requests as sent are the draft
    return {
        "variables": dict(draft.variables),
        "request": {k: v for k, v in draft.request.items() if k != "ClientToken"},
        "create_contact": draft.create_contact,
    }


def append(outcome: SendOutcome, target: Target, draft: Draft | None = None) -> None:
    """Add one send to the history (a failure to write it is not a failure of the send).

    `draft`, the draft that was sent, keeps its ${variables} unresolved for reopening.
    """
    record = _line(outcome)
    # The target's settings, never credentials: a Target holds none.
    record["settings"] = {name: getattr(target, name) for name in _TARGET_FIELDS}
    record.update((name, getattr(outcome, name)) for name in REQUEST_FIELDS)
    template = template_of(draft) if draft is not None else None
    if template is not None:
        record["template"] = template
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


def read(limit: int | None = None, *, notices: list[str] | None = None) -> list[HistoryEntry]:
    """The recorded sends, oldest first; the last `limit` of them when a limit is given.

    A damaged line (not a JSON object, or a field of the wrong type) is skipped, and one
    notice naming its line number is added to `notices`; the others keep their numbers.
    """
    path = paths.history_file()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UserError(f"{path}: cannot read the history: {exc.strerror}") from None
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(_parse(number, line))
        except ValueError as exc:
            if notices is not None:
                notices.append(f"{path}: line {number}: skipped, {exc}")
    return entries[-limit:] if limit else entries


def entry(number: int) -> HistoryEntry:
    """History entry `number`; UserError when there is none (or its line is damaged)."""
    notices: list[str] = []
    for candidate in read(notices=notices):
        if candidate.number == number:
            return candidate
    damaged = [n for n in notices if f": line {number}: " in n]
    if damaged:
        raise UserError(f"--from-history {number}: {damaged[0]}")
    raise UserError(f"--from-history {number}: no such entry (see `connect-tui history`)")


def to_draft(recorded: HistoryEntry) -> Draft:
    """A draft that sends what the entry sent again.

    A sent entry gets new ClientTokens: sending it again makes another contact, as asked.
    An entry that was not sent, or may have made its contact, keeps its ClientTokens: the
    service answers a repeat with the contact it made, if any, and never makes a second.
    """
    if recorded.request is None:
        raise UserError(f"history entry {recorded.number} has no request to send again")
    keep_tokens = not recorded.ok
    request = {k: v for k, v in recorded.request.items() if keep_tokens or k != "ClientToken"}
    chain = None
    if recorded.create_contact is not None:
        chain = {
            k: v for k, v in recorded.create_contact.items() if keep_tokens or k != "ClientToken"
        }
        # Made again by the CreateContact step (the same one, when its token is kept).
        request.pop("ContactId", None)
    settings = {k: v for k, v in recorded.settings.items() if k in _TARGET_FIELDS}
    # What was sent is literal text: a sent `${x}` must not be read as a variable again.
    return Draft(
        name=recorded.profile,
        operation=recorded.operation,
        target=Target(**settings),
        request=variables.escape(request),
        create_contact=None if chain is None else variables.escape(chain),
    )


def to_new_draft(recorded: HistoryEntry) -> Draft:
    """A new, unsaved draft to edit from the entry: the draft as it was written, ${variables}
    and all, when the entry kept it; else the requests as sent. Named "untitled" so that
    saving asks a name and never replaces the profile it was sent from.
    """
    draft = to_draft(recorded)
    draft.name = "untitled"
    template = recorded.template
    if isinstance(template, dict) and isinstance(template.get("request"), dict):
        draft.request = dict(template["request"])
        chain = template.get("create_contact")
        draft.create_contact = dict(chain) if isinstance(chain, dict) else None
        names = template.get("variables")
        if isinstance(names, dict):
            draft.variables = {str(k): str(v) for k, v in names.items()}
    return draft


#: What each field of a line may hold (the fields of SendOutcome and HistoryEntry).
_OPTIONAL_TEXT = (str, type(None))
_OBJECT = (dict, type(None))
_REQUIRED: Final = ("profile", "operation", "target")


def _parse(number: int, line: str) -> HistoryEntry:
    """The entry on line `number`; ValueError saying what is wrong with a damaged line."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        raise ValueError("not a JSON line") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    known = {f.name for f in dataclasses.fields(HistoryEntry)} - {"number", *_TIMING_FIELDS}
    values = {k: v for k, v in data.items() if k in known}
    for name in _REQUIRED:
        if not isinstance(values.get(name), str):
            raise ValueError(f"{name} must be text")
    for name, value in values.items():
        allowed = _OBJECT if name in (*REQUEST_FIELDS, "settings", "template") else _OPTIONAL_TEXT
        if not isinstance(value, allowed):
            raise ValueError(f"{name} has the wrong type")
    settings = values.get("settings") or {}
    if not all(isinstance(v, _OPTIONAL_TEXT) for v in settings.values()):
        raise ValueError("settings has a value of the wrong type")
    values["settings"] = settings
    elapsed = data.get("elapsed_ms") or 0
    if not isinstance(elapsed, int | float) or isinstance(elapsed, bool):
        raise ValueError("elapsed_ms must be a number")
    values["started_at"] = _stamp(data.get("time"))
    values["elapsed"] = float(elapsed) / 1000
    return HistoryEntry(number=number, **values)


def _stamp(time: Any) -> float:
    """A recorded ISO time as seconds since the epoch (0 when it cannot be read)."""
    try:
        return datetime.fromisoformat(str(time)).timestamp()
    except ValueError:
        return 0.0
