"""Provides `split_addresses`: a list of email addresses as copied from a mail client.

Pasted into a recipient row, `Ann <ann@example.com>, "Lee, Bo" <bo@example.com>; c@x.io`
or one address a line becomes one recipient each (address and display name). The forms
are RFC 5322's, each read by the standard library's `email.utils.parseaddr`; entries are
separated by commas, semicolons (Outlook) or line breaks outside a quoted name. Whether
each address is valid is the validator's to say: nothing is dropped but empty entries.
"""

from __future__ import annotations

from email.utils import parseaddr
from typing import Final

#: Characters that separate entries, outside quotes.
_SEPARATORS: Final = ",;\n\r"


def _entries(text: str) -> list[str]:
    """`text` cut at commas, semicolons and line breaks that are outside a quoted name."""
    entries: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for character in text:
        if escaped:
            escaped = False
        elif character == "\\" and quoted:
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character in _SEPARATORS and not quoted:
            entries.append("".join(current))
            current = []
            continue
        current.append(character)
    entries.append("".join(current))
    return [entry.strip() for entry in entries if entry.strip()]


def split_addresses(text: str) -> list[tuple[str, str]] | None:
    """The (address, display name) entries of a pasted list; None when it is not a list.

    Text with no separator and no `<address>` form is not a list (it is pasted as text).
    """
    stripped = text.strip()
    if not stripped or not any(mark in stripped for mark in ",;\n\r<"):
        return None
    entries: list[tuple[str, str]] = []
    for entry in _entries(stripped):
        name, address = parseaddr(entry)
        if address and ("<" in entry or address == entry):
            entries.append((address.strip(), name.strip()))
        else:  # not a form parseaddr reads whole: kept as typed, for the validator to judge
            entries.append((entry, ""))
    return entries or None
