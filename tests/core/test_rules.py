"""Every prose rule of the request's own members, on both sides of its boundary, with multibyte
text where bytes count (the message's rules: test_rules_message.py; CreateContact's:
test_rules_contact.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND
from connect_tui.core.rules import ATTRIBUTE_BYTES, MAX_EXPIRY_MINUTES, REFERENCE_BYTES, utf8_size
from connect_tui.core.segments import expiry_value
from tests.core.rule_requests import addresses, by_path, errors, inbound, outbound

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
