"""Pilot tests of RowList: showing, typing, adding, removing and moving rows by keys and mouse."""

from __future__ import annotations

from textual.widgets import Button, Select

from connect_tui.ui.widgets.rows import RemoveRow
from tests.ui.form_keys import retype
from tests.ui.rows_host import ROWS, Host, cell, drawn_lines, names


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
