"""The keys of one read (a KeyBurst) do exactly what the same keys do typed one by one.

Each case types the same keys twice into a fresh app: one key at a time, each handled before
the next comes, and all at once as one KeyBurst (connect_tui.ui.key_burst). The fields must
end the same (value, cursor, selection, undo), and the last change each field reported must
hold its final value. A naive burst, which inserts a read's printable keys as one piece of
text, fails these: a restrict or max_length rejects the whole piece, a binding on a letter
or a key between the letters is skipped or run out of order, a TextArea's undo differs.
"""

from __future__ import annotations

import random
from typing import Any, ClassVar

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea, Tree

from connect_tui.ui import key_burst
from connect_tui.ui.key_burst import field_keys
from connect_tui.ui.keys import focus_now
from connect_tui.ui.terminal_input import KeyBurst
from tests.ui.in_order_app import InOrderKeysApp


class MarkInput(Input):
    """An Input whose `x` is a priority binding: it records the value, x is never typed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "mark", priority=True)]

    def action_mark(self) -> None:
        self.app.marks.append(self.value)  # type: ignore[attr-defined]


class LoudInput(Input):
    """An Input that takes `q` itself (types Q!): its keys must go Textual's way."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "q":
            event.prevent_default()
            self.insert_text_at_cursor("Q!")


class Fields(InOrderKeysApp):
    """Fields that take keys as the composer does; ctrl+n moves to the next field at once."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+n", "next", "Next")]

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.changes: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield Input(value="abef", id="plain")
        yield Input(id="digits", restrict=r"[0-9]*")
        yield Input(value="ab", id="short", max_length=4)
        yield MarkInput(id="mark")
        yield LoudInput(id="loud")
        yield TextArea("start", id="area")
        tree: Tree[None] = Tree("root", id="tree")
        for index in range(6):
            tree.root.add_leaf(f"leaf {index}")
        tree.root.expand()
        yield tree

    def action_next(self) -> None:
        self.screen.focus_next()
        focused = self.screen.focused
        if focused is not None:
            focus_now(focused)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changes.setdefault(event.input.id or "", []).append(event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.changes.setdefault(event.text_area.id or "", []).append(event.text_area.text)


def _key(name: str) -> events.Key:
    return events.Key(name, name if len(name) == 1 else {"enter": "\r", "space": " "}.get(name))


async def _typed(
    start: str, keys: list[str], *, at_once: bool, before: tuple[str, ...] = ()
) -> Fields:
    """A Fields app after `keys` typed into field #`start` (after `before`, typed alone)."""
    app = Fields()
    async with app.run_test() as pilot:
        app.query_one(f"#{start}").focus()
        if start == "plain":
            app.query_one(Input).cursor_position = 2
        await pilot.pause()
        for name in before:
            app.post_message(_key(name))
            await pilot.pause()
        app.changes.clear()
        if at_once:
            app.post_message(KeyBurst([_key(name) for name in keys]))
        else:
            for name in keys:
                app.post_message(_key(name))
                await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        app.final = _state(app)  # type: ignore[attr-defined]
        if start == "area":
            await pilot.press("ctrl+z")
            await pilot.pause()
            app.final["undone"] = app.query_one(TextArea).text  # type: ignore[attr-defined]
    return app


def _state(app: Fields) -> dict[str, Any]:
    state: dict[str, Any] = {"marks": list(app.marks)}
    for field in app.query(Input):
        state[field.id or ""] = (field.value, field.cursor_position, tuple(field.selection))
    area = app.query_one(TextArea)
    state["area"] = (area.text, area.selection)
    state["tree"] = app.query_one(Tree).cursor_line
    state["focused"] = app.focused.id if app.focused else None
    return state


