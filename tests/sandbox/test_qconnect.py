"""The sandbox's Amazon Q in Connect over real HTTP: templates listed and rendered, as boto3 calls them."""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest
from botocore.exceptions import ClientError

from connect_tui.sandbox import qconnect
from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import make_client
from tests.sandbox.test_output_shapes import shape_problems

MODEL = botocore.session.get_session().get_service_model("qconnect")


@pytest.fixture
def templates(sandbox: RunningSandbox) -> Any:
    """A qconnect client of the module's sandbox (signing name wisdom)."""
    return make_client(sandbox.url, service="qconnect")


def _raw(client: Any, name: str, **request: Any) -> dict[str, Any]:
    """Call, and check the raw reply (the JSON on the wire) against the model's output shape."""
    bodies: list[bytes] = []

    def keep(http_response: Any, **_: Any) -> None:
        bodies.append(http_response.content)

    client.meta.events.register(f"after-call.qconnect.{name}", keep)
    answer: dict[str, Any] = getattr(client, botocore.xform_name(name))(**request)
    shape = MODEL.operation_model(name).output_shape
    for body in bodies:
        assert shape_problems(shape, json.loads(body), name) == []
    return answer


def test_the_knowledge_base_and_its_email_templates_are_listed(templates: Any) -> None:
    bases = _raw(templates, "ListKnowledgeBases")["knowledgeBaseSummaries"]
    assert [b["knowledgeBaseId"] for b in bases] == [qconnect.KNOWLEDGE_BASE_ID]
    listed = _raw(templates, "ListMessageTemplates", knowledgeBaseId=qconnect.KNOWLEDGE_BASE_ID)
    names = [t["name"] for t in listed["messageTemplateSummaries"]]
    assert names == ["Order shipped", "Refund issued"]
    # Paged as the model says (maxResults, nextToken), through botocore's own paginator.
    pages = templates.get_paginator("list_message_templates").paginate(
        knowledgeBaseId=qconnect.KNOWLEDGE_BASE_ID, PaginationConfig={"PageSize": 1}
    )
    assert [t["name"] for page in pages for t in page["messageTemplateSummaries"]] == names


def test_render_fills_what_it_is_given_and_names_what_it_is_not(templates: Any) -> None:
    template_id = next(t.id for t in qconnect.TEMPLATES.values() if t.name == "Order shipped")
    # RenderMessageTemplate: an attribute given neither in the request nor as a default
    # keeps its placeholder and is named in attributesNotInterpolated.
    answer = _raw(
        templates,
        "RenderMessageTemplate",
        knowledgeBaseId=qconnect.KNOWLEDGE_BASE_ID,
        messageTemplateId=f"{template_id}:$LATEST",
        attributes={
            "customAttributes": {"order": "1234"},
            "customerProfileAttributes": {"firstName": "Ana"},
        },
    )
    email = answer["content"]["email"]
    assert email["subject"] == "Your order 1234 is on its way"
    assert email["body"]["plainText"]["content"].startswith("Hello Ana,\norder 1234 left")
    assert "{{Attributes.Agent.FirstName}}" in email["body"]["plainText"]["content"]
    assert answer["attributesNotInterpolated"] == ["Attributes.Agent.FirstName"]


def test_unknown_template_and_knowledge_base_are_not_found(templates: Any) -> None:
    for request in (
        {
            "knowledgeBaseId": qconnect.KNOWLEDGE_BASE_ID,
            "messageTemplateId": "0" * 8 + "-0000-4000-8000-" + "0" * 12,
        },
        {"knowledgeBaseId": "5a2db0c5-7e3b-4000-8000-00000000dead", "messageTemplateId": "x"},
    ):
        with pytest.raises(ClientError) as refused:
            templates.render_message_template(attributes={}, **request)
        assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_a_request_signed_for_connect_is_refused(sandbox: RunningSandbox) -> None:
    import urllib.error
    import urllib.request

    from botocore.awsrequest import AWSRequest

    from connect_tui.sandbox.admin import sign

    # The right keys, but the signature scoped to `connect`: Amazon Q in Connect's is `wisdom`.
    request = AWSRequest("GET", f"{sandbox.url}/knowledgeBases", headers={})
    sign(request, "connect")
    prepared = urllib.request.Request(request.url, headers=dict(request.headers.items()))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(prepared, timeout=10)
    assert refused.value.code == 403
    assert b"wisdom" in refused.value.read()
