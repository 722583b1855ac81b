"""Provides `connect-tui import` and `export`: drafts in from, and out to, the AWS CLI and boto3."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from connect_tui.core import profiles
from connect_tui.core.files import UserError, atomic_write, read_text
from connect_tui.core.model import Draft, Target, operation_from_cli_name
from connect_tui.core.paths import display_path
from connect_tui.verbs.common import (
    add_set_option,
    add_target_options,
    apply_target_options,
    parse_assignments,
)

MAX_INPUT_BYTES = 16 * 1024 * 1024
FORMATS = ("cli-input-json", "aws-cli", "boto3", "toml")


def add_parsers(subparsers: Any) -> None:
    """Register `import` and `export`."""
    importer = subparsers.add_parser(
        "import",
        help="make a profile from an AWS CLI --cli-input-json file or skeleton",
        description=(
            "Read the JSON parameters of an AWS CLI --cli-input-json file, or what "
            "--generate-cli-skeleton writes (JSON, or YAML as AWS CLI v2 writes it), and save "
            "them as profile NAME. A request that breaks Connect's rules is kept and its problems "
            "listed; unparseable input, unknown keys and wrong types are refused, writing nothing."
        ),
    )
    importer.add_argument(
        "file", metavar="FILE", help="the JSON or YAML file ('-' for standard input)"
    )
    importer.add_argument(
        "--operation",
        required=True,
        metavar="OP",
        help="start-email-contact or start-outbound-email-contact",
    )
    importer.add_argument("--name", required=True, help="the profile to create")
    importer.add_argument("--force", action="store_true", help="replace an existing profile")
    add_target_options(importer)
    importer.set_defaults(handler=run_import)

    exporter = subparsers.add_parser(
        "export",
        help="print a profile as --cli-input-json, an aws-cli command, a boto3 snippet or TOML",
        description=(
            "Print the request of a profile, variables resolved: cli-input-json (exactly the "
            "request), aws-cli (a runnable `aws connect ...` command), boto3 (a runnable Python "
            "snippet) or toml (the profile itself)."
        ),
    )
    exporter.add_argument("profile", metavar="PROFILE")
    exporter.add_argument("--format", choices=FORMATS, default="cli-input-json")
    exporter.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of printing"
    )
    add_set_option(exporter)
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    """Import FILE as profile NAME; 0 when saved (problems listed), 2 when refused."""
    from connect_tui.core.interop import imported_draft, parse_request
    from connect_tui.core.validation import validate

    try:
        operation = operation_from_cli_name(args.operation)
    except ValueError as exc:
        raise UserError(f"--operation: {exc}") from None
    destination = profiles.path_for(profiles.check_name(args.name))
    if destination.exists() and not args.force:
        raise UserError(
            f"profile {args.name!r} already exists ({display_path(destination)}); "
            "use --force to replace it"
        )
    if args.file == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        text, source = read_text(Path(args.file), limit=MAX_INPUT_BYTES), args.file
    request, dropped = parse_request(text, source=source, operation=operation)
    target = apply_target_options(Target(), args)
    draft = imported_draft(args.name, operation, request, target)
    profiles.save(draft, destination)
    notes = f", {dropped} empty placeholders dropped" if dropped else ""
    problems = validate(draft)
    print(
        f"imported {source} as profile {args.name} ({display_path(destination)}){notes}; "
        f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    )
    for problem in problems:
        print(f"{args.name}: {problem}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Print (or write) the profile in the chosen format; 1 when a variable is undefined."""
    from connect_tui.core import variables
    from connect_tui.core.problems import has_errors
    from connect_tui.core.validation import validate

    draft = profiles.load(args.profile)
    draft.variables.update(parse_assignments(args.assignments))
    if args.format == "toml":
        text = profiles.dumps(draft)
    else:
        request, undefined = variables.resolve(draft.request, draft.variables)
        chain = draft.create_contact_request() if draft.is_outbound else None
        if chain is not None:
            chain, more = variables.resolve(chain, draft.variables)
            undefined += more
        if undefined:
            raise UserError(f"{args.profile}: {undefined[0]} (use --set NAME=VALUE)", exit_code=1)
        text = _render(args.format, draft, request, chain)
    if has_errors(validate(draft)):
        print(
            f"{args.profile}: note: this draft has errors; "
            f"`connect-tui validate {args.profile}` lists them",
            file=sys.stderr,
        )
    if args.output:
        _write_output(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def _write_output(path: Path, text: str) -> None:
    """Write the export to `path`; UserError naming -o when it cannot be written."""
    if path.is_dir():
        raise UserError(f"-o {path}: is a folder; give a file name, such as {path / 'out.json'}")
    try:
        atomic_write(path, text.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise UserError(f"-o {path}: cannot write it: {exc.strerror or exc}") from None


def _render(fmt: str, draft: Draft, request: dict[str, Any], chain: dict[str, Any] | None) -> str:
    from connect_tui.core import interop

    if fmt == "cli-input-json":
        return interop.cli_input_json(draft.operation, request)
    if fmt == "aws-cli":
        return interop.aws_cli_command(draft, request, chain, sandbox_url=_sandbox_url(draft))
    return interop.boto3_snippet(draft, request, chain, sandbox_url=_sandbox_url(draft))


def _sandbox_url(draft: Draft) -> str | None:
    """The running standalone sandbox a sandbox draft would be sent to, if one runs."""
    from connect_tui.core import local_sandbox

    if draft.target.is_sandbox and draft.target.endpoint_url is None:
        return local_sandbox.registered_url()
    return None
