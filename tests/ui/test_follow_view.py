"""Pilot tests of the follow view: send, follow, accept, disconnect, reply, against the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from connect_tui.core import history, sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import AWS, Target
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.prompt import NamePrompt
from connect_tui.ui.dialogs.send_result import SendResultDialog
from connect_tui.ui.screens.follow import FollowScreen
from connect_tui.ui.screens.history import HistoryScreen
from connect_tui.ui.widgets.follow_sections import Section, TimelineView
from tests.ui.composer_pilot import Recorder, ready, top_screen, until


def section(screen: FollowScreen, name: str) -> list[list[str]]:
    """The rows of one section of the follow view, as text."""
    shown = screen.query_one(f"#follow-{name}")
    assert isinstance(shown, Section | TimelineView)
    return shown.texts


def whats(screen: FollowScreen) -> list[str]:
    """The "what" column of the timeline."""
    return [row[1] for row in section(screen, "timeline")]


@pytest.mark.slow
async def test_send_follow_accept_disconnect_and_reply(profiles_dir: Path) -> None:
    draft = new_draft("hello")
    draft.request["Attributes"] = {"order": "1234", "hostile": "\x1b]0;pwned\x07[b]x[/b]"}
    draft.request["ContactFlowId"] = sandbox_identity.DEMO_FLOW_ID
    recorder = Recorder()
    app = ComposerApp(draft)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        dialog = await top_screen(pilot, SendResultDialog)
        contact_id = dialog.outcome.contact_id
        assert contact_id
        await pilot.press("f")
        follow = await top_screen(pilot, FollowScreen)
        await until(pilot, lambda: follow.timeline is not None)
        assert follow.contact_id == contact_id
        assert whats(follow)[0] == "Created: INBOUND email"
        # The flow runs behind the reply: its path appears as the view polls.
        await until(pilot, lambda: "Queued in Support" in whats(follow))
        assert "SetLoggingBehavior logging" in whats(follow)
        assert whats(follow)[-1] == "Active"
        attributes = {row[1]: row[2] for row in section(follow, "attributes")}
        # Shown literally and escaped: no markup read, no escape sent to the terminal.
        assert attributes["hostile"] == "\\x1b]0;pwned\\x07[b]x[/b]"
        marks = {row[1]: (row[0], row[3]) for row in section(follow, "attributes")}
        assert marks["routed_by"] == ("●", "the flow at defaults")
        assert marks["order"] == ("", "")
        thread = section(follow, "thread")
        assert thread[0][1].startswith(contact_id) and "this contact" in thread[0][2]

        await pilot.press("a")
        await until(pilot, lambda: any(w.startswith("Accepted by agent") for w in whats(follow)))
        await pilot.press("x")
        await until(pilot, lambda: whats(follow)[-1] == "Disconnected")
        assert follow.timeline is not None and follow.timeline.finished
        assert "reason API" in section(follow, "timeline")[-1][2]

        await pilot.press("a")  # too late: the sandbox refuses, and says why
        await until(pilot, lambda: any("Not accepted" in n for n in recorder.notices))

        await pilot.press("r")
        await until(pilot, lambda: any("The agent replied" in n for n in recorder.notices))
        # The reply joins the thread (ListAssociatedContacts), related to this contact.
        await until(
            pilot, lambda: any("AGENT_REPLY" in row[1] for row in section(follow, "thread"))
        )
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FollowScreen)
    sent = [entry.related_contact_id for entry in history.read()]
    assert sent == [None, contact_id]  # the reply went through the reply chain, to this contact


@pytest.mark.slow
async def test_history_opens_the_follow_view_of_a_past_send(profiles_dir: Path) -> None:
    app = ComposerApp(new_draft("hello"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await composer.action_send()
        dialog = await top_screen(pilot, SendResultDialog)
        contact_id = dialog.outcome.contact_id
        await pilot.press("escape")
        await pilot.press("f9")
        await top_screen(pilot, HistoryScreen)
        await pilot.press("f")
        follow = await top_screen(pilot, FollowScreen)
        await until(pilot, lambda: follow.timeline is not None)
        assert follow.contact_id == contact_id
        assert whats(follow)[0] == "Created: INBOUND email"

        # The palette's "Follow a contact…": any ContactId, on the draft's target.
        await pilot.press("escape")
        await top_screen(pilot, type(composer))
        composer.sender.follow_contact()
        prompt = await top_screen(pilot, NamePrompt)
        prompt.query_one(Input).value = contact_id
        await pilot.press("enter")
        again = await top_screen(pilot, FollowScreen)
        assert again is not follow and again.contact_id == contact_id
        await until(pilot, lambda: again.timeline is not None and not again.timeline.lost)


@pytest.mark.slow
async def test_aws_target_has_no_demo_keys_and_says_what_it_cannot_tell(
    profiles_dir: Path,
) -> None:
    draft = new_draft("real")
    draft.target = Target(kind=AWS, region="us-east-1", endpoint_url="http://127.0.0.1:9")
    app = ComposerApp(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        composer.sender.follow(composer.draft, "00000000-0000-4000-8000-000000000000")
        follow = await top_screen(pilot, FollowScreen)
        await until(pilot, lambda: follow.timeline is not None, seconds=60)
        assert follow.timeline is not None and follow.timeline.lost
        assert whats(follow) == ["Contact: unknown"]
        assert not follow.check_action("accept", ())
        assert not follow.check_action("disconnect", ())


def test_the_follow_keys_can_be_rebound_from_the_first_frame() -> None:
    # In a fresh process, as the app checks a keymap after the first frame: every screen
    # and dialog is loaded for the check (the first frame itself imports few of them).
    import subprocess
    import sys

    code = (
        "from connect_tui.ui.app import binding_ids, load_every_ui_module\n"
        "load_every_ui_module()\n"
        "print(sorted(binding_ids()))"
    )
    listed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    for binding_id in ("follow.accept", "follow.disconnect", "follow.reply", "send_result.follow"):
        assert repr(binding_id) in listed