CASES = {
    "letters and backspaces mid-field": ("plain", ["c", "d", "x", "backspace", "left", "z"]),
    "restrict drops what it refuses, key by key": ("digits", list("1a2b3")),
    "max_length keeps the first that fit": ("short", list("cdefg")),
    "a priority binding on a letter runs in its place": ("mark", list("abxcdx")),
    "a field that takes keys itself": ("loud", list("aqb") + ["backspace"]),
    "a binding between letters moves the focus": ("plain", ["a", "b", "ctrl+n", "1", "2"]),
    "text, Enter and edits in a TextArea": ("area", ["end", *"ab", "enter", *"cd", "backspace"]),
    "cursor keys in a Tree": ("tree", ["down", "down", "down", "up", "down", "shift+up"]),
    # A key no one binds where it is typed does nothing there, even when the focus has moved
    # on by the time it comes back up to the app (Textual then ran the new field's binding).
    "a key unbound where typed, then the focus moves": ("short", ["down", *["ctrl+n"] * 3]),
    "ctrl+w in a Tree, then into a field": ("area", ["ctrl+n", "ctrl+w", "ctrl+n"]),
}


#: Keys a random burst is made of: text, editing and cursor keys, a priority-bound letter,
#: a binding that moves the focus, Enter, and keys no one binds.
ALPHABET = [*"ab1x ", "backspace", "delete", "left", "right", "home", "end", "shift+left"]
ALPHABET += ["ctrl+w", "ctrl+n", "enter", "up", "down", "f12", "ctrl+z"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
async def test_a_random_burst_does_what_its_keys_do_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    start = rng.choice(["plain", "digits", "short", "mark", "area", "tree"])
    keys = [rng.choice(ALPHABET) for _ in range(24)]
    alone = await _typed(start, keys, at_once=False)
    at_once = await _typed(start, keys, at_once=True)
    assert at_once.final == alone.final, (start, keys)  # type: ignore[attr-defined]


@pytest.mark.parametrize("start, keys", list(CASES.values()), ids=list(CASES))
async def test_a_burst_does_what_the_keys_do_one_by_one(start: str, keys: list[str]) -> None:
    alone = await _typed(start, keys, at_once=False)
    at_once = await _typed(start, keys, at_once=True)
    assert at_once.final == alone.final  # type: ignore[attr-defined]
    for field, values in at_once.changes.items():
        assert values, field
        assert values[-1] == alone.changes[field][-1], f"{field}: the last change is the final"


async def test_undo_after_a_burst_undoes_what_typing_one_by_one_would() -> None:
    # One letter typed alone starts an undo batch; typed one by one the burst's letters
    # join it (one ctrl+z removes all three), as one piece of text they would not.
    keys = ["y", "z"]
    alone = await _typed("area", keys, at_once=False, before=("end", "x"))
    at_once = await _typed("area", keys, at_once=True, before=("end", "x"))
    assert at_once.final["undone"] == alone.final["undone"] == "start"  # type: ignore[attr-defined]


async def test_a_run_reports_its_field_change_once() -> None:
    app = await _typed("plain", list("cdefgh") + ["backspace"], at_once=True)
    assert app.changes["plain"] == ["abcdefgef"]


def test_only_textual_fields_that_take_keys_as_textual_does_are_typed_into() -> None:
    assert field_keys(Input) is not None and field_keys(MarkInput) is not None
    assert field_keys(LoudInput) is None
    plain = field_keys(Input)
    assert plain is not None and "delete_left" in plain.actions and "submit" not in plain.actions


async def test_a_long_burst_shows_what_it_has_typed_before_the_rest(monkeypatch: Any) -> None:
    monkeypatch.setattr(key_burst, "RUN_BUDGET", 0.0)  # every key is a long run's worth
    shown: list[str] = []
    display = App._display

    def record(app: App[Any], screen: Any, renderable: Any) -> None:
        if app.focused is not None and app.focused.id == "digits":
            shown.append(app.query_one("#digits", Input).value)
        display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", record)
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#digits", Input)
        field.focus()
        await pilot.pause()
        app.post_message(KeyBurst([_key(digit) for digit in "123456"]))
        await pilot.pause()
        await pilot.pause()
        assert field.value == "123456"
    assert {"1", "12", "123"} & set(shown), shown
