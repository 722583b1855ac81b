"""Provides `connect-tui sandbox`: a local Amazon Connect email endpoint, standalone.

Its first stdout line is exactly `listening on http://HOST:PORT`; then what a client
needs (instance, addresses, Region, keys) and how to point the AWS CLI at it. While it
runs it is registered (connect_tui.core.local_sandbox), so every connect-tui command of
this user sends to it. SIGINT or SIGTERM stops it cleanly, with exit 0.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from connect_tui.core import sandbox_identity
from connect_tui.core.files import UserError, read_text
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.verbs import sandbox_flows

#: Flags that take a probability (0 to 1) of an injected fault.
FAULT_FLAGS = ("throttle_rate", "fail_rate", "drop_rate")


class _OneLineParser(argparse.ArgumentParser):
    """A parser whose mistakes are one line (a UserError), unknown flags included."""

    def error(self, message: str) -> NoReturn:
        """Raise the mistake as one line for `connect-tui` to print (exit 2)."""
        raise UserError(f"sandbox: {message} (see connect-tui sandbox --help)")

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse; an argument this parser does not know is a mistake, not left for another."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, []


def add_parsers(subparsers: Any) -> None:
    """Register `sandbox`."""
    help_text = "run a local Amazon Connect email endpoint (boto3 and the AWS CLI can use it)"
    registered = subparsers.add_parser("sandbox", help=help_text)
    # Swap in a parser whose errors are one line; the listing keeps the help above.
    parser = _OneLineParser(
        prog=registered.prog,
        description=(
            "Serve StartEmailContact, StartOutboundEmailContact, CreateContact, DescribeContact, "
            "GetContactAttributes, SearchEmailAddresses and StopContact on HOST:PORT, signed "
            "with SigV4, checked like the service, and the flow and queue operations; a "
            "StartEmailContact naming a flow runs it (docs/flows.md). Without flags it seeds the "
            "documented default instance, addresses, queues, email flow and well-known keys."
        ),
    )
    subparsers.choices["sandbox"] = parser
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    parser.add_argument(
        "--instance", action="append", default=[], metavar="ID", help="an instance (repeatable)"
    )
    parser.add_argument(
        "--email-address",
        action="append",
        default=[],
        metavar="ADDR",
        help="an email address of every instance (repeatable)",
    )
    parser.add_argument(
        "--credentials",
        action="append",
        default=[],
        metavar="KEYID:SECRET",
        help=(
            "a key pair accepted instead of the well-known one (repeatable); the secret is "
            "visible to `ps`: prefer --credentials-file"
        ),
    )
    parser.add_argument(
        "--credentials-file",
        action="append",
        default=[],
        metavar="FILE",
        help="key pairs, one KEYID:SECRET a line (# comments), from FILE or - for stdin",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=2.0,
        metavar="R",
        help="send quota, calls a second (default 2, Connect's; 0 turns every quota off)",
    )
    parser.add_argument("--burst", type=int, default=5, metavar="B", help="send burst (default 5)")
    parser.add_argument(
        "--throttle-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="chance of an injected ThrottlingException (0 to 1)",
    )
    parser.add_argument(
        "--fail-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="chance of an injected InternalServiceException (0 to 1)",
    )
    parser.add_argument(
        "--drop-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="chance the work is done but the reply is dropped (0 to 1)",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="added delay before each answer, in milliseconds",
    )
    parser.add_argument(
        "--journal",
        type=Path,
        metavar="FILE",
        help="append one JSON line per request to FILE (tail -f it)",
    )
    sandbox_flows.add_flow_options(parser)
    parser.set_defaults(handler=run)


def config_from(args: argparse.Namespace) -> SandboxConfig:
    """The SandboxConfig the flags ask for; UserError naming the flag when one is wrong."""
    for name in FAULT_FLAGS:
        value = getattr(args, name)
        if not 0 <= value <= 1:
            raise UserError(f"--{name.replace('_', '-')} {value:g}: must be from 0 to 1")
    if args.rate < 0 or args.burst < 1:
        raise UserError("--rate must be 0 or more and --burst at least 1")
    if args.latency < 0:
        raise UserError(f"--latency {args.latency:g}: must be 0 or more milliseconds")
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: must be from 0 to 65535")
    for instance in args.instance:
        if not instance or len(instance) > 100 or "/" in instance:
            raise UserError(f"--instance {instance!r}: expected an instance id (1 to 100 chars)")
    for address in args.email_address:
        if not _looks_like_address(address):
            raise UserError(f"--email-address {address!r}: expected an address like a@b.example")
    keys = tuple(_key_pair(text) for text in args.credentials)
    keys += tuple(pair for source in args.credentials_file for pair in _key_file(source))
    defaults = SandboxConfig()
    return SandboxConfig(
        host=args.host,
        port=args.port,
        # With --flows-from-aws, --instance names the instance to copy (served as copied).
        instances=(() if args.flows_from_aws else tuple(args.instance)) or defaults.instances,
        addresses=tuple(args.email_address) or defaults.addresses,
        credentials=keys or defaults.credentials,
        rate=args.rate,
        burst=args.burst,
        throttle_rate=args.throttle_rate,
        fail_rate=args.fail_rate,
        drop_rate=args.drop_rate,
        latency_ms=args.latency,
        journal=args.journal,
        **sandbox_flows.flow_fields(args),
    )


def _looks_like_address(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(at and local and "." in domain.strip(".") and not any(c.isspace() for c in text))


def _key_pair(text: str) -> tuple[str, str]:
    key_id, colon, secret = text.partition(":")
    if not colon or not key_id or not secret:
        # Never echo the value: it holds a secret.
        raise UserError("--credentials: expected KEYID:SECRET, both non-empty")
    return key_id, secret


def _key_file(source: str) -> list[tuple[str, str]]:
    """The key pairs in a --credentials-file (one KEYID:SECRET a line; - is stdin)."""
    if source == "-":
        text, where = sys.stdin.read(), "<stdin>"
    else:
        text, where = read_text(Path(source), limit=1024 * 1024, what="credentials file"), source
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            pairs.append(_key_pair(line))
        except UserError:
            # Never echo the line: it holds a secret.
            raise UserError(
                f"--credentials-file {where}: line {number}: expected KEYID:SECRET, both non-empty"
            ) from None
    if not pairs:
        raise UserError(f"--credentials-file {where}: holds no KEYID:SECRET line")
    return pairs


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; return 0 after a clean stop."""
    config = config_from(args)
    if args.credentials:
        print(
            "connect-tui sandbox: warning: --credentials puts the secret in this process's "
            "arguments, where `ps` shows it to every user of the machine; use "
            "--credentials-file FILE (or - to read stdin) instead",
            file=sys.stderr,
            flush=True,
        )
    if config.journal is not None:
        _check_journal(config.journal)
    from connect_tui.core import local_sandbox
    from connect_tui.sandbox.server import start

    try:
        running = start(config)
    except OSError as exc:
        raise UserError(
            f"--host {config.host} --port {config.port}: cannot listen: {exc.strerror or exc}"
        ) from None
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        """Ask the main loop to stop (the handler itself does nothing else)."""
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        # Registered first: whoever reads the line below finds the sandbox registered too.
        other = local_sandbox.register(running.url)
        print(f"listening on {running.url}", flush=True)
        if other is not None:
            print(
                f"connect-tui sandbox: note: the sandbox at {other.url} (pid {other.pid}) is "
                "registered and stays so: connect-tui commands send there; reach this one "
                f"with --endpoint-url {running.url}",
                file=sys.stderr,
                flush=True,
            )
        # Load botocore's signer and model now, not during the first request.
        threading.Thread(target=_warm_up, daemon=True).start()
        print(describe(config, running.url), flush=True)
        if not is_loopback(config.host):
            print(
                f"connect-tui sandbox: warning: {config.host} is reachable from other machines",
                file=sys.stderr,
                flush=True,
            )
        while not stop.wait(0.5):
            pass
    finally:
        running.stop()
        local_sandbox.unregister(running.url)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("sandbox stopped", flush=True)
    sys.stderr.flush()
    # Everything is closed, written and unregistered: end the process now. Tearing down
    # the interpreter (botocore's modules, daemon threads) would take 3 to 10 times as long
    # as the stop itself, and a demo's Ctrl+C should feel immediate (issue 15: < 0.3 s).
    os._exit(0)


