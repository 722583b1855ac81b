"""Hostile text and drafts shared by the hostile-input tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from connect_tui.core import profiles
from connect_tui.core.model import Draft, Target
from connect_tui.core.safe_text import UNSAFE
from tests.drafts import typical_inbound_request

#: What an attacker would write: retitle the terminal (OSC 0 ... BEL), clear it (CSI 2J),
#: an 8-bit CSI (U+009B), a right-to-left override and an isolate.
ATTACKS: dict[str, str] = {
    "osc": "\x1b]0;PWNED\x07",
    "csi": "\x1b[2J\x1b[31m",
    "c1": "\x9b2J\x9d0;PWNED\x9c",
    "bidi": "\u202eevil\u202c\u2066x\u2069",
    "del": "a\x7fb\x00c",
}
ALL = "".join(ATTACKS.values())

#: The text fields of an inbound request a hostile profile fills (path, as a list of keys).
TEXT_FIELDS: list[tuple[str, ...]] = [
    ("Name",),
    ("Description",),
    ("FromEmailAddress", "DisplayName"),
    ("FromEmailAddress", "EmailAddress"),
    ("DestinationEmailAddress",),
    ("EmailMessage", "RawMessage", "Subject"),
    ("EmailMessage", "RawMessage", "Body"),
    ("Attributes", "order_id"),
    ("References", "order", "Value"),
]


def raw_unsafe(text: str, *, allow: str = "\n") -> list[str]:
    """The unsafe characters in `text` (newlines allowed unless told)."""
    return sorted({c for c in text if ord(c) in UNSAFE and c not in allow})


def hostile_request(attack: str = ALL) -> dict[str, Any]:
    """An inbound request with `attack` in every text field, and as an attribute key."""
    request = copy.deepcopy(typical_inbound_request())
    for path in TEXT_FIELDS:
        node = request
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = f"{node[path[-1]]}{attack}"
    request["Attributes"][f"k{attack}"] = "v"
    return request


def hostile_draft(attack: str = ALL, *, endpoint_url: str | None = None) -> Draft:
    """A draft named and targeted with hostile text, with it in every text field too."""
    return Draft(
        name="vip",
        target=Target(endpoint_url=endpoint_url),
        variables={f"v{attack}": attack},
        request=hostile_request(attack),
    )


def save_hostile(folder: Path, attack: str = ALL, **options: Any) -> Path:
    """Save a hostile draft as FOLDER/vip.toml; return its path."""
    path = folder / "vip.toml"
    profiles.save(hostile_draft(attack, **options), path)
    return path
