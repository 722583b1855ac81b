"""PartMarks: a problem mark on a whole RowList restyles the list and the parts the mark
colours (its header and status line), not its every field, and looks as a whole restyle
would make it look."""

from __future__ import annotations

from textual.widget import Widget

from connect_tui.ui.widgets.pane import INVALID, WARNING
from tests.ui.restyles import record_restyles
from tests.ui.rows_host import ROWS, Host


def looks(root: Widget) -> dict[Widget, tuple[object, ...]]:
    return {
        node: (node.styles.color, node.styles.background, node.styles.text_style)
        for node in root.walk_children(Widget, with_self=True)
    }


async def test_a_mark_restyles_only_the_parts_it_colours() -> None:
    app = Host([dict(row) for row in ROWS * 10])
    async with app.run_test() as pilot:
        await pilot.pause()
        row_list = app.row_list
        restyled = record_restyles(app)
        header = row_list.query_one(".rows-header")
        before = header.styles.color
        for mark in (INVALID, WARNING):
            restyled.clear()
            row_list.add_class(mark)
            assert row_list.has_class(mark)
            assert header in restyled and row_list in restyled
            everything = list(row_list.walk_children(Widget, with_self=True))
            assert len(restyled) < len(everything) / 2, "the whole list was restyled"
            marked = looks(row_list)
            assert header.styles.color != before
            app.update_styles(row_list)  # Textual's whole restyle: the same looks
            assert looks(row_list) == marked
            row_list.remove_class(mark)
            assert header.styles.color == before
            unmarked = looks(row_list)
            app.update_styles(row_list)
            assert looks(row_list) == unmarked
        restyled.clear()
        row_list.add_class("-other")  # not a mark: Textual's way, everything inside
        assert len(restyled) == len(list(row_list.walk_children(Widget, with_self=True)))
