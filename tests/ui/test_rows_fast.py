"""Pilot tests of RowList at full speed and as drawn: keys right after ctrl+n, pastes, rapid
removes, Tab through every row, the drawn rows' marks, clicks on drawn cells, scrolling."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Input, Select

from connect_tui.ui.widgets.row_table import RowTable
from connect_tui.ui.widgets.rows import RowList
from tests.ui.keys_burst import burst, send_bytes
from tests.ui.rows_host import COLUMNS, ROWS, Host, cell, names
from tests.xterm_keys import xterm_keys


async def test_text_typed_right_after_ctrl_n_lands_in_the_new_row() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "name").focus()
        await pilot.pause()
        await burst(pilot, "ctrl+n", "abc", "tab", "tab", "XY", "ctrl+n", "Z1")
        assert names(app) == ["a", "abc", "Z1", "b", "c"]
        assert app.row_list.rows[1]["value"] == "XY"
        assert cell(app, 2, "name").has_focus


async def test_a_paste_right_after_ctrl_n_lands_in_the_new_row() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "name").focus()
        await pilot.pause()
        await send_bytes(pilot, xterm_keys("ctrl+n") + "\x1b[200~pasted\x1b[201~")
        assert names(app) == ["a", "pasted", "b", "c"]


async def test_rapid_ctrl_d_removes_exactly_the_focused_rows() -> None:
    many = [{"name": f"n{i}", "kind": "", "value": ""} for i in range(14)]
    app = Host(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 3, "value").focus()
        await pilot.pause()
        await burst(pilot, *["ctrl+d"] * 11)
        assert names(app) == ["n0", "n1", "n2"]
        assert cell(app, 2, "value").has_focus


async def test_up_down_and_alt_arrows_at_full_speed_keep_their_rows() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "name").focus()
        await pilot.pause()
        # A cell focused by up/down has its text selected (Input's select_on_focus).
        await burst(pilot, "down", "1", "down", "2", "alt+up", "3", "up", "4")
        assert names(app) == ["4", "23", "1"]


async def test_tab_and_shift_tab_go_through_the_cells_of_every_row() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "value").focus()
        await pilot.pause()
        await burst(pilot, "tab", "N")  # the last cell of row 0: on to row 1's first
        assert cell(app, 1, "name").has_focus
        assert names(app) == ["a", "N", "c"]  # a cell reached by tab has its text selected
        await burst(pilot, "shift+tab")
        assert cell(app, 0, "value").has_focus
        cell(app, 2, "kind").focus()
        await burst(pilot, "tab", "tab")  # the last row's last cell, then the Add button
        assert isinstance(app.focused, Button)
        await burst(pilot, "shift+tab", "end", "!")  # back to the last row's last cell
        assert cell(app, 2, "value").has_focus
        assert app.row_list.rows[2]["value"] == "three!"
        assert len(app.changes) == 2


class Form(Host):
    """A field, then the RowList: focus comes into the list from outside."""

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield RowList(COLUMNS, noun="thing", id="things")


async def test_the_list_is_entered_at_its_first_row_whichever_row_was_edited_last() -> None:
    app = Form(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 2, "value").focus()
        await burst(pilot, *["shift+tab"] * 8)  # every cell before it, across the rows
        assert cell(app, 0, "name").has_focus
        await burst(pilot, "shift+tab")
        assert app.focused is app.query_one("#before", Input)
        await burst(pilot, "tab", "X")
        assert cell(app, 0, "name").has_focus
        assert names(app) == ["X", "b", "c"]


async def test_drawn_rows_show_marks_and_escape_control_characters() -> None:
    app = Host([*ROWS, {"name": "\x1b[2Jboom", "kind": "", "value": ""}])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bad = cell(app, 2, "value").add_class("-invalid")
        bad.tooltip = "not a number"
        await pilot.pause()
        # Hovering a drawn cell shows its tooltip, as hovering the field would.
        assert await pilot.hover(offset=app.row_list.cell_region(2, "value").offset)
        table = app.row_list.query_one(".rows-below", RowTable)
        assert table.tooltip == "not a number"
        assert await pilot.hover(offset=app.row_list.cell_region(2).offset)
        assert table.tooltip == "Remove this row (ctrl+d)"
        assert bad.has_class("-invalid") and not cell(app, 1, "value").has_class("-invalid")
        # Drawn the way the live row's field shows the same mark: the same colors.
        drawn = app.screen.get_style_at(*app.row_list.cell_region(2, "value").offset)
        plain = app.screen.get_style_at(*app.row_list.cell_region(1, "value").offset)
        assert drawn.bgcolor != plain.bgcolor
        cell(app, 2, "name").focus()
        await pilot.pause()
        live_row = app.row_list.query_one(".rows-live")
        (live_field,) = [c for c in live_row.query(Input) if c.name == "value"]
        assert live_field.has_class("-invalid") and str(live_field.tooltip) == "not a number"
        app.screen.set_focus(None)  # no focus tint, to compare the colors
        await pilot.pause()
        live = app.screen.get_style_at(*app.row_list.cell_region(2, "value").offset)
        assert (live.bgcolor, live.color) == (drawn.bgcolor, drawn.color)
        # Text from a file is shown, never obeyed: the escape is drawn as \x1b.
        line = app.screen.get_widget_at(*app.row_list.cell_region(3, "name").offset)
        assert isinstance(line[0], RowTable)
        text = "".join(s.text for s in line[0].render_line(3 - line[0].start))
        assert "\\x1b[2Jboom" in text and "\x1b" not in text
        assert app.changes == []


async def test_a_click_on_a_drawn_choice_opens_its_list() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click(offset=app.row_list.cell_region(2, "kind").offset)
        await pilot.pause()
        select = app.query_one(".rows-live").query_one(Select)
        assert select.expanded
        await pilot.press("up", "enter")  # STRING -> URL
        await pilot.pause()
        assert app.row_list.rows[2]["kind"] == "URL"


async def test_a_cell_of_a_row_out_of_view_scrolls_into_view_when_asked() -> None:
    many = [{"name": f"n{i}", "kind": "", "value": str(i)} for i in range(100)]
    app = Host(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        far = cell(app, 90, "value")
        assert not app.screen.region.contains_region(app.row_list.cell_region(90, "value"))
        far.scroll_visible()
        await pilot.pause()
        assert app.screen.region.contains_region(app.row_list.cell_region(90, "value"))
        assert not far.has_focus  # only scrolled
