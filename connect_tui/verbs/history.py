"""Provides `connect-tui history`: what was sent, when, where, with which ContactId (no secrets)."""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace) -> int:
    """Print the history."""
    from connect_tui.core import history

    if args.limit is not None and args.limit < 1:
        from connect_tui.core.files import UserError

        raise UserError("--limit must be 1 or more")
    entries = history.read(args.limit)
    if args.output == "json":
        for entry in entries:
            print(dumps(entry.summary()))
        return 0
    if not entries:
        print("no sends yet")
        return 0
    for entry in entries:
        result = f"ContactId {entry.contact_id}" if entry.ok else f"not sent: {entry.error}"
        when = entry.time.replace("T", " ")[:19]
        where = f"{entry.operation} to {entry.target}"
        print(shown(f"{entry.number:>4}  {when}  {entry.profile}  {where}  {result}"))
    return 0