def _check_journal(path: Path) -> None:
    """UserError naming --journal when the file cannot be appended to."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UserError(f"--journal {path}: cannot write it: {exc.strerror or exc}") from None


def _warm_up() -> None:
    from connect_tui.core import schema
    from connect_tui.sandbox import auth, operations

    auth.warm_up()
    for operation in operations.IDEMPOTENT:
        schema.input_shape(operation)


def describe(config: SandboxConfig, url: str) -> str:
    """What a client needs to use the sandbox, and how to point the AWS CLI at it."""
    well_known = (sandbox_identity.ACCESS_KEY_ID, sandbox_identity.SECRET_ACCESS_KEY)
    lines = [f"instance:        {i}" for i in config.instances]
    lines += [f"email address:   {a}" for a in config.addresses]
    lines.append(f"region:          {config.region}")
    for key_id, secret in config.credentials:
        if (key_id, secret) == well_known:
            lines.append(f"access key id:   {key_id}")
            lines.append(f"secret key:      {secret}   (well-known, opens only this sandbox)")
        else:
            lines.append(f"access key id:   {key_id}   (secret as given with --credentials)")
    quota = "off" if config.rate == 0 else f"{config.rate:g}/s, burst {config.burst}"
    lines.append(f"quota:           {quota}")
    faults = [
        f"{name.replace('_', '-')} {getattr(config, name):g}"
        for name in FAULT_FLAGS
        if getattr(config, name)
    ]
    if config.latency_ms:
        faults.append(f"latency {config.latency_ms:g} ms")
    if faults:
        lines.append(f"faults:          {', '.join(faults)}")
    if config.journal:
        lines.append(f"journal:         {config.journal}   (tail -f it)")
    lines += sandbox_flows.describe_flows(config)
    key_id, secret = config.credentials[0]
    shown_secret = secret if (key_id, secret) == well_known else "YOUR-SECRET"
    lines += [
        "",
        "AWS CLI:",
        f"  export AWS_ACCESS_KEY_ID={key_id} AWS_SECRET_ACCESS_KEY={shown_secret} "
        f"AWS_REGION={config.region}",
        f"  aws connect start-email-contact --endpoint-url {url} --cli-input-json file://req.json",
        "stop with Ctrl+C",
    ]
    return "\n".join(lines)
