"""Provides `connect-tui send PROFILE...`: replay saved drafts, in order, and show their ContactIds.

Each draft is validated first: an invalid one is reported and not sent, the others go on.
Exit 0 only when every draft was sent; 1 when any was invalid or failed; 2 when a profile
or a flag cannot be read.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, Any

from connect_tui.core import profiles
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft
from connect_tui.core.safe_text import dumps, shown
from connect_tui.verbs.common import (
    add_set_option,
    add_target_options,
    apply_target_options,
    parse_assignments,
)
from connect_tui.verbs.send_output import TextReport

if TYPE_CHECKING:
    from connect_tui.core.outcome import SendOutcome

#: The error_code of a PROFILE that cannot be read (its JSON object comes before any send).
UNREADABLE = "UnreadableProfile"


def add_parsers(subparsers: Any) -> None:
    """Register `send`."""
    parser = subparsers.add_parser(
        "send",
        help="send saved drafts (validated first) and print their ContactIds",
        description=(
            "Send each PROFILE in order: validate it (an invalid draft is reported and not sent), "
            "then StartEmailContact or StartOutboundEmailContact (after CreateContact when the "
            "draft creates its contact first). Exit 0 only when every draft was sent."
        ),
    )
    parser.add_argument(
        "profiles", nargs="*", metavar="PROFILE", help="profile names or .toml paths"
    )
    add_set_option(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="print the resolved requests; send nothing"
    )
    parser.add_argument(
        "--output",
        choices=("text", "json"),
        default="text",
        help="text for people, json for one object a draft",
    )
    parser.add_argument(
        "--reply-to",
        metavar="CONTACT_ID",
        help="send as an agent reply to this contact (an inbound draft is turned around)",
    )
    parser.add_argument(
        "--from-history",
        type=int,
        metavar="N",
        help=(
            "send history entry N again: a new ClientToken when it was sent, its own when it "
            "was not sent or may exist (so it never makes a second contact)"
        ),
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=2.0,
        metavar="R",
        help="at most R calls a second (default 2, Connect's quota; 0: no pacing)",
    )
    parser.add_argument(
        "--burst",
        type=int,
        default=5,
        metavar="B",
        help="calls allowed at once before pacing starts (default 5)",
    )
    parser.add_argument(
        "--max-attempts",
        type=int,
        metavar="N",
        help="tries per API call, retries included (default AWS_MAX_ATTEMPTS, else 10)",
    )
    add_target_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Send (or show) every draft; return the exit code."""
    if not args.profiles and args.from_history is None:
        raise UserError("send: name at least one PROFILE, or --from-history N")
    if args.rate < 0 or args.burst < 1:
        raise UserError("--rate must be 0 or more and --burst at least 1")
    if args.max_attempts is not None and args.max_attempts < 1:
        raise UserError("--max-attempts must be 1 or more")
    overrides = parse_assignments(args.assignments)
    drafts, unreadable = _collect(args, overrides)
    report = TextReport(total=len(drafts)) if args.output == "text" else None
    if args.dry_run:
        return _dry_run(drafts, args.output, unreadable)

    from connect_tui.core.sending import Pacer
    from connect_tui.runtime import new_sender

    sender = new_sender(
        pacer=Pacer(args.rate, args.burst) if args.rate > 0 else None,
        max_attempts=args.max_attempts,
    )
    failed = 0
    with report.progress() if report else contextlib.nullcontext():
        for draft in drafts:
            outcome = sender.send(draft)
            failed += not outcome.ok
            if report:
                report.outcome(outcome)
            else:
                print(dumps(_json(outcome)), flush=True)
    if report:
        report.finish(unreadable)
    return 2 if unreadable else 1 if failed else 0


def _collect(args: argparse.Namespace, overrides: dict[str, str]) -> tuple[list[Draft], int]:
    """The drafts to send, with --set, --reply-to and target overrides applied."""
    drafts: list[Draft] = []
    unreadable = 0
    for argument in args.profiles:
        try:
            drafts.append(profiles.load(argument))
        except profiles.ProfileError as exc:
            unreadable += 1
            print(shown(exc), file=sys.stderr)
            if args.output == "json":  # so a script reading stdout sees every PROFILE it named
                error = {"profile": argument, "error_code": UNREADABLE, "error": str(exc)}
                print(dumps(error))
    if args.from_history is not None:
        from connect_tui.core import history

        drafts.append(history.to_draft(history.entry(args.from_history)))
    prepared = []
    for draft in drafts:
        draft.variables.update(overrides)
        draft.target = apply_target_options(draft.target, args)
        if args.reply_to:
            from connect_tui.core.conversion import as_reply

            draft = as_reply(draft, args.reply_to)
        prepared.append(draft)
    return prepared, unreadable


def _dry_run(drafts: list[Draft], output: str, unreadable: int) -> int:
    from connect_tui.core import interop
    from connect_tui.core.model import CREATE_CONTACT
    from connect_tui.core.sending import planned_target, prepare

    invalid = 0
    for draft in drafts:
        ready = prepare(draft, with_tokens=False)
        errors = [p for p in ready.problems if p.is_error]
        invalid += bool(errors)
        # A running standalone sandbox, else the embedded one (not started for a dry run).
        where = planned_target(draft)
        if output == "json":
            print(
                dumps(
                    {
                        "profile": draft.name,
                        "operation": draft.operation,
                        "target": where,
                        "dry_run": True,
                        "create_contact": ready.create_contact,
                        "request": ready.request,
                        "problems": [str(p) for p in ready.problems],
                    },
                )
            )
            continue
        print(f"# {shown(draft.name)}: {draft.operation} to {shown(where)} (dry run, nothing sent)")
        for problem in ready.problems:
            print(f"# {shown(draft.name)}: {shown(problem)}")
        if ready.create_contact is not None:
            print(f"# first {CREATE_CONTACT}:")
            sys.stdout.write(interop.cli_input_json(CREATE_CONTACT, ready.create_contact))
        sys.stdout.write(interop.cli_input_json(draft.operation, ready.request))
    return 2 if unreadable else 1 if invalid else 0


def _json(outcome: SendOutcome) -> dict[str, Any]:
    return {
        "profile": outcome.profile,
        "operation": outcome.operation,
        "target": outcome.target,
        "ContactId": outcome.contact_id,
        "CreatedContactId": outcome.created_contact_id,
        "RelatedContactId": outcome.related_contact_id,
        "ClientToken": outcome.client_token,
        "RequestId": outcome.request_id,
        "error_code": outcome.error_code,
        "error": outcome.error,
        "status": outcome.status,
        "elapsed_s": round(outcome.elapsed, 3),
    }
