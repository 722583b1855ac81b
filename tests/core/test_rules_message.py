"""The prose rules of the email message (core.rules_message): source, content type, subject,
headers, SES verdicts and attachments, on both sides of each boundary.
"""

from __future__ import annotations

from typing import Any

import pytest

from connect_tui.core.model import INBOUND, OUTBOUND
from tests.core.rule_requests import by_path, errors, inbound, outbound

# Email message ------------------------------------------------------------------------------


def test_raw_needs_raw_message() -> None:
    found = errors(INBOUND, inbound(EmailMessage={"MessageSourceType": "RAW"}))
    assert "RAW" in found["EmailMessage.RawMessage"].message


def test_template_needs_templated_message_config() -> None:
    found = errors(OUTBOUND, outbound(EmailMessage={"MessageSourceType": "TEMPLATE"}))
    assert "EmailMessage.TemplatedMessageConfig" in found


def test_template_outbound_is_valid() -> None:
    message = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "kb-1",
            "MessageTemplateId": "tmpl-1:$LATEST",
            "TemplateAttributes": {"CustomAttributes": {"name": "Alice"}},
        },
    }
    assert errors(OUTBOUND, outbound(EmailMessage=message)) == {}


def test_template_with_a_raw_message_too_is_refused() -> None:
    message = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": "kb",
            "MessageTemplateId": "t",
            "TemplateAttributes": {},
        },
        "RawMessage": {"Subject": "s", "Body": "b", "ContentType": "text/plain"},
    }
    assert "EmailMessage.RawMessage" in errors(OUTBOUND, outbound(EmailMessage=message))


def test_template_is_outbound_only() -> None:
    request = inbound()
    request["EmailMessage"]["MessageSourceType"] = "TEMPLATE"
    found = errors(INBOUND, request)
    assert "use one of: RAW" in found["EmailMessage.MessageSourceType"].message


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_content_types_allowed(content_type: str) -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["ContentType"] = content_type
    assert errors(INBOUND, request) == {}


@pytest.mark.parametrize("content_type", ["text/markdown", "TEXT/PLAIN", "application/json"])
def test_content_types_refused(content_type: str) -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["ContentType"] = content_type
    assert "EmailMessage.RawMessage.ContentType" in errors(INBOUND, request)


def test_inbound_subject_may_be_empty_outbound_may_not() -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Subject"] = ""
    assert errors(INBOUND, request) == {}
    request = outbound()
    request["EmailMessage"]["RawMessage"]["Subject"] = ""
    assert (
        "must not be empty" in errors(OUTBOUND, request)["EmailMessage.RawMessage.Subject"].message
    )


@pytest.mark.parametrize("operation", [INBOUND, OUTBOUND])
def test_subject_at_most_998_characters(operation: str) -> None:
    request = inbound() if operation == INBOUND else outbound()
    request["EmailMessage"]["RawMessage"]["Subject"] = "ä" * 998
    assert errors(operation, request) == {}
    request["EmailMessage"]["RawMessage"]["Subject"] = "ä" * 999
    assert "999 characters" in errors(operation, request)["EmailMessage.RawMessage.Subject"].message


@pytest.mark.parametrize("key", ["REFERENCES", "MESSAGE_ID", "IN_REPLY_TO"])
def test_allowed_header_keys(key: str) -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {key: "<a@b>"}
    assert errors(INBOUND, request) == {}


def test_headers_are_inbound_only() -> None:
    request = outbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {"MESSAGE_ID": "<a@b>"}
    assert errors(OUTBOUND, request)["EmailMessage.RawMessage.Headers"].code == "unknown"


@pytest.mark.parametrize("verdict", ["PASS", "FAIL", "GRAY", "PROCESSING_FAILED"])
def test_ses_verdicts_allowed(verdict: str) -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {
        "X_SES_SPAM_VERDICT": verdict,
        "X_SES_VIRUS_VERDICT": verdict,
    }
    assert errors(INBOUND, request) == {}


def test_ses_verdict_refused() -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {"X_SES_VIRUS_VERDICT": "CLEAN"}
    found = errors(INBOUND, request)
    assert (
        "PASS, FAIL, GRAY"
        in found['EmailMessage.RawMessage.Headers["X_SES_VIRUS_VERDICT"]'].message
    )


def test_header_value_length() -> None:
    request = inbound()
    request["EmailMessage"]["RawMessage"]["Headers"] = {"REFERENCES": "r" * 20_000}
    assert errors(INBOUND, request) == {}
    request["EmailMessage"]["RawMessage"]["Headers"] = {"REFERENCES": "r" * 20_001}
    assert 'EmailMessage.RawMessage.Headers["REFERENCES"]' in errors(INBOUND, request)


# Attachments --------------------------------------------------------------------------------

SIGNED = "https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Signature=abc"


def attachment(name: str, url: str = SIGNED) -> dict[str, Any]:
    return inbound(Attachments=[{"FileName": name, "S3Url": url}])


@pytest.mark.parametrize("name", ["report.pdf", "Übersicht.xlsx", "photo.JPEG", "notes.txt"])
def test_attachment_names_allowed(name: str) -> None:
    assert by_path(INBOUND, attachment(name)) == {}


@pytest.mark.parametrize("name", ["a\tb.pdf", "line\nbreak.pdf", "bell\x07.pdf", "rtl\u202e.pdf"])
def test_attachment_names_with_control_characters_refused(name: str) -> None:
    assert (
        "control character" in errors(INBOUND, attachment(name))["Attachments[0].FileName"].message
    )


@pytest.mark.parametrize("name", ["setup.exe", "archive.zip", "README"])
def test_attachment_types_outside_defaults_warned(name: str) -> None:
    found = by_path(INBOUND, attachment(name))
    assert found["Attachments[0].FileName"].severity == "warning"


def test_attachment_url_must_be_a_url() -> None:
    found = errors(INBOUND, attachment("a.pdf", "s3://bucket/a.pdf"))
    assert "presigned" in found["Attachments[0].S3Url"].message


def test_unsigned_attachment_url_is_a_warning() -> None:
    found = by_path(INBOUND, attachment("a.pdf", "https://bucket.s3.amazonaws.com/a.pdf"))
    assert found["Attachments[0].S3Url"].severity == "warning"


def test_at_most_50_attachments() -> None:
    items = [{"FileName": f"f{i}.pdf", "S3Url": SIGNED} for i in range(50)]
    assert errors(INBOUND, inbound(Attachments=items)) == {}
    items.append({"FileName": "f50.pdf", "S3Url": SIGNED})
    assert "51 items" in errors(INBOUND, inbound(Attachments=items))["Attachments"].message
