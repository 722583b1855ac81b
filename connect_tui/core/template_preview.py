"""Provides a TEMPLATE draft rendered (RenderMessageTemplate), and what it leaves unfilled.

An outbound email can name an Amazon Q in Connect message template instead of a RAW
message (EmailMessage.TemplatedMessageConfig). The Preview shows what the customer would
get: the template rendered with the draft's TemplateAttributes by RenderMessageTemplate
(service qconnect; the sandbox serves it too). A variable the draft does not fill is kept
as written by the service and listed in attributesNotInterpolated; each becomes a warning
at TemplateAttributes, so the draft says what it is missing before it is sent.

- Connect's side, TemplateAttributes (CustomAttributes map, CustomerProfileAttributes a
  JSON string): https://docs.aws.amazon.com/connect/latest/APIReference/API_TemplateAttributes.html
- qconnect's side, RenderMessageTemplate and MessageTemplateAttributes:
  https://docs.aws.amazon.com/connect/latest/APIReference/API_amazon-q-connect_RenderMessageTemplate.html

Nothing here imports boto3: the caller hands in a qconnect client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.core import variables
from connect_tui.core.model import Draft
from connect_tui.core.problems import WARNING, Problem

TEMPLATE: Final = "TEMPLATE"
#: Where TemplateAttributes are in the request (the warnings' location).
ATTRIBUTES_AT: Final = ("EmailMessage", "TemplatedMessageConfig", "TemplateAttributes")


@dataclass(frozen=True)
class Rendered:
    """A rendered template: subject, plain-text and HTML body, the variables not filled."""

    subject: str
    text: str
    html: str
    missing: tuple[str, ...] = ()
    #: Why it could not be rendered (one line), when it could not.
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)


def template_of(draft: Draft) -> dict[str, Any] | None:
    """The draft's TemplatedMessageConfig, variables resolved, when it sends a template."""
    if not draft.is_outbound:
        return None
    request, _ = variables.resolve(draft.request, draft.variables)
    message = request.get("EmailMessage") or {}
    config = message.get("TemplatedMessageConfig")
    if message.get("MessageSourceType") != TEMPLATE or not isinstance(config, dict):
        return None
    return config


def render_request(config: dict[str, Any]) -> dict[str, Any]:
    """The RenderMessageTemplate request for a TemplatedMessageConfig.

    CustomAttributes become customAttributes (qconnect wants values of at least one
    character, so empty ones are left out); CustomerProfileAttributes, a JSON object in
    a string, become customerProfileAttributes (its string members).
    """
    attributes: dict[str, Any] = {}
    template = config.get("TemplateAttributes") or {}
    custom = {str(k): str(v) for k, v in (template.get("CustomAttributes") or {}).items() if v}
    if custom:
        attributes["customAttributes"] = custom
    profile = template.get("CustomerProfileAttributes")
    if isinstance(profile, str) and profile.strip():
        try:
            parsed = json.loads(profile)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            strings = {str(k): v for k, v in parsed.items() if isinstance(v, str) and v}
            if strings:
                attributes["customerProfileAttributes"] = strings
    return {
        "knowledgeBaseId": str(config.get("KnowledgeBaseId", "")),
        "messageTemplateId": str(config.get("MessageTemplateId", "")),
        "attributes": attributes,
    }


def render(client: Any, config: dict[str, Any]) -> Rendered:
    """Render the template through `client` (a qconnect client); errors are one line."""
    request = render_request(config)
    try:
        answer = client.render_message_template(**request)
    except Exception as exc:  # noqa: BLE001 - any failure: say why, in one line
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        return Rendered("", "", "", error=reason)
    email = (answer.get("content") or {}).get("email") or {}
    body = email.get("body") or {}
    missing = tuple(str(m) for m in answer.get("attributesNotInterpolated") or [])
    return Rendered(
        subject=str(email.get("subject") or ""),
        text=str((body.get("plainText") or {}).get("content", "")),
        html=str((body.get("html") or {}).get("content", "")),
        missing=missing,
        problems=[_unfilled(name) for name in missing],
    )


def _unfilled(name: str) -> Problem:
    """The warning for a template variable the draft does not fill."""
    where = "CustomAttributes" if name.startswith("Attributes.Custom.") else "its attributes"
    if name.startswith("Attributes.Custom."):
        hint = f"add {name.removeprefix('Attributes.Custom.')} to {where}"
    elif name.startswith("Attributes.Customer."):
        hint = "add it to CustomerProfileAttributes (a JSON object)"
    else:
        hint = "the template fills it from the contact, not from the draft"
    return Problem(
        ATTRIBUTES_AT,
        f"the template's {{{{{name}}}}} is not filled: {hint}",
        severity=WARNING,
        code="rule",
    )
