"""Provides OperationSwitch: inbound (StartEmailContact) or outbound (StartOutboundEmailContact).

It reports a change of operation (`OperationSwitch.Changed`); on the user's, the composer
screen converts the draft (connect_tui.core.conversion.switch_operation) and reloads the
panes, then shows the draft's operation with `set_operation` inside
`quietly(screen, OperationSwitch.Changed)` (connect_tui.ui.widgets.pane), so its own change
is not reported back.
"""

from __future__ import annotations

from typing import Final

from connect_tui.core.model import INBOUND, OPERATIONS, OUTBOUND
from connect_tui.ui.widgets.choices import Choices

#: What each operation is called on the switch.
LABELS: Final = {INBOUND: "Inbound", OUTBOUND: "Outbound"}


class OperationSwitch(Choices):
    """`◉ Inbound  ○ Outbound` on one line: left / right / space, or a click, change it."""

    DEFAULT_CSS = """
    OperationSwitch {
        width: auto;
        padding: 0 1;
    }
    """

    class Changed(Choices.Changed):
        """The user picked another operation."""

        @property
        def operation(self) -> str:
            """StartEmailContact or StartOutboundEmailContact."""
            return self.value

        @property
        def switch(self) -> OperationSwitch:
            """The switch that changed."""
            assert isinstance(self.choices, OperationSwitch)
            return self.choices

        @property
        def control(self) -> OperationSwitch:
            """The switch that changed."""
            return self.switch

    def __init__(
        self, operation: str = INBOUND, *, id: str | None = None, classes: str | None = None
    ) -> None:
        self._check(operation)
        super().__init__(OPERATIONS, operation, labels=LABELS, id=id, classes=classes)
        self.tooltip = "Inbound: StartEmailContact · Outbound: StartOutboundEmailContact"

    @staticmethod
    def _check(operation: str) -> None:
        if operation not in LABELS:
            raise ValueError(f"unknown operation {operation!r}")

    @property
    def operation(self) -> str:
        """The operation currently chosen."""
        return self.value

    def set_operation(self, operation: str) -> None:
        """Show `operation` as chosen (Changed when it differs: set it inside `quietly`)."""
        self._check(operation)
        self.set_value(operation)

    def action_choose(self, which: str) -> None:
        """Pick `inbound` or `outbound` as the user would (posts Changed when it differs)."""
        self.pick(OUTBOUND if which == "outbound" else INBOUND)
