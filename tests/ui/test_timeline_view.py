"""The follow view's timeline shows every line it was given, however fast polls come."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from connect_tui.ui.widgets.follow_sections import TimelineLine, TimelineView


def _rows(count: int) -> list[tuple[Text, ...]]:
    return [
        (Text(f"06:24:{index:02d}"), Text(f"event {index}"), Text(f"detail {index}" * (index % 2)))
        for index in range(count)
    ]


def _expected(count: int) -> list[str]:
    lines = []
    for index in range(count):
        lines.append(f"06:24:{index:02d}  event {index}")
        if index % 2:
            lines.append(f"detail {index}")
    return lines


class _Follow(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield TimelineView(id="timeline")


def _shown(view: TimelineView) -> list[str]:
    return [str(line.render()) for line in view.query(TimelineLine)]


async def test_polls_close_together_leave_no_line_out() -> None:
    app = _Follow()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TimelineView)
        view.show(_rows(3))
        await pilot.pause()
        # Polls one after another in one turn of the loop (a wake after a key, then the
        # timer's), growing, then one shrinking, then the newest.
        view.show(_rows(5))
        view.show(_rows(8))
        view.show(_rows(6))
        view.show(_rows(9))
        await pilot.pause()
        assert _shown(view) == _expected(9)
        first = view.query(TimelineLine).first()
        view.show(_rows(10))
        await pilot.pause()
        assert _shown(view) == _expected(10)
        assert view.query(TimelineLine).first() is first  # kept, not mounted again


async def test_new_lines_leave_a_view_at_its_end_where_it_was() -> None:
    # The follow view keeps the newest lines in sight only while it is at its end: a
    # poll must never make the timeline shorter on its way to showing more, which would
    # pull the view up from its end (and the next poll would then stop following).
    app = _Follow()
    async with app.run_test(size=(60, 8)) as pilot:
        view = app.query_one(TimelineView)
        scroll = app.query_one(VerticalScroll)
        view.show(_rows(20))
        await pilot.pause()
        scroll.scroll_end(animate=False)
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        at_end = scroll.scroll_y
        for count in range(21, 26):
            view.show(_rows(count))
            await pilot.pause()
            assert scroll.scroll_y >= at_end, count
