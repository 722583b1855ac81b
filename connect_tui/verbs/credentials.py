"""Provides `connect-tui credentials set|delete|status`: AWS keys in the OS keyring, per profile.

`set` asks for the access key id, the secret access key and an optional session token
without echo; when stdin is not a terminal it reads them as three lines in that order.
Nothing is ever written to a file, and no command prints a secret.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from connect_tui.core import profiles
from connect_tui.core.files import UserError
from connect_tui.core.safe_text import shown


def add_parsers(subparsers: Any) -> None:
    """Register `credentials` and its three actions."""
    parser = subparsers.add_parser(
        "credentials",
        help="keep AWS keys for a profile in the OS keyring (never in a file)",
        description=(
            "Keys stored for a profile are used first when it sends to AWS; then the profile's "
            "aws_profile; then boto3's usual chain (environment, ~/.aws, SSO, roles)."
        ),
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    setter = actions.add_parser(
        "set", help="store keys for PROFILE (asked without echo, or three lines on stdin)"
    )
    setter.add_argument("profile", metavar="PROFILE")
    setter.set_defaults(handler=run_set)
    deleter = actions.add_parser("delete", help="remove the keys stored for PROFILE")
    deleter.add_argument("profile", metavar="PROFILE")
    deleter.set_defaults(handler=run_delete)
    status = actions.add_parser(
        "status", help="the keyring backend, and where PROFILE's credentials would come from"
    )
    status.add_argument("profile", nargs="?", metavar="PROFILE")
    status.set_defaults(handler=run_status)


def _read_keys() -> tuple[str, str, str]:
    if sys.stdin.isatty():
        key_id = getpass.getpass("AWS access key id: ")
        secret = getpass.getpass("AWS secret access key: ")
        token = getpass.getpass("AWS session token (Enter for none): ")
        return key_id.strip(), secret.strip(), token.strip()
    lines = sys.stdin.read().splitlines()
    if len(lines) < 2:
        raise UserError(
            "credentials set: expected the access key id and the secret access key on two lines "
            "(and optionally a session token on a third)"
        )
    return lines[0].strip(), lines[1].strip(), (lines[2].strip() if len(lines) > 2 else "")


def run_set(args: argparse.Namespace) -> int:
    """Store keys for a profile."""
    from connect_tui.core import credentials

    name = profiles.check_name(args.profile)
    status = credentials.backend_status()
    if not status.usable:  # say so before asking for secrets that could not be kept
        raise UserError(f"keyring {status.name}: {status.advice}")
    key_id, secret, token = _read_keys()
    keys = credentials.Keys(key_id, secret, token or None)
    credentials.store(name, keys)
    print(shown(f"stored keys {keys.masked_id()} for profile {name!r} in {status.name}"))
    if not profiles.exists(name):
        print(
            f"note: there is no profile {name!r} yet; the keys are used once there is",
            file=sys.stderr,
        )
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Remove the keys stored for a profile; exit 1 when there were none."""
    from connect_tui.core import credentials

    name = profiles.check_name(args.profile)
    if credentials.delete(name):
        print(f"deleted the keys stored for profile {name!r}")
        return 0
    print(f"no keys are stored for profile {name!r}", file=sys.stderr)
    return 1


def run_status(args: argparse.Namespace) -> int:
    """Print the keyring backend and, for a profile, which credentials a send would use."""
    from connect_tui.core import credentials
    from connect_tui.core.model import AWS, Draft, Target

    status = credentials.backend_status()
    state = "usable" if status.usable else f"NOT usable: {status.advice}"
    print(f"keyring backend: {status.name} ({state})")
    if not args.profile:
        return 0
    if profiles.looks_like_path(args.profile) or profiles.exists(args.profile):
        draft = profiles.load(args.profile)
    else:
        draft = Draft(name=profiles.check_name(args.profile), target=Target(kind=AWS))
        note = f"no profile {args.profile!r}: showing what an AWS profile of that name would use"
        print(shown(note))
    try:
        source = credentials.source_for(draft)
    except credentials.CredentialsError as exc:
        print(shown(f"{draft.name}: {exc}"))
        return 1
    print(shown(f"{draft.name}: sends to {_where(draft)} with {source.description}"))
    return 0


def _where(draft: Any) -> str:
    """Where a send of the draft goes now: a running sandbox's URL, not just "sandbox"."""
    from connect_tui.core.sending import planned_target

    return planned_target(draft)
