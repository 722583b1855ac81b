"""Provides `connect-tui serve`: the composer in a web browser, for demos on a shared screen.

It is textual-serve underneath: every browser tab that opens the page starts its own
`connect-tui [PROFILE]` process, whose terminal is drawn in the page. So that every tab
sees the same contacts, serve makes sure one standalone sandbox is running and registered
(starting it when none answers, and stopping what it started when it stops); each tab's
composer finds it through the registration, as any connect-tui command does.

textual-serve has no authentication of its own. serve therefore listens on loopback
unless told otherwise; on any other address it warns, and the page and its websocket
answer only with a random token that is part of the URL it prints (docs/serve.md).
"""

from __future__ import annotations

import argparse
import queue
import secrets
import shlex
import subprocess
import sys
import threading
from typing import Any

from connect_tui.core.files import UserError
from connect_tui.verbs.sandbox import is_loopback

#: The default port: not the sandbox's, not a common development server's.
DEFAULT_PORT = 8765

#: How long a sandbox that serve starts may take to say where it listens.
SANDBOX_START_SECONDS = 20.0


def add_parsers(subparsers: Any) -> None:
    """Register `serve`."""
    parser = subparsers.add_parser(
        "serve",
        help="the composer in a web browser (each tab its own composer, one shared sandbox)",
        description=(
            "Serve the composer on http://HOST:PORT with textual-serve. Each browser tab runs "
            "its own `connect-tui [PROFILE]`; sandbox drafts all go to one standalone sandbox, "
            "started here when none is running. Loopback only unless --host names another "
            "address, which needs the printed URL's token."
        ),
    )
    parser.add_argument("profile", nargs="?", metavar="PROFILE", help="the draft every tab opens")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: only here)"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it is not http://HOST:PORT (a proxy, a tunnel)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C (or SIGTERM); return 0 after a clean stop."""
    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port}: must be from 1 to 65535")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        raise UserError(f"--public-url {args.public_url!r}: must start with http:// or https://")
    try:
        from connect_tui.verbs.serve_app import GuardedServer
    except ImportError as exc:  # a trimmed install without textual-serve
        raise UserError(f"serve needs the textual-serve package ({exc.name} is missing)") from None

    token = None
    if not is_loopback(args.host):
        token = secrets.token_urlsafe(24)
        print(
            f"connect-tui serve: warning: {args.host} is reachable from other machines; "
            "the page answers only with the token in the URL below",
            file=sys.stderr,
            flush=True,
        )
    command = [sys.executable, "-m", "connect_tui"]
    if args.profile:
        command.append(args.profile)
    sandbox = _ensure_sandbox()
    try:
        server = GuardedServer(
            shlex.join(command),
            host=args.host,
            port=args.port,
            token=token,
            public_url=args.public_url,
        )
        print(f"serving the composer on {server.page_url}", flush=True)
        print("stop with Ctrl+C", flush=True)
        try:
            server.serve()
        except OSError as exc:
            raise UserError(
                f"--host {args.host} --port {args.port}: cannot listen: {exc.strerror or exc}"
            ) from None
    finally:
        if sandbox is not None:
            _stop(sandbox)
    print("serve stopped", flush=True)
    return 0


def _ensure_sandbox() -> subprocess.Popen[str] | None:
    """Start a standalone sandbox unless one is registered and answers; return what was started."""
    from connect_tui.core import local_sandbox

    running = local_sandbox.registered_url()
    if running:
        print(f"sandbox drafts go to the running sandbox at {running}", flush=True)
        return None
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_tui", "sandbox"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output: queue.Queue[str] = queue.Queue()
    # Drained all along (a closed pipe would make its next print fail); what follows the
    # first line is for a person at its own terminal and is not shown.
    threading.Thread(target=_pump, args=(process, output), daemon=True).start()
    try:
        first = output.get(timeout=SANDBOX_START_SECONDS).strip()
    except queue.Empty:
        first = ""
    # Its first line is exactly `listening on URL`, written once it is registered.
    if not first.startswith("listening on "):
        _stop(process)
        raise UserError("serve: the sandbox it started did not come up (try `connect-tui sandbox`)")
    print(f"sandbox drafts go to a sandbox started for this serve: {first[13:]}", flush=True)
    return process


def _pump(process: subprocess.Popen[str], output: queue.Queue[str]) -> None:
    """Move the sandbox's output lines into `output` until it closes its stdout."""
    assert process.stdout is not None
    for line in process.stdout:
        output.put(line)


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop a sandbox serve started (it unregisters itself on SIGTERM)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
