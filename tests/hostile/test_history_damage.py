"""A damaged history line is skipped with one notice naming its line; the others still show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connect_tui.core import history, paths
from connect_tui.core.model import Target
from connect_tui.core.outcome import SendOutcome
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.history import HistoryScreen
from tests.cli_runner import run_cli
from tests.ui.composer_pilot import Recorder, ready, top_screen

DAMAGE = [
    "[1]",
    '{"profile": 5, "operation": "StartEmailContact", "target": "sandbox"}',
    '{"profile": "p", "operation": "StartEmailContact", "target": "sandbox", "request": "x"}',
    '{"profile": "p", "operation": "StartEmailContact", "target": "s", "settings": [1]}',
    '{"profile": "p", "operation": "StartEmailContact", "target": "s", "settings": {"kind": 1}}',
    '{"profile": "p", "operation": "StartEmailContact", "target": "s", "elapsed_ms": "x"}',
    "{not json",
    "[" * 10_000,
]


def good(name: str) -> None:
    history.append(
        SendOutcome(
            profile=name,
            operation="StartEmailContact",
            target="sandbox",
            error="x",
            request={"InstanceId": "i"},
        ),
        Target(),
    )


@pytest.fixture
def damaged_history() -> Path:
    """Line 1 good, lines 2.. damaged, then a good last line."""
    good("first")
    path = paths.history_file()
    with path.open("a", encoding="utf-8") as file:
        file.write("\n".join(DAMAGE) + "\n")
    good("last")
    return path


def test_read_skips_each_damaged_line_with_a_notice(damaged_history: Path) -> None:
    notices: list[str] = []
    entries = history.read(notices=notices)
    assert [e.profile for e in entries] == ["first", "last"]
    assert [e.number for e in entries] == [1, len(DAMAGE) + 2]
    assert len(notices) == len(DAMAGE)
    assert all(f"line {n}:" in notice for n, notice in zip(range(2, 99), notices, strict=False))
    assert history.to_draft(entries[-1]).request == {"InstanceId": "i"}


run = run_cli


def test_the_history_verb_and_from_history_still_work(
    damaged_history: Path, cli_env: dict[str, str]
) -> None:
    shown = run("history", env=cli_env)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
    assert "first" in shown.stdout and "last" in shown.stdout
    assert len(shown.stderr.splitlines()) == len(DAMAGE)
    as_json = run("history", "--output", "json", env=cli_env)
    assert [json.loads(line)["profile"] for line in as_json.stdout.splitlines()] == [
        "first",
        "last",
    ]
    damaged = run("send", "--from-history", "2", "--dry-run", env=cli_env)
    assert damaged.returncode == 2 and "line 2" in damaged.stderr
    assert "Traceback" not in damaged.stderr
    again = run("send", "--from-history", str(len(DAMAGE) + 2), "--dry-run", env=cli_env)
    assert "Traceback" not in again.stderr and '"InstanceId": "i"' in again.stdout


async def test_the_history_screen_shows_the_others(damaged_history: Path) -> None:
    recorder = Recorder()
    app = ComposerApp()
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        screen = await top_screen(pilot, HistoryScreen)
        assert [e.profile for e in screen.entries] == ["last", "first"]
    assert sum("line 2:" in notice for notice in recorder.notices) == 1
