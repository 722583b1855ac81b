"""toml_text.dumps writes exactly what tomli-w writes, long strings included."""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_tui.core import profiles, toml_text
from tests.drafts import largest_legal_draft

#: Characters tomli-w treats specially (quote, backslash, controls, CR LF), and plain ones.
_TRICKY = st.sampled_from(list('"\\\t\n\r\b\f\x00\x1b\x7f\x1f é€😀a b'))
_TEXT = st.lists(st.one_of(_TRICKY, st.sampled_from(["\r\n", "xyz", '"""', "connect-tui-"])))
_STRINGS = _TEXT.map("".join)
_VALUES = st.recursive(
    st.one_of(_STRINGS, st.integers(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b c", "Body", 'q"k']), inner, max_size=3),
    ),
    max_leaves=8,
)
_DOCUMENTS = st.dictionaries(st.sampled_from(["name", "request", "x y", "list"]), _VALUES)


@contextlib.contextmanager
def _long_from(length: int) -> Iterator[None]:
    """Strings from `length` characters on count as long (take the fast path)."""
    original = toml_text.LONG
    toml_text.LONG = length
    try:
        yield
    finally:
        toml_text.LONG = original


@settings(max_examples=300, deadline=None)
@given(document=_DOCUMENTS, multiline=st.booleans(), padding=st.integers(0, 3))
def test_the_text_is_tomli_ws(document: dict[str, Any], multiline: bool, padding: int) -> None:
    # Lengthen the strings so some cross 101 characters: both paths are compared.
    document = _lengthen(document, padding * 60)
    with _long_from(101):
        fast = toml_text.dumps(document, multiline_strings=multiline)
    assert fast == tomli_w.dumps(document, multiline_strings=multiline)


def test_a_one_megabyte_body_is_written_as_tomli_w_writes_it() -> None:
    draft = largest_legal_draft()
    body = ('line "one" \\ é\x1b[31m\ttab\n' * 40_000)[:1_000_000]
    draft.request["EmailMessage"] = {"MessageContent": body, "MessageSourceType": "RAW"}
    text = profiles.dumps(draft)
    assert text.count('"""') == 2  # the body, once, as a multi-line string
    document = tomllib.loads(text)
    assert document["request"]["EmailMessage"]["MessageContent"] == body
    # Fall-back check on the text itself: tomli-w alone writes the same bytes.
    assert text == _tomli_w_alone(draft)


def test_a_string_that_looks_like_a_placeholder_is_kept() -> None:
    long = "y" * 5_000
    lookalike = "connect-tui-" + "0" * 32 + "-0-" + "x" * 100
    document = {"a": long, "b": lookalike, "c": {"d": long}}
    text = toml_text.dumps(document, multiline_strings=True)
    assert tomllib.loads(text) == document
    assert text == tomli_w.dumps(document, multiline_strings=True)


def _lengthen(value: Any, extra: int) -> Any:
    if isinstance(value, str):
        return value + ('\n"ab\\' * extra)[:extra] if value else value
    if isinstance(value, dict):
        return {key: _lengthen(item, extra) for key, item in value.items()}
    if isinstance(value, list):
        return [_lengthen(item, extra) for item in value]
    return value


def _tomli_w_alone(draft: Any) -> str:
    with _long_from(10**12):
        return profiles.dumps(draft)
