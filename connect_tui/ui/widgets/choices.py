"""Provides Choices: a one-line pick of one of a few values, such as `◉ RAW  ○ TEMPLATE`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


class Choices(Widget, can_focus=True):
    """A one-line pick of one of a few values: `◉ RAW  ○ TEMPLATE`.

    Left / right (or a click) pick. Once mounted, every change of value posts
    `Choices.Changed`, a pick or a `set_value`, as Textual's own fields do; a pane fills it
    inside `Pane.quietly()`, the one way a pane's own changes are kept from the screen.
    Unlike a Select it keeps its value whether or not it has been mounted yet (a value set
    before then posts nothing), and needs no overlay.
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
        """The value changed (the user picked another, or the program set one)."""

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
        labels: Mapping[str, str] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        #: What each value is called on screen (the value itself when not given).
        self.labels: Mapping[str, str] = labels or {}
        self._choices: list[str] = []
        self._value = ""
        self._offer(choices, value)

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
        pick `value` (the first choice when it is None or empty); Changed when it differs."""
        before = self._value
        self._offer(choices, value)
        if self._value != before:
            self._post_changed()

    def set_value(self, value: str) -> None:
        """Pick `value` (an unknown one is added to the choices); Changed when it differs."""
        self.set_choices(self._choices, value)

    def _offer(self, choices: Sequence[str], value: str | None) -> None:
        options = list(choices)
        if value and value not in options:
            options.append(value)
        self._choices = options
        self._value = value if value else (options[0] if options else "")
        self.refresh(layout=True)

    def _post_changed(self) -> None:
        # Before mount nothing listens yet: a value given then is where the widget starts.
        if self.is_mounted:
            self.post_message(self.Changed(self, self._value))

    def _label(self, choice: str) -> str:
        return self.labels.get(choice, choice)

    def render(self) -> Content:
        """Every choice, the picked one marked and bold (underlined while focused)."""
        parts: list[str | tuple[str, str]] = []
        chosen_style = "bold $text-accent" + (" underline" if self.has_focus else "")
        for index, choice in enumerate(self._choices):
            if index:
                parts.append(self._GAP)
            if choice == self._value:
                parts.append((f"◉ {self._label(choice)}", chosen_style))
            else:
                parts.append((f"○ {self._label(choice)}", "$text-muted"))
        return Content.assemble(*parts)

    def on_focus(self) -> None:
        """Underline the picked value."""
        self.refresh()

    def on_blur(self) -> None:
        """Stop underlining the picked value."""
        self.refresh()

    def pick(self, value: str) -> None:
        """Pick one of the choices as the user would: post Changed when it differs."""
        if value == self._value or value not in self._choices:
            return
        self._value = value
        self.refresh()
        self._post_changed()

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
            end = start + len(f"◉ {self._label(choice)}") + len(self._GAP)
            if offset.x < end:
                self.pick(choice)
                return
            start = end
