"""Pilot tests of Choices: once mounted every change posts Changed (a pane mutes its own)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from connect_tui.ui.widgets.choices import Choices


class ChoicesApp(App[None]):
    """Hosts one Choices set up before it is mounted."""

    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str] = []
        self.choices = Choices(("a", "b"), id="c")
        self.choices.set_choices(("a", "b"), "odd")  # before mount: kept, and offered

    def compose(self) -> ComposeResult:
        yield self.choices

    def on_choices_changed(self, message: Choices.Changed) -> None:
        assert message.control is self.choices
        self.picked.append(message.value)


async def test_loaded_value_outside_the_choices_is_kept_and_keys_pick() -> None:
    app = ChoicesApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.choices
        assert choices.value == "odd" and choices.choices == ("a", "b", "odd")
        assert app.picked == []
        choices.focus()
        await pilot.press("right")  # at the end already: nothing
        await pilot.press("space")  # wraps to the first
        await pilot.press("right")
        await pilot.pause()
        assert app.picked == ["a", "b"]
        choices.set_value("a")  # a change the program makes is posted too
        await pilot.pause()
        assert app.picked == ["a", "b", "a"] and choices.value == "a"
        await pilot.click(Choices, offset=(6, 0))  # "◉ a  " is 5 columns, then "○ b"
        await pilot.pause()
        assert choices.value == "b" and app.picked[-1] == "b"
        await pilot.click(Choices, offset=(12, 0))  # then "○ odd"
        await pilot.pause()
        assert choices.value == "odd" and app.picked[-1] == "odd"
