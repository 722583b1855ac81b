"""Switching operation converts shapes, flips direction, and loses nothing on the way back."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_tui.core.conversion import CHAIN_FIELDS, switch_operation
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import INBOUND, OUTBOUND, Draft
from connect_tui.core.validation import validate
from tests.drafts import typical_draft, typical_inbound_request, typical_outbound_draft


def test_inbound_to_outbound_flips_direction_and_converts_shapes() -> None:
    draft = typical_draft()
    outbound = switch_operation(draft, OUTBOUND)
    request = outbound.request
    assert outbound.operation == OUTBOUND
    assert request["FromEmailAddress"] == {"EmailAddress": draft.request["DestinationEmailAddress"]}
    assert request["DestinationEmailAddress"] == draft.request["FromEmailAddress"]
    assert request["AdditionalRecipients"] == {
        "CcEmailAddresses": [
            {"EmailAddress": "bob@example.com"},
            {"EmailAddress": "carol@example.com", "DisplayName": "Carol"},
        ]
    }
    assert "Headers" not in request["EmailMessage"]["RawMessage"]
    for field in CHAIN_FIELDS:
        assert field not in request
    assert outbound.create_contact is not None
    assert outbound.create_contact["Attributes"] == draft.request["Attributes"]
    assert outbound.create_contact["InitiationMethod"] == "OUTBOUND"
    assert draft.operation == INBOUND  # the original is not changed


def test_new_outbound_draft_is_valid_and_creates_its_contact() -> None:
    draft = new_draft("x", OUTBOUND)
    assert draft.operation == OUTBOUND and draft.create_contact is not None
    assert [p for p in validate(draft) if p.is_error] == []


def test_round_trip_from_inbound_is_exact() -> None:
    draft = typical_draft()
    draft.request["Attachments"] = [{"FileName": "a.pdf", "S3Url": "https://x/a?X-Amz-Signature=1"}]
    draft.request["ContactFlowId"] = "flow-1"
    back = switch_operation(switch_operation(draft, OUTBOUND), INBOUND)
    assert back.request == draft.request
    assert back.parked == {}


def test_round_trip_from_outbound_is_exact() -> None:
    draft = typical_outbound_draft()
    draft.request["FromEmailAddress"]["DisplayName"] = "Support"
    back = switch_operation(switch_operation(draft, INBOUND), OUTBOUND)
    assert back.request == draft.request
    assert back.create_contact is None  # it named its ContactId; no CreateContact step appeared


def test_template_survives_a_trip_through_inbound() -> None:
    draft = typical_outbound_draft()
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "kb",
            "MessageTemplateId": "t",
            "TemplateAttributes": {},
        },
    }
    inbound = switch_operation(draft, INBOUND)
    assert inbound.request["EmailMessage"]["MessageSourceType"] == "RAW"
    assert switch_operation(inbound, OUTBOUND).request == draft.request


def test_edits_made_while_switched_are_kept() -> None:
    draft = typical_draft()
    outbound = switch_operation(draft, OUTBOUND)
    outbound.request["EmailMessage"]["RawMessage"]["Subject"] = "Edited"
    outbound.create_contact["Attributes"]["tier"] = "platinum"
    back = switch_operation(outbound, INBOUND)
    assert back.request["EmailMessage"]["RawMessage"]["Subject"] == "Edited"
    assert back.request["Attributes"]["tier"] == "platinum"
    assert back.request["EmailMessage"]["RawMessage"]["Headers"] == {
        "MESSAGE_ID": "<1234@example.com>"
    }


addresses = st.lists(
    st.from_regex(r"[a-z]{1,5}@[a-z]{1,5}\.com", fullmatch=True), max_size=4, unique=True
)


@settings(max_examples=60, deadline=None)
@given(to=addresses, cc=addresses, with_headers=st.booleans(), name=st.text(max_size=5))
def test_round_trip_property(to: list[str], cc: list[str], with_headers: bool, name: str) -> None:
    request = typical_inbound_request()
    recipients = {}
    to = [a for a in to if a not in cc]
    if to:
        recipients["ToAddresses"] = [{"EmailAddress": a} for a in to]
    if cc:
        recipients["CcAddresses"] = [{"EmailAddress": a} for a in cc]
    request["AdditionalRecipients"] = recipients
    if not recipients:
        del request["AdditionalRecipients"]
    if not with_headers:
        del request["EmailMessage"]["RawMessage"]["Headers"]
    request["Name"] = name
    draft = Draft(name="p", request=copy.deepcopy(request))
    assert switch_operation(switch_operation(draft, OUTBOUND), INBOUND).request == request


def test_each_direction_keeps_its_own_message() -> None:
    draft = typical_outbound_draft()
    template = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "kb",
            "MessageTemplateId": "t",
            "TemplateAttributes": {},
        },
    }
    draft.request["EmailMessage"] = template
    inbound = switch_operation(draft, INBOUND)
    inbound.request["EmailMessage"]["RawMessage"].update(Subject="Hi", Body="Written inbound")
    outbound = switch_operation(inbound, OUTBOUND)
    assert outbound.request["EmailMessage"] == template
    again = switch_operation(outbound, INBOUND)
    assert again.request["EmailMessage"]["RawMessage"]["Body"] == "Written inbound"
