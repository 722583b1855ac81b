"""A picker in a real terminal (tmux): keys in bursts, then the saved profile is compared."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from connect_tui.core import profiles, sandbox_identity
from connect_tui.core.model import Draft
from tests.drafts import typical_inbound_request
from tests.tmux_session import TmuxSession, tmux_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install tmux)"),
]

SCRIPT = Path(sys.executable).parent / "connect-tui"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_pick_the_destination_from_the_sandbox_then_save(
    profiles_dir: Path, cli_env: dict[str, str], size: tuple[int, int]
) -> None:
    request = typical_inbound_request()
    assert request["DestinationEmailAddress"] == sandbox_identity.SUPPORT_ADDRESS
    path = profiles_dir / "pick.toml"
    profiles.save(Draft(name="pick", request=request), path)
    session = TmuxSession([str(SCRIPT), "pick"], env=cli_env, size=size)
    try:
        session.wait_for("Problems: none", timeout=30)
        # One burst to the destination's picker; once its list shows (a person looks), one
        # burst to filter, choose and save.
        session.press("M-a", "Tab", "Tab", "F4")
        session.wait_for("found, live", timeout=30)
        # Filter, choose and save in one burst: the save must hold the choice.
        session.type_text("sales@")
        session.press("Enter", "C-s")
        # The file is the truth: wait until the save has written the choice.
        deadline = time.monotonic() + 30
        while (
            profiles.load(path).request["DestinationEmailAddress"] != sandbox_identity.SALES_ADDRESS
        ):
            assert time.monotonic() < deadline, session.screen()
            time.sleep(0.05)
        # ...and the draft is clean: nothing arrives after the save to mark it dirty again.
        session.wait_until(lambda text: "●" not in text.splitlines()[0], what="a clean draft")
    finally:
        session.close()
    saved = profiles.load(path)
    assert saved.request["DestinationEmailAddress"] == sandbox_identity.SALES_ADDRESS
    # Nothing else changed: the profile is the original with only the destination picked.
    expected = dict(request, DestinationEmailAddress=sandbox_identity.SALES_ADDRESS)
    assert saved.request == expected


def test_pick_the_contact_flow_at_full_speed(profiles_dir: Path, cli_env: dict[str, str]) -> None:
    request = typical_inbound_request()
    request.pop("ContactFlowId", None)
    path = profiles_dir / "demo-flow.toml"
    profiles.save(Draft(name="demo-flow", request=request), path)
    session = TmuxSession([str(SCRIPT), "demo-flow"], env=cli_env, size=(120, 40))
    try:
        session.wait_for("Problems: none", timeout=30)
        # The Contact pane starts in Instance id; Tab to Contact flow id, open its picker.
        session.press("M-c", "Tab", "F4")
        session.wait_for("found, live", timeout=30)
        session.type_text("email")
        session.press("Enter", "C-s")
        deadline = time.monotonic() + 30
        while profiles.load(path).request.get("ContactFlowId") != sandbox_identity.DEMO_FLOW_ID:
            assert time.monotonic() < deadline, session.screen()
            time.sleep(0.05)
    finally:
        session.close()
    assert profiles.load(path).request == dict(request, ContactFlowId=sandbox_identity.DEMO_FLOW_ID)


def test_three_pickers_of_the_contact_pane_in_a_row(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    from connect_tui.core import history
    from connect_tui.core.defaults import new_draft
    from connect_tui.core.outcome import SendOutcome

    contact_id = "c0ffee00-0000-4000-8000-000000000002"
    sent = SendOutcome(
        profile="vip", operation="StartEmailContact", target="s", contact_id=contact_id
    )
    history.append(sent, new_draft().target)
    request = typical_inbound_request()
    request.pop("ContactFlowId", None)
    request["InstanceId"] = "typed-by-hand"
    path = profiles_dir / "three.toml"
    profiles.save(Draft(name="three", request=request), path)
    session = TmuxSession([str(SCRIPT), "three"], env=cli_env, size=(120, 40))
    try:
        session.wait_for("Problems: none", timeout=30)
        # Instance id (the Contact pane's first field), Contact flow id, Related contact id:
        # each a burst to open the picker, then (the list shown) a burst to filter and choose.
        for opening, typed in (
            (("M-c", "F4"), "sandbox"),
            (("Tab", "F4"), "email"),
            (("Tab", "F4"), "vip"),
        ):
            session.press(*opening)
            session.wait_for("found, live", timeout=30)
            session.type_text(typed)
            session.press("Enter")
            session.wait_for_gone("enter chooses", timeout=30)
        session.press("C-s")
        expected = dict(
            request,
            InstanceId=sandbox_identity.INSTANCE_ID,
            ContactFlowId=sandbox_identity.DEMO_FLOW_ID,
            RelatedContactId=contact_id,
        )
        deadline = time.monotonic() + 30
        while profiles.load(path).request != expected:
            assert time.monotonic() < deadline, session.screen()
            time.sleep(0.05)
    finally:
        session.close()


def test_knowledge_base_template_and_agent_pickers_of_an_outbound_draft(
    profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    from connect_tui.core.defaults import new_draft
    from connect_tui.core.model import OUTBOUND
    from connect_tui.sandbox import account, qconnect

    draft = new_draft("outbound-template", operation=OUTBOUND)
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {"KnowledgeBaseId": "", "MessageTemplateId": ""},
    }
    path = profiles_dir / "outbound-template.toml"
    profiles.save(draft, path)
    refund = next(t for t in qconnect.TEMPLATES.values() if t.name == "Refund issued")
    sam = next(
        a for a in account.seeded_agents(sandbox_identity.INSTANCE_ID) if a.first_name == "Sam"
    )
    session = TmuxSession([str(SCRIPT), "outbound-template"], env=cli_env, size=(120, 40))
    try:
        session.wait_for("Problems: 3 errors", timeout=30)
        # Message pane: Source, then Knowledge base id, then Template id. Contact pane:
        # Instance id, Client token, the create-first switch, method, replying to, agent.
        picks = (
            (("M-m", "Tab", "F4"), "templates"),
            (("Tab", "F4"), "refund"),
            (("M-c", "Tab", "Tab", "Tab", "Tab", "Tab", "F4"), "sam"),
        )
        for opening, typed in picks:
            session.press(*opening)
            session.wait_for("found, live", timeout=30)
            session.type_text(typed)
            session.press("Enter")
            session.wait_for_gone("enter chooses", timeout=30)
        session.press("C-s")
        deadline = time.monotonic() + 30
        while True:
            saved = profiles.load(path)
            config = saved.request["EmailMessage"]["TemplatedMessageConfig"]
            chain = saved.create_contact_request() or {}
            if (
                config.get("KnowledgeBaseId") == qconnect.KNOWLEDGE_BASE_ID
                and config.get("MessageTemplateId") == refund.id
                and chain.get("UserInfo", {}).get("UserId") == sam.id
            ):
                break
            assert time.monotonic() < deadline, session.screen()
            time.sleep(0.05)
    finally:
        session.close()
