"""Provides `connect-tui flow test` and `connect-tui flow show` (docs/flows.md).

`flow test FLOW.json PROFILE...` sends each inbound draft through the flow in an in-process
sandbox (no HTTP) and checks what it expects: `--expect-queue`, `--expect-attribute K=V`,
`--expect-path ID...` and each profile's `[flow_test]` table. A folder stands for the
`*.toml` drafts in it, so a folder of drafts is a test suite for a flow. Exit 0 when every
expectation holds, 1 when one does not, 2 when an input cannot be read.
`flow show FLOW.json` prints the flow as an outline: actions, branches, unreachable actions
and missing targets. Text from the files is shown escaped (connect_tui.core.safe_text).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from connect_tui.core import safe_text
from connect_tui.core.files import UserError

SUFFIX = ".toml"


def add_parsers(subparsers: Any) -> None:
    """Register `flow` with its `test` and `show` verbs."""
    parser = subparsers.add_parser(
        "flow", help="test a contact flow with drafts, or show it as an outline (docs/flows.md)"
    )
    verbs = parser.add_subparsers(title="flow verbs", metavar="VERB", required=True)
    test = verbs.add_parser(
        "test",
        help="run drafts through a flow in an in-process sandbox and check what they expect",
        description="Run each inbound draft through FLOW.json in an in-process sandbox. Exit 0 "
        "when every expectation holds, 1 when one does not, 2 when an input cannot be read.",
    )
    test.add_argument("flow", type=Path, metavar="FLOW.json")
    test.add_argument("profiles", nargs="+", metavar="PROFILE", help="drafts, or folders of them")
    test.add_argument("--expect-queue", metavar="Q", help="the queue (name, id or ARN)")
    test.add_argument(
        "--expect-attribute",
        action="append",
        default=[],
        metavar="K=V",
        help="an attribute the contact must end with (repeatable)",
    )
    test.add_argument(
        "--expect-path",
        nargs="+",
        default=[],
        metavar="ID",
        help="action Identifiers the run must take, in this order",
    )
    test.add_argument("--clock", metavar="TIME", help="the sandbox clock (ISO 8601)")
    test.add_argument("--seed", type=int, metavar="N", help="DistributeByPercentage's seed")
    test.add_argument("--lambda-results", type=Path, metavar="FILE.json")
    test.add_argument("--output", choices=("text", "json"), default="text")
    test.set_defaults(handler=run_test)
    show = verbs.add_parser("show", help="print a flow as a readable outline")
    show.add_argument("flow", type=Path, metavar="FLOW.json")
    show.set_defaults(handler=run_show)


def _drafts(arguments: list[str]) -> list[Path | str]:
    """The profiles the arguments name (a folder: its *.toml files, sorted)."""
    found: list[Path | str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = sorted(path.glob(f"*{SUFFIX}"))
            if not files:
                raise UserError(f"{argument}: a folder with no {SUFFIX} drafts")
            found += files
        else:
            found.append(argument)
    return found


def _pairs(texts: list[str]) -> dict[str, str]:
    pairs = {}
    for text in texts:
        key, equals, value = text.partition("=")
        if not equals or not key:
            raise UserError(f"--expect-attribute {text!r}: expected KEY=VALUE")
        pairs[key] = value
    return pairs


def run_test(args: argparse.Namespace) -> int:
    """Run every draft; print each one's verdict and path; return the exit code."""
    from connect_tui.core import flow_expectations, profiles
    from connect_tui.sandbox import flow_test
    from connect_tui.sandbox.flows import files
    from connect_tui.verbs.sandbox_flows import parse_clock

    flow = files.read_flow(args.flow)
    attributes = _pairs(args.expect_attribute)
    lambda_results = files.read_lambda_results(args.lambda_results) if args.lambda_results else {}
    reports: list[dict[str, Any]] = []
    unreadable = failed = False
    for argument in _drafts(args.profiles):
        shown_name = safe_text.shown(str(argument))
        try:
            draft = profiles.load(argument)
            if draft.is_outbound:
                raise UserError(f"{argument}: is an outbound draft; flow test runs inbound ones")
        except UserError as exc:
            unreadable = True
            reports.append({"profile": shown_name, "error": safe_text.shown(str(exc))})
            continue
        expected = flow_expectations.Expectations.of(
            draft.flow_test, queue=args.expect_queue, attributes=attributes, path=args.expect_path
        )
        clock = parse_clock(args.clock or expected.clock)
        seed = args.seed if args.seed is not None else (expected.seed or 0)
        outcome = flow_test.run_draft(
            flow, draft, expected, clock=clock, seed=seed, lambda_results=lambda_results
        )
        failed = failed or not outcome.passed
        reports.append(
            {
                "profile": shown_name,
                "passed": outcome.passed,
                "failures": outcome.failures,
                "run": outcome.run,
            }
        )
    _print(args.output, flow, reports)
    return 2 if unreadable else 1 if failed else 0


def _print(output: str, flow: Any, reports: list[dict[str, Any]]) -> None:
    if output == "json":
        document = {
            "flow": {"Id": flow.id, "Name": flow.name},
            "passed": all(r.get("passed") for r in reports),
            "drafts": reports,
        }
        print(safe_text.dumps(document, indent=2))
        return
    print(f"flow {safe_text.shown(flow.name)} ({flow.id})")
    for report in reports:
        if "error" in report:
            print(f"ERROR {report['error']}")
            continue
        run = report["run"] or {}
        ended = run.get("Ended")
        queue = (run.get("Queue") or {}).get("Name")
        where = f"queued in {queue}" if ended == "queued" and queue else ended
        verdict = "PASS" if report["passed"] else "FAIL"
        print(safe_text.shown(f"{verdict} {report['profile']}: {where}"))
        for step in run.get("Path") or []:
            target = f" -> {step['NextAction']}" if step.get("NextAction") else ""
            line = (
                f"  {step['Identifier']}  [{step['Type']}]  {step['Branch']}{target}"
                f"  ({step['Reason']})"
            )
            print(safe_text.shown(line))
        for failure in report["failures"]:
            print(safe_text.shown(f"  ! {failure}"))


def run_show(args: argparse.Namespace) -> int:
    """Print the outline; exit 0 (1 when the service would refuse the flow)."""
    from connect_tui.core.files import read_text
    from connect_tui.sandbox.flows import model, outline

    text = read_text(args.flow, limit=2 * 1024 * 1024, what="flow file")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UserError(f"{args.flow}: not valid JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("ContactFlow"), dict):
        data = data["ContactFlow"]
    if isinstance(data, dict) and isinstance(data.get("Content"), str):
        try:
            data = json.loads(data["Content"])
        except ValueError as exc:
            raise UserError(f"{args.flow}: Content is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("Actions"), list):
        raise UserError(f"{args.flow}: not a flow (no Actions list)")
    try:
        built = outline.build(data)
    except model.FlowInvalid as exc:
        raise UserError(f"{args.flow}: {exc}") from None
    sys.stdout.write(safe_text.shown(outline.render(built), multiline=True) + "\n")
    return 1 if built.problems else 0
