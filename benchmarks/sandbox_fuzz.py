"""Provides a bounded fuzz run of the sandbox over raw HTTP on loopback, and prints what it saw.

A `connect-tui sandbox --rate 0 --journal FILE` is started as a user runs it (its own
process, stderr captured). Seeded random requests then go to it over raw sockets from a
few threads: valid and garbage routes; bodies that are valid requests mutated (deep
nesting, lone surrogates, control characters, huge strings, wrong types, random bytes),
signed with the well-known keys so they reach the operations, or unsigned; broken
framing (a short body, a bad chunk size, a Content-Length that lies); half-open
connections the client closes before its request is whole. The run stops at `--count`
requests or `--seconds`, whichever comes first.

Printed: requests a second, the replies by status, the connections closed with no reply,
the 500s (a sandbox bug answers InternalServiceException), the journal lines, the
tracebacks the sandbox wrote on stderr, and whether it still answers at the end.
Figures, not assertions.

    python -m benchmarks.sandbox_fuzz [--count 2000] [--seconds 30] [--seed 1] [--threads 8]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from botocore.awsrequest import AWSRequest

from connect_tui.core import sandbox_identity
from connect_tui.sandbox.admin import sign
from tests.drafts import typical_inbound_request

ROUTES = [
    ("PUT", "/contact/email"),
    ("PUT", "/contact/outbound-email"),
    ("PUT", "/contact/create-contact"),
    ("POST", "/search-email-addresses"),
    ("GET", f"/contacts/{sandbox_identity.INSTANCE_ID}/x"),
    ("POST", "/contact/stop"),
    ("GET", "/../../etc/passwd"),
    ("DELETE", "/contact/email"),
    ("PUT", "/%ff%fe/\x1b[2J"),
]
NASTY = ["\x1b]0;PWNED\x07", "\x9b2J", "\u202e", "\ud800", "\x00", "", "x" * 70_000, "🙂" * 300]


def mutate(rng: random.Random, value: Any, rate: float, depth: int = 0) -> Any:
    """A value a bit (or very) wrong: each part is changed with probability `rate`."""
    roll = rng.random() / rate if rate else 1.0
    if roll < 0.25:
        return nested(rng.choice([50, 101, 985, 5000]))
    if roll < 0.6:
        return rng.choice(NASTY)
    if roll < 1.0:
        return rng.choice([None, 0, -1, 2**63, 1.5, True, [], {}])
    if isinstance(value, dict) and depth < 6:
        out = {k: mutate(rng, v, rate, depth + 1) for k, v in value.items()}
        if rng.random() < rate:
            out[rng.choice(NASTY) or "k"] = "v"
        return out
    if isinstance(value, list) and depth < 6:
        return [mutate(rng, v, rate, depth + 1) for v in value]
    return value


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value}
    return value


def body_for(rng: random.Random) -> bytes:
    """A request body: a mutated valid request, or bytes that are not one."""
    roll = rng.random()
    if roll < 0.1:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
    if roll < 0.15:
        return ('{"a": ' * 2000 + "1" + "}" * 2000).encode()
    try:
        # Half the requests are valid or nearly so, to reach the operations' own checks.
        rate = rng.choice([0.0, 0.0, 0.01, 0.05, 0.2])
        text = json.dumps(mutate(rng, typical_inbound_request(), rate))
    except (RecursionError, ValueError):
        text = "{}"
    return text.encode("utf-8", "surrogatepass")


def signed_headers(method: str, path: str, host: str, body: bytes) -> dict[str, str]:
    request = AWSRequest(method=method, url=f"http://{host}{path}", data=body)
    request.headers["Content-Type"] = "application/json"
    sign(request)
    return dict(request.headers.items())


def raw_request(rng: random.Random, host: str) -> tuple[bytes, str]:
    """The bytes of one request, and its kind."""
    method, path = rng.choice(ROUTES)
    body = body_for(rng)
    headers = {"Host": host, "Content-Type": "application/json"}
    if rng.random() < 0.7:
        try:
            headers.update(signed_headers(method, path, host, body))
        except ValueError:  # a path botocore will not sign
            pass
    roll = rng.random()
    kind = "normal"
    if roll < 0.08:
        headers["Content-Length"] = str(len(body) + 500)  # lies: the client then closes
        kind = "half-open"
    elif roll < 0.12:
        headers["Transfer-Encoding"] = "chunked"
        body = f"{len(body) + 7:x}\r\n".encode() + body  # a chunk shorter than it says
        kind = "half-open"
    elif roll < 0.15:
        headers["Content-Length"] = rng.choice(["-1", "abc", "99999999999"])
        kind = "bad-length"
    else:
        headers["Content-Length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode("latin-1", "replace") + b"Connection: close\r\n\r\n" + body, kind


def one(seed: int, host: str, port: int) -> tuple[str, str]:
    """Send one request; (its kind, the status or what happened)."""
    rng = random.Random(seed)
    data, kind = raw_request(rng, host)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)
            reply = connection.recv(64)
    except TimeoutError:
        return kind, "timeout"
    except OSError as error:
        return kind, type(error).__name__
    if not reply:
        return kind, "closed"
    parts = reply.split(b" ", 2)
    return kind, parts[1].decode() if len(parts) > 1 else "garbled"


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="connect-tui-fuzz-"))
    journal = folder / "journal.jsonl"
    stderr = (folder / "stderr.txt").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_tui", "sandbox", "--port", "0", "--rate", "0",
         "--journal", str(journal)],
        stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    url = process.stdout.readline().strip().removeprefix("listening on ")
    threading.Thread(target=process.stdout.read, daemon=True).start()
    host = url.removeprefix("http://")
    port = int(host.rsplit(":", 1)[1])

    results: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    deadline = started + args.seconds
    sent = 0
    with ThreadPoolExecutor(args.threads) as pool:
        pending = []
        for seed in range(args.seed * 1_000_000, args.seed * 1_000_000 + args.count):
            if time.perf_counter() > deadline:
                break
            pending.append(pool.submit(one, seed, host, port))
            sent += 1
            if len(pending) >= args.threads * 4:
                for future in pending:
                    kind, result = future.result()
                    kinds[kind] += 1
                    results[result] += 1
                pending = []
        for future in pending:
            kind, result = future.result()
            kinds[kind] += 1
            results[result] += 1
    elapsed = time.perf_counter() - started
    alive = one(0, host, port)[1] != "ConnectionRefusedError" and process.poll() is None
    process.terminate()
    process.wait(timeout=10)
    stderr.close()
    errors = (folder / "stderr.txt").read_text(errors="replace")
    lines = journal.read_text(errors="replace").splitlines() if journal.exists() else []
    internal = sum('"InternalServiceException"' in line for line in lines)

    print(f"requests:            {sent} in {elapsed:.1f} s ({sent / elapsed:.0f} a second)")
    print(f"kinds:               {dict(sorted(kinds.items()))}")
    print(f"replies:             {dict(sorted(results.items()))}")
    print(f"journal lines:       {len(lines)} ({internal} InternalServiceException)")
    print(f"stderr tracebacks:   {errors.count('Traceback')} ({len(errors.splitlines())} lines)")
    print(f"still answering:     {alive}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
