"""Provides what several verbs share: --set variables and the target override options.

What the composer needs too lives in core (core.target_override, core.paths.display_path):
the UI never imports the verbs.
"""

from __future__ import annotations

import argparse

from connect_tui.core.files import UserError
from connect_tui.core.model import Target
from connect_tui.core.target_override import TargetOverride
from connect_tui.core.variables import is_valid_name


def add_set_option(parser: argparse.ArgumentParser) -> None:
    """Add `--set NAME=VALUE` (repeatable): a variable for this run, over the profile's own."""
    parser.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a ${NAME} variable for this run (repeatable); overrides the profile's value",
    )


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """The variables given with --set; UserError naming the flag when one is malformed."""
    variables: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not is_valid_name(name):
            raise UserError(
                f"--set {assignment!r}: expected NAME=VALUE, NAME being letters, digits and _"
            )
        variables[name] = value
    return variables


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that override where drafts go (--endpoint-url, --region, ...)."""
    group = parser.add_argument_group("where to send (overrides the profile's [target])")
    group.add_argument("--endpoint-url", metavar="URL", help="send to this endpoint instead")
    group.add_argument("--region", metavar="R", help="send to Amazon Connect in this Region")
    group.add_argument(
        "--aws-profile", metavar="NAME", help="use this named AWS profile (SSO works)"
    )
    group.add_argument("--sandbox", action="store_true", help="send to the local sandbox")


def apply_target_options(target: Target, args: argparse.Namespace) -> Target:
    """The target after the command line's overrides (see core.target_override)."""
    return TargetOverride.from_args(args).apply(target)
