"""Provides NodeDialog: the segment tree's small modal that edits one node.

NodeDialog refuses to close on what it can check alone (an empty key, a key's characters,
an Integer that is not a whole number) and on what the pane checks for it (a key already
taken, List or Arn under a user key), with one line saying why; the full check of the
request is the core validator's, run by the screen after the change.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from connect_tui.core.segments import (
    KIND_NAMES,
    SCALAR_KINDS,
    VALUE_KINDS,
    SegmentNode,
    key_problem,
    parse_integer,
)
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.keys import focus_now
from connect_tui.ui.on_top import DismissedOnTopOnly
from connect_tui.ui.widgets.row_cells import CellSelect
from connect_tui.ui.widgets.segment_labels import shown_value
from connect_tui.ui.widgets.segment_nodes import NodeCheck

_PLACEHOLDERS = {
    "ValueString": "text",
    "ValueInteger": "a whole number, such as 135",
    "ValueArn": "arn:aws:…",
}

NODE_CSS = """
NodeDialog .node-row { height: auto; }
NodeDialog .node-row > Label { width: 7; padding-top: 1; }
NodeDialog .node-row > Input, NodeDialog .node-row > Select { width: 1fr; }
NodeDialog .dialog--note { color: $text-muted; }
NodeDialog .dialog--error { color: $text-error; height: auto; }
"""


class NodeDialog(DismissedOnTopOnly, ModalScreen[SegmentNode | None]):
    """Edit one segment node: its key (not for list items), its kind and a scalar's value.

    Dismisses with a new SegmentNode without children (the pane keeps or drops the old
    node's children), or None when cancelled. `key_only` asks just for the key (rename).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="segment_dialog.cancel"),
    ]

    DEFAULT_CSS = dialog_css("NodeDialog") + NODE_CSS

    def __init__(
        self,
        title: str,
        entry: SegmentNode,
        *,
        nested: bool = False,
        key_only: bool = False,
        check: NodeCheck | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.entry = entry
        self.nested = nested
        self.key_only = key_only
        self.check = check
        self.keyed = entry.key is not None

    def compose(self) -> ComposeResult:
        """The key, the kind, the value and a line for what is wrong."""
        entry = self.entry
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog--title")
            if entry.kind is None and not self.key_only and entry.value is not None:
                yield Static(
                    Content(
                        f"Now {shown_value(entry.value)}: not a segment value; OK replaces it."
                    ),
                    classes="dialog--note",
                )
            if self.keyed:
                with Horizontal(classes="node-row"):
                    yield Label("Key")
                    yield Input(
                        entry.key or "",
                        placeholder="letters, digits, - and _"
                        + ("" if self.nested else " (connect:… for system keys)"),
                        id="node-key",
                    )
            kind = entry.kind or "ValueString"
            with Horizontal(classes="node-row node-field"):
                yield Label("Kind")
                yield CellSelect(  # its list takes the focus at once (keys in a burst)
                    [(KIND_NAMES[k], k) for k in VALUE_KINDS],
                    value=kind,
                    allow_blank=False,
                    id="node-kind",
                )
            with Horizontal(classes="node-row node-field node-value"):
                yield Label("Value")
                text = "" if entry.value is None or entry.kind is None else str(entry.value)
                yield Input(text, placeholder=_PLACEHOLDERS.get(kind, ""), id="node-value")
            yield Static("", id="node-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("OK", variant="primary", id="node-ok", compact=True)
                yield Button("Cancel", id="node-cancel", compact=True)

    def on_mount(self) -> None:
        """Hide what this dialog does not ask for and focus the first field."""
        if self.key_only:
            for widget in self.query(".node-field"):
                widget.display = False
        self._show_value_for(self.query_one("#node-kind", Select).value)
        first = "#node-key" if self.keyed else "#node-kind"
        focus_now(self.query_one(first))  # at once: the keys typed next go to it

    def _show_value_for(self, kind: object) -> None:
        scalar = kind in SCALAR_KINDS and not self.key_only
        for widget in self.query(".node-value"):
            widget.display = scalar
        if isinstance(kind, str):
            self.query_one("#node-value", Input).placeholder = _PLACEHOLDERS.get(kind, "")

    def on_select_changed(self, event: Select.Changed) -> None:
        """Show the value field only for the scalar kinds."""
        event.stop()
        self._show_value_for(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field means OK."""
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK submits, Cancel cancels."""
        event.stop()
        if event.button.id == "node-ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    def refuse(self, message: str, field_id: str | None = None) -> None:
        """Stay open, saying why in one line (and marking the field at fault)."""
        self.query_one("#node-error", Static).update(Content(message))
        for widget in self.query(Input):
            widget.set_class(widget.id == field_id, "-invalid")
        if field_id is not None:
            self.query_one(f"#{field_id}").focus()

    def result(self) -> SegmentNode | tuple[str, str]:
        """The node the fields describe, or (what is wrong, the id of the field at fault)."""
        key: str | None = None
        if self.keyed:
            key = self.query_one("#node-key", Input).value.strip()
            problem = key_problem(key, nested=self.nested)
            if problem is not None:
                return problem, "node-key"
        if self.key_only:
            return SegmentNode(key, self.entry.kind, self.entry.value)
        kind = self.query_one("#node-kind", Select).value
        assert isinstance(kind, str)
        text = self.query_one("#node-value", Input).value
        if kind == "ValueInteger":
            number = parse_integer(text)
            if number is None:
                message = f"Integer: {text.strip()!r} is not a whole number; type one such as 135"
                return message, "node-value"
            return SegmentNode(key, kind, number)
        if kind == "ValueArn":
            return SegmentNode(key, kind, text.strip())
        if kind == "ValueString":
            return SegmentNode(key, kind, text)
        return SegmentNode(key, kind)

    def submit(self) -> None:
        """Close with the new node, or stay open saying what is wrong."""
        outcome = self.result()
        if isinstance(outcome, tuple):
            self.refuse(*outcome)
            return
        problem = self.check(outcome) if self.check is not None else None
        if problem is not None:
            self.refuse(problem, "node-key" if self.keyed else None)
            return
        self.dismiss(outcome)
