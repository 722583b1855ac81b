"""split_addresses: a pasted list of addresses as a mail client copies it."""

from __future__ import annotations

from connect_tui.core.address_list import split_addresses


def test_one_a_line_commas_semicolons_and_name_forms() -> None:
    assert split_addresses("a@x.io\nb@x.io\r\n") == [("a@x.io", ""), ("b@x.io", "")]
    text = 'Ann <ann@example.com>, "Lee, Bo" <bo@example.com>; c@x.io\n<d@x.io>'
    assert split_addresses(text) == [
        ("ann@example.com", "Ann"),
        ("bo@example.com", "Lee, Bo"),  # a comma inside quotes is part of the name
        ("c@x.io", ""),
        ("d@x.io", ""),
    ]
    assert split_addresses("Ann <a@x.io>") == [("a@x.io", "Ann")]


def test_plain_text_is_not_a_list_and_nothing_typed_is_dropped() -> None:
    assert split_addresses("just text") is None
    assert split_addresses("a@x.io") is None
    assert split_addresses("  ") is None
    assert split_addresses("a@x.io;; ,b@x.io,") == [("a@x.io", ""), ("b@x.io", "")]
    # Not an address: kept whole for the validator to flag, not cut to its first word.
    assert split_addresses("x y z, w") == [("x y z", ""), ("w", "")]
