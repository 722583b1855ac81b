"""Provides `parse`: an ISO 8601 time as Connect writes it and as people type it.

Connect's timestamps end in `Z` for UTC (flow log records, `2026-11-28T22:00:00Z`), which
`datetime.fromisoformat` reads only from Python 3.11 on and only in some forms; a time that
names no zone is taken as UTC, as the sandbox clock and the flow logs mean it.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse(text: str) -> datetime:
    """The time `text` names, always with a zone (UTC when it names none); ValueError if none."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
