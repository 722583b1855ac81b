"""Provides the small pieces the form panes share: a labelled one-line field row, a hint line,
and helpers that read fields into a request without writing empty strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static


def text_input(id: str, placeholder: str = "", *, max_length: int = 0) -> Input:
    """A borderless one-line Input (marked `-invalid` by a tint, not a border)."""
    return Input(id=id, placeholder=placeholder, max_length=max_length, compact=True)


class Choices(Widget, can_focus=True):
    """A one-line pick of one of a few values: `◉ RAW  ○ TEMPLATE`.

    Left / right (or a click) pick; only the user's picks post `Choices.Changed`, so a
    pane can fill it while loading without muting anything. Unlike a Select it keeps
    its value whether or not it has been mounted yet, and needs no overlay.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous", show=False, id="choices.previous"),
        Binding("right", "step(1)", "Next", show=False, id="choices.next"),
        Binding("space", "step(1, True)", "Next", show=False, id="choices.cycle"),
    ]

    DEFAULT_CSS = """
    Choices {
        height: 1;
        width: 1fr;
        &:focus {
            background-tint: $foreground 5%;
        }
        &.-invalid {
            background-tint: $error 20%;
        }
        &.-warning {
            background-tint: $warning 20%;
        }
    }
    """

    _GAP = "  "

    class Changed(Message):
        """The user picked another value."""

        def __init__(self, choices: Choices, value: str) -> None:
            super().__init__()
            self.choices = choices
            self.value = value

        @property
        def control(self) -> Choices:
            """The Choices that changed."""
            return self.choices

    def __init__(
        self,
        choices: Sequence[str],
        value: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._choices: list[str] = []
        self._value = ""
        self.set_choices(choices, value)

    @property
    def value(self) -> str:
        """The value picked."""
        return self._value

    @property
    def choices(self) -> tuple[str, ...]:
        """The values offered, in order."""
        return tuple(self._choices)

    def set_choices(self, choices: Sequence[str], value: str | None = None) -> None:
        """Offer `choices` (plus `value` when it is not one, so loading loses nothing) and
        pick `value` (the first choice when it is None or empty); posts nothing."""
        options = list(choices)
        if value and value not in options:
            options.append(value)
        self._choices = options
        self._value = value if value else (options[0] if options else "")
        self.refresh(layout=True)

    def set_value(self, value: str) -> None:
        """Pick `value` without posting Changed (an unknown value is added to the choices)."""
        self.set_choices(self._choices, value)

    def render(self) -> Content:
        """Every choice, the picked one marked and bold."""
        parts: list[str | tuple[str, str]] = []
        for index, choice in enumerate(self._choices):
            if index:
                parts.append(self._GAP)
            if choice == self._value:
                parts.append((f"◉ {choice}", "bold $text-accent"))
            else:
                parts.append((f"○ {choice}", "$text-muted"))
        return Content.assemble(*parts)

    def pick(self, value: str) -> None:
        """Pick `value` as the user would: post Changed when it differs."""
        if value == self._value or value not in self._choices:
            return
        self._value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def action_step(self, step: int, wrap: bool = False) -> None:
        """Pick the next (1) or previous (-1) choice; `wrap` goes round the end."""
        if not self._choices:
            return
        index = self._choices.index(self._value) + step
        if wrap:
            index %= len(self._choices)
        if 0 <= index < len(self._choices):
            self.pick(self._choices[index])

    def on_click(self, event: events.Click) -> None:
        """Pick the choice under the mouse."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        start = 0
        for choice in self._choices:
            end = start + len(f"◉ {choice}") + len(self._GAP)
            if offset.x < end:
                self.pick(choice)
                return
            start = end


class FieldRow(Horizontal):
    """A label and one field on a single line (fits 80 columns with room to type)."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        width: 1fr;
        margin-bottom: 0;
    }
    FieldRow > .field-label {
        width: 20;
        height: 1;
        color: $text-muted;
    }
    FieldRow > Input, FieldRow > Select, FieldRow > TextArea {
        width: 1fr;
    }
    FieldRow > Checkbox, FieldRow > Choices {
        width: 1fr;
    }
    """

    def __init__(
        self, label: str, field: Widget, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.field = field

    def compose(self) -> ComposeResult:
        """A fixed-width label, then the field."""
        yield Label(self.label, classes="field-label", markup=False)
        yield self.field


class Hint(Static):
    """A muted line of help under a group of fields (literal text, never markup)."""

    DEFAULT_CSS = """
    Hint {
        color: $text-muted;
        height: auto;
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, markup=False, id=id, classes=classes)


class SectionTitle(Static):
    """A bold heading over a group of fields."""

    DEFAULT_CSS = """
    SectionTitle {
        text-style: bold;
        height: 1;
        margin-top: 1;
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, markup=False, id=id, classes=classes)


def put(table: dict[str, Any], key: str, value: Any) -> None:
    """Set `table[key]`, or remove the key when `value` is "" or None (no empty members)."""
    if value is None or value == "":
        table.pop(key, None)
    else:
        table[key] = value


def put_table(owner: dict[str, Any], key: str, table: dict[str, Any]) -> None:
    """Set `owner[key]` to `table`, or remove the key when the table is empty."""
    if table:
        owner[key] = table
    else:
        owner.pop(key, None)


def table_of(value: Any) -> dict[str, Any]:
    """A copy of `value` when it is a table, else an empty table (so edits keep unknown keys)."""
    return dict(value) if isinstance(value, dict) else {}


def text_of(value: Any) -> str:
    """`value` as the text of a field: strings as they are, numbers written out, else ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
