"""Provides what several verbs share: --set variables, target overrides, profile display names."""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path
from typing import Any

from connect_tui.core.files import UserError
from connect_tui.core.model import AWS, SANDBOX, Target
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
    """The target after overrides: --region/--aws-profile mean AWS, --sandbox the sandbox."""
    changes: dict[str, Any] = {}
    if getattr(args, "region", None):
        changes.update(kind=AWS, region=args.region)
    if getattr(args, "aws_profile", None):
        changes.update(kind=AWS, aws_profile=args.aws_profile)
    if getattr(args, "endpoint_url", None):
        if not args.endpoint_url.startswith(("http://", "https://")):
            raise UserError(
                f"--endpoint-url {args.endpoint_url!r}: must start with http:// or https://"
            )
        changes.update(endpoint_url=args.endpoint_url)
    if getattr(args, "sandbox", False):
        if changes.get("kind") == AWS:
            raise UserError("--sandbox cannot be combined with --region or --aws-profile")
        changes.update(kind=SANDBOX)
    return dataclasses.replace(target, **changes) if changes else target


def display_path(path: Path) -> str:
    """A path as a person reads it: relative to here when below it, ~ for the home folder."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        pass
    home = os.path.expanduser("~")
    text = str(path)
    return "~" + text[len(home) :] if home != "/" and text.startswith(home + os.sep) else text
