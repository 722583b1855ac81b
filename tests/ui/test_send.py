"""Pilot tests of sending from the composer, against the real sandbox over HTTP."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from connect_tui import runtime
from connect_tui.core import history, profiles, sandbox_identity
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import AWS, OUTBOUND, Target
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.dialogs.send_result import SendResultDialog
from tests.ui.composer_pilot import Recorder, ready, screen_text, top_screen, until


def describe_contact(contact_id: str) -> dict[str, Any]:
    """The contact as the sandbox itself describes it (boto3 over HTTP)."""
    import boto3

    client = boto3.client(
        "connect",
        region_name=sandbox_identity.REGION,
        endpoint_url=runtime.locate().url,
        aws_access_key_id=sandbox_identity.ACCESS_KEY_ID,
        aws_secret_access_key=sandbox_identity.SECRET_ACCESS_KEY,
    )
    response = client.describe_contact(
        InstanceId=sandbox_identity.INSTANCE_ID, ContactId=contact_id
    )
    contact: dict[str, Any] = response["Contact"]
    return contact


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_send_shows_the_contact_id_the_sandbox_created(profiles_dir: Path) -> None:
    draft = new_draft("hello")
    before = profiles.dumps(draft)
    app = ComposerApp(draft)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("f5")
        dialog = await top_screen(pilot, SendResultDialog)
        outcome = dialog.outcome
        assert outcome.ok, outcome.error
        assert outcome.contact_id in screen_text(app)
        assert "Request id" in screen_text(app)
        await pilot.press("c")  # copy
        assert app.clipboard == outcome.contact_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is composer
        assert profiles.dumps(composer.draft) == before  # a send changes nothing in the draft
        assert composer.draft_bar.status_text == f"sent: ContactId {outcome.contact_id}"
        assert describe_contact(outcome.contact_id)["Id"] == outcome.contact_id
    recorded = history.read()
    assert [entry.contact_id for entry in recorded] == [outcome.contact_id]
    assert recorded[0].profile == "hello"


async def test_outbound_send_shows_both_contact_ids(profiles_dir: Path) -> None:
    app = ComposerApp(new_draft("out", OUTBOUND))
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        if any(p.is_error for p in composer.problems):  # the draft must be valid to send
            raise AssertionError(f"a new outbound draft has errors: {composer.problems}")
        await composer.action_send()
        dialog = await top_screen(pilot, SendResultDialog)
        outcome = dialog.outcome
        assert outcome.ok, outcome.error
        assert outcome.created_contact_id
        text = screen_text(app)
        assert "CreateContact made" in text and outcome.created_contact_id in text


async def test_send_is_refused_while_errors_remain(profiles_dir: Path) -> None:
    draft = new_draft("broken")
    draft.request["FromEmailAddress"]["EmailAddress"] = "nope"
    recorder = Recorder()
    app = ComposerApp(draft)
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        composer = await ready(pilot)
        await pilot.press("alt+m")  # away from the broken field's pane
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: recorder.notices_with("error"))
        await pilot.pause()
        notice = recorder.notices_with("error")[0]
        assert notice.startswith("Not sent: the draft has 1 error; the first: ")
        assert "FromEmailAddress.EmailAddress" in notice
        await pilot.pause()
        assert app.focused is composer.pane("addresses").query_one("#from-address")
        assert not composer.sender.sending
    assert history.read() == []


async def test_a_send_that_fails_says_why_in_words(profiles_dir: Path) -> None:
    draft = new_draft("nowhere")
    draft.target = Target(endpoint_url=f"http://127.0.0.1:{free_port()}")
    before = profiles.dumps(draft)
    app = ComposerApp(draft)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("f5")
        dialog = await top_screen(pilot, SendResultDialog)
        outcome = dialog.outcome
        assert not outcome.ok
        assert outcome.error and "127.0.0.1" in outcome.error
        text = screen_text(app)
        assert "Not sent" in text and "The draft is unchanged." in text
        assert "Traceback" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert profiles.dumps(composer.draft) == before
        assert composer.draft_bar.has_class("-dirty") is False


async def test_a_second_send_is_refused_while_one_is_under_way(profiles_dir: Path) -> None:
    recorder = Recorder()
    app = ComposerApp()
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        composer = await ready(pilot)
        await composer.action_send()
        await composer.action_send()
        await pilot.pause()
        assert any("already under way" in n for n in recorder.notices_with("warning"))
        await top_screen(pilot, SendResultDialog)
    assert len(history.read()) == 1


async def test_a_real_aws_target_is_confirmed_first(profiles_dir: Path) -> None:
    draft = new_draft("prod")
    draft.target = Target(kind=AWS, region="eu-west-2", aws_profile="nobody")
    recorder = Recorder()
    app = ComposerApp(draft)
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        dialog = await top_screen(pilot, ChoiceDialog)
        message = str(dialog.message)
        assert "eu-west-2" in message and "nobody" in message
        assert "unknown" in message  # no credentials here: STS cannot name the account
        await pilot.press("n")
        await until(pilot, lambda: "Not sent." in recorder.notices)
    assert history.read() == []
