"""Fixtures of the sending tests: a real sandbox process, saved profiles aimed at it, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import INBOUND, Draft, Target
from tests.sending.sandbox_process import RunningSandbox, start_sandbox


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One sandbox for the whole module: default identity, quota off, no faults."""
    running = start_sandbox(tmp_path_factory.mktemp("sandbox"))
    yield running
    running.stop()


def draft_for(url: str, name: str, operation: str = INBOUND, **request_changes: Any) -> Draft:
    """A valid draft for the sandbox at `url`; `request_changes` replace top-level members."""
    draft = new_draft(name, operation)
    draft.target = Target(endpoint_url=url)
    draft.request.update(request_changes)
    return draft


def save(draft: Draft) -> str:
    """Save the draft as a profile of its name; return the name."""
    profiles.save(draft, profiles.path_for(draft.name))
    return draft.name


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(cli_env: dict[str, str]) -> Runner:
    """Run `connect-tui ARGS...` as a user would, in the test's isolated environment."""

    def run(
        *args: str, env: dict[str, str] | None = None, stdin: str = "", timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "connect_tui", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=cli_env if env is None else env,
            timeout=timeout,
        )

    return run


def json_lines(text: str) -> list[dict[str, Any]]:
    """The JSON objects printed one a line by `--output json`."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def request_of(entry: dict[str, Any]) -> dict[str, Any]:
    """The request body a journal entry recorded."""
    body = entry.get("request")
    return body if isinstance(body, dict) else {}


def succeeded(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Journal entries that made a contact for the first time (not errors, not replays)."""
    return [e for e in entries if e.get("ContactId") and not e.get("error") and not e.get("replay")]
