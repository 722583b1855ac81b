"""The follow view in a real terminal: send, watch the flow's path appear, accept, disconnect.

`connect-tui PROFILE` runs under tmux with the embedded sandbox; f5 sends, `f` in the
result opens the follow view, and the keys `a` (an agent accepts) and `x` (StopContact)
move the contact on, each read back from the screen as the view polls it. Skipped,
saying why, only when tmux is not installed (.ci/run installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from connect_tui.core import profiles, sandbox_identity
from connect_tui.core.defaults import new_draft
from tests.tmux_session import TmuxSession, tmux_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install tmux)"),
]

SCRIPT = Path(sys.executable).parent / "connect-tui"


def test_send_follow_accept_and_disconnect_from_the_keyboard(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    draft = new_draft("demo")
    draft.request["Attributes"] = {"order": "1234"}
    draft.request["ContactFlowId"] = sandbox_identity.DEMO_FLOW_ID  # the seeded demo flow
    profiles.save(draft, profiles_dir / "demo.toml")
    with TmuxSession([str(SCRIPT), "demo"], env=cli_env, size=(120, 36)) as session:
        session.wait_for("Problems: none", timeout=30)
        session.press("F5")
        session.wait_for("Follow (f)")
        session.press("f")
        session.wait_for("Following contact")
        # The path appears as the flow runs and the view polls its flow log; the timeline
        # keeps its newest lines in sight.
        session.wait_for("Queued in Support")
        session.wait_for("routed_by")  # an attribute the flow set
        assert "Active" in session.screen()

        session.press("a")
        session.wait_for("Accepted by agent sandbox-agent")
        session.press("x")
        screen = session.wait_for("Disconnected")
        assert "reason API" in screen
        # The title says so too (it wraps onto a second line when the terminal is narrow).
        session.wait_until(
            lambda text: "disconnected" in " ".join(text.splitlines()[:2]), what="the title"
        )

        session.press("Escape")
        session.wait_for("f5 Send")
