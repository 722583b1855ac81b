"""Provides the small pieces the form panes share: a labelled one-line field row, a hint line,
a section title, and (from connect_tui.ui.widgets.field_values) helpers that read fields into a
request without writing empty strings.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Static

from connect_tui.ui.lazy_styles import LazyComponentStyles
from connect_tui.ui.widgets.field_values import (
    LABEL_WIDTH,
    put,
    put_table,
    table_of,
    text_of,
)

__all__ = [
    "LABEL_WIDTH",
    "FieldInput",
    "FieldRow",
    "Hint",
    "SectionTitle",
    "put",
    "put_table",
    "table_of",
    "text_input",
    "text_of",
]


class SteadyWidthInput(Input):
    """An Input whose virtual size is its own width while its text fits.

    Input sizes its virtual width to its text, so every key typed changed a size and laid
    the whole screen out again (a layout pass per key, and with it a full repaint). This
    Input is at least as wide as itself instead: a key changes no size while the text fits,
    and only the field is drawn again. Text that overflows scrolls as in any Input.
    """

    @property
    def content_width(self) -> int:
        """The text's width (with the cursor's cell), or the field's own if it is wider."""
        return max(super().content_width, self.size.width)

    def on_resize(self) -> None:
        """Widen the virtual size to the field (it stays wider for text that overflows)."""
        self.virtual_size = Size(self.content_width, 1)


class FieldInput(LazyComponentStyles, SteadyWidthInput):
    """An Input whose cursor, placeholder, suggestion and selection are styled when drawn,
    and that lays nothing out again while its text fits."""


def text_input(id: str, placeholder: str = "", *, max_length: int = 0) -> Input:
    """A borderless one-line Input (marked `-invalid` by a tint, not a border)."""
    # No validators: the pane marks problems. Input's own validation (on blur, on every
    # change) would otherwise clear the pane's -invalid mark when the focus leaves the field.
    return FieldInput(
        id=id, placeholder=placeholder, max_length=max_length, compact=True, validate_on=()
    )


class FieldRow(LazyComponentStyles, Horizontal):
    """A label and one field on a single line (fits 80 columns with room to type).

    The row draws its label itself, under the field's left margin: a Label widget per row
    costs every pane's first showing time (issue 13) for a line of text.
    """

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        width: 1fr;
        margin-bottom: 0;
        & > .field-row--label {
            color: $text-muted;
        }
    }
    /* The label is drawn in the field's left margin (a universal `> *` would be checked
       against every node of the screen). */
    FieldRow > Input, FieldRow > Select, FieldRow > TextArea,
    FieldRow > Checkbox, FieldRow > Choices {
        width: 1fr;
        margin-left: 20;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"field-row--label"}

    def __init__(
        self, label: str, field: Widget, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.field = field

    def compose(self) -> ComposeResult:
        """The field (the label is drawn in its left margin)."""
        yield self.field

    def render(self) -> Content:
        """The label, literally, in the first line's 20 columns."""
        # The whole style, not the component's alone: $text-muted is a contrast colour,
        # worked out against the background the row sits on.
        style = self.get_visual_style("field-row--label")
        return Content(self.label[:LABEL_WIDTH]).stylize(style)


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
