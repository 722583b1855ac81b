"""Pilot tests of OperationSwitch: Changed on every change, muted by its owner with quietly."""

from __future__ import annotations

from textual.app import App, ComposeResult

from connect_tui.core.model import INBOUND, OUTBOUND
from connect_tui.ui.widgets.operation import OperationSwitch
from connect_tui.ui.widgets.pane import quietly


class SwitchApp(App[None]):
    """Hosts one switch and records what it posts."""

    def __init__(self, operation: str = INBOUND) -> None:
        super().__init__()
        self.operation = operation
        self.picked: list[OperationSwitch.Changed] = []

    def compose(self) -> ComposeResult:
        yield OperationSwitch(self.operation, id="switch")

    def on_operation_switch_changed(self, message: OperationSwitch.Changed) -> None:
        self.picked.append(message)


async def test_click_posts_changed_with_the_operation() -> None:
    app = SwitchApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        switch = app.query_one(OperationSwitch)
        assert "◉ Inbound" in str(switch.render()) and "○ Outbound" in str(switch.render())
        await pilot.click(OperationSwitch, offset=(15, 0))  # on "Outbound"
        await pilot.pause()
        assert [m.operation for m in app.picked] == [OUTBOUND]
        assert app.picked[0].control is switch
        assert switch.operation == OUTBOUND
        assert "◉ Outbound" in str(switch.render())
        await pilot.click(OperationSwitch, offset=(15, 0))  # the same choice again: nothing new
        await pilot.pause()
        assert len(app.picked) == 1
        await pilot.click(OperationSwitch, offset=(3, 0))  # on "Inbound"
        await pilot.pause()
        assert [m.operation for m in app.picked] == [OUTBOUND, INBOUND]


async def test_keyboard_picks_the_other_operation() -> None:
    app = SwitchApp(OUTBOUND)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.query_one(OperationSwitch).focus()
        await pilot.press("right")  # already outbound: nothing
        await pilot.press("left")
        await pilot.press("space")
        await pilot.pause()
        assert [m.operation for m in app.picked] == [INBOUND, OUTBOUND]


async def test_set_operation_inside_quietly_is_quiet() -> None:
    app = SwitchApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        switch = app.query_one(OperationSwitch)
        with quietly(app, OperationSwitch.Changed):  # as the composer shows the draft's
            switch.set_operation(OUTBOUND)
        await pilot.pause()
        assert app.picked == []
        assert switch.operation == OUTBOUND
        assert "◉ Outbound" in str(switch.render())
        # The user can still pick inbound afterwards, and that is reported.
        switch.focus()
        await pilot.press("left")
        await pilot.pause()
        assert [m.operation for m in app.picked] == [INBOUND]
