"""Provides the catalog of the rules the validator enforces: each rule's id, words and source.

Every Problem the validator makes names one of these ids (`Problem.rule_id`), and
docs/service-rules.md lists every id with its source address (a test keeps the two in
step). The model's own constraints are one rule per kind of check (`model.length`, ...),
read from botocore's model at run time; the others are the rules AWS documents in prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

API = "https://docs.aws.amazon.com/connect/latest/APIReference/"
ADMIN = "https://docs.aws.amazon.com/connect/latest/adminguide/"
MODEL = (
    "https://github.com/boto/botocore/blob/develop/botocore/data/connect/2017-08-08/service-2.json"
)
WORKSPACE_DRAFT = (
    "https://docs.aws.amazon.com/agentworkspace/latest/devguide/"
    "3p-apps-email-requests-createdraftemail.html"
)
SES_CONNECT_ACTION = "https://docs.aws.amazon.com/ses/latest/APIReference/API_ConnectAction.html"
IDEMPOTENCY = "https://aws.amazon.com/builders-library/making-retries-safe-with-idempotent-APIs/"
README = "README.md"  # the project's own conventions (variables, targets), not AWS's


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule: what it says, and the address of the document it comes from."""

    summary: str
    source: str


CATALOG: Final[dict[str, RuleInfo]] = {
    # botocore's model, one rule per kind of check (shape_check.py).
    "model.required": RuleInfo("a member the model marks required is present", MODEL),
    "model.type": RuleInfo("each value has the model's type", MODEL),
    "model.unknown": RuleInfo("no member the model does not define", MODEL),
    "model.length": RuleInfo("text within the model's min and max length", MODEL),
    "model.range": RuleInfo("numbers within the model's min and max", MODEL),
    "model.size": RuleInfo("lists and maps within the model's min and max items", MODEL),
    "model.pattern": RuleInfo("text matches the model's pattern", MODEL),
    "model.enum": RuleInfo("text is one of the model's enum values", MODEL),
    # Recipients.
    "recipients.inbound-count": RuleInfo(
        "inbound: at most 49 To and Cc together besides the destination",
        API + "API_InboundAdditionalRecipients.html",
    ),
    "recipients.outbound-count": RuleInfo(
        "outbound: at most 49 Cc besides the destination",
        API + "API_OutboundAdditionalRecipients.html",
    ),
    "recipients.repeated": RuleInfo(
        "warning: an address given twice (the docs are silent; a duplicate is likely a slip)",
        API + "API_StartEmailContact.html",
    ),
    # Attributes and references.
    "attributes.key-chars": RuleInfo(
        "attribute keys use only letters, digits, - and _", API + "API_StartEmailContact.html"
    ),
    "attributes.bytes": RuleInfo(
        "at most 32,768 UTF-8 bytes across all attribute keys and values",
        API + "API_StartEmailContact.html",
    ),
    "references.type-at-creation": RuleInfo(
        "only URL, NUMBER, STRING and DATE references when an email contact is created",
        API + "API_StartEmailContact.html",
    ),
    "references.date-epoch": RuleInfo(
        "a DATE reference is an epoch timestamp", API + "API_Reference.html"
    ),
    "references.number": RuleInfo("a NUMBER reference is a number", API + "API_Reference.html"),
    "references.url": RuleInfo(
        "warning: a URL reference that does not start with http(s)://",
        API + "API_Reference.html",
    ),
    "references.bytes": RuleInfo(
        "at most 4,096 UTF-8 bytes across all reference names and values",
        API + "API_StartEmailContact.html",
    ),
    # Segment attributes.
    "segments.arn": RuleInfo(
        "a ValueArn is an ARN (arn:partition:service:region:account:resource)",
        API + "API_SegmentAttributeValue.html",
    ),
    "map.repeated-name": RuleInfo(
        "a name is used once in References and in Attributes (each is a map)",
        API + "API_StartEmailContact.html",
    ),
    "segments.key-chars": RuleInfo(
        "segment keys use letters, digits, - and _ (system keys start with connect:)",
        API + "API_StartEmailContact.html",
    ),
    "segments.one-kind": RuleInfo(
        "a segment value sets exactly one of its Value* members",
        API + "API_SegmentAttributeValue.html",
    ),
    "segments.system-only-kind": RuleInfo(
        "ValueList and ValueArn only for system-defined (connect:) keys",
        API + "API_SegmentAttributeValue.html",
    ),
    "segments.expiry-shape": RuleInfo(
        "connect:ContactExpiry is a ValueMap whose ExpiryDuration is a ValueInteger of minutes",
        API + "API_StartEmailContact.html",
    ),
    "segments.expiry-range": RuleInfo(
        "an email contact's expiry is 1 minute to 90 days (the API Reference documents the "
        "shape only; the 90 days were not found in the documents searched, see the page)",
        API + "API_StartEmailContact.html",
    ),
    # The message.
    "message.source-member": RuleInfo(
        "RAW needs RawMessage, TEMPLATE needs TemplatedMessageConfig",
        API + "API_OutboundEmailContent.html",
    ),
    "message.other-member": RuleInfo(
        "no RawMessage on a TEMPLATE message, no TemplatedMessageConfig on a RAW one",
        API + "API_OutboundEmailContent.html",
    ),
    "message.content-type": RuleInfo(
        "ContentType is text/plain or text/html", API + "API_InboundRawMessage.html"
    ),
    "message.ses-verdict": RuleInfo(
        "the SES verdict headers are PASS, FAIL, GRAY or PROCESSING_FAILED",
        "https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html",
    ),
    "message.body-bytes": RuleInfo(
        "the body is at most 5 MB of UTF-8 (5,242,880 bytes)", ADMIN + "feature-limits.html"
    ),
    # Attachments.
    "attachments.extension": RuleInfo(
        "warning: a file type outside Amazon Connect's default attachment types",
        ADMIN + "feature-limits.html",
    ),
    "attachments.url": RuleInfo(
        "an attachment is a presigned S3 URL (https://)", API + "API_EmailAttachment.html"
    ),
    "attachments.presigned": RuleInfo(
        "warning: an S3Url with no X-Amz-Signature is not presigned",
        API + "API_EmailAttachment.html",
    ),
    "attachments.count": RuleInfo(
        "warning: more than 10 attachments (the feature specifications' limit per email, and "
        "SES bounces received mail with more)",
        ADMIN + "feature-limits.html",
    ),
    # ClientToken.
    "client-token.fixed": RuleInfo(
        "warning: a fixed ClientToken makes every later send the same contact", IDEMPOTENCY
    ),
    # The CreateContact step.
    "create-contact.channel": RuleInfo(
        "an email contact is created with Channel EMAIL", API + "API_CreateContact.html"
    ),
    "create-contact.initiation-method": RuleInfo(
        "StartOutboundEmailContact sends contacts created OUTBOUND or AGENT_REPLY",
        API + "API_StartOutboundEmailContact.html",
    ),
    "create-contact.user": RuleInfo(
        "UserInfo.UserId is required for OUTBOUND and AGENT_REPLY email contacts",
        API + "API_CreateContact.html",
    ),
    "create-contact.related-contact": RuleInfo(
        "AGENT_REPLY names the contact replied to in RelatedContactId", WORKSPACE_DRAFT
    ),
    "create-contact.expiry": RuleInfo(
        "warning: ExpiryDurationInMinutes outside 1 minute to 1 week (the agent workspace's "
        "limit for a draft; the API Reference and the model give no range)",
        WORKSPACE_DRAFT,
    ),
    "draft.contact-id-and-chain": RuleInfo(
        "an outbound draft has a ContactId or creates its contact first, not both",
        API + "API_StartOutboundEmailContact.html",
    ),
    # The draft around the request: connect-tui's own conventions.
    "draft.operation": RuleInfo("the operation is StartEmailContact or its outbound twin", README),
    "draft.too-deep": RuleInfo("a request nested too deeply to check is refused", README),
    "variables.undefined": RuleInfo("every ${name} used is defined", README),
    "variables.name": RuleInfo("variable names use letters, digits and _", README),
    "variables.type": RuleInfo("variable values are text", README),
    "variables.unused": RuleInfo("warning: a variable defined but not used", README),
    "target.kind": RuleInfo("a target is sandbox or aws", README),
    "target.region": RuleInfo("an AWS Region looks like us-east-1", README),
    "target.endpoint": RuleInfo("an endpoint URL starts with http:// or https://", README),
    "target.credentials": RuleInfo("credentials is keyring or left out", README),
}


def info(rule_id: str) -> RuleInfo:
    """The rule with this id; KeyError names an id the catalog does not have."""
    return CATALOG[rule_id]
