"""The space beside the form: every tab in the bar at 120 columns, the live request when the
draft has no problem, the problems when it has some, and long problems shown whole."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Tab

from connect_tui.core.defaults import new_draft
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.screens.composer import ComposerScreen
from connect_tui.ui.widgets.live_request import LiveRequest
from connect_tui.ui.widgets.side_panel import SidePanel
from tests.drafts import largest_legal_draft
from tests.ui.composer_pilot import ready, screen_text, until


async def request_shown(pilot: Pilot[int]) -> tuple[ComposerScreen, SidePanel, LiveRequest]:
    """Once the composer is ready and its live request shown: the screen, panel and view."""
    composer = await ready(pilot)
    side = composer.query_one(SidePanel)
    await until(pilot, lambda: side.shows_request and bool(side.query(LiveRequest)))
    return composer, side, side.query_one(LiveRequest)


async def test_wide_screen_shows_every_tab_and_the_live_request(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        for tab in composer.query(Tab):
            assert tab.region.right <= 120 and tab.region.width > 0, tab.label_text
        side = composer.query_one(SidePanel)
        await until(pilot, lambda: side.shows_request and bool(side.query(LiveRequest)))
        view = side.query_one(LiveRequest)
        assert view.display and '"InstanceId"' in view.text
        # An edit shows at once; a problem takes the column back.
        composer.draft.request["EmailMessage"]["RawMessage"]["Subject"] = "[b]Live[/b]"
        composer.check_now()
        await pilot.pause()
        assert '"Subject": "[b]Live[/b]"' in view.text  # text, never markup
        view.scroll_to(y=12, animate=False)
        await pilot.pause()
        assert "[b]Live[/b]" in screen_text(app)
        composer.draft.request["FromEmailAddress"]["EmailAddress"] = "not an address"
        composer.check_now()
        await pilot.pause()
        assert not side.shows_request and not view.display
        assert "Problems: 1 error" in screen_text(app)


async def test_a_request_slow_to_render_follows_once_typing_pauses(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        side = composer.query_one(SidePanel)
        await until(pilot, lambda: side.shows_request and bool(side.query(LiveRequest)))
        view = side.query_one(LiveRequest)
        side._written = 200_000  # as if the last key wrote a member that large again
        composer.draft.request["EmailMessage"]["RawMessage"]["Subject"] = "typed"
        composer.check_now()
        assert '"Subject": "typed"' not in view.text  # not while keys may follow
        await until(pilot, lambda: '"Subject": "typed"' in view.text)


async def test_the_largest_legal_request_follows_every_key(profiles_dir: Path) -> None:
    """Each key writes again only the members it changed: no wait for a pause in typing
    (before, a request over 20,000 characters was rendered 0.3 s after the last key)."""
    app = ComposerApp(largest_legal_draft())
    async with app.run_test(size=(120, 40)) as pilot:
        composer, side, view = await request_shown(pilot)
        await until(pilot, lambda: '"InstanceId"' in view.text)
        assert len(view.text) > 50_000
        composer.draft.request["Name"] = "typed"
        composer.check_now()
        assert '"Name": "typed"' in view.text  # at once, in the frame of the key
        assert not view.border_subtitle
        # A problem hides the request, and fixing it shows it again: its 1,500 lines are
        # not wrapped again for that (before, each time, in the frame of the key).
        wraps = 0
        rewrap = view._rewrap_and_refresh_virtual_size

        def counted() -> None:
            nonlocal wraps
            wraps += 1
            rewrap()

        view._rewrap_and_refresh_virtual_size = counted  # type: ignore[method-assign]
        composer.pane("addresses").query_one("#from-address").focus()
        await pilot.press("end", "space")  # no space in an address
        await until(pilot, lambda: not view.display)
        await pilot.press("backspace")
        await until(pilot, lambda: view.display and view.region.height > 0)
        await pilot.pause()
        assert wraps == 0


async def test_narrow_screen_keeps_problems_only(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        side = composer.query_one(SidePanel)
        assert not side.shows_request and not side.query(LiveRequest)
        assert "Problems: none" in screen_text(app)


async def test_a_long_problem_is_shown_to_its_last_line(profiles_dir: Path) -> None:
    """Defect 9 of issue 15: with a scrollbar the last line of a long message was cut."""
    draft = new_draft("long")
    draft.request["RelatedContactId"] = "x" * 300
    draft.request["AdditionalRecipients"] = {
        "ToAddresses": [{"EmailAddress": f"bad address {n}"} for n in range(12)]
    }
    app = ComposerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        composer.files.open_draft(draft, None)
        await until(pilot, lambda: len(composer.problems) == 13)
        await pilot.pause()
        problems = composer.problems_list
        problems.scroll_home(animate=False)
        await pilot.pause()
        text = screen_text(app)
        first = composer.problems[0] if "RelatedContactId" in str(composer.problems[0]) else None
        assert first is not None
        # The whole first message is in the column (wrapped over lines): its last word too.
        column = "".join(line.split("│")[-2] for line in text.splitlines() if line.count("│") >= 2)
        assert "".join(first.message.split()) in "".join(column.split()), text


async def test_the_request_follows_the_width_and_keeps_its_drawn_lines(
    profiles_dir: Path,
) -> None:
    """The panel shows and hides the request itself (not by a class on the whole panel,
    which restyled the request and made it draw every line again): on a wide screen with
    no problem only, and after a problem came and went the lines it drew are kept."""
    app = ComposerApp(largest_legal_draft())
    async with app.run_test(size=(120, 40)) as pilot:
        composer, side, view = await request_shown(pilot)
        await pilot.pause()
        shown = screen_text(app)
        assert '"InstanceId"' in shown
        await pilot.resize_terminal(80, 30)
        await until(pilot, lambda: not view.display)
        assert '"InstanceId"' not in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: view.display and view.region.height > 0)
        await pilot.pause()
        assert '"InstanceId"' in screen_text(app)

        address = composer.draft.request["FromEmailAddress"]["EmailAddress"]
        composer.draft.request["FromEmailAddress"]["EmailAddress"] = "not an address"
        composer.check_now()
        await until(pilot, lambda: not view.display)
        composer.draft.request["EmailMessage"]["RawMessage"]["Subject"] = "typed while hidden"
        composer.check_now()
        await until(pilot, lambda: '"Subject": "typed while hidden"' in view.text)
        await pilot.pause()  # kept current while hidden, just after the frame
        composer.draft.request["FromEmailAddress"]["EmailAddress"] = address
        view._line_cache.misses = 0
        composer.check_now()
        await until(pilot, lambda: view.display and view.region.height > 0)
        await pilot.pause()
        assert '"InstanceId"' in screen_text(app)
        assert view._line_cache.misses <= 2, "the request drew its unchanged lines again"

        view.scroll_to(y=40, animate=False)  # the reader scrolls down; keys keep it there
        await pilot.pause()
        assert view.scroll_offset.y == 40
        composer.draft.request["EmailMessage"]["RawMessage"]["Subject"] = "typed on"
        composer.check_now()
        await pilot.pause()
        assert '"Subject": "typed on"' in view.text
        assert view.scroll_offset.y == 40, "an edit scrolled the request back to its top"
