"""What waits in draft.parked: the operation switch, the message source and the ContactId choice.

These rules live in core (connect_tui.core.conversion); the Message and Contact panes only
call them with the value a user picked. Issue 15 defect 8: Inbound -> Outbound -> Inbound
leaves the saved profile byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import profiles
from connect_tui.core.conversion import (
    EMPTY_MEMBERS,
    RAW,
    TEMPLATE,
    message_source,
    set_create_first,
    set_message_source,
    shown_contact_id,
    shown_create_contact,
    shown_member,
    switch_operation,
)
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import (
    AWS,
    INBOUND,
    OUTBOUND,
    PARKED_CONTACT_ID,
    PARKED_CREATE_CONTACT,
    PARKED_RAW_MESSAGE,
    PARKED_TEMPLATE,
    Draft,
    Target,
)
from tests.drafts import largest_legal_draft, typical_draft, typical_outbound_draft


def inbound_drafts() -> list[Draft]:
    aws = new_draft("aws")
    aws.target = Target(kind=AWS, region="eu-west-2")
    return [new_draft("new"), typical_draft(), largest_legal_draft(), aws]


@pytest.mark.parametrize("draft", inbound_drafts(), ids=lambda d: d.name)
def test_inbound_outbound_inbound_saves_the_same_bytes(draft: Draft, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    profiles.save(draft, path)
    before = path.read_bytes()
    loaded = profiles.load(str(path))
    back = switch_operation(switch_operation(loaded, OUTBOUND), INBOUND)
    assert back.create_contact is None
    profiles.save(back, path)
    assert path.read_bytes() == before


def test_a_step_edited_while_outbound_is_kept_on_the_way_back() -> None:
    outbound = switch_operation(typical_draft(), OUTBOUND)
    assert outbound.create_contact is not None
    outbound.create_contact["ExpiryDurationInMinutes"] = 60
    back = switch_operation(outbound, INBOUND)
    assert back.create_contact is not None and back.create_contact["ExpiryDurationInMinutes"] == 60
    again = switch_operation(back, OUTBOUND)
    assert (
        again.create_contact is not None and again.create_contact["ExpiryDurationInMinutes"] == 60
    )


def test_an_inbound_profile_with_a_step_keeps_it_through_a_round_trip(tmp_path: Path) -> None:
    draft = typical_draft()
    draft.create_contact = {"Channel": "EMAIL", "InitiationMethod": "AGENT_REPLY"}
    path = tmp_path / "p.toml"
    profiles.save(draft, path)
    before = path.read_bytes()
    back = switch_operation(switch_operation(profiles.load(str(path)), OUTBOUND), INBOUND)
    profiles.save(back, path)
    assert path.read_bytes() == before


def templated(draft: Draft) -> Draft:
    set_message_source(draft, TEMPLATE).update(
        KnowledgeBaseId="kb", MessageTemplateId="tpl", TemplateAttributes={}
    )
    return draft


def test_raw_template_raw_parks_each_and_brings_it_back() -> None:
    draft = typical_outbound_draft()
    raw = dict(draft.request["EmailMessage"]["RawMessage"])
    assert message_source(draft) == RAW
    templated(draft)
    message = draft.request["EmailMessage"]
    assert message["MessageSourceType"] == TEMPLATE and "RawMessage" not in message
    assert draft.parked[PARKED_RAW_MESSAGE] == raw
    assert shown_member(draft, RAW) == raw  # the pane shows what waits

    assert set_message_source(draft, RAW) == raw
    assert draft.request["EmailMessage"] == {"MessageSourceType": RAW, "RawMessage": raw}
    assert draft.parked == {
        PARKED_TEMPLATE: {
            "KnowledgeBaseId": "kb",
            "MessageTemplateId": "tpl",
            "TemplateAttributes": {},
        }
    }
    assert set_message_source(draft, TEMPLATE)["MessageTemplateId"] == "tpl"
    assert PARKED_TEMPLATE not in draft.parked


def test_an_empty_member_is_not_parked() -> None:
    draft = typical_outbound_draft()
    draft.request["EmailMessage"]["RawMessage"] = dict(EMPTY_MEMBERS[RAW])
    set_message_source(draft, TEMPLATE)
    assert draft.parked == {}
    assert set_message_source(draft, RAW) == {}  # the pane fills in the fields it shows
    assert draft.parked == {}


def test_inbound_leaves_the_outbound_raw_waiting_behind_its_template() -> None:
    draft = templated(typical_outbound_draft())
    waiting = dict(draft.parked[PARKED_RAW_MESSAGE])
    inbound = switch_operation(draft, INBOUND)
    set_message_source(inbound, message_source(inbound))["Subject"] = "inbound"
    assert inbound.request["EmailMessage"]["RawMessage"]["Subject"] == "inbound"
    outbound = switch_operation(inbound, OUTBOUND)
    assert outbound.request["EmailMessage"]["MessageSourceType"] == TEMPLATE
    assert outbound.parked[PARKED_RAW_MESSAGE] == waiting


def test_an_unknown_inbound_source_type_is_kept_and_edited_as_raw() -> None:
    draft = typical_draft()
    draft.request["EmailMessage"]["MessageSourceType"] = "CARRIER_PIGEON"
    assert message_source(draft) == RAW
    set_message_source(draft, RAW)
    assert draft.request["EmailMessage"]["MessageSourceType"] == "CARRIER_PIGEON"
    with pytest.raises(ValueError):
        set_message_source(draft, "CARRIER_PIGEON")


def test_create_first_on_off_on_keeps_both_ways() -> None:
    draft = typical_outbound_draft()
    contact_id = draft.request["ContactId"]
    step = set_create_first(draft, True)
    assert step == {
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": step["UserInfo"]["UserId"]},
    }
    assert "ContactId" not in draft.request and draft.parked[PARKED_CONTACT_ID] == contact_id
    assert shown_contact_id(draft) == contact_id
    step["Name"] = "Reply"

    assert set_create_first(draft, False) is None
    assert draft.create_contact is None and draft.request["ContactId"] == contact_id
    assert draft.parked == {PARKED_CREATE_CONTACT: step}
    assert shown_create_contact(draft)["Name"] == "Reply"

    again = set_create_first(draft, True)
    assert again is not None and again["Name"] == "Reply"
    assert draft.parked == {PARKED_CONTACT_ID: contact_id}


def test_create_first_names_the_sandbox_agent_only_for_the_sandbox() -> None:
    sandbox, aws = typical_outbound_draft(), typical_outbound_draft()
    aws.target = Target(kind=AWS, region="us-east-1")
    assert set_create_first(sandbox, True)["UserInfo"]["UserId"]  # type: ignore[index]
    assert set_create_first(aws, True)["UserInfo"] == {"UserId": ""}  # type: ignore[index]
