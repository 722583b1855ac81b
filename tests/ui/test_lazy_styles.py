"""Tests of connect_tui.ui.lazy_styles: styles worked out later are the styles Textual gives."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from connect_tui.ui.app import ComposerApp
from connect_tui.ui.widgets.fields import FieldInput
from tests.drafts import typical_draft

COMPONENTS = ("input--cursor", "input--placeholder", "input--suggestion", "input--selection")


class TwoInputs(App[None]):
    """A lazy Input beside Textual's own, with the same CSS around them."""

    def compose(self) -> ComposeResult:
        yield FieldInput(placeholder="lazy", id="lazy")
        yield Input(placeholder="eager", id="eager")


def rules(app: App[None], name: str) -> dict[str, object]:
    """The render rules of one component of each Input, keyed by the Input's id."""
    return {
        field.id or "": field.get_component_styles(name).get_render_rules()
        for field in app.screen.query(Input)
    }


async def test_a_lazy_input_styles_its_parts_as_textual_does_and_again_on_a_change() -> None:
    app = TwoInputs()
    async with app.run_test(size=(40, 6)) as pilot:
        lazy = app.query_one("#lazy", FieldInput)
        # Drawn: its cursor and placeholder were styled; never drawn: no suggestion, selection.
        assert set(lazy._component_styles) == {"input--cursor", "input--placeholder"}
        for name in COMPONENTS:
            found = rules(app, name)
            assert found["lazy"] == found["eager"], name
        before = lazy.get_component_styles("input--cursor").get_render_rules()
        # Focus and a theme change restyle the field: its parts follow, as Textual's do.
        lazy.focus()
        app.theme = "textual-light"
        await pilot.pause()
        app.query_one("#eager", Input).focus()
        await pilot.pause()
        for name in COMPONENTS:
            found = rules(app, name)
            assert found["lazy"] == found["eager"], name
        assert lazy.get_component_styles("input--cursor").get_render_rules() != before


async def test_the_composer_styled_once_is_styled_as_a_second_pass_would_style_it() -> None:
    # StyledOnMount skips Textual's restyle of the whole screen when it is first shown:
    # a restyle now must change nothing.
    app = ComposerApp(typical_draft(), None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.composer
        nodes = list(screen.walk_children(with_self=True))
        before = [node.styles.get_render_rules() for node in nodes]
        app.update_styles(screen)
        assert [node.styles.get_render_rules() for node in nodes] == before
