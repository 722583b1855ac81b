"""connect_tui.core.safe_text: every unsafe character becomes a visible escape, losslessly in JSON."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_tui.core import safe_text
from tests.hostile.hostile_data import ALL, ATTACKS, raw_unsafe


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_shown_leaves_nothing_raw(attack: str) -> None:
    text = safe_text.shown(f"name{attack}\nnext")
    assert raw_unsafe(text, allow="") == []
    assert "\\n" in text  # one line: the newline is shown too


def test_shown_spells_escapes_as_python_does() -> None:
    assert safe_text.shown("\x1b]0;X\x07") == "\\x1b]0;X\\x07"
    assert safe_text.shown("\x9b\x7f") == "\\x9b\\x7f"
    assert safe_text.shown("\u202e\u2066") == "\\u202e\\u2066"
    assert safe_text.shown("\ud800") == "\\ud800"
    assert safe_text.shown("a\tb\nc", multiline=True) == "a\tb\nc"
    assert safe_text.shown("Grüße, 東京 ✓") == "Grüße, 東京 ✓"


def test_dumps_is_valid_json_of_the_same_value_with_nothing_raw() -> None:
    value = {f"k{ALL}": [ALL, "\ud800", "plain ü"]}
    text = safe_text.dumps(value, indent=2)
    assert raw_unsafe(text) == []
    assert json.loads(text) == value
    assert "\\u009b" in text and "\\u202e" in text


def test_the_stream_guard_escapes_what_is_written() -> None:
    buffer = io.StringIO()
    stream = safe_text.SafeStream(buffer)
    assert stream.write(f"a{ALL}\n") == len(ALL) + 2
    assert raw_unsafe(buffer.getvalue()) == []
    assert buffer.getvalue().endswith("\n")


_SOME_UNSAFE = [0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x85, 0x9F, 0x200E, 0x202E, 0x2066, 0x2028, 0xD800]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from([chr(point) for point in _SOME_UNSAFE]),
        ),
        max_size=12,
    )
)
def test_the_skipped_translation_is_the_translation(parts: list[str]) -> None:
    """safe_text skips translating text none of whose characters is in the table (a
    pattern finds out): the result is always exactly what translating gives."""
    text = "".join(parts)
    for table in (safe_text.MULTILINE, safe_text.ONE_LINE, safe_text._json_in_strings()):
        assert safe_text._translated(text, table) == text.translate(table)
