"""The composer in a real terminal, typed into at full speed: one send-keys of text, backspaces,
cursor keys, Tab, alt+letter and ctrl+n between the letters, read many keys at a time (the
app types a read's keys that stay in one field at once: connect_tui.ui.key_burst); the saved
profile must be exactly what the keys describe. Played like tests/test_tmux_scenarios.py's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core.model import Draft
from tests.test_tmux_scenarios import COMMAND, SIZES
from tests.tmux_scenarios import Keys, Scenario, diff, run
from tests.tmux_session import tmux_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install tmux)"),
]


def _bursts(draft: Draft) -> Draft:
    draft.request["FromEmailAddress"] = {"EmailAddress": "bob@example.org", "DisplayName": "Bob B"}
    draft.request["AdditionalRecipients"] = {
        "ToAddresses": [
            {"EmailAddress": "to1@example.com", "DisplayName": "To One"},
            {"EmailAddress": "to2@example.com"},
        ]
    }
    raw = draft.request["EmailMessage"]["RawMessage"]
    raw["Subject"] = "Order 1234 delayed"
    raw["Body"] = "Hi\nthere"
    return draft


BURSTS = Scenario(
    "bursts",
    (
        # One send-keys: text with backspaces, cursor keys, Tab, alt+letter and ctrl+n
        # between the letters, as a fast typist's keys come (read many at a time).
        Keys(
            "M-a", "End", "C-u", "bob@exampel", "BSpace", "BSpace", "le.org",
            "Tab", "End", "C-u", "Bxb", "Left", "BSpace", "o", "End", " B",
            "M-r", "C-n", "to1@example.com", "Tab", "To Onx", "BSpace", "e",
            "C-n", "to2@exampel", "BSpace", "BSpace", "le.com",
            "M-m", "End", "C-u", "Order 12345", "BSpace", " delayed",
            "Tab", "Tab", "F7", "Hi", "Enter", "therx", "BSpace", "e",
            "C-s",
        ),
    ),
    _bursts,
)  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_bursts_of_mixed_keys_save_exactly_what_was_typed(
    size: tuple[int, int], profiles_dir: Path, cli_env: dict[str, str]
) -> None:
    expected, saved, screen = run(
        BURSTS, size=size, env=cli_env, profiles_dir=profiles_dir, command=COMMAND
    )
    assert saved == expected, f"{diff(expected, saved)}\nthe screen:\n{screen}"
