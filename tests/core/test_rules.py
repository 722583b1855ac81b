"""Every prose rule, on both sides of its boundary, with multibyte text where bytes count."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.problems import Problem
from connect_tui.core.rules import ATTRIBUTE_BYTES, MAX_EXPIRY_MINUTES, REFERENCE_BYTES, utf8_size
from connect_tui.core.segments import expiry_value
from connect_tui.core.validation import validate_request
from tests.drafts import typical_inbound_request, typical_outbound_request


def inbound(**changes: Any) -> dict[str, Any]:
    request = typical_inbound_request()
    request.update(copy.deepcopy(changes))
    return request


def outbound(**changes: Any) -> dict[str, Any]:
    request = typical_outbound_request()
    request.update(copy.deepcopy(changes))
    return request


def by_path(operation: str, request: dict[str, Any]) -> dict[str, Problem]:
    return {p.path: p for p in validate_request(operation, request)}


def errors(operation: str, request: dict[str, Any]) -> dict[str, Problem]:
    return {path: p for path, p in by_path(operation, request).items() if p.is_error}


def addresses(prefix: str, count: int) -> list[dict[str, str]]:
    return [{"EmailAddress": f"{prefix}{i}@example.com"} for i in range(count)]


# Recipients ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("to", "cc"), [(49, 0), (0, 49), (25, 24)])
def test_inbound_allows_49_additional_recipients(to: int, cc: int) -> None:
    recipients = {"ToAddresses": addresses("to", to), "CcAddresses": addresses("cc", cc)}
    recipients = {k: v for k, v in recipients.items() if v}
    assert errors(INBOUND, inbound(AdditionalRecipients=recipients)) == {}


@pytest.mark.parametrize(("to", "cc"), [(50, 0), (0, 50), (25, 25)])
def test_inbound_refuses_50_additional_recipients(to: int, cc: int) -> None:
    recipients = {"ToAddresses": addresses("to", to), "CcAddresses": addresses("cc", cc)}
    recipients = {k: v for k, v in recipients.items() if v}
    found = errors(INBOUND, inbound(AdditionalRecipients=recipients))
    assert "AdditionalRecipients" in found
    assert f"To {to} + Cc {cc}" in found["AdditionalRecipients"].message
    assert "at most 49" in found["AdditionalRecipients"].message


def test_outbound_allows_49_cc_and_refuses_50() -> None:
    ok = outbound(AdditionalRecipients={"CcEmailAddresses": addresses("cc", 49)})
    assert errors(OUTBOUND, ok) == {}
    bad = outbound(AdditionalRecipients={"CcEmailAddresses": addresses("cc", 50)})
    assert "AdditionalRecipients.CcEmailAddresses" in errors(OUTBOUND, bad)


def test_outbound_has_no_to_list() -> None:
    bad = outbound(AdditionalRecipients={"ToAddresses": addresses("to", 1)})
    found = errors(OUTBOUND, bad)
    assert found["AdditionalRecipients.ToAddresses"].code == "unknown"
    assert "CcEmailAddresses" in found["AdditionalRecipients.ToAddresses"].message


def test_repeated_recipient_is_a_warning() -> None:
    request = inbound(
        AdditionalRecipients={
            "ToAddresses": [{"EmailAddress": "BOB@example.com"}],
            "CcAddresses": [{"EmailAddress": "bob@example.com"}],
        }
    )
    found = by_path(INBOUND, request)
    assert found["AdditionalRecipients.CcAddresses[0]"].severity == "warning"
    assert (
        "AdditionalRecipients.ToAddresses[0]"
        in found["AdditionalRecipients.CcAddresses[0]"].message
    )


# Email addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["a@b.co", "first.last+tag@sub.example.org", "ü@exämple.de", "x" * 240 + "@example.com"],
)
def test_valid_addresses(address: str) -> None:
    assert len(address) <= 255
    assert errors(INBOUND, inbound(FromEmailAddress={"EmailAddress": address})) == {}


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("alice", "not an email address"),
        ("alice@example", "not an email address"),
        ("al ice@example.com", "not an email address"),
        ("a@b@c.com", "not an email address"),
        ("x" * 244 + "@example.com", "256 characters long; 1 to 255"),
        ("", "must not be empty"),
    ],
)
def test_invalid_addresses(address: str, words: str) -> None:
    found = errors(INBOUND, inbound(FromEmailAddress={"EmailAddress": address}))
    assert words in found["FromEmailAddress.EmailAddress"].message


def test_display_name_counts_characters_not_bytes() -> None:
    ok = inbound(FromEmailAddress={"EmailAddress": "a@b.co", "DisplayName": "名" * 256})
    assert errors(INBOUND, ok) == {}
    bad = inbound(FromEmailAddress={"EmailAddress": "a@b.co", "DisplayName": "名" * 257})
    assert "FromEmailAddress.DisplayName" in errors(INBOUND, bad)


# Attributes ---------------------------------------------------------------------------------


def attributes_of_bytes(total: int, char: str) -> dict[str, str]:
    key = "k"
    width = utf8_size(char)
    count, rest = divmod(total - utf8_size(key), width)
    return {key: char * count + "a" * rest}


@pytest.mark.parametrize(
    "char", ["a", "é", "€", "😀"], ids=["1 byte", "2 bytes", "3 bytes", "4 bytes"]
)
def test_attributes_allow_exactly_32768_bytes(char: str) -> None:
    table = attributes_of_bytes(ATTRIBUTE_BYTES, char)
    assert sum(utf8_size(k) + utf8_size(v) for k, v in table.items()) == ATTRIBUTE_BYTES
    assert "Attributes" not in errors(INBOUND, inbound(Attributes=table))


@pytest.mark.parametrize(
    "char", ["a", "é", "€", "😀"], ids=["1 byte", "2 bytes", "3 bytes", "4 bytes"]
)
def test_attributes_refuse_32769_bytes(char: str) -> None:
    table = attributes_of_bytes(ATTRIBUTE_BYTES + 1, char)
    found = errors(INBOUND, inbound(Attributes=table))
    assert "32,769 bytes" in found["Attributes"].message


def test_attribute_bytes_count_keys_too() -> None:
    table = {"k" * 100: "v" * (ATTRIBUTE_BYTES - 99)}
    assert "Attributes" in errors(INBOUND, inbound(Attributes=table))


@pytest.mark.parametrize("key", ["order_id", "Order-ID-2", "x"])
def test_attribute_keys_allowed(key: str) -> None:
    assert errors(INBOUND, inbound(Attributes={key: "v"})) == {}


@pytest.mark.parametrize("key", ["order id", "order.id", "bestellnr_ü", "a/b", "a:b"])
def test_attribute_keys_refused(key: str) -> None:
    found = errors(INBOUND, inbound(Attributes={key: "v"}))
    path = f'Attributes["{key}"]'
    assert path in found
    assert "letters, digits, '-' and '_'" in found[path].message


def test_attribute_key_must_not_be_empty() -> None:
    assert 'Attributes[""]' in errors(INBOUND, inbound(Attributes={"": "v"}))


def test_attributes_rules_apply_to_create_contact() -> None:
    request = {
        "InstanceId": "i",
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": "u"},
        "Attributes": {"bad key": "v"},
    }
    assert 'Attributes["bad key"]' in errors(CREATE_CONTACT, request)


# References ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["URL", "NUMBER", "STRING", "DATE"])
def test_reference_types_allowed_at_creation(kind: str) -> None:
    value = {"URL": "https://x.example", "NUMBER": "12.5", "STRING": "s", "DATE": "1767225600"}[
        kind
    ]
    assert errors(INBOUND, inbound(References={"r": {"Type": kind, "Value": value}})) == {}


@pytest.mark.parametrize(
    "kind", ["EMAIL", "EMAIL_MESSAGE", "ATTACHMENT", "CONTACT_ANALYSIS", "EMAIL_MESSAGE_REDACTED"]
)
def test_reference_types_refused_at_creation(kind: str) -> None:
    found = errors(INBOUND, inbound(References={"r": {"Type": kind, "Value": "x"}}))
    assert "URL, NUMBER, STRING, DATE" in found['References["r"].Type'].message


def test_unknown_reference_type_is_an_enum_error() -> None:
    found = errors(INBOUND, inbound(References={"r": {"Type": "LINK", "Value": "x"}}))
    assert found['References["r"].Type'].code == "enum"


@pytest.mark.parametrize("value", ["0", "1767225600", "1767225600000"])
def test_date_reference_epoch_accepted(value: str) -> None:
    assert errors(INBOUND, inbound(References={"d": {"Type": "DATE", "Value": value}})) == {}


@pytest.mark.parametrize("value", ["2026-01-01", "yesterday", "-5", "1.5", "12345678901234"])
def test_date_reference_not_epoch_refused(value: str) -> None:
    found = errors(INBOUND, inbound(References={"d": {"Type": "DATE", "Value": value}}))
    assert "epoch" in found['References["d"].Value'].message


def test_number_reference_must_be_a_number() -> None:
    found = errors(INBOUND, inbound(References={"n": {"Type": "NUMBER", "Value": "twelve"}}))
    assert 'References["n"].Value' in found


def test_url_reference_that_is_not_a_url_is_a_warning() -> None:
    found = by_path(INBOUND, inbound(References={"u": {"Type": "URL", "Value": "example.com"}}))
    assert found['References["u"].Value'].severity == "warning"


def references_of_bytes(total: int, char: str) -> dict[str, dict[str, str]]:
    name = "r"
    count, rest = divmod(total - 1, utf8_size(char))
    return {name: {"Type": "STRING", "Value": char * count + "a" * rest}}


@pytest.mark.parametrize("char", ["a", "ß", "€"])
def test_references_allow_4096_bytes_refuse_4097(char: str) -> None:
    assert errors(INBOUND, inbound(References=references_of_bytes(REFERENCE_BYTES, char))) == {}
    found = errors(INBOUND, inbound(References=references_of_bytes(REFERENCE_BYTES + 1, char)))
    assert "4,097 bytes" in found["References"].message


# Segment attributes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        {"tier": {"ValueString": "gold"}},
        {"count": {"ValueInteger": 3}},
        {"profile": {"ValueMap": {"plan": {"ValueString": "pro"}, "seats": {"ValueInteger": 5}}}},
        {"connect:Subtype": {"ValueString": "connect:Guide"}},
        {"connect:Tags": {"ValueList": [{"ValueString": "a"}, {"ValueString": "b"}]}},
        {"connect:Thing": {"ValueArn": "arn:aws:connect:us-east-1:123456789012:instance/x"}},
        {"connect:Deep": {"ValueMap": {"list": {"ValueList": [{"ValueInteger": 1}]}}}},
    ],
    ids=["string", "integer", "map", "system string", "system list", "system arn", "nested list"],
)
def test_segment_attributes_allowed(table: dict[str, Any]) -> None:
    assert errors(INBOUND, inbound(SegmentAttributes=table)) == {}


@pytest.mark.parametrize("key", ["my key", "tier!", "connect:", "connect:bad key", "ü"])
def test_segment_keys_refused(key: str) -> None:
    found = errors(INBOUND, inbound(SegmentAttributes={key: {"ValueString": "x"}}))
    assert f'SegmentAttributes["{key}"]' in found


def test_nested_segment_keys_are_checked() -> None:
    table = {"profile": {"ValueMap": {"bad key": {"ValueString": "x"}}}}
    found = errors(INBOUND, inbound(SegmentAttributes=table))
    assert 'SegmentAttributes["profile"].ValueMap["bad key"]' in found


def test_segment_value_setting_nothing_is_refused() -> None:
    found = errors(INBOUND, inbound(SegmentAttributes={"tier": {}}))
    assert "sets no value" in found['SegmentAttributes["tier"]'].message


def test_segment_value_setting_two_kinds_is_refused() -> None:
    table = {"tier": {"ValueString": "gold", "ValueMap": {}}}
    found = errors(INBOUND, inbound(SegmentAttributes=table))
    assert "set exactly one" in found['SegmentAttributes["tier"]'].message


@pytest.mark.parametrize("kind", ["ValueList", "ValueArn"])
def test_list_and_arn_only_for_system_keys(kind: str) -> None:
    value = [{"ValueString": "a"}] if kind == "ValueList" else "arn:aws:connect:::x"
    found = errors(INBOUND, inbound(SegmentAttributes={"mine": {kind: value}}))
    assert "only for system keys" in found[f'SegmentAttributes["mine"].{kind}'].message


def test_list_inside_a_user_map_is_refused_too() -> None:
    table = {"mine": {"ValueMap": {"tags": {"ValueList": [{"ValueString": "a"}]}}}}
    found = errors(INBOUND, inbound(SegmentAttributes=table))
    assert 'SegmentAttributes["mine"].ValueMap["tags"].ValueList' in found


EXPIRY = 'SegmentAttributes["connect:ContactExpiry"].ValueMap["ExpiryDuration"].ValueInteger'


@pytest.mark.parametrize("minutes", [1, 1440, MAX_EXPIRY_MINUTES])
def test_contact_expiry_allowed(minutes: int) -> None:
    table = {"connect:ContactExpiry": expiry_value(minutes)}
    assert errors(INBOUND, inbound(SegmentAttributes=table)) == {}


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(0, "at least 1"), (-5, "at least 1"), (MAX_EXPIRY_MINUTES + 1, "90 days")],
)
def test_contact_expiry_refused(minutes: int, words: str) -> None:
    table = {"connect:ContactExpiry": expiry_value(minutes)}
    assert words in errors(INBOUND, inbound(SegmentAttributes=table))[EXPIRY].message


def test_contact_expiry_of_the_wrong_shape_is_explained() -> None:
    table = {"connect:ContactExpiry": {"ValueInteger": 1440}}
    found = errors(INBOUND, inbound(SegmentAttributes=table))
    assert "ExpiryDuration" in found['SegmentAttributes["connect:ContactExpiry"]'].message


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


# Client token and CreateContact ----------------------------------------------------------------


def test_client_token_length_and_fixed_token_warning() -> None:
    found = by_path(INBOUND, inbound(ClientToken="t" * 500))
    assert found["ClientToken"].severity == "warning"
    found = errors(INBOUND, inbound(ClientToken="t" * 501))
    assert "at most 500" in found["ClientToken"].message


def chain(**changes: Any) -> dict[str, Any]:
    request = {
        "InstanceId": "i",
        "Channel": "EMAIL",
        "InitiationMethod": "OUTBOUND",
        "UserInfo": {"UserId": "agent-1"},
    }
    request.update(changes)
    return request


def test_create_contact_for_email_is_valid() -> None:
    assert by_path(CREATE_CONTACT, chain()) == {}
    assert (
        by_path(CREATE_CONTACT, chain(InitiationMethod="AGENT_REPLY", RelatedContactId="c1")) == {}
    )


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"Channel": "VOICE"}, "Channel"),
        ({"InitiationMethod": "INBOUND"}, "InitiationMethod"),
        ({"UserInfo": {}}, "UserInfo.UserId"),
        ({"InitiationMethod": "AGENT_REPLY"}, "RelatedContactId"),
    ],
)
def test_create_contact_rules(changes: dict[str, Any], path: str) -> None:
    assert path in errors(CREATE_CONTACT, chain(**changes))


@pytest.mark.parametrize("minutes", [0, 7 * 24 * 60 + 1, MAX_EXPIRY_MINUTES + 1])
def test_create_contact_expiry_outside_a_week_is_only_a_warning(minutes: int) -> None:
    # Issue 11 item 7. botocore's model and the API Reference (API_CreateContact.html) give
    # ExpiryDurationInMinutes no range; only the agent workspace guide does, for a draft:
    # "Minimum is 1 minute, Maximum is 1 week" (3p-apps-email-requests-createdraftemail.html).
    found = by_path(CREATE_CONTACT, chain(ExpiryDurationInMinutes=minutes))
    problem = found["ExpiryDurationInMinutes"]
    assert not problem.is_error and problem.rule_id == "create-contact.expiry"
    assert "1 week" in problem.message


@pytest.mark.parametrize("minutes", [1, 12 * 60, 7 * 24 * 60])
def test_create_contact_expiry_within_a_week_is_quiet(minutes: int) -> None:
    assert by_path(CREATE_CONTACT, chain(ExpiryDurationInMinutes=minutes)) == {}
