"""Provides a benchmark: prints how many requests a second the sandbox answers with its quota off.

A `connect-tui sandbox --rate 0` is started on 127.0.0.1 as a separate process (as a
user runs it), with one instance per client so no instance reaches its 1,000 active
contacts. N client threads, each with its own boto3 client, send a fixed number of
StartEmailContact requests, then DescribeContact the same number; the run stops early
at a time bound. Figures, not assertions: compare runs on one machine.

    python -m benchmarks.sandbox_throughput [--clients 8] [--count 100] [--seconds 60]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from connect_tui.core import sandbox_identity
from tests.drafts import typical_inbound_request


def start_sandbox(instances: list[str]) -> tuple[subprocess.Popen[str], str]:
    """A standalone sandbox on a free loopback port, quota off; its process and URL."""
    flags = [flag for instance in instances for flag in ("--instance", instance)]
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_tui", "sandbox", "--host", "127.0.0.1", "--port", "0",
         "--rate", "0", *flags],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("listening on http://127.0.0.1:"):
        process.kill()
        raise SystemExit(f"the sandbox did not start: {line!r}")
    # Drain the rest so the sandbox never blocks on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, line.removeprefix("listening on ")


def client_for(url: str) -> Any:
    """A boto3 client of the sandbox (no retries: every request counts once)."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "connect",
        region_name=sandbox_identity.REGION,
        endpoint_url=url,
        aws_access_key_id=sandbox_identity.ACCESS_KEY_ID,
        aws_secret_access_key=sandbox_identity.SECRET_ACCESS_KEY,
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


def run_phase(
    clients: list[Any], count: int, deadline: float, call: Callable[[int, Any, int], Any]
) -> tuple[int, float, list[float], int]:
    """Every client calls `call(client_index, client, i)` count times, at once, until deadline.

    Returns (requests answered, elapsed seconds, latencies, errors).
    """
    latencies: list[list[float]] = [[] for _ in clients]
    errors = [0] * len(clients)
    barrier = threading.Barrier(len(clients) + 1)

    def work(index: int) -> None:
        """One client's calls, timed one by one."""
        barrier.wait()
        for i in range(count):
            if time.monotonic() > deadline:
                return
            began = time.perf_counter()
            try:
                call(index, clients[index], i)
            except Exception:
                errors[index] += 1
            latencies[index].append(time.perf_counter() - began)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = [x for per_client in latencies for x in per_client]
    return len(flat), elapsed, flat, sum(errors)


def report(
    name: str, quota: float, answered: int, elapsed: float, latencies: list[float], errors: int
) -> None:
    """One line of figures for a phase, and its ratio to Connect's quota for the operation."""
    if not latencies:
        print(f"{name:29} no requests within the time bound")
        return
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if len(latencies) >= 20 else latencies[-1]
    rate = answered / elapsed
    print(
        f"{name:29} {answered:6,} requests in {elapsed:6.2f} s = {rate:8.1f} req/s "
        f"(median {statistics.median(latencies) * 1000:5.1f} ms, p95 {p95 * 1000:5.1f} ms, "
        f"errors {errors}); {rate / quota:,.0f}x Connect's quota of {quota:g}/s"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--count", type=int, default=100, help="requests per client and phase")
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound for the run")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 1000 or args.clients < 1:
        parser.error("--count must be 1 to 1000 (an instance's active contacts), --clients >= 1")

    instances = [f"bench-{i}" for i in range(args.clients)]
    process, url = start_sandbox(instances)
    deadline = time.monotonic() + args.seconds
    try:
        clients = [client_for(url) for _ in instances]
        template = typical_inbound_request()
        made: list[list[str]] = [[] for _ in instances]

        def start_one(index: int, client: Any, i: int) -> None:
            """StartEmailContact in the client's own instance, with a new ClientToken."""
            request = {**template, "InstanceId": instances[index], "ClientToken": str(uuid.uuid4())}
            made[index].append(client.start_email_contact(**request)["ContactId"])

        def describe_one(index: int, client: Any, i: int) -> None:
            """DescribeContact of one of the contacts the client made."""
            contact_id = made[index][i % len(made[index])]
            client.describe_contact(InstanceId=instances[index], ContactId=contact_id)

        print(f"sandbox {url}, {args.clients} clients x {args.count} requests, quota off")
        # One call each first: the first request of a client pays its connection and setup.
        run_phase(clients, 1, deadline, lambda index, client, i: client.search_email_addresses(
            InstanceId=instances[index]))  # fmt: skip
        report("StartEmailContact", 2, *run_phase(clients, args.count, deadline, start_one))
        if all(made):
            report("DescribeContact", 10, *run_phase(clients, args.count, deadline, describe_one))
        one = run_phase(clients[:1], args.count, deadline, start_one)
        report("StartEmailContact, 1 client", 2, *one)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
