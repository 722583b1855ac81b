"""Provides the sandbox's Amazon Q in Connect: one knowledge base of email message templates.

A TEMPLATE outbound email names a knowledge base and a message template of Amazon Q in
Connect (service `qconnect`, signing name `wisdom`, rest-json). The sandbox serves the
three calls the composer makes, on botocore's own routes, so a template draft can be
picked and previewed with no AWS account:

- ListKnowledgeBases, ListMessageTemplates (pickers), RenderMessageTemplate (Preview).
  https://docs.aws.amazon.com/connect/latest/APIReference/API_amazon-q-connect_RenderMessageTemplate.html

Rendering, as RenderMessageTemplate documents it: "if the attribute value is neither
provided in the attribute request parameter nor the default attribute of the message
template, the rendered message content will keep the variable placeholder as it is and
return the attribute keys that are missing" (attributesNotInterpolated). Variables are
written `{{Attributes.Customer.FirstName}}` (customer profile), `{{Attributes.Agent.
FirstName}}` and `{{Attributes.Custom.<name>}}` (admin guide, personalize-templates.html).
The guide does not say how keys of several words are cased: the sandbox maps
`Customer.FirstName` to customerProfileAttributes' `firstName` (the model's member).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import unquote

from connect_tui.sandbox.paging import page
from connect_tui.sandbox.protocol import ServiceError

#: The seeded knowledge base (Amazon Q in Connect ids are UUIDs).
KNOWLEDGE_BASE_ID: Final = "5a2db0c5-7e3b-4000-8000-0000000000b0"
CREATED: Final = datetime(2024, 11, 22, tzinfo=UTC).timestamp()
PREFIX: Final = "/knowledgeBases"

_ROUTES: Final = (
    ("GET", re.compile(r"/knowledgeBases/?"), "ListKnowledgeBases"),
    (
        "GET",
        re.compile(r"/knowledgeBases/(?P<knowledgeBaseId>[^/]+)/messageTemplates/?"),
        "ListMessageTemplates",
    ),
    (
        "POST",
        re.compile(
            r"/knowledgeBases/(?P<knowledgeBaseId>[^/]+)/messageTemplates/"
            r"(?P<messageTemplateId>[^/]+)/render/?"
        ),
        "RenderMessageTemplate",
    ),
)
#: The variable prefixes and the request's attribute groups that fill them.
_GROUPS: Final = (
    ("Custom", "customAttributes"),
    ("Customer", "customerProfileAttributes"),
    ("Agent", "agentAttributes"),
    ("System", "systemAttributes"),
)
_VARIABLE: Final = re.compile(r"\{\{\s*(Attributes\.[A-Za-z0-9_.-]+)\s*\}\}")


@dataclass(frozen=True)
class Template:
    """An email message template: its name, subject and plain-text and HTML bodies."""

    id: str
    name: str
    subject: str
    text: str
    html: str


def _template(name: str, subject: str, text: str) -> Template:
    template_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{KNOWLEDGE_BASE_ID}/{name}"))
    html = "".join(f"<p>{line}</p>" for line in text.split("\n") if line)
    return Template(template_id, name, subject, text, html)


TEMPLATES: Final = {
    t.id: t
    for t in (
        _template(
            "Order shipped",
            "Your order {{Attributes.Custom.order}} is on its way",
            "Hello {{Attributes.Customer.FirstName}},\n"
            "order {{Attributes.Custom.order}} left our warehouse today.\n"
            "{{Attributes.Agent.FirstName}}, customer care",
        ),
        _template(
            "Refund issued",
            "Refund for order {{Attributes.Custom.order}}",
            "Hello {{Attributes.Customer.FirstName}},\n"
            "we refunded {{Attributes.Custom.amount}} to your card.",
        ),
    )
}


def routes(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    """The operation and path parameters of a qconnect request, or None when not one."""
    for route_method, pattern, operation in _ROUTES:
        found = pattern.fullmatch(path)
        if found and route_method == method:
            return operation, {k: unquote(v) for k, v in found.groupdict().items()}
    return None


def run(operation: str, request: dict[str, Any], region: str, account: str) -> dict[str, Any]:
    """Answer one qconnect operation (ServiceError for a refusal)."""
    kb_arn = f"arn:aws:wisdom:{region}:{account}:knowledge-base/{KNOWLEDGE_BASE_ID}"
    if operation == "ListKnowledgeBases":
        summary = {
            "knowledgeBaseId": KNOWLEDGE_BASE_ID,
            "knowledgeBaseArn": kb_arn,
            "name": "connect-tui sandbox templates",
            "knowledgeBaseType": "MESSAGE_TEMPLATES",
            "status": "ACTIVE",
        }
        return _page([summary], request, "knowledgeBaseSummaries")
    _knowledge_base(request)
    if operation == "ListMessageTemplates":
        summaries = [
            {
                "messageTemplateArn": f"{kb_arn.replace('knowledge-base', 'message-template')}"
                f"/{t.id}",
                "messageTemplateId": t.id,
                "knowledgeBaseArn": kb_arn,
                "knowledgeBaseId": KNOWLEDGE_BASE_ID,
                "name": t.name,
                "channelSubtype": "EMAIL",
                "createdTime": CREATED,
                "lastModifiedTime": CREATED,
                "lastModifiedBy": f"arn:aws:iam::{account}:user/sandbox",
            }
            for t in TEMPLATES.values()
        ]
        return _page(summaries, request, "messageTemplateSummaries")
    return render(request)


def render(request: dict[str, Any]) -> dict[str, Any]:
    """RenderMessageTemplate: the email with its variables filled, and those that were not."""
    template_id = str(request.get("messageTemplateId", "")).split(":", 1)[0]  # a qualifier
    template = TEMPLATES.get(template_id)
    if template is None:
        raise ServiceError("ResourceNotFoundException", f"message template {template_id} not found")
    values = _values(request.get("attributes") or {})
    missing: list[str] = []

    def fill(text: str) -> str:
        def one(found: re.Match[str]) -> str:
            key = found.group(1)
            if key in values:
                return values[key]
            if key not in missing:
                missing.append(key)
            return found.group(0)

        return _VARIABLE.sub(one, text)

    content = {
        "email": {
            "subject": fill(template.subject),  # a string; the bodies are content providers
            "body": {
                "plainText": {"content": fill(template.text)},
                "html": {"content": fill(template.html)},
            },
        }
    }
    answer: dict[str, Any] = {"content": content}
    if missing:
        answer["attributesNotInterpolated"] = missing
    return answer


def _values(attributes: dict[str, Any]) -> dict[str, str]:
    """`Attributes.X.Y` -> value, from the request's attribute groups."""
    values: dict[str, str] = {}
    for prefix, member in _GROUPS:
        for name, value in (attributes.get(member) or {}).items():
            if isinstance(value, str):
                key = name if prefix == "Custom" else name[:1].upper() + name[1:]
                values[f"Attributes.{prefix}.{key}"] = value
    return values


def _knowledge_base(request: dict[str, Any]) -> None:
    reference = str(request.get("knowledgeBaseId", ""))
    if reference.rsplit("/", 1)[-1] != KNOWLEDGE_BASE_ID:
        raise ServiceError(
            "ResourceNotFoundException",
            f"knowledge base {reference} not found (the sandbox's is {KNOWLEDGE_BASE_ID})",
        )


def _page(items: list[dict[str, Any]], request: dict[str, Any], member: str) -> dict[str, Any]:
    """The shared pager, with qconnect's lower-case nextToken and maxResults."""
    asked = {"NextToken": request.get("nextToken", "0"), "MaxResults": request.get("maxResults")}
    answer = page(items, asked, member)
    if "NextToken" in answer:
        answer["nextToken"] = answer.pop("NextToken")
    return answer
