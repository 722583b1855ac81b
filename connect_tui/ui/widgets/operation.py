"""Provides OperationSwitch: inbound (StartEmailContact) or outbound (StartOutboundEmailContact).

It only reports the user's choice (`OperationSwitch.Changed`); the composer screen
converts the draft (connect_tui.core.conversion.switch_operation) and reloads the panes,
then calls `set_operation`, which changes the switch without reporting anything.
"""

from __future__ import annotations

from typing import ClassVar, Final

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from connect_tui.core.model import INBOUND, OUTBOUND

#: What each operation is called on the switch, in the order shown.
LABELS: Final = {INBOUND: "Inbound", OUTBOUND: "Outbound"}
_GAP: Final = "  "


class OperationSwitch(Widget, can_focus=True):
    """`◉ Inbound  ○ Outbound` on one line: left/right or space to change, or a click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "choose('inbound')", "Inbound", show=False, id="operation.inbound"),
        Binding("right", "choose('outbound')", "Outbound", show=False, id="operation.outbound"),
        Binding("space,enter", "switch", "Switch operation", show=False, id="operation.toggle"),
    ]

    DEFAULT_CSS = """
    OperationSwitch {
        height: 1;
        width: auto;
        padding: 0 1;
        &:focus {
            background-tint: $foreground 5%;
        }
    }
    """

    class Changed(Message):
        """The user picked another operation."""

        def __init__(self, switch: OperationSwitch, operation: str) -> None:
            super().__init__()
            self.switch = switch
            #: StartEmailContact or StartOutboundEmailContact.
            self.operation = operation

        @property
        def control(self) -> OperationSwitch:
            """The switch that changed."""
            return self.switch

    def __init__(
        self, operation: str = INBOUND, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._check(operation)
        self._operation = operation
        self.tooltip = "Inbound: StartEmailContact · Outbound: StartOutboundEmailContact"

    @staticmethod
    def _check(operation: str) -> None:
        if operation not in LABELS:
            raise ValueError(f"unknown operation {operation!r}")

    @property
    def operation(self) -> str:
        """The operation currently chosen."""
        return self._operation

    def render(self) -> Content:
        """Both choices, the chosen one marked and bold."""
        parts: list[str | tuple[str, str]] = []
        for index, (operation, label) in enumerate(LABELS.items()):
            if index:
                parts.append(_GAP)
            if operation == self._operation:
                parts.append((f"◉ {label}", "bold $text-accent"))
            else:
                parts.append((f"○ {label}", "$text-muted"))
        return Content.assemble(*parts)

    def set_operation(self, operation: str) -> None:
        """Show `operation` as chosen without posting Changed (the screen has already switched)."""
        self._check(operation)
        self._operation = operation
        self.refresh()

    def _pick(self, operation: str) -> None:
        if operation == self._operation:
            return
        self.set_operation(operation)
        self.post_message(self.Changed(self, operation))

    def action_choose(self, which: str) -> None:
        """Pick `inbound` or `outbound`."""
        self._pick(OUTBOUND if which == "outbound" else INBOUND)

    def action_switch(self) -> None:
        """Pick the other operation."""
        self._pick(INBOUND if self._operation == OUTBOUND else OUTBOUND)

    def on_click(self, event: events.Click) -> None:
        """Pick the choice under the mouse."""
        # The first label is "◉ Inbound" from column 0; anything right of it is Outbound.
        offset = event.get_content_offset(self)
        if offset is None:  # on the padding: no choice made
            return
        inbound_width = len(f"◉ {LABELS[INBOUND]}") + len(_GAP) // 2
        self._pick(INBOUND if offset.x < inbound_width else OUTBOUND)
