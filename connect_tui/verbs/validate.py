"""Provides `connect-tui validate PROFILE...`: every problem of every profile, one line each.

Exit 0 when every profile is valid (warnings allowed), 1 when any has an error, 2 when a
file cannot be read (the others are still checked).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from connect_tui.core import profiles
from connect_tui.core.paths import display_path
from connect_tui.core.problems import has_errors
from connect_tui.core.safe_text import dumps, shown
from connect_tui.verbs.common import add_set_option, parse_assignments


def add_parsers(subparsers: Any) -> None:
    """Register `validate`."""
    parser = subparsers.add_parser(
        "validate",
        help="check saved drafts against the Connect model and rules",
        description=(
            "Check each profile (a name, or a path to a .toml file) and print every problem as "
            "FILE: PATH: message. Exit 0 when all are valid (warnings allowed), 1 when any has "
            "an error, 2 when a file cannot be read."
        ),
    )
    parser.add_argument("profiles", nargs="+", metavar="PROFILE")
    add_set_option(parser)
    parser.add_argument(
        "--output",
        choices=("text", "json"),
        default="text",
        help="text (one problem a line) or json (one object a profile)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate every profile named; return the exit code."""
    from connect_tui.core.schema import model_source
    from connect_tui.core.validation import validate

    overrides = parse_assignments(args.assignments)
    unreadable = invalid = 0
    for argument in args.profiles:
        try:
            path = profiles.path_for(argument)
            draft = profiles.load(path)
        except profiles.ProfileError as exc:
            unreadable += 1
            print(shown(exc), file=sys.stderr)
            continue
        draft.variables.update(overrides)
        problems = validate(draft)
        invalid += has_errors(problems)
        # A path is shown as typed (as compilers do); a profile name as its file.
        where = argument if profiles.looks_like_path(argument) else display_path(path)
        if args.output == "json":
            print(
                dumps(
                    {
                        "profile": argument,
                        "file": str(path),
                        "valid": not has_errors(problems),
                        "problems": [
                            {
                                "path": p.path,
                                "message": p.message,
                                "severity": p.severity,
                                "code": p.code,
                                "rule": p.rule_id,
                            }
                            for p in problems
                        ],
                    },
                )
            )
        else:
            for problem in problems:
                print(shown(f"{where}: {problem}"))
    if args.output == "text":
        checked = len(args.profiles)
        print(
            f"checked {checked} profile{'s' * (checked != 1)}: {invalid} with errors, "
            f"{unreadable} unreadable (model: {model_source()})",
            file=sys.stderr,
        )
    return 2 if unreadable else 1 if invalid else 0
