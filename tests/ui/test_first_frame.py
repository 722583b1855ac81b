"""The composer's first frame: its stand-ins draw what the real widgets draw, and no key is lost.

The first frame shows sketches of the draft bar and the Addresses pane, a Static for the
Problems list and one for the footer (connect_tui.ui.screens.first_frame); right after it the real widgets take
their places. Here the first frame is compared, cell for cell, with the frame the real
widgets draw in the same state (every theme, both operations, placeholders, both layouts),
and keys, a paste and a click that come before the real widgets are in must land where the
real widgets would have taken them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rich.style import Style
from textual import events
from textual.app import App
from textual.geometry import Size
from textual.widgets import Footer, Input

from connect_tui.core import settings
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND, Draft, Target
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens import pane_deck
from connect_tui.ui.screens.composer import ComposerScreen
from connect_tui.ui.screens.first_frame import FirstFrame
from connect_tui.ui.terminal_input import KeyBurst
from connect_tui.ui.widgets.addresses_sketch import sketch_fits
from connect_tui.ui.widgets.draft_bar import DraftBar, DraftBarSketch
from connect_tui.ui.widgets.footer import FittingFooter
from connect_tui.ui.widgets.problems import ProblemsList

Cell = tuple[object, ...]


def cells(app: App[Any]) -> list[list[Cell]]:
    """What the screen shows, cell by cell: the character, its background and, where it
    shows, how it is drawn (a space's foreground colour cannot be seen)."""
    rows = []
    # The compositor's own strips: what Textual writes to the terminal (no public API).
    for strip in app.screen._compositor.render_strips():
        row: list[Cell] = []
        for segment in strip:
            style = segment.style or Style()
            for char in segment.text:
                marked = style.reverse or style.underline or style.strike
                ink = char != " " or marked
                row.append(
                    (
                        char,
                        style.bgcolor,
                        style.color if ink else None,
                        bool(style.bold) and ink,
                        bool(style.italic) and ink,
                        bool(style.dim) and ink,
                        bool(marked),
                    )
                )
        rows.append(row)
    return rows


@contextmanager
def first_frame_only(monkeypatch: pytest.MonkeyPatch, *, real: bool) -> Iterator[None]:
    """The composer stays as its first frame has it (nothing is mounted after it), shown
    with the stand-ins, or (`real`) with the real widgets in their places, the footer still
    without keys as at the first frame."""

    async def not_yet(self: ComposerScreen) -> None:
        return None

    with monkeypatch.context() as patch:
        patch.setattr(ComposerScreen, "_mount_other_panes", not_yet)
        # Steady cursors: the first frame is drawn before a blink could hide one.
        patch.setattr(Input, "_toggle_cursor", lambda self: None)
        if real:
            patch.setattr(pane_deck, "sketch_fits", lambda draft, size: False)
            patch.setattr(DraftBarSketch, "fits", staticmethod(lambda bar, switch, width: False))
            patch.setattr(FirstFrame, "footer", lambda self: FittingFooter())
            patch.setattr(FirstFrame, "problems", lambda self: ProblemsList(id="problems"))
            patch.setattr(Footer, "bindings_changed", lambda self, screen: None)
        yield


async def first_frame(
    draft: Draft, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch, *, real: bool
) -> list[list[Cell]]:
    """The composer's first frame for `draft`, with the stand-ins or the real widgets."""
    with first_frame_only(monkeypatch, real=real):
        app = ComposerApp(draft.copy())
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            composer = app.composer
            assert bool(composer.query("#pane-sketch")) is not real
            assert bool(composer.query("#draft-bar-sketch")) is not real
            return cells(app)


def with_placeholders() -> Draft:
    """A draft with empty fields: their placeholders show, the focused one's with the cursor."""
    draft = new_draft("placeholders")
    draft.request["FromEmailAddress"] = {"DisplayName": "Ann Müller"}
    return draft


def outbound_draft() -> Draft:
    """An outbound draft: Destination has a display name row."""
    draft = new_draft("reply", operation=OUTBOUND)
    draft.request["DestinationEmailAddress"] = {
        "EmailAddress": "customer@example.com",
        "DisplayName": "Customer",
    }
    return draft


def to_aws() -> Draft:
    """A draft sent to AWS: the draft bar shows its target in the accent colour, bold."""
    draft = new_draft("to-aws")
    draft.target = Target(kind="aws", region="eu-west-2", aws_profile="demo")
    return draft


@pytest.mark.parametrize(
    ("make_draft", "size"),
    [
        (lambda: new_draft("first"), (80, 24)),
        (with_placeholders, (100, 32)),
        (outbound_draft, (120, 40)),
        (to_aws, (100, 32)),
        # The smallest terminals the sketch draws on (`sketch_fits`): nothing wraps or scrolls.
        (lambda: new_draft("first"), (64, 19)),
        (outbound_draft, (80, 20)),
    ],
    ids=[
        "inbound-80x24",
        "placeholders-100x32",
        "outbound-120x40",
        "aws-100x32",
        "inbound-64x19",
        "outbound-80x20",
    ],
)
async def test_the_first_frame_is_the_real_widgets_cell_for_cell(
    make_draft: Any, size: tuple[int, int], profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_draft()
    sketched = await first_frame(draft, size, monkeypatch, real=False)
    real = await first_frame(draft, size, monkeypatch, real=True)
    assert sketched == real


@pytest.mark.parametrize(
    "theme", ["connect-light", "connect-high-contrast", "textual-light", "nord", "textual-ansi"]
)
async def test_the_first_frame_is_the_same_in_other_themes(
    theme: str, profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.remember_theme(theme)
    draft = with_placeholders()
    sketched = await first_frame(draft, (100, 32), monkeypatch, real=False)
    real = await first_frame(draft, (100, 32), monkeypatch, real=True)
    assert sketched == real


def test_the_sketch_refuses_what_it_cannot_draw_exactly() -> None:
    draft = new_draft("fits")
    assert sketch_fits(draft, Size(80, 24))
    assert sketch_fits(draft, Size(110, 24))  # wide: the pane is 66 columns
    assert sketch_fits(draft, Size(64, 19))  # the smallest: see the test above
    assert not sketch_fits(draft, Size(63, 24))  # a hint would wrap
    assert not sketch_fits(draft, Size(80, 18))  # the pane would scroll
    assert not sketch_fits(outbound_draft(), Size(80, 19))  # one line more outbound
    long = new_draft("long")
    long.request["FromEmailAddress"]["EmailAddress"] = "x" * 60 + "@example.com"
    assert not sketch_fits(long, Size(80, 24))  # the value is wider than its field
    assert sketch_fits(long, Size(100, 24))


async def test_a_terminal_the_sketch_cannot_fill_gets_the_real_pane(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("small"))
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            composer = app.composer
            assert not composer.query("#pane-sketch")
            assert [pane.NAME for pane in composer.panes] == ["addresses"]
            assert isinstance(app.focused, Input) and app.focused.id == "from-address"


async def test_a_name_too_long_for_the_bar_sketch_gets_the_real_bar(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("n" * 60))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            composer = app.composer
            assert not composer.query("#draft-bar-sketch")
            assert composer.query_one(DraftBar).is_mounted
            assert composer.query("#pane-sketch")  # the pane's sketch does not depend on it


async def test_keys_typed_at_the_first_frame_land_in_the_first_field(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("early"))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            composer = app.composer
            assert composer.first_frame.sketched and app.focused is None
            # The cursor is at the end of the value and nothing is selected: as before.
            await pilot.press(*".uk", "tab", "end", "ctrl+u", *"Ann")
            await pilot.pause()
            assert not composer.first_frame.sketched
            assert not composer.query(
                "#pane-sketch, #problems-sketch, #footer-sketch, #draft-bar-sketch"
            )
            assert composer.query_one(DraftBar).is_mounted
            pane = composer.pane("addresses")
            assert pane.query_one("#from-address", Input).value == "customer@example.com.uk"
            assert pane.query_one("#from-name", Input).value == "Ann"
            assert composer.draft.request["FromEmailAddress"] == {
                "EmailAddress": "customer@example.com.uk",
                "DisplayName": "Ann",
            }
            assert composer.query_one(ProblemsList) and composer.query_one(FittingFooter)


async def test_the_real_pane_comes_focused_as_the_first_frame_showed_it(
    profiles_dir: Any,
) -> None:
    app = ComposerApp(new_draft("focus"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.composer.first_frame.replace()
        field = app.focused
        assert isinstance(field, Input) and field.id == "from-address"
        assert field.selection.is_empty and field.cursor_position == len(field.value)


async def test_a_paste_at_the_first_frame_lands_in_the_first_field(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("paste"))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert app.composer.first_frame.sketched
            app.post_message(events.Paste(".uk"))
            await pilot.pause()
            field = app.focused
            assert isinstance(field, Input) and field.id == "from-address"
            assert field.value == "customer@example.com.uk"


async def test_a_burst_read_at_the_first_frame_lands_in_the_first_fields(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("burst"))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert app.composer.first_frame.sketched
            # Keys typed ahead at start-up come in one read, as one KeyBurst.
            typed = [events.Key(char, char) for char in ".uk"]
            typed += [events.Key("tab", None), *(events.Key(char, char) for char in "Jr")]
            app.post_message(KeyBurst(typed))
            await pilot.pause()
            pane = app.composer.pane("addresses")
            assert pane.query_one("#from-address", Input).value == "customer@example.com.uk"
            assert pane.query_one("#from-name", Input).value == "Jr"  # tab selects all


async def test_a_click_at_the_first_frame_lands_on_the_field_clicked(
    profiles_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with first_frame_only(monkeypatch, real=False):
        app = ComposerApp(new_draft("click"))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert app.composer.first_frame.sketched
            # The Display name field: the pane's fourth line, right of its 20-column label.
            # Posted to the app as the terminal's driver does (Pilot's clicks skip App.on_event).
            region = app.composer.query_one("#pane-sketch").region
            x, y = region.x + 30, region.y + 3
            for event in (events.MouseDown, events.MouseUp, events.Click):
                arguments = dict(delta_x=0, delta_y=0, button=1, shift=False, meta=False)
                app.post_message(event(None, x, y, **arguments, ctrl=False, screen_x=x, screen_y=y))
            await pilot.pause()
            field = app.focused
            assert isinstance(field, Input) and field.id == "from-name"
