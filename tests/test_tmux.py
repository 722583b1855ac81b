"""The composer in a real terminal: `connect-tui PROFILE` under tmux, driven by keys, read from the screen.

Opens a saved draft, breaks the From address (a problem appears in the Problems list),
fixes it (the problem goes), presses f5, and reads from the screen the ContactId that the
embedded sandbox created; that id must also be in the history file. Skipped, saying
why, only when tmux is not installed (.ci/run installs it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from connect_tui.core import history, paths, profiles
from connect_tui.core.model import Draft
from tests.drafts import typical_inbound_request
from tests.tmux_session import TmuxSession, tmux_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install tmux)"),
]

SCRIPT = Path(sys.executable).parent / "connect-tui"
SIZE = (100, 32)
ADDRESS = "alice@example.com"
BROKEN = "alice at example"
EMPTY = "FromEmailAddress.EmailAddress: is required"
CONTACT_ID = re.compile(
    r"ContactId\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


@pytest.fixture
def saved_draft(profiles_dir: Path) -> str:
    """A valid inbound draft, saved as the profile `smoke`, sent to the embedded sandbox."""
    request = typical_inbound_request()
    assert request["FromEmailAddress"]["EmailAddress"] == ADDRESS
    profiles.save(Draft(name="smoke", request=request), profiles_dir / "smoke.toml")
    return "smoke"


def test_open_edit_see_a_problem_come_and_go_then_send(
    saved_draft: str, cli_env: dict[str, str]
) -> None:
    cli_env["COLORTERM"] = "truecolor"
    session = TmuxSession([str(SCRIPT), saved_draft], env=cli_env, size=SIZE)
    try:
        # The first frame shows the draft's name; the model loads after it, then the check.
        session.wait_for(saved_draft, timeout=30)
        session.wait_for("Problems: none", timeout=30)
        assert ADDRESS in session.screen()

        # alt+a shows the Addresses pane with its first field, the From address, focused.
        # Like a person, wait to see each key's effect before typing on: text sent in the
        # same instant as ctrl+u is sometimes dropped by the terminal input parser.
        session.press("M-a", "End", "C-u")
        session.wait_for(EMPTY)
        session.type_text(BROKEN)
        screen = session.wait_for(f"FromEmailAddress.EmailAddress: '{BROKEN}' is not an email")
        assert "Problems: 1 error" in screen
        assert "●" in screen.splitlines()[0]  # the dirty marker in the draft bar

        session.press("C-u")
        session.wait_for(EMPTY)
        session.type_text(ADDRESS)
        screen = session.wait_for("Problems: none")
        assert "FromEmailAddress.EmailAddress" not in screen

        session.press("F5")
        screen = session.wait_until(
            lambda text: CONTACT_ID.search(text) is not None, what="the ContactId"
        )
        assert "Sent: the contact was created" in screen
        match = CONTACT_ID.search(screen)
        assert match is not None
        contact_id = match.group(1)
    finally:
        session.close()

    recorded = history.read()
    assert [entry.contact_id for entry in recorded] == [contact_id]
    assert recorded[0].profile == saved_draft
    assert recorded[0].request is not None
    assert recorded[0].request["FromEmailAddress"]["EmailAddress"] == ADDRESS
    assert paths.history_file().exists()


def test_an_unreadable_profile_stops_before_drawing(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    (profiles_dir / "broken.toml").write_text('format = 1\nname = "broken"\n[request\n')
    command = f'"{SCRIPT}" broken; echo "exit status $?"'
    session = TmuxSession(["sh", "-c", command], env=cli_env, size=SIZE)
    try:
        session.wait_exit()
        # tmux writes "Pane is dead" under the last row, scrolling the first into the scrollback.
        screen = session.screen(scrollback=True)
    finally:
        session.close()
    # The one line may wrap at the terminal width.
    lines = [
        line for line in screen.splitlines() if line.strip() and not line.startswith("Pane is dead")
    ]
    assert lines[-1] == "exit status 2"
    text = "".join(lines[:-1])
    assert text.startswith("connect-tui: "), screen
    assert "broken.toml" in text and "line 3" in text
    assert "Problems" not in text  # nothing was drawn
