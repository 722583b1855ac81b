"""Issue 15 defect 6: with `connect-tui sandbox` running, everything says where sends really go.

The draft bar, the Target pane, the Preview's command, `credentials status` and
`export --format aws-cli` name the running sandbox's URL, not "sandbox (embedded)" or a
fixed http://127.0.0.1:8000.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from connect_tui.core import local_sandbox, profiles
from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.widgets.draft_bar import DraftBar
from connect_tui.ui.widgets.preview import PreviewPane
from tests.cli_runner import run_cli
from tests.sending.sandbox_process import RunningSandbox, start_sandbox
from tests.ui.composer_pilot import ready

pytestmark = pytest.mark.slow


@pytest.fixture
def running(tmp_path: Path, cli_env: dict[str, str]) -> Iterator[RunningSandbox]:
    """A standalone sandbox registered for this test's user."""
    sandbox = start_sandbox(tmp_path / "sandbox", env=cli_env)
    yield sandbox
    sandbox.stop()


def run(*args: str, env: dict[str, str]) -> str:
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_the_composer_and_the_verbs_name_the_running_sandbox(
    running: RunningSandbox, profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    local_sandbox._seen = (-1e9, None, None)  # forget what an earlier test saw
    profiles.save(new_draft("hello"), profiles_dir / "hello.toml")
    for arguments in (
        ["credentials", "status", "hello"],
        ["export", "hello", "--format", "aws-cli"],
    ):
        out = run(*arguments, env=cli_env)
        assert running.url in out and "embedded" not in out and ":8000" not in out
    app = ComposerApp(profiles.load(profiles_dir / "hello.toml"), profiles_dir / "hello.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        bar = composer.query_one(DraftBar)
        assert running.url in bar.target_text and "embedded" not in bar.target_text
        await pilot.press("alt+g")
        await pilot.pause()
        assert running.url in composer.query_one("#endpoint-url", Input).placeholder
        await pilot.press("alt+p")
        await pilot.pause()
        command = composer.query_one(PreviewPane).command
        assert f"--endpoint-url {running.url}" in command and ":8000" not in command
