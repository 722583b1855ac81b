"""Pilot tests of RowList: typing, adding, removing and moving rows by keys and by mouse."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Button, Input, Select

from connect_tui.ui.keys import run_binding_in_order
from connect_tui.ui.widgets.row_table import RowTable
from connect_tui.ui.widgets.rows import Column, RemoveRow, RowCell, RowList
from tests.ui.form_keys import retype
from tests.ui.keys_burst import burst, send_bytes
from tests.xterm_keys import xterm_keys

COLUMNS = (
    Column("name", "Name"),
    Column("kind", "Kind", choices=("URL", "STRING"), width="12"),
    Column("value", "Value", width="2fr"),
)
ROWS = [
    {"name": "a", "kind": "URL", "value": "https://a.example"},
    {"name": "b", "kind": "", "value": "two"},
    {"name": "c", "kind": "STRING", "value": "three"},
]


class Host(App[None]):
    """One RowList, with every Changed it posts recorded; keys taken as the composer takes them."""

    def __init__(self, rows: list[dict[str, str]], *, limit: int | None = None) -> None:
        super().__init__()
        self.initial = rows
        self.limit = limit
        self.changes: list[RowList.Changed] = []

    def compose(self) -> ComposeResult:
        yield RowList(COLUMNS, noun="thing", limit=self.limit, id="things")

    def on_mount(self) -> None:
        self.row_list.set_rows(self.initial)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if await run_binding_in_order(self, event):
                return
        await super().on_event(event)

    @property
    def row_list(self) -> RowList:
        return self.query_one(RowList)

    def on_row_list_changed(self, message: RowList.Changed) -> None:
        assert message.control is self.row_list
        self.changes.append(message)


def names(app: Host) -> list[str]:
    return [row["name"] for row in app.row_list.rows]


def cell(app: Host, row: int, key: str) -> RowCell:
    handle = app.row_list.field(row, key)
    assert isinstance(handle, RowCell)
    return handle


def drawn_lines(app: Host) -> int:
    """The lines the rows take: the live row's and the drawn tables'."""
    parts = [*app.row_list.query(RowTable), app.row_list.query_one(".rows-live")]
    return sum(part.region.height for part in parts if part.display)


async def test_set_rows_shows_values_and_posts_nothing() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.row_list.rows == ROWS
        assert cell(app, 1, "value").value == "two"
        assert cell(app, 0, "kind").value == "URL"
        assert cell(app, 1, "kind").value == ""
        assert drawn_lines(app) == 3  # one line a row
        assert app.row_list.field(3, "name") is None
        assert app.row_list.field(0, "nope") is None
        assert app.changes == []
        app.row_list.set_rows([{"name": "x"}])
        await pilot.pause()
        assert app.row_list.rows == [{"name": "x", "kind": "", "value": ""}]
        assert app.changes == []
        app.row_list.set_rows([])
        await pilot.pause()
        assert not app.row_list.query_one(".rows-header").display  # no headings over no rows
        assert app.row_list.query_one(".rows-empty").display


async def test_rows_are_drawn_not_mounted_and_a_handle_is_one_per_cell() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widgets = len(list(app.row_list.walk_children()))
        assert cell(app, 1, "name") is cell(app, 1, "name")
        many = [{"name": f"n{i}", "kind": "", "value": str(i)} for i in range(200)]
        app.row_list.set_rows(many)
        await pilot.pause()
        assert len(list(app.row_list.walk_children())) == widgets  # 200 rows: no more widgets
        assert drawn_lines(app) == 200
        assert [cell(app, i, "name").value for i in (0, 100, 199)] == ["n0", "n100", "n199"]
        app.row_list.set_rows([{**row, "name": row["name"] * 2} for row in ROWS])
        await pilot.pause()
        assert [cell(app, i, "name").value for i in range(3)] == ["aa", "bb", "cc"]
        assert app.changes == []


async def test_typing_changes_the_row_and_posts_changed() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, cell(app, 1, "value"), "2é")
        assert app.row_list.rows[1]["value"] == "2é"
        assert app.changes


async def test_choosing_in_a_select_changes_the_row() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 1, "kind").focus()
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "down", "down", "enter")  # blank, URL, STRING
        await pilot.pause()
        assert app.row_list.rows[1]["kind"] == "STRING"
        assert app.changes


async def test_ctrl_n_adds_after_the_focused_row_and_focuses_it() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "value").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert names(app) == ["a", "", "b", "c"]
        assert cell(app, 1, "name").has_focus
        await pilot.press("z")
        await pilot.pause()
        assert names(app) == ["a", "z", "b", "c"]
        assert len(app.changes) == 2


async def test_ctrl_d_removes_the_focused_row_and_focuses_a_neighbour() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 1, "value").focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert names(app) == ["a", "c"]
        assert cell(app, 1, "value").has_focus
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert names(app) == ["a"]
        assert cell(app, 0, "value").has_focus
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert names(app) == []
        assert isinstance(app.focused, Button)  # the Add button, so ctrl+n still works
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert names(app) == [""]
        assert len(app.changes) == 4


async def test_alt_up_and_down_move_the_focused_row() -> None:
    app = Host([{**row, "extra": f"x{i}"} for i, row in enumerate(ROWS)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        moved = cell(app, 2, "name")
        moved.focus()
        await pilot.press("alt+up")
        await pilot.pause()
        assert names(app) == ["a", "c", "b"]
        assert moved.has_focus
        assert cell(app, 1, "name") is moved
        await pilot.press("alt+up", "alt+up")  # the second is at the top already
        await pilot.pause()
        assert names(app) == ["c", "a", "b"]
        await pilot.press("alt+down")
        await pilot.pause()
        assert names(app) == ["a", "c", "b"]
        # Keys that are not columns ride along with their row.
        assert [row["extra"] for row in app.row_list.rows] == ["x0", "x2", "x1"]
        assert len(app.changes) == 3


async def test_mouse_adds_and_removes_rows() -> None:
    app = Host([*ROWS, {"name": "d"}])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The ✕ of a drawn row (the live row is the first).
        assert await pilot.click(offset=app.row_list.cell_region(1).offset)
        await pilot.pause()
        assert names(app) == ["a", "c", "d"]
        # A click on a drawn cell edits it: the live row moves there.
        assert await pilot.click(offset=app.row_list.cell_region(1, "value").offset)
        await pilot.pause()
        assert cell(app, 1, "value").has_focus
        # The ✕ of the live row, a widget.
        assert await pilot.click(app.row_list.query_one(".rows-live").query_one(RemoveRow))
        await pilot.pause()
        assert names(app) == ["a", "d"]
        assert await pilot.click(".rows-add")
        await pilot.pause()
        assert names(app) == ["a", "d", ""]
        assert cell(app, 2, "name").has_focus
        assert len(app.changes) == 3


async def test_limit_refuses_adding_beyond_it_and_counts() -> None:
    app = Host(ROWS, limit=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = app.row_list.query_one(".rows-status")
        assert "3 of 3" in str(status.render())
        cell(app, 0, "name").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(app.row_list.rows) == 3
        assert app.changes == []
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "2 of 3" in str(status.render())


async def test_status_line_and_markup_looking_text_are_literal() -> None:
    rows = [{"name": "[red]x", "kind": "[b]K", "value": "[link=http://e]y[/link]"}]
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.row_list.set_status("[bold]120[/bold] of 4,096 bytes")
        await pilot.pause()
        assert str(app.row_list.query_one(".rows-status").render()) == (
            "[bold]120[/bold] of 4,096 bytes"
        )
        # A loaded choice outside the Select's choices is shown and kept, not dropped.
        assert app.row_list.rows == rows
        assert cell(app, 0, "name").value == "[red]x"
        await retype(pilot, cell(app, 0, "value"), "[i]z")
        assert app.row_list.rows[0]["value"] == "[i]z"


async def test_set_rows_twice_before_the_rows_are_mounted() -> None:
    app = Host([])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.row_list.set_rows(ROWS)
        app.row_list.set_rows([{"name": "z", "kind": "EMAIL", "value": "v"}, *ROWS[1:]])
        await pilot.pause()
        assert cell(app, 0, "kind").value == "EMAIL"
        assert names(app) == ["z", "b", "c"]
        assert drawn_lines(app) == 3
        assert app.changes == []


async def test_many_rows_are_there_at_once_and_an_edit_goes_to_its_row() -> None:
    many = [{"name": f"n{i}", "kind": "", "value": str(i)} for i in range(100)]
    app = Host([])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.row_list.set_rows(many)
        assert app.row_list.rows == many  # the values are all there at once
        assert await app.row_list.add_row(100, {"name": "last"})
        assert cell(app, 100, "name").has_focus
        await pilot.press("x")
        await pilot.pause()
        assert names(app) == [*(f"n{i}" for i in range(100)), "lastx"]
        assert drawn_lines(app) == 101
        cell(app, 42, "value").focus()
        await pilot.press("end", "!")
        await pilot.pause()
        assert app.row_list.rows[42]["value"] == "42!"
        assert cell(app, 100, "name").value == "lastx"


async def test_up_and_down_go_to_the_same_cell_of_the_next_row() -> None:
    app = Host(ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell(app, 0, "value").focus()
        await pilot.press("down")
        assert cell(app, 1, "value").has_focus
        await pilot.press("down", "down")  # the last row: the key is left to others
        assert cell(app, 2, "value").has_focus
        await pilot.press("up", "up", "up")
        assert cell(app, 0, "value").has_focus
        assert app.changes == []


# -- keys at full speed (a burst: no pause between keys, as a terminal delivers them) -------


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
