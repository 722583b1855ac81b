"""Provides the replay benchmark: `connect-tui send` of 100 drafts against a bare boto3 loop.

Both run as whole processes (interpreter start, imports, client, 100 calls) against one
`connect-tui sandbox` with its quota off, alternated over several rounds, and the script
prints each wall time and the median ratio. The aim is a ratio of at most 1.15: checking,
resolving and recording every draft must cost little next to sending it.

    python -m benchmarks.send_replay [--drafts 100] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from connect_tui.core import sandbox_identity, variables
from connect_tui.core.model import Target
from tests.drafts import typical_draft

#: The bare loop: what a person would write with boto3 alone, sending the same requests.
BARE_LOOP = """
import json, sys
import boto3
requests = json.load(open(sys.argv[1]))
client = boto3.client(
    "connect", region_name=sys.argv[3], endpoint_url=sys.argv[2],
    aws_access_key_id=sys.argv[4], aws_secret_access_key=sys.argv[5],
)
for request in requests:
    print(client.start_email_contact(**request)["ContactId"])
"""


def isolated_env(home: Path) -> dict[str, str]:
    """An environment whose HOME and XDG folders are under `home` (nothing of the user's)."""
    env = dict(os.environ, HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    for variable, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / sub)
    for variable in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CONNECT"):
        env.pop(variable, None)
    return env


def start_sandbox(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """`connect-tui sandbox --port 0 --rate 0`, and the URL from its first line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_tui", "sandbox", "--port", "0", "--rate", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    match = re.fullmatch(r"listening on (\S+)", process.stdout.readline().strip())
    if match is None:
        process.kill()
        raise SystemExit("the sandbox did not start")
    # Read the rest as it comes, so the sandbox never blocks on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, match.group(1)


def prepare(folder: Path, count: int, env: dict[str, str]) -> tuple[list[str], Path]:
    """Save `count` sandbox profiles; write the same requests (resolved) for the bare loop."""
    from connect_tui.core import profiles

    profiles_dir = Path(env["XDG_CONFIG_HOME"]) / "connect-tui" / "profiles"
    profiles_dir.mkdir(parents=True, exist_ok=True)
    names, requests = [], []
    for index in range(count):
        draft = typical_draft()
        draft.name = f"replay-{index:03d}"
        draft.target = Target()  # the sandbox; each round names its URL with --endpoint-url
        draft.request["Name"] = f"Order {index}"
        profiles.save(draft, profiles_dir / f"{draft.name}.toml")
        names.append(draft.name)
        requests.append(variables.resolve(draft.request, draft.variables)[0])
    requests_file = folder / "requests.json"
    requests_file.write_text(json.dumps(requests))
    return names, requests_file


def timed(command: list[str], env: dict[str, str], expect_lines: int) -> tuple[float, float, float]:
    """Wall and CPU (user + system) time and peak RSS (MiB) of one whole process, which must
    succeed and print one line a draft. CPU time is printed too: it shows the work done, when
    other programs sharing the machine blur the wall time."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    # Read both pipes while it runs (a full pipe would block it), then reap it with wait4 for
    # its own resource usage (getrusage of all children would mix the two programs).
    result = {}
    readers = [
        threading.Thread(target=lambda name=name, pipe=pipe: result.update({name: pipe.read()}))
        for name, pipe in (("stdout", process.stdout), ("stderr", process.stderr))
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    for reader in readers:
        reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    peak_mib = usage.ru_maxrss / 1024  # KiB on Linux
    lines = result["stdout"].splitlines()
    if process.returncode != 0 or len(lines) != expect_lines:
        said = (result["stderr"] or result["stdout"])[-2000:]
        raise SystemExit(f"{command[1:4]} failed ({process.returncode}): {said}")
    return elapsed, cpu, peak_mib


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="send-replay-") as temp:
        folder = Path(temp)
        env = isolated_env(folder / "home")
        sandbox_env = isolated_env(folder / "sandbox-home")
        names, requests_file = prepare(folder, args.drafts, env)
        bare_script = folder / "bare_loop.py"
        bare_script.write_text(BARE_LOOP)
        ratios: list[float] = []
        cpu_ratios: list[float] = []
        print(f"{args.drafts} drafts (quota off), {args.rounds} rounds, alternated")
        for round_number in range(1, args.rounds + 1):
            # A fresh sandbox each round: one holds at most 1,000 active email contacts.
            sandbox, url = start_sandbox(sandbox_env)
            try:
                tool = [sys.executable, "-m", "connect_tui", "send", *names, "--rate", "0"]
                tool += ["--endpoint-url", url, "--output", "json"]
                bare = [sys.executable, str(bare_script), str(requests_file), url]
                bare += [sandbox_identity.REGION, sandbox_identity.ACCESS_KEY_ID]
                bare += [sandbox_identity.SECRET_ACCESS_KEY]
                # Alternate which goes first, so neither always gets the warmer machine.
                order = [("bare", bare), ("send", tool)]
                if round_number % 2 == 0:
                    order.reverse()
                times = {name: timed(cmd, env, args.drafts) for name, cmd in order}
            finally:
                sandbox.send_signal(signal.SIGTERM)
                sandbox.wait(timeout=10)
            send, send_cpu, send_rss = times["send"]
            bare_wall, bare_cpu, bare_rss = times["bare"]
            ratios.append(send / bare_wall)
            cpu_ratios.append(send_cpu / bare_cpu)
            print(
                f"round {round_number}: connect-tui send {send:.2f} s (cpu {send_cpu:.2f} s, "
                f"peak RSS {send_rss:.0f} MiB), bare boto3 loop {bare_wall:.2f} s (cpu "
                f"{bare_cpu:.2f} s, peak RSS {bare_rss:.0f} MiB), ratio {ratios[-1]:.2f} "
                f"(cpu {cpu_ratios[-1]:.2f})"
            )
    median = statistics.median(ratios)
    print(
        f"median ratio (connect-tui send / bare boto3): {median:.2f} wall time (aim: at most "
        f"1.15), {statistics.median(cpu_ratios):.2f} cpu time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
