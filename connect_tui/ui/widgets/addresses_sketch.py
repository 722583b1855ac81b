"""Provides AddressesSketch: the Addresses pane drawn by one widget, for the composer's first frame.

The Addresses pane is thirteen widgets (four Inputs in labelled rows, titles, hints in a
scrolling container): building, styling and drawing them was a tenth of everything the
composer ran before its first frame (issue 13). The first frame shows this sketch in its
place instead, drawn line by line from the same words (connect_tui.ui.widgets.addresses_text)
and the same looks as Textual's Input, Static and the pane's rows, with the first field
focused as the real pane would have it; the real pane replaces it right after that frame
(connect_tui.ui.screens.pane_deck), before any key or click is handled (ComposerApp.on_event),
so nothing typed ever reaches the sketch. tests/ui/test_addresses_sketch.py checks, cell
for cell and in every theme, that the first frame is the one the real pane draws.

The sketch draws only what it draws exactly: `sketch_fits` refuses a terminal where a hint
would wrap, a value would not fit its field or the pane would scroll, and the composer then
builds the real pane for the first frame as before.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from connect_tui.core.model import Draft
from connect_tui.ui.lazy_styles import LazyComponentStyles
from connect_tui.ui.widgets.addresses_text import (
    DESTINATION_ADDRESS,
    DESTINATION_NAME,
    DESTINATION_TITLE,
    FROM_ADDRESS,
    FROM_NAME,
    FROM_TITLE,
    Field,
    hints,
    shown_values,
)
from connect_tui.ui.widgets.field_values import LABEL_WIDTH

TITLE = "addresses-sketch--title"
MUTED = "addresses-sketch--muted"
FIELD = "addresses-sketch--field"
FOCUSED = "addresses-sketch--focused"
PLACEHOLDER = "addresses-sketch--placeholder"
FOCUSED_PLACEHOLDER = "addresses-sketch--focused-placeholder"
CURSOR = "addresses-sketch--cursor"

#: Rows of the composer around the pane on a narrow screen (the draft bar, the tab strip, the
#: Problems list while it checks, the footer), and columns beside it on a wide one.
_ROWS_AROUND: Final = 1 + 2 + 6 + 1
#: The width from which the composer lays out wide (ComposerScreen.HORIZONTAL_BREAKPOINTS).
WIDE_FROM: Final = 110
_SIDE_COLUMNS: Final = 44  # app.tcss: ComposerScreen.-wide #pane-stack
_PADDING: Final = 2  # Pane: padding 0 1

#: One line of the pane: a blank, a title, a field row (with its value) or a hint.
Line = tuple[str, str] | tuple[Field, str] | None


def sketch_lines(draft: Draft) -> list[Line]:
    """The pane's lines for `draft`, top to bottom, as AddressesPane composes and fills them."""
    values = shown_values(draft)
    from_hint, destination_hint = hints(draft.is_outbound)
    destination_fields = [DESTINATION_ADDRESS]
    if draft.is_outbound:
        destination_fields.append(DESTINATION_NAME)
    lines: list[Line] = [None, (TITLE, FROM_TITLE)]  # a section title has a margin above
    lines += [(field, values[field.id]) for field in (FROM_ADDRESS, FROM_NAME)]
    lines += [(MUTED, from_hint), None, (TITLE, DESTINATION_TITLE)]
    lines += [(field, values[field.id]) for field in destination_fields]
    lines.append((MUTED, destination_hint))
    return lines


def sketch_fits(draft: Draft, screen: Size) -> bool:
    """True when the sketch draws the pane exactly on a terminal of size `screen`: every hint
    on one line, every value or placeholder (and the cursor after it) inside its field, and
    no scrolling, whether the screen is laid out narrow or wide."""
    width = screen.width - (_SIDE_COLUMNS if screen.width >= WIDE_FROM else 0) - _PADDING
    lines = sketch_lines(draft)
    if len(lines) > screen.height - _ROWS_AROUND:
        return False
    for line in lines:
        if line is None:
            continue
        first, text = line
        if isinstance(first, Field):
            shown = text or first.placeholder
            if LABEL_WIDTH + cell_len(shown) + 1 > width:
                return False
        elif cell_len(text) > width:
            return False
    return True


