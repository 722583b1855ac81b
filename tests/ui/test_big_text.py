"""BigTextArea: its counted wrapped height is always the height Textual adds up."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult

from connect_tui.ui.widgets.big_text import BigTextArea


class Editor(App[None]):
    def compose(self) -> ComposeResult:
        yield BigTextArea("first line\n" * 50, id="area", soft_wrap=True)


def summed(area: BigTextArea) -> int:
    return sum(len(offsets) + 1 for offsets in area.wrapped_document._wrap_offsets)


async def test_the_counted_height_follows_every_edit_and_wrap() -> None:
    rng = random.Random(5)
    app = Editor()
    async with app.run_test(size=(40, 20)) as pilot:
        area = app.query_one(BigTextArea)
        for _ in range(60):
            lines = area.document.line_count
            start = (rng.randrange(lines), rng.randrange(5))
            end = (min(lines - 1, start[0] + rng.randrange(3)), rng.randrange(5))
            text = rng.choice(["", "x", "\n", "a much longer piece of text " * 3, "\n\nab"])
            area.replace(text, start, max(start, end))
            assert area.wrapped_document.height == summed(area)
        await pilot.resize_terminal(25, 20)  # a new width wraps every line again
        await pilot.pause()
        assert area.wrapped_document.height == summed(area)
        area.load_text("short\n" * 3)
        assert area.wrapped_document.height == summed(area) == 4


async def test_the_text_kept_joined_is_the_text_after_every_edit_undo_and_redo() -> None:
    rng = random.Random(7)
    app = Editor()
    async with app.run_test(size=(40, 20)):
        area = app.query_one(BigTextArea)
        for _ in range(40):
            assert area.text == "\n".join(area.document.lines)
            lines = area.document.line_count
            start = (rng.randrange(lines), rng.randrange(5))
            end = (min(lines - 1, start[0] + rng.randrange(3)), rng.randrange(5))
            area.replace(rng.choice(["", "x", "\n", "long text " * 3]), start, max(start, end))
            assert area.text == "\n".join(area.document.lines)
            if rng.random() < 0.3:
                area.undo() if rng.random() < 0.7 else area.redo()
        area.load_text("short\n" * 3)
        assert area.text == "short\n" * 3
