"""ReadOnlyText: a new text replaces only what differs, and the result is exactly the text."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult
from textual.widgets import TextArea

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


def edited(rng: random.Random, text: str, alphabet: str, longest: int) -> str:
    """`text` with up to two lines replaced by up to two random ones (lines come and go)."""
    lines = text.split("\n")
    where = rng.randrange(len(lines))
    lines[where : where + rng.randrange(3)] = [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(longest)))
        for _ in range(rng.randrange(3))
    ]
    return "\n".join(lines)


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
            text = edited(rng, text, "xy{}é", 6)
            view.show(text)
            await pilot.pause()
            assert view.text == text
        assert not view.history.undo_stack


class TwoViews(App[None]):
    CSS = "TextArea { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield ReadOnlyText(id="view", soft_wrap=False)
        # Textual's own, as it draws: every line drawn afresh after every edit.
        yield TextArea(id="reference", read_only=True, soft_wrap=False)


def drawn(area: TextArea) -> list[list[tuple[str, object]]]:
    return [[(s.text, s.style) for s in area.render_line(y)] for y in range(area.size.height)]


def on_screen(app: App[None], area: TextArea) -> list[str]:
    """What the screen shows where `area` is, as the compositor puts it together from what
    each widget has drawn (a line the widget changed but did not mark shows stale)."""
    strips = app.screen._compositor.render_strips()
    region = area.region
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


async def test_lines_kept_across_edits_are_drawn_as_textual_draws_them() -> None:
    """A line is kept by its text and place: after each edit (lines changed, added and
    removed, the widest line changing) the view draws what Textual's TextArea draws for
    the same text, and a one-line change draws only that line again."""
    rng = random.Random(11)
    app = TwoViews()
    async with app.run_test(size=(60, 24)) as pilot:
        view = app.query_one("#view", ReadOnlyText)
        reference = app.query_one("#reference", TextArea)
        reference.match_cursor_bracket = False
        app.set_focus(None)  # neither draws a cursor
        text = "\n".join(f'  "line {n}": "{"v" * (n % 7)}",' for n in range(40))
        view.show(text)
        for _ in range(30):
            text = edited(rng, text, 'ab "{}:', 30)
            view.show(text)
            reference.load_text(text)
            await pilot.pause()
            reference.scroll_to(*view.scroll_offset, animate=False)  # loading scrolls home
            await pilot.pause()
            assert drawn(view) == drawn(reference)
            assert on_screen(app, view) == on_screen(app, reference)
            if rng.random() < 0.3:  # from the middle too: lines above and below the edits
                view.scroll_to(y=rng.randrange(10), animate=False)
                reference.scroll_to(y=view.scroll_offset.y, animate=False)
        # Edits that move nothing and widen nothing: only the changed lines are repainted,
        # and the screen shows each of them (a line left unmarked would show stale).
        text = "\n".join(f'  "k{n:02}": "{"v" * 20}",' for n in range(40))
        view.show(text)
        reference.load_text(text)
        await pilot.pause()
        view.scroll_to(y=3, animate=False)
        reference.scroll_to(y=3, animate=False)
        await pilot.pause()
        assert view.scroll_offset.y == reference.scroll_offset.y == 3
        for _ in range(12):
            lines = text.split("\n")
            for row in rng.sample(range(3, 3 + view.size.height), rng.randrange(1, 3)):
                lines[row] = lines[row][:12] + rng.choice("wxyz") * 5 + lines[row][17:]
            text = "\n".join(lines)
            view.show(text)
            reference.load_text(text)
            reference.scroll_to(y=3, animate=False)
            await pilot.pause()
            assert view.scroll_offset.y == 3  # the reader's scroll stays
            assert on_screen(app, view) == on_screen(app, reference)
        view.scroll_home(animate=False)
        await pilot.pause()
        drawn(view)
        view._line_cache.misses = 0
        text = text.replace('"k01"', '"j01"')  # the second line changes, nothing moves
        view.show(text)
        await pilot.pause()
        assert view._line_cache.misses == 1  # the frame drew the changed line only
        reference.load_text(text)
        await pilot.pause()
        assert drawn(view) == drawn(reference)
