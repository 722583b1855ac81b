"""RequestJson: the live request's text, written a member at a time, is exactly what
interop.cli_input_json writes, after any edit."""

from __future__ import annotations

import copy

from connect_tui.core.interop import cli_input_json
from connect_tui.core.model import CREATE_CONTACT
from connect_tui.core.request_json import RequestJson
from tests.drafts import (
    largest_legal_draft,
    outbound_chain_draft,
    typical_draft,
    typical_outbound_draft,
)


def test_the_text_is_cli_input_json_after_every_edit() -> None:
    writer = RequestJson()
    draft = largest_legal_draft()
    request = copy.deepcopy(draft.request)
    assert writer.text(draft.operation, request) == cli_input_json(draft.operation, request)
    whole = writer.written
    request["FromEmailAddress"]["EmailAddress"] += "x"
    assert writer.text(draft.operation, request) == cli_input_json(draft.operation, request)
    assert 0 < writer.written < whole / 100  # only the From member was written again
    first = next(iter(request["Attributes"]))
    request["Attributes"][first] = True  # JSON true, not 1: compared as JSON, not as Python
    assert writer.text(draft.operation, request) == cli_input_json(draft.operation, request)
    request["Attributes"][first] = 1
    assert writer.text(draft.operation, request) == cli_input_json(draft.operation, request)
    del request["Attributes"]
    request["NotInTheModel"] = {"b": 1, "a": "\u202e"}  # unknown members last; bidi escaped
    request = {"Description": "first, but the model puts it later", **request}
    assert writer.text(draft.operation, request) == cli_input_json(draft.operation, request)
    assert writer.text(draft.operation, {}) == cli_input_json(draft.operation, {}) == "{}\n"


def test_one_writer_follows_other_drafts_and_operations() -> None:
    writer = RequestJson()
    for draft in (typical_draft(), typical_outbound_draft(), typical_draft()):
        assert writer.text(draft.operation, draft.request) == cli_input_json(
            draft.operation, draft.request
        )
    chain = outbound_chain_draft().create_contact_request()
    assert chain is not None
    assert writer.text(CREATE_CONTACT, chain) == cli_input_json(CREATE_CONTACT, chain)
