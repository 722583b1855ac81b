"""Provides `connect-tui history`: what was sent, when, where, with which ContactId (no secrets)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from connect_tui.core.safe_text import dumps, shown


def add_parsers(subparsers: Any) -> None:
    """Register `history`."""
    parser = subparsers.add_parser(
        "history",
        help="list past sends (replay one with `send --from-history N`)",
        description="List past sends, oldest first; `send --from-history N` sends one again.",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the last N sends")
    parser.add_argument("--output", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


#: The JSON names of `send --output json`, so both verbs speak one language.
JSON_NAMES = {
    "contact_id": "ContactId",
    "created_contact_id": "CreatedContactId",
    "related_contact_id": "RelatedContactId",
    "client_token": "ClientToken",
    "request_id": "RequestId",
}


def entry_json(summary: dict[str, Any]) -> dict[str, Any]:
    """A history entry's summary under the names `send --output json` uses (elapsed_s too)."""
    data = {JSON_NAMES.get(key, key): value for key, value in summary.items()}
    elapsed = data.pop("elapsed_ms", None)
    data["elapsed_s"] = round(elapsed / 1000, 3) if isinstance(elapsed, int | float) else None
    return data


def run(args: argparse.Namespace) -> int:
    """Print the history."""
    from connect_tui.core import history

    if args.limit is not None and args.limit < 1:
        from connect_tui.core.files import UserError

        raise UserError("--limit must be 1 or more")
    notices: list[str] = []
    entries = history.read(args.limit, notices=notices)
    for notice in notices:
        print(shown(notice), file=sys.stderr)
    if args.output == "json":
        for entry in entries:
            print(dumps(entry_json(entry.summary())))
        return 0
    if not entries:
        print("no sends yet")
        return 0
    for entry in entries:
        if entry.ok:
            result = f"ContactId {entry.contact_id}"
        elif entry.may_exist:
            result = f"may exist (ClientToken {entry.client_token}): {entry.error}"
        else:
            result = f"not sent: {entry.error}"
        when = entry.time.replace("T", " ")[:19]
        where = f"{entry.operation} to {entry.target}"
        print(shown(f"{entry.number:>4}  {when}  {entry.profile}  {where}  {result}"))
    return 0
