"""ReadOnlyText: a new text replaces only what differs, and the result is exactly the text."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult

from connect_tui.ui.widgets.read_only_text import ReadOnlyText, common_prefix, common_suffix


def test_common_prefix_and_suffix_across_chunks() -> None:
    base = "".join(random.Random(3).choice("ab\n{}") for _ in range(20_000))
    changed = base[:9_000] + "XY" + base[9_001:]
    start = common_prefix(base, changed)
    assert start == 9_000
    assert common_suffix(base, changed, len(base) - start) == len(base) - 9_001
    assert common_prefix("abc", "abcd") == 3
    assert common_suffix("abc", "xbc", 3) == 2
    assert common_suffix("aaa", "aaaa", 0) == 0


class Viewer(App[None]):
    def compose(self) -> ComposeResult:
        yield ReadOnlyText(id="view")


async def test_show_leaves_exactly_the_new_text() -> None:
    rng = random.Random(7)
    app = Viewer()
    async with app.run_test() as pilot:
        view = app.query_one(ReadOnlyText)
        text = ""
        for _ in range(40):
            lines = text.split("\n")
            where = rng.randrange(len(lines))
            lines[where : where + rng.randrange(3)] = [
                "".join(rng.choice("xy{}é") for _ in range(rng.randrange(6)))
                for _ in range(rng.randrange(3))
            ]
            text = "\n".join(lines)
            view.show(text)
            await pilot.pause()
            assert view.text == text
        assert not view.history.undo_stack