class AddressesSketch(LazyComponentStyles, Widget):
    """The Addresses pane of a draft as its first frame shows it, in one widget."""

    # The looks of Pane, SectionTitle, Hint, FieldRow's label and a compact Input (textual
    # 8.2.8, with app.tcss's placeholder), each as a component class of this one widget.
    DEFAULT_CSS = """
    AddressesSketch {
        height: 1fr;
        padding: 0 1;
        & > .addresses-sketch--title {
            text-style: bold;
        }
        & > .addresses-sketch--muted {
            color: $text-muted;
        }
        & > .addresses-sketch--field {
            background: $surface;
            color: $foreground;
        }
        & > .addresses-sketch--focused {
            background: $surface;
            background-tint: $foreground 5%;
            color: $foreground;
        }
        & > .addresses-sketch--placeholder {
            background: $surface;
            color: $text-disabled;
            text-style: italic;
        }
        & > .addresses-sketch--focused-placeholder {
            background: $surface;
            background-tint: $foreground 5%;
            color: $text-disabled;
            text-style: italic;
        }
        & > .addresses-sketch--cursor {
            background: $input-cursor-background;
            color: $input-cursor-foreground;
            text-style: $input-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        TITLE,
        MUTED,
        FIELD,
        FOCUSED,
        PLACEHOLDER,
        FOCUSED_PLACEHOLDER,
        CURSOR,
    }

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = sketch_lines(draft)
        self._base: Style | None = None

    def notify_style_update(self) -> None:
        """The widget's style changed: its base style is worked out again when next drawn."""
        self._base = None
        super().notify_style_update()

    @property
    def _base_style(self) -> Style:
        # Textual's rich_style walks every ancestor's styles at each call; a line asks twice.
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def show(self, draft: Draft) -> None:
        """Draw `draft` from now on (the screen loaded another draft before the real pane
        replaced the sketch)."""
        self._lines = sketch_lines(draft)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """Line `y` of the pane: a title, a hint, a labelled field, or blank."""
        width = self.content_size.width
        base = self._base_style
        line = self._lines[y] if y < len(self._lines) else None
        if line is None:
            return Strip.blank(width, base)
        first, text = line
        if isinstance(first, Field):
            # The first field has the focus, as the pane's first Input would (when the app has).
            focused = first is FROM_ADDRESS and self.app.app_focus
            label = first.label[:LABEL_WIDTH]
            segments = [
                Segment(label, self.get_component_rich_style(MUTED)),
                Segment(" " * (LABEL_WIDTH - cell_len(label)), base),
                *self._field(first, text, width - LABEL_WIDTH, focused=focused),
            ]
        else:
            segments = [Segment(text, self.get_component_rich_style(first))]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _field(self, field: Field, value: str, width: int, *, focused: bool) -> list[Segment]:
        """A compact Input showing `value` (or its placeholder), with the cursor at the end
        when focused, as Textual's Input.render_line draws it."""
        style = self.get_component_rich_style(FOCUSED if focused else FIELD)
        cursor: Style = self.get_component_rich_style(CURSOR)
        if value:
            segments = [Segment(value, style)]
            if focused:
                segments.append(Segment(" ", style + cursor))
        else:
            placeholder = self.get_component_rich_style(
                FOCUSED_PLACEHOLDER if focused else PLACEHOLDER
            )
            text = field.placeholder
            if focused:
                head = text[:1] or " "
                segments = [Segment(head, placeholder + cursor), Segment(text[1:], placeholder)]
            else:
                segments = [Segment(text, placeholder)]
        shown = sum(segment.cell_length for segment in segments)
        return [*segments, Segment(" " * max(0, width - shown), style)]
