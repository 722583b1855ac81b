"""Provides the flow options of `connect-tui sandbox`: flow files, queues, clock, Lambda
results, pacing, address flows, flow logs, and --flows-from-aws (docs/flows.md).

Each mistake is one line naming the flag (exit 2). --flows-from-aws reads the instance with
boto3 (an AWS profile, or the usual chain) before the sandbox starts, and fails with one
line when AWS cannot be read.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from connect_tui.core import iso_time, safe_text
from connect_tui.core.files import UserError
from connect_tui.core.sandbox_identity import FLOW_LOG_GROUP
from connect_tui.sandbox.config import SandboxConfig


def add_flow_options(parser: argparse.ArgumentParser) -> None:
    """Add the flow options to the sandbox's parser."""
    group = parser.add_argument_group("flows (docs/flows.md)")
    group.add_argument(
        "--flow",
        action="append",
        default=[],
        type=Path,
        metavar="FILE.json",
        help="a flow to serve (Flow-language JSON or DescribeContactFlow output; repeatable)",
    )
    group.add_argument(
        "--queue",
        action="append",
        default=[],
        metavar="NAME",
        help="another queue to serve beside the seeded ones (repeatable)",
    )
    group.add_argument(
        "--address-flow",
        action="append",
        default=[],
        metavar="ADDR=FLOW",
        help="run FLOW (id, ARN or name) on email sent to ADDR (repeatable)",
    )
    group.add_argument(
        "--clock",
        metavar="TIME",
        help="start the sandbox clock at TIME (ISO 8601, e.g. 2026-11-28T22:00:00Z): hours of "
        "operation are checked against it",
    )
    group.add_argument(
        "--lambda-results",
        type=Path,
        metavar="FILE.json",
        help="canned InvokeLambdaFunction answers, keyed by function ARN",
    )
    group.add_argument(
        "--flow-step-ms",
        type=float,
        default=0.0,
        metavar="MS",
        help="pause between a run's actions, so a demo can watch the path grow",
    )
    group.add_argument(
        "--log-all-flows",
        action="store_true",
        help=f"write every action to {FLOW_LOG_GROUP}, not only while flow logging is on",
    )
    group.add_argument(
        "--flow-seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of DistributeByPercentage's dice (runs repeat with the same seed)",
    )
    group.add_argument(
        "--flows-from-aws",
        action="store_true",
        help="copy an instance's published flows, queues and email addresses from AWS",
    )
    group.add_argument("--aws-profile", metavar="P", help="the AWS profile --flows-from-aws uses")
    group.add_argument("--aws-region", metavar="R", help="the Region --flows-from-aws reads")
    group.add_argument(
        "--aws-endpoint-url",
        metavar="URL",
        help="the Connect endpoint --flows-from-aws reads (default: AWS's)",
    )


def parse_clock(text: str | None) -> float | None:
    """The epoch seconds of an ISO 8601 time (UTC when it names no zone)."""
    if text is None:
        return None
    try:
        return iso_time.parse(text).timestamp()
    except ValueError:
        raise UserError(
            f"--clock {text!r}: expected an ISO 8601 time such as 2026-11-28T22:00:00Z"
        ) from None


def flow_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The SandboxConfig fields the flow options ask for."""
    from connect_tui.sandbox.flows import files

    flows = tuple((f.id, f.name, f.content) for f in (files.read_flow(p) for p in args.flow))
    address_flows = []
    for text in args.address_flow:
        address, equals, flow = text.partition("=")
        if not equals or "@" not in address or not flow:
            raise UserError(f"--address-flow {text!r}: expected ADDR=FLOW")
        address_flows.append((address, flow))
    if args.flow_step_ms < 0:
        raise UserError(f"--flow-step-ms {args.flow_step_ms:g}: must be 0 or more")
    fields: dict[str, Any] = {
        "flows": flows,
        "queues": tuple(args.queue),
        "address_flows": tuple(address_flows),
        "clock": parse_clock(args.clock),
        "lambda_results": files.read_lambda_results(args.lambda_results)
        if args.lambda_results
        else {},
        "flow_step_ms": args.flow_step_ms,
        "log_all_flows": args.log_all_flows,
        "seed": args.flow_seed,
    }
    if args.flows_from_aws:
        fields["imported"] = (copy_from_aws(args),)
    return fields


def copy_from_aws(args: argparse.Namespace) -> dict[str, Any]:
    """The instance read from AWS (one line naming what failed when it cannot be)."""
    from botocore.exceptions import BotoCoreError, ClientError

    from connect_tui.core import credentials
    from connect_tui.sandbox import aws_fetch

    instance = args.instance[0] if args.instance else None
    try:
        source = credentials.Source(
            "aws-profile" if args.aws_profile else "default-chain",
            "--flows-from-aws",
            aws_profile=args.aws_profile,
        )
        client = credentials.boto3_session(source).client(
            "connect", region_name=args.aws_region, endpoint_url=args.aws_endpoint_url
        )
        return aws_fetch.fetch(client, instance)
    except aws_fetch.CopyError as exc:
        raise UserError(f"--flows-from-aws: {exc}") from None
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise UserError(
            f"--flows-from-aws: {exc.operation_name} failed: "
            f"{error.get('Code')}: {error.get('Message')}"
        ) from None
    except BotoCoreError as exc:
        raise UserError(f"--flows-from-aws: cannot read AWS: {exc}") from None


def describe_flows(config: SandboxConfig) -> list[str]:
    """What the sandbox serves of flows, for its start-up text."""
    from connect_tui.sandbox.seed import demo_flow_id

    lines = [
        f"email flow:      {demo_flow_id(i)}   (seeded: Sandbox email flow)"
        for i in config.instances
    ]
    lines += [
        safe_text.shown(f"flow:            {flow_id}   ({name})")
        for flow_id, name, _ in config.flows
    ]
    for copy in config.imported:
        counts = [len(copy.get(k, [])) for k in ("ContactFlows", "Queues", "EmailAddresses")]
        lines.append(
            f"copied from AWS: instance {copy['InstanceId']}: {counts[0]} flows, "
            f"{counts[1]} queues, {counts[2]} email addresses"
        )
    lines.append(f"flow logs:       {FLOW_LOG_GROUP}   (CloudWatch Logs FilterLogEvents)")
    if config.clock is not None:
        start = datetime.fromtimestamp(config.clock, UTC)
        lines.append(f"clock:           starts at {start:%Y-%m-%dT%H:%M:%SZ}")
    return lines
